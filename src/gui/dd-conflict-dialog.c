/* dd-conflict-dialog.c: both versions of an item after a refused write. */
#define G_LOG_DOMAIN "dd-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-conflict-dialog.h"
#include "dd-item-edit.h"

struct _DdConflictDialog
{
  AdwMessageDialog  parent_instance;
  GtkTextView      *mine_view;
  GtkTextView      *current_view;
  DdWriteConflict  *conflict;
};

G_DEFINE_FINAL_TYPE (DdConflictDialog, dd_conflict_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
show_item (GtkTextView *view,
           const char  *typed,
           const char  *missing)
{
  g_autoptr(JsonObject) item = typed ? dd_item_edit_parse_typed (typed, -1, NULL) : NULL;
  g_autofree char *text = item ? dd_item_edit_write_text (item, TRUE) : NULL;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : missing, -1);
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
dd_conflict_dialog_dup_mine (DdConflictDialog *self)
{
  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);
  return text_of (self->mine_view);
}

char *
dd_conflict_dialog_dup_current (DdConflictDialog *self)
{
  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);
  return text_of (self->current_view);
}

DdWriteConflict *
dd_conflict_dialog_get_conflict (DdConflictDialog *self)
{
  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);
  return self->conflict;
}

static void
dd_conflict_dialog_dispose (GObject *object)
{
  DdConflictDialog *self = DD_CONFLICT_DIALOG (object);

  g_clear_pointer (&self->conflict, dd_write_conflict_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_CONFLICT_DIALOG);
  G_OBJECT_CLASS (dd_conflict_dialog_parent_class)->dispose (object);
}

static void
dd_conflict_dialog_class_init (DdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_conflict_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdConflictDialog, mine_view);
  gtk_widget_class_bind_template_child (widget_class, DdConflictDialog, current_view);
}

static void
dd_conflict_dialog_init (DdConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dd_conflict_dialog_new (GtkWindow       *parent,
                        DdWriteConflict *conflict)
{
  DdConflictDialog *self = g_object_new (DD_TYPE_CONFLICT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  self->conflict = conflict;
  show_item (self->mine_view, conflict->mine, _("(deleted)"));
  show_item (self->current_view, conflict->current, _("(the item is no longer in the table)"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "theirs", conflict->current != NULL);
  return GTK_WIDGET (self);
}
