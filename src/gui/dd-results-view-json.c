/* dd-results-view-json.c: the JSON page of DdResultsView. */
#define G_LOG_DOMAIN "dd-results-view"

#include "config.h"

#include "dd-attr.h"
#include "dd-results-view-private.h"
#include "dd-shared-closures.h"

/* The JSON view shows at most this many items (all are in the table). */
#define JSON_VIEW_MAX_ITEMS 2000

static char *
items_json (DdResultsView *self,
            gboolean       typed)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autoptr(GString) out = g_string_new ("[\n");

  for (guint i = 0; i < MIN (n, JSON_VIEW_MAX_ITEMS); i++)
    {
      g_autofree char *item = dd_result_model_item_to_json (self->model, i, typed);

      g_string_append (out, "  ");
      g_string_append (out, item);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  if (n > JSON_VIEW_MAX_ITEMS)
    g_string_append_printf (out, "  …\n");
  g_string_append (out, "]\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
document_json (DdResultsView *self,
               gboolean       typed)
{
  gsize len;
  const char *text = g_bytes_get_data (self->document, &len);
  g_autofree char *plain = NULL;

  if (!typed)
    plain = dd_attr_document_to_plain (text, (gssize) len, self->document_op->response_paths, NULL);
  return dd_json_reindent (plain != NULL ? plain : text, plain != NULL ? -1 : (gssize) len);
}

void
_dd_results_view_json_update (DdResultsView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));
  gboolean typed = gtk_toggle_button_get_active (self->typed_toggle);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  /* the text changes only while its first items do */
  if (self->document == NULL && self->json_items_shown > 0
      && self->json_items_shown >= MIN (n, JSON_VIEW_MAX_ITEMS + 1))
    return;
  if (self->document != NULL)
    text = document_json (self, typed);
  else
    text = items_json (self, typed);
  self->json_items_shown = MIN (n, JSON_VIEW_MAX_ITEMS + 1);
  gtk_text_buffer_set_text (buffer, text, -1);
}

static void
typed_toggled_cb (DdResultsView *self)
{
  self->json_items_shown = 0;
  if (g_strcmp0 (dd_results_view_get_state (self), "results") == 0)
    _dd_results_view_json_update (self);
}

/* Filter */

char *
dd_results_view_dup_json_text (DdResultsView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}


static void
style_dark_cb (DdResultsView   *self,
               GParamSpec      *pspec,
               AdwStyleManager *manager)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view)));
  gboolean dark = adw_style_manager_get_dark (manager);
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "oblivion" : "classic");
  gtk_source_buffer_set_style_scheme (buffer, scheme);
}

/* The JSON language when the JSON page is first shown: reading its
 * definition is not part of the start-up. */
static void
json_view_map_cb (GtkTextView *view)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (view));

  if (gtk_source_buffer_get_language (buffer) == NULL)
    gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "json"));
}

void
_dd_results_view_json_init (DdResultsView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_signal_connect (self->json_view, "map", G_CALLBACK (json_view_map_cb), NULL);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);
  style_dark_cb (self, NULL, style);
  g_signal_connect_object (self->typed_toggle, "toggled", G_CALLBACK (typed_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}
