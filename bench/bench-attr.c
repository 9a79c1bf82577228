/* bench-attr.c: attribute value conversion, plain <-> typed.
 *
 * Converts 100,000 items of about 400 bytes (strings, numbers, a bool, a
 * null, a nested map, a list, a string set) one by one, plain -> typed
 * and back, then the same items as one result page ({"Items": [...]})
 * typed -> plain. Rates are of the input text.
 *
 * Usage: bench-attr [N_ITEMS]
 */
#define G_LOG_DOMAIN "bench-attr"

#include "config.h"

#include <stdlib.h>

#include "dd-attr.h"

#define DEFAULT_ITEMS 100000
#define TAGS_LIST "\"tags\":{\"L\":[{\"S\":\"red\"},{\"S\":\"green\"},{\"S\":\"blue\"}]}"
#define TAGS_SET "\"tags\":{\"SS\":[\"red\",\"green\",\"blue\"]}"

static char *
make_item (guint i)
{
  return g_strdup_printf (
    "{\"pk\":\"customer#%08u\",\"sk\":\"order#2024-03-%02u#%06u\","
    "\"name\":\"Ada Lovelace %u\","
    "\"total\":%u.%02u,\"quantity\":%u,\"ratio\":-0.000%u,"
    "\"big\":12345678901234567890123456789.%u,\"active\":%s,\"note\":null,"
    "\"address\":{\"street\":\"%u Engine Way\",\"city\":\"London\","
    "\"zip\":\"N%u 4BX\",\"geo\":{\"lat\":51.5072,\"lon\":-0.1276}},"
    "\"history\":[%u,\"shipped\",true,{\"at\":\"2024-03-01T10:00:00Z\"}],"
    "\"tags\":[\"red\",\"green\",\"blue\"],\"comment\":\"caf\\u00e9 \\\"quoted\\\" text\"}",
    i, i % 28 + 1, i, i, i % 10000, i % 100, i % 17, i % 97 + 1, i % 10,
    i % 3 ? "true" : "false", i % 1000, i % 50, i);
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : DEFAULT_ITEMS;
  g_autoptr(GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) typed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) page = g_string_new ("{\"Items\":[");
  const char *paths[] = { "Items.[]", NULL };
  gsize plain_bytes = 0, typed_bytes = 0, plain_out = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *page_plain = NULL;
  gint64 t0, t1, t1b, t2, t3;
  double s;

  for (guint i = 0; i < n; i++)
    {
      char *item = make_item (i);

      plain_bytes += strlen (item);
      g_ptr_array_add (plain, item);
    }

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      char *out = dd_attr_item_to_typed (plain->pdata[i], -1, DD_ATTR_READING_DETECT, &error);

      g_assert_no_error (error);
      g_ptr_array_add (typed, out);
    }
  t1 = g_get_monotonic_time ();
  /* Plain JSON has no sets: the typed items get theirs here. */
  for (guint i = 0; i < n; i++)
    {
      GString *item = g_string_new (typed->pdata[i]);

      g_free (typed->pdata[i]);

      g_string_replace (item, TAGS_LIST, TAGS_SET, 1);
      typed_bytes += item->len;
      typed->pdata[i] = g_string_free (item, FALSE);
    }
  t1b = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *out = dd_attr_item_to_plain (typed->pdata[i], -1, &error);

      g_assert_no_error (error);
      plain_out += strlen (out);
    }
  t2 = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (page, ',');
      g_string_append (page, typed->pdata[i]);
    }
  g_string_append_printf (page, "],\"Count\":%u,\"ScannedCount\":%u}", n, n);
  t3 = g_get_monotonic_time ();
  page_plain = dd_attr_document_to_plain (page->str, page->len, paths, &error);
  g_assert_no_error (error);
  s = (g_get_monotonic_time () - t3) / 1e6;

  g_print ("items: %u, plain %.0f bytes/item, typed %.0f bytes/item\n",
           n, (double) plain_bytes / n, (double) typed_bytes / n);
  g_print ("attr: plain->typed %.0f items/s (%.1f MB/s)\n",
           n / ((t1 - t0) / 1e6), plain_bytes / ((t1 - t0) / 1e6) / 1e6);
  g_print ("attr: typed->plain %.0f items/s (%.1f MB/s)\n",
           n / ((t2 - t1b) / 1e6), typed_bytes / ((t2 - t1b) / 1e6) / 1e6);
  g_print ("attr: page typed->plain %.1f MB in %.3f s (%.1f MB/s)\n",
           page->len / 1e6, s, page->len / s / 1e6);
  return 0;
}
