/* test-export-memory.c: an "all pages" export streams from the server to
 * the file in constant memory.
 *
 * `dynamo-desk-cli --all --format jsonl -o FILE --table Big scan` runs as a
 * child process against a loopback fake of DynamoDB's Scan. The fake makes
 * each page when it is asked for (2,000 items of about 500 bytes of
 * DynamoDB JSON, about 1 MB as DynamoDB's pages are, with LastEvaluatedKey
 * and x-amz-crc32), so 200,000 items cost no time to load into a server
 * (the local DynamoDB takes about 45 s per 100,000) and the test holds
 * nothing but the page it is sending; the CLI only speaks the Scan
 * protocol here, as it does to DynamoDB.
 *
 * The child's peak resident memory is its ru_maxrss from wait4 (VmHWM of
 * /proc/PID/status is sampled too, and reported). What is asserted:
 *  - 200,000 items (a JSON Lines file of about 89 MB): peak RSS under
 *    40 MB, and under half the file, and the file is exactly the 200,000
 *    lines expected, in order, every digit of every number kept;
 *  - 20,000 items (about 9 MB) against 200,000: ten times the data raises
 *    the peak by less than 16 MB, so memory does not follow the size of
 *    the result. (Measured here: about 20 MB for both; now and then a run
 *    peaks 4-7 MB higher, a page more in flight or a worker thread's
 *    malloc arena, whatever the size. Holding the items would add 80 MB
 *    or more.)
 */
#define G_LOG_DOMAIN "test-export-memory"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#define TABLE "Big"
#define ITEMS_PER_PAGE 2000
#define N_LARGE 200000
#define N_SMALL 20000
/* Peak RSS bounds, in KiB. */
#if defined(__SANITIZE_ADDRESS__)
/* Under AddressSanitizer the child runs with a 4 MB quarantine and no leak
 * check at exit (its scan of memory would be counted in the peak; test-cli
 * runs the same export with the leak check) and carries the sanitizer's
 * shadow memory and redzones: about 20 MB more for the same work, whatever
 * the size of the result. The growth bound, which is what shows constant
 * memory, stays the same. */
#define PEAK_BOUND_KB (60 * 1024)
#else
#define PEAK_BOUND_KB (40 * 1024)
#endif
#define GROWTH_BOUND_KB (16 * 1024)

static char *workdir;

/* ---- the items ---------------------------------------------------------- */

#define BIG_TAIL "1234567890123456789012345678901"

/* 300 characters of text that change with i. */
static void
append_payload (GString *out,
                guint    i)
{
  static const char words[] = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do ";

  g_string_append_printf (out, "%07u:", i);
  for (guint k = 0; k < 292; k++)
    g_string_append_c (out, words[(i + k * 7) % (sizeof words - 1)]);
}

/* Item i as DynamoDB JSON, as the fake serves it. */
static void
append_typed_item (GString *out,
                   guint    i)
{
  g_string_append_printf (out,
                          "{\"pk\":{\"S\":\"item-%07u\"},\"n\":{\"N\":\"%u\"},"
                          "\"big\":{\"N\":\"-%u" BIG_TAIL "\"},\"price\":{\"N\":\"%u.%02u\"},"
                          "\"flag\":{\"BOOL\":%s},\"tags\":{\"SS\":[\"red\",\"t%u\"]},\"payload\":{\"S\":\"",
                          i, i, 1000000 + i, i / 100, i % 100,
                          i % 2 ? "true" : "false", i);
  append_payload (out, i);
  g_string_append (out, "\"}}");
}

/* The same item as the line the export writes: compact plain JSON, the
 * attributes in their order, every digit of every number. */
static void
append_plain_line (GString *out,
                   guint    i)
{
  g_string_append_printf (out,
                          "{\"pk\":\"item-%07u\",\"n\":%u,\"big\":-%u" BIG_TAIL ",\"price\":%u.%02u,"
                          "\"flag\":%s,\"tags\":[\"red\",\"t%u\"],\"payload\":\"",
                          i, i, 1000000 + i, i / 100, i % 100,
                          i % 2 ? "true" : "false", i);
  append_payload (out, i);
  g_string_append (out, "\"}");
}

/* ---- the fake Scan ------------------------------------------------------ */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       n_items;    /* the table's size */
  guint       n_scans;
  char       *problem;    /* the first request that was not as expected */
} FakeScan;

static void
answer (SoupServerMessage *msg,
        guint              status,
        GString           *body)
{
  gsize len = body->len;
  g_autofree char *crc = g_strdup_printf ("%lu", crc32_z (0L, (const Bytef *) body->str, len));
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "x-amz-crc32", crc);
  soup_message_headers_replace (headers, "x-amzn-RequestId", "FAKESCAN");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), len);
}

static void
refuse (FakeScan          *fake,
        SoupServerMessage *msg,
        const char        *problem)
{
  GString *body = g_string_new (NULL);

  if (fake->problem == NULL)
    fake->problem = g_strdup (problem);
  g_string_printf (body, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ValidationException\","
                   "\"message\":\"%s\"}", problem);
  answer (msg, 400, body);
}

/* Where the page starts: 0, or after ExclusiveStartKey's item. -1 when
 * the request is not a Scan of TABLE. */
static gint64
page_start (SoupServerMessage *msg)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  JsonObject *body, *start, *pk;
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "X-Amz-Target");

  if (g_strcmp0 (target, "DynamoDB_20120810.Scan") != 0 || root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  body = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (body, "TableName", NULL), TABLE) != 0)
    return -1;
  if (!json_object_has_member (body, "ExclusiveStartKey"))
    return 0;
  start = json_object_get_object_member (body, "ExclusiveStartKey");
  pk = start ? json_object_get_object_member (start, "pk") : NULL;
  if (pk == NULL || !g_str_has_prefix (json_object_get_string_member_with_default (pk, "S", ""), "item-"))
    return -1;
  return g_ascii_strtoll (json_object_get_string_member (pk, "S") + 5, NULL, 10) + 1;
}

static void
scan_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  FakeScan *fake = user_data;
  gint64 start = page_start (msg);
  GString *body;
  guint end;

  if (start < 0)
    {
      refuse (fake, msg, "not a Scan of " TABLE);
      return;
    }
  fake->n_scans++;
  end = MIN ((guint) start + ITEMS_PER_PAGE, fake->n_items);
  body = g_string_sized_new ((gsize) (end - start) * 520 + 200);
  g_string_append (body, "{\"Items\":[");
  for (guint i = (guint) start; i < end; i++)
    {
      if (i > start)
        g_string_append_c (body, ',');
      append_typed_item (body, i);
    }
  g_string_append_printf (body, "],\"Count\":%u,\"ScannedCount\":%u", end - (guint) start, end - (guint) start);
  if (end < fake->n_items)
    g_string_append_printf (body, ",\"LastEvaluatedKey\":{\"pk\":{\"S\":\"item-%07u\"}}", end - 1);
  g_string_append_c (body, '}');
  answer (msg, 200, body);
}

static FakeScan *
fake_scan_new (guint n_items)
{
  FakeScan *fake = g_new0 (FakeScan, 1);

  fake->n_items = n_items;
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, "/", scan_handler, fake, NULL);
  fake->url = dd_test_listen_local (fake->server);
  return fake;
}

static void
fake_scan_free (FakeScan *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_free (fake->url);
  g_free (fake->problem);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeScan, fake_scan_free)

/* ---- the child ---------------------------------------------------------- */

typedef struct
{
  GPid     pid;
  gboolean done;
  int      status;
  glong    maxrss_kb;    /* wait4's ru_maxrss */
  glong    hwm_kb;       /* the largest VmHWM sampled */
  guint    n_samples;
} Child;

static glong
read_vm_hwm (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : 0;
}

/* Every 10 ms: VmHWM while the child runs; its rusage once it exits. */
static gboolean
poll_child (gpointer data)
{
  Child *child = data;
  struct rusage usage;
  pid_t got;

  child->hwm_kb = MAX (child->hwm_kb, read_vm_hwm (child->pid));
  child->n_samples++;
  got = wait4 (child->pid, &child->status, WNOHANG, &usage);
  if (got == 0 || (got < 0 && errno == EINTR))
    return G_SOURCE_CONTINUE;
  g_assert_cmpint (got, ==, child->pid);
  child->maxrss_kb = usage.ru_maxrss;
  child->done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the CLI's export of TABLE from fake's URL to path; the child's
 * measures. Fails the test when it exits with an error. */
static void
run_export (FakeScan   *fake,
            const char *path,
            Child      *child)
{
  const char *argv[] = { g_getenv ("DD_CLI"), "--endpoint", fake->url, "--all", "--format", "jsonl",
                         "-o", path, "--table", TABLE, "scan", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int err_fd = -1;

#if defined(__SANITIZE_ADDRESS__)
  {
    /* freed memory kept in quarantine would count as resident */
    const char *asan = g_environ_getenv (envp, "ASAN_OPTIONS");
    g_autofree char *options = g_strconcat (asan != NULL ? asan : "",
                                            ":quarantine_size_mb=4:detect_leaks=0", NULL);

    envp = g_environ_setenv (envp, "ASAN_OPTIONS", options, TRUE);
  }
#endif
  g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                            NULL, NULL, &child->pid, NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);
  g_timeout_add (10, poll_child, child);
  dd_test_wait_for (&child->done, 240);
  {
    g_autoptr(GIOChannel) channel = g_io_channel_unix_new (err_fd);

    g_io_channel_set_close_on_unref (channel, TRUE);
    g_io_channel_read_to_end (channel, &err_text, NULL, NULL);
  }
  if (!WIFEXITED (child->status) || WEXITSTATUS (child->status) != 0)
    g_error ("The export failed (wait status %d): %s", child->status, err_text ? err_text : "");
  g_assert_null (fake->problem);
}

/* The file is exactly the n lines expected, in order; returns its size. */
static goffset
check_file (const char *path,
            guint       n_items)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GFileInfo) info = NULL;
  guint n = 0;

  g_assert_nonnull (raw);
  in = g_data_input_stream_new (G_INPUT_STREAM (raw));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 1 << 20);
  for (;;)
    {
      gsize len = 0;
      g_autofree char *line = g_data_input_stream_read_line (in, &len, NULL, NULL);

      if (line == NULL)
        break;
      g_assert_cmpuint (n, <, n_items);
      g_string_truncate (want, 0);
      append_plain_line (want, n);
      if (len != want->len || memcmp (line, want->str, len) != 0)
        g_error ("Line %u is\n%s\nnot\n%s", n + 1, line, want->str);
      n++;
    }
  g_assert_cmpuint (n, ==, n_items);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return g_file_info_get_size (info);
}

/* Exports n items; the child's peak RSS in KiB, and the file's size. */
static glong
export_items (guint    n_items,
              goffset *file_size)
{
  g_autoptr(FakeScan) fake = fake_scan_new (n_items);
  g_autofree char *name = g_strdup_printf ("items-%u.jsonl", n_items);
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  gint64 start = g_get_monotonic_time ();
  double seconds;
  goffset size;
  Child child = { 0 };

  run_export (fake, path, &child);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (fake->n_scans, ==, (n_items + ITEMS_PER_PAGE - 1) / ITEMS_PER_PAGE);
  size = check_file (path, n_items);
  g_test_message ("%u items: %.1f MB file in %.1f s (%u pages); peak RSS %.1f MB (wait4), "
                  "VmHWM sampled %.1f MB (%u samples)", n_items, size / 1e6, seconds, fake->n_scans,
                  child.maxrss_kb / 1024.0, child.hwm_kb / 1024.0, child.n_samples);
#if defined(__SANITIZE_ADDRESS__)
  /* wait4 counts the forked child before its exec too, when it still maps
   * this test's pages (hundreds of MB of quarantine under the sanitizer);
   * VmHWM starts again at the exec. */
  g_assert_cmpint (child.hwm_kb, <, PEAK_BOUND_KB);
  g_unlink (path);
  *file_size = size;
  return child.hwm_kb;
#else
  /* The two measures count a little differently (a few pages apart);
   * both stay under the bound. */
  g_assert_cmpint (child.maxrss_kb, <, PEAK_BOUND_KB);
  g_assert_cmpint (child.hwm_kb, <, PEAK_BOUND_KB);
  g_unlink (path);
  *file_size = size;
  return child.maxrss_kb;
#endif
}

static void
test_constant_memory (void)
{
  goffset small_size, large_size;
  glong small = export_items (N_SMALL, &small_size);
  glong large = export_items (N_LARGE, &large_size);

  /* Well below the file: under half of it (the bound is below that). */
  g_assert_cmpint (large_size, >, 80 * 1000 * 1000);
#if !defined(__SANITIZE_ADDRESS__)
  /* (under the sanitizer the bound above, which adds its overhead, stands
   * for this one) */
  g_assert_cmpint (large, <, large_size / 1024 / 2);
#endif
  g_test_message ("ten times the items: peak RSS %+.1f MB", (large - small) / 1024.0);
  g_assert_cmpint (large - small, <, GROWTH_BOUND_KB);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test's own home folder, removed when the test ends. */
  workdir = g_build_filename (dd_test_init (&argc, &argv), "exports", NULL);
  g_assert_cmpint (g_mkdir_with_parents (workdir, 0700), ==, 0);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDMEMORYTEST", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "memory-test-secret", TRUE);
  g_setenv ("AWS_REGION", "us-east-1", TRUE);

  g_test_add_func ("/dd/export-memory/all-pages-jsonl", test_constant_memory);
  status = g_test_run ();
  g_free (workdir);
  return status;
}
