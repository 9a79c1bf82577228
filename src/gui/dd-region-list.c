/* dd-region-list.c: the Region field with a searchable list of regions. */
#define G_LOG_DOMAIN "dd-region-list"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-region-list.h"

static const DdRegion regions[] = {
  { "us-east-1", N_("US East (N. Virginia)") },
  { "us-east-2", N_("US East (Ohio)") },
  { "us-west-1", N_("US West (N. California)") },
  { "us-west-2", N_("US West (Oregon)") },
  { "af-south-1", N_("Africa (Cape Town)") },
  { "ap-east-1", N_("Asia Pacific (Hong Kong)") },
  { "ap-south-1", N_("Asia Pacific (Mumbai)") },
  { "ap-south-2", N_("Asia Pacific (Hyderabad)") },
  { "ap-southeast-1", N_("Asia Pacific (Singapore)") },
  { "ap-southeast-2", N_("Asia Pacific (Sydney)") },
  { "ap-southeast-3", N_("Asia Pacific (Jakarta)") },
  { "ap-southeast-4", N_("Asia Pacific (Melbourne)") },
  { "ap-southeast-5", N_("Asia Pacific (Malaysia)") },
  { "ap-southeast-7", N_("Asia Pacific (Thailand)") },
  { "ap-northeast-1", N_("Asia Pacific (Tokyo)") },
  { "ap-northeast-2", N_("Asia Pacific (Seoul)") },
  { "ap-northeast-3", N_("Asia Pacific (Osaka)") },
  { "ca-central-1", N_("Canada (Central)") },
  { "ca-west-1", N_("Canada West (Calgary)") },
  { "eu-central-1", N_("Europe (Frankfurt)") },
  { "eu-central-2", N_("Europe (Zurich)") },
  { "eu-west-1", N_("Europe (Ireland)") },
  { "eu-west-2", N_("Europe (London)") },
  { "eu-west-3", N_("Europe (Paris)") },
  { "eu-south-1", N_("Europe (Milan)") },
  { "eu-south-2", N_("Europe (Spain)") },
  { "eu-north-1", N_("Europe (Stockholm)") },
  { "il-central-1", N_("Israel (Tel Aviv)") },
  { "me-south-1", N_("Middle East (Bahrain)") },
  { "me-central-1", N_("Middle East (UAE)") },
  { "mx-central-1", N_("Mexico (Central)") },
  { "sa-east-1", N_("South America (São Paulo)") },
  { "us-gov-east-1", N_("AWS GovCloud (US-East)") },
  { "us-gov-west-1", N_("AWS GovCloud (US-West)") },
  { "cn-north-1", N_("China (Beijing)") },
  { "cn-northwest-1", N_("China (Ningxia)") },
};

struct _DdRegionList
{
  AdwEntryRow          parent_instance;
  GtkWidget           *button;
  GtkWidget           *search;
  GtkStringFilter     *filter;
  GtkFilterListModel  *filtered;
};

G_DEFINE_FINAL_TYPE (DdRegionList, dd_region_list, ADW_TYPE_ENTRY_ROW)

const DdRegion *
dd_region_list_get_regions (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (regions);
  return regions;
}

static void
pick (DdRegionList *self,
      const char   *label)
{
  g_auto(GStrv) parts = g_strsplit (label, " ", 2);

  gtk_editable_set_text (GTK_EDITABLE (self), parts[0]);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static void
row_activated_cb (GtkListView  *view,
                  guint         position,
                  DdRegionList *self)
{
  dd_region_list_pick (self, position);
}

static void
search_activate_cb (DdRegionList *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    dd_region_list_pick (self, 0);
}

static void
search_changed_cb (DdRegionList *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_list_item_set_child (item, label);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkWidget *
create_popover (DdRegionList *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list, *popover;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s — %s", regions[i].code, _(regions[i].name));
      gtk_string_list_append (labels, label);
    }
  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (labels), GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)))),
                            factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("AWS Regions"), -1);
  g_signal_connect_object (list, "activate", G_CALLBACK (row_activated_cb), self, 0);

  self->search = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search Regions"), -1);
  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_box_append (GTK_BOX (box), self->search);
  gtk_box_append (GTK_BOX (box), scrolled);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), self->search);
  return popover;
}

static void
dd_region_list_dispose (GObject *object)
{
  DdRegionList *self = DD_REGION_LIST (object);

  g_clear_object (&self->filter);
  g_clear_object (&self->filtered);
  G_OBJECT_CLASS (dd_region_list_parent_class)->dispose (object);
}

static void
dd_region_list_class_init (DdRegionListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dd_region_list_dispose;
}

static void
dd_region_list_init (DdRegionList *self)
{
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "view-more-symbolic");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Choose a Region"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Region"), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), create_popover (self));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->button);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Region"));
}

GtkWidget *
dd_region_list_new (void)
{
  return g_object_new (DD_TYPE_REGION_LIST, NULL);
}

void
dd_region_list_set_search (DdRegionList *self,
                           const char   *text)
{
  g_return_if_fail (DD_IS_REGION_LIST (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  gtk_string_filter_set_search (self->filter, text);
}

guint
dd_region_list_get_n_shown (DdRegionList *self)
{
  g_return_val_if_fail (DD_IS_REGION_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
dd_region_list_pick (DdRegionList *self,
                     guint         position)
{
  g_autoptr(GtkStringObject) item = NULL;

  g_return_if_fail (DD_IS_REGION_LIST (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item != NULL)
    pick (self, gtk_string_object_get_string (item));
}
