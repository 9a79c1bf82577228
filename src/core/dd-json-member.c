/* dd-json-member.c: typed members of a json-glib object. */
#define G_LOG_DOMAIN "dd-json"

#include "config.h"

#include "dd-json-member.h"

const char *
dd_json_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The same, with fallback where the member is missing or not a string. */
const char *
dd_json_member_string_or (JsonObject *object,
                          const char *name,
                          const char *fallback)
{
  const char *value = dd_json_member_string (object, name);

  return value != NULL ? value : fallback;
}

gint64
dd_json_member_int (JsonObject *object,
                    const char *name,
                    gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

void
dd_json_member_add_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}
