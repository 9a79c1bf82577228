/* test-seed-read.c: the seed's Query and Scan examples, run against the
 * local DynamoDB through the core's C API, and their results checked.
 *
 * The examples are read from tests/data/seed/. The table they read, Reply
 * (with the local index PostedBy-Index), holds the items of build-aux/demo
 * and three more replies from tests/data/seed/reply-more-items.json so that
 * the Query example's Limit and range both leave items out
 * (dd-test-seed.h).
 */
#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-test-dynamo.h"
#include "dd-test-seed.h"

/* Query Table ---------------------------------------------------------- */

/* A reply as the Query example projects it: Id, PostedBy and ReplyDateTime,
 * nothing else. Takes the item; returns its ReplyDateTime. */
static char *
assert_projected_reply (char       *owned_item,
                        const char *posted_by)
{
  g_autofree char *item = owned_item;

  g_assert_cmpint (dd_test_jsize (item, ""), ==, 3);
  dd_test_assert_jget (item, "Id.S", "Amazon DynamoDB#DynamoDB Thread 1");
  dd_test_assert_jget (item, "PostedBy.S", posted_by);
  return dd_test_jget (item, "ReplyDateTime.S");
}

/* The example as it is: Id = Thread 1 and PostedBy BETWEEN User A AND User
 * C on the index, so in PostedBy order; Limit 3 stops it before the
 * second reply by User C, User D's is outside the range. */
static void
test_query (void)
{
  g_autofree char *text = dd_test_read_seed ("query.json");
  g_autofree char *answer = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  double units = 0;

  dd_test_seed_ensure_reply_table ();
  answer = dd_test_seed_run_ok ("Query", text, "Reply");
  page = dd_test_parse_page (answer);

  g_assert_cmpint (dd_page_get_count (page), ==, 3);
  g_assert_cmpuint (dd_page_get_n_items (page), ==, 3);
  first = assert_projected_reply (dd_test_page_item (page, 0), "User A");
  second = assert_projected_reply (dd_test_page_item (page, 1), "User B");
  third = assert_projected_reply (dd_test_page_item (page, 2), "User C");
  g_assert_cmpstr (first, ==, "2026-09-15T19:58:22.947Z");
  g_assert_cmpstr (second, ==, "2026-09-22T19:58:22.947Z");
  g_assert_true (g_str_equal (third, "2026-09-23T10:00:00.000Z")
                 || g_str_equal (third, "2026-09-24T10:00:00.000Z"));

  /* ReturnConsumedCapacity TOTAL: three small items read strongly
   * consistently are one read unit (4 KB) of Reply. */
  g_assert_true (dd_page_get_consumed_capacity (page, &units));
  g_assert_cmpfloat (units, ==, 1.0);
  dd_test_assert_jget (answer, "ConsumedCapacity.TableName", "Reply");

  /* The limit left one out: the key to go on from is the third item's, in
   * the index (table key and index key). */
  g_assert_true (dd_page_has_more (page));
  g_assert_cmpstr (dd_page_get_continuation_name (page), ==, "LastEvaluatedKey");
  g_assert_cmpint (dd_test_jsize (answer, "LastEvaluatedKey"), ==, 3);
  dd_test_assert_jget (answer, "LastEvaluatedKey.Id.S", "Amazon DynamoDB#DynamoDB Thread 1");
  dd_test_assert_jget (answer, "LastEvaluatedKey.PostedBy.S", "User C");
  dd_test_assert_jget (answer, "LastEvaluatedKey.ReplyDateTime.S", third);
}

static void
collect_page_cb (DdPager   *pager,
                 DdPage    *page,
                 GPtrArray *items)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    g_ptr_array_add (items, dd_test_page_item (page, i));
}

/* The example through the pager, as "Load More" would go on: every reply of
 * Thread 1 by User A to User C, each once; User D's is not among them. */
static void
test_query_all_pages (void)
{
  g_autofree char *text = dd_test_read_seed ("query.json");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *posted_by[] = { "User A", "User B", "User C", "User C" };
  g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint64 n_pages = 0;

  dd_test_seed_ensure_reply_table ();
  body = dd_test_seed_build ("Query", text, "Reply");
  items = dd_test_seed_fetch_all ("Query", body, G_CALLBACK (collect_page_cb), &n_pages);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (posted_by));
  g_assert_cmpuint (n_pages, ==, 2);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (dates, assert_projected_reply (g_strdup (items->pdata[i]), posted_by[i]));
  g_assert_cmpuint (g_hash_table_size (dates), ==, 4);
  g_assert_true (g_hash_table_contains (dates, "2026-09-23T10:00:00.000Z"));
  g_assert_true (g_hash_table_contains (dates, "2026-09-24T10:00:00.000Z"));
  g_assert_false (g_hash_table_contains (dates, "2026-09-25T10:00:00.000Z"));
}

/* Scan Table ----------------------------------------------------------- */

/* The same replies as plain JSON, as dd_attr_document_to_plain writes them. */
static const struct
{
  const char *date;
  const char *plain;
} plain_replies[] = {
  { "2026-09-15T19:58:22.947Z",
    "{\"Id\":\"Amazon DynamoDB#DynamoDB Thread 1\",\"ReplyDateTime\":\"2026-09-15T19:58:22.947Z\","
    "\"PostedBy\":\"User A\",\"Message\":\"DynamoDB Thread 1 Reply 1 text\","
    "\"Votes\":12345678901234567890123456789012345678,\"Tags\":[\"help\",\"index\"]}" },
  { "2026-09-22T19:58:22.947Z",
    "{\"Id\":\"Amazon DynamoDB#DynamoDB Thread 1\",\"ReplyDateTime\":\"2026-09-22T19:58:22.947Z\","
    "\"PostedBy\":\"User B\",\"Message\":\"DynamoDB Thread 1 Reply 2 text\","
    "\"Score\":0.000000000000000000000000000000000001,\"Attachment\":\"RHluYW1vIERlc2s=\"}" },
  { "2026-09-29T19:58:22.947Z",
    "{\"Id\":\"Amazon DynamoDB#DynamoDB Thread 2\",\"ReplyDateTime\":\"2026-09-29T19:58:22.947Z\","
    "\"PostedBy\":\"User C\",\"Message\":\"DynamoDB Thread 2 Reply 1 text\","
    "\"Author\":{\"Name\":\"Carla\",\"Since\":2019,\"Roles\":[\"moderator\",true,null]}}" },
  { "2026-10-01T08:00:00.000Z",
    "{\"Id\":\"Amazon S3#S3 Thread 1\",\"ReplyDateTime\":\"2026-10-01T08:00:00.000Z\","
    "\"PostedBy\":\"User A\",\"Message\":\"S3 Thread 1 Reply 1 text\",\"Scores\":[1,2.5,-3E+10]}" },
  { "2026-09-23T10:00:00.000Z",
    "{\"Id\":\"Amazon DynamoDB#DynamoDB Thread 1\",\"ReplyDateTime\":\"2026-09-23T10:00:00.000Z\","
    "\"PostedBy\":\"User C\",\"Message\":\"DynamoDB Thread 1 Reply 3 text\"}" },
  { "2026-09-24T10:00:00.000Z",
    "{\"Id\":\"Amazon DynamoDB#DynamoDB Thread 1\",\"ReplyDateTime\":\"2026-09-24T10:00:00.000Z\","
    "\"PostedBy\":\"User C\",\"Message\":\"DynamoDB Thread 1 Reply 4 text\"}" },
  { "2026-09-25T10:00:00.000Z",
    "{\"Id\":\"Amazon DynamoDB#DynamoDB Thread 1\",\"ReplyDateTime\":\"2026-09-25T10:00:00.000Z\","
    "\"PostedBy\":\"User D\",\"Message\":\"DynamoDB Thread 1 Reply 5 text\"}" },
};

/* Plain arrays that came from sets: compared as sets. */
static const char * const plain_sets[] = { "Tags", "Scores", NULL };

static const char *
plain_reply_for (const char *date)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_replies); i++)
    if (g_str_equal (plain_replies[i].date, date))
      return plain_replies[i].plain;
  g_error ("no reply of %s expected", date);
}

static void
assert_binary_is (const char *base64,
                  const char *expected)
{
  gsize len = 0;
  g_autofree guchar *data = g_base64_decode (base64, &len);

  g_assert_cmpmem (data, len, expected, strlen (expected));
}

/* The answer's Items converted to plain: each exactly the expected plain
 * reply; the big and the tiny number keep every digit. */
static void
assert_scan_plain (const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = dd_attr_document_to_plain (answer, -1, dd_test_seed_op ("Scan")->response_paths, &error);
  gint n;

  g_assert_no_error (error);
  n = dd_test_jsize (plain, "Items");
  g_assert_cmpint (n, ==, G_N_ELEMENTS (plain_replies));
  for (gint k = 0; k < n; k++)
    {
      g_autofree char *path = g_strdup_printf ("Items.%d", k);
      g_autofree char *item = dd_test_jget (plain, path);
      g_autofree char *date = dd_test_jget (item, "ReplyDateTime");

      dd_test_assert_same_json (item, plain_reply_for (date), plain_sets);
      if (g_str_equal (date, "2026-09-15T19:58:22.947Z"))
        dd_test_assert_jget (item, "Votes", "12345678901234567890123456789012345678");
      if (g_str_equal (date, "2026-09-22T19:58:22.947Z"))
        {
          g_autofree char *attachment = dd_test_jget (item, "Attachment");

          dd_test_assert_jget (item, "Score", "0.000000000000000000000000000000000001");
          assert_binary_is (attachment, "Dynamo Desk");
        }
    }
}

/* The example's placeholder table name is the one chosen apart (Reply);
 * every item comes back exactly as it was put, typed (numbers as their N
 * strings, Tags an SS, Attachment a B) and plain. */
static void
test_scan (void)
{
  g_autofree char *text = dd_test_read_seed ("scan.json");
  g_autoptr(GHashTable) expected = dd_test_seed_expected_replies ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autofree char *wire = NULL;
  guint n = g_hash_table_size (expected);

  dd_test_seed_ensure_reply_table ();
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (plain_replies));
  body = dd_test_seed_build ("Scan", text, "Reply");
  wire = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  dd_test_assert_same_json (wire, "{\"TableName\":\"Reply\"}", NULL);
  answer = dd_test_seed_send ("Scan", body, &error);
  g_assert_no_error (error);
  page = dd_test_parse_page (answer);
  g_assert_cmpint (dd_page_get_count (page), ==, n);
  g_assert_cmpint (dd_page_get_scanned_count (page), ==, n);
  g_assert_false (dd_page_has_more (page));
  g_assert_cmpuint (dd_page_get_n_items (page), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = dd_test_page_item (page, i);
      g_autofree char *date = dd_test_jget (item, "ReplyDateTime.S");

      g_assert_true (g_hash_table_contains (expected, date));
      dd_test_assert_same_json (item, g_hash_table_lookup (expected, date), dd_test_typed_sets);
      if (g_str_equal (date, "2026-09-15T19:58:22.947Z"))
        dd_test_assert_jget (item, "Votes.N", "12345678901234567890123456789012345678");
      if (g_str_equal (date, "2026-09-22T19:58:22.947Z"))
        {
          g_autofree char *attachment = dd_test_jget (item, "Attachment.B");

          dd_test_assert_jget (item, "Score.N", "0.000000000000000000000000000000000001");
          assert_binary_is (attachment, "Dynamo Desk");
        }
      g_hash_table_remove (expected, date);
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
  assert_scan_plain (answer);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_init (&argc, &argv);
  dd_test_seed_start ();

  g_test_add_func ("/dd/seed/query/example", test_query);
  g_test_add_func ("/dd/seed/query/all-pages", test_query_all_pages);
  g_test_add_func ("/dd/seed/scan/example", test_scan);

  ret = g_test_run ();
  dd_test_seed_stop ();
  return ret;
}
