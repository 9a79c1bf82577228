/* test-seed-items.c: the seed's item examples (Get Item, Delete Item,
 * Update Item, Put Item), run against the local DynamoDB through the
 * core's C API, and their results checked.
 *
 * The examples are read from tests/data/seed/ (verbatim copies of the
 * seed's JSON). Where one cannot run as it is, the adaptation is said next
 * to it. The tables they need (Thread: ForumName + Subject, for Get Item
 * and Delete Item; USER_DETAILS_with_local from build-aux/demo for Update
 * Item and Put Item) are made first (dd-test-seed.h).
 */
#include "config.h"

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-json.h"
#include "dd-request.h"
#include "dd-test-dynamo.h"
#include "dd-test-seed.h"

#define THREAD_KEY_PLAIN \
  "\"ForumName\":\"Amazon DynamoDB\",\"Subject\":\"How do I update multiple items?\""

/* Get Item ------------------------------------------------------------- */

#define THREAD_ITEM_TYPED \
  "{\"ForumName\":{\"S\":\"Amazon DynamoDB\"},\"Subject\":{\"S\":\"How do I update multiple items?\"}," \
  "\"Message\":{\"S\":\"Use BatchWriteItem, or a transaction.\"},\"Views\":{\"N\":\"1250\"}}"

/* Puts the Forum-style item of the Get Item and Delete Item examples, with
 * extra (plain JSON) attributes. */
static void
put_thread_item (const char *extra)
{
  g_autofree char *text = g_strdup_printf ("{\"Item\":{" THREAD_KEY_PLAIN ",%s}}", extra);
  g_autofree char *answer = dd_test_seed_run_ok ("PutItem", text, "Thread");

  g_assert_cmpstr (answer, ==, "{}");
}

/* The seed's Get Item example lacks the brace that closes "Key": the text
 * ends, at line 10 column 1 (after the last line's newline), inside the
 * outer object. Nothing is sent. */
static void
test_get_item_verbatim (void)
{
  g_autofree char *text = dd_test_read_seed ("get-item.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = dd_request_build (dd_test_seed_op ("GetItem"), text, -1, "Thread",
                                             DD_ATTR_READING_DETECT, &error);
  guint line = 0, column = 0;

  g_assert_null (body);
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "line 10, column 1: "));
  g_assert_true (dd_json_error_get_location (error, &line, &column));
  g_assert_cmpuint (line, ==, 10);
  g_assert_cmpuint (column, ==, 1);
}

/* The example with its brace (get-item.fixed.json), the table given apart
 * as the Table dropdown does: the item put before comes back, exactly. */
static void
test_get_item (void)
{
  g_autofree char *text = dd_test_read_seed ("get-item.fixed.json");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *wire = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *item = NULL;

  dd_test_seed_ensure_thread_table ();
  put_thread_item ("\"Message\":\"Use BatchWriteItem, or a transaction.\",\"Views\":1250");

  body = dd_test_seed_build ("GetItem", text, "Thread");
  wire = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  dd_test_assert_jget (wire, "TableName", "Thread");
  dd_test_assert_jget (wire, "Key.ForumName.S", "Amazon DynamoDB");
  dd_test_assert_jget (wire, "Key.Subject.S", "How do I update multiple items?");

  answer = dd_test_seed_run_ok ("GetItem", text, "Thread");
  item = dd_test_jget (answer, "Item");
  g_assert_nonnull (item);
  dd_test_assert_same_json (item, THREAD_ITEM_TYPED, dd_test_typed_sets);
}

/* Delete Item ---------------------------------------------------------- */

/* The example as it is (its table given apart): the item without Replies
 * is deleted and returned whole (ALL_OLD); one with Replies is kept,
 * refused by the condition. */
static void
test_delete_item (void)
{
  g_autofree char *text = dd_test_read_seed ("delete-item.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *old = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *kept = NULL;

  dd_test_seed_ensure_thread_table ();
  put_thread_item ("\"Message\":\"Use BatchWriteItem, or a transaction.\",\"Views\":1250");
  answer = dd_test_seed_run_ok ("DeleteItem", text, "Thread");
  old = dd_test_jget (answer, "Attributes");
  g_assert_nonnull (old);
  dd_test_assert_same_json (old, THREAD_ITEM_TYPED, dd_test_typed_sets);
  gone = dd_test_seed_get_item ("Thread", THREAD_KEY_PLAIN);
  g_assert_null (gone);

  /* The same key again, now with replies: attribute_not_exists(Replies) fails. */
  put_thread_item ("\"Replies\":2,\"LastPostedBy\":\"User B\"");
  refused = dd_test_seed_run ("DeleteItem", text, "Thread", &error);
  g_assert_null (refused);
  dd_test_assert_service_error (error, "ConditionalCheckFailedException");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==, "The conditional request failed");
  kept = dd_test_seed_get_item ("Thread", THREAD_KEY_PLAIN);
  g_assert_nonnull (kept);
  dd_test_assert_same_json (kept, "{\"ForumName\":{\"S\":\"Amazon DynamoDB\"},"
                    "\"Subject\":{\"S\":\"How do I update multiple items?\"},"
                    "\"Replies\":{\"N\":\"2\"},\"LastPostedBy\":{\"S\":\"User B\"}}", dd_test_typed_sets);
}

/* Update Item ---------------------------------------------------------- */

#define NICK_KEY "\"USER_ID\":1,\"USER_NAME\":\"Nick\""

/* The example as it is (plain JSON, its own TableName): Nick's age and fee
 * (34 and 1234.56 from users-items.json) become 40 and 230545. */
static void
test_update_item (void)
{
  g_autofree char *text = dd_test_read_seed ("update-item.json");
  g_autofree char *before = NULL, *wire = NULL, *answer = NULL, *after = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  dd_test_seed_ensure_users_table ();
  before = dd_test_seed_get_item ("USER_DETAILS_with_local", NICK_KEY);
  dd_test_assert_jget (before, "USER_AGE.N", "34");
  dd_test_assert_jget (before, "USER_FEE.N", "1234.56");

  body = dd_test_seed_build ("UpdateItem", text, NULL);
  wire = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  dd_test_assert_jget (wire, "TableName", "USER_DETAILS_with_local");
  dd_test_assert_jget (wire, "Key.USER_ID.N", "1");
  dd_test_assert_jget (wire, "Key.USER_NAME.S", "Nick");
  dd_test_assert_jget (wire, "ExpressionAttributeValues.:age.N", "40");
  dd_test_assert_jget (wire, "ExpressionAttributeValues.:fee.N", "230545");
  answer = dd_test_seed_send ("UpdateItem", body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "{}");

  after = dd_test_seed_get_item ("USER_DETAILS_with_local", NICK_KEY);
  dd_test_assert_jget (after, "USER_AGE.N", "40");
  dd_test_assert_jget (after, "USER_FEE.N", "230545");
  dd_test_assert_same_json (after, "{\"USER_ID\":{\"N\":\"1\"},\"USER_NAME\":{\"S\":\"Nick\"},"
                    "\"USER_AGE\":{\"N\":\"40\"},\"USER_FEE\":{\"N\":\"230545\"}}", dd_test_typed_sets);
}

/* Put Item ------------------------------------------------------------- */

#define NICK_UPPER_KEY "\"USER_ID\":1,\"USER_NAME\":\"NICK\""

/* The example as it is names USER_DETAILS_with_localS, a table that does
 * not exist: its own TableName wins over the table chosen apart, and
 * DynamoDB answers ResourceNotFoundException. */
static void
test_put_item_verbatim (void)
{
  g_autofree char *text = dd_test_read_seed ("put-item.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *item = NULL;

  dd_test_seed_ensure_users_table ();
  answer = dd_test_seed_run ("PutItem", text, "USER_DETAILS_with_local", &error);
  g_assert_null (answer);
  dd_test_assert_service_error (error, "ResourceNotFoundException");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==, "Requested resource not found");
  g_assert_cmpstr (error->message, ==, "ResourceNotFoundException: Requested resource not found");
  item = dd_test_seed_get_item ("USER_DETAILS_with_local", NICK_UPPER_KEY);
  g_assert_null (item);
}

/* Adapted: the table name corrected to USER_DETAILS_with_local (the stray
 * final "S" removed), nothing else changed. The fee keeps its exact text. */
static void
test_put_item_corrected (void)
{
  g_autofree char *verbatim = dd_test_read_seed ("put-item.json");
  g_autofree char *text = dd_test_replace_once (verbatim, "\"USER_DETAILS_with_localS\"",
                                        "\"USER_DETAILS_with_local\"");
  g_autofree char *answer = NULL;
  g_autofree char *item = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;

  dd_test_seed_ensure_users_table ();
  answer = dd_test_seed_run_ok ("PutItem", text, NULL);
  g_assert_cmpstr (answer, ==, "{}");
  item = dd_test_seed_get_item ("USER_DETAILS_with_local", NICK_UPPER_KEY);
  g_assert_nonnull (item);
  dd_test_assert_same_json (item, "{\"USER_ID\":{\"N\":\"1\"},\"USER_NAME\":{\"S\":\"NICK\"},"
                    "\"USER_AGE\":{\"N\":\"34\"},\"USER_FEE\":{\"N\":\"1234.56\"}}", dd_test_typed_sets);
  dd_test_assert_jget (item, "USER_FEE.N", "1234.56");
  dd_test_assert_jget (item, "USER_AGE.N", "34");
  plain = dd_attr_item_to_plain (item, -1, &error);
  g_assert_no_error (error);
  dd_test_assert_jget (plain, "USER_FEE", "1234.56");
  dd_test_assert_jget (plain, "USER_AGE", "34");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_init (&argc, &argv);
  dd_test_seed_start ();

  g_test_add_func ("/dd/seed/get-item/verbatim", test_get_item_verbatim);
  g_test_add_func ("/dd/seed/get-item/fixed", test_get_item);
  g_test_add_func ("/dd/seed/delete-item/example", test_delete_item);
  g_test_add_func ("/dd/seed/update-item/example", test_update_item);
  g_test_add_func ("/dd/seed/put-item/verbatim", test_put_item_verbatim);
  g_test_add_func ("/dd/seed/put-item/corrected", test_put_item_corrected);

  ret = g_test_run ();
  dd_test_seed_stop ();
  return ret;
}
