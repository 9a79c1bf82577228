/* dd-request.c: from the editor's or the command line's text to the body
 * DynamoDB receives.
 *
 * dd-attr converts the text, keeping every number's digits; after it every
 * N value is a string, so json-glib can read and rewrite the small request
 * without losing a digit. The body is still copied as dd-attr wrote it
 * when nothing has to change, and a missing TableName is added as text.
 */
#define G_LOG_DOMAIN "dd-request"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-operation.h"
#include "dd-request.h"

#define MAX_TOTAL_SEGMENTS 1000000

/* Reading the text */

static gsize
skip_space (const char *text,
            gsize       len,
            gsize       i)
{
  while (i < len && strchr (" \t\r\n", text[i]) != NULL && text[i] != '\0')
    i++;
  return i;
}

/* 1-based line and column (in characters) of offset. */
static void
locate (const char *text,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  *column = 1 + g_utf8_strlen (text + line_start, offset - line_start);
}

static const char *
describe_node (JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return "a string";
  if (type == G_TYPE_BOOLEAN)
    return "a boolean";
  return "a number";
}

/* text is well-formed JSON but not an object: say what it is and where.
 * FALSE when it is not well-formed (dd-attr then reports where). */
static gboolean
refuse_non_object (const char *text,
                   gsize       len,
                   gsize       start,
                   GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  guint line, column;

  if (!json_parser_load_from_data (parser, text, len, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  locate (text, start, &line, &column);
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
               "line %u, column %u: the request must be a JSON object ({ ... }), not %s",
               line, column, describe_node (root));
  return TRUE;
}

static JsonNode *
parse_object (const char  *text,
              gssize       len,
              const char  *what,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_JSON, "%s: %s", what, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s must be a JSON object", what);
      return NULL;
    }
  return json_node_copy (root);
}

static char *
generate (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* TableName */

static gboolean
is_placeholder (const char *name)
{
  gsize len = strlen (name);

  return len > 2 && name[0] == '<' && name[len - 1] == '>';
}

/* Adds "TableName": table as the first member of the object in typed. */
static char *
insert_table_name (const char *typed,
                   gboolean    empty_object,
                   const char *table)
{
  g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), table);
  g_autofree char *quoted = json_to_string (name, FALSE);
  const char *brace = strchr (typed, '{');
  GString *out = g_string_new (NULL);

  g_assert (brace != NULL);
  g_string_append_len (out, typed, brace + 1 - typed);
  g_string_append_printf (out, "\"TableName\":%s%s", quoted, empty_object ? "" : ",");
  g_string_append (out, brace + 1);
  return g_string_free (out, FALSE);
}

/* The request's own TableName: TRUE to keep it, FALSE with error when it
 * is unusable, FALSE without error when it is the placeholder (then it is
 * removed, and *typed written again without it). */
static gboolean
keep_own_table_name (char      **typed,
                     JsonNode   *root,
                     gboolean    have_table,
                     GError    **error)
{
  JsonObject *obj = json_node_get_object (root);
  JsonNode *node = json_object_get_member (obj, "TableName");
  const char *name;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   "TableName must be a string, not %s", describe_node (node));
      return FALSE;
    }
  name = json_node_get_string (node);
  if (!is_placeholder (name))
    return TRUE;
  if (!have_table)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   "TableName is still the placeholder \"%s\": give --table or write the table's name",
                   name);
      return FALSE;
    }
  json_object_remove_member (obj, "TableName");
  g_free (*typed);
  *typed = generate (root);
  return FALSE;
}

/* Keeps the request's own TableName; fills a missing or placeholder one
 * from table. *typed may be replaced. */
static gboolean
fill_table_name (char      **typed,
                 JsonNode   *root,
                 const char *table,
                 GError    **error)
{
  JsonObject *obj = json_node_get_object (root);
  char *filled;

  if (table != NULL && *table == '\0')
    table = NULL;
  if (json_object_has_member (obj, "TableName"))
    {
      if (keep_own_table_name (typed, root, table != NULL, error))
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  else if (table == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                           "TableName is missing: give --table or add \"TableName\"");
      return FALSE;
    }
  filled = insert_table_name (*typed, json_object_get_size (obj) == 0, table);
  g_free (*typed);
  *typed = filled;
  return TRUE;
}

/* Text to give dd-attr: without a byte order mark, "{}" for an empty
 * request that may be empty. FALSE with error when it cannot be a request. */
static gboolean
prepare_text (const DdOperation  *op,
              const char        **text,
              gsize              *len,
              GError            **error)
{
  gsize start;

  if (*len >= 3 && memcmp (*text, "\xEF\xBB\xBF", 3) == 0)
    *text += 3, *len -= 3;
  start = skip_space (*text, *len, 0);
  if (start == *len)
    {
      if ((op->flags & DD_OPERATION_FLAG_MAY_BE_EMPTY) == 0)
        {
          g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "the request is empty");
          return FALSE;
        }
      *text = "{}";
      *len = 2;
    }
  else if ((*text)[start] != '{' && refuse_non_object (*text, *len, start, error))
    return FALSE;
  return TRUE;
}

GBytes *
dd_request_build (const DdOperation  *op,
                  const char         *text,
                  gssize              len,
                  const char         *table,
                  DdAttrReading       reading,
                  GError            **error)
{
  g_autofree char *typed = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize size;

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";
  size = len < 0 ? strlen (text) : (gsize) len;
  if (!prepare_text (op, &text, &size, error))
    return NULL;
  typed = dd_attr_document_to_typed (text, size, op->request_paths, reading, error);
  if (typed == NULL)
    return NULL;
  root = parse_object (typed, -1, "the request", error);
  if (root == NULL)
    return NULL;
  if ((op->flags & DD_OPERATION_FLAG_TAKES_TABLE) != 0 &&
      !fill_table_name (&typed, root, table, error))
    return NULL;

  size = strlen (typed);
  return g_bytes_new_take (g_steal_pointer (&typed), size);
}

/* Pagination and segments */

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  return parse_object (size > 0 ? data : "", size, "the request", error);
}

/* The value of a start key: an object for ExclusiveStartKey, else a
 * string given as JSON or as bare text. */
static JsonNode *
start_key_node (const DdOperation  *op,
                const char         *start_key_json,
                GError            **error)
{
  const char *p = start_key_json + skip_space (start_key_json, strlen (start_key_json), 0);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bare = NULL;
  JsonNode *root;

  if (strcmp (op->page_input_key, "ExclusiveStartKey") == 0)
    return parse_object (start_key_json, -1, op->page_input_key, error);
  if (*p != '"')
    {
      bare = g_strstrip (g_strdup (p));
      return json_node_init_string (json_node_alloc (), bare);
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, start_key_json, -1, &local_error))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_JSON, "%s: %s",
                   op->page_input_key, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || json_node_get_value_type (root) != G_TYPE_STRING)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s must be a string", op->page_input_key);
      return NULL;
    }
  return json_node_copy (root);
}

char *
dd_request_with_start_key (const DdOperation  *op,
                           GBytes             *body,
                           const char         *start_key_json,
                           GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *key;

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_operation_is_paginated (op))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s does not return pages",
                   op->action != NULL ? op->action : "This action");
      return NULL;
    }
  root = parse_body (body, error);
  if (root == NULL)
    return NULL;
  if (start_key_json == NULL)
    {
      json_object_remove_member (json_node_get_object (root), op->page_input_key);
      return generate (root);
    }
  key = start_key_node (op, start_key_json, error);
  if (key == NULL)
    return NULL;
  json_object_set_member (json_node_get_object (root), op->page_input_key, key);
  return generate (root);
}

char *
dd_request_with_segment (GBytes  *body,
                         guint    segment,
                         guint    total,
                         GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (total < 1 || total > MAX_TOTAL_SEGMENTS || segment >= total)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   "segment %u of %u: TotalSegments is 1 to %u and Segment is below it",
                   segment, total, MAX_TOTAL_SEGMENTS);
      return NULL;
    }
  root = parse_body (body, error);
  if (root == NULL)
    return NULL;
  obj = json_node_get_object (root);
  json_object_set_int_member (obj, "Segment", segment);
  json_object_set_int_member (obj, "TotalSegments", total);
  return generate (root);
}

/* Problems DynamoDB would refuse */

static void add_problem (GPtrArray  *problems,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
get_string (JsonObject *obj,
            const char *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *obj,
           const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *obj,
            const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* CreateTable: key schemas against AttributeDefinitions. */

typedef struct
{
  GPtrArray  *problems;
  GHashTable *defined;  /* attribute name -> type */
  GHashTable *used;     /* attribute names in a key schema */
  GHashTable *indexes;  /* index names */
  const char *hash;     /* the table's partition key */
  const char *range;    /* the table's sort key */
} TableCheck;

static void
check_definitions (TableCheck *tc,
                   JsonArray  *defs)
{
  if (defs == NULL || json_array_get_length (defs) == 0)
    {
      add_problem (tc->problems, "AttributeDefinitions is missing: it gives the type "
                   "(S, N or B) of every key attribute");
      return;
    }
  for (guint i = 0; i < json_array_get_length (defs); i++)
    {
      JsonObject *def = array_object (defs, i);
      const char *name = get_string (def, "AttributeName");
      const char *type = get_string (def, "AttributeType");

      if (name == NULL || type == NULL)
        add_problem (tc->problems, "AttributeDefinitions: entry %u needs AttributeName and "
                     "AttributeType", i + 1);
      else if (!g_hash_table_insert (tc->defined, (gpointer) name, (gpointer) type))
        add_problem (tc->problems, "AttributeDefinitions defines \"%s\" twice", name);
      else if (!g_str_equal (type, "S") && !g_str_equal (type, "N") && !g_str_equal (type, "B"))
        add_problem (tc->problems, "AttributeDefinitions: \"%s\" has type \"%s\"; a key "
                     "attribute is S, N or B", name, type);
    }
}

/* One key schema: a HASH element, then at most one RANGE element, each
 * defined. Sets *hash and *range (NULL when absent or wrong). */
static void
check_key_schema (TableCheck  *tc,
                  const char  *what,
                  JsonArray   *keys,
                  const char **hash,
                  const char **range)
{
  guint n = keys != NULL ? json_array_get_length (keys) : 0;

  *hash = *range = NULL;
  if (n == 0 || n > 2)
    {
      add_problem (tc->problems, "%s: KeySchema %s; a key is a partition key (HASH) and at "
                   "most one sort key (RANGE)", what, n == 0 ? "is missing" : "has more than two elements");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *key = array_object (keys, i);
      const char *name = get_string (key, "AttributeName");
      const char *type = get_string (key, "KeyType");
      const char *want = i == 0 ? "HASH" : "RANGE";

      if (name != NULL)
        {
          if (!g_hash_table_contains (tc->defined, name))
            add_problem (tc->problems, "%s: key attribute \"%s\" is not defined in "
                         "AttributeDefinitions", what, name);
          g_hash_table_add (tc->used, (gpointer) name);
        }
      if (name == NULL || g_strcmp0 (type, want) != 0)
        add_problem (tc->problems, "%s: KeySchema element %u must have an AttributeName and "
                     "KeyType %s", what, i + 1, want);
      else
        *(i == 0 ? hash : range) = name;
    }
  if (*hash != NULL && g_strcmp0 (*hash, *range) == 0)
    add_problem (tc->problems, "%s: the partition key and the sort key are the same "
                 "attribute \"%s\"", what, *hash);
}

/* Checks what is common to both kinds of index; returns its description
 * (free it) and its key's attributes. */
static char *
check_index (TableCheck  *tc,
             JsonObject  *index,
             const char  *kind,
             guint        i,
             const char **hash,
             const char **range)
{
  const char *name = get_string (index, "IndexName");
  char *what = name != NULL ? g_strdup_printf ("%s \"%s\"", kind, name)
                            : g_strdup_printf ("%s %u", kind, i + 1);

  if (name == NULL)
    add_problem (tc->problems, "%s: IndexName is missing", what);
  else if (!g_hash_table_add (tc->indexes, (gpointer) name))
    add_problem (tc->problems, "Two indexes are named \"%s\"", name);
  check_key_schema (tc, what, index != NULL ? get_array (index, "KeySchema") : NULL, hash, range);
  if (index == NULL || get_object (index, "Projection") == NULL)
    add_problem (tc->problems, "%s: Projection is missing (for example "
                 "{\"ProjectionType\": \"KEYS_ONLY\"})", what);
  return what;
}

static void
check_local_indexes (TableCheck *tc,
                     JsonArray  *lsis,
                     const char *table)
{
  guint n = lsis != NULL ? json_array_get_length (lsis) : 0;

  if (n > 0 && tc->hash != NULL && tc->range == NULL)
    add_problem (tc->problems, "%s has a local secondary index, but its KeySchema has "
                 "only a partition key (HASH, \"%s\"): a local secondary index needs a table "
                 "whose key also has a sort key (RANGE). DynamoDB answers \"Table KeySchema does "
                 "not have a range key, which is required when specifying a LocalSecondaryIndex\".",
                 table, tc->hash);
  for (guint i = 0; i < n; i++)
    {
      const char *hash, *range;
      g_autofree char *what = check_index (tc, array_object (lsis, i), "Local secondary index",
                                           i, &hash, &range);

      if (hash != NULL && range == NULL)
        add_problem (tc->problems, "%s has no sort key (RANGE): a local secondary index is the "
                     "table's partition key with another sort key", what);
      if (hash != NULL && tc->hash != NULL && !g_str_equal (hash, tc->hash))
        add_problem (tc->problems, "%s: its partition key \"%s\" must be the table's, \"%s\"",
                     what, hash, tc->hash);
    }
}

static void
check_global_indexes (TableCheck *tc,
                      JsonArray  *gsis)
{
  guint n = gsis != NULL ? json_array_get_length (gsis) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *hash, *range;
      g_autofree char *what = check_index (tc, array_object (gsis, i), "Global secondary index",
                                           i, &hash, &range);
    }
}

static void
check_unused_definitions (TableCheck *tc,
                          JsonArray  *defs)
{
  guint n = defs != NULL ? json_array_get_length (defs) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *name = get_string (array_object (defs, i), "AttributeName");

      if (name != NULL && !g_hash_table_contains (tc->used, name))
        add_problem (tc->problems, "AttributeDefinitions defines \"%s\", which no key schema "
                     "(of the table or of an index) uses: DynamoDB refuses definitions of "
                     "attributes that are not keys", name);
    }
}

static void
check_capacity (JsonObject *request,
                GPtrArray  *problems)
{
  const char *mode = get_string (request, "BillingMode");
  gboolean on_demand = g_strcmp0 (mode, "PAY_PER_REQUEST") == 0;
  JsonObject *throughput = get_object (request, "ProvisionedThroughput");

  if (on_demand && throughput != NULL)
    add_problem (problems, "ProvisionedThroughput is given while BillingMode is "
                 "PAY_PER_REQUEST: remove one of them");
  else if (!on_demand && (throughput == NULL ||
                          !json_object_has_member (throughput, "ReadCapacityUnits") ||
                          !json_object_has_member (throughput, "WriteCapacityUnits")))
    add_problem (problems, "ProvisionedThroughput with ReadCapacityUnits and "
                 "WriteCapacityUnits is missing: give it, or set BillingMode to PAY_PER_REQUEST");
}

static void
check_create_table (JsonObject *request,
                    GPtrArray  *problems)
{
  TableCheck tc = { problems, NULL, NULL, NULL, NULL, NULL };
  JsonArray *defs = get_array (request, "AttributeDefinitions");
  const char *table = get_string (request, "TableName");
  g_autofree char *what = NULL;

  tc.defined = g_hash_table_new (g_str_hash, g_str_equal);
  tc.used = g_hash_table_new (g_str_hash, g_str_equal);
  tc.indexes = g_hash_table_new (g_str_hash, g_str_equal);

  check_definitions (&tc, defs);
  what = table != NULL ? g_strdup_printf ("Table \"%s\"", table) : g_strdup ("The table");
  check_key_schema (&tc, what, get_array (request, "KeySchema"), &tc.hash, &tc.range);
  check_local_indexes (&tc, get_array (request, "LocalSecondaryIndexes"), what);
  check_global_indexes (&tc, get_array (request, "GlobalSecondaryIndexes"));
  if (defs != NULL)
    check_unused_definitions (&tc, defs);
  check_capacity (request, problems);

  g_hash_table_unref (tc.defined);
  g_hash_table_unref (tc.used);
  g_hash_table_unref (tc.indexes);
}

/* Required members */

static void
check_needs_key (JsonObject *request,
                 GPtrArray  *problems)
{
  if (get_object (request, "Key") == NULL)
    add_problem (problems, "Key is missing: give the item's primary key, for example "
                 "{\"Key\": {\"ForumName\": \"Amazon DynamoDB\"}}");
}

static void
check_needs_item (JsonObject *request,
                  GPtrArray  *problems)
{
  if (get_object (request, "Item") == NULL)
    add_problem (problems, "Item is missing: give the item to write, with its primary key");
}

static void
check_query (JsonObject *request,
             GPtrArray  *problems)
{
  if (!json_object_has_member (request, "KeyConditionExpression") &&
      !json_object_has_member (request, "KeyConditions"))
    add_problem (problems, "KeyConditionExpression is missing: a Query needs the partition "
                 "key's value (to read every item, use Scan)");
}

/* Expression values (":v") and names ("#n") used and given. */

static const char * const expression_members[] = {
  "KeyConditionExpression", "FilterExpression", "ConditionExpression",
  "UpdateExpression", "ProjectionExpression", NULL
};

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
collect_placeholders (const char *expression,
                      char        sigil,
                      GHashTable *found)
{
  for (const char *p = expression; *p; p++)
    {
      const char *end = p + 1;

      if (*p != sigil)
        continue;
      while (g_ascii_isalnum (*end) || *end == '_')
        end++;
      if (end > p + 1)
        g_hash_table_add (found, g_strndup (p, end - p));
      p = end - 1;
    }
}

static void
check_placeholders (JsonObject *request,
                    char        sigil,
                    const char *member,
                    GPtrArray  *problems)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *given = get_object (request, member);
  g_autoptr(GList) names = given != NULL ? json_object_get_members (given) : NULL;
  g_autofree char **list = NULL;
  guint n = 0;

  for (guint i = 0; expression_members[i]; i++)
    {
      const char *expression = get_string (request, expression_members[i]);

      if (expression != NULL)
        collect_placeholders (expression, sigil, used);
    }
  list = (char **) g_hash_table_get_keys_as_array (used, &n);
  qsort (list, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    if (given == NULL || !json_object_has_member (given, list[i]))
      add_problem (problems, "An expression uses %s, which %s does not give", list[i], member);
  for (GList *l = names; l; l = l->next)
    if (!g_hash_table_contains (used, l->data))
      add_problem (problems, "%s gives %s, which no expression uses: DynamoDB refuses "
                   "unused ones", member, (const char *) l->data);
}

static void
check_expressions (JsonObject *request,
                   GPtrArray  *problems)
{
  check_placeholders (request, ':', "ExpressionAttributeValues", problems);
  check_placeholders (request, '#', "ExpressionAttributeNames", problems);
}

typedef void (*CheckFunc) (JsonObject *request,
                           GPtrArray  *problems);

static const struct
{
  const char *action;
  CheckFunc   check;
} checks[] = {
  { "CreateTable", check_create_table },
  { "GetItem", check_needs_key },
  { "DeleteItem", check_needs_key },
  { "UpdateItem", check_needs_key },
  { "PutItem", check_needs_item },
  { "Query", check_query },
};

/* Expressions are checked for every operation whose request has them at
 * its top; the others by action. */
static void
check_request (const DdOperation *op,
               JsonObject        *request,
               GPtrArray         *problems)
{
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_strcmp0 (op->action, checks[i].action) == 0)
      checks[i].check (request, problems);
  check_expressions (request, problems);
}

gboolean
dd_request_explain_problems (const DdOperation  *op,
                             GBytes             *body,
                             GPtrArray         **problems)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (op != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;
  root = parse_body (body, NULL);
  if (root == NULL)
    return FALSE;
  found = g_ptr_array_new_with_free_func (g_free);
  check_request (op, json_node_get_object (root), found);
  if (found->len == 0)
    return FALSE;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}
