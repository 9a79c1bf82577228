/* dd-source.c: one saved data source: the object, its properties and
 * sidebar state, and the secrets held in memory. */
#define G_LOG_DOMAIN "dd-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-source-private.h"
#include "dd-wipe.h"

G_DEFINE_ENUM_TYPE (DdAuthMode, dd_auth_mode,
                    G_DEFINE_ENUM_VALUE (DD_AUTH_MODE_IAM_KEYS, "iam-keys"),
                    G_DEFINE_ENUM_VALUE (DD_AUTH_MODE_INSTANCE_PROFILE, "instance-profile"),
                    G_DEFINE_ENUM_VALUE (DD_AUTH_MODE_ROLE_ARN, "role-arn"),
                    G_DEFINE_ENUM_VALUE (DD_AUTH_MODE_PROFILE, "profile"),
                    G_DEFINE_ENUM_VALUE (DD_AUTH_MODE_SSO, "sso"))

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdSource, dd_source, G_TYPE_OBJECT)

const char *
dd_auth_mode_to_string (DdAuthMode mode)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (DD_TYPE_AUTH_MODE);
  GEnumValue *value = g_enum_get_value (klass, mode);

  return value != NULL ? value->value_nick : NULL;
}

gboolean
dd_auth_mode_from_string (const char *str,
                          DdAuthMode *mode)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (DD_TYPE_AUTH_MODE);
  value = g_enum_get_value_by_nick (klass, str);
  if (value == NULL)
    return FALSE;
  *mode = value->value;
  return TRUE;
}

/* g_set_str() is newer than the GLib floor. */
static gboolean
replace_str (char       **dest,
             const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

void
_dd_source_set_string (DdSource   *self,
                       guint       prop,
                       const char *value)
{
  g_assert (prop > PROP_0 && prop < N_STRING_PROPS);

  /* Optional settings hold NULL rather than an empty string. */
  if (value != NULL && *value == '\0' && prop != PROP_NAME)
    value = NULL;
  if (replace_str (&self->strings[prop], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean_state (DdSource *self,
                   guint     prop,
                   gboolean  value)
{
  gboolean old;

  value = !!value;
  switch (prop)
    {
    case PROP_READ_ONLY: old = self->read_only; self->read_only = value; break;
    case PROP_CONNECTED: old = self->connected; self->connected = value; break;
    case PROP_HAS_ERROR: old = self->has_error; self->has_error = value; break;
    case PROP_LAST_TEST_OK: old = self->last_test_ok; self->last_test_ok = value; break;
    default: g_assert_not_reached ();
    }
  if (old != value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
dd_source_constructed (GObject *object)
{
  DdSource *self = DD_SOURCE (object);

  G_OBJECT_CLASS (dd_source_parent_class)->constructed (object);
  if (self->strings[PROP_ID] == NULL)
    self->strings[PROP_ID] = g_uuid_string_random ();
  if (self->strings[PROP_NAME] == NULL)
    self->strings[PROP_NAME] = g_strdup ("");
}

static void
dd_source_finalize (GObject *object)
{
  DdSource *self = DD_SOURCE (object);

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->credentials_info, g_free);
  dd_source_clear_secrets (self);
  G_OBJECT_CLASS (dd_source_parent_class)->finalize (object);
}

static void
dd_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DdSource *self = DD_SOURCE (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    {
      g_value_set_string (value, self->strings[prop_id]);
      return;
    }
  switch (prop_id)
    {
    case PROP_AUTH_MODE: g_value_set_enum (value, self->auth_mode); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, self->read_only); break;
    case PROP_CONNECTED: g_value_set_boolean (value, self->connected); break;
    case PROP_HAS_ERROR: g_value_set_boolean (value, self->has_error); break;
    case PROP_LAST_TEST_OK: g_value_set_boolean (value, self->last_test_ok); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_CREDENTIALS_INFO: g_value_set_string (value, self->credentials_info); break;
    case PROP_CREDENTIALS_EXPIRATION: g_value_set_int64 (value, self->credentials_expiration); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DdSource *self = DD_SOURCE (object);

  if (prop_id == PROP_ID)
    {
      const char *id = g_value_get_string (value);
      self->strings[PROP_ID] = id != NULL && *id ? g_strdup (id) : NULL;
      return;
    }
  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    {
      _dd_source_set_string (self, prop_id, g_value_get_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_AUTH_MODE: dd_source_set_auth_mode (self, g_value_get_enum (value)); break;
    case PROP_READ_ONLY:
    case PROP_CONNECTED: set_boolean_state (self, prop_id, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_source_class_init (DdSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = dd_source_constructed;
  object_class->finalize = dd_source_finalize;
  object_class->get_property = dd_source_get_property;
  object_class->set_property = dd_source_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, rw);
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, rw);
  properties[PROP_ACCESS_KEY_ID] = g_param_spec_string ("access-key-id", NULL, NULL, NULL, rw);
  properties[PROP_ROLE_ARN] = g_param_spec_string ("role-arn", NULL, NULL, NULL, rw);
  properties[PROP_SESSION_NAME] = g_param_spec_string ("session-name", NULL, NULL, NULL, rw);
  properties[PROP_EXTERNAL_ID] = g_param_spec_string ("external-id", NULL, NULL, NULL, rw);
  properties[PROP_BASE_SOURCE_ID] = g_param_spec_string ("base-source-id", NULL, NULL, NULL, rw);
  properties[PROP_PROFILE_NAME] = g_param_spec_string ("profile-name", NULL, NULL, NULL, rw);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, rw);
  properties[PROP_MFA_SERIAL] = g_param_spec_string ("mfa-serial", NULL, NULL, NULL, rw);
  properties[PROP_SSO_START_URL] = g_param_spec_string ("sso-start-url", NULL, NULL, NULL, rw);
  properties[PROP_SSO_REGION] = g_param_spec_string ("sso-region", NULL, NULL, NULL, rw);
  properties[PROP_SSO_ACCOUNT_ID] = g_param_spec_string ("sso-account-id", NULL, NULL, NULL, rw);
  properties[PROP_SSO_ROLE_NAME] = g_param_spec_string ("sso-role-name", NULL, NULL, NULL, rw);
  properties[PROP_AUTH_MODE] =
    g_param_spec_enum ("auth-mode", NULL, NULL, DD_TYPE_AUTH_MODE, DD_AUTH_MODE_IAM_KEYS, rw);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, rw);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, rw);
  properties[PROP_HAS_ERROR] = g_param_spec_boolean ("has-error", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_TEST_OK] = g_param_spec_boolean ("last-test-ok", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_CREDENTIALS_INFO] = g_param_spec_string ("credentials-info", NULL, NULL, NULL, ro);
  properties[PROP_CREDENTIALS_EXPIRATION] =
    g_param_spec_int64 ("credentials-expiration", NULL, NULL, 0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_source_init (DdSource *self)
{
  self->auth_mode = DD_AUTH_MODE_IAM_KEYS;
}

DdSource *
dd_source_new (const char *name)
{
  return g_object_new (DD_TYPE_SOURCE, "name", name, NULL);
}

DdSource *
dd_source_duplicate (DdSource   *self,
                     const char *name)
{
  DdSource *copy;

  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  copy = dd_source_new (name);
  for (guint i = PROP_ID + 1; i < N_STRING_PROPS; i++)
    if (i != PROP_NAME)
      copy->strings[i] = g_strdup (self->strings[i]);
  copy->auth_mode = self->auth_mode;
  copy->read_only = self->read_only;
  if (dd_source_has_secrets (self))
    dd_source_set_secrets (copy, self->secret_access_key, self->session_token);
  return copy;
}

gboolean
dd_source_validate (DdSource  *self,
                    GError   **error)
{
  const char *missing = NULL;

  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);

  if (*self->strings[PROP_NAME] == '\0')
    missing = _("a name");
  else if (self->strings[PROP_REGION] == NULL && self->strings[PROP_ENDPOINT] == NULL)
    missing = _("a region or an endpoint");
  else if (self->auth_mode == DD_AUTH_MODE_IAM_KEYS && self->strings[PROP_ACCESS_KEY_ID] == NULL)
    missing = _("an access key id");
  else if (self->auth_mode == DD_AUTH_MODE_ROLE_ARN && self->strings[PROP_ROLE_ARN] == NULL)
    missing = _("a role ARN");
  else if (self->auth_mode == DD_AUTH_MODE_PROFILE && self->strings[PROP_PROFILE_NAME] == NULL)
    missing = _("a profile name");
  else if (self->auth_mode == DD_AUTH_MODE_SSO
           && (self->strings[PROP_SSO_START_URL] == NULL || self->strings[PROP_SSO_REGION] == NULL))
    missing = _("an SSO start URL and region");
  else if (self->auth_mode == DD_AUTH_MODE_SSO
           && (self->strings[PROP_SSO_ACCOUNT_ID] == NULL || self->strings[PROP_SSO_ROLE_NAME] == NULL))
    missing = _("an SSO account and role");

  if (missing != NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("The data source needs %s"), missing);
      return FALSE;
    }
  return TRUE;
}

#define STRING_ACCESSORS(field, PROP)                               \
  const char *                                                      \
  dd_source_get_##field (DdSource *self)                            \
  {                                                                 \
    g_return_val_if_fail (DD_IS_SOURCE (self), NULL);               \
    return self->strings[PROP];                                     \
  }                                                                 \
  void                                                              \
  dd_source_set_##field (DdSource   *self,                          \
                         const char *value)                         \
  {                                                                 \
    g_return_if_fail (DD_IS_SOURCE (self));                         \
    _dd_source_set_string (self, PROP, value);                      \
  }

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (region, PROP_REGION)
STRING_ACCESSORS (endpoint, PROP_ENDPOINT)
STRING_ACCESSORS (access_key_id, PROP_ACCESS_KEY_ID)
STRING_ACCESSORS (role_arn, PROP_ROLE_ARN)
STRING_ACCESSORS (session_name, PROP_SESSION_NAME)
STRING_ACCESSORS (external_id, PROP_EXTERNAL_ID)
STRING_ACCESSORS (base_source_id, PROP_BASE_SOURCE_ID)
STRING_ACCESSORS (profile_name, PROP_PROFILE_NAME)
STRING_ACCESSORS (color, PROP_COLOR)
STRING_ACCESSORS (mfa_serial, PROP_MFA_SERIAL)
STRING_ACCESSORS (sso_start_url, PROP_SSO_START_URL)
STRING_ACCESSORS (sso_region, PROP_SSO_REGION)
STRING_ACCESSORS (sso_account_id, PROP_SSO_ACCOUNT_ID)
STRING_ACCESSORS (sso_role_name, PROP_SSO_ROLE_NAME)

const char *
dd_source_get_id (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  return self->strings[PROP_ID];
}

DdAuthMode
dd_source_get_auth_mode (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), DD_AUTH_MODE_IAM_KEYS);
  return self->auth_mode;
}

void
dd_source_set_auth_mode (DdSource   *self,
                         DdAuthMode  mode)
{
  g_return_if_fail (DD_IS_SOURCE (self));
  g_return_if_fail (dd_auth_mode_to_string (mode) != NULL);

  if (self->auth_mode == mode)
    return;
  self->auth_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_MODE]);
}

gboolean
dd_source_get_read_only (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);
  return self->read_only;
}

void
dd_source_set_read_only (DdSource *self,
                         gboolean  read_only)
{
  g_return_if_fail (DD_IS_SOURCE (self));
  set_boolean_state (self, PROP_READ_ONLY, read_only);
}

gboolean
dd_source_get_connected (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);
  return self->connected;
}

void
dd_source_set_connected (DdSource *self,
                         gboolean  connected)
{
  g_return_if_fail (DD_IS_SOURCE (self));
  set_boolean_state (self, PROP_CONNECTED, connected);
}

gboolean
dd_source_get_has_error (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);
  return self->has_error;
}

gboolean
dd_source_get_last_test_ok (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);
  return self->last_test_ok;
}

const char *
dd_source_get_last_error (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  return self->last_error;
}

void
dd_source_set_last_result (DdSource     *self,
                           const GError *error)
{
  g_return_if_fail (DD_IS_SOURCE (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_boolean_state (self, PROP_HAS_ERROR, error != NULL);
  set_boolean_state (self, PROP_LAST_TEST_OK, error == NULL);
  set_boolean_state (self, PROP_CONNECTED, error == NULL);
  if (replace_str (&self->last_error, error != NULL ? error->message : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
dd_source_get_credentials_info (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  return self->credentials_info;
}

gint64
dd_source_get_credentials_expiration (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), 0);
  return self->credentials_expiration;
}

void
dd_source_set_credentials_info (DdSource   *self,
                                const char *info,
                                gint64      expiration)
{
  g_return_if_fail (DD_IS_SOURCE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (replace_str (&self->credentials_info, info))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS_INFO]);
  if (self->credentials_expiration != expiration)
    {
      self->credentials_expiration = expiration;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS_EXPIRATION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dd_source_has_secrets (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);
  return self->secret_access_key != NULL;
}

const char *
dd_source_get_secret_access_key (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  return self->secret_access_key;
}

const char *
dd_source_get_session_token (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  return self->session_token;
}

void
dd_source_set_secrets (DdSource   *self,
                       const char *secret_access_key,
                       const char *session_token)
{
  g_return_if_fail (DD_IS_SOURCE (self));

  /* Copy first: the arguments may be our own fields. */
  {
    char *secret = g_strdup (secret_access_key);
    char *token = session_token != NULL && *session_token ? g_strdup (session_token) : NULL;

    dd_source_clear_secrets (self);
    self->secret_access_key = secret;
    self->session_token = token;
  }
  self->secrets_dirty = TRUE;
}

void
dd_source_clear_secrets (DdSource *self)
{
  g_return_if_fail (DD_IS_SOURCE (self));
  g_clear_pointer (&self->secret_access_key, dd_wipe_free);
  g_clear_pointer (&self->session_token, dd_wipe_free);
  self->secrets_dirty = FALSE;
}

gboolean
dd_source_get_secrets_dirty (DdSource *self)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), FALSE);
  return self->secrets_dirty;
}

void
dd_source_set_secrets_saved (DdSource *self)
{
  g_return_if_fail (DD_IS_SOURCE (self));
  self->secrets_dirty = FALSE;
}
