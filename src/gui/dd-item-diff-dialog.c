/* dd-item-diff-dialog.c: the changes a save makes, for confirmation. */
#define G_LOG_DOMAIN "dd-item-diff-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-item-diff-dialog.h"
#include "dd-item-edit.h"
#include "dd-item-compare.h"
#include "dd-safe-write.h"

#define VALUE_CHARS 60

struct _DdItemDiffDialog
{
  AdwMessageDialog  parent_instance;
  GtkListBox       *list;
  GPtrArray        *lines;
};

G_DEFINE_FINAL_TYPE (DdItemDiffDialog, dd_item_diff_dialog, ADW_TYPE_MESSAGE_DIALOG)

char *
dd_item_diff_format_line (int         kind,
                          const char *name,
                          const char *old_value,
                          const char *new_value)
{
  g_autofree char *old_text = dd_item_edit_format_value (old_value, VALUE_CHARS);
  g_autofree char *new_text = dd_item_edit_format_value (new_value, VALUE_CHARS);

  switch (kind)
    {
    case DD_ITEM_DIFF_ADDED:
      return g_strdup_printf ("+ %s: %s", name, new_text);
    case DD_ITEM_DIFF_REMOVED:
      return g_strdup_printf ("- %s: %s", name, old_text);
    case DD_ITEM_DIFF_CHANGED:
    default:
      return g_strdup_printf ("~ %s: %s → %s", name, old_text, new_text);
    }
}

static char *
map_content (const char *typed_value)
{
  g_autoptr(JsonNode) node = typed_value ? json_from_string (typed_value, NULL) : NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (json_object_get_size (object) != 1 || !json_object_has_member (object, "M"))
    return NULL;
  return json_to_string (json_object_get_member (object, "M"), FALSE);
}

static void
expand_into (GPtrArray  *out,
             GPtrArray  *diffs,
             const char *prefix)
{
  for (guint i = 0; i < diffs->len; i++)
    {
      DdItemDiff *diff = diffs->pdata[i];
      g_autofree char *name = prefix ? g_strdup_printf ("%s.%s", prefix, diff->name) : g_strdup (diff->name);
      g_autofree char *old_map = diff->kind == DD_ITEM_DIFF_CHANGED ? map_content (diff->old_value) : NULL;
      g_autofree char *new_map = diff->kind == DD_ITEM_DIFF_CHANGED ? map_content (diff->new_value) : NULL;
      g_autoptr(GPtrArray) inner = NULL;
      DdItemDiff *copy;

      if (old_map != NULL && new_map != NULL
          && (inner = dd_item_diff (old_map, new_map, NULL)) != NULL && inner->len > 0)
        {
          expand_into (out, inner, name);
          continue;
        }
      copy = g_new0 (DdItemDiff, 1);
      copy->kind = diff->kind;
      copy->name = g_steal_pointer (&name);
      copy->old_value = g_strdup (diff->old_value);
      copy->new_value = g_strdup (diff->new_value);
      g_ptr_array_add (out, copy);
    }
}

GPtrArray *
dd_item_diff_expand (GPtrArray *diffs)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_item_diff_free);

  g_return_val_if_fail (diffs != NULL, out);
  expand_into (out, diffs, NULL);
  return out;
}

static GtkWidget *
diff_row (DdItemDiff *diff)
{
  g_autofree char *old_text = dd_item_edit_format_value (diff->old_value, VALUE_CHARS);
  g_autofree char *new_text = dd_item_edit_format_value (diff->new_value, VALUE_CHARS);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  const char *icon_name, *what, *css;

  switch (diff->kind)
    {
    case DD_ITEM_DIFF_ADDED:
      icon_name = "list-add-symbolic", what = _("Added"), css = "success";
      subtitle = g_strdup (new_text);
      break;
    case DD_ITEM_DIFF_REMOVED:
      icon_name = "list-remove-symbolic", what = _("Removed"), css = "error";
      subtitle = g_strdup (old_text);
      break;
    case DD_ITEM_DIFF_CHANGED:
    default:
      icon_name = "document-edit-symbolic", what = _("Changed"), css = "warning";
      subtitle = g_strdup_printf ("%s → %s", old_text, new_text);
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diff->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, css);
  gtk_widget_set_tooltip_text (icon, what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

char *
dd_item_diff_dialog_dup_text (DdItemDiffDialog *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_ITEM_DIFF_DIALOG (self), NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      g_string_append (out, self->lines->pdata[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
dd_item_diff_dialog_dispose (GObject *object)
{
  DdItemDiffDialog *self = DD_ITEM_DIFF_DIALOG (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_ITEM_DIFF_DIALOG);
  G_OBJECT_CLASS (dd_item_diff_dialog_parent_class)->dispose (object);
}

static void
dd_item_diff_dialog_class_init (DdItemDiffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_item_diff_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-item-diff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdItemDiffDialog, list);
}

static void
dd_item_diff_dialog_init (DdItemDiffDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
dd_item_diff_dialog_new (GtkWindow  *parent,
                         const char *body,
                         GPtrArray  *diffs)
{
  DdItemDiffDialog *self = g_object_new (DD_TYPE_ITEM_DIFF_DIALOG, "transient-for", parent,
                                         "modal", TRUE, "body", body, NULL);
  g_autoptr(GPtrArray) expanded = dd_item_diff_expand (diffs);

  diffs = expanded;

  for (guint i = 0; i < diffs->len; i++)
    {
      DdItemDiff *diff = diffs->pdata[i];

      gtk_list_box_append (self->list, diff_row (diff));
      g_ptr_array_add (self->lines, dd_item_diff_format_line (diff->kind, diff->name, diff->old_value,
                                                              diff->new_value));
    }
  return GTK_WIDGET (self);
}
