/* dd-cell.c: one cell of the results table, a line of text that does not
 * measure itself.
 *
 * A GtkLabel lays its text out to answer how big it wants to be, and a
 * GtkColumnView asks that of every cell of every row it keeps, each time
 * a row is given a new item. A cell here answers with the height of a
 * line of its font (found once for all cells of that font) and lays its
 * text out only when it is drawn; a new text only asks for a redraw.
 */
#define G_LOG_DOMAIN "dd-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cell.h"

struct _DdCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;        /* made when first drawn */
  gboolean     layout_stale;  /* the text changed since */
  gboolean     numeric;
  gboolean     named;         /* its accessible name was given */
};

G_DEFINE_FINAL_TYPE (DdCell, dd_cell, GTK_TYPE_WIDGET)

/* The line of the last font asked about: all cells share it. */
static struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   height;
  int                   baseline;
} line;

static void
line_metrics (DdCell *self,
              int    *height,
              int    *baseline)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);

  if (line.font == NULL || line.resolution != resolution || !pango_font_description_equal (line.font, font))
    {
      g_autoptr(PangoLayout) sample = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");

      pango_layout_get_pixel_size (sample, NULL, &line.height);
      line.baseline = PANGO_PIXELS (pango_layout_get_baseline (sample));
      g_clear_pointer (&line.font, pango_font_description_free);
      line.font = pango_font_description_copy (font);
      line.resolution = resolution;
    }
  *height = line.height;
  *baseline = line.baseline;
}

static void
dd_cell_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  int height, baseline;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* the column gives the width */
      *minimum = *natural = 0;
      return;
    }
  line_metrics (DD_CELL (widget), &height, &baseline);
  *minimum = *natural = height;
  *minimum_baseline = *natural_baseline = baseline;
}

static void
ensure_layout (DdCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_stale = TRUE;
    }
  if (!self->layout_stale)
    return;
  pango_layout_set_text (self->layout, self->text, -1);
  if (self->numeric)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (self->layout, attrs);
    }
  else
    pango_layout_set_attributes (self->layout, NULL);
  self->layout_stale = FALSE;
}

static void
dd_cell_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  DdCell *self = DD_CELL (widget);
  int width = gtk_widget_get_width (widget);
  PangoRectangle logical;
  int height, baseline;
  float xalign, x, y;

  if (self->text == NULL || self->text[0] == '\0' || width <= 0)
    return;
  ensure_layout (self);
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  xalign = self->numeric ? 1.0f : 0.0f;
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;
  x = floorf (xalign * (float) (width - logical.width)) - (float) logical.x;
  /* on the line's baseline, whatever font the text falls back to */
  line_metrics (self, &height, &baseline);
  y = (float) (baseline - PANGO_PIXELS (pango_layout_get_baseline (self->layout)));
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y, self->layout);
}

static void
dd_cell_direction_changed (GtkWidget        *widget,
                           GtkTextDirection  previous)
{
  DdCell *self = DD_CELL (widget);

  if (self->layout != NULL)
    pango_layout_context_changed (self->layout);
  GTK_WIDGET_CLASS (dd_cell_parent_class)->direction_changed (widget, previous);
}

static void
dd_cell_finalize (GObject *object)
{
  DdCell *self = DD_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (dd_cell_parent_class)->finalize (object);
}

static void
dd_cell_class_init (DdCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dd_cell_finalize;
  widget_class->measure = dd_cell_measure;
  widget_class->snapshot = dd_cell_snapshot;
  widget_class->direction_changed = dd_cell_direction_changed;
  /* styled as the labels it replaces (colours, dim-label, selection) */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dd_cell_init (DdCell *self)
{
}

GtkWidget *
dd_cell_new (void)
{
  return g_object_new (DD_TYPE_CELL, NULL);
}

void
dd_cell_take_text (DdCell *self,
                   char   *text)
{
  g_return_if_fail (DD_IS_CELL (self));

  if (self->named && g_strcmp0 (self->text, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->text);
  self->text = text;
  self->layout_stale = TRUE;
  self->named = TRUE;
  /* an absent attribute: said, rather than a nameless label */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: an attribute an item does not have, as a screen reader says its cell */
                                  text != NULL && text[0] != '\0' ? text : _("empty"), -1);
  /* the same height whatever the text: a redraw, no new size */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_cell_set_text (DdCell     *self,
                  const char *text)
{
  g_return_if_fail (DD_IS_CELL (self));
  dd_cell_take_text (self, g_strdup (text));
}

const char *
dd_cell_get_text (DdCell *self)
{
  g_return_val_if_fail (DD_IS_CELL (self), NULL);
  return self->text != NULL ? self->text : "";
}

void
dd_cell_set_numeric (DdCell   *self,
                     gboolean  numeric)
{
  g_return_if_fail (DD_IS_CELL (self));

  if (!self->numeric == !numeric)
    return;
  self->numeric = numeric;
  self->layout_stale = TRUE;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "number-cell");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "number-cell");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dd_cell_get_numeric (DdCell *self)
{
  g_return_val_if_fail (DD_IS_CELL (self), FALSE);
  return self->numeric;
}

int
dd_cell_get_line_height (DdCell *self)
{
  int height, baseline;

  g_return_val_if_fail (DD_IS_CELL (self), 0);
  line_metrics (self, &height, &baseline);
  return height;
}
