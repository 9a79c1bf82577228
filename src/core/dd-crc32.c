/* dd-crc32.c: the CRC-32 of a response body, folded with PCLMULQDQ.
 *
 * The bit-reflected folding of Gopal et al., "Fast CRC Computation for
 * Generic Polynomials Using PCLMULQDQ Instruction" (Intel, 2009): four
 * 128-bit lanes folded over 64 bytes at a time, folded into one, then
 * 16 bytes at a time, reduced to 64 bits and by Barrett to 32. The lanes
 * hold the CRC state inverted, as zlib keeps it. The bytes after the
 * last whole 16 (and bodies under 64 bytes) go through zlib.
 */
#define G_LOG_DOMAIN "dd-crc32"

#include "config.h"

#include <zlib.h>

#include "dd-crc32.h"

#define FOLD_MIN 64

guint32
dd_crc32_portable (guint32       crc,
                   const guint8 *data,
                   gsize         len)
{
  return (guint32) crc32_z (crc, data, len);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define FOLDED_TARGET __attribute__ ((target ("pclmul,sse4.1")))

/* Folds 128 bits of state over the next 128 bits, with the constants k. */
static inline FOLDED_TARGET __m128i
fold (__m128i x,
      __m128i k,
      __m128i next)
{
  __m128i lo = _mm_clmulepi64_si128 (x, k, 0x00);
  __m128i hi = _mm_clmulepi64_si128 (x, k, 0x11);

  return _mm_xor_si128 (_mm_xor_si128 (hi, lo), next);
}

/* The 128-bit state reduced to the 32-bit (inverted) CRC. */
static inline FOLDED_TARGET guint32
reduce (__m128i x1)
{
  const __m128i k3k4 = _mm_set_epi64x (0x00ccaa009e, 0x01751997d0);
  const __m128i k5k0 = _mm_set_epi64x (0, 0x0163cd6124);
  const __m128i poly = _mm_set_epi64x (0x01f7011641, 0x01db710641);
  const __m128i mask = _mm_setr_epi32 (~0, 0, ~0, 0);
  __m128i x2;

  x2 = _mm_clmulepi64_si128 (x1, k3k4, 0x10);
  x1 = _mm_xor_si128 (_mm_srli_si128 (x1, 8), x2);
  x2 = _mm_srli_si128 (x1, 4);
  x1 = _mm_clmulepi64_si128 (_mm_and_si128 (x1, mask), k5k0, 0x00);
  x1 = _mm_xor_si128 (x1, x2);
  x2 = _mm_clmulepi64_si128 (_mm_and_si128 (x1, mask), poly, 0x10);
  x2 = _mm_clmulepi64_si128 (_mm_and_si128 (x2, mask), poly, 0x00);
  x1 = _mm_xor_si128 (x1, x2);
  return (guint32) _mm_extract_epi32 (x1, 1);
}

/* len >= 64 and a multiple of 16; crc is the inverted state. */
static FOLDED_TARGET guint32
crc32_folded (guint32       crc,
              const guint8 *p,
              gsize         len)
{
  const __m128i k1k2 = _mm_set_epi64x (0x01c6e41596, 0x0154442bd4);
  const __m128i k3k4 = _mm_set_epi64x (0x00ccaa009e, 0x01751997d0);
  __m128i x1 = _mm_loadu_si128 ((const __m128i *) (p + 0x00));
  __m128i x2 = _mm_loadu_si128 ((const __m128i *) (p + 0x10));
  __m128i x3 = _mm_loadu_si128 ((const __m128i *) (p + 0x20));
  __m128i x4 = _mm_loadu_si128 ((const __m128i *) (p + 0x30));

  x1 = _mm_xor_si128 (x1, _mm_cvtsi32_si128 ((int) crc));
  for (p += 64, len -= 64; len >= 64; p += 64, len -= 64)
    {
      x1 = fold (x1, k1k2, _mm_loadu_si128 ((const __m128i *) (p + 0x00)));
      x2 = fold (x2, k1k2, _mm_loadu_si128 ((const __m128i *) (p + 0x10)));
      x3 = fold (x3, k1k2, _mm_loadu_si128 ((const __m128i *) (p + 0x20)));
      x4 = fold (x4, k1k2, _mm_loadu_si128 ((const __m128i *) (p + 0x30)));
    }
  x1 = fold (x1, k3k4, x2);
  x1 = fold (x1, k3k4, x3);
  x1 = fold (x1, k3k4, x4);
  for (; len >= 16; p += 16, len -= 16)
    x1 = fold (x1, k3k4, _mm_loadu_si128 ((const __m128i *) p));
  return reduce (x1);
}

gboolean
dd_crc32_is_folded (void)
{
  static gsize checked = 0;
  static gboolean folded = FALSE;

  if (g_once_init_enter (&checked))
    {
      __builtin_cpu_init ();
      folded = __builtin_cpu_supports ("pclmul") && __builtin_cpu_supports ("sse4.1");
      g_once_init_leave (&checked, 1);
    }
  return folded;
}

guint32
dd_crc32 (guint32       crc,
          const guint8 *data,
          gsize         len)
{
  gsize whole = len & ~(gsize) 15;

  if (len < FOLD_MIN || !dd_crc32_is_folded ())
    return dd_crc32_portable (crc, data, len);
  crc = ~crc32_folded (~crc, data, whole);
  return whole == len ? crc : dd_crc32_portable (crc, data + whole, len - whole);
}

#else

gboolean
dd_crc32_is_folded (void)
{
  return FALSE;
}

guint32
dd_crc32 (guint32       crc,
          const guint8 *data,
          gsize         len)
{
  return dd_crc32_portable (crc, data, len);
}

#endif
