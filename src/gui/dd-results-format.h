/* dd-results-format.h: pure helpers for fetching, exporting and
 * importing: the size a full read will cover and what it costs, progress
 * lines with rates. Tested with case tables (tests/ui/test-results.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TableSizeBytes and ItemCount of a DescribeTable answer (the Table
 * member); FALSE when the answer has no size. */
gboolean  dd_describe_table_size      (const char *json,
                                       gsize       len,
                                       guint64    *size_bytes,
                                       guint64    *item_count);

/* The read capacity units a full Scan of size_bytes costs with eventually
 * consistent reads: 0.5 per 4 KB started, as exact text ("0.5", "12",
 * "1250000.5"). */
char     *dd_format_read_capacity     (guint64     size_bytes);

/* "About 12.3 MB in 45000 items: about 1502 read capacity units
 * (eventually consistent reads, 0.5 per 4 KB)." */
char     *dd_format_read_estimate     (guint64     size_bytes,
                                       guint64     item_count);

/* Items per second, rounded down; 0 before any time has passed. */
guint64   dd_rate_per_second          (guint64     count,
                                       gint64      usec);

/* "Fetching… 12345 items · 25 pages · 4100 items/s · 120.5 RCU"; capacity
 * left out when it is 0 (no ReturnConsumedCapacity). */
char     *dd_format_fetch_progress    (guint64     n_items,
                                       guint64     n_pages,
                                       gint64      usec,
                                       double      capacity);

/* "12345 items written · 4100 items/s" */
char     *dd_format_write_progress    (guint64     n_items,
                                       gint64      usec);

G_END_DECLS
