/* bench-item-store.c: a million Scan items of about 400 bytes in the item
 * store, from synthetic 1 MB pages.
 *
 * Reports the time to parse the pages (dd_page_parse) and append them,
 * peak memory against the raw JSON size (the target: at most 1.5x the raw
 * size + 150 MB), then sort and filter times on all the items and on the
 * first 100,000 (the target there: one frame, about 16 ms).
 *
 *   bench-item-store [N_ITEMS]      (default 1000000)
 *
 * Exits 1 when memory is over the target.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "dd-item-store.h"
#include "dd-page.h"

static void
time_filter (DdItemStore *store,
             const char  *expression)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double first_ms, again_ms;

  hits = dd_item_store_filter (store, expression, &error);
  first_ms = bench_ms_since (t0);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_array_unref);
  t0 = g_get_monotonic_time ();
  hits = dd_item_store_filter (store, expression, &error);
  again_ms = bench_ms_since (t0);
  printf ("  filter %-28s %8u matches  %8.1f ms  (again %6.1f ms)\n",
          expression, hits->len, first_ms, again_ms);
}

static void
time_sort (DdItemStore *store,
           const char  *attribute)
{
  gint64 t0 = g_get_monotonic_time ();

  dd_item_store_sort (store, attribute, FALSE);
  printf ("  sort by %-27s %8.1f ms\n", attribute, bench_ms_since (t0));
}

static void
run_queries (DdItemStore *store)
{
  printf ("%u items:\n", dd_item_store_get_n_items (store));
  time_filter (store, "score > 50000");
  time_filter (store, "name = \"Person 77\"");
  time_filter (store, "exists(email)");
  time_filter (store, "kyoto");
  time_filter (store, "person12345@");
  time_sort (store, "score");
  time_sort (store, "email");
  dd_item_store_sort (store, NULL, FALSE);
}

int
main (int    argc,
      char **argv)
{
  guint n_items = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  const char *keys[] = { "pk", "sk", NULL };
  g_autoptr(DdItemStore) store = dd_item_store_new (keys);
  g_autoptr(DdItemStore) small = dd_item_store_new (keys);
  double base_mb = bench_peak_rss_mb (), parse_ms = 0, append_ms = 0, raw_mb, peak_mb, budget_mb;
  guint next = 0;

  dd_item_store_set_max_items (store, 0);
  dd_item_store_set_max_items (small, 100000);
  while (next < n_items)
    {
      g_autoptr(GBytes) bytes = bench_make_page (next, n_items, &next);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdPage) page = NULL;
      gint64 t0 = g_get_monotonic_time ();

      page = dd_page_parse (bytes, &error);
      g_assert_no_error (error);
      parse_ms += bench_ms_since (t0);
      t0 = g_get_monotonic_time ();
      dd_item_store_append_page (store, page);
      dd_item_store_append_page (small, page);
      append_ms += bench_ms_since (t0);
    }
  raw_mb = dd_item_store_get_n_bytes (store) / (1024.0 * 1024.0);
  peak_mb = bench_peak_rss_mb ();
  budget_mb = 1.5 * raw_mb + 150;
  printf ("items %u, raw JSON %.1f MB (%.0f bytes/item)\n", dd_item_store_get_n_items (store),
          raw_mb, raw_mb * 1024 * 1024 / MAX (n_items, 1));
  printf ("parse %.0f ms (%.0f MB/s), append %.1f ms\n", parse_ms, raw_mb / (parse_ms / 1000), append_ms);
  printf ("peak RSS %.1f MB (process before: %.1f MB); target <= 1.5 x raw + 150 = %.1f MB: %s\n",
          peak_mb, base_mb, budget_mb, peak_mb <= budget_mb ? "met" : "NOT MET");
  run_queries (small);
  run_queries (store);
  printf ("peak RSS after sorts and filters %.1f MB\n", bench_peak_rss_mb ());
  return bench_peak_rss_mb () <= budget_mb ? 0 : 1;
}
