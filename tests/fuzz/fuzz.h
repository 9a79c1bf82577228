/* fuzz.h: the entry point every fuzz target defines.
 *
 * Each target is built twice: as a libFuzzer program (-Dfuzzing=true,
 * clang) and as a replay (replay.c), an ordinary program that feeds every
 * file of the target's seed corpus through the same function; the replays
 * are the meson suite 'fuzz-replay'. A target aborts (g_assert, g_error,
 * a critical made fatal) when an invariant does not hold.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);

/* Criticals (a g_return_if_fail that failed) and warnings abort. */
static inline void
fuzz_init_once (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&once, 1);
    }
}
