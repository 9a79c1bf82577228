/* dd-test-seed.c: what the tests of the seed's examples share: the
 * example files, JSON lookups that never convert a number, calls through
 * the core to the local DynamoDB, and the tables the examples need.
 */
#define G_LOG_DOMAIN "dd-test"

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
#include "dd-test-seed.h"

static DdTestDynamo *dynamo;
static DdClient *client;

void
dd_test_seed_start (void)
{
  dynamo = dd_test_dynamo_start ();
  client = dd_test_dynamo_new_client (dynamo);
}

void
dd_test_seed_stop (void)
{
  g_clear_object (&client);
  dd_test_dynamo_stop (dynamo);
  dynamo = NULL;
}

DdClient *
dd_test_seed_client (void)
{
  return client;
}

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

char *
dd_test_read_seed (const char *name)
{
  return read_file_in (seed_dir (), name);
}

/* build-aux/demo, three levels up from tests/data/seed. */
char *
dd_test_read_demo (const char *name)
{
  g_autofree char *dir = g_build_filename (seed_dir (), "..", "..", "..",
                                           "build-aux", "demo", NULL);

  return read_file_in (dir, name);
}

/* Text with old replaced; old must occur exactly once. */
char *
dd_test_replace_once (const char *text,
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
char *
dd_test_jget (const char *text,
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
gint
dd_test_jsize (const char *text,
               const char *path)
{
  g_autoptr(GArray) tokens = tokenize (text);
  gint at = find_path (text, tokens, path);

  return at < 0 ? -1 : (gint) token_at (tokens, at)->size;
}

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
canon_at (const char         *text,
          GArray             *tokens,
          guint               i,
          CanonFlags          flags,
          const char * const *set_keys,
          GString            *out)
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

char *
dd_test_json_canon (const char         *text,
                    gssize              len,
                    const char * const *set_keys)
{
  g_autofree char *copy = g_strndup (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr(GArray) tokens = tokenize (copy);
  GString *out = g_string_new (NULL);

  g_assert_cmpuint (canon_at (copy, tokens, 0, 0, set_keys, out), ==, tokens->len);
  return g_string_free (out, FALSE);
}

const char * const dd_test_typed_sets[] = { "SS", "NS", "BS", NULL };

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

const DdOperation *
dd_test_seed_op (const char *action)
{
  const DdOperation *op = dd_operation_lookup_action (action);

  g_assert_nonnull (op);
  return op;
}

/* What the app does with the editor's text and the Table dropdown. */
GBytes *
dd_test_seed_build (const char *action,
                    const char *text,
                    const char *table)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = dd_request_build (dd_test_seed_op (action), text, -1, table,
                                   DD_ATTR_READING_DETECT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (body);
  return body;
}

/* Sends a built body; the answer as a NUL-terminated string, or NULL and error. */
char *
dd_test_seed_send (const char  *action,
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

char *
dd_test_seed_run (const char  *action,
                  const char  *text,
                  const char  *table,
                  GError     **error)
{
  g_autoptr(GBytes) body = dd_test_seed_build (action, text, table);

  return dd_test_seed_send (action, body, error);
}

char *
dd_test_seed_run_ok (const char *action,
                     const char *text,
                     const char *table)
{
  g_autoptr(GError) error = NULL;
  char *answer = dd_test_seed_run (action, text, table, &error);

  g_assert_no_error (error);
  return answer;
}

/* A DD_ERROR_SERVICE error with this AWS code, HTTP 400 and the hint the
 * catalogue of hints has for the code. */
void
dd_test_assert_service_error (const GError *error,
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
      g_autofree char *answer = dd_test_seed_run_ok ("DescribeTable", request, NULL);
      g_autofree char *status = dd_test_jget (answer, "Table.TableStatus");

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
  g_autofree char *answer = dd_test_seed_run_ok ("CreateTable", text, NULL);

  dd_test_assert_jget (answer, "TableDescription.TableName", name);
  wait_active (name);
}

static void
batch_write (const char *text,
             const char *table)
{
  g_autofree char *answer = dd_test_seed_run_ok ("BatchWriteItem", text, NULL);
  g_autofree char *path = g_strdup_printf ("RequestItems.%s", table);

  g_assert_cmpint (dd_test_jsize (text, path), >, 0);
  g_assert_cmpint (dd_test_jsize (answer, "UnprocessedItems"), ==, 0);
}

static const char * const reply_item_files[] = { "reply-items.json", "reply-more-items.json" };

static char *
read_reply_items (guint i)
{
  return i == 0 ? dd_test_read_demo (reply_item_files[0]) : dd_test_read_seed (reply_item_files[1]);
}

void
dd_test_seed_ensure_reply_table (void)
{
  static gboolean done;
  g_autofree char *table = NULL;

  if (done)
    return;
  table = dd_test_read_demo ("reply-table.json");
  create_table (table, "Reply");
  for (guint i = 0; i < G_N_ELEMENTS (reply_item_files); i++)
    {
      g_autofree char *items = read_reply_items (i);

      batch_write (items, "Reply");
    }
  done = TRUE;
}

void
dd_test_seed_ensure_thread_table (void)
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

void
dd_test_seed_ensure_users_table (void)
{
  static gboolean done;
  g_autofree char *table = NULL;
  g_autofree char *items = NULL;

  if (done)
    return;
  table = dd_test_read_demo ("users-table.json");
  items = dd_test_read_demo ("users-items.json");
  create_table (table, "USER_DETAILS_with_local");
  batch_write (items, "USER_DETAILS_with_local");
  done = TRUE;
}

static gboolean fee_table_created;

gboolean
dd_test_seed_fee_table_created (void)
{
  return fee_table_created;
}

/* The corrected Create Table: the catalogue's template (the seed's example
 * with the sort key USER_NAME its local index needs). */
void
dd_test_seed_create_fee_table (void)
{
  const DdOperation *op = dd_test_seed_op ("CreateTable");
  g_autoptr(GBytes) body = dd_test_seed_build ("CreateTable", op->template_json, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;

  g_assert_false (dd_request_explain_problems (op, body, &problems));
  g_assert_null (problems);
  answer = dd_test_seed_send ("CreateTable", body, &error);
  g_assert_no_error (error);
  dd_test_assert_jget (answer, "TableDescription.TableName", "USER_FEE_LOCAL");
  wait_active ("USER_FEE_LOCAL");
  fee_table_created = TRUE;
}

/* One item read back by its key, consistently; the typed Item or NULL. */
char *
dd_test_seed_get_item (const char *table,
                       const char *plain_key)
{
  g_autofree char *request = g_strdup_printf ("{\"Key\":{%s},\"ConsistentRead\":true}", plain_key);
  g_autofree char *answer = dd_test_seed_run_ok ("GetItem", request, table);

  return dd_test_jget (answer, "Item");
}

/* Pages ---------------------------------------------------------------- */

char *
dd_test_page_item (DdPage *page,
                   guint   i)
{
  gsize len = 0;
  const char *item = dd_page_get_item (page, i, &len);

  return g_strndup (item, len);
}

DdPage *
dd_test_parse_page (const char *answer)
{
  g_autoptr(GBytes) bytes = g_bytes_new (answer, strlen (answer));
  g_autoptr(GError) error = NULL;
  DdPage *page = dd_page_parse (bytes, &error);

  g_assert_no_error (error);
  return page;
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
GPtrArray *
dd_test_seed_fetch_all (const char *action,
                        GBytes     *body,
                        GCallback   page_cb,
                        guint64    *n_pages)
{
  g_autoptr(DdPager) pager = dd_pager_new (client, dd_test_seed_op (action), body);
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

/* Every reply the files put: ReplyDateTime -> the typed item. */
GHashTable *
dd_test_seed_expected_replies (void)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (reply_item_files); i++)
    {
      g_autofree char *text = read_reply_items (i);
      gint n = dd_test_jsize (text, "RequestItems.Reply");

      for (gint k = 0; k < n; k++)
        {
          g_autofree char *path = g_strdup_printf ("RequestItems.Reply.%d.PutRequest.Item", k);
          g_autofree char *date_path = g_strconcat (path, ".ReplyDateTime.S", NULL);

          g_hash_table_insert (expected, dd_test_jget (text, date_path), dd_test_jget (text, path));
        }
    }
  return expected;
}
