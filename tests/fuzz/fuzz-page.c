/* fuzz-page.c: the result page parser (dd_page_parse) on any bytes.
 *
 * Checked: a page either parses or fails with DD_ERROR_PROTOCOL; what a
 * page describes lies inside its bytes: each item is an object that is
 * valid JSON, the continuation is valid JSON, the attribute names and
 * table names are UTF-8; entries are items plus table names; a truncated
 * page keeps a prefix of the items and drops the continuation; parsing a
 * page's own bytes again gives the same description. The page's two
 * readers (dd-page-fast.h): the one pass takes no page the token reader
 * refuses, and describes those it takes as the token reader does; on a
 * page that parses, the peek (dd-page-peek.h) finds its continuation.
 */
#define G_LOG_DOMAIN "fuzz-page"

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "dd-error.h"
#include "dd-json.h"
#include "dd-page.h"
#include "dd-page-fast.h"
#include "dd-page-peek.h"

static void
assert_inside (DdPage     *page,
               const char *slice,
               gsize       len)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (dd_page_get_bytes (page), &size);

  g_assert_true (slice >= data);
  g_assert_true (slice + len <= data + size);
}

/* Each item is JSON dd-json reads: dd-page refuses what dd-json refuses
 * in a string, lone surrogate escapes included. */
static void
assert_item_json (const char *text,
                  gsize       len)
{
  g_autoptr(GError) error = NULL;

  if (!dd_json_validate (text, len, &error))
    g_error ("not JSON: %s", error->message);
}

static void
check_items (DdPage *page)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len = 0;
      const char *item = dd_page_get_item (page, i, &len);
      assert_inside (page, item, len);
      g_assert_cmpuint (len, >=, 2);
      g_assert_cmpint (item[0], ==, '{');
      g_assert_cmpint (item[len - 1], ==, '}');
      assert_item_json (item, len);
    }
}

static void
check_strings (const char * const *strings,
               guint               n)
{
  g_assert_nonnull (strings);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (strings[i]);
      g_assert_true (g_utf8_validate (strings[i], -1, NULL));
    }
  g_assert_null (strings[n]);
}

static void
check_continuation (DdPage *page)
{
  gsize len = 0;
  const char *continuation = dd_page_get_continuation (page, &len);

  g_assert_cmpint (continuation != NULL, ==, dd_page_has_more (page));
  g_assert_cmpint (continuation != NULL, ==, dd_page_get_continuation_name (page) != NULL);
  if (continuation != NULL)
    {
      assert_inside (page, continuation, len);
      assert_item_json (continuation, len);
      if (dd_page_get_continuation_string (page) != NULL)
        g_assert_true (g_utf8_validate (dd_page_get_continuation_string (page), -1, NULL));
    }
}

static void
check_same (DdPage *a,
            DdPage *b)
{
  guint n_a = 0, n_b = 0;
  const char * const *names_a = dd_page_get_attribute_names (a, &n_a);
  const char * const *names_b = dd_page_get_attribute_names (b, &n_b);

  g_assert_cmpuint (dd_page_get_n_items (a), ==, dd_page_get_n_items (b));
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    g_assert_cmpstr (names_a[i], ==, names_b[i]);
  g_assert_cmpint (dd_page_get_count (a), ==, dd_page_get_count (b));
  g_assert_cmpint (dd_page_get_scanned_count (a), ==, dd_page_get_scanned_count (b));
  g_assert_cmpstr (dd_page_get_continuation_string (a), ==, dd_page_get_continuation_string (b));
}

static void
check_truncated (DdPage *page)
{
  guint n = dd_page_get_n_entries (page);
  g_autoptr(DdPage) half = dd_page_new_truncated (page, n / 2);

  g_assert_cmpuint (dd_page_get_n_entries (half), ==, n / 2);
  g_assert_false (dd_page_has_more (half));
  for (guint i = 0; i < dd_page_get_n_items (half); i++)
    {
      gsize len_a = 0, len_b = 0;
      const char *a = dd_page_get_item (page, i, &len_a);
      const char *b = dd_page_get_item (half, i, &len_b);

      g_assert_true (a == b && len_a == len_b);
    }
}

static void
check_readers (GBytes *bytes)
{
  g_autoptr(DdPage) fast = dd_page_fast_parse (bytes);
  g_autoptr(DdPage) slow = dd_page_parse_tokens (bytes, NULL);
  gsize la = 0, lb = 0;
  double ua = 0, ub = 0;

  if (fast == NULL)
    return;
  g_assert_nonnull (slow);
  check_same (fast, slow);
  for (guint i = 0; i < dd_page_get_n_items (fast); i++)
    {
      g_assert_true (dd_page_get_item (fast, i, &la) == dd_page_get_item (slow, i, &lb));
      g_assert_cmpuint (la, ==, lb);
    }
  g_assert_true (dd_page_get_continuation (fast, &la) == dd_page_get_continuation (slow, &lb));
  g_assert_cmpuint (la, ==, lb);
  g_assert_cmpstr (dd_page_get_continuation_name (fast), ==, dd_page_get_continuation_name (slow));
  g_assert_cmpuint (dd_page_get_n_entries (fast), ==, dd_page_get_n_entries (slow));
  g_assert_cmpint (dd_page_get_consumed_capacity (fast, &ua), ==,
                   dd_page_get_consumed_capacity (slow, &ub));
  g_assert_true (memcmp (&ua, &ub, sizeof ua) == 0);
}

static void
check_peek (DdPage *page)
{
  gsize size = 0, len = 0;
  const char *data = g_bytes_get_data (dd_page_get_bytes (page), &size);
  const char *continuation = dd_page_get_continuation (page, &len);
  DdPagePeek peek;

  g_assert_true (dd_page_peek (data, size, &peek));
  g_assert_cmpstr (peek.name, ==, dd_page_get_continuation_name (page));
  g_assert_cmpint (peek.count, ==, dd_page_get_count (page));
  if (continuation != NULL)
    {
      g_assert_cmpuint (peek.offset, ==, (gsize) (continuation - data));
      g_assert_cmpuint (peek.len, ==, len);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPage) page = dd_page_parse (bytes, &error);
  g_autoptr(DdPage) again = NULL;
  guint n_names = 0, n_tables = 0;
  const char * const *names;
  const char * const *tables;
  double units = 0;

  fuzz_init_once ();
  check_readers (bytes);
  if (page == NULL)
    {
      g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
      return 0;
    }
  g_assert_no_error (error);
  check_items (page);
  names = dd_page_get_attribute_names (page, &n_names);
  check_strings (names, n_names);
  tables = dd_page_get_table_names (page, &n_tables);
  check_strings (tables, n_tables);
  g_assert_cmpuint (dd_page_get_n_entries (page), ==, dd_page_get_n_items (page) + n_tables);
  check_continuation (page);
  dd_page_get_consumed_capacity (page, &units);
  check_truncated (page);
  check_peek (page);
  again = dd_page_parse (dd_page_get_bytes (page), &error);
  g_assert_no_error (error);
  check_same (page, again);
  return 0;
}
