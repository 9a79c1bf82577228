/* dd-credentials.c: one set of AWS credentials. */
#define G_LOG_DOMAIN "dd-credentials"

#include "config.h"

#include <string.h>

#include "dd-credentials.h"
#include "dd-wipe.h"

struct _DdCredentials
{
  gatomicrefcount  ref_count;
  char            *access_key_id;
  char            *secret_access_key;
  char            *session_token;
  GDateTime       *expiration;
  char            *provider;
};

G_DEFINE_BOXED_TYPE (DdCredentials, dd_credentials, dd_credentials_ref, dd_credentials_unref)

DdCredentials *
dd_credentials_new (const char *access_key_id,
                    const char *secret_access_key,
                    const char *session_token,
                    GDateTime  *expiration,
                    const char *provider)
{
  DdCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);

  self = g_new0 (DdCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = session_token != NULL && *session_token ? g_strdup (session_token) : NULL;
  self->expiration = expiration != NULL ? g_date_time_ref (expiration) : NULL;
  self->provider = g_strdup (provider != NULL ? provider : "static");
  return self;
}

DdCredentials *
dd_credentials_ref (DdCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dd_credentials_unref (DdCredentials *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->access_key_id);
  g_clear_pointer (&self->secret_access_key, dd_wipe_free);
  g_clear_pointer (&self->session_token, dd_wipe_free);
  g_clear_pointer (&self->expiration, g_date_time_unref);
  g_free (self->provider);
  g_free (self);
}

const char *
dd_credentials_get_access_key_id (DdCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->access_key_id;
}

const char *
dd_credentials_get_secret_access_key (DdCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->secret_access_key;
}

const char *
dd_credentials_get_session_token (DdCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->session_token;
}

GDateTime *
dd_credentials_get_expiration (DdCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->expiration;
}

const char *
dd_credentials_get_provider (DdCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->provider;
}

gboolean
dd_credentials_expires_within (DdCredentials *self,
                               GDateTime     *now,
                               gint64         margin_seconds)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->expiration == NULL)
    return FALSE;
  return g_date_time_difference (self->expiration, now) <= margin_seconds * G_TIME_SPAN_SECOND;
}
