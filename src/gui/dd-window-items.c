/* dd-window-items.c: the window's item actions (dd-window-items.h). A job
 * carries one action through its steps: the source's client, the table's
 * key schema (DescribeTable, kept per source and table), then the
 * action's own requests. */
#define G_LOG_DOMAIN "dd-window-items"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-application.h"
#include "dd-conflict-dialog.h"
#include "dd-item-diff-dialog.h"
#include "dd-item-edit.h"
#include "dd-safe-write.h"
#include "dd-window-items-private.h"

Items *
_dd_window_items (DdWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "dd-items");
}

void
_dd_window_items_free (gpointer data)
{
  Items *items = data;

  g_hash_table_unref (items->journals);
  g_hash_table_unref (items->tables);
  g_clear_pointer (&items->undo_entry, dd_journal_entry_unref);
  g_free (items->undo_group);
  g_free (items->undo_source_id);
  g_free (items->message);
  g_cancellable_cancel (items->cancellable);
  g_clear_object (&items->cancellable);
  g_clear_weak_pointer (&items->editor);
  g_clear_weak_pointer (&items->dialog);
  g_clear_weak_pointer (&items->journal_view);
  g_clear_weak_pointer (&items->overview);
  g_clear_weak_pointer (&items->watched);
  g_free (items);
}

/* Table info */

void
_dd_table_info_unref (TableInfo *info)
{
  if (info == NULL || !g_atomic_ref_count_dec (&info->ref))
    return;
  g_strfreev (info->key_names);
  g_strfreev (info->key_types);
  g_free (info->describe);
  g_free (info);
}

static TableInfo *
table_info_ref (TableInfo *info)
{
  g_atomic_ref_count_inc (&info->ref);
  return info;
}

static const char *
attribute_type (JsonArray  *definitions,
                const char *name)
{
  for (guint i = 0; definitions != NULL && i < json_array_get_length (definitions); i++)
    {
      JsonObject *definition = json_array_get_object_element (definitions, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (definition, "AttributeName", ""), name) == 0)
        return json_object_get_string_member_with_default (definition, "AttributeType", NULL);
    }
  return NULL;
}

/* The key schema of a DescribeTable answer; NULL with error. */
static TableInfo *
table_info_new (const char  *describe,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *table;
  JsonArray *schema, *definitions;
  TableInfo *info;

  if (!json_parser_load_from_data (parser, describe, -1, error))
    return NULL;
  table = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
            ? json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "Table") : NULL;
  schema = table && json_object_has_member (table, "KeySchema") ? json_object_get_array_member (table, "KeySchema") : NULL;
  if (schema == NULL || json_array_get_length (schema) == 0)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The table's key schema is missing"));
      return NULL;
    }
  definitions = json_object_has_member (table, "AttributeDefinitions")
                  ? json_object_get_array_member (table, "AttributeDefinitions") : NULL;
  info = g_new0 (TableInfo, 1);
  g_atomic_ref_count_init (&info->ref);
  info->key_names = g_new0 (char *, 3);
  info->key_types = g_new0 (char *, 3);
  for (guint i = 0, n = 0; i < json_array_get_length (schema) && n < 2; i++)
    {
      JsonObject *key = json_array_get_object_element (schema, i);
      const char *name = json_object_get_string_member_with_default (key, "AttributeName", "");
      /* the partition key first, then the sort key */
      guint slot = g_strcmp0 (json_object_get_string_member_with_default (key, "KeyType", ""), "RANGE") == 0 ? 1 : 0;

      if (info->key_names[slot] != NULL)
        continue;
      info->key_names[slot] = g_strdup (name);
      info->key_types[slot] = g_strdup (attribute_type (definitions, name));
      n++;
    }
  if (info->key_names[0] == NULL)
    {
      _dd_table_info_unref (info);
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The table has no partition key"));
      return NULL;
    }
  info->describe = g_strdup (describe);
  return info;
}

static char *
table_info_id (DdSource   *source,
               const char *table)
{
  return g_strdup_printf ("%s\n%s", dd_source_get_id (source), table);
}

void
_dd_window_items_forget_table (DdWindow   *self,
                               DdSource   *source,
                               const char *table)
{
  g_autofree char *id = table_info_id (source, table);

  g_hash_table_remove (_dd_window_items (self)->tables, id);
}

/* Messages and state */

const char *
_items_message_of (DdWindow *self)
{
  return _dd_window_items (self)->message;
}

void
_dd_window_items_say (DdWindow   *self,
                      const char *message)
{
  Items *items = _dd_window_items (self);

  g_free (items->message);
  items->message = g_strdup (message);
  _dd_window_toast (self, message);
}

void
_dd_window_items_say_maybe_applied (DdWindow     *self,
                                    const char   *table,
                                    const GError *error)
{
  Items *items = _dd_window_items (self);
  g_autofree char *message = g_strdup_printf (_("%s: %s"), table, error->message);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_free (items->message);
  items->message = g_strdup (message);
  /* stays until dismissed: the person has to find out what happened */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Reload"));
  adw_toast_set_action_name (toast, "win.run");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_dd_window_items_set_dialog (DdWindow  *self,
                             GtkWidget *dialog)
{
  Items *items = _dd_window_items (self);

  g_clear_weak_pointer (&items->dialog);
  g_set_weak_pointer (&items->dialog, dialog);
}

void
_dd_window_items_set_busy (DdWindow *self,
                           gboolean  busy)
{
  _dd_window_items (self)->busy = !!busy;
  _dd_window_items_update (self);
}

gboolean
dd_window_items_check_writable (DdWindow *self,
                                DdSource *source)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (source != NULL && !dd_source_get_read_only (source))
    return TRUE;
  message = source ? g_strdup_printf (_("“%s” is read-only: nothing was written"), dd_source_get_name (source))
                   : g_strdup (_("No data source: nothing was written"));
  _dd_window_items_say (self, message);
  return FALSE;
}

DdJournal *
dd_window_get_journal (DdWindow  *self,
                       DdSource  *source,
                       GError   **error)
{
  Items *items = _dd_window_items (self);
  DdJournal *journal = g_hash_table_lookup (items->journals, dd_source_get_id (source));

  if (journal == NULL)
    {
      journal = dd_journal_new (dd_source_get_id (source), error);
      if (journal == NULL)
        return NULL;
      g_hash_table_insert (items->journals, g_strdup (dd_source_get_id (source)), journal);
    }
  return journal;
}

/* Jobs */

void
_dd_job_free (Job *job)
{
  dd_application_release_write (dd_application_get_default (), job->write_id);
  g_clear_object (&job->window);
  g_clear_object (&job->source);
  g_clear_object (&job->client);
  g_clear_pointer (&job->info, _dd_table_info_unref);
  g_free (job->table);
  g_free (job->item);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job->target);
  g_clear_object (&job->editor);
  g_clear_pointer (&job->origin, _dd_job_free);
  g_clear_weak_pointer (&job->dialog);
  g_free (job);
}

void
_dd_job_hold_write (Job          *job,
                    GCancellable *cancellable)
{
  g_return_if_fail (job->write_id == 0);
  job->write_id = dd_application_hold_write (dd_application_get_default (), cancellable);
}

Job *
_dd_job_new (DdWindow   *self,
             DdSource   *source,
             const char *table,
             JobFunc     then)
{
  Job *job = g_new0 (Job, 1);

  job->window = g_object_ref (self);
  job->source = g_object_ref (source);
  job->table = g_strdup (table);
  job->then = then;
  return job;
}

void
_dd_job_fail (Job          *job,
          const GError *error)
{
  g_autofree char *message = NULL;

  _dd_window_items_set_busy (job->window, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED))
    {
      _dd_window_items_say_maybe_applied (job->window, job->table ? job->table : "", error);
      if (job->editor != NULL)
        {
          dd_item_editor_set_busy (job->editor, FALSE);
          dd_item_editor_set_message (job->editor, error->message);
        }
      return;
    }
  message = g_strdup_printf (_("%s: %s"), job->table ? job->table : dd_source_get_name (job->source),
                             dd_error_get_aws_message (error) ? dd_error_get_aws_message (error) : error->message);
  _dd_window_items_say (job->window, message);
  if (job->editor != NULL)
    {
      dd_item_editor_set_busy (job->editor, FALSE);
      dd_item_editor_set_message (job->editor, message);
    }
}

static void
described_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TableInfo *info;

  response = dd_client_call_finish (DD_CLIENT (object), result, &error);
  if (response != NULL)
    text = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  if (text == NULL || (info = table_info_new (text, &error)) == NULL)
    {
      _dd_job_fail (job, error);
      _dd_job_free (job);
      return;
    }
  g_hash_table_insert (_dd_window_items (job->window)->tables, table_info_id (job->source, job->table),
                       table_info_ref (info));
  job->info = info;
  job->then (job);
}

static void
client_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) body = NULL;
  TableInfo *info;

  job->client = dd_session_get_client_finish (DD_SESSION (object), result, &error);
  if (job->client == NULL)
    {
      _dd_job_fail (job, error);
      _dd_job_free (job);
      return;
    }
  if (job->table == NULL || job->skip_describe)
    {
      job->then (job);
      return;
    }
  id = table_info_id (job->source, job->table);
  if ((info = g_hash_table_lookup (_dd_window_items (job->window)->tables, id)) != NULL)
    {
      job->info = table_info_ref (info);
      job->then (job);
      return;
    }
  body = _dd_json_body ("{\"TableName\":%s}", job->table);
  dd_client_call_async (job->client, "DescribeTable", body, _dd_window_items (job->window)->cancellable,
                        described_cb, job);
}

/* Runs job: its client, its table's key schema, then job->then (which
 * owns the job from there). */
void
_dd_job_start (Job *job)
{
  DdSession *session = dd_sidebar_get_session (job->window->sidebar, job->source);

  dd_session_get_client_async (session, _dd_window_items (job->window)->cancellable, client_ready_cb, job);
}

/* A request body: format with %s replaced by each argument as a JSON
 * string, except arguments given through %r (raw JSON text). */
GBytes *
_dd_json_body (const char *format,
               ...)
{
  g_autoptr(GString) out = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && (p[1] == 's' || p[1] == 'r'))
        {
          const char *arg = va_arg (args, const char *);

          if (p[1] == 's')
            dd_json_append_string (out, arg, -1);
          else
            g_string_append (out, arg);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  va_end (args);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* The results' rows */

/* The table the results came from: the request's TableName, else the
 * table chosen beside it. */
static char *
results_table (DdWindow *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (self->run_text != NULL && json_parser_load_from_data (parser, self->run_text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root)
      && json_object_has_member (json_node_get_object (root), "TableName"))
    {
      const char *name = json_object_get_string_member_with_default (json_node_get_object (root), "TableName", NULL);

      if (name != NULL && *name != '\0' && *name != '<')
        return g_strdup (name);
    }
  return g_strdup (self->run_table);
}

DdSource *
_dd_window_results_source (DdWindow *self)
{
  return self->run_source_id ? dd_source_store_lookup (self->sources, self->run_source_id) : NULL;
}

/* The model indices of the selected rows, in the order shown. */
GArray *
_dd_window_selected_rows (DdWindow *self)
{
  GtkColumnView *view = dd_results_view_get_table_view (self->results);
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (selection == NULL)
    return rows;
  selected = gtk_selection_model_get_selection (selection);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(DdResultRow) row = g_list_model_get_item (G_LIST_MODEL (selection), position);
      guint index = dd_result_row_get_index (row);

      g_array_append_val (rows, index);
    }
  return rows;
}

static char *
row_text (DdWindow *self,
          guint     index)
{
  g_autoptr(GBytes) bytes = dd_result_model_get_item_bytes (dd_results_view_get_model (self->results), index);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A job on the results' source and table, with the given rows' items. */
Job *
_dd_window_rows_job (DdWindow *self,
                     GArray   *rows,
                     JobFunc   then)
{
  DdSource *source = _dd_window_results_source (self);
  g_autofree char *table = results_table (self);
  Job *job;

  if (source == NULL || table == NULL || rows->len == 0 || self->run_op == NULL
      || g_strcmp0 (self->run_op->action, "ListTables") == 0)
    return NULL;
  job = _dd_job_new (self, source, table, then);
  job->items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      char *text = row_text (self, g_array_index (rows, guint, i));

      if (text != NULL)
        g_ptr_array_add (job->items, text);
    }
  return job;
}

/* Public */

DdItemEditor *
dd_window_get_item_editor (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return _dd_window_items (self)->editor;
}

GtkWidget *
dd_window_get_items_dialog (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return _dd_window_items (self)->dialog;
}

gboolean
dd_window_get_items_busy (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  return _dd_window_items (self)->busy;
}

const char *
dd_window_get_items_message (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return _dd_window_items (self)->message;
}

GtkWidget *
dd_window_get_journal_view (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return _dd_window_items (self)->journal_view;
}

void
dd_window_get_items_progress (DdWindow *self,
                              guint64  *done,
                              guint64  *total,
                              guint    *updates)
{
  Items *items;

  g_return_if_fail (DD_IS_WINDOW (self));
  items = _dd_window_items (self);
  *done = items->progress_done;
  *total = items->progress_total;
  *updates = items->progress_updates;
}

GtkWidget *
dd_window_get_table_overview (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return _dd_window_items (self)->overview;
}
