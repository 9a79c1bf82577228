/* dd-test-ui.c: the real window in a UI test. */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <gtksourceview/gtksource.h>
#include <string.h>

#include "dd-query-store.h"
#include "dd-result-model.h"
#include "dd-sidebar.h"
#include "dd-source-store.h"
#include "dd-source.h"
#include "dd-table-overview.h"
#include "dd-window-items.h"
#include "dd-test-ui.h"

const char *
dd_test_ui_init (int    *argc,
                 char ***argv)
{
  const char *dir = dd_test_init (argc, argv);

  gtk_init ();
  gtk_source_init ();
  return dir;
}

void
dd_test_ui_load_styles (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/io/github/dynamodesk/DynamoDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
dd_test_ui_shoot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("DD_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  /* a window between two frames can have nothing to draw: try again */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      dd_test_spin (600);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_printerr ("screenshot: %s\n", path);
}

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_source_store_load_finish (DD_SOURCE_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
sources_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_source_store_save_finish (DD_SOURCE_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

void
dd_test_ui_save_sources (DdTestUi *fx)
{
  gboolean done = FALSE;

  dd_source_store_save_async (fx->sources, NULL, sources_saved_cb, &done);
  dd_test_wait_for (&done, 30);
}

/* A source on the local DynamoDB, saved. */
static void
add_local_source (DdTestUi *fx)
{
  g_autoptr(DdSource) source = dd_source_new ("Local");
  g_autoptr(GError) error = NULL;

  dd_source_set_region (source, "us-east-1");
  dd_source_set_endpoint (source, dd_test_dynamo_get_endpoint (fx->dynamo));
  dd_source_set_access_key_id (source, "AKIALOCALDYNAMODB000");
  dd_source_set_secrets (source, "local-secret", NULL);
  g_assert_true (dd_source_store_add (fx->sources, source, &error));
  g_assert_no_error (error);
  dd_test_ui_save_sources (fx);
}

void
dd_test_ui_load_stores (DdTestUi *fx)
{
  g_autoptr(GError) error = NULL;
  gboolean loaded = FALSE;

  fx->sources = dd_source_store_new (NULL, NULL);
  fx->queries = dd_query_store_new (NULL);
  g_assert_true (dd_query_store_load (fx->queries, &error));
  dd_source_store_load_async (fx->sources, NULL, sources_loaded_cb, &loaded);
  dd_test_wait_for (&loaded, 30);
}

void
dd_test_ui_present (DdTestUi *fx,
                    DdSource *source)
{
  fx->window = dd_window_new (NULL, fx->sources, fx->queries);
  gtk_window_present (GTK_WINDOW (fx->window));
  if (source != NULL)
    dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx->window)), dd_source_get_id (source));
  dd_test_spin (100);
}

void
dd_test_ui_open_window (DdTestUi *fx,
                        gboolean  local_source)
{
  dd_test_ui_load_stores (fx);
  if (local_source)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (fx->sources)) == 0)
        add_local_source (fx);
      fx->source = g_list_model_get_item (G_LIST_MODEL (fx->sources), 0);
      g_object_unref (fx->source);  /* the store keeps it */
    }
  dd_test_ui_present (fx, fx->source);
}

void
dd_test_ui_close_window (DdTestUi *fx,
                         gboolean  save_state)
{
  if (save_state)
    gtk_window_close (GTK_WINDOW (fx->window));
  else
    gtk_window_destroy (GTK_WINDOW (fx->window));
  fx->window = NULL;
  fx->source = NULL;
  dd_test_spin (50);
  g_clear_object (&fx->sources);
  g_clear_object (&fx->queries);
}

void
dd_test_ui_activate (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  /* GTK 4.8 does not sink a floating parameter: own it here. */
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (widget, action, owned));
}

DdQueryEditor *
dd_test_ui_editor (DdTestUi *fx)
{
  return DD_QUERY_EDITOR (dd_window_get_editor (fx->window));
}

DdResultsView *
dd_test_ui_results (DdTestUi *fx)
{
  return DD_RESULTS_VIEW (dd_window_get_results (fx->window));
}

guint
dd_test_ui_n_rows (DdTestUi *fx)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dd_results_view_get_model (dd_test_ui_results (fx))));
}

char *
dd_test_ui_cell (DdTestUi   *fx,
                 guint       row,
                 const char *column,
                 DdCellKind *kind)
{
  DdCellKind ignored;

  return dd_result_model_get_cell (dd_results_view_get_model (dd_test_ui_results (fx)), row, column,
                                   kind ? kind : &ignored);
}

gboolean
dd_test_ui_idle (gpointer data)
{
  DdTestUi *fx = data;

  return !dd_window_get_busy (fx->window) && !dd_window_get_items_busy (fx->window);
}

gboolean
dd_test_ui_dialog_closed (gpointer data)
{
  DdTestUi *fx = data;

  return dd_window_get_dialog (fx->window) == NULL;
}

typedef struct
{
  DdTestUi   *fx;
  const char *table;
} Choice;

static gboolean
table_chosen (gpointer data)
{
  Choice *choice = data;

  return g_strcmp0 (dd_query_editor_get_table (dd_test_ui_editor (choice->fx)), choice->table) == 0;
}

void
dd_test_ui_choose_table (DdTestUi   *fx,
                         const char *table,
                         const char *what)
{
  Choice choice = { fx, table };

  dd_query_editor_set_table (dd_test_ui_editor (fx), table);
  dd_test_wait_until (table_chosen, &choice, what);
}

typedef struct
{
  DdTestUi   *fx;
  const char *part;
} Overview;

static gboolean
overview_has (gpointer data)
{
  Overview *o = data;
  GtkWidget *overview = dd_window_get_table_overview (o->fx->window);
  g_autofree char *text = overview ? dd_table_overview_dup_text (DD_TABLE_OVERVIEW (overview)) : NULL;

  return text != NULL && strstr (text, o->part) != NULL && dd_test_ui_idle (o->fx);
}

void
dd_test_ui_wait_overview (DdTestUi   *fx,
                          const char *part,
                          const char *what)
{
  Overview o = { fx, part };

  dd_test_wait_until (overview_has, &o, what);
}

GtkWindow *
dd_test_ui_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static gboolean
toplevel_shown (gpointer type)
{
  return dd_test_ui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

gpointer
dd_test_ui_wait_toplevel (GType       type,
                          const char *what)
{
  dd_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), what);
  return dd_test_ui_find_toplevel (type);
}
