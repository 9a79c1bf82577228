/* test-export-pager.c: plain JSON Lines written on the parse threads (a
 * whole page at once) give the same bytes, and the same errors, as the
 * same items written one by one. Against a loopback server of scripted
 * Scan pages. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-export.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-provider-static.h"
#include "dd-test-dynamo.h"

#define N_PAGES 3
#define PER_PAGE 40

/* Item i of the table: numbers with many digits, sets, binary, escapes,
 * nesting; item BAD_ITEM holds a number DynamoDB cannot store when bad. */
#define BAD_ITEM 57

static char *
item_text (guint    i,
           gboolean bad)
{
  if (bad && i == BAD_ITEM)
    return g_strdup ("{\"pk\":{\"S\":\"x\"},\"n\":{\"N\":\"12abc\"}}");
  return g_strdup_printf ("{\"pk\":{\"S\":\"k%u \\\"q\\\" \\u00e9 \\n\"},"
                          "\"n\" : {\"N\":\"12345678901234567890123456789012345.%u\"},"
                          "\"e\":{\"N\":\"-1E+%u\"},"
                          "\"ss\":{\"SS\":[\"b\",\"a\",\"%u\"]},\"ns\":{\"NS\":[\"0.10\",\"%u\"]},"
                          "\"b\":{\"B\":\"AAEC/w==\"},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]},"
                          "\"m\":{\"M\":{\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true},{\"S\":\"ü\"}]},"
                          "\"e\":{\"M\":{}}}}}",
                          i, i, i % 100, i, i);
}

static char *
page_text (guint    p,
           gboolean bad)
{
  g_autoptr(GString) s = g_string_new ("{\"Items\":[");

  for (guint i = p * PER_PAGE; i < (p + 1) * PER_PAGE; i++)
    {
      g_autofree char *item = item_text (i, bad);

      g_string_append_printf (s, "%s\n  %s", i > p * PER_PAGE ? "," : "", item);
    }
  g_string_append_printf (s, "],\"Count\":%d,\"ScannedCount\":%d", PER_PAGE, PER_PAGE);
  if (p + 1 < N_PAGES)
    g_string_append_printf (s, ",\"LastEvaluatedKey\":{\"pk\":{\"S\":\"p%u\"}}", p);
  g_string_append_c (s, '}');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  gboolean bad = GPOINTER_TO_INT (user_data);
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *body = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  guint p = 0;
  char *text;

  for (guint k = 0; k + 1 < N_PAGES; k++)
    {
      g_autofree char *key = g_strdup_printf ("{\"pk\":{\"S\":\"p%u\"}}", k);

      if (strstr (body, key) != NULL)
        p = k + 1;
    }
  text = page_text (p, bad);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
write_pager_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  dd_export_writer_write_pager_finish (DD_EXPORT_WRITER (object), result, &w->error);
  w->done = TRUE;
}

/* The file written from the pager; NULL with *error on failure. */
static char *
write_from_pager (gboolean   bad,
                  GFile     *file,
                  GError   **error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoslist(GUri) uris = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(DdCredentials) credentials = dd_credentials_new ("AKIDTEST", "test-secret-not-real", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  g_autoptr(DdClient) client = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"TableName\":\"t\"}", 17);
  g_autoptr(DdPager) pager = NULL;
  g_autoptr(DdExportWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  Wait w = { 0 };

  soup_server_add_handler (server, NULL, fake_handler, GINT_TO_POINTER (bad), NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &local_error);
  g_assert_no_error (local_error);
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  client = dd_client_new ("us-east-1", endpoint, provider);
  pager = dd_pager_new (client, dd_operation_lookup_action ("Scan"), body);
  writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_JSON_LINES, FALSE, NULL, ',', &local_error);
  g_assert_no_error (local_error);
  dd_export_writer_write_pager_async (writer, pager, NULL, write_pager_cb, &w);
  dd_test_wait_for (&w.done, 30);
  soup_server_disconnect (server);
  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

/* The same items, one by one; NULL with *error on failure. */
static char *
write_one_by_one (gboolean   bad,
                  GFile     *file,
                  GError   **error)
{
  g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_JSON_LINES, FALSE,
                                                           NULL, ',', NULL);
  char *contents = NULL;

  for (guint i = 0; i < N_PAGES * PER_PAGE; i++)
    {
      g_autofree char *item = item_text (i, bad);

      if (!dd_export_writer_add_item (writer, item, strlen (item), error))
        {
          dd_export_writer_abort (writer);
          return NULL;
        }
    }
  g_assert_true (dd_export_writer_finish (writer, NULL));
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

static void
test_same_bytes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dd-export-pager-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "pager.jsonl", NULL);
  g_autofree char *path_b = g_build_filename (dir, "items.jsonl", NULL);
  g_autoptr(GFile) a = g_file_new_for_path (path_a);
  g_autoptr(GFile) b = g_file_new_for_path (path_b);
  g_autoptr(GError) error = NULL;
  g_autofree char *from_pager = write_from_pager (FALSE, a, &error);
  g_autofree char *one_by_one = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  one_by_one = write_one_by_one (FALSE, b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_pager, ==, one_by_one);
  lines = g_strsplit (from_pager, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_PAGES * PER_PAGE + 1);
  /* Plain: digits as given, sets as arrays, binary as base64. */
  g_assert_nonnull (strstr (lines[7], "\"n\":12345678901234567890123456789012345.7,"));
  g_assert_nonnull (strstr (lines[7], "\"ss\":[\"b\",\"a\",\"7\"]"));
  g_assert_nonnull (strstr (lines[7], "\"b\":\"AAEC/w==\""));
  g_unlink (path_a);
  g_unlink (path_b);
  g_rmdir (dir);
}

static void
test_same_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dd-export-pager-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "pager.jsonl", NULL);
  g_autofree char *path_b = g_build_filename (dir, "items.jsonl", NULL);
  g_autoptr(GFile) a = g_file_new_for_path (path_a);
  g_autoptr(GFile) b = g_file_new_for_path (path_b);
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  g_autofree char *from_pager = write_from_pager (TRUE, a, &error_a);
  g_autofree char *one_by_one = write_one_by_one (TRUE, b, &error_b);

  g_assert_null (from_pager);
  g_assert_null (one_by_one);
  g_assert_error (error_a, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_error (error_b, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error_a->message, ==, error_b->message);
  g_assert_false (g_file_query_exists (a, NULL));
  g_rmdir (dir);
}

static void
test_rendered_owner (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"Items\":[],\"Count\":0}", 22);
  g_autoptr(DdPage) page = dd_page_parse (bytes, NULL);
  int owner, other;
  GString *text;

  g_assert_nonnull (page);
  g_assert_null (dd_page_steal_rendered (page, &owner));
  dd_page_set_rendered (page, &owner, g_string_new ("a"));
  dd_page_set_rendered (page, &owner, g_string_new ("b"));
  g_assert_null (dd_page_steal_rendered (page, &other));
  text = dd_page_steal_rendered (page, &owner);
  g_assert_nonnull (text);
  g_assert_cmpstr (text->str, ==, "b");
  g_string_free (text, TRUE);
  g_assert_null (dd_page_steal_rendered (page, &owner));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  g_test_add_func ("/dd/export-pager/same-bytes", test_same_bytes);
  g_test_add_func ("/dd/export-pager/same-error", test_same_error);
  g_test_add_func ("/dd/export-pager/rendered-owner", test_rendered_owner);
  return g_test_run ();
}
