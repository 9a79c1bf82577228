/* test-operation.c: the catalogue of operations. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-operation.h"
#include "dd-test-dynamo.h"

typedef struct
{
  const char *action;
  const char *label;
  const char *cli_name;
  const char *seed_file; /* the seed's example the template must equal, or NULL */
} Expected;

/* The seed's nine in its order, then the others. */
static const Expected expected[] = {
  { "ListTables", "List Tables", "list-tables", NULL },
  { "GetItem", "Get Item", "get-item", "get-item.fixed.json" },
  { "Query", "Query Table", "query", "query.json" },
  { "Scan", "Scan Table", "scan", "scan.json" },
  { "DeleteItem", "Delete Item", "delete-item", "delete-item.json" },
  { "UpdateItem", "Update Item", "update-item", "update-item.json" },
  { "DescribeTable", "Describe Table", "describe-table", NULL },
  { "CreateTable", "Create Table", "create-table", NULL },
  { "PutItem", "Put Item", "put-item", "put-item.json" },
  { "DeleteTable", NULL, "delete-table", NULL },
  { "UpdateTable", NULL, "update-table", NULL },
  { "BatchGetItem", NULL, "batch-get-item", NULL },
  { "BatchWriteItem", NULL, "batch-write-item", NULL },
  { "TransactGetItems", NULL, "transact-get-items", NULL },
  { "TransactWriteItems", NULL, "transact-write-items", NULL },
  { "ExecuteStatement", NULL, "execute-statement", NULL },
  { "DescribeTimeToLive", NULL, "describe-time-to-live", NULL },
  { "UpdateTimeToLive", NULL, "update-time-to-live", NULL },
};

#define N_SEED 9

static char *
seed_path (const char *name)
{
  const char *dir = g_getenv ("DD_SEED_DIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "data", "seed", name, NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
test_catalogue_complete (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  g_assert_nonnull (ops);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  g_assert_true (dd_operation_get_all (NULL) == ops);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (ops[i].action, ==, expected[i].action);
      g_assert_cmpstr (ops[i].cli_name, ==, expected[i].cli_name);
      g_assert_nonnull (ops[i].label);
      g_assert_cmpstr (ops[i].label, !=, "");
      if (expected[i].label != NULL)
        g_assert_cmpstr (ops[i].label, ==, expected[i].label);
    }
}

static void
test_catalogue_seed_order (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      gboolean seed = (ops[i].flags & DD_OPERATION_FLAG_SEED) != 0;

      g_test_message ("%s: seed %d", ops[i].action, seed);
      g_assert_cmpint (seed, ==, i < N_SEED);
    }
}

static void
test_catalogue_lookup (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (dd_operation_lookup_action (ops[i].action) == &ops[i]);
      g_assert_true (dd_operation_lookup_cli_name (ops[i].cli_name) == &ops[i]);
    }
  g_assert_null (dd_operation_lookup_action ("getitem"));
  g_assert_null (dd_operation_lookup_action ("get-item"));
  g_assert_null (dd_operation_lookup_action ("DescribeLimits"));
  g_assert_null (dd_operation_lookup_cli_name ("GetItem"));
  g_assert_null (dd_operation_lookup_cli_name ("get_item"));
  g_assert_null (dd_operation_lookup_cli_name (""));
}

static gboolean
is_kebab (const char *s)
{
  if (!g_ascii_islower (s[0]))
    return FALSE;
  for (const char *p = s; *p; p++)
    {
      if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
        return FALSE;
      if (*p != '-' && !g_ascii_islower (*p))
        return FALSE;
    }
  return TRUE;
}

static void
test_catalogue_names_unique (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);
  g_autoptr(GHashTable) cli = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) actions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (is_kebab (ops[i].cli_name));
      g_assert_true (g_hash_table_add (cli, (gpointer) ops[i].cli_name));
      g_assert_true (g_hash_table_add (actions, (gpointer) ops[i].action));
      g_assert_true (g_hash_table_add (labels, (gpointer) ops[i].label));
    }
}

/* Every template is a JSON object; TableName is at its top only for an
 * operation that takes a table. */
static void
test_templates_parse (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) obj = NULL;
      gboolean takes = (ops[i].flags & DD_OPERATION_FLAG_TAKES_TABLE) != 0;

      g_test_message ("template of %s", ops[i].action);
      g_assert_nonnull (ops[i].template_json);
      obj = parse_object (ops[i].template_json);
      if (json_object_has_member (obj, "TableName"))
        g_assert_true (takes);
    }
}

/* The seed's examples are the templates, byte for byte (Get Item's with
 * its missing brace added). */
static void
test_templates_are_seed (void)
{
  for (guint i = 0; i < N_SEED; i++)
    {
      const DdOperation *op = dd_operation_lookup_action (expected[i].action);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (expected[i].seed_file == NULL)
        continue;
      path = seed_path (expected[i].seed_file);
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (op->template_json, ==, text);
    }
}

/* Create Table's template is the seed's example with a sort key added:
 * the same fields, and its key schema has a RANGE element. */
static void
test_templates_create_table (void)
{
  const DdOperation *op = dd_operation_lookup_action ("CreateTable");
  g_autofree char *path = seed_path ("create-table.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) seed = NULL;
  g_autoptr(JsonObject) tmpl = NULL;
  g_autoptr(GList) members = NULL;
  JsonArray *keys;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  seed = parse_object (text);
  tmpl = parse_object (op->template_json);
  g_assert_cmpuint (json_object_get_size (seed), ==, json_object_get_size (tmpl));
  members = json_object_get_members (seed);
  for (GList *l = members; l; l = l->next)
    g_assert_true (json_object_has_member (tmpl, l->data));
  g_assert_cmpstr (json_object_get_string_member (tmpl, "TableName"), ==,
                   json_object_get_string_member (seed, "TableName"));
  keys = json_object_get_array_member (tmpl, "KeySchema");
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 1), "KeyType"),
                   ==, "RANGE");
}

static gboolean
strv_has_prefix (const char * const *paths,
                 const char         *member)
{
  for (guint i = 0; paths[i]; i++)
    {
      gsize len = strlen (member);

      if (strncmp (paths[i], member, len) == 0 && strchr (".@", paths[i][len]) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
path_is_valid (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  guint n = g_strv_length (segments);

  for (guint i = 0; i < n; i++)
    {
      const char *at = strchr (segments[i], '@');

      if (segments[i][0] == '\0' || segments[i][0] == '@')
        return FALSE;
      if (at != NULL && (i != n - 1 || at[1] != '\0'))
        return FALSE;
    }
  return TRUE;
}

/* Members of a template that hold attribute values are covered by a
 * request path of the operation. */
static const char * const value_members[] = {
  "Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey",
  "RequestItems", "TransactItems", "Parameters", NULL
};

static void
test_paths_every_op (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) tmpl = parse_object (ops[i].template_json);

      g_test_message ("paths of %s", ops[i].action);
      g_assert_nonnull (ops[i].request_paths);
      g_assert_nonnull (ops[i].response_paths);
      for (guint j = 0; ops[i].request_paths[j]; j++)
        g_assert_true (path_is_valid (ops[i].request_paths[j]));
      for (guint j = 0; ops[i].response_paths[j]; j++)
        g_assert_true (path_is_valid (ops[i].response_paths[j]));
      for (guint j = 0; value_members[j]; j++)
        if (json_object_has_member (tmpl, value_members[j]))
          g_assert_true (strv_has_prefix (ops[i].request_paths, value_members[j]));
    }
}

typedef struct
{
  const char *action;
  const char *request_path;
  const char *response_path;
} PathCase;

static const PathCase path_cases[] = {
  { "GetItem", "Key", "Item" },
  { "Query", "ExpressionAttributeValues", "Items.[]" },
  { "Query", "ExclusiveStartKey", "LastEvaluatedKey" },
  { "Scan", "ExclusiveStartKey", "LastEvaluatedKey" },
  { "DeleteItem", "Key", "Attributes" },
  { "UpdateItem", "ExpressionAttributeValues", "Attributes" },
  { "PutItem", "Item", "Attributes" },
  { "BatchGetItem", "RequestItems.*.Keys.[]", "Responses.*.[]" },
  { "BatchGetItem", NULL, "UnprocessedKeys.*.Keys.[]" },
  { "BatchWriteItem", "RequestItems.*.[].PutRequest.Item", "UnprocessedItems.*.[].PutRequest.Item" },
  { "BatchWriteItem", "RequestItems.*.[].DeleteRequest.Key", "UnprocessedItems.*.[].DeleteRequest.Key" },
  { "TransactGetItems", "TransactItems.[].Get.Key", "Responses.[].Item" },
  { "TransactWriteItems", "TransactItems.[].Put.Item", NULL },
  { "TransactWriteItems", "TransactItems.[].Update.Key", NULL },
  { "TransactWriteItems", "TransactItems.[].Update.ExpressionAttributeValues", NULL },
  { "TransactWriteItems", "TransactItems.[].Delete.Key", NULL },
  { "TransactWriteItems", "TransactItems.[].ConditionCheck.Key", NULL },
  { "ExecuteStatement", "Parameters.[]@", "Items.[]" },
  { "ExecuteStatement", NULL, "LastEvaluatedKey" },
};

static void
test_paths_known (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (path_cases); i++)
    {
      const PathCase *c = &path_cases[i];
      const DdOperation *op = dd_operation_lookup_action (c->action);

      g_assert_nonnull (op);
      if (c->request_path != NULL)
        g_assert_true (g_strv_contains (op->request_paths, c->request_path));
      if (c->response_path != NULL)
        g_assert_true (g_strv_contains (op->response_paths, c->response_path));
    }
}

static void
test_pagination (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);
  const DdOperation *op;

  op = dd_operation_lookup_action ("Scan");
  g_assert_true (dd_operation_is_paginated (op));
  g_assert_cmpstr (op->page_input_key, ==, "ExclusiveStartKey");
  g_assert_cmpstr (op->page_output_key, ==, "LastEvaluatedKey");
  g_assert_cmpstr (op->page_limit_key, ==, "Limit");
  op = dd_operation_lookup_action ("Query");
  g_assert_cmpstr (op->page_input_key, ==, "ExclusiveStartKey");
  g_assert_cmpstr (op->page_output_key, ==, "LastEvaluatedKey");
  op = dd_operation_lookup_action ("ListTables");
  g_assert_cmpstr (op->page_input_key, ==, "ExclusiveStartTableName");
  g_assert_cmpstr (op->page_output_key, ==, "LastEvaluatedTableName");
  g_assert_cmpstr (op->page_limit_key, ==, "Limit");
  op = dd_operation_lookup_action ("ExecuteStatement");
  g_assert_cmpstr (op->page_input_key, ==, "NextToken");
  g_assert_cmpstr (op->page_output_key, ==, "NextToken");

  /* Exactly these four paginate. */
  for (guint i = 0; i < n; i++)
    {
      gboolean expect = g_str_equal (ops[i].action, "Scan") ||
                        g_str_equal (ops[i].action, "Query") ||
                        g_str_equal (ops[i].action, "ListTables") ||
                        g_str_equal (ops[i].action, "ExecuteStatement");

      g_assert_cmpint (dd_operation_is_paginated (&ops[i]), ==, expect);
    }
}

static void
test_flags (void)
{
  static const char * const no_table[] = {
    "ListTables", "BatchGetItem", "BatchWriteItem", "TransactGetItems",
    "TransactWriteItems", "ExecuteStatement", NULL
  };
  static const char * const readers[] = {
    "ListTables", "GetItem", "Query", "Scan", "DescribeTable", "BatchGetItem",
    "TransactGetItems", "DescribeTimeToLive", NULL
  };
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      gboolean takes = (ops[i].flags & DD_OPERATION_FLAG_TAKES_TABLE) != 0;
      gboolean writes = (ops[i].flags & DD_OPERATION_FLAG_WRITES) != 0;

      g_test_message ("flags of %s: %x", ops[i].action, ops[i].flags);
      g_assert_cmpint (takes, ==, !g_strv_contains (no_table, ops[i].action));
      g_assert_cmpint (writes, ==, !g_strv_contains (readers, ops[i].action));
    }
  g_assert_true (dd_operation_lookup_action ("Scan")->flags & DD_OPERATION_FLAG_RETURNS_ITEMS);
  g_assert_true (dd_operation_lookup_action ("Query")->flags & DD_OPERATION_FLAG_RETURNS_ITEMS);
  g_assert_false (dd_operation_lookup_action ("GetItem")->flags & DD_OPERATION_FLAG_RETURNS_ITEMS);
  g_assert_true (dd_operation_lookup_action ("ListTables")->flags & DD_OPERATION_FLAG_MAY_BE_EMPTY);
  g_assert_false (dd_operation_lookup_action ("GetItem")->flags & DD_OPERATION_FLAG_MAY_BE_EMPTY);
}

/* The raw entry covers every path of every operation. */
static void
test_raw_action (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);
  const DdOperation *raw = dd_operation_for_raw_action ("BatchExecuteStatement");

  g_assert_nonnull (raw);
  g_assert_null (raw->action);
  g_assert_false (raw->flags & DD_OPERATION_FLAG_TAKES_TABLE);
  g_assert_false (dd_operation_is_paginated (raw));
  g_assert_true (dd_operation_for_raw_action ("DescribeLimits") == raw);
  g_assert_true (g_strv_contains (raw->request_paths, "Statements.[].Parameters.[]@"));
  g_assert_true (g_strv_contains (raw->request_paths, "TransactStatements.[].Parameters.[]@"));
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; ops[i].request_paths[j]; j++)
        g_assert_true (g_strv_contains (raw->request_paths, ops[i].request_paths[j]));
      for (guint j = 0; ops[i].response_paths[j]; j++)
        g_assert_true (g_strv_contains (raw->response_paths, ops[i].response_paths[j]));
    }

  g_assert_true (dd_operation_for_raw_action ("GetItem") == dd_operation_lookup_action ("GetItem"));
  g_assert_null (dd_operation_for_raw_action (""));
  g_assert_null (dd_operation_for_raw_action ("Get Item"));
  g_assert_null (dd_operation_for_raw_action ("1GetItem"));
  g_assert_null (dd_operation_for_raw_action ("DynamoDB_20120810.GetItem"));
}

/* Labels and hints come back in the locale's language: English in C,
 * German with LANGUAGE=de and the build's catalogue (DD_LOCALEDIR). In a
 * subprocess, so that the locale of the other tests stays as it is. */
static void
test_labels_translated (void)
{
  const char *localedir = g_getenv ("DD_LOCALEDIR");
  g_autofree char *catalogue = NULL;

  catalogue = g_build_filename (localedir ? localedir : "", "de", "LC_MESSAGES",
                                GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no German catalogue in the build (DD_LOCALEDIR)");
      return;
    }
  if (g_test_subprocess ())
    {
      guint n = 0;
      const DdOperation *ops = dd_operation_get_all (&n);

      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C");
      g_assert_cmpstr (dd_operation_get_label (dd_operation_lookup_action ("GetItem")), ==, "Get Item");

      g_setenv ("LANGUAGE", "de", TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      g_assert_cmpstr (dd_operation_get_label (dd_operation_lookup_action ("GetItem")), ==, "Eintrag lesen");
      g_assert_cmpstr (dd_operation_get_label (dd_operation_lookup_action ("Scan")), ==, "Tabelle durchsuchen");
      /* Every label has its German, including the generic "call" entry. */
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (dd_operation_get_label (&ops[i]), !=, ops[i].label);
      g_assert_cmpstr (dd_operation_get_label (dd_operation_for_raw_action ("DescribeLimits")), ==,
                       "Aktion aufrufen");
      g_assert_true (g_str_has_prefix (dd_error_hint_for_code ("ResourceNotFoundException"),
                                       "Tabellenname und Region prüfen"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/operation/catalogue/complete", test_catalogue_complete);
  g_test_add_func ("/dd/operation/catalogue/seed-order", test_catalogue_seed_order);
  g_test_add_func ("/dd/operation/catalogue/lookup", test_catalogue_lookup);
  g_test_add_func ("/dd/operation/catalogue/names-unique", test_catalogue_names_unique);
  g_test_add_func ("/dd/operation/templates/parse", test_templates_parse);
  g_test_add_func ("/dd/operation/templates/seed", test_templates_are_seed);
  g_test_add_func ("/dd/operation/templates/create-table", test_templates_create_table);
  g_test_add_func ("/dd/operation/paths/every-op", test_paths_every_op);
  g_test_add_func ("/dd/operation/paths/known", test_paths_known);
  g_test_add_func ("/dd/operation/pagination", test_pagination);
  g_test_add_func ("/dd/operation/flags", test_flags);
  g_test_add_func ("/dd/operation/raw-action", test_raw_action);
  g_test_add_func ("/dd/operation/labels-translated", test_labels_translated);

  return g_test_run ();
}
