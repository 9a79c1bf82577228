/* dd-journal-view.c: the journal browser of a source. */
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
};

enum { SIGNAL_UNDO, N_SIGNALS };
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

static void
undo_clicked_cb (GtkButton     *button,
                 DdJournalView *self)
{
  DdJournalEntry *entry = g_object_get_data (G_OBJECT (button), "dd-entry");

  g_signal_emit (self, signals[SIGNAL_UNDO], 0, entry);
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
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, entry_row (self, self->entries->pdata[i]));
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

static void
dd_journal_view_dispose (GObject *object)
{
  DdJournalView *self = DD_JOURNAL_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_JOURNAL_VIEW);
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
