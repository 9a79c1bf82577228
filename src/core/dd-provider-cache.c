/* dd-provider-cache.c: credentials reused until shortly before they expire. */
#define G_LOG_DOMAIN "dd-provider-cache"

#include "config.h"

#include "dd-error.h"
#include "dd-provider-cache.h"
#include "dd-provider-util.h"

struct _DdProviderCache
{
  GObject                parent_instance;
  DdCredentialsProvider *inner;
  DdCredentials         *cached;
  GPtrArray             *waiters;       /* Waiter, while a refresh runs */
  GCancellable          *refresh_cancellable;
  guint                  refresh_count;
  gint64                 margin;
  DdNowFunc              now_func;
  gpointer               now_data;
  GDestroyNotify         now_destroy;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderCache, dd_provider_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

/* A request waiting on the refresh; shared with its cancellation handler. */
typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
  gboolean done;
} Waiter;

static void
waiter_clear (Waiter *waiter)
{
  g_clear_object (&waiter->task);
}

static void
waiter_unref (Waiter *waiter)
{
  g_rc_box_release_full (waiter, (GDestroyNotify) waiter_clear);
}

static gboolean
waiter_cancel_idle (gpointer data)
{
  Waiter *waiter = data;

  if (!waiter->done)
    {
      waiter->done = TRUE;
      g_task_return_error_if_cancelled (waiter->task);
    }
  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     Waiter       *waiter)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, waiter_cancel_idle, g_rc_box_acquire (waiter), (GDestroyNotify) waiter_unref);
  g_source_attach (source, g_task_get_context (waiter->task));
  g_source_unref (source);
}

static GDateTime *
now (DdProviderCache *self)
{
  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return g_date_time_new_now_utc ();
}

/* Completes every waiter with credentials, or else with error. */
static void
complete_waiters (DdProviderCache *self,
                  DdCredentials   *credentials,
                  const GError    *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (waiter->cancelled_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancelled_id);
      if (waiter->done)
        continue;
      waiter->done = TRUE;
      if (credentials != NULL)
        g_task_return_pointer (waiter->task, dd_credentials_ref (credentials), (GDestroyNotify) dd_credentials_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdProviderCache) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(GDateTime) time_now = NULL;

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source), result, &error);
  g_clear_object (&self->refresh_cancellable);
  if (credentials != NULL)
    {
      g_clear_pointer (&self->cached, dd_credentials_unref);
      self->cached = dd_credentials_ref (credentials);
      complete_waiters (self, credentials, NULL);
      return;
    }
  time_now = now (self);
  if (self->cached != NULL && !dd_credentials_expires_within (self->cached, time_now, 0))
    {
      g_debug ("refreshing the credentials failed (%s); the current ones are still valid", error->message);
      complete_waiters (self, self->cached, NULL);
      return;
    }
  complete_waiters (self, NULL, error);
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderCache *self = DD_PROVIDER_CACHE (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GDateTime) time_now = now (self);
  Waiter *waiter;

  g_task_set_source_tag (task, get_credentials_async);
  if (self->cached != NULL && !dd_credentials_expires_within (self->cached, time_now, self->margin))
    {
      g_task_return_pointer (task, dd_credentials_ref (self->cached), (GDestroyNotify) dd_credentials_unref);
      return;
    }

  waiter = g_rc_box_new0 (Waiter);
  waiter->task = g_object_ref (task);
  g_ptr_array_add (self->waiters, waiter);
  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled_cb), waiter, NULL);
  if (self->refresh_cancellable != NULL)
    return;

  self->refresh_count++;
  self->refresh_cancellable = g_cancellable_new ();
  dd_credentials_provider_get_credentials_async (self->inner, self->refresh_cancellable,
                                                 refreshed_cb, g_object_ref (self));
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_cache_finalize (GObject *object)
{
  DdProviderCache *self = DD_PROVIDER_CACHE (object);

  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  g_clear_object (&self->inner);
  g_clear_pointer (&self->cached, dd_credentials_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_object (&self->refresh_cancellable);
  G_OBJECT_CLASS (dd_provider_cache_parent_class)->finalize (object);
}

static void
dd_provider_cache_class_init (DdProviderCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_cache_finalize;
}

static void
dd_provider_cache_init (DdProviderCache *self)
{
  self->margin = 300;
  self->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_unref);
}

DdCredentialsProvider *
dd_provider_cache_new (DdCredentialsProvider *inner)
{
  DdProviderCache *self;

  g_return_val_if_fail (DD_IS_CREDENTIALS_PROVIDER (inner), NULL);
  self = g_object_new (DD_TYPE_PROVIDER_CACHE, NULL);
  self->inner = g_object_ref (inner);
  return DD_CREDENTIALS_PROVIDER (self);
}

DdCredentialsProvider *
dd_provider_cache_get_inner (DdProviderCache *self)
{
  g_return_val_if_fail (DD_IS_PROVIDER_CACHE (self), NULL);
  return self->inner;
}

void
dd_provider_cache_set_now_func (DdProviderCache *self,
                                DdNowFunc        func,
                                gpointer         user_data,
                                GDestroyNotify   destroy)
{
  g_return_if_fail (DD_IS_PROVIDER_CACHE (self));
  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  self->now_func = func;
  self->now_data = user_data;
  self->now_destroy = destroy;
}

void
dd_provider_cache_set_refresh_margin (DdProviderCache *self,
                                      gint64           seconds)
{
  g_return_if_fail (DD_IS_PROVIDER_CACHE (self));
  self->margin = MAX (seconds, 0);
}

void
dd_provider_cache_invalidate (DdProviderCache *self)
{
  g_return_if_fail (DD_IS_PROVIDER_CACHE (self));
  g_clear_pointer (&self->cached, dd_credentials_unref);
}

guint
dd_provider_cache_get_refresh_count (DdProviderCache *self)
{
  g_return_val_if_fail (DD_IS_PROVIDER_CACHE (self), 0);
  return self->refresh_count;
}
