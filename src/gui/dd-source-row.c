/* dd-source-row.c: a data source in the sidebar. */
#define G_LOG_DOMAIN "dd-source-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-credentials-info.h"
#include "dd-shared-closures.h"
#include "dd-source-color.h"
#include "dd-source-row.h"

struct _DdSourceRow
{
  GtkBox          parent_instance;
  GtkWidget      *color_strip;
  GtkImage       *status_icon;
  GtkLabel       *name_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *credentials_label;
  GtkMenuButton  *menu_button;
  GMenuModel     *source_menu;
  DdSource       *source;
  guint           tick;
};

G_DEFINE_FINAL_TYPE (DdSourceRow, dd_source_row, GTK_TYPE_BOX)

const char *
dd_source_row_auth_label (DdAuthMode mode)
{
  switch (mode)
    {
    case DD_AUTH_MODE_IAM_KEYS:
      return _("IAM Credentials");
    case DD_AUTH_MODE_INSTANCE_PROFILE:
      return _("Instance Profile");
    case DD_AUTH_MODE_ROLE_ARN:
      return _("ARN Role");
    case DD_AUTH_MODE_PROFILE:
      return _("AWS Profile");
    case DD_AUTH_MODE_SSO:
      return _("SSO");
    default:
      return "";
    }
}

/* The menu with every item's target set to the source's id. */
static GMenuModel *
menu_for_source (GMenuModel *model,
                 const char *id)
{
  GMenu *menu = g_menu_new ();

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenu) items = g_menu_new ();

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new_from_model (section, j);
          g_autofree char *action = NULL;

          g_menu_item_get_attribute (item, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_item_set_action_and_target (item, action, "s", id);
          g_menu_append_item (items, item);
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (items));
    }
  return G_MENU_MODEL (menu);
}

/* Which credentials answered, and how long they last. */
static gboolean
update_credentials (gpointer data)
{
  DdSourceRow *self = data;
  const char *info = self->source ? dd_source_get_credentials_info (self->source) : NULL;
  gint64 expiration = self->source ? dd_source_get_credentials_expiration (self->source) : 0;
  g_autofree char *left = dd_credentials_info_time_left (expiration, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->credentials_label), info != NULL);
  if (info == NULL)
    return G_SOURCE_CONTINUE;
  text = left ? g_strdup_printf ("%s · %s", info, left) : g_strdup (info);
  gtk_label_set_text (self->credentials_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->credentials_label), text);
  return G_SOURCE_CONTINUE;
}

static void
update (DdSourceRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  gboolean has_error = dd_source_get_has_error (self->source);

  gtk_label_set_text (self->name_label, dd_source_get_name (self->source));
  subtitle = dd_format_source_subtitle (dd_source_get_region (self->source),
                                        dd_source_get_endpoint (self->source),
                                        dd_source_row_auth_label (dd_source_get_auth_mode (self->source)));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_image_set_from_icon_name (self->status_icon, has_error ? "dialog-warning-symbolic"
                                                             : "network-server-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon),
                               has_error ? dd_source_get_last_error (self->source) : NULL);
  dd_source_color_apply (self->color_strip, dd_source_get_color (self->source));
  update_credentials (self);
  if (self->tick == 0 && dd_source_get_credentials_expiration (self->source) != 0)
    self->tick = g_timeout_add_seconds (30, update_credentials, self);
  label = g_strdup_printf (_("Menu of %s"), dd_source_get_name (self->source));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
dd_source_row_dispose (GObject *object)
{
  DdSourceRow *self = DD_SOURCE_ROW (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, update, self);
  g_clear_object (&self->source);
  g_clear_handle_id (&self->tick, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SOURCE_ROW);
  G_OBJECT_CLASS (dd_source_row_parent_class)->dispose (object);
}

static void
dd_source_row_class_init (DdSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_source_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, color_strip);
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, credentials_label);
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DdSourceRow, source_menu);
}

static void
dd_source_row_init (DdSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dd_source_row_new (void)
{
  return g_object_new (DD_TYPE_SOURCE_ROW, NULL);
}

void
dd_source_row_set_source (DdSourceRow *self,
                          DdSource    *source)
{
  g_autoptr(GMenuModel) menu = NULL;

  g_return_if_fail (DD_IS_SOURCE_ROW (self));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, update, self);
  g_set_object (&self->source, source);
  if (source == NULL)
    return;
  g_signal_connect_swapped (source, "notify", G_CALLBACK (update), self);
  menu = menu_for_source (self->source_menu, dd_source_get_id (source));
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  update (self);
}

DdSource *
dd_source_row_get_source (DdSourceRow *self)
{
  g_return_val_if_fail (DD_IS_SOURCE_ROW (self), NULL);
  return self->source;
}
