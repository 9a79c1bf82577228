/* dd-window-forms.c: what the window does for the query form: the
 * table's description (DescribeTable) for its indexes and key types. */
#define G_LOG_DOMAIN "dd-window-forms"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-json.h"
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

void
_dd_window_forms_init (DdWindow *self)
{
  g_signal_connect_object (self->editor, "describe-table", G_CALLBACK (describe_table_cb), self, 0);
}
