/* fuzz-sources.c: the sources.json loader (dd-source-store) on any bytes.
 *
 * The input is written as sources.json and loaded. Checked: a file that
 * cannot be read fails with an error, is moved aside whole (the copy holds
 * exactly the input) and leaves an empty store; a file that loads keeps a
 * copy aside when it skipped entries; what loaded saves and loads again to
 * the same sources (the same JSON for each).
 */
#define G_LOG_DOMAIN "fuzz-sources"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fuzz.h"
#include "dd-secret-store.h"
#include "dd-source.h"
#include "dd-source-store.h"

static char *folder;

static void
clear_folder (void)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
}

static void
remove_folder (void)
{
  clear_folder ();
  g_rmdir (folder);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
load (DdSourceStore  *store,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_source_store_load_async (store, NULL, done_cb, &result);
  return dd_source_store_load_finish (store, wait_result (&result), error);
}

static void
save (DdSourceStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dd_source_store_save_async (store, NULL, done_cb, &result);
  g_assert_true (dd_source_store_save_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
}

static char *
source_json (DdSourceStore *store,
             guint          i)
{
  g_autoptr(DdSource) source = g_list_model_get_item (G_LIST_MODEL (store), i);
  g_autoptr(JsonNode) node = dd_source_to_json (source);

  return json_to_string (node, FALSE);
}

static void
check_broken (DdSourceStore *store,
              const uint8_t *data,
              size_t         size)
{
  const char *broken = dd_source_store_get_broken_path (store);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_nonnull (broken);
  g_assert_true (g_str_has_prefix (broken, folder));
  g_assert_true (g_file_get_contents (broken, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, size);
  g_assert_true (size == 0 || memcmp (contents, data, size) == 0);
}

static void
check_round_trip (DdSourceStore *store,
                  const char    *path)
{
  g_autoptr(DdSecretStore) secrets = dd_secret_store_new_in_memory ();
  g_autoptr(DdSourceStore) again = dd_source_store_new (path, secrets);
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  save (store);
  g_assert_true (load (again, &error));
  g_assert_no_error (error);
  g_assert_null (dd_source_store_get_broken_path (again));
  g_assert_cmpuint (g_strv_length ((GStrv) dd_source_store_get_warnings (again)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = source_json (store, i);
      g_autofree char *b = source_json (again, i);

      g_assert_cmpstr (a, ==, b);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(DdSecretStore) secrets = NULL;
  g_autoptr(DdSourceStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init_once ();
  if (folder == NULL)
    {
      folder = g_dir_make_tmp ("dd-fuzz-sources-XXXXXX", NULL);
      g_assert_nonnull (folder);
      atexit (remove_folder);
    }
  clear_folder ();
  path = g_build_filename (folder, "sources.json", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  secrets = dd_secret_store_new_in_memory ();
  store = dd_source_store_new (path, secrets);
  if (!load (store, &error))
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      check_broken (store, data, size);
      return 0;
    }
  g_assert_no_error (error);
  if (g_strv_length ((GStrv) dd_source_store_get_warnings (store)) > 0)
    check_broken (store, data, size);
  check_round_trip (store, path);
  return 0;
}
