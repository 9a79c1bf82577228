/* dd-source-private.h: what the parts of DdSource share.
 *
 * dd-source.c (the object, its properties and state, the secrets),
 * dd-source-json.c (an entry of sources.json) and dd-source-provider.c
 * (the credentials provider for a source).
 */
#pragma once

#include "dd-source.h"

G_BEGIN_DECLS

/* The string settings come first so that they index `strings`. */
enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_REGION,
  PROP_ENDPOINT,
  PROP_ACCESS_KEY_ID,
  PROP_ROLE_ARN,
  PROP_SESSION_NAME,
  PROP_EXTERNAL_ID,
  PROP_BASE_SOURCE_ID,
  PROP_PROFILE_NAME,
  PROP_COLOR,
  PROP_MFA_SERIAL,
  PROP_SSO_START_URL,
  PROP_SSO_REGION,
  PROP_SSO_ACCOUNT_ID,
  PROP_SSO_ROLE_NAME,
  N_STRING_PROPS,
  PROP_AUTH_MODE = N_STRING_PROPS,
  PROP_READ_ONLY,
  PROP_CONNECTED,
  PROP_HAS_ERROR,
  PROP_LAST_TEST_OK,
  PROP_LAST_ERROR,
  PROP_CREDENTIALS_INFO,
  PROP_CREDENTIALS_EXPIRATION,
  N_PROPS
};

struct _DdSource
{
  GObject     parent_instance;

  char       *strings[N_STRING_PROPS];
  DdAuthMode  auth_mode;
  guint       read_only : 1;

  guint       connected : 1;
  guint       has_error : 1;
  guint       last_test_ok : 1;
  char       *last_error;
  char       *credentials_info;
  gint64      credentials_expiration;

  char       *secret_access_key;
  char       *session_token;
  guint       secrets_dirty : 1;
};

/* Sets a string setting and notifies on change; "" is NULL for all but
 * the name. */
void _dd_source_set_string (DdSource   *self,
                            guint       prop,
                            const char *value);

G_END_DECLS
