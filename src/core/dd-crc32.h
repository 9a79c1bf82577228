/* dd-crc32.h: the CRC-32 of a response body (x-amz-crc32).
 *
 * The gzip polynomial, as zlib's crc32_z () computes it, with the same
 * starting value and result; on x86-64 processors with PCLMULQDQ and
 * SSE4.1 (checked once at run time) by carry-less multiplication, 64
 * bytes per step, otherwise by zlib.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The CRC-32 of len bytes at data, continuing crc (0 to start), exactly
 * what zlib's crc32_z (crc, data, len) returns. */
guint32  dd_crc32           (guint32       crc,
                             const guint8 *data,
                             gsize         len);

/* Whether dd_crc32 () uses carry-less multiplication on this machine. */
gboolean dd_crc32_is_folded (void);

/* zlib's crc32_z (), for tests and benchmarks that compare both. */
guint32  dd_crc32_portable  (guint32       crc,
                             const guint8 *data,
                             gsize         len);

G_END_DECLS
