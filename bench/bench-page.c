/* bench-page.c: throughput of the steps a Scan page goes through.
 *
 *   build/bench/bench-page PAGE.json...    # e.g. bench/run.sh's pages (KEEP=1)
 *
 * For the pages given (response bodies), the best of 5 rounds of: the
 * CRC-32 of the body (zlib's, and dd_crc32's folded one), UTF-8
 * validation (g_utf8_validate), the continuation peek (dd_page_peek) and the whole parse (dd_page_parse), in
 * MB/s over all the pages; the whole parse also by each of its two readers
 * (dd-page-fast.h): the one pass, and jsmn's tokens with the syntax checks.
 */
#include "config.h"

#include <zlib.h>

#include "dd-crc32.h"
#include "dd-page.h"
#include "dd-page-fast.h"
#include "dd-page-peek.h"

#define ROUNDS 5

typedef enum { STEP_CRC, STEP_CRC_FOLDED, STEP_UTF8, STEP_PEEK, STEP_PARSE, STEP_FAST, STEP_TOKENS, N_STEPS } Step;

static const char * const step_names[] = {
  "crc32 (zlib)", "dd_crc32 (folded)", "g_utf8_validate", "dd_page_peek", "dd_page_parse",
  "  one pass", "  by tokens",
};

static void
run_step (Step    step,
          GBytes *bytes)
{
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);
  DdPagePeek peek;
  g_autoptr(DdPage) page = NULL;

  switch (step)
    {
    case STEP_CRC:
      if (crc32_z (0L, (const guint8 *) text, len) == 1)
        g_printerr ("!");
      break;
    case STEP_CRC_FOLDED:
      if (dd_crc32 (0, (const guint8 *) text, len) == 1)
        g_printerr ("!");
      break;
    case STEP_UTF8:
      if (!g_utf8_validate (text, (gssize) len, NULL))
        g_error ("not UTF-8");
      break;
    case STEP_PEEK:
      if (!dd_page_peek (text, len, &peek))
        g_error ("peek failed");
      break;
    case STEP_PARSE:
      if ((page = dd_page_parse (bytes, NULL)) == NULL)
        g_error ("parse failed");
      break;
    case STEP_FAST:
      if ((page = dd_page_fast_parse (bytes)) == NULL)
        g_error ("the one pass gave up");
      break;
    case STEP_TOKENS:
      if ((page = dd_page_parse_tokens (bytes, NULL)) == NULL)
        g_error ("parse by tokens failed");
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize total = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s PAGE.json...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      char *text = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (argv[i], &text, &len, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (pages, g_bytes_new_take (text, len));
      total += len;
    }
  g_print ("%u pages, %.1f MB\n", pages->len, total / 1e6);
  for (Step step = 0; step < N_STEPS; step++)
    {
      double best = G_MAXDOUBLE;

      for (int r = 0; r < ROUNDS; r++)
        {
          gint64 start = g_get_monotonic_time ();

          for (guint p = 0; p < pages->len; p++)
            run_step (step, g_ptr_array_index (pages, p));
          best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
        }
      g_print ("%-16s %7.1f ms %7.0f MB/s\n", step_names[step], best * 1e3, total / 1e6 / best);
    }
  return 0;
}
