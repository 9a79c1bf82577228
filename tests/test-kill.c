/* test-kill.c: nothing saved is lost when a save is cut short.
 *
 * The CLI is killed (SIGKILL) in the middle of an export of a large paged
 * Scan (the proxy in front of the local DynamoDB holds page 5, so the kill
 * lands while the output is half written) and in the middle of saving
 * sources.json (at random moments, many times); a disk fills up during an
 * export (a 32 KiB tmpfs in a private mount namespace) and standard output
 * is /dev/full. Each time the earlier file must be intact (or the new one
 * complete), a temporary file left behind by a kill must never be taken
 * for the output, and a failure must say what happened.
 */
#define G_LOG_DOMAIN "test-kill"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <utime.h>

#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-secret-store.h"
#include "dd-source-store.h"
#include "dd-test-cli.h"
#include "dd-test-dynamo.h"
#include "dd-test-fault-proxy.h"

#define N_BIG    600
#define EARLIER  "{\"earlier\": \"export, kept until a new one is complete\"}\n"

static DdTestDynamo *dynamo;
static const char *home;

/* ---- the local DynamoDB -------------------------------------------------------- */

static void
call_ok (DdClient   *client,
         const char *action,
         const char *body)
{
  g_free (dd_test_call (client, action, body));
}

static void
fill_big_table (void)
{
  g_autoptr(DdClient) client = dd_test_dynamo_new_client (dynamo);

  dd_test_create_table (client, "Big", NULL);
  for (guint first = 0; first < N_BIG; first += 25)
    {
      g_autoptr(GString) body = g_string_new ("{\"RequestItems\":{\"Big\":[");

      for (guint i = first; i < first + 25; i++)
        g_string_append_printf (body, "%s{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"big-%04u\"},"
                                "\"n\":{\"N\":\"1234567890123456789012345678901234567%u\"},"
                                "\"text\":{\"S\":\"%0200u\"}}}}", i > first ? "," : "", i, i % 10, i);
      g_string_append (body, "]}}");
      call_ok (client, "BatchWriteItem", body->str);
    }
}

/* ---- running the CLI ------------------------------------------------------------- */

static GSubprocess *
spawn_cli (const char         *cwd,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_set_cwd (launcher, cwd);
  return dd_test_cli_spawn (launcher, args);
}

/* Runs to the end while this main context serves the proxy; the status. */
static int
run_cli (const char         *cwd,
         const char * const *args,
         char              **err)
{
  g_autoptr(GSubprocess) process = spawn_cli (cwd, args);

  return dd_test_cli_communicate (process, "", NULL, err);
}

/* Names in folder other than keep, sorted. */
static GPtrArray *
other_files (const char *folder,
             const char *keep)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_strcmp0 (name, keep) != 0)
      g_ptr_array_add (names, g_strdup (name));
  return names;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* How many distinct items an export holds ("big-NNNN" keys). */
static guint
count_keys (const char *text)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const char *p = strstr (text, "big-"); p != NULL; p = strstr (p + 1, "big-"))
    g_hash_table_add (keys, g_strndup (p, 8));
  return g_hash_table_size (keys);
}

/* ---- killed in the middle of an export ------------------------------------------------ */

static void
kill_export (const char *format)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autofree char *folder = g_build_filename (home, "kill-export", format, NULL);
  g_autofree char *target = g_build_filename (folder, "out", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *complete = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GSubprocess) process = NULL;
  const char *args[] = { "--endpoint", dd_test_fault_proxy_get_endpoint (proxy), "--all",
                         "--format", format, "-o", "out", "scan", "{\"TableName\":\"Big\",\"Limit\":50}", NULL };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, EARLIER, -1, NULL));

  /* Four pages pass, the fifth is held: the output is half written. */
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_NONE, DD_TEST_FAULT_NONE, DD_TEST_FAULT_NONE,
                              DD_TEST_FAULT_NONE, DD_TEST_FAULT_STALL, -1);
  process = spawn_cli (folder, args);
  while (dd_test_fault_proxy_get_n_requests (proxy) < 5)
    g_main_context_iteration (NULL, TRUE);
  g_usleep (100 * 1000);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (process));
  dd_test_fault_proxy_release_stalled (proxy);

  kept = read_text (target);
  g_assert_cmpstr (kept, ==, EARLIER);
  left = other_files (folder, "out");
  for (guint i = 0; i < left->len; i++)
    {
      const char *name = g_ptr_array_index (left, i);

      /* A kill leaves what it leaves; it must be hidden and never named
       * like the output. */
      g_test_message ("%s: a kill left %s behind", format, name);
      g_assert_true (name[0] == '.');
    }

  /* Exported again: complete, whatever the kill left. */
  g_assert_cmpint (run_cli (folder, args, NULL), ==, 0);
  complete = read_text (target);
  g_assert_cmpuint (count_keys (complete), ==, N_BIG);
  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) node = json_from_string (complete, NULL);
      g_assert_nonnull (node);
    }
}

static void
test_kill_export (void)
{
  kill_export ("json");
  kill_export ("jsonl");
  kill_export ("csv");
}

/* ---- killed while saving sources.json ------------------------------------------------- */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Loads sources.json as the app does; the number of sources. */
static guint
load_sources (void)
{
  g_autoptr(DdSecretStore) secrets = dd_secret_store_new_in_memory ();
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, secrets);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dd_source_store_load_async (store, NULL, load_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dd_source_store_load_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_null (dd_source_store_get_broken_path (store));
  g_assert_cmpuint (g_strv_length ((GStrv) dd_source_store_get_warnings (store)), ==, 0);
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static void
plant (const char *folder,
       const char *name,
       gint64      age_s)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "{\"half\": ", -1, NULL));
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
  g_assert_cmpint (utime (path, &times), ==, 0);
}

static gboolean
exists_in (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Temporaries of sources.json older than a minute are removed when the
 * store loads (ours, hidden, and the visible ones of earlier versions);
 * younger ones may belong to a save under way and other names are not
 * ours: they stay. */
static void
check_stale_cleaned (const char *config)
{
  plant (config, ".sources.json.Ab12Cd", 120);
  plant (config, "sources.json.Zz9Yy8", 3600);
  plant (config, ".sources.json.Fresh1", 5);
  plant (config, ".sources.json.bak", 3600);
  plant (config, ".sources.json.TooLong7", 3600);
  plant (config, ".queries.json.Ab12Cd", 3600);
  load_sources ();
  g_assert_false (exists_in (config, ".sources.json.Ab12Cd"));
  g_assert_false (exists_in (config, "sources.json.Zz9Yy8"));
  g_assert_true (exists_in (config, ".sources.json.Fresh1"));
  g_assert_true (exists_in (config, ".sources.json.bak"));
  g_assert_true (exists_in (config, ".sources.json.TooLong7"));
  g_assert_true (exists_in (config, ".queries.json.Ab12Cd"));
}

static void
test_kill_sources_save (void)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "dynamo-desk", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) left = NULL;
  gint64 took;
  guint n, killed_mid_way = 0;

  {
    const char *args[] = { "sources", "add", "--name", "first", "--auth", "instance-profile",
                           "--region", "us-east-1", NULL };
    gint64 started = g_get_monotonic_time ();

    g_assert_cmpint (run_cli (home, args, NULL), ==, 0);
    took = g_get_monotonic_time () - started;
  }
  n = load_sources ();
  g_assert_cmpuint (n, ==, 1);
  /* At least 30 saves, and more (up to 90) until 5 were cut short: how
   * long a run takes varies with the load of the machine. */
  for (guint i = 0; i < 90 && (i < 30 || killed_mid_way < 5); i++)
    {
      g_autofree char *name = g_strdup_printf ("source-%u", i);
      const char *args[] = { "sources", "add", "--name", name, "--auth", "instance-profile",
                             "--region", "eu-west-1", NULL };
      g_autoptr(GSubprocess) process = spawn_cli (home, args);
      guint now;

      /* Somewhere in the run, most often near its end, where it saves. */
      g_usleep ((gulong) (took * g_rand_double_range (rand, 0.5, 1.2)));
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      now = load_sources ();
      g_assert_true (now == n || now == n + 1);
      if (g_subprocess_get_if_signaled (process))
        killed_mid_way++;
      else
        took = took * 3 / 4;   /* it was done before the kill: aim earlier */
      n = now;
    }
  g_test_message ("%u sources kept, %u saves killed before their end", n, killed_mid_way);
  g_assert_cmpuint (killed_mid_way, >, 0);
  left = other_files (config, "sources.json");
  for (guint i = 0; i < left->len; i++)
    {
      const char *name = g_ptr_array_index (left, i);

      g_test_message ("left in the configuration folder: %s", name);
      /* a temporary a kill left is hidden: .sources.json.XXXXXX */
      if (strstr (name, "sources.json") != NULL)
        g_assert_true (g_regex_match_simple ("^\\.sources\\.json\\.[A-Za-z0-9]{6}$", name, 0, 0));
    }
  check_stale_cleaned (config);
}

/* ---- a full disk ---------------------------------------------------------------------- */

/* Exports Big into a 32 KiB tmpfs mounted in a private mount namespace
 * over an earlier export; FALSE when namespaces are not allowed here. */
static gboolean
export_to_full_disk (const char  *format,
                     int         *status,
                     char       **err,
                     char       **listing)
{
  g_autofree char *folder = g_build_filename (home, "full-disk", format, NULL);
  g_autofree char *earlier = g_build_filename (home, "earlier.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_strdup_printf (
    "mount -t tmpfs -o size=32k tmpfs '%s' || exit 99\n"
    "cp '%s' '%s/out'\n"
    "cd '%s'\n"
    "'%s' --endpoint '%s' --all --format '%s' -o out scan '{\"TableName\":\"Big\"}'\n"
    "echo \"status $?\"\n"
    "ls -A\n"
    "cmp -s '%s' out && echo 'earlier intact'\n",
    folder, earlier, folder, folder, g_getenv ("DD_CLI"), dd_test_dynamo_get_endpoint (dynamo),
    format, earlier);
  const char *argv[] = { "unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, NULL };
  int wait_status = 0;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (earlier, EARLIER, -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL) || !g_str_has_prefix (out, "status "))
    return FALSE;
  *status = atoi (out + strlen ("status "));
  *listing = g_steal_pointer (&out);
  return TRUE;
}

static void
test_full_disk (void)
{
  static const char *formats[] = { "json", "jsonl", "csv" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *listing = NULL;
      int status = 0;

      if (!export_to_full_disk (formats[i], &status, &err, &listing))
        {
          g_test_skip ("no private mount namespace here for a small tmpfs");
          return;
        }
      g_test_message ("%s on a full disk: exit %d, %s", formats[i], status, err);
      /* exit 4, a local file (README, --help); the file named is the one
       * asked for, not a temporary */
      g_assert_cmpint (status, ==, 4);
      g_assert_true (g_regex_match_simple ("^dynamo-desk-cli: Could not write “?(.*/)?out”?: "
                                           "No space left on device\n", err, 0, 0));
      g_assert_null (strstr (err, "/.out."));
      /* The earlier export is there, alone: the partial one was removed. */
      g_assert_nonnull (strstr (listing, "earlier intact"));
      g_assert_cmpstr (strstr (listing, "\n") + 1, ==, "out\nearlier intact\n");
    }
}

static void
test_full_stdout (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("DD_CLI"), "--endpoint",
                                         dd_test_dynamo_get_endpoint (dynamo), "--all", "scan",
                                         "{\"TableName\":\"Big\"}", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("a scan to /dev/full: exit %d, %s", g_subprocess_get_exit_status (process), err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 4);
  g_assert_nonnull (strstr (err, "Could not write standard output: No space left on device\n"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  home = dd_test_init (&argc, &argv);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDKILLTEST", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "kill-test-secret", TRUE);
  g_setenv ("AWS_REGION", "us-east-1", TRUE);
  dynamo = dd_test_dynamo_start ();
  fill_big_table ();

  g_test_add_func ("/kill/export-mid-scan", test_kill_export);
  g_test_add_func ("/kill/sources-save", test_kill_sources_save);
  g_test_add_func ("/kill/full-disk", test_full_disk);
  g_test_add_func ("/kill/full-stdout", test_full_stdout);

  status = g_test_run ();
  dd_test_dynamo_stop (dynamo);
  return status;
}
