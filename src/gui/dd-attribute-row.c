/* dd-attribute-row.c: one attribute of the item editor's form. */
#define G_LOG_DOMAIN "dd-attribute-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dd-attribute-row.h"
#include "dd-item-edit.h"

struct _DdAttributeRow
{
  GtkWidget        parent_instance;

  /* template */
  GtkWidget       *header;
  GtkToggleButton *expand_button;
  GtkEntry        *name_entry;
  GtkLabel        *index_label;
  GtkDropDown     *type_dropdown;
  GtkStack        *value_stack;
  GtkEntry        *value_entry;
  GtkSwitch       *bool_switch;
  GtkTextView     *set_view;
  GtkLabel        *summary_label;
  GtkLabel        *key_label;
  GtkButton       *remove_button;
  GtkLabel        *problem_label;
  GtkWidget       *children_revealer;
  GtkBox          *children_box;
  GtkButton       *add_button;

  const char      *type;     /* one of dd_item_edit_types */
  int              index;    /* >= 0 in a list */
  guint            updating : 1;
  guint            is_key : 1;
};

enum { SIGNAL_CHANGED, SIGNAL_REMOVE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdAttributeRow, dd_attribute_row, GTK_TYPE_WIDGET)

static gboolean
is_set (const char *type)
{
  return g_str_equal (type, "SS") || g_str_equal (type, "NS") || g_str_equal (type, "BS");
}

static gboolean
is_composite (const char *type)
{
  return g_str_equal (type, "M") || g_str_equal (type, "L");
}

static void
emit_changed (DdAttributeRow *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static guint
type_position (const char *type)
{
  for (guint i = 0; dd_item_edit_types[i] != NULL; i++)
    if (g_str_equal (dd_item_edit_types[i], type))
      return i;
  return 0;
}

/* Children */

static void child_remove_cb (DdAttributeRow *self,
                             DdAttributeRow *child);

static void
update_summary (DdAttributeRow *self)
{
  guint n = 0;
  g_autofree char *text = NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  if (g_str_equal (self->type, "M"))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", n), n);
  gtk_label_set_text (self->summary_label, text);
}

static void
renumber (DdAttributeRow *self)
{
  int i = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); c; c = gtk_widget_get_next_sibling (c))
    {
      g_autofree char *label = g_strdup_printf ("%d", i);

      DD_ATTRIBUTE_ROW (c)->index = i++;
      gtk_label_set_text (DD_ATTRIBUTE_ROW (c)->index_label, label);
    }
}

static void
add_child (DdAttributeRow *self,
           const char     *name,
           JsonNode       *value)
{
  int index = g_str_equal (self->type, "L") ? 0 : -1;
  GtkWidget *child = dd_attribute_row_new (name, value, index);

  gtk_box_append (self->children_box, child);
  g_signal_connect_object (child, "changed", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (child, "remove", G_CALLBACK (child_remove_cb), self, G_CONNECT_SWAPPED);
  if (index >= 0)
    renumber (self);
}

static void
clear_children (DdAttributeRow *self)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (self->children_box))) != NULL)
    gtk_box_remove (self->children_box, c);
}

static void
child_remove_cb (DdAttributeRow *self,
                 DdAttributeRow *child)
{
  gtk_box_remove (self->children_box, GTK_WIDGET (child));
  renumber (self);
  update_summary (self);
  emit_changed (self);
}

/* Values */

static void
show_value (DdAttributeRow *self,
            JsonNode       *value)
{
  const char *type = dd_item_edit_type_of (value);
  JsonNode *content;

  if (type == NULL)
    {
      g_autoptr(JsonNode) empty = dd_item_edit_new_value ("S");
      show_value (self, empty);
      return;
    }
  content = json_object_get_member (json_node_get_object (value), type);
  self->updating = TRUE;
  self->type = dd_item_edit_types[type_position (type)];
  gtk_drop_down_set_selected (self->type_dropdown, type_position (type));
  clear_children (self);
  if (is_composite (type))
    {
      gtk_stack_set_visible_child_name (self->value_stack, "composite");
      if (g_str_equal (type, "M"))
        {
          g_autoptr(GList) names = json_object_get_members (json_node_get_object (content));

          for (GList *l = names; l != NULL; l = l->next)
            add_child (self, l->data, json_object_get_member (json_node_get_object (content), l->data));
        }
      else
        for (guint i = 0; i < json_array_get_length (json_node_get_array (content)); i++)
          add_child (self, NULL, json_array_get_element (json_node_get_array (content), i));
      update_summary (self);
    }
  else if (is_set (type))
    {
      g_autoptr(GString) lines = g_string_new (NULL);
      JsonArray *members = json_node_get_array (content);

      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          if (i > 0)
            g_string_append_c (lines, '\n');
          g_string_append (lines, json_array_get_string_element (members, i));
        }
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->set_view), lines->str, -1);
      /* a text view's height follows its lines only once laid out: ask for them */
      gtk_widget_set_size_request (GTK_WIDGET (self->set_view), -1,
                                   8 + 20 * (int) MIN (MAX (json_array_get_length (members), 1), 8));
      gtk_stack_set_visible_child_name (self->value_stack, "set");
    }
  else if (g_str_equal (type, "BOOL"))
    {
      gtk_switch_set_active (self->bool_switch, json_node_get_boolean (content));
      gtk_stack_set_visible_child_name (self->value_stack, "bool");
    }
  else if (g_str_equal (type, "NULL"))
    gtk_stack_set_visible_child_name (self->value_stack, "null");
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->value_entry), json_node_get_string (content));
      gtk_stack_set_visible_child_name (self->value_stack, "text");
    }
  /* kept in place (not drawn) so that names line up */
  gtk_widget_set_child_visible (GTK_WIDGET (self->expand_button), is_composite (type));
  gtk_widget_set_visible (self->children_revealer,
                                 is_composite (type) && gtk_toggle_button_get_active (self->expand_button));
  self->updating = FALSE;
}

static char **
set_lines (DdAttributeRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->set_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_strv_builder_add (builder, lines[i]);
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return out;
}

JsonNode *
dd_attribute_row_dup_value (DdAttributeRow *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (DD_IS_ATTRIBUTE_ROW (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, self->type);
  if (g_str_equal (self->type, "M") || g_str_equal (self->type, "L"))
    {
      gboolean map = g_str_equal (self->type, "M");

      map ? json_builder_begin_object (builder) : json_builder_begin_array (builder);
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); c;
           c = gtk_widget_get_next_sibling (c))
        {
          if (map)
            json_builder_set_member_name (builder, dd_attribute_row_get_name (DD_ATTRIBUTE_ROW (c)));
          json_builder_add_value (builder, dd_attribute_row_dup_value (DD_ATTRIBUTE_ROW (c)));
        }
      map ? json_builder_end_object (builder) : json_builder_end_array (builder);
    }
  else if (is_set (self->type))
    {
      g_auto(GStrv) lines = set_lines (self);

      json_builder_begin_array (builder);
      for (guint i = 0; lines[i] != NULL; i++)
        json_builder_add_string_value (builder, lines[i]);
      json_builder_end_array (builder);
    }
  else if (g_str_equal (self->type, "BOOL"))
    json_builder_add_boolean_value (builder, gtk_switch_get_active (self->bool_switch));
  else if (g_str_equal (self->type, "NULL"))
    json_builder_add_boolean_value (builder, TRUE);
  else
    json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->value_entry)));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Callbacks */

static void
type_selected_cb (DdAttributeRow *self)
{
  guint position = gtk_drop_down_get_selected (self->type_dropdown);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonNode) converted = NULL;

  if (self->updating || position >= DD_ITEM_EDIT_N_TYPES || g_str_equal (self->type, dd_item_edit_types[position]))
    return;
  value = dd_attribute_row_dup_value (self);
  converted = dd_item_edit_convert (value, dd_item_edit_types[position]);
  show_value (self, converted);
  emit_changed (self);
}

static void
expand_toggled_cb (DdAttributeRow *self)
{
  gboolean expanded = gtk_toggle_button_get_active (self->expand_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button), expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_widget_set_visible (self->children_revealer, expanded && is_composite (self->type));
}

static void
add_member_cb (DdAttributeRow *self)
{
  g_autoptr(JsonNode) value = dd_item_edit_new_value ("S");
  GtkWidget *last;

  add_child (self, "", value);
  update_summary (self);
  dd_attribute_row_set_expanded (self, TRUE);
  last = gtk_widget_get_last_child (GTK_WIDGET (self->children_box));
  gtk_widget_grab_focus (g_str_equal (self->type, "M") ? GTK_WIDGET (DD_ATTRIBUTE_ROW (last)->name_entry)
                                                       : GTK_WIDGET (DD_ATTRIBUTE_ROW (last)->value_entry));
  emit_changed (self);
}

static void
remove_clicked_cb (DdAttributeRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

/* Checks */

static void
add_problem (DdAttributeRow *self,
             GPtrArray      *problems,
             char           *problem)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->problem_label)))
    {
      gtk_label_set_text (self->problem_label, problem);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
    }
  g_ptr_array_add (problems, problem);
}

static void
check_set (DdAttributeRow *self,
           GPtrArray      *problems)
{
  g_auto(GStrv) lines = set_lines (self);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *member = g_str_equal (self->type, "SS") ? "S" : g_str_equal (self->type, "NS") ? "N" : "B";
  const char *name = dd_attribute_row_get_name (self);

  if (lines[0] == NULL)
    add_problem (self, problems, g_strdup_printf (_("“%s”: a set needs at least one member"), name));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *reason = NULL;

      if (!g_hash_table_add (seen, lines[i]))
        add_problem (self, problems, g_strdup_printf (_("“%s”: “%s” is in the set twice"), name, lines[i]));
      else if (!dd_item_edit_scalar_is_valid (member, lines[i], &reason))
        add_problem (self, problems, g_strdup_printf (_("“%s”: “%s”: %s"), name, lines[i], reason));
    }
}

static void
check_children (DdAttributeRow *self,
                GPtrArray      *problems)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); c; c = gtk_widget_get_next_sibling (c))
    {
      DdAttributeRow *child = DD_ATTRIBUTE_ROW (c);

      dd_attribute_row_check (child, problems);
      if (child->index < 0 && !g_hash_table_add (names, (gpointer) dd_attribute_row_get_name (child)))
        add_problem (child, problems, g_strdup_printf (_("“%s” is in the map twice"),
                                                       dd_attribute_row_get_name (child)));
    }
}

void
dd_attribute_row_check (DdAttributeRow *self,
                        GPtrArray      *problems)
{
  const char *reason = NULL;
  const char *name = dd_attribute_row_get_name (self);

  g_return_if_fail (DD_IS_ATTRIBUTE_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "error");
  if (self->index < 0 && *name == '\0')
    add_problem (self, problems, g_strdup (_("An attribute needs a name")));
  if (is_composite (self->type))
    check_children (self, problems);
  else if (is_set (self->type))
    check_set (self, problems);
  else if (g_str_equal (self->type, "BOOL") || g_str_equal (self->type, "NULL"))
    return;
  else if (!dd_item_edit_scalar_is_valid (self->type, gtk_editable_get_text (GTK_EDITABLE (self->value_entry)), &reason))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "error");
      add_problem (self, problems, g_strdup_printf (_("“%s”: %s"), name, reason));
    }
}

/* Public */

const char *
dd_attribute_row_get_name (DdAttributeRow *self)
{
  g_return_val_if_fail (DD_IS_ATTRIBUTE_ROW (self), NULL);
  if (self->index >= 0)
    return gtk_label_get_text (self->index_label);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

const char *
dd_attribute_row_get_type_code (DdAttributeRow *self)
{
  g_return_val_if_fail (DD_IS_ATTRIBUTE_ROW (self), NULL);
  return self->type;
}

void
dd_attribute_row_set_type_code (DdAttributeRow *self,
                                const char     *type)
{
  g_return_if_fail (DD_IS_ATTRIBUTE_ROW (self));
  gtk_drop_down_set_selected (self->type_dropdown, type_position (type));
}

void
dd_attribute_row_set_text (DdAttributeRow *self,
                           const char     *text)
{
  g_return_if_fail (DD_IS_ATTRIBUTE_ROW (self));
  if (is_set (self->type))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->set_view), text, -1);
  else if (g_str_equal (self->type, "BOOL"))
    gtk_switch_set_active (self->bool_switch, g_strcmp0 (text, "true") == 0);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->value_entry), text);
}

void
dd_attribute_row_set_key (DdAttributeRow *self,
                          const char     *label,
                          const char     *type,
                          gboolean        value_locked)
{
  g_return_if_fail (DD_IS_ATTRIBUTE_ROW (self));

  self->is_key = TRUE;
  gtk_label_set_text (self->key_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_entry), FALSE);
  if (type != NULL)
    {
      dd_attribute_row_set_type_code (self, type);
      gtk_widget_set_sensitive (GTK_WIDGET (self->type_dropdown), FALSE);
    }
  if (value_locked)
    {
      gtk_editable_set_editable (GTK_EDITABLE (self->value_entry), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_entry),
                                   _("The key of a saved item cannot change: duplicate the item to give it another key"));
    }
}

gboolean
dd_attribute_row_get_is_key (DdAttributeRow *self)
{
  g_return_val_if_fail (DD_IS_ATTRIBUTE_ROW (self), FALSE);
  return self->is_key;
}

GtkWidget *
dd_attribute_row_get_children_box (DdAttributeRow *self)
{
  g_return_val_if_fail (DD_IS_ATTRIBUTE_ROW (self), NULL);
  return GTK_WIDGET (self->children_box);
}

void
dd_attribute_row_set_expanded (DdAttributeRow *self,
                               gboolean        expanded)
{
  g_return_if_fail (DD_IS_ATTRIBUTE_ROW (self));
  gtk_toggle_button_set_active (self->expand_button, expanded);
}

DdAttributeRow *
dd_attribute_row_find_child (DdAttributeRow *self,
                             const char     *name)
{
  g_return_val_if_fail (DD_IS_ATTRIBUTE_ROW (self), NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->children_box)); c; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (dd_attribute_row_get_name (DD_ATTRIBUTE_ROW (c)), name) == 0)
      return DD_ATTRIBUTE_ROW (c);
  return NULL;
}

/* Class */

static void
dd_attribute_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_ATTRIBUTE_ROW);
  G_OBJECT_CLASS (dd_attribute_row_parent_class)->dispose (object);
}

static void
dd_attribute_row_class_init (DdAttributeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_attribute_row_dispose;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-attribute-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, header);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, expand_button);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, index_label);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, value_stack);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, bool_switch);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, set_view);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, key_label);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, children_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, children_box);
  gtk_widget_class_bind_template_child (widget_class, DdAttributeRow, add_button);
}

static void
dd_attribute_row_init (DdAttributeRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_drop_down_set_model (self->type_dropdown,
                           G_LIST_MODEL (gtk_string_list_new ((const char * const *) dd_item_edit_types)));
  self->type = dd_item_edit_types[0];
  self->index = -1;
  g_signal_connect_swapped (self->type_dropdown, "notify::selected", G_CALLBACK (type_selected_cb), self);
  g_signal_connect_swapped (self->expand_button, "toggled", G_CALLBACK (expand_toggled_cb), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_member_cb), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->value_entry, "changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->bool_switch, "notify::active", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->set_view), "changed", G_CALLBACK (emit_changed), self);
}

GtkWidget *
dd_attribute_row_new (const char *name,
                      JsonNode   *value,
                      int         index)
{
  DdAttributeRow *self = g_object_new (DD_TYPE_ATTRIBUTE_ROW, NULL);

  self->index = index;
  gtk_widget_set_visible (GTK_WIDGET (self->name_entry), index < 0);
  gtk_widget_set_visible (GTK_WIDGET (self->index_label), index >= 0);
  if (index >= 0)
    {
      g_autofree char *label = g_strdup_printf ("%d", index);
      gtk_label_set_text (self->index_label, label);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name ? name : "");
  show_value (self, value);
  return GTK_WIDGET (self);
}
