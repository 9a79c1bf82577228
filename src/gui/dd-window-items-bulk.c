/* dd-window-items-bulk.c: deleting the selected rows (one item with
 * DeleteItem, many through BatchWriteItem with progress and cancel, each
 * item journalled first) and copying them to another table. */
#define G_LOG_DOMAIN "dd-window-items"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "dd-batch-writer.h"
#include "dd-item-edit.h"
#include "dd-journal-view.h"
#include "dd-safe-write.h"
#include "dd-shared-closures.h"
#include "dd-window-items-private.h"

/* Progress */

typedef struct
{
  Job           *job;
  DdBatchWriter *writer;
  GtkWidget     *dialog;
  GtkProgressBar *bar;
  GCancellable  *cancellable;
  DdBatchKind    kind;
} Bulk;

static void
bulk_free (Bulk *bulk)
{
  if (bulk->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (bulk->dialog, bulk);
      gtk_window_destroy (GTK_WINDOW (bulk->dialog));
    }
  g_clear_object (&bulk->dialog);
  g_clear_object (&bulk->writer);
  g_clear_object (&bulk->cancellable);
  _dd_job_free (bulk->job);
  g_free (bulk);
}

static void
progress_cb (DdBatchWriter *writer,
             guint64        written,
             guint64        total,
             guint64        failed,
             Bulk          *bulk)
{
  g_autofree char *text = NULL;
  Items *items = _dd_window_items (bulk->job->window);

  items->progress_done = written + failed;
  items->progress_total = total;
  items->progress_updates++;
  if (total > 0)
    gtk_progress_bar_set_fraction (bulk->bar, (double) (written + failed) / (double) total);
  text = g_strdup_printf (_("%" PRIu64 " of %" PRIu64), written + failed, total);
  gtk_progress_bar_set_text (bulk->bar, text);
}

static void
bulk_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bulk *bulk = user_data;
  DdBatchWriter *writer = DD_BATCH_WRITER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;

  dd_batch_writer_write_finish (writer, result, &error);
  _dd_window_items_set_busy (bulk->job->window, FALSE);
  count = dd_format_item_count (dd_batch_writer_get_written (writer));
  if (error == NULL)
    message = bulk->kind == DD_BATCH_DELETE ? g_strdup_printf (_("Deleted %s"), count)
                                            : g_strdup_printf (_("Copied %s"), count);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("Stopped: %s written of %" PRIu64), count,
                               dd_batch_writer_get_total (writer));
  else
    message = g_strdup_printf (_("%s written, %" PRIu64 " failed: %s"), count,
                               dd_batch_writer_get_failed (writer), error->message);
  _dd_window_items_say (bulk->job->window, message);
  if (_dd_window_items (bulk->job->window)->journal_view != NULL)
    dd_journal_view_reload (DD_JOURNAL_VIEW (_dd_window_items (bulk->job->window)->journal_view));
  bulk_free (bulk);
}

/* The dialog stays until the batches in flight are answered. */
static void
stop_clicked_cb (GtkButton *button,
                 Bulk      *bulk)
{
  g_cancellable_cancel (bulk->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static gboolean
progress_close_cb (GtkWindow *dialog,
                   Bulk      *bulk)
{
  g_cancellable_cancel (bulk->cancellable);
  return TRUE;
}

static GtkWidget *
progress_dialog (Bulk       *bulk,
                 const char *heading)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (bulk->job->window), heading, NULL));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *stop = gtk_button_new_with_mnemonic (_("_Stop"));

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"), -1);
  gtk_widget_set_halign (stop, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (stop, "pill");
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), stop);
  adw_message_dialog_set_extra_child (dialog, box);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  /* no response: the dialog closes when the run ends, Stop and Escape stop it */
  g_signal_connect (stop, "clicked", G_CALLBACK (stop_clicked_cb), bulk);
  g_signal_connect (dialog, "close-request", G_CALLBACK (progress_close_cb), bulk);
  bulk->bar = GTK_PROGRESS_BAR (bar);
  return GTK_WIDGET (g_object_ref_sink (dialog));
}

static void
run_bulk (Job           *job,
          DdBatchWriter *writer,
          DdBatchKind    kind,
          const char    *heading)
{
  Bulk *bulk = g_new0 (Bulk, 1);
  Items *items = _dd_window_items (job->window);

  bulk->job = job;
  bulk->writer = writer;
  bulk->cancellable = g_cancellable_new ();
  bulk->kind = kind;
  bulk->dialog = progress_dialog (bulk, heading);
  items->progress_done = items->progress_total = 0;
  items->progress_updates = 0;
  g_signal_connect (writer, "progress", G_CALLBACK (progress_cb), bulk);
  _dd_window_items_set_dialog (job->window, bulk->dialog);
  _dd_window_items_set_busy (job->window, TRUE);
  _dd_job_hold_write (job, bulk->cancellable);
  gtk_window_present (GTK_WINDOW (bulk->dialog));
  dd_batch_writer_write_async (writer, kind, job->items, bulk->cancellable, bulk_done_cb, bulk);
}

/* Delete */

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(DdJournalEntry) entry = NULL;
  g_autoptr(DdWriteConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  entry = dd_safe_write_delete_finish (DD_SAFE_WRITE (object), result, &conflict, &error);
  _dd_window_items_set_busy (job->window, FALSE);
  if (entry == NULL)
    {
      _dd_job_fail (job, error);
      return;
    }
  if (dd_journal_entry_get_old_item (entry) == NULL)
    message = g_strdup_printf (_("The item was no longer in “%s”"), job->table);
  else
    message = g_strdup_printf (_("Deleted 1 item from “%s”"), job->table);
  _dd_window_items_remember_undo (job->window, job->source, entry, message);
}

static void
delete_then (Job *job)
{
  if (job->items->len == 1)
    {
      g_autoptr(DdSafeWrite) writer = _dd_safe_writer (job);

      if (writer == NULL)
        {
          _dd_job_free (job);
          return;
        }
      _dd_window_items_set_busy (job->window, TRUE);
      _dd_job_hold_write (job, _dd_window_items (job->window)->cancellable);
      /* a row may be a projection: the journal keeps what DeleteItem
       * returns (ALL_OLD), the whole item */
      dd_safe_write_delete_async (writer, job->items->pdata[0], FALSE, _dd_window_items (job->window)->cancellable,
                                  deleted_cb, job);
    }
  else
    {
      DdBatchWriter *writer = _dd_batch_writer (job, job->table, job->info);

      if (writer == NULL)
        {
          _dd_job_free (job);
          return;
        }
      run_bulk (job, writer, DD_BATCH_DELETE, _("Deleting Items"));
    }
}

static void
confirm_delete_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Job *job = g_object_steal_data (G_OBJECT (dialog), "dd-job");

  if (g_strcmp0 (response, "delete") != 0)
    {
      _dd_job_free (job);
      return;
    }
  _dd_job_start (job);
}

static void
delete_items_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) rows = _dd_window_selected_rows (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Job *job;

  if (rows->len == 0)
    {
      _dd_window_items_say (self, _("Select the rows to delete first"));
      return;
    }
  if ((job = _dd_window_rows_job (self, rows, delete_then)) == NULL)
    {
      _dd_window_items_say (self, _("These results are not items of a table"));
      return;
    }
  if (!dd_window_items_check_writable (self, job->source))
    {
      _dd_job_free (job);
      return;
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Item?", "Delete %u Items?", job->items->len),
                             job->items->len);
  body = g_strdup_printf (_("From “%s” in “%s”. Each item is kept in the undo journal before it is deleted."),
                          job->table, dd_source_get_name (job->source));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dd-job", job, (GDestroyNotify) _dd_job_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_delete_cb), NULL);
  _dd_window_items_set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copy to another table */

static void
copy_target_described (Job *target)
{
  Job *job = g_steal_pointer (&target->origin);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  DdBatchWriter *writer;

  /* every item must carry the target's key */
  for (guint i = 0; i < job->items->len && missing->len == 0; i++)
    {
      g_autoptr(JsonObject) item = dd_item_edit_parse_typed (job->items->pdata[i], -1, NULL);
      g_autoptr(GPtrArray) problems = dd_item_edit_check_key (item, (const char * const *) target->info->key_names,
                                                              (const char * const *) target->info->key_types);

      if (problems->len > 0)
        g_ptr_array_add (missing, g_strdup (problems->pdata[0]));
    }
  if (missing->len > 0)
    {
      g_autofree char *message = g_strdup_printf (_("Not copied to “%s”: %s"), target->table,
                                                  (char *) missing->pdata[0]);
      _dd_window_items_say (job->window, message);
      _dd_job_free (job);
      _dd_job_free (target);
      return;
    }
  writer = _dd_batch_writer (job, target->table, target->info);
  if (writer == NULL)
    {
      _dd_job_free (job);
      _dd_job_free (target);
      return;
    }
  g_free (job->target);
  job->target = g_strdup (target->table);
  _dd_job_free (target);
  run_bulk (job, writer, DD_BATCH_PUT, _("Copying Items"));
}

static void
copy_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  Job *job = g_object_steal_data (G_OBJECT (dialog), "dd-job");
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (dropdown);
  Job *target;

  if (g_strcmp0 (response, "copy") != 0 || chosen == NULL)
    {
      _dd_job_free (job);
      return;
    }
  target = _dd_job_new (job->window, job->source, gtk_string_object_get_string (chosen), copy_target_described);
  target->origin = job;
  _dd_job_start (target);
}

static void
copy_items_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) rows = _dd_window_selected_rows (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;
  DdSession *session;
  Job *job;

  if (rows->len == 0 || (job = _dd_window_rows_job (self, rows, NULL)) == NULL)
    {
      _dd_window_items_say (self, _("Select the rows to copy first"));
      return;
    }
  if (!dd_window_items_check_writable (self, job->source))
    {
      _dd_job_free (job);
      return;
    }
  session = dd_sidebar_get_session (self->sidebar, job->source);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copy %u Item To…", "Copy %u Items To…", job->items->len),
                             job->items->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Items with the same key in the other table are replaced.")));
  dropdown = gtk_drop_down_new (g_object_ref (dd_session_get_tables (session)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Target Table"), -1);
  adw_message_dialog_set_extra_child (dialog, dropdown);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "copy", _("_Copy"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dd-job", job, (GDestroyNotify) _dd_job_free);
  g_signal_connect (dialog, "response", G_CALLBACK (copy_response_cb), NULL);
  _dd_window_items_set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_class_items_bulk_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.delete-items", NULL, delete_items_action);
  gtk_widget_class_install_action (widget_class, "win.copy-items", NULL, copy_items_action);
}
