/* dd-journal-view.c: the journal browser of a source. The entries of one
 * bulk action (a journal group) make one expandable row, undone as one. */
#define G_LOG_DOMAIN "dd-journal-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-attr.h"
#include "dd-journal-view.h"

struct _DdJournalView
{
  AdwWindow       parent_instance;
  AdwWindowTitle *title;
  GtkStack       *stack;
  GtkLabel       *skipped_label;
  GtkListBox     *list;
  DdSource       *source;
  DdJournal      *journal;
  GPtrArray      *entries;
  GPtrArray      *rows;     /* of GPtrArray of entries: one, or a group */
};

enum { SIGNAL_UNDO, SIGNAL_UNDO_GROUP, N_SIGNALS };

/* A group's writes shown when it is expanded (the others are counted). */
#define GROUP_ROWS_SHOWN 50
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdJournalView, dd_journal_view, ADW_TYPE_WINDOW)

static const char *
kind_of (DdJournalEntry *entry)
{
  if (dd_journal_entry_get_undo_of (entry) != NULL)
    return _("Undo");
  if (dd_journal_entry_is_delete (entry))
    return _("Delete");
  if (dd_journal_entry_get_old_item (entry) == NULL)
    return _("New item");
  return _("Update");
}

static const char *
outcome_of (DdJournalEntry *entry)
{
  switch (dd_journal_entry_get_outcome (entry))
    {
    case DD_JOURNAL_OUTCOME_DONE:
      return _("done");
    case DD_JOURNAL_OUTCOME_FAILED:
      return _("failed");
    case DD_JOURNAL_OUTCOME_UNKNOWN:
    default:
      return _("outcome unknown");
    }
}

char *
dd_journal_entry_describe (DdJournalEntry  *entry,
                           char           **subtitle)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (dd_journal_entry_get_time (entry) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
  g_autofree char *key = dd_attr_item_to_plain (dd_journal_entry_get_key (entry), -1, NULL);

  if (subtitle != NULL)
    {
      /* TRANSLATORS: time · outcome, e.g. "2024-05-01 10:00:00 · done" */
      *subtitle = g_strdup_printf (_("%s · %s"), when, outcome_of (entry));
      if (dd_journal_entry_get_outcome (entry) == DD_JOURNAL_OUTCOME_FAILED && dd_journal_entry_get_error (entry))
        {
          char *longer = g_strdup_printf ("%s: %s", *subtitle, dd_journal_entry_get_error (entry));
          g_free (*subtitle);
          *subtitle = longer;
        }
    }
  /* TRANSLATORS: kind · table · key, e.g. "Delete · Users · {"id": 1}" */
  return g_strdup_printf (_("%s · %s · %s"), kind_of (entry), dd_journal_entry_get_table (entry),
                          key ? key : dd_journal_entry_get_key (entry));
}

static const char *
group_kind (GPtrArray *entries)
{
  gboolean undos = TRUE, deletes = TRUE;

  for (guint i = 0; i < entries->len; i++)
    {
      undos = undos && dd_journal_entry_get_undo_of (entries->pdata[i]) != NULL;
      deletes = deletes && dd_journal_entry_is_delete (entries->pdata[i]);
    }
  return undos ? _("Undo") : deletes ? _("Delete") : _("Write");
}

static void append_count (GString *out, guint n, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* Appends ", " and the formatted count when n > 0 (no comma first). */
static void
append_count (GString    *out,
              guint       n,
              const char *format,
              ...)
{
  va_list args;

  if (n == 0)
    return;
  if (out->len > 0)
    g_string_append (out, ", ");
  va_start (args, format);
  g_string_append_vprintf (out, format, args);
  va_end (args);
}

char *
dd_journal_group_describe (GPtrArray  *entries,
                           char      **subtitle)
{
  g_autofree char *count = NULL;
  DdJournalEntry *newest;
  guint n[3] = { 0 };

  g_return_val_if_fail (entries != NULL && entries->len > 0, NULL);

  newest = entries->pdata[0];
  for (guint i = 0; i < entries->len; i++)
    n[dd_journal_entry_get_outcome (entries->pdata[i])]++;
  if (subtitle != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (dd_journal_entry_get_time (newest) / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("");

      g_autoptr(GString) counts = g_string_new (NULL);

      /* TRANSLATORS: how many writes of a group were done */
      append_count (counts, n[DD_JOURNAL_OUTCOME_DONE], _("%u done"), n[DD_JOURNAL_OUTCOME_DONE]);
      append_count (counts, n[DD_JOURNAL_OUTCOME_FAILED], _("%u failed"), n[DD_JOURNAL_OUTCOME_FAILED]);
      /* TRANSLATORS: writes whose outcome was never recorded */
      append_count (counts, n[DD_JOURNAL_OUTCOME_UNKNOWN], _("%u outcome unknown"), n[DD_JOURNAL_OUTCOME_UNKNOWN]);
      /* TRANSLATORS: time · counts, e.g. "2024-05-01 10:00:00 · 200 done" */
      *subtitle = g_strdup_printf (_("%s · %s"), when, counts->str);
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", entries->len), entries->len);
  /* TRANSLATORS: kind · table · count, e.g. "Delete · Users · 200 items" */
  return g_strdup_printf (_("%s · %s · %s"), group_kind (entries), dd_journal_entry_get_table (newest), count);
}

static void
undo_clicked_cb (GtkButton     *button,
                 DdJournalView *self)
{
  DdJournalEntry *entry = g_object_get_data (G_OBJECT (button), "dd-entry");

  g_signal_emit (self, signals[SIGNAL_UNDO], 0, entry);
}

static void
undo_group_clicked_cb (GtkButton     *button,
                       DdJournalView *self)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (button), "dd-entries");

  g_signal_emit (self, signals[SIGNAL_UNDO_GROUP], 0, entries);
}

static GtkWidget *entry_row (DdJournalView *self, DdJournalEntry *entry);

/* The writes of a group, shown when it is first expanded. */
static void
group_expanded_cb (AdwExpanderRow *row,
                   GParamSpec     *pspec,
                   DdJournalView  *self)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (row), "dd-entries");

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "dd-filled"))
    return;
  g_object_set_data (G_OBJECT (row), "dd-filled", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < entries->len && i < GROUP_ROWS_SHOWN; i++)
    adw_expander_row_add_row (row, entry_row (self, entries->pdata[i]));
  if (entries->len > GROUP_ROWS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more write",
                                                            "And %u more writes", entries->len - GROUP_ROWS_SHOWN),
                                               entries->len - GROUP_ROWS_SHOWN);
      GtkWidget *last = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (last), more);
      adw_expander_row_add_row (row, last);
    }
}

static GtkWidget *
group_row (DdJournalView *self,
           GPtrArray     *entries)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = dd_journal_group_describe (entries, &subtitle);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo All"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Undo Every Write of This Action"), -1);
  g_object_set_data (G_OBJECT (button), "dd-entries", entries);
  g_signal_connect_object (button, "clicked", G_CALLBACK (undo_group_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "dd-entries", entries);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (group_expanded_cb), self, 0);
  return row;
}

/* Entries into rows: a group's entries together, where its newest is. */
static GPtrArray *
rows_of (GPtrArray *entries)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < entries->len; i++)
    {
      DdJournalEntry *entry = entries->pdata[i];
      const char *group = dd_journal_entry_get_group (entry);
      GPtrArray *row = group ? g_hash_table_lookup (groups, group) : NULL;

      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);
          g_ptr_array_add (rows, row);
          if (group != NULL)
            g_hash_table_insert (groups, (gpointer) group, row);
        }
      g_ptr_array_add (row, dd_journal_entry_ref (entry));
    }
  return rows;
}

static GtkWidget *
entry_row (DdJournalView  *self,
           DdJournalEntry *entry)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = dd_journal_entry_describe (entry, &subtitle);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (dd_journal_entry_get_outcome (entry) != DD_JOURNAL_OUTCOME_FAILED)
    {
      button = gtk_button_new_with_mnemonic (_("_Undo"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Undo This Write"), -1);
      g_object_set_data (G_OBJECT (button), "dd-entry", entry);
      g_signal_connect_object (button, "clicked", G_CALLBACK (undo_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

void
dd_journal_view_reload (DdJournalView *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint skipped = 0;

  g_return_if_fail (DD_IS_JOURNAL_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = dd_journal_load (self->journal, &skipped, &error);
  if (self->entries == NULL)
    {
      self->entries = g_ptr_array_new ();
      gtk_label_set_text (self->skipped_label, error->message);
    }
  else if (skipped > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u damaged line was skipped",
                                                            "%u damaged lines were skipped", skipped), skipped);
      gtk_label_set_text (self->skipped_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), error != NULL || skipped > 0);
  self->rows = rows_of (self->entries);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GPtrArray *row = self->rows->pdata[i];

      gtk_list_box_append (self->list, row->len > 1 ? group_row (self, row) : entry_row (self, row->pdata[0]));
    }
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 || error != NULL ? "list" : "empty");
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dd_journal_view_reload (DD_JOURNAL_VIEW (widget));
}

DdSource *
dd_journal_view_get_source (DdJournalView *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL_VIEW (self), NULL);
  return self->source;
}

guint
dd_journal_view_get_n_entries (DdJournalView *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL_VIEW (self), 0);
  return self->entries ? self->entries->len : 0;
}

DdJournalEntry *
dd_journal_view_get_entry (DdJournalView *self,
                           guint          index)
{
  g_return_val_if_fail (DD_IS_JOURNAL_VIEW (self), NULL);
  g_return_val_if_fail (self->entries != NULL && index < self->entries->len, NULL);
  return self->entries->pdata[index];
}

guint
dd_journal_view_get_n_rows (DdJournalView *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL_VIEW (self), 0);
  return self->rows ? self->rows->len : 0;
}

GPtrArray *
dd_journal_view_get_row_entries (DdJournalView *self,
                                 guint          row)
{
  g_return_val_if_fail (DD_IS_JOURNAL_VIEW (self), NULL);
  g_return_val_if_fail (self->rows != NULL && row < self->rows->len, NULL);
  return self->rows->pdata[row];
}

GtkWidget *
dd_journal_view_get_row_widget (DdJournalView *self,
                                guint          row)
{
  g_return_val_if_fail (DD_IS_JOURNAL_VIEW (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) row));
}

void
dd_journal_view_undo_row (DdJournalView *self,
                          guint          row)
{
  GPtrArray *entries = dd_journal_view_get_row_entries (self, row);

  g_return_if_fail (entries != NULL);
  if (entries->len > 1)
    g_signal_emit (self, signals[SIGNAL_UNDO_GROUP], 0, entries);
  else
    g_signal_emit (self, signals[SIGNAL_UNDO], 0, entries->pdata[0]);
}

static void
dd_journal_view_dispose (GObject *object)
{
  DdJournalView *self = DD_JOURNAL_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_JOURNAL_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->journal);
  G_OBJECT_CLASS (dd_journal_view_parent_class)->dispose (object);
}

static void
dd_journal_view_class_init (DdJournalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_journal_view_dispose;
  signals[SIGNAL_UNDO] = g_signal_new ("undo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, DD_TYPE_JOURNAL_ENTRY);
  signals[SIGNAL_UNDO_GROUP] = g_signal_new ("undo-group", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                             NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dynamodesk/DynamoDesk/ui/dd-journal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DdJournalView, title);
  gtk_widget_class_bind_template_child (widget_class, DdJournalView, stack);
  gtk_widget_class_bind_template_child (widget_class, DdJournalView, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, DdJournalView, list);
  gtk_widget_class_install_action (widget_class, "journal.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_journal_view_init (DdJournalView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dd_journal_view_new (GtkWindow *parent,
                     DdSource  *source,
                     DdJournal *journal)
{
  DdJournalView *self = g_object_new (DD_TYPE_JOURNAL_VIEW, "transient-for", parent, NULL);

  self->source = g_object_ref (source);
  self->journal = g_object_ref (journal);
  adw_window_title_set_subtitle (self->title, dd_source_get_name (source));
  dd_journal_view_reload (self);
  return GTK_WIDGET (self);
}
