/* dd-window-items-bulk.c: the bulk runs of the window: deleting the
 * selected rows (one item with DeleteItem, many through BatchWriteItem with
 * progress and cancel, each item journalled first), the progress dialog
 * that copies (dd-window-items-copy.c) share, and the undo of a whole bulk
 * action (its journal group) in one step. */
#define G_LOG_DOMAIN "dd-window-items"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "dd-batch-writer.h"
#include "dd-journal-undo.h"
#include "dd-item-edit.h"
#include "dd-journal-view.h"
#include "dd-safe-write.h"
#include "dd-shared-closures.h"
#include "dd-window-items-private.h"

/* Progress */

typedef enum
{
  BULK_DELETE,
  BULK_COPY,
  BULK_UNDO,
} BulkKind;

/* One bulk run: its job (window, the source written to), the writer or
 * the undo, and the progress dialog. */
typedef struct
{
  Job            *job;
  GObject        *runner;   /* DdBatchWriter or DdJournalUndo */
  GtkWidget      *dialog;
  GtkProgressBar *bar;
  GCancellable   *cancellable;
  BulkKind        kind;
  char           *note;     /* said after the run's own message */
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
  g_clear_object (&bulk->runner);
  g_clear_object (&bulk->cancellable);
  g_free (bulk->note);
  _dd_job_free (bulk->job);
  g_free (bulk);
}

static void
progress_cb (GObject       *runner,
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

/* The message at the end of a batch writer's run. */
static char *
written_message (Bulk         *bulk,
                 const GError *error)
{
  DdBatchWriter *writer = DD_BATCH_WRITER (bulk->runner);
  g_autofree char *count = dd_format_item_count (dd_batch_writer_get_written (writer));

  if (error == NULL)
    return bulk->kind == BULK_DELETE ? g_strdup_printf (_("Deleted %s"), count)
                                     : g_strdup_printf (_("Copied %s"), count);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup_printf (_("Stopped: %s written of %" PRIu64), count, dd_batch_writer_get_total (writer));
  return g_strdup_printf (_("%s written, %" PRIu64 " failed: %s"), count,
                          dd_batch_writer_get_failed (writer), error->message);
}

static void
bulk_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bulk *bulk = user_data;
  DdBatchWriter *writer = DD_BATCH_WRITER (object);
  DdWindow *window = bulk->job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  dd_batch_writer_write_finish (writer, result, &error);
  _dd_window_items_set_busy (window, FALSE);
  message = written_message (bulk, error);
  if (bulk->note != NULL)
    {
      char *longer = g_strdup_printf ("%s. %s", message, bulk->note);

      g_free (message);
      message = longer;
    }
  /* whatever was written can be undone as one */
  if (dd_batch_writer_get_written (writer) > 0 && dd_batch_writer_get_journal_group (writer) != NULL)
    _dd_window_items_remember_group_undo (window, bulk->job->source, dd_batch_writer_get_journal_group (writer),
                                          message);
  else
    _dd_window_items_say (window, message);
  if (_dd_window_items (window)->journal_view != NULL)
    dd_journal_view_reload (DD_JOURNAL_VIEW (_dd_window_items (window)->journal_view));
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

static Bulk *
bulk_start (Job        *job,
            GObject    *runner,
            BulkKind    kind,
            const char *heading)
{
  Bulk *bulk = g_new0 (Bulk, 1);
  Items *items = _dd_window_items (job->window);

  bulk->job = job;
  bulk->runner = runner;
  bulk->cancellable = g_cancellable_new ();
  bulk->kind = kind;
  bulk->dialog = progress_dialog (bulk, heading);
  items->progress_done = items->progress_total = 0;
  items->progress_updates = 0;
  g_signal_connect (runner, "progress", G_CALLBACK (progress_cb), bulk);
  _dd_window_items_set_dialog (job->window, bulk->dialog);
  _dd_window_items_set_busy (job->window, TRUE);
  _dd_job_hold_write (job, bulk->cancellable);
  gtk_window_present (GTK_WINDOW (bulk->dialog));
  return bulk;
}

/* Writes job->items with writer (owned) in job->source; note (optional)
 * is said after the result. */
void
_dd_window_items_run_bulk (Job           *job,
                           DdBatchWriter *writer,
                           gboolean       copy,
                           const char    *note)
{
  Bulk *bulk = bulk_start (job, G_OBJECT (writer), copy ? BULK_COPY : BULK_DELETE,
                           copy ? _("Copying Items") : _("Deleting Items"));

  bulk->note = g_strdup (note);
  dd_batch_writer_write_async (writer, copy ? DD_BATCH_PUT : DD_BATCH_DELETE, job->items, bulk->cancellable,
                               bulk_done_cb, bulk);
}

/* Undo of a group */

/* The failures of an undo, in a dialog (up to 20 of them). */
static void
show_failures (DdWindow   *self,
               GPtrArray  *failures,
               const char *heading)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < failures->len && i < 20; i++)
    g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", (char *) failures->pdata[i]);
  if (failures->len > 20)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", failures->len - 20),
                              failures->len - 20);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  _dd_window_items_set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
group_undone_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Bulk *bulk = user_data;
  DdJournalUndo *undo = DD_JOURNAL_UNDO (object);
  DdWindow *window = bulk->job->window;
  Items *items = _dd_window_items (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;

  dd_journal_undo_run_finish (undo, result, &error);
  _dd_window_items_set_busy (window, FALSE);
  count = dd_format_item_count (dd_journal_undo_get_undone (undo));
  if (error == NULL)
    {
      message = g_strdup_printf (_("Undone: %s restored"), count);
      g_clear_pointer (&items->undo_group, g_free);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("Stopped: %s restored of %" PRIu64), count, dd_journal_undo_get_total (undo));
  else
    message = g_strdup_printf (_("%s restored, %" PRIu64 " not undone"), count, dd_journal_undo_get_failed (undo));
  _dd_window_items_say (window, message);
  if (items->journal_view != NULL)
    dd_journal_view_reload (DD_JOURNAL_VIEW (items->journal_view));
  bulk_free (bulk);
  if (dd_journal_undo_get_failures (undo)->len > 0)
    show_failures (window, dd_journal_undo_get_failures (undo), message);
  _dd_window_items_update (window);
}

static void
undo_group_then (Job *job)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_object_get_data (G_OBJECT (job->window), "dd-undo-group");
  DdJournal *journal;
  Bulk *bulk;

  if (entries == NULL || !dd_window_items_check_writable (job->window, job->source))
    {
      _dd_job_free (job);
      return;
    }
  if ((journal = dd_window_get_journal (job->window, job->source, &error)) == NULL)
    {
      _dd_job_fail (job, error);
      _dd_job_free (job);
      return;
    }
  bulk = bulk_start (job, G_OBJECT (dd_journal_undo_new (job->client, journal)), BULK_UNDO, _("Undoing"));
  dd_journal_undo_run_async (DD_JOURNAL_UNDO (bulk->runner), entries, bulk->cancellable, group_undone_cb, bulk);
}

/* Undoes the entries of a group (given, or read from source's journal by
 * group id): each restored with a conditional write, with progress. */
void
_dd_window_items_undo_group (DdWindow   *self,
                             DdSource   *source,
                             const char *group,
                             GPtrArray  *entries)
{
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  DdJournal *journal;
  Job *job;

  if (source == NULL || !dd_window_items_check_writable (self, source))
    return;
  if (entries == NULL)
    {
      if ((journal = dd_window_get_journal (self, source, &error)) == NULL
          || (loaded = dd_journal_load_group (journal, group, &error)) == NULL)
        {
          _dd_window_items_say (self, error->message);
          return;
        }
      entries = loaded;
    }
  g_object_set_data_full (G_OBJECT (self), "dd-undo-group", g_ptr_array_ref (entries),
                          (GDestroyNotify) g_ptr_array_unref);
  job = _dd_job_new (self, source, NULL, undo_group_then);
  _dd_job_start (job);
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
      _dd_window_items_run_bulk (job, writer, FALSE, NULL);
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

void
_dd_window_class_items_bulk_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.delete-items", NULL, delete_items_action);
  _dd_window_class_items_copy_init (widget_class);
}
