/* dd-window-items-edit.c: editing, saving, deleting and undoing items,
 * and the window's hooks (actions, their state, row activation). */
#define G_LOG_DOMAIN "dd-window-items"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-batch-writer.h"
#include "dd-conflict-dialog.h"
#include "dd-item-diff-dialog.h"
#include "dd-item-edit.h"
#include "dd-journal-view.h"
#include "dd-item-compare.h"
#include "dd-safe-write.h"
#include "dd-shared-closures.h"
#include "dd-window-items-private.h"

/* Writers: every write is made by one of these two, and both refuse for a
 * read-only source. */

DdSafeWrite *
_dd_safe_writer (Job *job)
{
  g_autoptr(GError) error = NULL;
  DdJournal *journal;

  if (!dd_window_items_check_writable (job->window, job->source))
    return NULL;
  journal = dd_window_get_journal (job->window, job->source, &error);
  if (journal == NULL)
    {
      /* without a journal there is no undo: nothing is sent */
      _dd_job_fail (job, error);
      return NULL;
    }
  return dd_safe_write_new (job->client, journal, job->table, (const char * const *) job->info->key_names);
}

DdBatchWriter *
_dd_batch_writer (Job        *job,
                  const char *table,
                  TableInfo  *info)
{
  g_autoptr(GError) error = NULL;
  DdBatchWriter *writer;
  DdJournal *journal;

  if (!dd_window_items_check_writable (job->window, job->source))
    return NULL;
  journal = dd_window_get_journal (job->window, job->source, &error);
  if (journal == NULL)
    {
      _dd_job_fail (job, error);
      return NULL;
    }
  writer = dd_batch_writer_new (job->client, table, (const char * const *) info->key_names);
  dd_batch_writer_set_journal (writer, journal);
  return writer;
}

static const char *
items_message (DdWindow *self)
{
  return _dd_window_items (self)->message;
}

static Job *
job_copy (Job *job)
{
  Job *copy = _dd_job_new (job->window, job->source, job->table, NULL);

  copy->client = job->client ? g_object_ref (job->client) : NULL;
  if (job->info != NULL)
    {
      g_atomic_ref_count_inc (&job->info->ref);
      copy->info = job->info;
    }
  return copy;
}

/* Undo */

void
_dd_window_items_remember_undo (DdWindow       *self,
                                DdSource       *source,
                                DdJournalEntry *entry,
                                const char     *message)
{
  Items *items = _dd_window_items (self);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_clear_pointer (&items->undo_entry, dd_journal_entry_unref);
  g_clear_pointer (&items->undo_group, g_free);
  items->undo_entry = dd_journal_entry_ref (entry);
  g_free (items->undo_source_id);
  items->undo_source_id = g_strdup (dd_source_get_id (source));
  g_free (items->message);
  items->message = g_strdup (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  if (items->journal_view != NULL)
    dd_journal_view_reload (DD_JOURNAL_VIEW (items->journal_view));
  _dd_window_items_update (self);
}

void
_dd_window_items_remember_group_undo (DdWindow   *self,
                                      DdSource   *source,
                                      const char *group,
                                      const char *message)
{
  Items *items = _dd_window_items (self);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_clear_pointer (&items->undo_entry, dd_journal_entry_unref);
  g_free (items->undo_group);
  items->undo_group = g_strdup (group);
  g_free (items->undo_source_id);
  items->undo_source_id = g_strdup (dd_source_get_id (source));
  g_free (items->message);
  items->message = g_strdup (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _dd_window_items_update (self);
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  Items *items = _dd_window_items (job->window);
  g_autoptr(DdJournalEntry) entry = NULL;
  g_autoptr(DdWriteConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;

  entry = dd_safe_write_undo_finish (DD_SAFE_WRITE (object), result, &conflict, &error);
  _dd_window_items_set_busy (job->window, FALSE);
  if (items->journal_view != NULL)
    dd_journal_view_reload (DD_JOURNAL_VIEW (items->journal_view));
  if (entry == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED))
        {
          _dd_window_items_say_maybe_applied (job->window, job->table ? job->table : "", error);
          return;
        }
      if (conflict != NULL)
        message = g_strdup (_("Not undone: the item changed since that write. Nothing was written."));
      else
        message = g_strdup_printf (_("Not undone: %s"), error ? error->message : "");
      _dd_window_items_say (job->window, message);
      return;
    }
  g_clear_pointer (&items->undo_entry, dd_journal_entry_unref);
  _dd_window_items_say (job->window, _("Undone"));
  _dd_window_items_update (job->window);
}

static void
undo_then (Job *job)
{
  g_autoptr(DdSafeWrite) writer = _dd_safe_writer (job);
  DdJournalEntry *entry = g_object_get_data (G_OBJECT (job->window), "dd-undo-pending");

  if (writer == NULL || entry == NULL)
    {
      _dd_job_free (job);
      return;
    }
  _dd_window_items_set_busy (job->window, TRUE);
  _dd_job_hold_write (job, _dd_window_items (job->window)->cancellable);
  dd_safe_write_undo_async (writer, entry, _dd_window_items (job->window)->cancellable, undone_cb, job);
}

void
_dd_window_items_undo (DdWindow       *self,
                       DdSource       *source,
                       DdJournalEntry *entry)
{
  Job *job;

  if (source == NULL || entry == NULL || !dd_window_items_check_writable (self, source))
    return;
  g_object_set_data_full (G_OBJECT (self), "dd-undo-pending", dd_journal_entry_ref (entry),
                          (GDestroyNotify) dd_journal_entry_unref);
  job = _dd_job_new (self, source, dd_journal_entry_get_table (entry), undo_then);
  _dd_job_start (job);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  Items *items = _dd_window_items (self);

  if (items->undo_group != NULL && !items->busy)
    {
      _dd_window_items_undo_group (self, dd_source_store_lookup (self->sources, items->undo_source_id),
                                   items->undo_group, NULL);
      return;
    }
  if (items->undo_entry == NULL || items->busy)
    return;
  _dd_window_items_undo (self, dd_source_store_lookup (self->sources, items->undo_source_id), items->undo_entry);
}

/* Saving */

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DdItemEditor     *editor)
{
  DdWriteConflict *conflict = dd_conflict_dialog_get_conflict (DD_CONFLICT_DIALOG (dialog));
  g_autofree char *mine = g_strdup (conflict->mine);

  if (g_strcmp0 (response, "theirs") == 0 && conflict->current != NULL)
    dd_item_editor_set_loaded (editor, conflict->current);
  else if (g_strcmp0 (response, "mine") == 0)
    {
      /* the next save is reviewed and conditioned against the current item */
      dd_item_editor_set_loaded (editor, conflict->current);
      dd_item_editor_set_item (editor, mine);
    }
}

static void
show_conflict (Job             *job,
               DdWriteConflict *conflict)
{
  GtkWidget *dialog = dd_conflict_dialog_new (GTK_WINDOW (job->editor), conflict);

  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), job->editor, 0);
  _dd_window_items_set_dialog (job->window, dialog);
  _dd_window_items_say (job->window, _("The item changed meanwhile: nothing was written"));
  dd_item_editor_set_message (job->editor, _("The item changed meanwhile: nothing was written"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(DdJournalEntry) entry = NULL;
  DdWriteConflict *conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  entry = dd_safe_write_save_finish (DD_SAFE_WRITE (object), result, &conflict, &error);
  _dd_window_items_set_busy (job->window, FALSE);
  dd_item_editor_set_busy (job->editor, FALSE);
  if (conflict != NULL)
    {
      show_conflict (job, conflict);
      return;
    }
  if (error != NULL)
    {
      _dd_job_fail (job, error);
      return;
    }
  if (entry == NULL)
    {
      dd_item_editor_set_message (job->editor, _("Nothing changed"));
      return;
    }
  message = g_strdup_printf (_("Saved the item in “%s”"), job->table);
  _dd_window_items_remember_undo (job->window, job->source, entry, message);
  gtk_window_destroy (GTK_WINDOW (job->editor));
}

static void
diff_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DdItemEditor     *editor)
{
  Job *opened = g_object_get_data (G_OBJECT (editor), "dd-job");
  const char *item = g_object_get_data (G_OBJECT (dialog), "dd-item");
  g_autoptr(DdSafeWrite) writer = NULL;
  Job *job;

  if (g_strcmp0 (response, "save") != 0)
    return;
  job = job_copy (opened);
  job->editor = g_object_ref (editor);
  writer = _dd_safe_writer (job);
  if (writer == NULL)
    {
      dd_item_editor_set_message (editor, items_message (job->window));
      _dd_job_free (job);
      return;
    }
  dd_item_editor_set_busy (editor, TRUE);
  _dd_window_items_set_busy (job->window, TRUE);
  _dd_job_hold_write (job, _dd_window_items (job->window)->cancellable);
  dd_safe_write_save_async (writer, dd_item_editor_get_loaded (editor), item,
                            _dd_window_items (job->window)->cancellable, saved_cb, job);
}

static void
editor_save_cb (DdItemEditor *editor,
                const char   *item,
                DdWindow     *self)
{
  Job *job = g_object_get_data (G_OBJECT (editor), "dd-job");
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!dd_window_items_check_writable (self, job->source))
    {
      dd_item_editor_set_message (editor, items_message (self));
      return;
    }
  diffs = dd_item_diff (dd_item_editor_get_loaded (editor), item, &error);
  if (diffs == NULL || diffs->len == 0)
    {
      dd_item_editor_set_message (editor, error ? error->message : _("Nothing changed"));
      return;
    }
  if (dd_item_editor_get_loaded (editor) != NULL)
    body = g_strdup_printf (_("The item in “%s” is written only if nobody changed it since it was loaded."), job->table);
  else
    body = g_strdup_printf (_("A new item is written to “%s” unless an item with its key exists."), job->table);
  dialog = dd_item_diff_dialog_new (GTK_WINDOW (editor), body, diffs);
  g_object_set_data_full (G_OBJECT (dialog), "dd-item", g_strdup (item), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (diff_response_cb), editor, 0);
  _dd_window_items_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_items_open_editor (DdWindow   *self,
                              Job        *job,
                              const char *loaded,
                              const char *template_item)
{
  Items *items = _dd_window_items (self);
  DdItemEditor *editor;

  if (items->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (items->editor));
  editor = dd_item_editor_new (GTK_WINDOW (self), job->table, (const char * const *) job->info->key_names,
                               (const char * const *) job->info->key_types, loaded, template_item);
  g_object_set_data_full (G_OBJECT (editor), "dd-job", job, (GDestroyNotify) _dd_job_free);
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  g_set_weak_pointer (&items->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Opening */

static void
got_item_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *item = NULL;

  response = dd_client_call_finish (DD_CLIENT (object), result, &error);
  _dd_window_items_set_busy (job->window, FALSE);
  if (response != NULL)
    answer = dd_item_edit_parse_typed (g_bytes_get_data (response, NULL), (gssize) g_bytes_get_size (response), &error);
  if (answer == NULL)
    {
      _dd_job_fail (job, error);
      _dd_job_free (job);
      return;
    }
  if (!json_object_has_member (answer, "Item"))
    {
      _dd_window_items_say (job->window, _("The item is no longer in the table"));
      _dd_job_free (job);
      return;
    }
  item = json_to_string (json_object_get_member (answer, "Item"), FALSE);
  _dd_window_items_open_editor (job->window, job, item, NULL);
}

/* The row may be a projection: the item is read again, whole and
 * consistently, and that is what the save is conditioned on. */
static void
edit_then (Job *job)
{
  g_autoptr(JsonObject) row = dd_item_edit_parse_typed (job->items->pdata[0], -1, NULL);
  g_autofree char *key = row ? dd_item_edit_key_text (row, (const char * const *) job->info->key_names) : NULL;
  g_autoptr(GBytes) body = NULL;

  if (key == NULL)
    {
      _dd_window_items_say (job->window, _("This row has no key of the table: it cannot be edited"));
      _dd_job_free (job);
      return;
    }
  body = _dd_json_body ("{\"TableName\":%s,\"Key\":%r,\"ConsistentRead\":true}", job->table, key);
  _dd_window_items_set_busy (job->window, TRUE);
  dd_client_call_async (job->client, "GetItem", body, _dd_window_items (job->window)->cancellable, got_item_cb, job);
}

static void
duplicate_then (Job *job)
{
  g_autofree char *item = g_strdup (job->items->pdata[0]);

  _dd_window_items_open_editor (job->window, job, NULL, item);
}

static void
new_then (Job *job)
{
  _dd_window_items_open_editor (job->window, job, NULL, NULL);
}

static void
open_rows (DdWindow *self,
           GArray   *rows,
           JobFunc   then)
{
  Job *job;

  if (rows->len == 0)
    {
      _dd_window_items_say (self, _("Select a row first"));
      return;
    }
  g_array_set_size (rows, 1);
  job = _dd_window_rows_job (self, rows, then);
  if (job == NULL)
    {
      _dd_window_items_say (self, _("These results are not items of a table"));
      return;
    }
  _dd_job_start (job);
}

static void
edit_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GArray) rows = NULL;

  if (index < 0)
    rows = _dd_window_selected_rows (self);
  else
    {
      guint row = (guint) index;

      rows = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (rows, row);
    }
  open_rows (self, rows, edit_then);
}

static void
duplicate_item_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) rows = _dd_window_selected_rows (self);

  if (dd_window_items_check_writable (self, _dd_window_results_source (self)))
    open_rows (self, rows, duplicate_then);
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  const char *table = dd_query_editor_get_table (self->editor);

  if (self->source == NULL || table == NULL || !dd_window_items_check_writable (self, self->source))
    return;
  _dd_job_start (_dd_job_new (self, self->source, table, new_then));
}

static void
row_activated_cb (GtkColumnView *view,
                  guint          position,
                  DdWindow      *self)
{
  g_autoptr(DdResultRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  DdCellKind kind;
  guint index;

  if (row == NULL)
    return;
  index = dd_result_row_get_index (row);
  if (self->run_op != NULL && g_strcmp0 (self->run_op->action, "ListTables") == 0)
    {
      g_autofree char *name = dd_result_model_get_cell (dd_results_view_get_model (self->results), index,
                                                        "TableName", &kind);
      _dd_window_items_show_overview (self, _dd_window_results_source (self), name);
      return;
    }
  g_array_append_val (rows, index);
  open_rows (self, rows, edit_then);
}

/* The journal browser */

static void
journal_undo_cb (DdJournalView  *view,
                 DdJournalEntry *entry,
                 DdWindow       *self)
{
  _dd_window_items_undo (self, dd_journal_view_get_source (view), entry);
}

static void
journal_undo_group_cb (DdJournalView *view,
                       GPtrArray     *entries,
                       DdWindow      *self)
{
  _dd_window_items_undo_group (self, dd_journal_view_get_source (view), NULL, entries);
}

static void
show_journal_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  Items *items = _dd_window_items (self);
  g_autoptr(GError) error = NULL;
  DdJournal *journal;
  GtkWidget *view;

  if (self->source == NULL)
    return;
  if ((journal = dd_window_get_journal (self, self->source, &error)) == NULL)
    {
      _dd_window_items_say (self, error->message);
      return;
    }
  if (items->journal_view != NULL)
    gtk_window_destroy (GTK_WINDOW (items->journal_view));
  view = dd_journal_view_new (GTK_WINDOW (self), self->source, journal);
  g_signal_connect_object (view, "undo", G_CALLBACK (journal_undo_cb), self, 0);
  g_signal_connect_object (view, "undo-group", G_CALLBACK (journal_undo_group_cb), self, 0);
  g_set_weak_pointer (&items->journal_view, view);
  gtk_window_present (GTK_WINDOW (view));
}

/* Hooks */

void
_dd_window_items_update (DdWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Items *items = _dd_window_items (self);
  DdSource *results_source;
  gboolean writable, results_writable, has_table, has_rows;

  if (items == NULL)
    return;
  if (items->watched != self->source)
    {
      if (items->watched != NULL)
        g_signal_handlers_disconnect_by_func (items->watched, _dd_window_items_update, self);
      g_set_weak_pointer (&items->watched, self->source);
      if (self->source != NULL)
        g_signal_connect_object (self->source, "notify::read-only", G_CALLBACK (_dd_window_items_update), self,
                                 G_CONNECT_SWAPPED);
    }
  results_source = _dd_window_results_source (self);
  writable = self->source != NULL && !dd_source_get_read_only (self->source) && !items->busy;
  results_writable = results_source != NULL && !dd_source_get_read_only (results_source) && !items->busy;
  has_table = self->source != NULL && dd_query_editor_get_table (self->editor) != NULL;
  has_rows = g_list_model_get_n_items (G_LIST_MODEL (dd_results_view_get_model (self->results))) > 0;
  gtk_widget_action_set_enabled (widget, "win.edit-item", has_rows && !items->busy);
  gtk_widget_action_set_enabled (widget, "win.duplicate-item", has_rows && results_writable);
  gtk_widget_action_set_enabled (widget, "win.delete-items", has_rows && results_writable);
  /* a copy reads here and writes to the target, which is checked then */
  gtk_widget_action_set_enabled (widget, "win.copy-items", has_rows && results_source != NULL && !items->busy);
  gtk_widget_action_set_enabled (widget, "win.new-item", writable && has_table);
  gtk_widget_action_set_enabled (widget, "win.undo", (items->undo_entry != NULL || items->undo_group != NULL)
                                                     && !items->busy);
  gtk_widget_action_set_enabled (widget, "win.show-journal", self->source != NULL);
  gtk_widget_action_set_enabled (widget, "win.create-table", writable);
  gtk_widget_action_set_enabled (widget, "win.table-overview", has_table);
  gtk_widget_action_set_enabled (widget, "win.source-read-only", self->source != NULL);
}

void
_dd_window_items_init (DdWindow *self)
{
  Items *items = g_new0 (Items, 1);

  items->journals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  items->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _dd_table_info_unref);
  items->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), "dd-items", items, (GDestroyNotify) _dd_window_items_free);
  g_signal_connect_object (dd_results_view_get_table_view (self->results), "activate",
                           G_CALLBACK (row_activated_cb), self, 0);
  g_signal_connect_object (dd_results_view_get_model (self->results), "items-changed",
                           G_CALLBACK (_dd_window_items_update), self, G_CONNECT_SWAPPED);
  _dd_window_items_update (self);
}

void
_dd_window_class_items_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit-item", "i", edit_item_action);
  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-item", NULL, duplicate_item_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.show-journal", NULL, show_journal_action);
  _dd_window_class_items_bulk_init (widget_class);
  _dd_window_class_tables_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.new-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-items", NULL);
}
