/* dd-column-chooser.c: show, hide and order the result columns. */
#define G_LOG_DOMAIN "dd-column-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-column-chooser.h"

struct _DdColumnChooser
{
  GtkPopover     parent_instance;
  GtkColumnView *view;     /* not owned: the results view holds both */
  GtkBox        *rows;
  GSettings     *settings;
  char          *table_id;
  guint          restoring : 1;
};

G_DEFINE_FINAL_TYPE (DdColumnChooser, dd_column_chooser, GTK_TYPE_POPOVER)

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APP_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static const char *
column_name (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "dd-column");
}

/* Settings: a{sa{si}} widths and a{sas} hidden names, by table id */

static GVariant *
lookup_table (DdColumnChooser *self,
              const char      *key,
              const char      *type)
{
  g_autoptr(GVariant) all = NULL;

  if (self->settings == NULL || self->table_id == NULL)
    return NULL;
  all = g_settings_get_value (self->settings, key);
  return g_variant_lookup_value (all, self->table_id, G_VARIANT_TYPE (type));
}

/* Replaces this table's entry of a dictionary key with value (floating). */
static void
store_table (DdColumnChooser *self,
             const char      *key,
             GVariant        *value)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, key);
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *table;
  GVariant *entry;

  g_variant_builder_init (&builder, g_variant_get_type (all));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@*}", &table, &entry))
    {
      if (!g_str_equal (table, self->table_id))
        g_variant_builder_add (&builder, "{s@*}", table, entry);
      g_variant_unref (entry);
    }
  g_variant_builder_add (&builder, "{s@*}", self->table_id, owned);
  g_settings_set_value (self->settings, key, g_variant_builder_end (&builder));
}

static void
save_layout (DdColumnChooser *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);
  GVariantBuilder widths, hidden;

  if (self->settings == NULL || self->table_id == NULL || self->restoring)
    return;
  g_variant_builder_init (&widths, G_VARIANT_TYPE ("a{si}"));
  g_variant_builder_init (&hidden, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_variant_builder_add (&widths, "{si}", column_name (column),
                             gtk_column_view_column_get_fixed_width (column));
      if (!gtk_column_view_column_get_visible (column))
        g_variant_builder_add (&hidden, "s", column_name (column));
    }
  store_table (self, "column-widths", g_variant_builder_end (&widths));
  store_table (self, "hidden-columns", g_variant_builder_end (&hidden));
}

void
dd_column_chooser_column_added (DdColumnChooser     *self,
                                GtkColumnViewColumn *column)
{
  g_autoptr(GVariant) widths = NULL;
  g_autoptr(GVariant) hidden = NULL;
  const char *name = column_name (column);
  int width;

  g_return_if_fail (DD_IS_COLUMN_CHOOSER (self));

  self->restoring = TRUE;
  if ((widths = lookup_table (self, "column-widths", "a{si}")) != NULL
      && g_variant_lookup (widths, name, "i", &width) && width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  if ((hidden = lookup_table (self, "hidden-columns", "as")) != NULL)
    {
      g_autofree const char **names = g_variant_get_strv (hidden, NULL);

      gtk_column_view_column_set_visible (column, !g_strv_contains (names, name));
    }
  self->restoring = FALSE;
  g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (save_layout), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "notify::visible", G_CALLBACK (save_layout), self, G_CONNECT_SWAPPED);
}

void
dd_column_chooser_set_table (DdColumnChooser *self,
                             const char      *table_id)
{
  g_return_if_fail (DD_IS_COLUMN_CHOOSER (self));
  g_free (self->table_id);
  self->table_id = g_strdup (table_id);
}

/* The list in the popover */

static void rebuild (DdColumnChooser *self);

void
dd_column_chooser_move (DdColumnChooser *self,
                        guint            from,
                        guint            to)
{
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (DD_IS_COLUMN_CHOOSER (self));
  columns = gtk_column_view_get_columns (self->view);
  if (from >= g_list_model_get_n_items (columns) || to >= g_list_model_get_n_items (columns))
    return;
  column = g_list_model_get_item (columns, from);
  gtk_column_view_insert_column (self->view, to, column);
  save_layout (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    rebuild (self);
}

void
dd_column_chooser_set_visible (DdColumnChooser *self,
                               guint            position,
                               gboolean         visible)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (DD_IS_COLUMN_CHOOSER (self));
  column = g_list_model_get_item (gtk_column_view_get_columns (self->view), position);
  if (column != NULL)
    gtk_column_view_column_set_visible (column, visible);
}

static void
toggled_cb (GtkCheckButton  *check,
            DdColumnChooser *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "dd-position"));

  dd_column_chooser_set_visible (self, position, gtk_check_button_get_active (check));
}

static void
move_clicked_cb (GtkButton       *button,
                 DdColumnChooser *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dd-position"));
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "dd-step"));

  if (step < 0 && position == 0)
    return;
  dd_column_chooser_move (self, position, (guint) ((int) position + step));
}

static GtkWidget *
move_button (DdColumnChooser *self,
             guint            position,
             int              step)
{
  GtkWidget *button = gtk_button_new_from_icon_name (step < 0 ? "go-previous-symbolic" : "go-next-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, step < 0 ? _("Move Left") : _("Move Right"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  step < 0 ? _("Move Left") : _("Move Right"), -1);
  g_object_set_data (G_OBJECT (button), "dd-position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (button), "dd-step", GINT_TO_POINTER (step));
  g_signal_connect_object (button, "clicked", G_CALLBACK (move_clicked_cb), self, 0);
  return button;
}

static GtkWidget *
column_row (DdColumnChooser     *self,
            GtkColumnViewColumn *column,
            guint                position,
            guint                n)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new_with_label (gtk_column_view_column_get_title (column));
  GtkWidget *up = move_button (self, position, -1);
  GtkWidget *down = move_button (self, position, 1);

  gtk_widget_set_hexpand (check, TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), gtk_column_view_column_get_visible (column));
  g_object_set_data (G_OBJECT (check), "dd-position", GUINT_TO_POINTER (position));
  g_signal_connect_object (check, "toggled", G_CALLBACK (toggled_cb), self, 0);
  gtk_widget_set_sensitive (up, position > 0);
  gtk_widget_set_sensitive (down, position + 1 < n);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), up);
  gtk_box_append (GTK_BOX (row), down);
  return row;
}

static void
rebuild (DdColumnChooser *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);
  guint n = g_list_model_get_n_items (columns);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);
  if (n == 0)
    {
      child = gtk_label_new (_("No columns yet"));
      gtk_widget_add_css_class (child, "dim-label");
      gtk_box_append (self->rows, child);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_box_append (self->rows, column_row (self, column, i, n));
    }
}

static void
dd_column_chooser_show (GtkWidget *widget)
{
  rebuild (DD_COLUMN_CHOOSER (widget));
  GTK_WIDGET_CLASS (dd_column_chooser_parent_class)->show (widget);
}

static void
dd_column_chooser_finalize (GObject *object)
{
  DdColumnChooser *self = DD_COLUMN_CHOOSER (object);

  g_clear_object (&self->settings);
  g_free (self->table_id);
  G_OBJECT_CLASS (dd_column_chooser_parent_class)->finalize (object);
}

static void
dd_column_chooser_class_init (DdColumnChooserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_column_chooser_finalize;
  GTK_WIDGET_CLASS (klass)->show = dd_column_chooser_show;
}

static void
dd_column_chooser_init (DdColumnChooser *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Columns"));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  self->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->rows));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (self), box);
  self->settings = create_settings ();
}

DdColumnChooser *
dd_column_chooser_new (GtkColumnView *view)
{
  DdColumnChooser *self;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  self = g_object_new (DD_TYPE_COLUMN_CHOOSER, NULL);
  self->view = view;
  return self;
}
