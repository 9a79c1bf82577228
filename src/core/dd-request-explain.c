/* dd-request-explain.c: problems DynamoDB would refuse in a request,
 * found before it is sent.
 *
 * CreateTable's key schemas, indexes and capacity against its attribute
 * definitions, the members GetItem, PutItem, Query and their kin need,
 * and the expression placeholders (":v", "#n") used against those given.
 * Each problem is one sentence for the person who wrote the request.
 */
#define G_LOG_DOMAIN "dd-request"

#include "config.h"
#include "dd-json-member.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-operation.h"
#include "dd-request-explain.h"

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
      add_problem (tc->problems, _("AttributeDefinitions is missing: it gives the type "
                   "(S, N or B) of every key attribute"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (defs); i++)
    {
      JsonObject *def = array_object (defs, i);
      const char *name = dd_json_member_string (def, "AttributeName");
      const char *type = dd_json_member_string (def, "AttributeType");

      if (name == NULL || type == NULL)
        add_problem (tc->problems, _("AttributeDefinitions: entry %u needs AttributeName and "
                     "AttributeType"), i + 1);
      else if (!g_hash_table_insert (tc->defined, (gpointer) name, (gpointer) type))
        add_problem (tc->problems, _("AttributeDefinitions defines \"%s\" twice"), name);
      else if (!g_str_equal (type, "S") && !g_str_equal (type, "N") && !g_str_equal (type, "B"))
        add_problem (tc->problems, _("AttributeDefinitions: \"%s\" has type \"%s\"; a key "
                     "attribute is S, N or B"), name, type);
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
      if (n == 0)
        add_problem (tc->problems, _("%s: KeySchema is missing; a key is a partition key (HASH) "
                     "and at most one sort key (RANGE)"), what);
      else
        add_problem (tc->problems, _("%s: KeySchema has more than two elements; a key is a "
                     "partition key (HASH) and at most one sort key (RANGE)"), what);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *key = array_object (keys, i);
      const char *name = dd_json_member_string (key, "AttributeName");
      const char *type = dd_json_member_string (key, "KeyType");
      const char *want = i == 0 ? "HASH" : "RANGE";

      if (name != NULL)
        {
          if (!g_hash_table_contains (tc->defined, name))
            add_problem (tc->problems, _("%s: key attribute \"%s\" is not defined in "
                         "AttributeDefinitions"), what, name);
          g_hash_table_add (tc->used, (gpointer) name);
        }
      if (name == NULL || g_strcmp0 (type, want) != 0)
        add_problem (tc->problems, _("%s: KeySchema element %u must have an AttributeName and "
                     "KeyType %s"), what, i + 1, want);
      else
        *(i == 0 ? hash : range) = name;
    }
  if (*hash != NULL && g_strcmp0 (*hash, *range) == 0)
    add_problem (tc->problems, _("%s: the partition key and the sort key are the same "
                 "attribute \"%s\""), what, *hash);
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
  const char *name = dd_json_member_string (index, "IndexName");
  char *what = name != NULL ? g_strdup_printf ("%s \"%s\"", kind, name)
                            : g_strdup_printf ("%s %u", kind, i + 1);

  if (name == NULL)
    add_problem (tc->problems, _("%s: IndexName is missing"), what);
  else if (!g_hash_table_add (tc->indexes, (gpointer) name))
    add_problem (tc->problems, _("Two indexes are named \"%s\""), name);
  check_key_schema (tc, what, index != NULL ? get_array (index, "KeySchema") : NULL, hash, range);
  if (index == NULL || get_object (index, "Projection") == NULL)
    add_problem (tc->problems, _("%s: Projection is missing (for example "
                 "{\"ProjectionType\": \"KEYS_ONLY\"})"), what);
  return what;
}

static void
check_local_indexes (TableCheck *tc,
                     JsonArray  *lsis,
                     const char *table)
{
  guint n = lsis != NULL ? json_array_get_length (lsis) : 0;

  if (n > 0 && tc->hash != NULL && tc->range == NULL)
    add_problem (tc->problems, _("%s has a local secondary index, but its KeySchema has "
                 "only a partition key (HASH, \"%s\"): a local secondary index needs a table "
                 "whose key also has a sort key (RANGE). DynamoDB answers \"Table KeySchema does "
                 "not have a range key, which is required when specifying a LocalSecondaryIndex\"."),
                 table, tc->hash);
  for (guint i = 0; i < n; i++)
    {
      const char *hash, *range;
      g_autofree char *what = check_index (tc, array_object (lsis, i), _("Local secondary index"),
                                           i, &hash, &range);

      if (hash != NULL && range == NULL)
        add_problem (tc->problems, _("%s has no sort key (RANGE): a local secondary index is the "
                     "table's partition key with another sort key"), what);
      if (hash != NULL && tc->hash != NULL && !g_str_equal (hash, tc->hash))
        add_problem (tc->problems, _("%s: its partition key \"%s\" must be the table's, \"%s\""),
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
      g_autofree char *what = check_index (tc, array_object (gsis, i), _("Global secondary index"),
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
      const char *name = dd_json_member_string (array_object (defs, i), "AttributeName");

      if (name != NULL && !g_hash_table_contains (tc->used, name))
        add_problem (tc->problems, _("AttributeDefinitions defines \"%s\", which no key schema "
                     "(of the table or of an index) uses: DynamoDB refuses definitions of "
                     "attributes that are not keys"), name);
    }
}

static void
check_capacity (JsonObject *request,
                GPtrArray  *problems)
{
  const char *mode = dd_json_member_string (request, "BillingMode");
  gboolean on_demand = g_strcmp0 (mode, "PAY_PER_REQUEST") == 0;
  JsonObject *throughput = get_object (request, "ProvisionedThroughput");

  if (on_demand && throughput != NULL)
    add_problem (problems, _("ProvisionedThroughput is given while BillingMode is "
                 "PAY_PER_REQUEST: remove one of them"));
  else if (!on_demand && (throughput == NULL ||
                          !json_object_has_member (throughput, "ReadCapacityUnits") ||
                          !json_object_has_member (throughput, "WriteCapacityUnits")))
    add_problem (problems, _("ProvisionedThroughput with ReadCapacityUnits and "
                 "WriteCapacityUnits is missing: give it, or set BillingMode to PAY_PER_REQUEST"));
}

static void
check_create_table (JsonObject *request,
                    GPtrArray  *problems)
{
  TableCheck tc = { problems, NULL, NULL, NULL, NULL, NULL };
  JsonArray *defs = get_array (request, "AttributeDefinitions");
  const char *table = dd_json_member_string (request, "TableName");
  g_autofree char *what = NULL;

  tc.defined = g_hash_table_new (g_str_hash, g_str_equal);
  tc.used = g_hash_table_new (g_str_hash, g_str_equal);
  tc.indexes = g_hash_table_new (g_str_hash, g_str_equal);

  check_definitions (&tc, defs);
  what = table != NULL ? g_strdup_printf (_("Table “%s”"), table) : g_strdup (_("The table"));
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
    add_problem (problems, _("Key is missing: give the item's primary key, for example "
                 "{\"Key\": {\"ForumName\": \"Amazon DynamoDB\"}}"));
}

static void
check_needs_item (JsonObject *request,
                  GPtrArray  *problems)
{
  if (get_object (request, "Item") == NULL)
    add_problem (problems, _("Item is missing: give the item to write, with its primary key"));
}

static void
check_query (JsonObject *request,
             GPtrArray  *problems)
{
  if (!json_object_has_member (request, "KeyConditionExpression") &&
      !json_object_has_member (request, "KeyConditions"))
    add_problem (problems, _("KeyConditionExpression is missing: a Query needs the partition "
                 "key's value (to read every item, use Scan)"));
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
      const char *expression = dd_json_member_string (request, expression_members[i]);

      if (expression != NULL)
        collect_placeholders (expression, sigil, used);
    }
  list = (char **) g_hash_table_get_keys_as_array (used, &n);
  qsort (list, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    if (given == NULL || !json_object_has_member (given, list[i]))
      add_problem (problems, _("An expression uses %s, which %s does not give"), list[i], member);
  for (GList *l = names; l; l = l->next)
    if (!g_hash_table_contains (used, l->data))
      add_problem (problems, _("%s gives %s, which no expression uses: DynamoDB refuses "
                   "unused ones"), member, (const char *) l->data);
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
void
dd_request_explain_check (const DdOperation *op,
                          JsonObject        *request,
                          GPtrArray         *problems)
{
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_strcmp0 (op->action, checks[i].action) == 0)
      checks[i].check (request, problems);
  check_expressions (request, problems);
}
