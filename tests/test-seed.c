/* test-seed.c: every example request of the product's seed, run against the
 * local DynamoDB through the core's C API, and its results checked.
 *
 * The examples are read from tests/data/seed/ (verbatim copies of the
 * seed's JSON). Where one cannot run as it is, the adaptation is said next
 * to it. The tables the examples need are created first: Reply (with the
 * local index PostedBy-Index) and its items from build-aux/demo, with three
 * more replies from tests/data/seed/reply-more-items.json so that the Query
 * example's Limit and range both leave items out, Thread
 * (ForumName + Subject) for Get Item and Delete Item, USER_DETAILS_with_local
 * from build-aux/demo for Update Item and Put Item.
 */
#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-json.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-request.h"
#include "dd-test-dynamo.h"

#define THREAD_KEY_PLAIN \
  "\"ForumName\":\"Amazon DynamoDB\",\"Subject\":\"How do I update multiple items?\""

static DdTestDynamo *dynamo;
static DdClient *client;

/* Files ----------------------------------------------------------------- */

static char *
read_file_in (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static const char *
seed_dir (void)
{
  const char *dir = g_getenv ("DD_SEED_DIR");

  g_assert_nonnull (dir);
  return dir;
}

static char *
read_seed (const char *name)
{
  return read_file_in (seed_dir (), name);
}

/* build-aux/demo, three levels up from tests/data/seed. */
static char *
read_demo (const char *name)
{
  g_autofree char *dir = g_build_filename (seed_dir (), "..", "..", "..",
                                           "build-aux", "demo", NULL);

  return read_file_in (dir, name);
}

/* Text with old replaced; old must occur exactly once. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* JSON lookups: raw token text, no number ever converted ----------------- */

static const DdJsonToken *
token_at (GArray *tokens,
          guint   i)
{
  return &g_array_index (tokens, DdJsonToken, i);
}

/* Index of the child named by one path segment of container c, or -1. */
static gint
find_child (const char *text,
            GArray     *tokens,
            gint        c,
            const char *segment)
{
  const DdJsonToken *parent = token_at (tokens, c);
  guint wanted = 0, seen = 0;
  gboolean by_index = parent->type == DD_JSON_TOKEN_ARRAY;

  if (by_index)
    wanted = (guint) g_ascii_strtoull (segment, NULL, 10);
  for (guint j = c + 1; j < tokens->len && token_at (tokens, j)->start < parent->end; j++)
    {
      const DdJsonToken *t = token_at (tokens, j);

      if (t->parent != c)
        continue;
      if (by_index && seen++ == wanted)
        return j;
      if (!by_index && t->type == DD_JSON_TOKEN_KEY
          && t->end - t->start == strlen (segment)
          && memcmp (text + t->start, segment, t->end - t->start) == 0)
        return j + 1;
    }
  return -1;
}

/* The token at a '.'-separated path ("Item.USER_FEE.N", "Items.0"), or -1. */
static gint
find_path (const char *text,
           GArray     *tokens,
           const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  gint at = 0;

  for (guint i = 0; segments[i] != NULL && at >= 0; i++)
    {
      guint type = token_at (tokens, at)->type;

      if (type != DD_JSON_TOKEN_OBJECT && type != DD_JSON_TOKEN_ARRAY)
        return -1;
      at = find_child (text, tokens, at, segments[i]);
    }
  return at;
}

static GArray *
tokenize (const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *tokens = dd_json_tokenize (text, -1, &error);

  g_assert_no_error (error);
  return tokens;
}

/* The raw text at path: a string without its quotes, a number as its
 * literal, a container as its span. NULL when the path is missing. */
static char *
jget (const char *text,
      const char *path)
{
  g_autoptr(GArray) tokens = tokenize (text);
  gint at = find_path (text, tokens, path);
  const DdJsonToken *t;

  if (at < 0)
    return NULL;
  t = token_at (tokens, at);
  g_assert_false (t->escaped);
  return g_strndup (text + t->start, t->end - t->start);
}

/* Members of the object (or elements of the array) at path, -1 when missing. */
static gint
jsize (const char *text,
       const char *path)
{
  g_autoptr(GArray) tokens = tokenize (text);
  gint at = find_path (text, tokens, path);

  return at < 0 ? -1 : (gint) token_at (tokens, at)->size;
}

#define assert_jget(text, path, expected) \
  G_STMT_START { \
    g_autofree char *_v = jget ((text), (path)); \
    g_assert_cmpstr (_v, ==, (expected)); \
  } G_STMT_END

/* A decimal number's value as text, whatever way it is written: sign,
 * significant digits, exponent ("-3E10" for -3E+10 and for -30000000000,
 * "0" for any zero). DynamoDB answers with its own writing of a number
 * (-3E+10 comes back as -30000000000); this compares the numbers, digit
 * for digit, never through a double. */
static char *
number_value (const char *text,
              gsize       len)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean negative = FALSE, after_point = FALSE;
  gint64 exponent = 0;
  gsize i = 0;

  if (i < len && (text[i] == '-' || text[i] == '+'))
    negative = text[i++] == '-';
  for (; i < len && (g_ascii_isdigit (text[i]) || text[i] == '.'); i++)
    {
      if (text[i] == '.')
        after_point = TRUE;
      else
        {
          if (digits->len > 0 || text[i] != '0')
            g_string_append_c (digits, text[i]);
          exponent -= after_point;
        }
    }
  if (i < len && (text[i] == 'e' || text[i] == 'E'))
    {
      g_autofree char *e = g_strndup (text + i + 1, len - i - 1);

      exponent += g_ascii_strtoll (e, NULL, 10);
    }
  for (; digits->len > 0 && digits->str[digits->len - 1] == '0'; exponent++)
    g_string_truncate (digits, digits->len - 1);
  if (digits->len == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%s%sE%" G_GINT64_FORMAT, negative ? "-" : "", digits->str, exponent);
}

/* Canonical form: no white space, object members sorted, the arrays under
 * a member named in set_keys sorted (sets, whose order means nothing), and
 * numbers (number literals, and the strings of "N" and "NS") by value.
 * Every other string keeps its exact text. */
typedef enum
{
  CANON_SET    = 1 << 0,
  CANON_NUMBER = 1 << 1,
} CanonFlags;

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
canon_scalar (const char        *text,
              const DdJsonToken *t,
              CanonFlags         flags,
              GString           *out)
{
  gboolean quoted = t->type == DD_JSON_TOKEN_STRING;
  g_autofree char *value = NULL;

  if (t->type == DD_JSON_TOKEN_NUMBER || (quoted && (flags & CANON_NUMBER)))
    value = number_value (text + t->start, t->end - t->start);
  else
    value = g_strndup (text + t->start, t->end - t->start);
  g_string_append_printf (out, quoted ? "\"%s\"" : "%s", value);
}

static CanonFlags
canon_member_flags (const char         *name,
                    const char * const *set_keys)
{
  CanonFlags flags = 0;

  if (set_keys != NULL && g_strv_contains (set_keys, name))
    flags |= CANON_SET;
  if (g_str_equal (name, "N") || g_str_equal (name, "NS"))
    flags |= CANON_NUMBER;
  return flags;
}

static guint
canon_at (const char          *text,
          GArray              *tokens,
          guint                i,
          CanonFlags           flags,
          const char * const  *set_keys,
          GString             *out)
{
  const DdJsonToken *t = token_at (tokens, i);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean object = t->type == DD_JSON_TOKEN_OBJECT;
  g_autofree char *joined = NULL;
  guint j = i + 1;

  if (!object && t->type != DD_JSON_TOKEN_ARRAY)
    {
      canon_scalar (text, t, flags, out);
      return i + 1;
    }
  for (guint k = 0; k < t->size; k++)
    {
      GString *part = g_string_new (NULL);
      CanonFlags member_flags = flags & CANON_NUMBER;

      if (object)
        {
          const DdJsonToken *key = token_at (tokens, j++);
          g_autofree char *name = g_strndup (text + key->start, key->end - key->start);

          g_string_append_printf (part, "\"%s\":", name);
          member_flags = canon_member_flags (name, set_keys);
        }
      j = canon_at (text, tokens, j, member_flags, set_keys, part);
      g_ptr_array_add (parts, g_string_free (part, FALSE));
    }
  if (object || (flags & CANON_SET))
    g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (",", (char **) parts->pdata);
  g_string_append_printf (out, "%c%s%c", object ? '{' : '[', joined, object ? '}' : ']');
  return j;
}

static char *
canon (const char          *text,
       gssize               len,
       const char * const  *set_keys)
{
  g_autofree char *copy = g_strndup (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr(GArray) tokens = tokenize (copy);
  GString *out = g_string_new (NULL);

  g_assert_cmpuint (canon_at (copy, tokens, 0, 0, set_keys, out), ==, tokens->len);
  return g_string_free (out, FALSE);
}

static const char * const typed_sets[] = { "SS", "NS", "BS", NULL };

#define assert_same_json(actual, expected, sets) \
  G_STMT_START { \
    g_autofree char *_a = canon ((actual), -1, (sets)); \
    g_autofree char *_e = canon ((expected), -1, (sets)); \
    g_assert_cmpstr (_a, ==, _e); \
  } G_STMT_END

/* Calls through the core ----------------------------------------------- */

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} Wait;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->bytes = dd_client_call_finish (DD_CLIENT (object), result, &w->error);
  w->done = TRUE;
}

static const DdOperation *
op_for (const char *action)
{
  const DdOperation *op = dd_operation_lookup_action (action);

  g_assert_nonnull (op);
  return op;
}

/* What the app does with the editor's text and the Table dropdown. */
static GBytes *
build (const char *action,
       const char *text,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = dd_request_build (op_for (action), text, -1, table,
                                   DD_ATTR_READING_DETECT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (body);
  return body;
}

/* Sends a built body; the answer as a NUL-terminated string, or NULL and error. */
static char *
send_body (const char  *action,
           GBytes      *body,
           GError     **error)
{
  Wait w = { 0 };
  gsize len = 0;
  const char *data;
  char *text;

  dd_client_call_async (client, action, body, NULL, call_cb, &w);
  dd_test_wait_for (&w.done, 60);
  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }
  data = g_bytes_get_data (w.bytes, &len);
  text = g_strndup (data, len);
  g_bytes_unref (w.bytes);
  return text;
}

static char *
run (const char  *action,
     const char  *text,
     const char  *table,
     GError     **error)
{
  g_autoptr(GBytes) body = build (action, text, table);

  return send_body (action, body, error);
}

static char *
run_ok (const char *action,
        const char *text,
        const char *table)
{
  g_autoptr(GError) error = NULL;
  char *answer = run (action, text, table, &error);

  g_assert_no_error (error);
  return answer;
}

/* A DD_ERROR_SERVICE error with this AWS code, HTTP 400 and the hint the
 * catalogue of hints has for the code. */
static void
assert_service_error (const GError *error,
                      const char   *aws_code)
{
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, aws_code);
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 400);
  g_assert_nonnull (dd_error_hint_for_code (aws_code));
  g_assert_cmpstr (dd_error_get_hint (error), ==, dd_error_hint_for_code (aws_code));
  g_assert_true (g_str_has_prefix (error->message, aws_code));
}

/* Tables the examples need ---------------------------------------------- */

static void
wait_active (const char *table)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\"}", table);

  for (guint tries = 0; tries < 100; tries++)
    {
      g_autofree char *answer = run_ok ("DescribeTable", request, NULL);
      g_autofree char *status = jget (answer, "Table.TableStatus");

      if (g_strcmp0 (status, "ACTIVE") == 0)
        return;
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("table %s never became ACTIVE", table);
}

static void
create_table (const char *text,
              const char *name)
{
  g_autofree char *answer = run_ok ("CreateTable", text, NULL);

  assert_jget (answer, "TableDescription.TableName", name);
  wait_active (name);
}

static void
batch_write (const char *text,
             const char *table)
{
  g_autofree char *answer = run_ok ("BatchWriteItem", text, NULL);
  g_autofree char *path = g_strdup_printf ("RequestItems.%s", table);

  g_assert_cmpint (jsize (text, path), >, 0);
  g_assert_cmpint (jsize (answer, "UnprocessedItems"), ==, 0);
}

static const char * const reply_item_files[] = { "reply-items.json", "reply-more-items.json" };

static char *
read_reply_items (guint i)
{
  return i == 0 ? read_demo (reply_item_files[0]) : read_seed (reply_item_files[1]);
}

static void
ensure_reply_table (void)
{
  static gboolean done;
  g_autofree char *table = NULL;

  if (done)
    return;
  table = read_demo ("reply-table.json");
  create_table (table, "Reply");
  for (guint i = 0; i < G_N_ELEMENTS (reply_item_files); i++)
    {
      g_autofree char *items = read_reply_items (i);

      batch_write (items, "Reply");
    }
  done = TRUE;
}

static void
ensure_thread_table (void)
{
  static gboolean done;

  if (done)
    return;
  create_table ("{\"TableName\":\"Thread\",\"BillingMode\":\"PAY_PER_REQUEST\","
                "\"AttributeDefinitions\":[{\"AttributeName\":\"ForumName\",\"AttributeType\":\"S\"},"
                "{\"AttributeName\":\"Subject\",\"AttributeType\":\"S\"}],"
                "\"KeySchema\":[{\"AttributeName\":\"ForumName\",\"KeyType\":\"HASH\"},"
                "{\"AttributeName\":\"Subject\",\"KeyType\":\"RANGE\"}]}", "Thread");
  done = TRUE;
}

static void
ensure_users_table (void)
{
  static gboolean done;
  g_autofree char *table = NULL;
  g_autofree char *items = NULL;

  if (done)
    return;
  table = read_demo ("users-table.json");
  items = read_demo ("users-items.json");
  create_table (table, "USER_DETAILS_with_local");
  batch_write (items, "USER_DETAILS_with_local");
  done = TRUE;
}

/* The corrected Create Table: the catalogue's template (the seed's example
 * with the sort key USER_NAME its local index needs). */
static gboolean fee_table_created;

static void
create_fee_table (void)
{
  const DdOperation *op = op_for ("CreateTable");
  g_autoptr(GBytes) body = build ("CreateTable", op->template_json, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;

  g_assert_false (dd_request_explain_problems (op, body, &problems));
  g_assert_null (problems);
  answer = send_body ("CreateTable", body, &error);
  g_assert_no_error (error);
  assert_jget (answer, "TableDescription.TableName", "USER_FEE_LOCAL");
  wait_active ("USER_FEE_LOCAL");
  fee_table_created = TRUE;
}

/* One item read back by its key, consistently; the typed Item or NULL. */
static char *
get_item (const char *table,
          const char *plain_key)
{
  g_autofree char *request = g_strdup_printf ("{\"Key\":{%s},\"ConsistentRead\":true}", plain_key);
  g_autofree char *answer = run_ok ("GetItem", request, table);

  return jget (answer, "Item");
}

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
  g_autofree char *answer = run_ok ("PutItem", text, "Thread");

  g_assert_cmpstr (answer, ==, "{}");
}

/* The seed's Get Item example lacks the brace that closes "Key": the text
 * ends, at line 10 column 1 (after the last line's newline), inside the
 * outer object. Nothing is sent. */
static void
test_get_item_verbatim (void)
{
  g_autofree char *text = read_seed ("get-item.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = dd_request_build (op_for ("GetItem"), text, -1, "Thread",
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
  g_autofree char *text = read_seed ("get-item.fixed.json");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *wire = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *item = NULL;

  ensure_thread_table ();
  put_thread_item ("\"Message\":\"Use BatchWriteItem, or a transaction.\",\"Views\":1250");

  body = build ("GetItem", text, "Thread");
  wire = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  assert_jget (wire, "TableName", "Thread");
  assert_jget (wire, "Key.ForumName.S", "Amazon DynamoDB");
  assert_jget (wire, "Key.Subject.S", "How do I update multiple items?");

  answer = run_ok ("GetItem", text, "Thread");
  item = jget (answer, "Item");
  g_assert_nonnull (item);
  assert_same_json (item, THREAD_ITEM_TYPED, typed_sets);
}

/* Delete Item ---------------------------------------------------------- */

/* The example as it is (its table given apart): the item without Replies
 * is deleted and returned whole (ALL_OLD); one with Replies is kept,
 * refused by the condition. */
static void
test_delete_item (void)
{
  g_autofree char *text = read_seed ("delete-item.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *old = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *kept = NULL;

  ensure_thread_table ();
  put_thread_item ("\"Message\":\"Use BatchWriteItem, or a transaction.\",\"Views\":1250");
  answer = run_ok ("DeleteItem", text, "Thread");
  old = jget (answer, "Attributes");
  g_assert_nonnull (old);
  assert_same_json (old, THREAD_ITEM_TYPED, typed_sets);
  gone = get_item ("Thread", THREAD_KEY_PLAIN);
  g_assert_null (gone);

  /* The same key again, now with replies: attribute_not_exists(Replies) fails. */
  put_thread_item ("\"Replies\":2,\"LastPostedBy\":\"User B\"");
  refused = run ("DeleteItem", text, "Thread", &error);
  g_assert_null (refused);
  assert_service_error (error, "ConditionalCheckFailedException");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==, "The conditional request failed");
  kept = get_item ("Thread", THREAD_KEY_PLAIN);
  g_assert_nonnull (kept);
  assert_same_json (kept, "{\"ForumName\":{\"S\":\"Amazon DynamoDB\"},"
                    "\"Subject\":{\"S\":\"How do I update multiple items?\"},"
                    "\"Replies\":{\"N\":\"2\"},\"LastPostedBy\":{\"S\":\"User B\"}}", typed_sets);
}

/* Query Table ---------------------------------------------------------- */

static char *
page_item (DdPage *page,
           guint   i)
{
  gsize len = 0;
  const char *item = dd_page_get_item (page, i, &len);

  return g_strndup (item, len);
}

static DdPage *
parse_page (const char *answer)
{
  g_autoptr(GBytes) bytes = g_bytes_new (answer, strlen (answer));
  g_autoptr(GError) error = NULL;
  DdPage *page = dd_page_parse (bytes, &error);

  g_assert_no_error (error);
  return page;
}

/* A reply as the Query example projects it: Id, PostedBy and ReplyDateTime,
 * nothing else. Takes the item; returns its ReplyDateTime. */
static char *
assert_projected_reply (char       *owned_item,
                        const char *posted_by)
{
  g_autofree char *item = owned_item;

  g_assert_cmpint (jsize (item, ""), ==, 3);
  assert_jget (item, "Id.S", "Amazon DynamoDB#DynamoDB Thread 1");
  assert_jget (item, "PostedBy.S", posted_by);
  return jget (item, "ReplyDateTime.S");
}

/* The example as it is: Id = Thread 1 and PostedBy BETWEEN User A AND User
 * C on the index, so in PostedBy order; Limit 3 stops it before the
 * second reply by User C, User D's is outside the range. */
static void
test_query (void)
{
  g_autofree char *text = read_seed ("query.json");
  g_autofree char *answer = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  double units = 0;

  ensure_reply_table ();
  answer = run_ok ("Query", text, "Reply");
  page = parse_page (answer);

  g_assert_cmpint (dd_page_get_count (page), ==, 3);
  g_assert_cmpuint (dd_page_get_n_items (page), ==, 3);
  first = assert_projected_reply (page_item (page, 0), "User A");
  second = assert_projected_reply (page_item (page, 1), "User B");
  third = assert_projected_reply (page_item (page, 2), "User C");
  g_assert_cmpstr (first, ==, "2026-09-15T19:58:22.947Z");
  g_assert_cmpstr (second, ==, "2026-09-22T19:58:22.947Z");
  g_assert_true (g_str_equal (third, "2026-09-23T10:00:00.000Z")
                 || g_str_equal (third, "2026-09-24T10:00:00.000Z"));

  /* ReturnConsumedCapacity TOTAL: three small items read strongly
   * consistently are one read unit (4 KB) of Reply. */
  g_assert_true (dd_page_get_consumed_capacity (page, &units));
  g_assert_cmpfloat (units, ==, 1.0);
  assert_jget (answer, "ConsumedCapacity.TableName", "Reply");

  /* The limit left one out: the key to go on from is the third item's, in
   * the index (table key and index key). */
  g_assert_true (dd_page_has_more (page));
  g_assert_cmpstr (dd_page_get_continuation_name (page), ==, "LastEvaluatedKey");
  g_assert_cmpint (jsize (answer, "LastEvaluatedKey"), ==, 3);
  assert_jget (answer, "LastEvaluatedKey.Id.S", "Amazon DynamoDB#DynamoDB Thread 1");
  assert_jget (answer, "LastEvaluatedKey.PostedBy.S", "User C");
  assert_jget (answer, "LastEvaluatedKey.ReplyDateTime.S", third);
}

static void
collect_page_cb (DdPager   *pager,
                 DdPage    *page,
                 GPtrArray *items)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    g_ptr_array_add (items, page_item (page, i));
}

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  dd_pager_fetch_all_finish (DD_PAGER (object), result, &w->error);
  w->done = TRUE;
}

/* Every page of a request, page_cb adding what it collects of each page to
 * the array returned; n_pages (optional out) receives the count of pages. */
static GPtrArray *
fetch_all (const char *action,
           GBytes     *body,
           GCallback   page_cb,
           guint64    *n_pages)
{
  g_autoptr(DdPager) pager = dd_pager_new (client, op_for (action), body);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  Wait w = { 0 };

  g_signal_connect (pager, "page", page_cb, items);
  dd_pager_fetch_all_async (pager, NULL, fetch_all_cb, &w);
  dd_test_wait_for (&w.done, 60);
  g_assert_no_error (w.error);
  g_assert_true (dd_pager_is_done (pager));
  if (n_pages != NULL)
    *n_pages = dd_pager_get_n_pages (pager);
  return items;
}

/* The example through the pager, as "Load More" would go on: every reply of
 * Thread 1 by User A to User C, each once; User D's is not among them. */
static void
test_query_all_pages (void)
{
  g_autofree char *text = read_seed ("query.json");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *posted_by[] = { "User A", "User B", "User C", "User C" };
  g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint64 n_pages = 0;

  ensure_reply_table ();
  body = build ("Query", text, "Reply");
  items = fetch_all ("Query", body, G_CALLBACK (collect_page_cb), &n_pages);
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

/* Every reply the files put: ReplyDateTime -> the typed item. */
static GHashTable *
expected_replies (void)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (reply_item_files); i++)
    {
      g_autofree char *text = read_reply_items (i);
      gint n = jsize (text, "RequestItems.Reply");

      for (gint k = 0; k < n; k++)
        {
          g_autofree char *path = g_strdup_printf ("RequestItems.Reply.%d.PutRequest.Item", k);
          g_autofree char *date_path = g_strconcat (path, ".ReplyDateTime.S", NULL);

          g_hash_table_insert (expected, jget (text, date_path), jget (text, path));
        }
    }
  return expected;
}

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
  g_autofree char *plain = dd_attr_document_to_plain (answer, -1, op_for ("Scan")->response_paths, &error);
  gint n;

  g_assert_no_error (error);
  n = jsize (plain, "Items");
  g_assert_cmpint (n, ==, G_N_ELEMENTS (plain_replies));
  for (gint k = 0; k < n; k++)
    {
      g_autofree char *path = g_strdup_printf ("Items.%d", k);
      g_autofree char *item = jget (plain, path);
      g_autofree char *date = jget (item, "ReplyDateTime");

      assert_same_json (item, plain_reply_for (date), plain_sets);
      if (g_str_equal (date, "2026-09-15T19:58:22.947Z"))
        assert_jget (item, "Votes", "12345678901234567890123456789012345678");
      if (g_str_equal (date, "2026-09-22T19:58:22.947Z"))
        {
          g_autofree char *attachment = jget (item, "Attachment");

          assert_jget (item, "Score", "0.000000000000000000000000000000000001");
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
  g_autofree char *text = read_seed ("scan.json");
  g_autoptr(GHashTable) expected = expected_replies ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autofree char *wire = NULL;
  guint n = g_hash_table_size (expected);

  ensure_reply_table ();
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (plain_replies));
  body = build ("Scan", text, "Reply");
  wire = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  assert_same_json (wire, "{\"TableName\":\"Reply\"}", NULL);
  answer = send_body ("Scan", body, &error);
  g_assert_no_error (error);
  page = parse_page (answer);
  g_assert_cmpint (dd_page_get_count (page), ==, n);
  g_assert_cmpint (dd_page_get_scanned_count (page), ==, n);
  g_assert_false (dd_page_has_more (page));
  g_assert_cmpuint (dd_page_get_n_items (page), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = page_item (page, i);
      g_autofree char *date = jget (item, "ReplyDateTime.S");

      g_assert_true (g_hash_table_contains (expected, date));
      assert_same_json (item, g_hash_table_lookup (expected, date), typed_sets);
      if (g_str_equal (date, "2026-09-15T19:58:22.947Z"))
        assert_jget (item, "Votes.N", "12345678901234567890123456789012345678");
      if (g_str_equal (date, "2026-09-22T19:58:22.947Z"))
        {
          g_autofree char *attachment = jget (item, "Attachment.B");

          assert_jget (item, "Score.N", "0.000000000000000000000000000000000001");
          assert_binary_is (attachment, "Dynamo Desk");
        }
      g_hash_table_remove (expected, date);
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
  assert_scan_plain (answer);
}

/* Update Item ---------------------------------------------------------- */

#define NICK_KEY "\"USER_ID\":1,\"USER_NAME\":\"Nick\""

/* The example as it is (plain JSON, its own TableName): Nick's age and fee
 * (34 and 1234.56 from users-items.json) become 40 and 230545. */
static void
test_update_item (void)
{
  g_autofree char *text = read_seed ("update-item.json");
  g_autofree char *before = NULL, *wire = NULL, *answer = NULL, *after = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  ensure_users_table ();
  before = get_item ("USER_DETAILS_with_local", NICK_KEY);
  assert_jget (before, "USER_AGE.N", "34");
  assert_jget (before, "USER_FEE.N", "1234.56");

  body = build ("UpdateItem", text, NULL);
  wire = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  assert_jget (wire, "TableName", "USER_DETAILS_with_local");
  assert_jget (wire, "Key.USER_ID.N", "1");
  assert_jget (wire, "Key.USER_NAME.S", "Nick");
  assert_jget (wire, "ExpressionAttributeValues.:age.N", "40");
  assert_jget (wire, "ExpressionAttributeValues.:fee.N", "230545");
  answer = send_body ("UpdateItem", body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "{}");

  after = get_item ("USER_DETAILS_with_local", NICK_KEY);
  assert_jget (after, "USER_AGE.N", "40");
  assert_jget (after, "USER_FEE.N", "230545");
  assert_same_json (after, "{\"USER_ID\":{\"N\":\"1\"},\"USER_NAME\":{\"S\":\"Nick\"},"
                    "\"USER_AGE\":{\"N\":\"40\"},\"USER_FEE\":{\"N\":\"230545\"}}", typed_sets);
}

/* Describe Table ------------------------------------------------------- */

static void
assert_key_element (const char *answer,
                    const char *schema,
                    guint       i,
                    const char *name,
                    const char *type)
{
  g_autofree char *name_path = g_strdup_printf ("%s.%u.AttributeName", schema, i);
  g_autofree char *type_path = g_strdup_printf ("%s.%u.KeyType", schema, i);

  assert_jget (answer, name_path, name);
  assert_jget (answer, type_path, type);
}

/* DescribeTable's ItemCount is not live: DynamoDB refreshes it about every
 * six hours (the local DynamoDB never does), so right after the items are
 * written it is a count between none and all of them. */
static void
assert_item_count (const char *answer,
                   const char *path,
                   guint       n)
{
  g_autofree char *value = jget (answer, path);
  char *end = NULL;
  guint64 count;

  g_assert_nonnull (value);
  count = g_ascii_strtoull (value, &end, 10);
  g_assert_cmpstr (end, ==, "");
  g_assert_cmpuint (count, <=, n);
}

/* The seed gives no text for Describe Table, only the Table: the
 * catalogue's template, whose placeholder the chosen table fills. */
static void
test_describe_table (void)
{
  g_autoptr(GHashTable) expected = expected_replies ();
  guint n = g_hash_table_size (expected);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *answer = NULL;
  g_autofree char *counted = NULL;

  ensure_reply_table ();
  answer = run_ok ("DescribeTable", op_for ("DescribeTable")->template_json, "Reply");
  assert_jget (answer, "Table.TableName", "Reply");
  assert_jget (answer, "Table.TableStatus", "ACTIVE");
  g_assert_cmpint (jsize (answer, "Table.KeySchema"), ==, 2);
  assert_key_element (answer, "Table.KeySchema", 0, "Id", "HASH");
  assert_key_element (answer, "Table.KeySchema", 1, "ReplyDateTime", "RANGE");
  g_assert_cmpint (jsize (answer, "Table.AttributeDefinitions"), ==, 3);
  g_assert_cmpint (jsize (answer, "Table.LocalSecondaryIndexes"), ==, 1);
  assert_jget (answer, "Table.LocalSecondaryIndexes.0.IndexName", "PostedBy-Index");
  g_assert_cmpint (jsize (answer, "Table.LocalSecondaryIndexes.0.KeySchema"), ==, 2);
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 0, "Id", "HASH");
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 1, "PostedBy", "RANGE");
  assert_jget (answer, "Table.LocalSecondaryIndexes.0.Projection.ProjectionType", "ALL");
  assert_item_count (answer, "Table.ItemCount", n);
  assert_item_count (answer, "Table.LocalSecondaryIndexes.0.ItemCount", n);

  /* The exact count, as a Scan with Select COUNT gives it. */
  counted = run_ok ("Scan", "{ \"Select\": \"COUNT\" }", "Reply");
  assert_jget (counted, "Count", count);
  g_assert_null (jget (counted, "Items"));
}

/* Create Table --------------------------------------------------------- */

static gboolean
problem_mentions (GPtrArray  *problems,
                  const char *words)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], words) != NULL)
      return TRUE;
  return FALSE;
}

/* The example as it is: a local secondary index on a table keyed by
 * USER_ID alone. The problem is explained before sending; DynamoDB refuses
 * it with the same words; no table is made. */
static void
test_create_table_verbatim (void)
{
  g_autofree char *text = read_seed ("create-table.json");
  g_autoptr(GBytes) body = build ("CreateTable", text, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *describe = NULL;

  g_assert_true (dd_request_explain_problems (op_for ("CreateTable"), body, &problems));
  g_assert_cmpuint (problems->len, ==, 1);
  g_test_message ("%s", (char *) problems->pdata[0]);
  g_assert_true (problem_mentions (problems, "USER_FEE_LOCAL"));
  g_assert_true (problem_mentions (problems, "local secondary index"));
  g_assert_true (problem_mentions (problems, "sort key (RANGE)"));

  answer = send_body ("CreateTable", body, &error);
  g_assert_null (answer);
  assert_service_error (error, "ValidationException");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==,
                   "One or more parameter values were invalid: Table KeySchema does not have "
                   "a range key, which is required when specifying a LocalSecondaryIndex");
  g_assert_true (problem_mentions (problems, "Table KeySchema does not have a range key"));

  describe = run ("DescribeTable", "{}", "USER_FEE_LOCAL", &missing);
  g_assert_null (describe);
  assert_service_error (missing, "ResourceNotFoundException");
}

/* The corrected example (the catalogue's template: USER_NAME as the sort
 * key) is made; DescribeTable shows its keys and its index. */
static void
test_create_table_corrected (void)
{
  g_autofree char *answer = NULL;

  g_assert_false (fee_table_created);
  create_fee_table ();
  answer = run_ok ("DescribeTable", "{}", "USER_FEE_LOCAL");
  assert_jget (answer, "Table.TableStatus", "ACTIVE");
  g_assert_cmpint (jsize (answer, "Table.KeySchema"), ==, 2);
  assert_key_element (answer, "Table.KeySchema", 0, "USER_ID", "HASH");
  assert_key_element (answer, "Table.KeySchema", 1, "USER_NAME", "RANGE");
  g_assert_cmpint (jsize (answer, "Table.AttributeDefinitions"), ==, 3);
  g_assert_cmpint (jsize (answer, "Table.LocalSecondaryIndexes"), ==, 1);
  assert_jget (answer, "Table.LocalSecondaryIndexes.0.IndexName", "USER_FEE");
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 0, "USER_ID", "HASH");
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 1, "USER_FEE", "RANGE");
  assert_jget (answer, "Table.LocalSecondaryIndexes.0.Projection.ProjectionType", "KEYS_ONLY");
  assert_jget (answer, "Table.ProvisionedThroughput.ReadCapacityUnits", "1");
  assert_jget (answer, "Table.ProvisionedThroughput.WriteCapacityUnits", "1");
  assert_jget (answer, "Table.ItemCount", "0");
}

/* Put Item ------------------------------------------------------------- */

#define NICK_UPPER_KEY "\"USER_ID\":1,\"USER_NAME\":\"NICK\""

/* The example as it is names USER_DETAILS_with_localS, a table that does
 * not exist: its own TableName wins over the table chosen apart, and
 * DynamoDB answers ResourceNotFoundException. */
static void
test_put_item_verbatim (void)
{
  g_autofree char *text = read_seed ("put-item.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *item = NULL;

  ensure_users_table ();
  answer = run ("PutItem", text, "USER_DETAILS_with_local", &error);
  g_assert_null (answer);
  assert_service_error (error, "ResourceNotFoundException");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==, "Requested resource not found");
  g_assert_cmpstr (error->message, ==, "ResourceNotFoundException: Requested resource not found");
  item = get_item ("USER_DETAILS_with_local", NICK_UPPER_KEY);
  g_assert_null (item);
}

/* Adapted: the table name corrected to USER_DETAILS_with_local (the stray
 * final "S" removed), nothing else changed. The fee keeps its exact text. */
static void
test_put_item_corrected (void)
{
  g_autofree char *verbatim = read_seed ("put-item.json");
  g_autofree char *text = replace_once (verbatim, "\"USER_DETAILS_with_localS\"",
                                        "\"USER_DETAILS_with_local\"");
  g_autofree char *answer = NULL;
  g_autofree char *item = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;

  ensure_users_table ();
  answer = run_ok ("PutItem", text, NULL);
  g_assert_cmpstr (answer, ==, "{}");
  item = get_item ("USER_DETAILS_with_local", NICK_UPPER_KEY);
  g_assert_nonnull (item);
  assert_same_json (item, "{\"USER_ID\":{\"N\":\"1\"},\"USER_NAME\":{\"S\":\"NICK\"},"
                    "\"USER_AGE\":{\"N\":\"34\"},\"USER_FEE\":{\"N\":\"1234.56\"}}", typed_sets);
  assert_jget (item, "USER_FEE.N", "1234.56");
  assert_jget (item, "USER_AGE.N", "34");
  plain = dd_attr_item_to_plain (item, -1, &error);
  g_assert_no_error (error);
  assert_jget (plain, "USER_FEE", "1234.56");
  assert_jget (plain, "USER_AGE", "34");
}

/* List Tables ---------------------------------------------------------- */

static const char * const all_tables[] = {
  "Reply", "Thread", "USER_DETAILS_with_local", "USER_FEE_LOCAL", NULL
};

static void
ensure_all_tables (void)
{
  ensure_reply_table ();
  ensure_thread_table ();
  ensure_users_table ();
  if (!fee_table_created)
    create_fee_table ();
}

/* The seed gives no text for List Tables: the editor left empty is {}.
 * Every table made here, in name order, on one page; none named
 * USER_DETAILS_with_localS. */
static void
test_list_tables (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(DdPage) page = NULL;
  const char * const *names;
  guint n = 0;

  ensure_all_tables ();
  body = build ("ListTables", "", NULL);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "{}", 2);
  answer = send_body ("ListTables", body, &error);
  g_assert_no_error (error);
  page = parse_page (answer);
  names = dd_page_get_table_names (page, &n);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) all_tables));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (names[i], ==, all_tables[i]);
  g_assert_false (dd_page_has_more (page));
}

static void
collect_names_cb (DdPager   *pager,
                  DdPage    *page,
                  GPtrArray *names)
{
  guint n = 0;
  const char * const *page_names = dd_page_get_table_names (page, &n);

  g_assert_cmpuint (n, <=, 1);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup (page_names[i]));
}

/* With Limit 1, one name a page: the pager follows LastEvaluatedTableName
 * and sees every name once, in order. */
static void
test_list_tables_pages (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint64 n_pages = 0;

  ensure_all_tables ();
  body = build ("ListTables", "{ \"Limit\": 1 }", NULL);
  names = fetch_all ("ListTables", body, G_CALLBACK (collect_names_cb), &n_pages);
  g_assert_cmpuint (names->len, ==, g_strv_length ((char **) all_tables));
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (names->pdata[i], ==, all_tables[i]);
  g_assert_cmpuint (n_pages, >=, names->len);
  g_assert_cmpuint (n_pages, <=, names->len + 1);
}

/* Transactions and PartiQL --------------------------------------------- */

/* The catalogue's template of action, sent: the local DynamoDB does not
 * know the operation, and the hint says so. */
static void
assert_unsupported (const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;

  ensure_users_table ();
  answer = run (action, op_for (action)->template_json, NULL, &error);
  g_assert_null (answer);
  assert_service_error (error, "UnknownOperationException");
  g_assert_nonnull (strstr (dd_error_get_hint (error), "does not support"));
}

static void
test_transact_write_items (void)
{
  assert_unsupported ("TransactWriteItems");
}

static void
test_execute_statement (void)
{
  assert_unsupported ("ExecuteStatement");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_init (&argc, &argv);
  dynamo = dd_test_dynamo_start ();
  client = dd_test_dynamo_new_client (dynamo);

  g_test_add_func ("/dd/seed/get-item/verbatim", test_get_item_verbatim);
  g_test_add_func ("/dd/seed/get-item/fixed", test_get_item);
  g_test_add_func ("/dd/seed/query/example", test_query);
  g_test_add_func ("/dd/seed/query/all-pages", test_query_all_pages);
  g_test_add_func ("/dd/seed/scan/example", test_scan);
  g_test_add_func ("/dd/seed/delete-item/example", test_delete_item);
  g_test_add_func ("/dd/seed/update-item/example", test_update_item);
  g_test_add_func ("/dd/seed/describe-table/reply", test_describe_table);
  g_test_add_func ("/dd/seed/create-table/verbatim", test_create_table_verbatim);
  g_test_add_func ("/dd/seed/create-table/corrected", test_create_table_corrected);
  g_test_add_func ("/dd/seed/put-item/verbatim", test_put_item_verbatim);
  g_test_add_func ("/dd/seed/put-item/corrected", test_put_item_corrected);
  g_test_add_func ("/dd/seed/list-tables/all", test_list_tables);
  g_test_add_func ("/dd/seed/list-tables/pages", test_list_tables_pages);
  g_test_add_func ("/dd/seed/unsupported/transact-write-items", test_transact_write_items);
  g_test_add_func ("/dd/seed/unsupported/execute-statement", test_execute_statement);

  ret = g_test_run ();
  g_clear_object (&client);
  dd_test_dynamo_stop (dynamo);
  return ret;
}
