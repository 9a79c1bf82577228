/* test-namespace-probe.c: the hint for an empty table list on a local
 * endpoint, and the probe against a loopback server that keeps tables per
 * access key id and region as DynamoDB Local does (dynalite does not).
 */
#define G_LOG_DOMAIN "test-namespace-probe"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-error.h"
#include "dd-namespace-probe.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *tables;        /* "KEY/REGION" -> comma-separated names */
  guint       requests;
  guint       in_flight;
  guint       max_in_flight;
  guint       delay_ms;
  GHashTable *seen;          /* "KEY/REGION" set */
  gboolean    fail_all;
} FakeLocal;

typedef struct
{
  FakeLocal         *fake;
  SoupServerMessage *msg;
} Delayed;

static gboolean
release_cb (gpointer data)
{
  Delayed *delayed = data;

  delayed->fake->in_flight--;
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

/* "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/dynamodb/aws4_request, ..." -> "KEY/REGION" */
static char *
namespace_of (const char *authorization)
{
  const char *credential = authorization ? strstr (authorization, "Credential=") : NULL;
  g_autofree char *scope = NULL;
  g_auto(GStrv) parts = NULL;

  if (credential == NULL)
    return NULL;
  credential += strlen ("Credential=");
  scope = g_strndup (credential, strcspn (credential, ", "));
  parts = g_strsplit (scope, "/", -1);
  if (g_strv_length (parts) != 5 || !g_str_equal (parts[3], "dynamodb"))
    return NULL;
  return g_strdup_printf ("%s/%s", parts[0], parts[2]);
}

static void
answer (FakeLocal         *fake,
        SoupServerMessage *msg,
        const char        *key,
        guint              limit)
{
  const char *names = g_hash_table_lookup (fake->tables, key);
  g_auto(GStrv) list = names != NULL ? g_strsplit (names, ",", -1) : g_new0 (char *, 1);
  g_autoptr(GString) body = g_string_new ("{\"TableNames\":[");
  guint n = g_strv_length (list);

  for (guint i = 0; i < MIN (n, limit); i++)
    g_string_append_printf (body, "%s\"%s\"", i ? "," : "", list[i]);
  g_string_append (body, "]");
  if (n > limit)
    g_string_append_printf (body, ",\"LastEvaluatedTableName\":\"%s\"", list[limit - 1]);
  g_string_append (body, "}");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY, body->str, body->len);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  FakeLocal *fake = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autofree char *key = namespace_of (soup_message_headers_get_one (headers, "Authorization"));
  g_autoptr(JsonNode) node = json_from_string (request->data, NULL);
  guint limit = 100;
  Delayed *delayed;

  fake->requests++;
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Amz-Target"), ==, "DynamoDB_20120810.ListTables");
  g_assert_nonnull (key);
  g_hash_table_add (fake->seen, g_strdup (key));
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "Limit"))
    limit = (guint) json_object_get_int_member (json_node_get_object (node), "Limit");
  if (fake->fail_all)
    {
      const char *body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalFailure\",\"message\":\"broken\"}";

      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY, body, strlen (body));
      return;
    }
  answer (fake, msg, key, limit);
  fake->in_flight++;
  fake->max_in_flight = MAX (fake->max_in_flight, fake->in_flight);
  delayed = g_new0 (Delayed, 1);
  delayed->fake = fake;
  delayed->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  g_timeout_add (fake->delay_ms, release_cb, delayed);
}

static FakeLocal *
fake_local_new (void)
{
  FakeLocal *fake = g_new0 (FakeLocal, 1);
  g_autoptr(GString) many = g_string_new (NULL);

  fake->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fake->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->delay_ms = 20;
  g_hash_table_insert (fake->tables, g_strdup ("fakeMyKeyId/us-east-1"), g_strdup ("orders,users"));
  g_hash_table_insert (fake->tables, g_strdup ("local/local"), g_strdup ("t1"));
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (many, "%stable%03u", i ? "," : "", i);
  g_hash_table_insert (fake->tables, g_strdup ("AKIAIOSFODNN7EXAMPLE/us-east-1"), g_string_free (g_steal_pointer (&many), FALSE));
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, handler, fake, NULL);
  fake->url = dd_test_listen_local (fake->server);
  return fake;
}

static void
fake_local_free (FakeLocal *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_hash_table_unref (fake->tables);
  g_hash_table_unref (fake->seen);
  g_free (fake->url);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeLocal, fake_local_free)

static GPtrArray *
probe (DdNamespaceProbe  *self,
       GCancellable      *cancellable,
       GError           **error)
{
  DdTestWait wait = { 0 };
  GPtrArray *hits;

  dd_namespace_probe_run_async (self, cancellable, dd_test_wait_cb, &wait);
  dd_test_wait_for (&wait.done, 30);
  hits = dd_namespace_probe_run_finish (self, wait.result, error);
  g_object_unref (wait.result);
  return hits;
}

static void
test_local_endpoint (void)
{
  const struct { const char *endpoint; gboolean local; } cases[] = {
    { "http://localhost:8000", TRUE },
    { "http://LOCALHOST:8000/", TRUE },
    { "http://127.0.0.1:8000", TRUE },
    { "http://127.1.2.3", TRUE },
    { "http://[::1]:8000", TRUE },
    { "http://0.0.0.0:8000", TRUE },
    { "http://dynamo.localhost:8000", TRUE },
    { "https://dynamodb.us-east-1.amazonaws.com", FALSE },
    { "http://192.168.1.20:8000", FALSE },
    { "not a url", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (dd_namespace_probe_is_local_endpoint (cases[i].endpoint), ==, cases[i].local);
}

static void
test_hint (void)
{
  g_autofree char *hint = dd_namespace_probe_empty_hint ("http://localhost:8000", "AKIDOWN", "eu-west-1");
  g_autofree char *remote = dd_namespace_probe_empty_hint ("https://dynamodb.eu-west-1.amazonaws.com",
                                                           "AKIDOWN", "eu-west-1");

  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (hint, "AKIDOWN"));
  g_assert_nonnull (strstr (hint, "eu-west-1"));
  g_assert_nonnull (strstr (hint, "-sharedDb"));
  g_assert_nonnull (strstr (hint, "access key id and region"));
  g_assert_null (remote);
}

static void
test_combinations (void)
{
  g_autoptr(DdNamespaceProbe) own = dd_namespace_probe_new ("http://localhost:8000", "eu-west-1", "AKIDOWN");
  g_autoptr(DdNamespaceProbe) usual = dd_namespace_probe_new ("http://localhost:8000", "us-east-1", "dummy");
  const char *const own_regions[] = { "eu-west-1", "us-east-1", "local", NULL };
  const char *const own_keys[] = { "AKIDOWN", "fakeMyKeyId", "local", "dummy", "AKIAIOSFODNN7EXAMPLE", NULL };
  const char *const usual_regions[] = { "us-east-1", "local", NULL };
  const char *const usual_keys[] = { "dummy", "fakeMyKeyId", "local", "AKIAIOSFODNN7EXAMPLE", NULL };

  g_assert_true (g_strv_equal (dd_namespace_probe_get_regions (own), own_regions));
  g_assert_true (g_strv_equal (dd_namespace_probe_get_access_key_ids (own), own_keys));
  g_assert_true (g_strv_equal (dd_namespace_probe_get_regions (usual), usual_regions));
  g_assert_true (g_strv_equal (dd_namespace_probe_get_access_key_ids (usual), usual_keys));
}

static void
test_probe (void)
{
  g_autoptr(FakeLocal) fake = fake_local_new ();
  g_autoptr(DdNamespaceProbe) self = dd_namespace_probe_new (fake->url, "eu-west-1", "AKIDOWN");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  DdNamespaceHit *hit;

  g_hash_table_insert (fake->tables, g_strdup ("AKIDOWN/eu-west-1"), g_strdup ("mine"));
  dd_namespace_probe_set_max_concurrent (self, 3);
  hits = probe (self, NULL, &error);
  g_assert_no_error (error);
  /* 3 regions x 5 key ids, each asked once */
  g_assert_cmpuint (fake->requests, ==, 15);
  g_assert_cmpuint (g_hash_table_size (fake->seen), ==, 15);
  g_assert_true (g_hash_table_contains (fake->seen, "fakeMyKeyId/local"));
  g_assert_cmpuint (fake->max_in_flight, <=, 3);
  g_assert_cmpuint (fake->max_in_flight, >=, 2);

  g_assert_cmpuint (hits->len, ==, 4);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->region, ==, "eu-west-1");
  g_assert_cmpstr (hit->access_key_id, ==, "AKIDOWN");
  g_assert_true (hit->current);
  g_assert_cmpuint (hit->table_count, ==, 1);
  hit = g_ptr_array_index (hits, 1);
  g_assert_cmpstr (hit->region, ==, "us-east-1");
  g_assert_cmpstr (hit->access_key_id, ==, "fakeMyKeyId");
  g_assert_false (hit->current);
  g_assert_cmpuint (hit->table_count, ==, 2);
  g_assert_false (hit->more);
  g_assert_cmpstr (hit->first_names[0], ==, "orders");
  g_assert_cmpstr (hit->first_names[1], ==, "users");
  g_assert_null (hit->first_names[2]);
  hit = g_ptr_array_index (hits, 2);
  g_assert_cmpstr (hit->access_key_id, ==, "AKIAIOSFODNN7EXAMPLE");
  g_assert_cmpuint (hit->table_count, ==, 100);
  g_assert_true (hit->more);
  g_assert_cmpuint (g_strv_length (hit->first_names), ==, 5);
  g_assert_cmpstr (hit->first_names[4], ==, "table004");
  hit = g_ptr_array_index (hits, 3);
  g_assert_cmpstr (hit->region, ==, "local");
  g_assert_cmpstr (hit->access_key_id, ==, "local");
  g_assert_cmpstr (hit->first_names[0], ==, "t1");
}

static void
test_probe_failures (void)
{
  g_autoptr(FakeLocal) fake = fake_local_new ();
  g_autoptr(DdNamespaceProbe) self = dd_namespace_probe_new (fake->url, "us-east-1", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  fake->fail_all = TRUE;
  hits = probe (self, NULL, &error);
  g_assert_null (hits);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "InternalFailure");
  g_assert_cmpuint (fake->requests, ==, 8);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_probe_cancelled (void)
{
  g_autoptr(FakeLocal) fake = fake_local_new ();
  g_autoptr(DdNamespaceProbe) self = dd_namespace_probe_new (fake->url, "us-east-1", "dummy");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  fake->delay_ms = 200;
  dd_namespace_probe_set_max_concurrent (self, 2);
  g_timeout_add (50, cancel_cb, cancellable);
  hits = probe (self, cancellable, &error);
  g_assert_null (hits);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake->requests, <=, 2);
  /* let the paused answers go before the server does */
  while (fake->in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/namespace-probe/local-endpoint", test_local_endpoint);
  g_test_add_func ("/dd/namespace-probe/hint", test_hint);
  g_test_add_func ("/dd/namespace-probe/combinations", test_combinations);
  g_test_add_func ("/dd/namespace-probe/probe", test_probe);
  g_test_add_func ("/dd/namespace-probe/failures", test_probe_failures);
  g_test_add_func ("/dd/namespace-probe/cancelled", test_probe_cancelled);
  return g_test_run ();
}
