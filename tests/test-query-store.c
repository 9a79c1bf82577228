/* test-query-store.c: saved queries and the run history. */
#include "config.h"

#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-query-store.h"
#include "dd-test-dynamo.h"

static char *
store_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, "queries.json", NULL);
}

static void
test_save_and_reload (void)
{
  g_autofree char *path = store_path ("reload");
  g_autoptr(DdQueryStore) store = dd_query_store_new (path);
  g_autoptr(DdQueryStore) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const DdQuery *query;

  g_assert_true (dd_query_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_true (dd_query_store_save_query (store, "src-1", "users by id", "Query", "Users",
                                            "{ \"N\": 12345678901234567890123456789012345678 }", &error));
  g_assert_no_error (error);
  g_assert_true (dd_query_store_save_query (store, "src-1", "all", "Scan", "Users", "{}", &error));
  g_assert_true (dd_query_store_save_query (store, "src-2", "other", "ListTables", NULL, "{}", &error));
  /* same name replaces */
  g_assert_true (dd_query_store_save_query (store, "src-1", "all", "Scan", "Orders", "{ }", &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  again = dd_query_store_new (path);
  g_assert_true (dd_query_store_load (again, &error));
  g_assert_no_error (error);
  list = dd_query_store_list_queries (again, "src-1");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((DdQuery *) list->pdata[0])->name, ==, "all");
  g_assert_cmpstr (((DdQuery *) list->pdata[0])->table, ==, "Orders");
  query = dd_query_store_lookup_query (again, "src-1", "users by id");
  g_assert_nonnull (query);
  g_assert_cmpstr (query->action, ==, "Query");
  g_assert_cmpstr (query->text, ==, "{ \"N\": 12345678901234567890123456789012345678 }");
  query = dd_query_store_lookup_query (again, "src-2", "other");
  g_assert_nonnull (query);
  g_assert_null (query->table);
  g_assert_null (dd_query_store_lookup_query (again, "src-2", "all"));

  g_assert_true (dd_query_store_delete_query (again, "src-1", "all", &error));
  g_clear_object (&store);
  store = dd_query_store_new (path);
  g_assert_true (dd_query_store_load (store, &error));
  g_assert_null (dd_query_store_lookup_query (store, "src-1", "all"));
  g_assert_nonnull (dd_query_store_lookup_query (store, "src-1", "users by id"));
}

static void
test_history_keeps_last (void)
{
  g_autofree char *path = store_path ("history");
  g_autoptr(DdQueryStore) store = dd_query_store_new (path);
  g_autoptr(DdQueryStore) again = dd_query_store_new (path);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < DD_QUERY_STORE_HISTORY_MAX + 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("{ \"run\": %u }", i);

      g_assert_true (dd_query_store_add_history (store, i % 2 ? "odd" : "even", "Scan", "T",
                                                 text, i % 3 != 0, i * 10, &error));
      g_assert_no_error (error);
    }
  g_assert_true (dd_query_store_load (again, &error));
  all = dd_query_store_list_history (again, NULL);
  g_assert_cmpuint (all->len, ==, DD_QUERY_STORE_HISTORY_MAX);
  /* newest first */
  g_assert_cmpstr (((DdQuery *) all->pdata[0])->text, ==, "{ \"run\": 119 }");
  g_assert_cmpstr (((DdQuery *) all->pdata[all->len - 1])->text, ==, "{ \"run\": 20 }");
  g_assert_cmpint (((DdQuery *) all->pdata[0])->elapsed_us, ==, 1190);
  g_assert_true (((DdQuery *) all->pdata[0])->succeeded);
  g_assert_true (((DdQuery *) all->pdata[1])->succeeded);
  g_assert_false (((DdQuery *) all->pdata[2])->succeeded); /* run 117 */
  mine = dd_query_store_list_history (again, "odd");
  g_assert_cmpuint (mine->len, ==, DD_QUERY_STORE_HISTORY_MAX / 2);

  g_assert_true (dd_query_store_forget_source (again, "odd", &error));
  g_clear_pointer (&mine, g_ptr_array_unref);
  mine = dd_query_store_list_history (again, "odd");
  g_assert_cmpuint (mine->len, ==, 0);
}

static void
test_damaged_file_kept (void)
{
  g_autofree char *path = store_path ("damaged");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = g_strconcat (path, ".damaged", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(DdQueryStore) store = dd_query_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ \"queries\": [ {", -1, NULL));
  g_assert_false (dd_query_store_load (store, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "{ \"queries\": [ {");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
count_changed_cb (DdQueryStore *store,
                  const char   *source_id,
                  GString      *seen)
{
  g_string_append_printf (seen, "%s;", source_id ? source_id : "(all)");
}

static void
test_changed_signal (void)
{
  g_autofree char *path = store_path ("signal");
  g_autoptr(DdQueryStore) store = dd_query_store_new (path);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), seen);
  g_assert_true (dd_query_store_save_query (store, "s1", "n", "Scan", NULL, "{}", &error));
  g_assert_true (dd_query_store_add_history (store, "s2", "Scan", NULL, "{}", TRUE, 1, &error));
  g_assert_true (dd_query_store_delete_query (store, "s1", "missing", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "s1;s2;");
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/query-store/save-and-reload", test_save_and_reload);
  g_test_add_func ("/dd/query-store/history-keeps-last", test_history_keeps_last);
  g_test_add_func ("/dd/query-store/damaged-file-kept", test_damaged_file_kept);
  g_test_add_func ("/dd/query-store/changed-signal", test_changed_signal);
  return g_test_run ();
}
