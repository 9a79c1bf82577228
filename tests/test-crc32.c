/* test-crc32.c: the folded CRC-32 against zlib's, on random lengths,
 * alignments and starting values. */
#include "config.h"

#include "dd-crc32.h"
#include "dd-test-dynamo.h"

#define BUF_LEN 9000

static guint8 *
random_bytes (GRand *rand,
              gsize  len)
{
  guint8 *buf = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    buf[i] = (guint8) g_rand_int_range (rand, 0, 256);
  return buf;
}

static void
test_known_values (void)
{
  /* The check value of CRC-32/ISO-HDLC, and one body long enough to fold. */
  const char *check = "123456789";
  g_autofree guint8 *zeros = g_malloc0 (4096);

  g_assert_cmphex (dd_crc32 (0, (const guint8 *) check, 9), ==, 0xcbf43926);
  g_assert_cmphex (dd_crc32 (0, zeros, 4096), ==, dd_crc32_portable (0, zeros, 4096));
  g_assert_cmphex (dd_crc32 (0, NULL, 0), ==, 0);
}

static void
test_random_against_zlib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autofree guint8 *buf = random_bytes (rand, BUF_LEN);

  g_test_message ("folded: %s", dd_crc32_is_folded () ? "yes" : "no");
  for (int i = 0; i < 20000; i++)
    {
      gsize offset = (gsize) g_rand_int_range (rand, 0, 64);
      gsize len = i < 300 ? (gsize) i : (gsize) g_rand_int_range (rand, 0, BUF_LEN - 64);
      guint32 start = g_rand_boolean (rand) ? 0 : g_rand_int (rand);
      guint32 want = dd_crc32_portable (start, buf + offset, len);
      guint32 got = dd_crc32 (start, buf + offset, len);

      if (got != want)
        g_error ("offset %" G_GSIZE_FORMAT ", length %" G_GSIZE_FORMAT
                 ", start %08x: %08x, zlib %08x", offset, len, start, got, want);
    }
}

static void
test_continued (void)
{
  /* A CRC computed in two parts equals the CRC of the whole. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree guint8 *buf = random_bytes (rand, BUF_LEN);
  guint32 whole = dd_crc32_portable (0, buf, BUF_LEN);

  for (gsize cut = 0; cut <= BUF_LEN; cut += 37)
    {
      guint32 crc = dd_crc32 (0, buf, cut);

      g_assert_cmphex (dd_crc32 (crc, buf + cut, BUF_LEN - cut), ==, whole);
    }
}

static void
test_one_bit_changed (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree guint8 *buf = random_bytes (rand, 4096);
  guint32 before = dd_crc32 (0, buf, 4096);

  for (gsize bit = 0; bit < 4096 * 8; bit += 97)
    {
      buf[bit / 8] ^= (guint8) (1u << (bit % 8));
      g_assert_cmphex (dd_crc32 (0, buf, 4096), !=, before);
      g_assert_cmphex (dd_crc32 (0, buf, 4096), ==, dd_crc32_portable (0, buf, 4096));
      buf[bit / 8] ^= (guint8) (1u << (bit % 8));
    }
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  g_test_add_func ("/crc32/known-values", test_known_values);
  g_test_add_func ("/crc32/random-against-zlib", test_random_against_zlib);
  g_test_add_func ("/crc32/continued", test_continued);
  g_test_add_func ("/crc32/one-bit-changed", test_one_bit_changed);
  return g_test_run ();
}
