/* test-cli.c: dynamo-desk-cli end to end against the local DynamoDB.
 *
 * Runs the built binary (DD_CLI) as a person or a script would, with the
 * seed's examples verbatim, and checks its output, its files and its exit
 * codes.
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-test-dynamo.h"

static DdTestDynamo *dynamo;
static char *workdir;
/* LANGUAGE for the CLI runs (NULL: as inherited). */
static const char *cli_language;
static gboolean cli_without_credentials;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("DD_TEST_DATA"), "seed", name, NULL);
}

/* "@" and the path of a demo file, as the CLI takes a request file. */
static char *
demo_arg (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_TEST_DATA"), "..", "..", "build-aux",
                                            "demo", name, NULL);

  return g_strconcat ("@", path, NULL);
}

/* Runs the CLI with --endpoint set to the local DynamoDB (unless endpoint
 * is given), stdin_text on standard input, and args. */
static Result
run_cli_argv (const char  *stdin_text,
              const char  *endpoint,
              const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("DD_CLI"));
  /* A subcommand comes first, its options after it; `sources` takes its
   * endpoint from the saved source. */
  if (args[0] != NULL && g_str_equal (args[0], "import"))
    g_ptr_array_add (argv, (gpointer) *args++);
  if (args[0] == NULL || !g_str_equal (args[0], "sources"))
    {
      g_ptr_array_add (argv, (gpointer) "--endpoint");
      g_ptr_array_add (argv, (gpointer) (endpoint ? endpoint : dd_test_dynamo_get_endpoint (dynamo)));
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, workdir);
  if (cli_language != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", cli_language, TRUE);
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
    }
  if (cli_without_credentials)
    {
      g_subprocess_launcher_unsetenv (launcher, "AWS_ACCESS_KEY_ID");
      g_subprocess_launcher_unsetenv (launcher, "AWS_SECRET_ACCESS_KEY");
      g_subprocess_launcher_setenv (launcher, "AWS_EC2_METADATA_DISABLED", "true", TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text ? stdin_text : "", NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

#define run_cli(stdin_text, ...) \
  run_cli_argv (stdin_text, NULL, (const char *[]) { __VA_ARGS__, NULL })

static void
assert_ok (const Result *r)
{
  if (r->status != 0)
    g_error ("the CLI failed (%d): %s", r->status, r->err);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
create_demo_tables (void)
{
  static gboolean done;
  g_autofree char *reply_table = NULL;
  g_autofree char *reply_items = NULL;
  g_autofree char *users_table = NULL;
  g_autofree char *users_items = NULL;

  if (done)
    return;
  done = TRUE;
  reply_table = demo_arg ("reply-table.json");
  reply_items = demo_arg ("reply-items.json");
  users_table = demo_arg ("users-table.json");
  users_items = demo_arg ("users-items.json");
  {
    g_auto(Result) a = run_cli (NULL, "create-table", reply_table);
    g_auto(Result) b = run_cli (NULL, "batch-write-item", reply_items);
    g_auto(Result) c = run_cli (NULL, "create-table", users_table);
    g_auto(Result) d = run_cli (NULL, "batch-write-item", users_items);
    assert_ok (&a), assert_ok (&b), assert_ok (&c), assert_ok (&d);
  }
  {
    g_auto(Result) e = run_cli (NULL, "create-table",
                                "{\"TableName\":\"Thread\",\"AttributeDefinitions\":["
                                "{\"AttributeName\":\"ForumName\",\"AttributeType\":\"S\"},"
                                "{\"AttributeName\":\"Subject\",\"AttributeType\":\"S\"}],"
                                "\"KeySchema\":[{\"AttributeName\":\"ForumName\",\"KeyType\":\"HASH\"},"
                                "{\"AttributeName\":\"Subject\",\"KeyType\":\"RANGE\"}],"
                                "\"BillingMode\":\"PAY_PER_REQUEST\"}");
    assert_ok (&e);
  }
}

/* The seed's Query Table example, verbatim. */
static void
test_seed_query (void)
{
  g_autofree char *file = data_path ("query.json");
  g_autofree char *arg = g_strconcat ("@", file, NULL);
  g_autoptr(JsonObject) response = NULL;
  JsonArray *items;

  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "query", arg);
    assert_ok (&r);
    response = parse_object (r.out);
  }
  g_assert_cmpint (json_object_get_int_member (response, "Count"), ==, 2);
  items = json_object_get_array_member (response, "Items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      /* The projection: Id, PostedBy, ReplyDateTime and nothing else. */
      g_assert_cmpuint (json_object_get_size (item), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (item, "Id"), ==, "Amazon DynamoDB#DynamoDB Thread 1");
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "PostedBy"), ==, "User A");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "PostedBy"), ==, "User B");
  g_assert_true (json_object_has_member (response, "ConsumedCapacity"));
}

/* The seed's Scan Table example, with the table given as --table fills its
 * "<table_name>" placeholder. Numbers keep every digit, sets and binary
 * their types. */
static void
test_seed_scan (void)
{
  g_autofree char *file = data_path ("scan.json");
  g_autofree char *arg = g_strconcat ("@", file, NULL);

  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "--table", "Reply", "scan", arg);
    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "\"Votes\": 12345678901234567890123456789012345678"));
    g_assert_nonnull (strstr (r.out, "\"Score\": 0.000000000000000000000000000000000001"));
    g_assert_nonnull (strstr (r.out, "\"Count\": 4"));
  }
  {
    g_auto(Result) r = run_cli (NULL, "--typed", "--table", "Reply", "scan", arg);
    g_autoptr(JsonObject) response = NULL;

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "\"N\": \"12345678901234567890123456789012345678\""));
    g_assert_nonnull (strstr (r.out, "\"SS\": ["));
    g_assert_nonnull (strstr (r.out, "\"B\": \"RHluYW1vIERlc2s=\""));
    g_assert_nonnull (strstr (r.out, "\"NS\": ["));
    response = parse_object (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (response, "Items")), ==, 4);
  }
}

/* The seed's Get Item example lacks a closing brace: the CLI says where. */
static void
test_seed_get_item (void)
{
  g_autofree char *file = data_path ("get-item.json");
  g_autofree char *fixed = data_path ("get-item.fixed.json");
  g_autofree char *arg = g_strconcat ("@", file, NULL);
  g_autofree char *fixed_arg = g_strconcat ("@", fixed, NULL);

  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "--table", "Thread", "get-item", arg);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "line 10, column 1"));
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(Result) put = run_cli (NULL, "--table", "Thread", "put-item",
                                  "{\"Item\": {\"ForumName\": \"Amazon DynamoDB\", "
                                  "\"Subject\": \"How do I update multiple items?\", \"Views\": 7}}");
    g_auto(Result) r = run_cli (NULL, "--table", "Thread", "get-item", fixed_arg);
    g_autoptr(JsonObject) response = NULL;
    JsonObject *item;

    assert_ok (&put);
    assert_ok (&r);
    response = parse_object (r.out);
    item = json_object_get_object_member (response, "Item");
    g_assert_nonnull (item);
    g_assert_cmpint (json_object_get_int_member (item, "Views"), ==, 7);
  }
}

/* The seed's Delete Item: its condition holds for an item without Replies. */
static void
test_seed_delete_item (void)
{
  g_autofree char *file = data_path ("delete-item.json");
  g_autofree char *arg = g_strconcat ("@", file, NULL);

  create_demo_tables ();
  {
    g_auto(Result) put = run_cli (NULL, "--table", "Thread", "put-item",
                                  "{\"Item\": {\"ForumName\": \"Amazon DynamoDB\", "
                                  "\"Subject\": \"How do I update multiple items?\", \"Replies\": 3}}");
    g_auto(Result) refused = run_cli (NULL, "--table", "Thread", "delete-item", arg);

    assert_ok (&put);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "ConditionalCheckFailedException"));
    g_assert_nonnull (strstr (refused.err, "hint:"));
  }
  {
    g_auto(Result) put = run_cli (NULL, "--table", "Thread", "put-item",
                                  "{\"Item\": {\"ForumName\": \"Amazon DynamoDB\", "
                                  "\"Subject\": \"How do I update multiple items?\", \"Views\": 9}}");
    g_auto(Result) r = run_cli (NULL, "--table", "Thread", "delete-item", arg);
    g_autoptr(JsonObject) response = NULL;

    assert_ok (&put);
    assert_ok (&r);
    response = parse_object (r.out);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (response, "Attributes"), "Views"), ==, 9);
  }
}

/* Update Item and Put Item, in the seed's plain JSON. */
static void
test_seed_update_and_put (void)
{
  g_autofree char *update = data_path ("update-item.json");
  g_autofree char *put = data_path ("put-item.json");
  g_autofree char *update_arg = g_strconcat ("@", update, NULL);
  g_autofree char *put_arg = g_strconcat ("@", put, NULL);

  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "update-item", update_arg);
    g_auto(Result) get = run_cli (NULL, "--table", "USER_DETAILS_with_local", "get-item",
                                  "{\"Key\": {\"USER_ID\": 1, \"USER_NAME\": \"Nick\"}}");
    assert_ok (&r);
    assert_ok (&get);
    g_assert_nonnull (strstr (get.out, "\"USER_AGE\": 40"));
    g_assert_nonnull (strstr (get.out, "\"USER_FEE\": 230545"));
  }
  {
    /* The seed's Put Item names table USER_DETAILS_with_localS, which does
     * not exist: an AWS error, exit 1, with a hint. */
    g_auto(Result) r = run_cli (NULL, "put-item", put_arg);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "ResourceNotFoundException"));
    g_assert_nonnull (strstr (r.err, "hint: Check the table name"));
  }
}

/* The seed's Create Table is refused by DynamoDB: a local secondary index
 * on a table without a sort key. */
static void
test_seed_create_table (void)
{
  g_autofree char *file = data_path ("create-table.json");
  g_autofree char *arg = g_strconcat ("@", file, NULL);
  g_auto(Result) r = run_cli (NULL, "create-table", arg);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "ValidationException"));
  g_assert_nonnull (strstr (r.err, "range key"));
}

static void
test_describe_and_list (void)
{
  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "--table", "Reply", "describe-table");
    g_autoptr(JsonObject) response = NULL;
    JsonObject *table;

    assert_ok (&r);
    response = parse_object (r.out);
    table = json_object_get_object_member (response, "Table");
    g_assert_cmpstr (json_object_get_string_member (table, "TableName"), ==, "Reply");
    /* ItemCount lags (DynamoDB refreshes it about every six hours): check
     * the schema instead. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (table, "KeySchema")), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (table, "LocalSecondaryIndexes"), 0), "IndexName"),
                     ==, "PostedBy-Index");
  }
  {
    g_auto(Result) r = run_cli (NULL, "--all", "list-tables", "{\"Limit\": 1}");
    g_autoptr(JsonObject) response = NULL;
    JsonArray *names;

    assert_ok (&r);
    response = parse_object (r.out);
    names = json_object_get_array_member (response, "TableNames");
    g_assert_cmpuint (json_array_get_length (names), >=, 3);
    g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "Reply");
  }
}

/* Bad input: a clear message and exit code 2, never a crash. */
static void
test_bad_input (void)
{
  static const struct
  {
    const char *operation;
    const char *request;
    const char *expected;
  } cases[] = {
    { "scan", "{\"TableName\": \"Reply\",", "line 1, column 23" },
    { "scan", "{\"TableName\": \"Reply\"\n  \"Limit\": 2}", "line 2, column 3" },
    { "scan", "[1, 2]", "must be a JSON object" },
    { "scan", "{\"TableName\": 5}", "TableName" },
    { "get-item", "", "empty" },
    { "get-item", "{\"Key\": {\"a\": 1}}", "TableName is missing" },
    { "put-item", "{\"TableName\": \"T\", \"Item\": {\"n\": 1234567890123456789012345678901234567890}}", "38" },
    { "frobnicate", "{}", "unknown operation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = run_cli (NULL, cases[i].operation, cases[i].request);

      if (r.status != 2 || strstr (r.err, cases[i].expected) == NULL)
        g_error ("case %u: exit %d, stderr: %s", i, r.status, r.err);
      g_assert_cmpstr (r.out, ==, "");
    }
  {
    g_auto(Result) r = run_cli (NULL, "--format", "xml", "scan", "{}");
    g_assert_cmpint (r.status, ==, 2);
  }
}

/* LANGUAGE=de: messages and hints in German from the core's and the CLI's
 * catalogue (DD_LOCALEDIR: the build's po/), the JSON output unchanged. */
static void
test_german_messages (void)
{
  g_autofree char *catalogue = NULL;
  g_autofree char *english_out = NULL;

  catalogue = g_build_filename (g_getenv ("DD_LOCALEDIR") ? g_getenv ("DD_LOCALEDIR") : "",
                                "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no German catalogue in the build (DD_LOCALEDIR)");
      return;
    }
  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "--table", "Reply", "scan", "{\"Limit\": 3}");
    assert_ok (&r);
    english_out = g_strdup (r.out);
  }
  cli_language = "de";
  {
    g_auto(Result) r = run_cli (NULL, "get-item", "{\"Key\": {\"a\": 1}}");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "TableName fehlt: --table angeben"));
    g_assert_null (strstr (r.err, "is missing"));
  }
  {
    g_auto(Result) r = run_cli (NULL, "scan", "{\"TableName\": \"Reply\",");
    g_assert_cmpint (r.status, ==, 2);
    /* The location stays machine-readable; the reason is German. */
    g_assert_nonnull (strstr (r.err, "line 1, column 23: "));
    g_assert_nonnull (strstr (r.err, "erwartet"));
  }
  {
    g_auto(Result) r = run_cli (NULL, "scan", "{\"TableName\": \"NoSuchTable\"}");
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "Hinweis: Tabellenname und Region prüfen"));
  }
  {
    g_auto(Result) r = run_cli (NULL, "--table", "Reply", "scan", "{\"Limit\": 3}");
    assert_ok (&r);
    g_assert_cmpstr (r.out, ==, english_out);
  }
  cli_language = NULL;
}

/* Runs the CLI twice, in English and in German, and returns the German run;
 * the standard output (JSON, CSV) is the same byte for byte. */
static Result
run_cli_both_languages (const char **args)
{
  Result english;
  Result german;

  cli_language = NULL;
  english = run_cli_argv (NULL, NULL, args);
  cli_language = "de";
  german = run_cli_argv (NULL, NULL, args);
  cli_language = NULL;
  g_assert_cmpint (german.status, ==, english.status);
  g_assert_cmpstr (german.out, ==, english.out);
  result_clear (&english);
  return german;
}

/* LANGUAGE=de: the credential chain's list and an import error in German,
 * the import error keeping its file:line:column; CSV and JSON output the
 * same in both languages. */
static void
test_german_credentials_and_import (void)
{
  g_autofree char *catalogue = g_build_filename (g_getenv ("DD_LOCALEDIR") ? g_getenv ("DD_LOCALEDIR") : "",
                                                 "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *items = g_build_filename (workdir, "broken.jsonl", NULL);
  g_autofree char *array = g_build_filename (workdir, "broken.json", NULL);

  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no German catalogue in the build (DD_LOCALEDIR)");
      return;
    }
  create_demo_tables ();
  {
    g_auto(Result) csv = run_cli_both_languages ((const char *[]) { "--format", "csv", "--all", "--table", "Reply",
                                                                    "scan", NULL });
    g_auto(Result) json = run_cli_both_languages ((const char *[]) { "--typed", "--table", "Reply", "scan",
                                                                     "{\"Limit\": 2}", NULL });
    g_assert_cmpint (csv.status, ==, 0);
    g_assert_cmpint (json.status, ==, 0);
    g_assert_true (g_str_has_prefix (csv.out, "Id,"));
    g_assert_nonnull (strstr (json.out, "\"Items\""));
  }

  /* No credentials anywhere (and the instance metadata service not asked). */
  cli_without_credentials = TRUE;
  {
    g_auto(Result) r = run_cli_both_languages ((const char *[]) { "list-tables", NULL });
    g_assert_cmpint (r.status, ==, 3);
    g_assert_nonnull (strstr (r.err, "keine Anmeldedaten gefunden:\n- "));
    g_assert_nonnull (strstr (r.err, "AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY sind nicht gesetzt"));
    g_assert_nonnull (strstr (r.err, "der Instanz-Metadatendienst ist abgeschaltet"));
    g_assert_null (strstr (r.err, "no credentials found"));
    g_assert_null (strstr (r.err, "are not set"));
  }
  cli_without_credentials = FALSE;

  /* The item on line 2 has a string that is not closed; in the JSON array,
   * the comma after the first item is missing: the errors name where. */
  g_file_set_contents (items, "\n  {\"Id\": \"i18n-2}\n", -1, NULL);
  g_file_set_contents (array, "[\n  {\"Id\": \"i18n-1\"}\n  {\"Id\": \"i18n-2\"}\n]\n", -1, NULL);
  {
    g_auto(Result) r = run_cli_both_languages ((const char *[]) { "import", "--table", "Reply", items, NULL });
    g_autofree char *where = g_strdup_printf ("%s:2:16: ", items);

    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, where));
    g_assert_nonnull (strstr (r.err, "nicht abgeschlossene Zeichenkette"));
  }
  {
    g_auto(Result) r = run_cli_both_languages ((const char *[]) { "import", "--table", "Reply", array, NULL });
    g_autofree char *where = g_strdup_printf ("%s:3:3: ", array);

    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, where));
    g_assert_nonnull (strstr (r.err, "„,“ oder „]“ nach einem Eintrag erwartet"));
    g_assert_null (strstr (r.err, "expected"));
  }
}

static void
test_network_failure (void)
{
  const char *args[] = { "list-tables", NULL };
  g_auto(Result) r = run_cli_argv (NULL, "http://127.0.0.1:9", args);

  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "dynamo-desk-cli:"));
}

/* Request from standard input; output written atomically with -o. */
/* A loopback port with nothing listening: the socket is bound (so no one
 * else takes the port) but never listens, so connections are refused. */
static GSocket *
refusing_socket (char **endpoint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *endpoint = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return socket;
}

/* LANGUAGE=de: `sources list` has German column headers, and `sources test`
 * against an endpoint that refuses explains it in German; the JSON list is
 * the same in both languages. */
static void
test_german_sources (void)
{
  g_autofree char *catalogue = g_build_filename (g_getenv ("DD_LOCALEDIR") ? g_getenv ("DD_LOCALEDIR") : "",
                                                 "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *aws_dir = g_build_filename (g_get_home_dir (), ".aws", NULL);
  g_autofree char *credentials = g_build_filename (aws_dir, "credentials", NULL);
  g_autofree char *endpoint = NULL;
  g_autoptr(GSocket) socket = NULL;

  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no German catalogue in the build (DD_LOCALEDIR)");
      return;
    }
  socket = refusing_socket (&endpoint);
  g_assert_cmpint (g_mkdir_with_parents (aws_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (credentials, "[refused]\naws_access_key_id = AKIDREFUSED\n"
                                      "aws_secret_access_key = refused-secret\n", -1, NULL));
  {
    g_auto(Result) r = run_cli (NULL, "sources", "add", "--name", "refused", "--auth", "profile",
                                "--profile", "refused", "--region", "us-east-1", "--endpoint", endpoint);
    assert_ok (&r);
  }
  {
    g_auto(Result) r = run_cli_both_languages ((const char *[]) { "sources", "list", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, endpoint));
  }
  cli_language = "de";
  {
    g_auto(Result) r = run_cli (NULL, "sources", "list");
    assert_ok (&r);
    g_assert_true (g_str_has_prefix (r.out, "NAME"));
    g_assert_nonnull (strstr (r.out, "ANMELDUNG"));
    g_assert_nonnull (strstr (r.out, "ENDPUNKT"));
    g_assert_null (strstr (r.out, "ENDPOINT"));
  }
  {
    g_auto(Result) r = run_cli (NULL, "sources", "test", "refused");
    g_autofree char *hint = g_strdup_printf ("%s nimmt keine Verbindungen an: Host und Port des Endpunkts prüfen",
                                             endpoint);

    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, hint));
    g_assert_null (strstr (r.err, "Nothing is listening"));
  }
  cli_language = NULL;
}

static void
test_stdin_and_output_file (void)
{
  g_autofree char *path = g_build_filename (workdir, "users.csv", NULL);
  g_autofree char *contents = NULL;

  create_demo_tables ();
  g_file_set_contents (path, "previous\n", -1, NULL);
  {
    g_auto(Result) failed = run_cli ("{\"TableName\": \"NoSuchTable\"}", "--format", "csv", "-o", path, "scan", "-");
    g_assert_cmpint (failed.status, ==, 1);
    g_file_get_contents (path, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "previous\n");
    g_clear_pointer (&contents, g_free);
  }
  {
    g_auto(Result) r = run_cli ("{\"TableName\": \"USER_DETAILS_with_local\"}", "--format", "csv", "-o", path, "--all", "scan", "-");
    assert_ok (&r);
    g_assert_cmpstr (r.out, ==, "");
  }
  g_file_get_contents (path, &contents, NULL, NULL);
  /* Key attributes first (DescribeTable), then the others. */
  g_assert_true (g_str_has_prefix (contents, "USER_ID,USER_NAME,"));
  g_assert_nonnull (strstr (contents, "18446744073709551617"));
  g_assert_nonnull (strstr (contents, "1234.56"));
}

static void
test_jsonl_segments_and_limits (void)
{
  create_demo_tables ();
  {
    g_auto(Result) r = run_cli (NULL, "--format", "jsonl", "--all", "--segments", "4", "--table", "Reply", "scan");
    g_auto(GStrv) lines = NULL;

    assert_ok (&r);
    lines = g_strsplit (g_strchomp (r.out), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
  }
  {
    g_auto(Result) r = run_cli (NULL, "--format", "jsonl", "--max-items", "2", "--table", "Reply", "scan", "{\"Limit\": 1}");
    g_auto(GStrv) lines = NULL;

    assert_ok (&r);
    lines = g_strsplit (g_strchomp (r.out), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 2);
  }
}

/* A number with 38 digits, a tiny one and a set survive a put and a get.
 * The item is all type descriptors, so it is read as DynamoDB JSON. */
static void
test_exact_round_trip (void)
{
  create_demo_tables ();
  {
    g_auto(Result) put = run_cli (NULL, "--table", "USER_DETAILS_with_local", "put-item",
                                  "{\"Item\": {\"USER_ID\": {\"N\": \"99\"}, \"USER_NAME\": {\"S\": \"Exact\"},"
                                  " \"BIG\": {\"N\": \"-12345678901234567890123456789012345678\"},"
                                  " \"TINY\": {\"N\": \"1E-130\"}, \"TAGS\": {\"SS\": [\"a\", \"b\"]},"
                                  " \"BLOB\": {\"B\": \"AAEC\"}}}");
    assert_ok (&put);
  }
  {
    g_auto(Result) get = run_cli (NULL, "--typed", "--table", "USER_DETAILS_with_local", "get-item",
                                  "{\"Key\": {\"USER_ID\": {\"N\": \"99\"}, \"USER_NAME\": {\"S\": \"Exact\"}}}");
    assert_ok (&get);
    g_assert_nonnull (strstr (get.out, "\"-12345678901234567890123456789012345678\""));
    g_assert_nonnull (strstr (get.out, "\"SS\": ["));
    g_assert_nonnull (strstr (get.out, "\"B\": \"AAEC\""));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  dd_test_init (&argc, &argv);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDCLITEST", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "cli-test-secret", TRUE);
  g_setenv ("AWS_REGION", "us-east-1", TRUE);
  workdir = g_dir_make_tmp ("dd-cli-XXXXXX", NULL);
  dynamo = dd_test_dynamo_start ();

  g_test_add_func ("/dd/cli/seed/query", test_seed_query);
  g_test_add_func ("/dd/cli/seed/scan", test_seed_scan);
  g_test_add_func ("/dd/cli/seed/get-item", test_seed_get_item);
  g_test_add_func ("/dd/cli/seed/delete-item", test_seed_delete_item);
  g_test_add_func ("/dd/cli/seed/update-and-put-item", test_seed_update_and_put);
  g_test_add_func ("/dd/cli/seed/create-table", test_seed_create_table);
  g_test_add_func ("/dd/cli/describe-and-list", test_describe_and_list);
  g_test_add_func ("/dd/cli/bad-input", test_bad_input);
  g_test_add_func ("/dd/cli/network-failure", test_network_failure);
  g_test_add_func ("/dd/cli/german-messages", test_german_messages);
  g_test_add_func ("/dd/cli/german-credentials-and-import", test_german_credentials_and_import);
  g_test_add_func ("/dd/cli/german-sources", test_german_sources);
  g_test_add_func ("/dd/cli/stdin-and-output-file", test_stdin_and_output_file);
  g_test_add_func ("/dd/cli/jsonl-segments-limits", test_jsonl_segments_and_limits);
  g_test_add_func ("/dd/cli/exact-round-trip", test_exact_round_trip);
  status = g_test_run ();

  dd_test_dynamo_stop (dynamo);
  return status;
}
