/* test-item-store.c: the results model (DdItemStore, DdItemRef), the
 * in-place value scanner (dd-item-value) and the filter expressions
 * (dd-item-filter).
 */
#define G_LOG_DOMAIN "test-item-store"

#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-item-filter.h"
#include "dd-item-ref.h"
#include "dd-item-store.h"
#include "dd-item-value.h"
#include "dd-page.h"
#include "dd-test-dynamo.h"

/* A Scan page holding the given items (each the JSON of one item). */
static DdPage *
page_of (const char * const *items)
{
  g_autoptr(GString) text = g_string_new ("{\"Items\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint n = 0;
  DdPage *page;

  for (; items[n] != NULL; n++)
    g_string_append_printf (text, "%s%s", n > 0 ? "," : "", items[n]);
  g_string_append_printf (text, "],\"Count\":%u,\"ScannedCount\":%u}", n, n);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  page = dd_page_parse (bytes, &error);
  g_assert_no_error (error);
  return page;
}

/* An item {"id":{"N":"<id>"}, "v":<value>} (value omitted when NULL). */
static char *
item_with (guint       id,
           const char *value)
{
  if (value == NULL)
    return g_strdup_printf ("{\"id\":{\"N\":\"%u\"}}", id);
  return g_strdup_printf ("{\"id\":{\"N\":\"%u\"},\"v\":%s}", id, value);
}

/* A page of items whose "v" values are given (NULL entries: no "v"),
 * ids counted from first_id. */
static DdPage *
page_of_values (guint               first_id,
                const char * const *values,
                guint               n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, item_with (first_id + i, values[i]));
  g_ptr_array_add (items, NULL);
  return page_of ((const char * const *) items->pdata);
}

/* The "id" of the item at each position, as "3 1 2". */
static char *
ids_in_order (DdItemStore *store)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint pos = 0; pos < dd_item_store_get_n_items (store); pos++)
    {
      g_autofree char *id = dd_item_store_dup_display (store, dd_item_store_get_index (store, pos), "id");

      g_string_append_printf (s, "%s%s", pos > 0 ? " " : "", id);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Value scanner ----------------------------------------------------------- */

static void
test_numbers_compare (void)
{
  static const struct { const char *a, *b; int sign; } cases[] = {
    { "1", "1", 0 },
    { "1", "1.0", 0 },
    { "1.50", "15E-1", 0 },
    { "0.001", "1E-3", 0 },
    { "0", "-0", 0 },
    { "0.000", "0E+10", 0 },
    { "100", "99.999", 1 },
    { "-2", "-10", 1 },
    { "-1", "1", -1 },
    { "-0.5", "0", -1 },
    { "9.99E+125", "1E+126", -1 },
    { "1E-130", "0", 1 },
    /* 38 digits: a double cannot tell these apart. */
    { "12345678901234567890123456789012345678", "12345678901234567890123456789012345679", -1 },
    { "0.1", "0.10000000000000000000000000000000000001", -1 },
    { "007", "7", 0 },
    { "abc", "1", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int ab = dd_item_value_compare_numbers (cases[i].a, strlen (cases[i].a),
                                              cases[i].b, strlen (cases[i].b));
      int ba = dd_item_value_compare_numbers (cases[i].b, strlen (cases[i].b),
                                              cases[i].a, strlen (cases[i].a));

      g_test_message ("%s vs %s", cases[i].a, cases[i].b);
      g_assert_cmpint (CLAMP (ab, -1, 1), ==, cases[i].sign);
      g_assert_cmpint (CLAMP (ba, -1, 1), ==, -cases[i].sign);
    }
}

static void
test_value_find (void)
{
  const char *item =
    "{ \"m\" : {\"M\":{\"a\":{\"S\":\"nested\"}}},\"s\\\"q\":{\"S\":\"x\"},"
    "\"t\":{\"S\":\"\\\"a\\\":{\"}, \"a\" :{\"N\":\"42\"}}";
  gsize len = strlen (item);
  DdItemValue v;
  gssize at;

  at = dd_item_value_find (item, len, "a");
  g_assert_cmpint (at, >, 0);
  g_assert_true (dd_item_value_read (item + at, len - (gsize) at, &v));
  g_assert_cmpint (v.type, ==, DD_ITEM_TYPE_N);
  g_assert_cmpmem (v.text, v.len, "42", 2);

  at = dd_item_value_find (item, len, "s\"q");
  g_assert_cmpint (at, >, 0);
  g_assert_true (dd_item_value_read (item + at, len - (gsize) at, &v));
  g_assert_cmpmem (v.text, v.len, "x", 1);

  g_assert_cmpint (dd_item_value_find (item, len, "nested"), ==, -1);
  g_assert_cmpint (dd_item_value_find (item, len, "M"), ==, -1);
  g_assert_cmpint (dd_item_value_find ("{}", 2, "a"), ==, -1);
}

static void
test_value_display (void)
{
  static const struct { const char *value, *display, *type; } cases[] = {
    { "{\"S\":\"caf\\u00e9 \\\"q\\\"\"}", "café \"q\"", "S" },
    { "{\"N\":\"-12345678901234567890.000000000000000001\"}", "-12345678901234567890.000000000000000001", "N" },
    { "{\"BOOL\":true}", "true", "BOOL" },
    { "{\"BOOL\":false}", "false", "BOOL" },
    { "{\"NULL\":true}", "null", "NULL" },
    { "{\"B\":\"AAEC\"}", "AAEC", "B" },
    { "{\"SS\":[\"a\",\"b\\\"\"]}", "[\"a\",\"b\\\"\"]", "SS" },
    { "{\"NS\":[\"1\",\"2.50\"]}", "[1,2.50]", "NS" },
    { "{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"},{\"L\":[]}]}", "[1,\"x\",[]]", "L" },
    { "{\"M\":{\"k\":{\"N\":\"7\"},\"n\":{\"M\":{\"b\":{\"BOOL\":false}}}}}",
      "{\"k\":7,\"n\":{\"b\":false}}", "M" },
    { "{\"M\":{}}", "{}", "M" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      DdItemValue v;

      g_assert_true (dd_item_value_read (cases[i].value, strlen (cases[i].value), &v));
      g_assert_cmpstr (dd_item_type_to_string (v.type), ==, cases[i].type);
      dd_item_value_append_display (out, &v);
      g_assert_cmpstr (out->str, ==, cases[i].display);
    }
}

static void
test_value_contains (void)
{
  static const struct { const char *needle; gboolean found; } cases[] = {
    { "alice", TRUE },        /* an S, another case */
    { "LIC", TRUE },
    { "café", TRUE },         /* written \u00e9 in the item */
    { "12.5", TRUE },         /* an N */
    { "deep", TRUE },         /* in a nested map */
    { "red", TRUE },          /* in a string set */
    { "name", FALSE },        /* an attribute name only */
    { "SS", FALSE },          /* a type tag only */
    { "inner", FALSE },       /* a nested name only */
    { "nothere", FALSE },
  };
  const char *item =
    "{\"name\":{\"S\":\"Alice\"},\"price\":{\"N\":\"12.5\"},\"note\":{\"S\":\"caf\\u00e9\"},"
    "\"m\":{\"M\":{\"inner\":{\"S\":\"deep\"}}},\"tags\":{\"SS\":[\"red\",\"blue\"]}}";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("needle %s", cases[i].needle);
      g_assert_cmpint (dd_item_value_contains_text (item, strlen (item), cases[i].needle,
                                                    strlen (cases[i].needle)),
                       ==, cases[i].found);
    }
}

/* The store --------------------------------------------------------------- */

typedef struct
{
  guint calls;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
test_store_append (void)
{
  const char *keys[] = { "pk", "sk", NULL };
  const char *page1_items[] = {
    "{\"b\":{\"S\":\"one\"},\"sk\":{\"N\":\"1\"},\"pk\":{\"S\":\"p\"}}",
    "{\"pk\":{\"S\":\"q\"},\"sk\":{\"N\":\"2\"},\"c\":{\"BOOL\":true}}",
    NULL,
  };
  const char *page2_items[] = { "{\"pk\":{\"S\":\"r\"},\"a\":{\"NULL\":true}}", NULL };
  g_autoptr(DdItemStore) store = dd_item_store_new (keys);
  g_autoptr(DdPage) page1 = page_of (page1_items);
  g_autoptr(DdPage) page2 = page_of (page2_items);
  g_autoptr(DdItemRef) ref = NULL;
  Changes changes = { 0 };
  const char * const *names;
  const char *text;
  gsize size, len;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == DD_TYPE_ITEM_REF);
  g_assert_cmpuint (dd_item_store_append_page (store, page1), ==, 2);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (dd_item_store_append_page (store, page2), ==, 1);
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  names = dd_item_store_get_attribute_names (store, NULL);
  g_assert_cmpstrv (names, ((const char *[]) { "pk", "sk", "b", "c", "a", NULL }));

  /* The store keeps the items' bytes, not the pages. */
  ref = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_cmpuint (dd_item_ref_get_index (ref), ==, 2);
  size = g_bytes_get_size (dd_page_get_bytes (page2));
  g_clear_pointer (&page2, dd_page_unref);
  text = dd_item_ref_get_text (ref, &len);
  g_assert_cmpmem (text, len, page2_items[0], strlen (page2_items[0]));
  g_assert_cmpstr (dd_item_ref_get_value_type (ref, "a"), ==, "NULL");
  g_assert_null (dd_item_ref_get_value_type (ref, "b"));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 3));
  g_assert_cmpuint (dd_item_store_get_n_bytes (store), ==,
                    g_bytes_get_size (dd_page_get_bytes (page1)) + size);
  text = dd_item_store_get_item_text (store, 0, &len);
  g_assert_cmpmem (text, len, page1_items[0], strlen (page1_items[0]));

  dd_item_store_clear (store);
  g_assert_cmpuint (changes.calls, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 3);
  g_assert_cmpstrv (dd_item_store_get_attribute_names (store, NULL),
                    ((const char *[]) { "pk", "sk", NULL }));
  g_clear_object (&ref);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_store_cap (void)
{
  const char *values[] = { "{\"S\":\"a\"}", "{\"S\":\"b\"}", "{\"S\":\"c\"}" };
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  g_autoptr(DdPage) p1 = page_of_values (1, values, 3);
  g_autoptr(DdPage) p2 = page_of_values (4, values, 3);
  g_autoptr(DdPage) p3 = page_of_values (7, values, 3);
  guint notified = 0;

  g_assert_cmpuint (dd_item_store_get_max_items (store), ==, DD_ITEM_STORE_DEFAULT_MAX_ITEMS);
  g_object_set (store, "max-items", 5, NULL);
  g_signal_connect (store, "notify::cap-reached", G_CALLBACK (count_notify_cb), &notified);
  g_assert_cmpuint (dd_item_store_append_page (store, p1), ==, 3);
  g_assert_false (dd_item_store_get_cap_reached (store));
  g_assert_cmpuint (dd_item_store_append_page (store, p2), ==, 2);
  g_assert_true (dd_item_store_get_cap_reached (store));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (dd_item_store_append_page (store, p3), ==, 0);
  g_assert_cmpuint (dd_item_store_get_n_items (store), ==, 5);
  g_assert_cmpuint (notified, ==, 1);
  {
    g_autofree char *ids = ids_in_order (store);

    g_assert_cmpstr (ids, ==, "1 2 3 4 5");
  }
  dd_item_store_set_max_items (store, 0);
  g_assert_cmpuint (dd_item_store_append_page (store, p3), ==, 3);
  g_assert_cmpuint (dd_item_store_get_n_items (store), ==, 8);
}

static void
test_store_sort (void)
{
  const char *values[] = {
    "{\"N\":\"10\"}",                                       /* 1 */
    "{\"S\":\"b\"}",                                        /* 2 */
    NULL,                                                   /* 3 */
    "{\"N\":\"9.99999999999999999999999999\"}",             /* 4 */
    "{\"S\":\"\\u00e9\"}",                                  /* 5: é, after z */
    "{\"BOOL\":true}",                                      /* 6 */
    "{\"N\":\"-3\"}",                                       /* 7 */
    "{\"S\":\"z\"}",                                        /* 8 */
    "{\"NULL\":true}",                                      /* 9 */
    "{\"N\":\"10.0\"}",                                     /* 10: equal to 1 */
    "{\"BOOL\":false}",                                     /* 11 */
    "{\"B\":\"/w==\"}",                                     /* 12: 0xff */
    "{\"B\":\"AQ==\"}",                                     /* 13: 0x01 */
  };
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  g_autoptr(DdPage) page = page_of_values (1, values, G_N_ELEMENTS (values));
  Changes changes = { 0 };
  char *ids;

  dd_item_store_append_page (store, page);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  dd_item_store_sort (store, "v", FALSE);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 13);
  g_assert_cmpuint (changes.added, ==, 13);
  ids = ids_in_order (store);
  g_assert_cmpstr (ids, ==, "7 4 1 10 2 8 5 13 12 11 6 9 3");
  g_free (ids);

  dd_item_store_sort (store, "v", TRUE);
  ids = ids_in_order (store);
  /* Reversed, but equal values keep arrival order and the missing stay last. */
  g_assert_cmpstr (ids, ==, "9 6 11 12 13 5 8 2 1 10 4 7 3");
  g_free (ids);
  g_assert_true (dd_item_store_get_sort_descending (store));
  g_assert_cmpstr (dd_item_store_get_sort_attribute (store), ==, "v");

  dd_item_store_sort (store, NULL, FALSE);
  ids = ids_in_order (store);
  g_assert_cmpstr (ids, ==, "1 2 3 4 5 6 7 8 9 10 11 12 13");
  g_free (ids);
}

/* Pages merged into a sorted store give the order a fresh sort gives. */
static void
test_store_sort_merge (void)
{
  g_autoptr(DdItemStore) merged = dd_item_store_new (NULL);
  g_autoptr(DdItemStore) fresh = dd_item_store_new (NULL);
  GRand *rand = g_rand_new_with_seed (7);
  guint id = 1;

  dd_item_store_sort (merged, "v", FALSE);
  for (guint p = 0; p < 20; p++)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(DdPage) page = NULL;
      guint n = (guint) g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (values, g_rand_int_range (rand, 0, 10) == 0 ? NULL
                         : g_strdup_printf ("{\"N\":\"%d\"}", g_rand_int_range (rand, -50, 50)));
      page = page_of_values (id, (const char * const *) values->pdata, n);
      id += n;
      dd_item_store_append_page (merged, page);
      dd_item_store_append_page (fresh, page);
    }
  dd_item_store_sort (fresh, "v", FALSE);
  {
    g_autofree char *a = ids_in_order (merged);
    g_autofree char *b = ids_in_order (fresh);

    g_assert_cmpstr (a, ==, b);
  }
  g_rand_free (rand);
}

static void
test_store_sorted_loaded_only (void)
{
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  guint notified = 0;

  g_signal_connect (store, "notify::sorted-loaded-only", G_CALLBACK (count_notify_cb), &notified);
  g_assert_false (dd_item_store_get_sorted_loaded_only (store));
  dd_item_store_sort (store, "v", FALSE);
  g_assert_true (dd_item_store_get_sorted_loaded_only (store));
  g_assert_cmpuint (notified, ==, 1);
  dd_item_store_set_complete (store, TRUE);
  g_assert_false (dd_item_store_get_sorted_loaded_only (store));
  g_assert_cmpuint (notified, ==, 2);
  dd_item_store_sort (store, NULL, FALSE);
  dd_item_store_set_complete (store, FALSE);
  g_assert_false (dd_item_store_get_sorted_loaded_only (store));
  g_assert_cmpuint (notified, ==, 2);
}

/* Filters ------------------------------------------------------------------ */

static void
test_store_filter (void)
{
  static const struct { const char *expression, *ids; } cases[] = {
    { "", "1 2 3 4 5 6 7 8" },
    { "v = 10", "1 5" },                       /* 10 and 10.0; and S "10" */
    { "v == 1E1", "1" },
    { "v > 9.5", "1" },                        /* not S "10" nor words */
    { "v >= -3", "1 4" },
    { "v < 0", "4" },
    { "v != 10", "2 3 4 6 7" },                /* not 8: no v */
    { "v = \"10\"", "5" },
    { "v = apple", "2" },
    { "v > b", "3" },
    { "v = true", "6" },
    { "v = null", "7" },
    { "exists(v)", "1 2 3 4 5 6 7" },
    { "exists ( \"odd name\" )", "8" },
    { "\"odd name\" = x", "8" },
    { "APPLE", "2" },
    { "odd", "" },                             /* a name, not a value */
    { "x", "8" },
    { "cherry pie", "3" },
  };
  const char *values[] = {
    "{\"N\":\"10.0\"}", "{\"S\":\"apple\"}", "{\"S\":\"cherry pie\"}", "{\"N\":\"-3\"}",
    "{\"S\":\"10\"}", "{\"BOOL\":true}", "{\"NULL\":true}", NULL,
  };
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  g_autoptr(DdPage) page = page_of_values (1, values, 7);
  g_autoptr(DdPage) page2 = NULL;
  const char *last[] = { "{\"id\":{\"N\":\"8\"},\"odd name\":{\"S\":\"x\"}}", NULL };

  page2 = page_of (last);
  dd_item_store_append_page (store, page);
  dd_item_store_append_page (store, page2);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) positions = dd_item_store_filter (store, cases[i].expression, &error);
      g_autoptr(GString) ids = g_string_new (NULL);

      g_test_message ("filter %s", cases[i].expression);
      g_assert_no_error (error);
      for (guint j = 0; j < positions->len; j++)
        g_string_append_printf (ids, "%s%u", j > 0 ? " " : "", g_array_index (positions, guint, j) + 1);
      g_assert_cmpstr (ids->str, ==, cases[i].ids);
    }
}

static void
test_store_filter_sorted (void)
{
  const char *values[] = { "{\"N\":\"3\"}", "{\"N\":\"1\"}", "{\"N\":\"2\"}" };
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  g_autoptr(DdPage) page = page_of_values (1, values, 3);
  g_autoptr(GArray) positions = NULL;

  dd_item_store_append_page (store, page);
  dd_item_store_sort (store, "v", FALSE);
  positions = dd_item_store_filter (store, "v >= 2", NULL);
  /* Positions in the sorted model: 2 is at 1, 3 at 2. */
  g_assert_cmpuint (positions->len, ==, 2);
  g_assert_cmpuint (g_array_index (positions, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (positions, guint, 1), ==, 2);
}

/* A search that narrows the one before, run over its matches only, finds
 * what a search over every item finds; sorted and not. */
static void
test_store_filter_within (void)
{
  static const char *words[] = { "apple", "Apple pie", "cherry pie", "pineapple", "pie", "grape" };
  static const struct { const char *wider, *narrower; gboolean narrows; } pairs[] = {
    { "pie", "PIE", TRUE },
    { "p", "pie", TRUE },
    { "apple", "pineapple", TRUE },
    { "e", "apple p", TRUE },
    { "pie", "pi", FALSE },            /* wider */
    { "apple", "grape", FALSE },
    { "pie", "v = pie", FALSE },       /* a comparison */
    { "exists(v)", "pie", FALSE },
    { "v > 1", "v > 2", FALSE },       /* comparisons: not told apart */
  };
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DdPage) page = NULL;

  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (values, g_strdup_printf ("{\"S\":\"%s %u\"}", words[(i * 7) % G_N_ELEMENTS (words)], i));
  page = page_of_values (1, (const char * const *) values->pdata, values->len);
  dd_item_store_append_page (store, page);
  g_assert_false (dd_item_store_filter_narrows ("pie", NULL));
  g_assert_false (dd_item_store_filter_narrows ("pie", ""));
  for (guint sorted = 0; sorted < 2; sorted++)
    {
      if (sorted)
        dd_item_store_sort (store, "v", TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
        {
          g_autoptr(GArray) wider = dd_item_store_filter (store, pairs[i].wider, NULL);
          g_autoptr(GArray) all = dd_item_store_filter (store, pairs[i].narrower, NULL);
          g_autoptr(GArray) within = NULL;

          g_test_message ("%s, then %s", pairs[i].wider, pairs[i].narrower);
          g_assert_cmpint (dd_item_store_filter_narrows (pairs[i].narrower, pairs[i].wider), ==, pairs[i].narrows);
          if (!pairs[i].narrows)
            continue;
          g_assert_cmpuint (all->len, >, 0);
          g_assert_cmpuint (all->len, <=, wider->len);
          within = dd_item_store_filter_within (store, pairs[i].narrower, wider, NULL);
          g_assert_cmpmem (within->data, within->len * sizeof (guint), all->data, all->len * sizeof (guint));
        }
    }
  /* an incomplete comparison is refused here too */
  {
    g_autoptr(GArray) every = dd_item_store_filter (store, "", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_null (dd_item_store_filter_within (store, "v >", every, &error));
    g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  }
}

static void
test_filter_errors (void)
{
  static const char *bad[] = { "exists(", "exists()", "exists(a) b", "v =", "v = \"open", "v >=   " };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdItemFilter) filter = dd_item_filter_new (bad[i], &error);

      g_test_message ("filter %s", bad[i]);
      g_assert_null (filter);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
    }
}

/* Sorting in a thread ------------------------------------------------------- */

#define N_ASYNC 20000

/* Pages of 1,000 items with "v" numbers (negative, fractions, many
 * equal), strings or no "v": the same items for the same ids. */
static void
fill_varied (DdItemStore *store,
             guint        first,
             guint        n)
{
  for (guint start = first; start < first + n; start += 1000)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (start + 7);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(DdPage) page = NULL;

      for (guint i = 0; i < 1000; i++)
        {
          guint kind = g_rand_int_range (rand, 0, 10);
          gint32 x = g_rand_int_range (rand, -500, 500);

          if (kind == 0)
            g_ptr_array_add (values, NULL);
          else if (kind == 1)
            g_ptr_array_add (values, g_strdup_printf ("{\"S\":\"s%d\"}", x));
          else
            g_ptr_array_add (values, g_strdup_printf ("{\"N\":\"%d.%u\"}", x / 10, (guint) ABS (x) % 10));
        }
      page = page_of_values (start, (const char * const *) values->pdata, 1000);
      g_assert_cmpuint (dd_item_store_append_page (store, page), ==, 1000);
    }
}

static void
sorted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!dd_item_store_sort_finish (DD_ITEM_STORE (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (object, "dd-test-done", GINT_TO_POINTER (GPOINTER_TO_INT (g_object_get_data (object, "dd-test-done")) + 1));
}

static void
wait_sorted (DdItemStore *store,
             int          n_done)
{
  while (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (store), "dd-test-done")) < n_done)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_same_order (DdItemStore *a,
                   DdItemStore *b)
{
  g_assert_cmpuint (dd_item_store_get_n_items (a), ==, dd_item_store_get_n_items (b));
  for (guint i = 0; i < dd_item_store_get_n_items (a); i++)
    if (dd_item_store_get_index (a, i) != dd_item_store_get_index (b, i))
      g_error ("position %u: index %u and %u", i, dd_item_store_get_index (a, i), dd_item_store_get_index (b, i));
}

static void
test_store_sort_async (void)
{
  g_autoptr(DdItemStore) sync = dd_item_store_new (NULL);
  g_autoptr(DdItemStore) async = dd_item_store_new (NULL);
  g_autoptr(GArray) hits = NULL;

  fill_varied (sync, 0, N_ASYNC);
  fill_varied (async, 0, N_ASYNC);
  for (int descending = 0; descending < 2; descending++)
    {
      g_autoptr(GError) error = NULL;
      int done = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (async), "dd-test-done"));

      dd_item_store_sort (sync, "v", descending);
      /* the first time the thread finds the values, then it copies them */
      dd_item_store_sort_async (async, "v", descending, NULL, sorted_cb, &error);
      g_assert_true (dd_item_store_get_sorting (async));
      /* applied on the main thread only, once done */
      if (!descending)
        g_assert_null (dd_item_store_get_sort_attribute (async));
      wait_sorted (async, done + 1);
      g_assert_no_error (error);
      g_assert_false (dd_item_store_get_sorting (async));
      g_assert_cmpstr (dd_item_store_get_sort_attribute (async), ==, "v");
      g_assert_cmpint (dd_item_store_get_sort_descending (async), ==, descending);
      assert_same_order (sync, async);
    }
  /* a filter on the attribute the thread looked at gives the same rows */
  hits = dd_item_store_filter (async, "v > 10", NULL);
  g_assert_nonnull (hits);
  {
    g_autoptr(GArray) expected = dd_item_store_filter (sync, "v > 10", NULL);

    g_assert_cmpuint (hits->len, >, 0);
    g_assert_cmpuint (hits->len, ==, expected->len);
    g_assert_cmpmem (hits->data, hits->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
  }
}

/* Pages appended while the thread sorts are merged into its order. */
static void
test_store_sort_async_append (void)
{
  g_autoptr(DdItemStore) sync = dd_item_store_new (NULL);
  g_autoptr(DdItemStore) async = dd_item_store_new (NULL);
  g_autoptr(GError) error = NULL;

  fill_varied (sync, 0, N_ASYNC + 3000);
  fill_varied (async, 0, N_ASYNC);
  dd_item_store_sort_async (async, "v", FALSE, NULL, sorted_cb, &error);
  fill_varied (async, N_ASYNC, 3000);
  wait_sorted (async, 1);
  g_assert_no_error (error);
  dd_item_store_sort (sync, "v", FALSE);
  assert_same_order (sync, async);
}

static void
test_store_sort_async_cancel (void)
{
  g_autoptr(DdItemStore) store = dd_item_store_new (NULL);
  g_autoptr(DdItemStore) sync = dd_item_store_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) second = NULL;
  g_autoptr(GError) third = NULL;
  g_autoptr(GError) fourth = NULL;

  fill_varied (store, 0, N_ASYNC);
  fill_varied (sync, 0, N_ASYNC);
  /* a new sort cancels the one running: only the last one applies */
  dd_item_store_sort_async (store, "v", FALSE, NULL, sorted_cb, &first);
  dd_item_store_sort_async (store, "v", TRUE, NULL, sorted_cb, &second);
  wait_sorted (store, 2);
  g_assert_error (first, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (second);
  dd_item_store_sort (sync, "v", TRUE);
  assert_same_order (sync, store);
  g_assert_true (dd_item_store_get_sort_descending (store));

  /* the caller's cancellable: nothing changes */
  dd_item_store_sort_async (store, "id", FALSE, cancellable, sorted_cb, &third);
  g_cancellable_cancel (cancellable);
  wait_sorted (store, 3);
  g_assert_error (third, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (dd_item_store_get_sort_attribute (store), ==, "v");
  assert_same_order (sync, store);

  /* a clear cancels it; the items it read stay readable to the thread */
  dd_item_store_sort_async (store, "v", FALSE, NULL, sorted_cb, &fourth);
  dd_item_store_clear (store);
  g_assert_false (dd_item_store_get_sorting (store));
  wait_sorted (store, 4);
  g_assert_error (fourth, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (dd_item_store_get_n_items (store), ==, 0);
  g_assert_null (dd_item_store_get_sort_attribute (store));
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/item-value/numbers/compare", test_numbers_compare);
  g_test_add_func ("/dd/item-value/find", test_value_find);
  g_test_add_func ("/dd/item-value/display", test_value_display);
  g_test_add_func ("/dd/item-value/contains", test_value_contains);
  g_test_add_func ("/dd/item-store/append", test_store_append);
  g_test_add_func ("/dd/item-store/cap", test_store_cap);
  g_test_add_func ("/dd/item-store/sort", test_store_sort);
  g_test_add_func ("/dd/item-store/sort/merge", test_store_sort_merge);
  g_test_add_func ("/dd/item-store/sort/loaded-only", test_store_sorted_loaded_only);
  g_test_add_func ("/dd/item-store/sort/async", test_store_sort_async);
  g_test_add_func ("/dd/item-store/sort/async/append", test_store_sort_async_append);
  g_test_add_func ("/dd/item-store/sort/async/cancel", test_store_sort_async_cancel);
  g_test_add_func ("/dd/item-store/filter", test_store_filter);
  g_test_add_func ("/dd/item-store/filter/sorted", test_store_filter_sorted);
  g_test_add_func ("/dd/item-store/filter/within", test_store_filter_within);
  g_test_add_func ("/dd/item-filter/errors", test_filter_errors);

  return g_test_run ();
}
