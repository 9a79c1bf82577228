/* test-startup.c: the start-up timing hook of the real dynamo-desk
 * (DD_TIMING, read by bench/bench-gui): with DD_TIMING=quit the built
 * application draws its window, prints the first frame's time as numbers
 * and exits with 0. Times are not checked, only that they are numbers. */
#include "config.h"

#include <string.h>

#include "dd-test-dynamo.h"

static void
test_first_frame_quit (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line, *end;
  gint64 monotonic;
  double ms;

  g_assert_nonnull (g_getenv ("DD_APP"));
  g_subprocess_launcher_setenv (launcher, "DD_TIMING", "quit", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("DD_APP"), NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("dynamo-desk said: %s", out);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  line = strstr (out, "first frame drawn ");
  g_assert_nonnull (line);
  ms = g_ascii_strtod (line + strlen ("first frame drawn "), (char **) &end);
  g_assert_true (end > line + strlen ("first frame drawn "));
  g_assert_cmpfloat (ms, >, 0.0);
  g_assert_true (g_str_has_prefix (end, " ms after start (monotonic "));
  line = end + strlen (" ms after start (monotonic ");
  monotonic = g_ascii_strtoll (line, (char **) &end, 10);
  g_assert_true (g_str_has_prefix (end, " us)\n"));
  /* on the same clock as this process's, and in its past */
  g_assert_cmpint (monotonic, >, 0);
  g_assert_cmpint (monotonic, <=, g_get_monotonic_time ());
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  g_test_add_func ("/startup/first-frame-quit", test_first_frame_quit);
  return g_test_run ();
}
