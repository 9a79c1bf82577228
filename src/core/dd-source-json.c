/* dd-source-json.c: an entry of sources.json for a DdSource. */
#define G_LOG_DOMAIN "dd-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-source-json.h"

/* The members of an entry of sources.json, for the string settings. */
static const struct
{
  guint       prop;
  const char *key;
} json_keys[] = {
  { PROP_ID, "id" },
  { PROP_NAME, "name" },
  { PROP_REGION, "region" },
  { PROP_ENDPOINT, "endpoint" },
  { PROP_ACCESS_KEY_ID, "access_key_id" },
  { PROP_ROLE_ARN, "role_arn" },
  { PROP_SESSION_NAME, "session_name" },
  { PROP_EXTERNAL_ID, "external_id" },
  { PROP_BASE_SOURCE_ID, "base_source_id" },
  { PROP_PROFILE_NAME, "profile" },
  { PROP_COLOR, "color" },
  { PROP_MFA_SERIAL, "mfa_serial" },
  { PROP_SSO_START_URL, "sso_start_url" },
  { PROP_SSO_REGION, "sso_region" },
  { PROP_SSO_ACCOUNT_ID, "sso_account_id" },
  { PROP_SSO_ROLE_NAME, "sso_role_name" },
};

static gboolean
read_string_member (JsonObject  *object,
                    const char  *key,
                    const char **out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("“%s” must be a string"), key);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_flags_from_json (DdSource    *self,
                      JsonObject  *object,
                      GError     **error)
{
  JsonNode *node;
  const char *auth = NULL;

  if (!read_string_member (object, "auth", &auth, error))
    return FALSE;
  if (auth != NULL && !dd_auth_mode_from_string (auth, &self->auth_mode))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("unknown sign-in method “%s”"), auth);
      return FALSE;
    }
  node = json_object_get_member (object, "read_only");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("“read_only” must be true or false"));
          return FALSE;
        }
      self->read_only = json_node_get_boolean (node);
    }
  return TRUE;
}

DdSource *
dd_source_new_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(DdSource) self = NULL;
  const char *values[N_STRING_PROPS] = { NULL };

  g_return_val_if_fail (object != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (json_keys); i++)
    if (!read_string_member (object, json_keys[i].key, &values[json_keys[i].prop], error))
      return NULL;
  if (values[PROP_ID] == NULL || *values[PROP_ID] == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("an entry has no “id”"));
      return NULL;
    }
  if (values[PROP_NAME] == NULL || *values[PROP_NAME] == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("an entry has no “name”"));
      return NULL;
    }

  self = g_object_new (DD_TYPE_SOURCE, "id", values[PROP_ID], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (json_keys); i++)
    if (json_keys[i].prop != PROP_ID)
      _dd_source_set_string (self, json_keys[i].prop, values[json_keys[i].prop]);
  if (!read_flags_from_json (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
dd_source_to_json (DdSource *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (json_keys); i++)
    {
      const char *value = self->strings[json_keys[i].prop];

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, json_keys[i].key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_set_member_name (builder, "auth");
  json_builder_add_string_value (builder, dd_auth_mode_to_string (self->auth_mode));
  json_builder_set_member_name (builder, "read_only");
  json_builder_add_boolean_value (builder, self->read_only);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
