/* dd-fetch-options.c: parallel Scan segments, fetch until N, the cap. */
#define G_LOG_DOMAIN "dd-fetch-options"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-fetch-options.h"

struct _DdFetchOptions
{
  GtkPopover  parent_instance;
  GSettings  *settings;
};

G_DEFINE_FINAL_TYPE (DdFetchOptions, dd_fetch_options, GTK_TYPE_POPOVER)

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  return label;
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  return label;
}

/* A labelled spin button bound to a settings key (when there are settings). */
static GtkWidget *
spin_row (DdFetchOptions *self,
          const char     *title,
          const char     *key,
          double          min,
          double          max,
          double          step,
          GtkWidget      *extra)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_widget_set_name (spin, key);
  if (self->settings != NULL)
    g_settings_bind (self->settings, key, gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                     G_SETTINGS_BIND_DEFAULT);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), spin);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (row), extra);
  return row;
}

static void
dd_fetch_options_finalize (GObject *object)
{
  g_clear_object (&DD_FETCH_OPTIONS (object)->settings);
  G_OBJECT_CLASS (dd_fetch_options_parent_class)->finalize (object);
}

static void
dd_fetch_options_class_init (DdFetchOptionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_fetch_options_finalize;
}

static void
dd_fetch_options_init (DdFetchOptions *self)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = schemas ? g_settings_schema_source_lookup (schemas, APP_ID, TRUE) : NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *fetch = gtk_button_new_with_mnemonic (_("_Fetch"));

  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (fetch), "win.fetch-until");
  gtk_widget_set_tooltip_text (fetch, _("Fetch pages until this many more items match the request's filter"));
  gtk_box_append (GTK_BOX (box), heading (_("Parallel Scan")));
  gtk_box_append (GTK_BOX (box), spin_row (self, _("_Segments"), "scan-segments", 1, 16, 1, NULL));
  gtk_box_append (GTK_BOX (box), caption (_("Used when a Scan runs: the table is read in this many parts at once.")));
  gtk_box_append (GTK_BOX (box), heading (_("Fetch Until")));
  gtk_box_append (GTK_BOX (box), spin_row (self, _("_Matching items"), "fetch-until-count", 1, 10000000, 100,
                                           fetch));
  gtk_box_append (GTK_BOX (box), caption (_("A Scan or Query with a filter reads more items than it returns; "
                                            "this stops once enough have matched.")));
  gtk_box_append (GTK_BOX (box), heading (_("Items Held")));
  gtk_box_append (GTK_BOX (box), spin_row (self, _("_At most"), "results-max-items", 1000, 10000000, 1000,
                                           NULL));
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

GtkWidget *
dd_fetch_options_new (void)
{
  return g_object_new (DD_TYPE_FETCH_OPTIONS, NULL);
}
