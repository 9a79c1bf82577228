/* dd-test-dynamo.c: a local DynamoDB (dynalite) on a free 127.0.0.1 port. */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dd-test-dynamo.h"

struct _DdTestDynamo
{
  GSubprocess *process;
  guint16      port;
  char        *endpoint;
};

DdTestDynamo *
dd_test_dynamo_start (void)
{
  const char *dir = g_getenv ("DD_LOCAL_DYNAMODB_DIR");
  g_autofree char *script = NULL;
  g_autofree char *modules = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  DdTestDynamo *self;

  g_assert_nonnull (dir);
  script = g_build_filename (dir, "serve.js", NULL);
  modules = g_build_filename (dir, "node_modules", "dynalite", NULL);
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    g_error ("dynalite is not installed in %s: run the README's test command "
             "(it runs 'npm ci' there)", dir);

  self = g_new0 (DdTestDynamo, 1);
  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, "node", script, "--port", "0", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "PORT "))
    g_error ("the local DynamoDB did not start (said: %s)", line ? line : "nothing");

  self->port = (guint16) atoi (line + 5);
  self->endpoint = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return self;
}

void
dd_test_dynamo_stop (DdTestDynamo *self)
{
  if (self == NULL)
    return;
  if (self->process != NULL)
    {
      g_output_stream_close (g_subprocess_get_stdin_pipe (self->process), NULL, NULL);
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  g_free (self->endpoint);
  g_free (self);
}

const char *
dd_test_dynamo_get_endpoint (DdTestDynamo *self)
{
  return self->endpoint;
}

guint16
dd_test_dynamo_get_port (DdTestDynamo *self)
{
  return self->port;
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("timed out waiting for an asynchronous operation");
  return G_SOURCE_REMOVE;
}

void
dd_test_wait_for (gboolean *done,
                  guint     timeout_seconds)
{
  guint id = g_timeout_add_seconds (timeout_seconds, timeout_cb, NULL);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static char *test_home;

static void
remove_test_home (void)
{
  const char *argv[] = { "rm", "-rf", NULL, NULL };

  if (test_home == NULL)
    return;
  /* A temporary tree of our own making: remove it whole. */
  argv[2] = test_home;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_clear_pointer (&test_home, g_free);
}

const char *
dd_test_init (int    *argc,
              char ***argv)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;

  g_test_init (argc, argv, NULL);
  for (guint i = 0; env[i] != NULL; i++)
    if (g_str_has_prefix (env[i], "AWS_"))
      {
        g_autofree char *name = g_strndup (env[i], strcspn (env[i], "="));
        g_unsetenv (name);
      }
  g_setenv ("AWS_EC2_METADATA_DISABLED", "true", TRUE);

  test_home = g_dir_make_tmp ("dd-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", test_home, TRUE);
  {
    g_autofree char *config = g_build_filename (test_home, ".config", NULL);
    g_autofree char *data = g_build_filename (test_home, ".local", "share", NULL);
    g_autofree char *cache = g_build_filename (test_home, ".cache", NULL);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  atexit (remove_test_home);
  return test_home;
}

static gboolean
wait_until_timeout_cb (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

void
dd_test_wait_until (gboolean   (*done) (gpointer),
                    gpointer     data,
                    const char  *what)
{
  /* A deadline, not a delay: generous for the sanitizer build (several
   * times slower), and scaled by DD_TEST_TIMEOUT_SCALE. */
#if defined(__SANITIZE_ADDRESS__)
  guint seconds = 300;
#else
  guint seconds = 60;
#endif
  const char *scale = g_getenv ("DD_TEST_TIMEOUT_SCALE");
  guint id;

  if (scale != NULL && g_ascii_strtod (scale, NULL) >= 1.0)
    seconds = (guint) (seconds * g_ascii_strtod (scale, NULL));
  id = g_timeout_add_seconds (seconds, wait_until_timeout_cb, (gpointer) what);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

void
dd_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}
