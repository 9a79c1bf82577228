/* test-contrast.c: the text contrast of Dynamo Desk's own styles, in the
 * light and the dark style (and, run with ADW_DEBUG_HIGH_CONTRAST=1, in
 * both high-contrast ones). The styles are the application's own, loaded
 * by AdwApplication from its resource base path; each widget that uses one
 * of our classes (a source's colour badge, the query form's message, the
 * banners, status labels, the diff marks) is drawn in a window, its text
 * colour read from its style and its background sampled from the
 * rendered window, and the WCAG contrast ratio must be at least 4.5:1.
 * The arrow of an expander row (a journal group's) is read from the
 * rendered window too: its strongest pixel on the row's background, at
 * least 4.5:1 as well (the arrow is the only sign the row opens). */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dd-application.h"
#include "dd-test-dynamo.h"
#include "dd-test-ui.h"

#define MIN_RATIO 4.5

typedef struct
{
  const char *name;
  GtkWidget  *label;    /* whose text colour is read */
  GtkWidget  *area;     /* whose background is sampled */
} Sample;

static GtkWidget *window;
static GPtrArray *samples;
static GtkWidget *arrow;   /* the expander row's */

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * channel (rgb[0]) + 0.7152 * channel (rgb[1]) + 0.0722 * channel (rgb[2]);
}

static double
contrast (const double a[3],
          const double b[3])
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
add_sample (GtkBox     *box,
            const char *name,
            GtkWidget  *label,
            GtkWidget  *area)
{
  Sample *sample = g_new0 (Sample, 1);

  sample->name = name;
  sample->label = label;
  sample->area = area;
  g_ptr_array_add (samples, sample);
  gtk_box_append (box, area);
}

/* A label with classes (space-separated) alone on a wide line, so that its
 * right end shows the background behind it. */
static GtkWidget *
plain_label (const char *text,
             const char *classes)
{
  GtkWidget *label = gtk_label_new (text);
  g_auto(GStrv) names = g_strsplit (classes, " ", -1);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_size_request (label, 300, -1);
  for (guint i = 0; names[i] != NULL; i++)
    gtk_widget_add_css_class (label, names[i]);
  return label;
}

static GtkWidget *
boxed (const char *box_class,
       GtkWidget  *label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, box_class);
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_size_request (box, 340, -1);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* The first descendant of widget with the CSS class name. */
static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A collapsed expander row in a boxed list, as the journal shows a group. */
static GtkWidget *
expander_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_expander_row_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Delete · Many · 200 items");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), adw_action_row_new ());
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  arrow = find_with_class (row, "expander-row-arrow");
  g_assert_nonnull (arrow);
  return list;
}

static void
build_window (void)
{
  static const char * const colors[] = { "red", "orange", "yellow", "green", "blue", "purple" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;

  samples = g_ptr_array_new_with_free_func (g_free);
  window = adw_application_window_new (GTK_APPLICATION (g_application_get_default ()));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *classes = g_strdup_printf ("dd-color-badge dd-color-%s", colors[i]);

      label = plain_label ("Production", classes);
      gtk_widget_set_size_request (label, -1, -1);
      add_sample (GTK_BOX (box), g_intern_string (classes), label, label);
    }
  label = plain_label ("The form cannot show this request", "");
  add_sample (GTK_BOX (box), "dd-form-message", label, boxed ("dd-form-message", label));
  label = plain_label ("Enter the code of your MFA device", "");
  add_sample (GTK_BOX (box), "dd-banner", label, boxed ("dd-banner", label));
  label = plain_label ("Connected: 12 tables", "success");
  add_sample (GTK_BOX (box), "success", label, label);
  label = plain_label ("The endpoint could not be reached", "error");
  add_sample (GTK_BOX (box), "error", label, label);
  label = plain_label ("Changed", "warning");
  add_sample (GTK_BOX (box), "warning", label, label);
  gtk_box_append (GTK_BOX (box), expander_list ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* The window drawn: premultiplied B, G, R, A bytes (cairo's ARGB32). */
static guchar *
render (gsize *stride)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  guchar *pixels;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* to look at it: DD_CONTRAST_PNG=file.png */
  if (g_getenv ("DD_CONTRAST_PNG") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("DD_CONTRAST_PNG"));
  *stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (*stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

/* The background at a point of area with no text: near its right end,
 * halfway down. */
static void
background_of (GtkWidget    *area,
               const guchar *pixels,
               gsize         stride,
               double        rgb[3])
{
  graphene_rect_t bounds;
  const guchar *p;
  int x, y;

  g_assert_true (gtk_widget_compute_bounds (area, window, &bounds));
  x = (int) (bounds.origin.x + bounds.size.width - 5);
  y = (int) (bounds.origin.y + bounds.size.height / 2);
  p = pixels + (gsize) y * stride + (gsize) x * 4;
  g_assert_cmpint (p[3], ==, 255);
  rgb[0] = p[2] / 255.0;
  rgb[1] = p[1] / 255.0;
  rgb[2] = p[0] / 255.0;
}

static void
pixel_rgb (const guchar *pixels,
           gsize         stride,
           int           x,
           int           y,
           double        rgb[3])
{
  const guchar *p = pixels + (gsize) y * stride + (gsize) x * 4;

  g_assert_cmpint (p[3], ==, 255);
  rgb[0] = p[2] / 255.0;
  rgb[1] = p[1] / 255.0;
  rgb[2] = p[0] / 255.0;
}

/* The expander arrow: its pixel that stands out most from the background
 * at the corner of its box (where the arrow does not reach). */
static double
arrow_contrast (const guchar *pixels,
                gsize         stride)
{
  graphene_rect_t bounds;
  double bg[3], best = 1;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (arrow, window, &bounds));
  x0 = (int) ceil (bounds.origin.x);
  y0 = (int) ceil (bounds.origin.y);
  x1 = (int) (bounds.origin.x + bounds.size.width);
  y1 = (int) (bounds.origin.y + bounds.size.height);
  g_assert_cmpint (x1 - x0, >=, 8);
  pixel_rgb (pixels, stride, x0, y0, bg);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double rgb[3];

        pixel_rgb (pixels, stride, x, y, rgb);
        best = MAX (best, contrast (rgb, bg));
      }
  return best;
}

static void
check_style (const char *style)
{
  g_autofree guchar *pixels = NULL;
  gsize stride;
  guint failed = 0;
  double arrow_ratio;

  dd_test_spin (300);
  pixels = render (&stride);
  for (guint i = 0; i < samples->len; i++)
    {
      Sample *sample = samples->pdata[i];
      GdkRGBA fg;
      double bg[3], text[3], ratio;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (sample->label), &fg);
      G_GNUC_END_IGNORE_DEPRECATIONS
      background_of (sample->area, pixels, stride, bg);
      /* the text as drawn: its colour over the background */
      text[0] = fg.alpha * fg.red + (1 - fg.alpha) * bg[0];
      text[1] = fg.alpha * fg.green + (1 - fg.alpha) * bg[1];
      text[2] = fg.alpha * fg.blue + (1 - fg.alpha) * bg[2];
      ratio = contrast (text, bg);
      g_test_message ("%s, %s: text #%02x%02x%02x on #%02x%02x%02x: %.2f:1", style, sample->name,
                      (int) lround (text[0] * 255), (int) lround (text[1] * 255), (int) lround (text[2] * 255),
                      (int) lround (bg[0] * 255), (int) lround (bg[1] * 255), (int) lround (bg[2] * 255), ratio);
      if (ratio < MIN_RATIO)
        {
          g_test_message ("too little contrast: %s in the %s style", sample->name, style);
          failed++;
        }
    }
  arrow_ratio = arrow_contrast (pixels, stride);
  g_test_message ("%s, expander arrow: %.2f:1", style, arrow_ratio);
  if (arrow_ratio < MIN_RATIO)
    {
      g_test_message ("too little contrast: the expander arrow in the %s style", style);
      failed++;
    }
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_light (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));
  check_style (adw_style_manager_get_high_contrast (manager) ? "high-contrast light" : "light");
}

static void
test_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  check_style (adw_style_manager_get_high_contrast (manager) ? "high-contrast dark" : "dark");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  gboolean want_hc = g_strcmp0 (g_getenv ("ADW_DEBUG_HIGH_CONTRAST"), "1") == 0;
  int ret;

  dd_test_ui_init (&argc, &argv);
  /* AdwApplication loads style.css, style-dark.css and style-hc.css */
  app = dd_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) == want_hc);
  build_window ();

  g_test_add_func ("/dd/ui/contrast/light", test_light);
  g_test_add_func ("/dd/ui/contrast/dark", test_dark);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&samples, g_ptr_array_unref);
  return ret;
}
