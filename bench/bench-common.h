/* bench-common.h: what the benchmark programs share.
 *
 * Synthetic Scan pages of items of about 440 bytes (strings, numbers, a
 * bool, a null, a nested map, a list, a string set), item i with the key
 * "user#%08u" (so arrival order is key order), and the process's peak
 * memory.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The DynamoDB JSON of item i, appended to s. */
void     bench_append_item (GString *s,
                            guint    i);

/* One Scan page of items first.. (as many as fit in about 1 MB, up to
 * last); the next item's number in next. */
GBytes  *bench_make_page   (guint    first,
                            guint    last,
                            guint   *next);

/* The peak resident memory of this process so far, in MB. */
double   bench_peak_rss_mb (void);

/* Milliseconds since start (g_get_monotonic_time). */
double   bench_ms_since    (gint64   start);

G_END_DECLS
