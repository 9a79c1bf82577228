/* dd-window-items-copy.c: copying the selected rows to a table of this or
 * another data source: the target's own client (its credentials, region,
 * endpoint), its key schema read fresh (DescribeTable) and checked against
 * every item before anything is sent, then BatchWriteItem with progress,
 * each put journalled in the target's journal with the item it replaces,
 * as one group that one Undo takes back. A read-only target is refused
 * before any request. */
#define G_LOG_DOMAIN "dd-window-items"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-batch-writer.h"
#include "dd-item-edit.h"
#include "dd-window-items-private.h"

typedef struct
{
  Job        *job;          /* the rows' job (source, items) */
  GPtrArray  *source_ids;   /* parallel to the source row's model */
  AdwComboRow *source_row;
  AdwComboRow *table_row;
} CopyDialog;

static void
copy_dialog_free (CopyDialog *copy)
{
  g_clear_pointer (&copy->job, _dd_job_free);
  g_ptr_array_unref (copy->source_ids);
  g_free (copy);
}

/* Sending */

/* Splits items into those with the target's key and the problems of the
 * others (one line each). */
static GPtrArray *
items_with_key (GPtrArray *items,
                TableInfo *info,
                GPtrArray *problems)
{
  GPtrArray *valid = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) item = dd_item_edit_parse_typed (items->pdata[i], -1, &error);
      g_autoptr(GPtrArray) found = NULL;

      if (item == NULL)
        {
          g_ptr_array_add (problems, g_strdup (error->message));
          continue;
        }
      found = dd_item_edit_check_key (item, (const char * const *) info->key_names,
                                      (const char * const *) info->key_types);
      if (found->len > 0)
        g_ptr_array_add (problems, g_strdup (found->pdata[0]));
      else
        g_ptr_array_add (valid, g_strdup (items->pdata[i]));
    }
  return valid;
}

static void
copy_target_described (Job *target)
{
  g_autoptr(Job) origin = g_steal_pointer (&target->origin);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) valid = items_with_key (origin->items, target->info, problems);
  g_autofree char *note = NULL;
  DdBatchWriter *writer;

  if (valid->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Not copied to “%s”: %s"), target->table,
                                                  (char *) problems->pdata[0]);
      _dd_window_items_say (target->window, message);
      _dd_job_free (target);
      return;
    }
  writer = _dd_batch_writer (target, target->table, target->info);
  if (writer == NULL)
    {
      _dd_job_free (target);
      return;
    }
  dd_batch_writer_set_journal_puts (writer, TRUE);
  if (problems->len > 0)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item not copied: %s", "%u items not copied: %s",
                                         problems->len),
                            problems->len, (char *) problems->pdata[0]);
  target->items = g_steal_pointer (&valid);
  _dd_window_items_run_bulk (target, writer, TRUE, note);
}

static DdSource *
chosen_source (DdWindow   *self,
               CopyDialog *copy)
{
  guint index = adw_combo_row_get_selected (copy->source_row);

  if (index >= copy->source_ids->len)
    return NULL;
  return dd_source_store_lookup (self->sources, copy->source_ids->pdata[index]);
}

static void
copy_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DdWindow         *self)
{
  CopyDialog *copy = g_object_get_data (G_OBJECT (dialog), "dd-copy");
  GtkStringObject *chosen = adw_combo_row_get_selected_item (copy->table_row);
  DdSource *source = chosen_source (self, copy);
  Job *target;

  if (g_strcmp0 (response, "copy") != 0)
    return;
  if (source == NULL || chosen == NULL)
    {
      _dd_window_items_say (self, _("Choose the table to copy to"));
      return;
    }
  /* refused before any request, even DescribeTable */
  if (!dd_window_items_check_writable (self, source))
    return;
  target = _dd_job_new (self, source, gtk_string_object_get_string (chosen), copy_target_described);
  target->origin = g_steal_pointer (&copy->job);
  /* the key schema as it is now */
  _dd_window_items_forget_table (self, source, target->table);
  _dd_job_start (target);
}

/* The dialog */

static void
source_chosen_cb (AdwComboRow *row,
                  GParamSpec  *pspec,
                  DdWindow    *self)
{
  CopyDialog *copy = g_object_get_data (G_OBJECT (row), "dd-copy");
  DdSource *source = chosen_source (self, copy);
  DdSession *session;

  if (source == NULL)
    return;
  /* where it goes: the source's region, and its endpoint when it has one */
  if (dd_source_get_endpoint (source) != NULL && *dd_source_get_endpoint (source) != '\0')
    {
      g_autofree char *where = g_strdup_printf (_("%s · %s"), dd_source_get_region (source),
                                                dd_source_get_endpoint (source));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dd_source_get_region (source));
  session = dd_sidebar_get_session (self->sidebar, source);
  adw_combo_row_set_model (copy->table_row, dd_session_get_tables (session));
  dd_session_ensure_tables (session);
}

/* The saved sources, read-only ones marked; selects current. */
static GtkStringList *
source_names (DdWindow   *self,
              CopyDialog *copy,
              DdSource   *current,
              guint      *selected)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  GListModel *sources = G_LIST_MODEL (self->sources);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(DdSource) source = g_list_model_get_item (sources, i);
      g_autofree char *name = dd_source_get_read_only (source)
                                ? g_strdup_printf (_("%s (read-only)"), dd_source_get_name (source))
                                : g_strdup (dd_source_get_name (source));

      if (source == current)
        *selected = copy->source_ids->len;
      g_ptr_array_add (copy->source_ids, g_strdup (dd_source_get_id (source)));
      gtk_string_list_append (names, name);
    }
  return names;
}

static GtkWidget *
target_rows (DdWindow   *self,
             CopyDialog *copy)
{
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GtkStringList) names = NULL;
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint selected = 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  copy->source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  copy->table_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (copy->source_row), _("Data Source"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (copy->table_row), _("Table"));
  adw_combo_row_set_expression (copy->table_row, expression);
  names = source_names (self, copy, copy->job->source, &selected);
  adw_combo_row_set_model (copy->source_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (copy->source_row, selected);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (copy->source_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (copy->table_row));
  g_object_set_data (G_OBJECT (copy->source_row), "dd-copy", copy);
  g_signal_connect_object (copy->source_row, "notify::selected", G_CALLBACK (source_chosen_cb), self, 0);
  source_chosen_cb (copy->source_row, NULL, self);
  return list;
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
  CopyDialog *copy;
  Job *job;

  if (rows->len == 0 || (job = _dd_window_rows_job (self, rows, NULL)) == NULL)
    {
      _dd_window_items_say (self, _("Select the rows to copy first"));
      return;
    }
  copy = g_new0 (CopyDialog, 1);
  copy->job = job;
  copy->source_ids = g_ptr_array_new_with_free_func (g_free);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copy %u Item To…", "Copy %u Items To…", job->items->len),
                             job->items->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("A table of this or another data source. Items with the "
                                                         "same key there are replaced; every write is kept in that "
                                                         "source’s undo journal.")));
  g_object_set_data_full (G_OBJECT (dialog), "dd-copy", copy, (GDestroyNotify) copy_dialog_free);
  adw_message_dialog_set_extra_child (dialog, target_rows (self, copy));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "copy", _("_Copy"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (copy_response_cb), self, 0);
  _dd_window_items_set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
dd_window_items_choose_copy_target (DdWindow   *self,
                                    const char *source_id,
                                    const char *table)
{
  GtkWidget *dialog = dd_window_get_items_dialog (self);
  CopyDialog *copy = dialog ? g_object_get_data (G_OBJECT (dialog), "dd-copy") : NULL;
  GListModel *tables;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (copy == NULL)
    return FALSE;
  for (guint i = 0; i < copy->source_ids->len; i++)
    if (g_str_equal (copy->source_ids->pdata[i], source_id) && adw_combo_row_get_selected (copy->source_row) != i)
      adw_combo_row_set_selected (copy->source_row, i);
  tables = adw_combo_row_get_model (copy->table_row);
  for (guint i = 0; tables != NULL && i < g_list_model_get_n_items (tables); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (tables, i);

      if (g_str_equal (gtk_string_object_get_string (name), table))
        {
          adw_combo_row_set_selected (copy->table_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

void
_dd_window_class_items_copy_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-items", NULL, copy_items_action);
}
