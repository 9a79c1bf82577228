/* dd-provider-chain.c: providers tried in order until one answers. */
#define G_LOG_DOMAIN "dd-provider-chain"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "dd-error.h"
#include "dd-provider-chain.h"
#include "dd-provider-container.h"
#include "dd-provider-env.h"
#include "dd-provider-imds.h"
#include "dd-provider-profile.h"
#include "dd-provider-util.h"
#include "dd-provider-web-identity.h"

typedef struct
{
  char                  *name;
  DdCredentialsProvider *provider;
} Link;

struct _DdProviderChain
{
  GObject  parent_instance;
  GArray  *links;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderChain, dd_provider_chain, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

typedef struct
{
  guint    next;
  GString *errors;
} Walk;

static void
walk_free (Walk *walk)
{
  g_string_free (walk->errors, TRUE);
  g_free (walk);
}

static void try_next (GTask *task);

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  DdProviderChain *self = g_task_get_source_object (task);
  Walk *walk = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DdCredentials *credentials;

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source), result, &error);
  if (credentials != NULL)
    {
      g_task_return_pointer (task, credentials, (GDestroyNotify) dd_credentials_unref);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_debug ("%s: %s", g_array_index (self->links, Link, walk->next - 1).name, error->message);
  g_string_append_printf (walk->errors, "\n- %s: %s", g_array_index (self->links, Link, walk->next - 1).name,
                          error->message);
  try_next (task);
}

static void
try_next (GTask *task)
{
  DdProviderChain *self = g_task_get_source_object (task);
  Walk *walk = g_task_get_task_data (task);
  Link *link;

  if (walk->next >= self->links->len)
    {
      if (walk->errors->len)
        /* The list of providers that were asked, one "\n- name: reason" each. */
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS, _("no credentials found:%s"),
                                 walk->errors->str);
      else
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS, "%s",
                                 _("no credentials found: no provider to ask"));
      g_object_unref (task);
      return;
    }
  link = &g_array_index (self->links, Link, walk->next++);
  dd_credentials_provider_get_credentials_async (link->provider, g_task_get_cancellable (task), answered_cb, task);
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  Walk *walk = g_new0 (Walk, 1);

  g_task_set_source_tag (task, get_credentials_async);
  walk->errors = g_string_new (NULL);
  g_task_set_task_data (task, walk, (GDestroyNotify) walk_free);
  try_next (task);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
link_clear (Link *link)
{
  g_free (link->name);
  g_clear_object (&link->provider);
}

static void
dd_provider_chain_finalize (GObject *object)
{
  DdProviderChain *self = DD_PROVIDER_CHAIN (object);

  g_array_unref (self->links);
  G_OBJECT_CLASS (dd_provider_chain_parent_class)->finalize (object);
}

static void
dd_provider_chain_class_init (DdProviderChainClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_chain_finalize;
}

static void
dd_provider_chain_init (DdProviderChain *self)
{
  self->links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_array_set_clear_func (self->links, (GDestroyNotify) link_clear);
}

DdCredentialsProvider *
dd_provider_chain_new (void)
{
  return g_object_new (DD_TYPE_PROVIDER_CHAIN, NULL);
}

static void
append_owned (DdProviderChain       *self,
              const char            *name,
              DdCredentialsProvider *provider)
{
  dd_provider_chain_append (self, name, provider);
  g_object_unref (provider);
}

DdCredentialsProvider *
dd_provider_chain_new_default (void)
{
  DdProviderChain *self = DD_PROVIDER_CHAIN (dd_provider_chain_new ());

  append_owned (self, "environment", dd_provider_env_new ());
  append_owned (self, "web-identity", dd_provider_web_identity_new_from_environment ());
  append_owned (self, "profile", dd_provider_profile_new (NULL));
  append_owned (self, "container", dd_provider_container_new ());
  append_owned (self, "imds", dd_provider_imds_new ());
  return DD_CREDENTIALS_PROVIDER (self);
}

void
dd_provider_chain_append (DdProviderChain       *self,
                          const char            *name,
                          DdCredentialsProvider *provider)
{
  Link link;

  g_return_if_fail (DD_IS_PROVIDER_CHAIN (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (DD_IS_CREDENTIALS_PROVIDER (provider));
  link.name = g_strdup (name);
  link.provider = g_object_ref (provider);
  g_array_append_val (self->links, link);
}

guint
dd_provider_chain_get_length (DdProviderChain *self)
{
  g_return_val_if_fail (DD_IS_PROVIDER_CHAIN (self), 0);
  return self->links->len;
}
