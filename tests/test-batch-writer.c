/* test-batch-writer.c: bulk puts and deletes through BatchWriteItem.
 *
 * On the local DynamoDB: 1,000 items put then deleted (journalled), with
 * their progress. On a loopback fake that answers BatchWriteItem: requests
 * the fake leaves unprocessed are sent again until written (and so are
 * the BatchGetItem keys it leaves unprocessed when puts are journalled),
 * never more batches in flight than allowed, failures and cancel.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dd-batch-writer.h"
#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-provider-static.h"
#include "dd-safe-write.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

static DdTestDynamo *dynamo;
static DdClient *client;
static const char *key_names[] = { "pk", NULL };

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
  guint    n_progress;
  guint64  last_written;
  guint64  last_total;
  guint64  last_failed;
  guint64  acknowledged;
  gboolean monotonic;
  guint    cancel_after;   /* progress signals before cancelling, 0: never */
  GCancellable *cancellable;
} Run;

static void
progress_cb (DdBatchWriter *writer,
             guint64        written,
             guint64        total,
             guint64        failed,
             Run           *run)
{
  if (written < run->last_written || failed < run->last_failed)
    run->monotonic = FALSE;
  run->n_progress++;
  run->last_written = written;
  run->last_total = total;
  run->last_failed = failed;
  if (run->cancel_after && run->n_progress == run->cancel_after)
    g_cancellable_cancel (run->cancellable);
}

static void
acknowledged_cb (DdBatchWriter *writer,
                 guint64        n,
                 Run           *run)
{
  g_assert_cmpuint (n, >, run->acknowledged);
  g_assert_cmpuint (n, <=, dd_batch_writer_get_written (writer));
  run->acknowledged = n;
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;

  run->ok = dd_batch_writer_write_finish (DD_BATCH_WRITER (source), result, &run->error);
  run->done = TRUE;
}

static void
run_write (DdBatchWriter *writer,
           DdBatchKind    kind,
           GPtrArray     *items,
           Run           *run)
{
  gulong p, a;

  run->monotonic = TRUE;
  p = g_signal_connect (writer, "progress", G_CALLBACK (progress_cb), run);
  a = g_signal_connect (writer, "acknowledged", G_CALLBACK (acknowledged_cb), run);
  dd_batch_writer_write_async (writer, kind, items, run->cancellable, write_cb, run);
  dd_test_wait_for (&run->done, 120);
  g_signal_handler_disconnect (writer, p);
  g_signal_handler_disconnect (writer, a);
}

/* ---- the local DynamoDB ------------------------------------------------- */

static char *
make_item (guint i)
{
  return g_strdup_printf ("{\"pk\":{\"S\":\"item-%04u\"},\"n\":{\"N\":\"%u12345678901234567890123456789012\"},"
                          "\"tags\":{\"SS\":[\"a%u\",\"b\"]},\"bin\":{\"B\":\"AAEC\"},\"ok\":{\"BOOL\":%s},"
                          "\"m\":{\"M\":{\"l\":{\"L\":[{\"NULL\":true},{\"N\":\"%u\"}]}}}}",
                          i, i % 1000000, i, i % 2 ? "true" : "false", i);
}

static void
test_put_delete_1000 (void)
{
  g_autoptr(DdBatchWriter) writer = dd_batch_writer_new (client, "Bulk", key_names);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GHashTable) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_new ("bulk", &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) journalled = g_hash_table_new (g_str_hash, g_str_equal);
  Run put = { 0 }, del = { 0 };

  g_assert_no_error (error);
  dd_test_create_table (client, "Bulk", NULL);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (items, make_item (i));

  run_write (writer, DD_BATCH_PUT, items, &put);
  g_assert_no_error (put.error);
  g_assert_true (put.ok);
  g_assert_true (put.monotonic);
  /* One signal per answered batch at least. */
  g_assert_cmpuint (put.n_progress, >=, 40);
  g_assert_cmpuint (put.last_written, ==, 1000);
  g_assert_cmpuint (put.last_total, ==, 1000);
  g_assert_cmpuint (put.last_failed, ==, 0);
  g_assert_cmpuint (put.acknowledged, ==, 1000);
  g_assert_cmpuint (dd_batch_writer_get_n_calls (writer), >=, 40);

  stored = dd_test_scan_all (client, "Bulk");
  g_assert_cmpuint (g_hash_table_size (stored), ==, 1000);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(JsonNode) want = json_from_string (g_ptr_array_index (items, i), NULL);
      g_autofree char *pk = g_strdup_printf ("item-%04u", i);
      JsonObject *have = json_node_get_object (g_hash_table_lookup (stored, pk));
      JsonObject *want_object = json_node_get_object (want);
      g_autoptr(GList) names = json_object_get_members (want_object);

      g_assert_cmpuint (json_object_get_size (have), ==, json_object_get_size (want_object));
      for (GList *l = names; l; l = l->next)
        g_assert_true (dd_item_values_equal (json_object_get_member (have, l->data),
                                                   json_object_get_member (want_object, l->data)));
    }

  /* Bulk delete of what was read, each delete journalled. */
  dd_batch_writer_set_journal (writer, journal);
  dd_batch_writer_set_max_in_flight (writer, 8);
  run_write (writer, DD_BATCH_DELETE, items, &del);
  g_assert_no_error (del.error);
  g_assert_cmpuint (del.last_written, ==, 1000);
  g_assert_cmpuint (del.n_progress, >=, 40);
  left = dd_test_scan_all (client, "Bulk");
  g_assert_cmpuint (g_hash_table_size (left), ==, 0);

  entries = dd_journal_load (journal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1000);
  for (guint i = 0; i < entries->len; i++)
    {
      DdJournalEntry *e = g_ptr_array_index (entries, i);

      g_assert_true (dd_journal_entry_is_delete (e));
      g_assert_cmpint (dd_journal_entry_get_outcome (e), ==, DD_JOURNAL_OUTCOME_DONE);
      g_assert_nonnull (dd_journal_entry_get_old_item (e));
      g_hash_table_add (journalled, (gpointer) dd_journal_entry_get_key (e));
    }
  g_assert_cmpuint (g_hash_table_size (journalled), ==, 1000);
}

static void
test_same_key_in_order (void)
{
  g_autoptr(DdBatchWriter) writer = dd_batch_writer_new (client, "Order", key_names);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) stored = NULL;
  Run run = { 0 };

  dd_test_create_table (client, "Order", NULL);
  /* The same 10 keys written five times over: the last version wins. */
  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < 10; i++)
      g_ptr_array_add (items, g_strdup_printf ("{\"pk\":{\"S\":\"k%u\"},\"round\":{\"N\":\"%u\"}}", i, round));
  run_write (writer, DD_BATCH_PUT, items, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.last_written, ==, 50);
  stored = dd_test_scan_all (client, "Order");
  g_assert_cmpuint (g_hash_table_size (stored), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *pk = g_strdup_printf ("k%u", i);
      JsonObject *item = json_node_get_object (g_hash_table_lookup (stored, pk));

      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "round"), "N"), ==, "4");
    }
}

/* ---- a loopback fake ---------------------------------------------------- */

typedef struct
{
  SoupServer  *server;
  char        *url;
  guint        n_calls;
  guint        unprocessed_calls;  /* the first calls leave half their requests unprocessed */
  gboolean     fail;               /* answer ValidationException */
  guint        in_flight;
  guint        max_in_flight;
  guint        answered;
  GHashTable  *written;            /* pk -> times written */
  /* BatchGetItem (the old items read before puts are journalled) */
  GHashTable  *existing;           /* pk -> the item the fake holds (text) */
  guint        get_calls;
  guint        get_unprocessed_calls; /* the first ones leave half their keys unprocessed */
  GHashTable  *read;               /* pk -> times answered (found or not) */
  GHashTable  *asked_again;        /* pks left unprocessed, not yet asked again */
  guint        asked_unprocessed;  /* keys asked again after being left unprocessed */
  guint        written_unread;     /* puts of a key not read before */
} Fake;

typedef struct
{
  Fake              *fake;
  SoupServerMessage *msg;
  char              *body;
  guint              status;
} Reply;

static gboolean
reply_cb (gpointer data)
{
  Reply *reply = data;

  soup_server_message_set_status (reply->msg, reply->status, NULL);
  soup_server_message_set_response (reply->msg, "application/x-amz-json-1.0", SOUP_MEMORY_TAKE,
                                    reply->body, strlen (reply->body));
  soup_server_message_unpause (reply->msg);
  reply->fake->in_flight--;
  reply->fake->answered++;
  g_object_unref (reply->msg);
  g_free (reply);
  return G_SOURCE_REMOVE;
}

static char *
batch_answer (Fake       *fake,
              const char *request_text)
{
  g_autoptr(JsonNode) root = json_from_string (request_text, NULL);
  JsonObject *items = json_object_get_object_member (json_node_get_object (root), "RequestItems");
  JsonArray *requests = json_object_get_array_member (items, "Fake");
  guint n = json_array_get_length (requests);
  guint keep = fake->n_calls <= fake->unprocessed_calls ? n / 2 : n;
  g_autoptr(JsonArray) unprocessed = json_array_new ();
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonObject) left = json_object_new ();
  g_autoptr(JsonNode) answer_node = NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *put = json_object_get_object_member (request, "PutRequest");
      const char *pk = json_object_get_string_member (json_object_get_object_member (
                         json_object_get_object_member (put, "Item"), "pk"), "S");

      if (fake->existing != NULL && !g_hash_table_contains (fake->read, pk))
        fake->written_unread++;
      if (i < keep)
        g_hash_table_insert (fake->written, g_strdup (pk),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->written, pk)) + 1));
      else
        json_array_add_element (unprocessed, json_node_copy (json_array_get_element (requests, i)));
    }
  if (json_array_get_length (unprocessed) > 0)
    json_object_set_array_member (left, "Fake", json_array_ref (unprocessed));
  json_object_set_object_member (answer, "UnprocessedItems", json_object_ref (left));
  answer_node = json_node_init_object (json_node_alloc (), answer);
  return json_to_string (answer_node, FALSE);
}

static void
count_in (GHashTable *table,
          const char *pk)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, pk));

  g_hash_table_insert (table, g_strdup (pk), GUINT_TO_POINTER (n + 1));
}

/* A BatchGetItem answer: the items of the keys asked for that the fake
 * holds; the first calls leave the second half of their keys unprocessed. */
static char *
get_answer (Fake       *fake,
            const char *request_text)
{
  g_autoptr(JsonNode) root = json_from_string (request_text, NULL);
  JsonObject *items = json_object_get_object_member (json_node_get_object (root), "RequestItems");
  JsonObject *asked = json_object_get_object_member (items, "Fake");
  JsonArray *keys = json_object_get_array_member (asked, "Keys");
  guint n = json_array_get_length (keys);
  guint keep = fake->get_calls <= fake->get_unprocessed_calls ? n / 2 : n;
  g_autoptr(JsonArray) found = json_array_new ();
  g_autoptr(JsonArray) left = json_array_new ();
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonObject) responses = json_object_new ();
  g_autoptr(JsonObject) unprocessed = json_object_new ();
  g_autoptr(JsonNode) answer_node = NULL;

  g_assert_true (json_object_get_boolean_member (asked, "ConsistentRead"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      const char *pk = json_object_get_string_member (json_object_get_object_member (key, "pk"), "S");
      const char *item = g_hash_table_lookup (fake->existing, pk);

      if (g_hash_table_remove (fake->asked_again, pk))
        fake->asked_unprocessed++;
      if (i >= keep)
        {
          json_array_add_element (left, json_node_copy (json_array_get_element (keys, i)));
          g_hash_table_add (fake->asked_again, g_strdup (pk));
          continue;
        }
      count_in (fake->read, pk);
      if (item != NULL)
        json_array_add_element (found, json_from_string (item, NULL));
    }
  json_object_set_array_member (responses, "Fake", json_array_ref (found));
  json_object_set_object_member (answer, "Responses", json_object_ref (responses));
  if (json_array_get_length (left) > 0)
    {
      JsonObject *again = json_object_new ();

      json_object_set_array_member (again, "Keys", json_array_ref (left));
      json_object_set_boolean_member (again, "ConsistentRead", TRUE);
      json_object_set_object_member (unprocessed, "Fake", again);
    }
  json_object_set_object_member (answer, "UnprocessedKeys", json_object_ref (unprocessed));
  answer_node = json_node_init_object (json_node_alloc (), answer);
  return json_to_string (answer_node, FALSE);
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Fake *fake = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = g_strndup (body->data, body->length);
  Reply *reply = g_new0 (Reply, 1);

  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Amz-Target"), "DynamoDB_20120810.BatchGetItem") == 0
      && fake->existing != NULL)
    {
      char *answer;

      fake->get_calls++;
      answer = get_answer (fake, text);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_TAKE, answer, strlen (answer));
      g_free (reply);
      return;
    }
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Amz-Target"), ==, "DynamoDB_20120810.BatchWriteItem");
  fake->n_calls++;
  fake->in_flight++;
  fake->max_in_flight = MAX (fake->max_in_flight, fake->in_flight);
  reply->fake = fake;
  reply->msg = g_object_ref (msg);
  if (fake->fail)
    {
      reply->status = 400;
      reply->body = g_strdup ("{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                              "\"message\":\"Item size has exceeded the maximum allowed size\"}");
    }
  else
    {
      reply->status = 200;
      reply->body = batch_answer (fake, text);
    }
  /* Answer a little later, so that batches overlap. */
  soup_server_message_pause (msg);
  g_timeout_add (15, reply_cb, reply);
}

static Fake *
fake_new (void)
{
  Fake *fake = g_new0 (Fake, 1);

  fake->server = soup_server_new (NULL, NULL);
  fake->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  fake->url = dd_test_listen_local (fake->server);
  return fake;
}

static void
fake_free (Fake *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_hash_table_unref (fake->written);
  g_clear_pointer (&fake->existing, g_hash_table_unref);
  g_clear_pointer (&fake->read, g_hash_table_unref);
  g_clear_pointer (&fake->asked_again, g_hash_table_unref);
  g_free (fake->url);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static DdBatchWriter *
fake_writer (Fake *fake)
{
  g_autoptr(DdCredentials) creds = dd_credentials_new ("AKIDFAKE", "fake-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (creds);
  g_autoptr(DdClient) fake_client = dd_client_new ("us-east-1", fake->url, provider);
  DdBatchWriter *writer = dd_batch_writer_new (fake_client, "Fake", key_names);

  dd_batch_writer_set_backoff (writer, 5, 40);
  dd_batch_writer_set_max_in_flight (writer, 3);
  return writer;
}

static GPtrArray *
simple_items (guint n)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_strdup_printf ("{\"pk\":{\"S\":\"f%u\"},\"v\":{\"N\":\"%u\"}}", i, i));
  return items;
}

static void
test_unprocessed (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdBatchWriter) writer = fake_writer (fake);
  g_autoptr(GPtrArray) items = simple_items (200);
  Run run = { 0 };

  /* 8 batches; the first 6 answers leave half behind. */
  fake->unprocessed_calls = 6;
  run_write (writer, DD_BATCH_PUT, items, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.last_written, ==, 200);
  g_assert_cmpuint (run.acknowledged, ==, 200);
  /* Each written exactly once, the left-overs in further calls. */
  g_assert_cmpuint (g_hash_table_size (fake->written), ==, 200);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *pk = g_strdup_printf ("f%u", i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (fake->written, pk)), ==, 1);
    }
  g_assert_cmpuint (fake->n_calls, >, 8);
  g_assert_cmpuint (dd_batch_writer_get_n_calls (writer), ==, fake->n_calls);
  /* Several in flight, never more than allowed. */
  g_assert_cmpuint (fake->max_in_flight, >, 1);
  g_assert_cmpuint (fake->max_in_flight, <=, 3);
}

/* Puts journalled with the items they replace: the batch writer reads the
 * old items first (BatchGetItem), and asks again for the keys the answer
 * leaves unprocessed until every key is answered; only then is a key
 * written, and its journal entry holds the item it replaced (or none). */
static void
test_read_unprocessed_keys (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdBatchWriter) writer = fake_writer (fake);
  g_autoptr(GPtrArray) items = simple_items (40);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_new ("batch-read", &error);
  g_autoptr(GPtrArray) entries = NULL;
  Run run = { 0 };

  g_assert_no_error (error);
  fake->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fake->read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->asked_again = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* the fake holds the even items, in an older version */
  for (guint i = 0; i < 40; i += 2)
    g_hash_table_insert (fake->existing, g_strdup_printf ("f%u", i),
                         g_strdup_printf ("{\"pk\":{\"S\":\"f%u\"},\"v\":{\"S\":\"old %u\"}}", i, i));
  fake->get_unprocessed_calls = 2;
  dd_batch_writer_set_journal (writer, journal);
  dd_batch_writer_set_journal_puts (writer, TRUE);
  run_write (writer, DD_BATCH_PUT, items, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.last_written, ==, 40);

  /* two batches, each read in more than one call: the keys left over were
   * asked again, every key answered exactly once, none written unread */
  g_test_message ("%u BatchGetItem calls, %u keys asked again", fake->get_calls, fake->asked_unprocessed);
  g_assert_cmpuint (fake->get_calls, >, 2);
  g_assert_cmpuint (fake->asked_unprocessed, >, 0);
  g_assert_cmpuint (g_hash_table_size (fake->asked_again), ==, 0);
  g_assert_cmpuint (g_hash_table_size (fake->read), ==, 40);
  g_assert_cmpuint (fake->written_unread, ==, 0);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *pk = g_strdup_printf ("f%u", i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (fake->read, pk)), ==, 1);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (fake->written, pk)), ==, 1);
    }

  entries = dd_journal_load (journal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 40);
  for (guint i = 0; i < entries->len; i++)
    {
      DdJournalEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) key = json_from_string (dd_journal_entry_get_key (e), NULL);
      const char *pk = json_object_get_string_member (json_object_get_object_member (json_node_get_object (key), "pk"),
                                                      "S");
      guint n = (guint) g_ascii_strtoull (pk + 1, NULL, 10);
      const char *old = dd_journal_entry_get_old_item (e);

      g_assert_cmpint (dd_journal_entry_get_outcome (e), ==, DD_JOURNAL_OUTCOME_DONE);
      if (n % 2 == 0)
        {
          g_autofree char *want = g_strdup_printf ("\"old %u\"", n);

          g_assert_nonnull (old);
          g_assert_nonnull (strstr (old, want));
        }
      else
        g_assert_null (old);
    }
}

static void
test_failure (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdBatchWriter) writer = fake_writer (fake);
  g_autoptr(GPtrArray) items = simple_items (100);
  Run run = { 0 };

  fake->fail = TRUE;
  run_write (writer, DD_BATCH_PUT, items, &run);
  g_assert_false (run.ok);
  g_assert_error (run.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (run.error), ==, "ValidationException");
  g_assert_cmpuint (run.last_failed, ==, 100);
  g_assert_cmpuint (run.last_written, ==, 0);
  g_assert_cmpuint (run.acknowledged, ==, 0);
  g_clear_error (&run.error);

  /* Stopping at the first failure sends no more than the batches in flight. */
  memset (&run, 0, sizeof run);
  fake->n_calls = 0;
  dd_batch_writer_set_stop_on_error (writer, TRUE);
  dd_batch_writer_set_max_in_flight (writer, 1);
  run_write (writer, DD_BATCH_PUT, items, &run);
  g_assert_error (run.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (fake->n_calls, ==, 1);
  g_assert_cmpuint (run.last_failed, ==, 25);
  g_clear_error (&run.error);
}

static void
test_cancel (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdBatchWriter) writer = fake_writer (fake);
  g_autoptr(GPtrArray) items = simple_items (1000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint written_at_fake = 0;
  GHashTableIter iter;
  gpointer value;
  Run run = { 0 };

  fake->unprocessed_calls = 3;
  run.cancellable = cancellable;
  run.cancel_after = 4;
  run_write (writer, DD_BATCH_PUT, items, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  /* It stopped early, every batch sent was answered before the end, and
   * the count of written items is the fake's. */
  g_assert_cmpuint (fake->n_calls, <, 40);
  g_assert_cmpuint (fake->answered, ==, fake->n_calls);
  g_hash_table_iter_init (&iter, fake->written);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    written_at_fake += GPOINTER_TO_UINT (value);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), ==, written_at_fake);
  g_assert_cmpuint (run.acknowledged, <=, written_at_fake);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), <, 1000);
}

int
main (int argc, char **argv)
{
  int ret;

  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/batch-writer/put-delete-1000", test_put_delete_1000);
  g_test_add_func ("/dd/batch-writer/same-key-in-order", test_same_key_in_order);
  g_test_add_func ("/dd/batch-writer/unprocessed", test_unprocessed);
  g_test_add_func ("/dd/batch-writer/read-unprocessed-keys", test_read_unprocessed_keys);
  g_test_add_func ("/dd/batch-writer/failure", test_failure);
  g_test_add_func ("/dd/batch-writer/cancel", test_cancel);

  dynamo = dd_test_dynamo_start ();
  client = dd_test_dynamo_new_client (dynamo);
  ret = g_test_run ();
  g_clear_object (&client);
  dd_test_dynamo_stop (dynamo);
  return ret;
}
