/* test-soak.c: 10,000 requests through a proxy that spoils one in ten.
 *
 * GetItem and conditional PutItem (attribute_not_exists), 8 in flight at
 * a time, through the fault proxy in front of the local DynamoDB with 10%
 * of the requests given a fault drawn from every kind it has (the proxy's
 * random source is seeded). At the end:
 *   - every read that succeeded returned exactly the stored item;
 *   - every write that succeeded is in the table with exactly its values;
 *   - every write is in the table at most once, and it is there exactly
 *     when the server accepted one of its attempts (the proxy saw a 200
 *     from upstream for it): never a second copy;
 *   - every write was reported done (and landed), or reported as a write
 *     that may already have been made (DD_ERROR_MAYBE_APPLIED: an attempt
 *     whose answer was lost landed, and the retry met its own condition;
 *     each is checked against the table; or an attempt's answer was lost
 *     and the retries then failed otherwise: it may or may not be there),
 *     or reported failed (a write whose last error leaves its outcome
 *     unknown may have landed); never a plain ConditionalCheckFailed, since
 *     no two writes share a key;
 *   - the resident memory at the end is within 10% of what it was after
 *     the warm-up (the first 1,000 requests).
 */
#define G_LOG_DOMAIN "test-soak"

#include "config.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-provider-static.h"
#include "dd-test-dynamo.h"
#include "dd-test-fault-proxy.h"

#define N_REQUESTS   10000
#define N_WARM_UP    1000
#define CONCURRENCY  8
#define N_READ_KEYS  200
#define FAULT_RATE   0.10
#define BIG_NUMBER   "1234567890123456789012345678901234"  /* + 4 digits: 38 */

typedef enum
{
  WRITE_PENDING,
  WRITE_OK,
  WRITE_CONDITION_FAILED,
  WRITE_MAYBE_APPLIED,    /* its retry met its own condition: it was made */
  WRITE_MAYBE_UNKNOWN,    /* an answer lost, then the retries failed: made or not */
  WRITE_FAILED,
} WriteOutcome;

typedef struct
{
  DdTestDynamo     *dynamo;
  DdTestFaultProxy *proxy;
  DdClient         *client;
  guint             started;
  guint             finished;
  guint             in_flight;
  guint             n_writes;
  guint8           *outcomes;         /* per write id */
  guint16          *landed;           /* per write id: upstream 200s seen */
  guint             reads_ok;
  guint             reads_failed;
  guint64           rss_warm;
  GHashTable       *errors;           /* message -> count */
} Soak;

static Soak soak;

static guint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* ---- what the proxy saw --------------------------------------------------------- */

/* The write id in a PutItem body ("w-NNNNN"), or -1. */
static int
write_id_of (GBytes *body)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  const char *p = g_strstr_len (data, (gssize) len, "\"w-");

  return p != NULL ? atoi (p + 3) : -1;
}

static void
observe_cb (const DdTestFaultRequest *request,
            gpointer                  user_data)
{
  int id;

  if (g_strcmp0 (request->action, "PutItem") != 0 || request->upstream_status != 200)
    return;
  id = write_id_of (request->body);
  g_assert_cmpint (id, >=, 0);
  g_assert_cmpint (id, <, (int) soak.n_writes);
  soak.landed[id]++;
}

/* ---- the requests ---------------------------------------------------------------------- */

typedef struct
{
  gboolean is_write;
  guint    id;
} Request;

static void start_next (void);

static void
count_error (const GError *error)
{
  const char *code = dd_error_get_aws_code (error);
  g_autofree char *key = g_strdup_printf ("%s %s", g_quark_to_string (error->domain),
                                          code ? code : error->message);

  g_hash_table_insert (soak.errors, g_steal_pointer (&key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (soak.errors, key)) + 1));
}

static void
check_read (guint   id,
            GBytes *body)
{
  g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autofree char *expected_v = g_strdup_printf ("read-%03u", id);
  g_autofree char *expected_n = g_strdup_printf (BIG_NUMBER "%04u", id);
  JsonObject *item;

  g_assert_nonnull (node);
  item = json_object_get_object_member (json_node_get_object (node), "Item");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "v"), "S"), ==, expected_v);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "n"), "N"), ==, expected_n);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = dd_client_call_finish (DD_CLIENT (object), result, &error);

  if (request->is_write)
    {
      if (body != NULL)
        soak.outcomes[request->id] = WRITE_OK;
      else if (g_error_matches (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED)
               && g_strcmp0 (dd_error_get_aws_code (error), "ConditionalCheckFailedException") == 0)
        soak.outcomes[request->id] = WRITE_MAYBE_APPLIED;
      else if (g_error_matches (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED))
        soak.outcomes[request->id] = WRITE_MAYBE_UNKNOWN;
      else if (g_strcmp0 (dd_error_get_aws_code (error), "ConditionalCheckFailedException") == 0)
        soak.outcomes[request->id] = WRITE_CONDITION_FAILED;
      else
        soak.outcomes[request->id] = WRITE_FAILED;
    }
  else if (body != NULL)
    {
      check_read (request->id, body);
      soak.reads_ok++;
    }
  else
    soak.reads_failed++;
  if (error != NULL)
    count_error (error);
  g_free (request);
  soak.in_flight--;
  soak.finished++;
  if (soak.finished == N_WARM_UP)
    {
      malloc_trim (0);
      soak.rss_warm = rss_kib ();
    }
  start_next ();
}

static void
start_next (void)
{
  Request *request;
  char *text = NULL;
  g_autoptr(GBytes) body = NULL;

  if (soak.started >= N_REQUESTS)
    return;
  request = g_new0 (Request, 1);
  /* Reads and writes in turn, a write every other request. */
  request->is_write = soak.started % 2 == 1;
  if (request->is_write)
    {
      request->id = soak.n_writes++;
      text = g_strdup_printf ("{\"TableName\":\"Soak\",\"Item\":{\"pk\":{\"S\":\"w-%05u\"},"
                              "\"v\":{\"S\":\"write-%05u\"},\"n\":{\"N\":\"" BIG_NUMBER "%04u\"}},"
                              "\"ConditionExpression\":\"attribute_not_exists(pk)\"}",
                              request->id, request->id, request->id % 10000);
    }
  else
    {
      request->id = g_random_int_range (0, N_READ_KEYS);
      text = g_strdup_printf ("{\"TableName\":\"Soak\",\"Key\":{\"pk\":{\"S\":\"r-%03u\"}}}", request->id);
    }
  body = g_bytes_new_take (text, strlen (text));
  soak.started++;
  soak.in_flight++;
  dd_client_call_async (soak.client, request->is_write ? "PutItem" : "GetItem", body, NULL,
                        call_cb, request);
}

/* ---- the table --------------------------------------------------------------------- */

static void
direct_call (DdClient   *client,
             const char *action,
             const char *text)
{
  g_free (dd_test_call (client, action, text));
}

static void
setup_table (DdClient *client)
{
  dd_test_create_table (client, "Soak", NULL);
  for (guint i = 0; i < N_READ_KEYS; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"TableName\":\"Soak\",\"Item\":{\"pk\":{\"S\":\"r-%03u\"},"
                                               "\"v\":{\"S\":\"read-%03u\"},\"n\":{\"N\":\"" BIG_NUMBER "%04u\"}}}",
                                               i, i, i);
      direct_call (client, "PutItem", text);
    }
}

/* Every written item in the table (as text, by pk), straight from the
 * local DynamoDB. */
static GHashTable *
written_items (DdClient *client)
{
  g_autoptr(GHashTable) all = dd_test_scan_all (client, "Soak");
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer pk, node;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &pk, &node))
    if (g_str_has_prefix (pk, "w-"))
      g_hash_table_insert (found, g_strdup (pk), json_to_string (node, FALSE));
  return found;
}

/* ---- the test ------------------------------------------------------------------------ */

static void
check_writes (GHashTable *found,
              guint      *n_landed_unreported)
{
  for (guint id = 0; id < soak.n_writes; id++)
    {
      g_autofree char *pk = g_strdup_printf ("w-%05u", id);
      g_autofree char *v = g_strdup_printf ("\"write-%05u\"", id);
      g_autofree char *n = g_strdup_printf ("\"" BIG_NUMBER "%04u\"", id % 10000);
      const char *item = g_hash_table_lookup (found, pk);

      g_assert_cmpint (soak.outcomes[id], !=, WRITE_PENDING);
      /* In the table exactly when the server took exactly one attempt. */
      if (soak.landed[id] > 1)
        g_error ("write %u was accepted %u times", id, soak.landed[id]);
      if ((item != NULL) != (soak.landed[id] == 1))
        g_error ("write %u: in the table: %s, accepted by the server: %u", id, item ? "yes" : "no",
                 soak.landed[id]);
      if (soak.outcomes[id] == WRITE_OK)
        g_assert_nonnull (item);
      /* "may already have been made": it was, by its own earlier attempt */
      if (soak.outcomes[id] == WRITE_MAYBE_APPLIED && item == NULL)
        g_error ("write %u was reported as maybe made, and is not in the table", id);
      /* a plain failed condition would say someone else's item is there */
      if (soak.outcomes[id] == WRITE_CONDITION_FAILED)
        g_error ("write %u was reported as a failed condition", id);
      if (item != NULL)
        {
          g_assert_nonnull (strstr (item, v));
          g_assert_nonnull (strstr (item, n));
          if (soak.outcomes[id] == WRITE_FAILED || soak.outcomes[id] == WRITE_MAYBE_UNKNOWN)
            (*n_landed_unreported)++;
        }
    }
}

static void
test_soak (void)
{
  static const DdTestFault mix[] = {
    DD_TEST_FAULT_500, DD_TEST_FAULT_503, DD_TEST_FAULT_THROUGHPUT, DD_TEST_FAULT_THROTTLING,
    DD_TEST_FAULT_RESET_BEFORE, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_STALL,
    DD_TEST_FAULT_TRUNCATE, DD_TEST_FAULT_BAD_CRC, DD_TEST_FAULT_GZIP,
  };
  g_autoptr(DdClient) direct = dd_test_dynamo_new_client (soak.dynamo);
  g_autoptr(DdCredentials) credentials = dd_credentials_new ("AKIDSOAK", "soak-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (soak.dynamo));
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", dd_test_fault_proxy_get_endpoint (proxy), provider);
  g_autoptr(GHashTable) found = NULL;
  guint64 rss_end;
  guint faults = 0, ok = 0, condition = 0, maybe = 0, unknown = 0, failed = 0, landed_unreported = 0;
  gint64 started = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  setup_table (direct);
  soak.proxy = proxy;
  soak.client = client;
  soak.outcomes = g_new0 (guint8, N_REQUESTS);
  soak.landed = g_new0 (guint16, N_REQUESTS);
  soak.errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dd_client_set_timeout (client, 1);
  dd_test_fault_proxy_set_observer (proxy, observe_cb, NULL, FALSE);
  dd_test_fault_proxy_set_random (proxy, FAULT_RATE, 424242, mix, G_N_ELEMENTS (mix));

  for (guint i = 0; i < CONCURRENCY; i++)
    start_next ();
  while (soak.finished < N_REQUESTS)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soak.in_flight, ==, 0);
  dd_test_fault_proxy_release_stalled (proxy);
  /* A request the client gave up on (its one-second timeout, on a busy
   * machine) may still be on its way through the proxy: let the proxy
   * finish with it, and report it, before the table is compared. */
  {
    gint64 settle_until = g_get_monotonic_time () + 3 * G_TIME_SPAN_SECOND;

    while (g_get_monotonic_time () < settle_until)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
  }
  malloc_trim (0);
  rss_end = rss_kib ();

  for (guint f = DD_TEST_FAULT_500; f < DD_TEST_N_FAULTS; f++)
    faults += dd_test_fault_proxy_count_fault (proxy, f);
  for (guint id = 0; id < soak.n_writes; id++)
    {
      ok += soak.outcomes[id] == WRITE_OK;
      condition += soak.outcomes[id] == WRITE_CONDITION_FAILED;
      maybe += soak.outcomes[id] == WRITE_MAYBE_APPLIED;
      unknown += soak.outcomes[id] == WRITE_MAYBE_UNKNOWN;
      failed += soak.outcomes[id] == WRITE_FAILED;
    }
  found = written_items (direct);
  check_writes (found, &landed_unreported);

  g_test_message ("%u requests in %.1f s, %u faults injected (%u requests through the proxy)",
                  N_REQUESTS, (g_get_monotonic_time () - started) / 1e6, faults,
                  faults + dd_test_fault_proxy_count_fault (proxy, DD_TEST_FAULT_NONE));
  g_test_message ("reads: %u ok, %u failed; writes: %u ok, %u maybe made (all in the table), "
                  "%u condition failed, %u maybe made after failed retries, %u failed (%u of the "
                  "last two landed, their outcome reported unknown); %u items written",
                  soak.reads_ok, soak.reads_failed, ok, maybe, condition, unknown, failed, landed_unreported,
                  g_hash_table_size (found));
  g_hash_table_iter_init (&iter, soak.errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_test_message ("  error %s: %u", (char *) key, GPOINTER_TO_UINT (value));
  g_test_message ("RSS after warm-up %" G_GUINT64_FORMAT " KiB, at the end %" G_GUINT64_FORMAT " KiB",
                  soak.rss_warm, rss_end);

  g_assert_cmpuint (soak.reads_ok + soak.reads_failed + soak.n_writes, ==, N_REQUESTS);
  g_assert_cmpuint (faults, >=, N_REQUESTS * FAULT_RATE * 0.8);
  /* Three attempts against 10% faults: nearly everything succeeds. */
  g_assert_cmpuint (soak.reads_ok, >=, (N_REQUESTS / 2) * 98 / 100);
  g_assert_cmpuint (condition, ==, 0);
  g_assert_cmpuint (ok + maybe, >=, soak.n_writes * 98 / 100);
  g_assert_cmpuint (ok + maybe + unknown + failed, ==, soak.n_writes);
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer keeps freed memory in quarantine: RSS says nothing
   * there, and LeakSanitizer looks for leaks at exit instead. */
  g_test_message ("RSS not compared under AddressSanitizer");
#else
  g_assert_cmpuint (rss_end, <=, soak.rss_warm * 11 / 10);
#endif

  g_free (soak.outcomes);
  g_free (soak.landed);
  g_hash_table_unref (soak.errors);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  dd_test_init (&argc, &argv);
  soak.dynamo = dd_test_dynamo_start ();
  g_test_add_func ("/soak/faults-10-percent", test_soak);
  status = g_test_run ();
  dd_test_dynamo_stop (soak.dynamo);
  return status;
}
