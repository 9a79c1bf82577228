/* dd-credentials-info.c: which credentials a source uses, in words. */
#define G_LOG_DOMAIN "dd-credentials-info"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-credentials-info.h"
#include "dd-namespace-probe.h"
#include "dd-sts.h"

/* "arn:aws:sts::123:assumed-role/Role/session" -> "role Role",
 * "arn:aws:iam::123:user/path/bob" -> "user bob", ":root" -> "root". */
static char *
identity_from_arn (const char *arn)
{
  const char *resource = strrchr (arn, ':');
  g_auto(GStrv) parts = NULL;
  guint n;

  if (resource == NULL)
    return g_strdup (arn);
  resource++;
  parts = g_strsplit (resource, "/", -1);
  n = g_strv_length (parts);
  if (g_str_equal (parts[0], "assumed-role") && n >= 2)
    return g_strdup_printf (_("role %s"), parts[1]);
  if (g_str_equal (parts[0], "user") && n >= 2)
    return g_strdup_printf (_("user %s"), parts[n - 1]);
  if (g_str_equal (parts[0], "federated-user") && n >= 2)
    return g_strdup_printf (_("federated user %s"), parts[n - 1]);
  return g_strdup (resource);
}

char *
dd_credentials_info_format (const char *provider,
                            const char *account,
                            const char *arn,
                            const char *access_key_id)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (provider != NULL)
    g_ptr_array_add (parts, g_strdup (provider));
  if (account != NULL)
    g_ptr_array_add (parts, g_strdup (account));
  if (arn != NULL)
    g_ptr_array_add (parts, identity_from_arn (arn));
  else if (access_key_id != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("key %s"), access_key_id));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

char *
dd_credentials_info_time_left (gint64 expiration,
                               gint64 now)
{
  gint64 minutes;

  if (expiration == 0)
    return NULL;
  if (expiration <= now)
    return g_strdup (_("expired"));
  minutes = (expiration - now + 59) / 60;
  if (minutes < 60)
    return g_strdup_printf (_("expires in %" PRId64 " min"), minutes);
  if (minutes >= 48 * 60)
    return g_strdup_printf (_("expires in %" PRId64 " days"), minutes / (24 * 60));
  return g_strdup_printf (_("expires in %" PRId64 " h %" PRId64 " min"),
                          minutes / 60, minutes % 60);
}

typedef struct
{
  DdCredentials *credentials;
  char          *region;
  char          *endpoint;
  gint64         expiration;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_pointer (&fetch->credentials, dd_credentials_unref);
  g_free (fetch->region);
  g_free (fetch->endpoint);
  g_free (fetch);
}

static void
identity_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *account = NULL;
  g_autofree char *arn = NULL;
  g_autoptr(GError) error = NULL;

  arn = dd_sts_get_caller_identity_finish (DD_STS (object), result, &account, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Without an answer, the key id still says which credentials these are. */
  g_task_return_pointer (task, dd_credentials_info_format (dd_credentials_get_provider (fetch->credentials),
                                                           account, arn,
                                                           arn ? NULL : dd_credentials_get_access_key_id (fetch->credentials)),
                         g_free);
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  GDateTime *expires;
  g_autoptr(DdSts) sts = NULL;
  GCancellable *cancellable;

  fetch->credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (object),
                                                                       result, &error);
  if (fetch->credentials == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  expires = dd_credentials_get_expiration (fetch->credentials);
  fetch->expiration = expires != NULL ? g_date_time_to_unix (expires) : 0;
  if (fetch->endpoint != NULL && dd_namespace_probe_is_local_endpoint (fetch->endpoint))
    {
      g_task_return_pointer (task, dd_credentials_info_format (dd_credentials_get_provider (fetch->credentials),
                                                               NULL, NULL,
                                                               dd_credentials_get_access_key_id (fetch->credentials)),
                             g_free);
      return;
    }
  sts = dd_sts_new (fetch->region, NULL);
  dd_sts_set_timeout (sts, 10);
  cancellable = g_task_get_cancellable (task);
  dd_sts_get_caller_identity_async (sts, fetch->credentials, cancellable, identity_cb, g_steal_pointer (&task));
}

void
dd_credentials_info_fetch_async (DdCredentialsProvider *provider,
                                 const char            *region,
                                 const char            *endpoint,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch = g_new0 (Fetch, 1);

  g_return_if_fail (DD_IS_CREDENTIALS_PROVIDER (provider));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_credentials_info_fetch_async);
  fetch->region = g_strdup (region);
  fetch->endpoint = g_strdup (endpoint);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  dd_credentials_provider_get_credentials_async (provider, cancellable, credentials_cb, g_steal_pointer (&task));
}

char *
dd_credentials_info_fetch_finish (GAsyncResult  *result,
                                  gint64        *expiration,
                                  GError       **error)
{
  Fetch *fetch;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (expiration != NULL)
    *expiration = fetch->expiration;
  return g_task_propagate_pointer (G_TASK (result), error);
}
