/* dd-source-color.c: a data source's colour tag. */
#define G_LOG_DOMAIN "dd-source-color"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-source-color.h"

static const char * const names[] = { "red", "orange", "yellow", "green", "blue", "purple", NULL };
static const char * const labels[] = {
  N_("Red — production"), N_("Orange"), N_("Yellow"), N_("Green"), N_("Blue"), N_("Purple"), NULL
};
/* the colour's name in a sentence */
static const char * const words[] = {
  N_("red"), N_("orange"), N_("yellow"), N_("green"), N_("blue"), N_("purple"), NULL
};

static int
position_of (const char *color)
{
  for (int i = 0; color != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], color))
      return i;
  return -1;
}

const char * const *
dd_source_color_names (void)
{
  return names;
}

gboolean
dd_source_color_is_known (const char *color)
{
  return position_of (color) >= 0;
}

const char *
dd_source_color_label (const char *color)
{
  int i = position_of (color);

  return i < 0 ? _("None") : _(labels[i]);
}

const char *
dd_source_color_badge_text (const char *color)
{
  int i = position_of (color);

  if (i < 0)
    return "";
  return i == 0 ? _("Production") : _(labels[i]);
}

char *
dd_source_color_description (const char *color)
{
  int i = position_of (color);

  if (i < 0)
    return NULL;
  if (i == 0)
    /* Translators: %s is a colour ("red") */
    return g_strdup_printf (_("Production colour: %s"), _(words[i]));
  /* Translators: %s is a colour ("blue") */
  return g_strdup_printf (_("Colour tag: %s"), _(words[i]));
}

void
dd_source_color_apply (GtkWidget  *widget,
                       const char *color)
{
  g_autofree char *description = dd_source_color_description (color);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *css = g_strdup_printf ("dd-color-%s", names[i]);

      if (position_of (color) == (int) i)
        gtk_widget_add_css_class (widget, css);
      else
        gtk_widget_remove_css_class (widget, css);
    }
  gtk_widget_set_tooltip_text (widget, description);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (widget, description != NULL);
}

/* The row */

struct _DdColorRow
{
  AdwComboRow parent_instance;
};

G_DEFINE_FINAL_TYPE (DdColorRow, dd_color_row, ADW_TYPE_COMBO_ROW)

static void
dd_color_row_class_init (DdColorRowClass *klass)
{
}

static void
dd_color_row_init (DdColorRow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, dd_source_color_label (NULL));
  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (list, dd_source_color_label (names[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (list));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("_Colour"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Shown beside the source's name, to tell production apart"));
}

GtkWidget *
dd_color_row_new (void)
{
  return g_object_new (DD_TYPE_COLOR_ROW, NULL);
}

const char *
dd_color_row_get_color (DdColorRow *self)
{
  guint selected;

  g_return_val_if_fail (DD_IS_COLOR_ROW (self), NULL);

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  return selected >= 1 && selected <= G_N_ELEMENTS (names) - 1 ? names[selected - 1] : NULL;
}

void
dd_color_row_set_color (DdColorRow *self,
                        const char *color)
{
  g_return_if_fail (DD_IS_COLOR_ROW (self));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), (guint) (position_of (color) + 1));
}
