/* dd-test-cli.c: the command-line program run from a test. */
#include "config.h"

#include "dd-test-cli.h"
#include "dd-test-dynamo.h"

typedef struct
{
  char     *out;
  char     *err;
  gboolean  done;
} Run;

GSubprocess *
dd_test_cli_spawn (GSubprocessLauncher *launcher,
                   const char * const  *args)
{
  g_autoptr(GSubprocessLauncher) plain = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (launcher == NULL)
    launcher = plain = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                             | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("DD_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

int
dd_test_cli_communicate (GSubprocess  *process,
                         const char   *stdin_text,
                         char        **out,
                         char        **err)
{
  Run run = { 0 };

  g_subprocess_communicate_utf8_async (process, stdin_text ? stdin_text : "", NULL, communicate_cb, &run);
  dd_test_wait_for (&run.done, 120);
  g_subprocess_wait (process, NULL, NULL);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  g_free (run.out);
  g_free (run.err);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}
