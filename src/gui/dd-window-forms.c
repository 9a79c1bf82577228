/* dd-window-forms.c: what the window does for the query form (the
 * table's description, DescribeTable, for its indexes and key types), and
 * the colour tag of the selected source as a badge in the content
 * header. */
#define G_LOG_DOMAIN "dd-window-forms"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-json.h"
#include "dd-source-color.h"
#include "dd-window-private.h"

typedef struct
{
  DdWindow *self;
  char     *table;
} Describe;

static void
describe_free (Describe *describe)
{
  g_object_unref (describe->self);
  g_free (describe->table);
  g_free (describe);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Describe, describe_free)

static void
described_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Describe) describe = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) response = dd_client_call_finish (DD_CLIENT (object), result, &error);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (response == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a table name, then why */
          message = g_strdup_printf (_("Could not describe %s for the form: %s"), describe->table, error->message);
          dd_query_form_set_message (dd_query_editor_get_form (describe->self->editor), message, FALSE);
        }
      return;
    }
  text = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  dd_query_editor_set_table_description (describe->self->editor, describe->table, text);
}

static void
client_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Describe) describe = user_data;
  g_autoptr(DdClient) client = dd_session_get_client_finish (DD_SESSION (object), result, NULL);
  g_autoptr(GString) text = g_string_new ("{\"TableName\":");
  g_autoptr(GBytes) body = NULL;

  if (client == NULL)
    return;
  dd_json_append_string (text, describe->table, -1);
  g_string_append_c (text, '}');
  body = g_bytes_new (text->str, text->len);
  dd_client_call_async (client, "DescribeTable", body, NULL, described_cb, g_steal_pointer (&describe));
}

static void
describe_table_cb (DdQueryEditor *editor,
                   const char    *table,
                   DdWindow      *self)
{
  Describe *describe;

  if (self->source == NULL)
    return;
  describe = g_new0 (Describe, 1);
  describe->self = g_object_ref (self);
  describe->table = g_strdup (table);
  dd_session_get_client_async (dd_sidebar_get_session (self->sidebar, self->source), NULL, client_cb, describe);
}

/* The colour badge */

static void
update_badge (DdWindow *self)
{
  GtkWidget *badge = g_object_get_data (G_OBJECT (self), "dd-color-badge");
  DdSource *source = g_object_get_data (G_OBJECT (self), "dd-color-source");
  const char *color = source ? dd_source_get_color (source) : NULL;

  gtk_label_set_text (GTK_LABEL (badge), dd_source_color_badge_text (color));
  dd_source_color_apply (badge, color);
}

static void
badge_source_cb (DdWindow  *self,
                 DdSource  *source,
                 DdSidebar *sidebar)
{
  DdSource *old = g_object_get_data (G_OBJECT (self), "dd-color-source");

  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, update_badge, self);
  g_object_set_data_full (G_OBJECT (self), "dd-color-source", source ? g_object_ref (source) : NULL,
                          g_object_unref);
  if (source != NULL)
    g_signal_connect_object (source, "notify::color", G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);
  update_badge (self);
}

GtkWidget *
dd_window_get_color_badge (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), "dd-color-badge");
}

void
_dd_window_forms_init (DdWindow *self)
{
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->content_title), ADW_TYPE_HEADER_BAR);
  GtkWidget *badge = gtk_label_new (NULL);

  g_signal_connect_object (self->editor, "describe-table", G_CALLBACK (describe_table_cb), self, 0);
  gtk_widget_add_css_class (badge, "dd-color-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (badge, FALSE);
  g_object_set_data (G_OBJECT (self), "dd-color-badge", badge);
  if (header != NULL)
    adw_header_bar_pack_start (ADW_HEADER_BAR (header), badge);
  g_signal_connect_object (self->sidebar, "source-selected", G_CALLBACK (badge_source_cb), self,
                           G_CONNECT_SWAPPED);
}
