/* dd-table-overview.c: a table's overview window. */
#define G_LOG_DOMAIN "dd-table-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-json.h"
#include "dd-shared-closures.h"
#include "dd-table-overview.h"

struct _DdTableOverview
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *title;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *table_group;
  AdwPreferencesGroup *indexes_group;
  AdwActionRow        *ttl_row;

  char                *table;
  char                *describe;
  GPtrArray           *rows;      /* the rows added to the groups */
  GPtrArray           *lines;     /* "title: value" */
  gboolean             ttl_enabled;
  char                *ttl_attribute;
  AdwMessageDialog    *dialog;
};

enum { SIGNAL_REFRESH, SIGNAL_REQUEST, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdTableOverview, dd_table_overview, ADW_TYPE_WINDOW)

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static char *
keys_text (JsonArray *schema)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; schema && i < json_array_get_length (schema); i++)
    {
      JsonObject *key = json_array_get_object_element (schema, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s (%s)", json_object_get_string_member_with_default (key, "AttributeName", "?"),
                              g_strcmp0 (json_object_get_string_member_with_default (key, "KeyType", ""), "RANGE") == 0
                                ? _("sort") : _("partition"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_index_lines (GPtrArray  *lines,
                 JsonArray  *indexes,
                 gboolean    global)
{
  for (guint i = 0; indexes && i < json_array_get_length (indexes); i++)
    {
      JsonObject *index = json_array_get_object_element (indexes, i);
      g_autofree char *keys = keys_text (member_array (index, "KeySchema"));
      JsonObject *projection = member_object (index, "Projection");
      const char *type = projection ? json_object_get_string_member_with_default (projection, "ProjectionType", "?") : "?";
      const char *status = json_object_get_string_member_with_default (index, "IndexStatus", NULL);
      g_autofree char *size = g_format_size ((guint64) MAX (json_object_get_int_member_with_default (index, "IndexSizeBytes", 0), 0));
      gint64 items = json_object_get_int_member_with_default (index, "ItemCount", 0);

      /* TRANSLATORS: kind · keys · projection [· status] · size · items */
      g_ptr_array_add (lines, g_strdup_printf (_("%s\t%s · %s · %s%s%s · %s · %" PRId64 " items"),
                                               json_object_get_string_member_with_default (index, "IndexName", "?"),
                                               global ? _("Global") : _("Local"), keys, type,
                                               status ? " · " : "", status ? status : "", size, items));
    }
}

GPtrArray *
dd_table_overview_index_lines (const char *describe)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  JsonObject *table;

  if (describe == NULL || !json_parser_load_from_data (parser, describe, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return lines;
  table = member_object (json_node_get_object (json_parser_get_root (parser)), "Table");
  add_index_lines (lines, member_array (table, "GlobalSecondaryIndexes"), TRUE);
  add_index_lines (lines, member_array (table, "LocalSecondaryIndexes"), FALSE);
  return lines;
}

char *
dd_table_overview_ttl_text (const char *ttl)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *description;
  const char *status, *attribute;

  if (ttl == NULL || !json_parser_load_from_data (parser, ttl, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (_("Unknown"));
  description = member_object (json_node_get_object (json_parser_get_root (parser)), "TimeToLiveDescription");
  status = description ? json_object_get_string_member_with_default (description, "TimeToLiveStatus", NULL) : NULL;
  attribute = description ? json_object_get_string_member_with_default (description, "AttributeName", NULL) : NULL;
  if (status == NULL)
    return g_strdup (_("Unknown"));
  if (g_str_equal (status, "ENABLED") && attribute != NULL)
    return g_strdup_printf (_("Enabled on “%s”"), attribute);
  if (g_str_equal (status, "DISABLED"))
    return g_strdup (_("Disabled"));
  return g_strdup (status);
}

/* Rows */

static void
clear_rows (DdTableOverview *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "dd-group");

      adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->lines, 0);
}

static void
add_row (DdTableOverview     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  g_object_set_data (G_OBJECT (row), "dd-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->lines, g_strdup_printf ("%s: %s", title, value));
}

static char *
stream_text (const char *describe)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *table, *stream;

  if (!json_parser_load_from_data (parser, describe, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  table = member_object (json_node_get_object (json_parser_get_root (parser)), "Table");
  stream = member_object (table, "StreamSpecification");
  if (stream == NULL || !json_object_get_boolean_member_with_default (stream, "StreamEnabled", FALSE))
    return g_strdup (_("Off"));
  return g_strdup (json_object_get_string_member_with_default (stream, "StreamViewType", _("On")));
}

void
dd_table_overview_set_describe (DdTableOverview *self,
                                const char      *describe)
{
  g_autoptr(GPtrArray) summary = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  g_autofree char *stream = NULL;

  g_return_if_fail (DD_IS_TABLE_OVERVIEW (self));

  g_free (self->describe);
  self->describe = g_strdup (describe);
  clear_rows (self);
  summary = dd_describe_table_summary (describe, strlen (describe));
  for (guint i = 0; i + 1 < summary->len; i += 2)
    add_row (self, self->table_group, summary->pdata[i], summary->pdata[i + 1]);
  if ((stream = stream_text (describe)) != NULL)
    add_row (self, self->table_group, _("Stream"), stream);
  indexes = dd_table_overview_index_lines (describe);
  for (guint i = 0; i < indexes->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (indexes->pdata[i], "\t", 2);

      add_row (self, self->indexes_group, parts[0], parts[1] ? parts[1] : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->indexes_group), indexes->len > 0);
}

void
dd_table_overview_set_ttl (DdTableOverview *self,
                           const char      *ttl,
                           const char      *message)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_if_fail (DD_IS_TABLE_OVERVIEW (self));

  text = ttl ? dd_table_overview_ttl_text (ttl) : g_strdup (message ? message : _("Unknown"));
  adw_action_row_set_subtitle (self->ttl_row, text);
  self->ttl_enabled = ttl != NULL && g_str_has_prefix (text, _("Enabled"));
  g_clear_pointer (&self->ttl_attribute, g_free);
  if (ttl != NULL && json_parser_load_from_data (parser, ttl, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *d = member_object (json_node_get_object (json_parser_get_root (parser)), "TimeToLiveDescription");

      if (d != NULL && json_object_has_member (d, "AttributeName"))
        self->ttl_attribute = g_strdup (json_object_get_string_member (d, "AttributeName"));
    }
}

void
dd_table_overview_set_busy (DdTableOverview *self,
                            gboolean         busy)
{
  g_return_if_fail (DD_IS_TABLE_OVERVIEW (self));
  gtk_spinner_set_spinning (self->spinner, busy);
}

char *
dd_table_overview_dup_text (DdTableOverview *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_TABLE_OVERVIEW (self), NULL);
  for (guint i = 0; i < self->lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) self->lines->pdata[i]);
  g_string_append_printf (out, "%s: %s\n", _("Time to Live"), adw_action_row_get_subtitle (self->ttl_row));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
dd_table_overview_get_table (DdTableOverview *self)
{
  g_return_val_if_fail (DD_IS_TABLE_OVERVIEW (self), NULL);
  return self->table;
}

AdwMessageDialog *
dd_table_overview_get_dialog (DdTableOverview *self)
{
  g_return_val_if_fail (DD_IS_TABLE_OVERVIEW (self), NULL);
  return self->dialog;
}

/* Dialogs */

static void
emit_request (DdTableOverview *self,
              const char      *action,
              GString         *body)
{
  g_signal_emit (self, signals[SIGNAL_REQUEST], 0, action, body->str);
}

static AdwMessageDialog *
open_dialog (DdTableOverview *self,
             const char      *heading,
             const char      *body,
             const char      *verb,
             GtkWidget       *extra)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", verb, NULL);
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (extra != NULL)
    adw_message_dialog_set_extra_child (dialog, extra);
  g_clear_weak_pointer (&self->dialog);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
delete_text_cb (GtkEditable      *entry,
                AdwMessageDialog *dialog)
{
  DdTableOverview *self = DD_TABLE_OVERVIEW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  adw_message_dialog_set_response_enabled (dialog, "apply", g_strcmp0 (gtk_editable_get_text (entry), self->table) == 0);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DdTableOverview  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GString) body = g_string_new ("{\"TableName\":");

  /* the name typed must be the table's, whatever enabled the button */
  if (g_strcmp0 (response, "apply") != 0 || g_strcmp0 (gtk_editable_get_text (entry), self->table) != 0)
    return;
  dd_json_append_string (body, self->table, -1);
  g_string_append_c (body, '}');
  emit_request (self, "DeleteTable", body);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DdTableOverview *self = DD_TABLE_OVERVIEW (widget);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = g_strdup_printf (_("Every item of “%s” and its indexes is deleted, and the journal cannot bring them back. Type the table's name to confirm."), self->table);
  AdwMessageDialog *dialog;

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Table Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), self->table);
  dialog = open_dialog (self, _("Delete Table?"), body, _("_Delete Table"), entry);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (delete_text_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
}

static void
billing_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DdTableOverview  *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *mode = gtk_widget_get_first_child (box);
  GtkSpinButton *read = GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (mode));
  GtkSpinButton *write = GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (GTK_WIDGET (read)));
  g_autoptr(GString) body = g_string_new ("{\"TableName\":");

  if (g_strcmp0 (response, "apply") != 0)
    return;
  dd_json_append_string (body, self->table, -1);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (mode)) == 0)
    g_string_append (body, ",\"BillingMode\":\"PAY_PER_REQUEST\"}");
  else
    g_string_append_printf (body, ",\"BillingMode\":\"PROVISIONED\",\"ProvisionedThroughput\":"
                                  "{\"ReadCapacityUnits\":%d,\"WriteCapacityUnits\":%d}}",
                            gtk_spin_button_get_value_as_int (read), gtk_spin_button_get_value_as_int (write));
  emit_request (self, "UpdateTable", body);
}

static GtkWidget *
units_spin (const char *label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 40000, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (spin, label);
  return spin;
}

static void
billing_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DdTableOverview *self = DD_TABLE_OVERVIEW (widget);
  const char *modes[] = { _("On demand"), _("Provisioned"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *mode = gtk_drop_down_new_from_strings (modes);
  AdwMessageDialog *dialog;

  gtk_accessible_update_property (GTK_ACCESSIBLE (mode), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Billing"), -1);
  gtk_box_append (GTK_BOX (box), mode);
  gtk_box_append (GTK_BOX (box), units_spin (_("Read Capacity Units")));
  gtk_box_append (GTK_BOX (box), units_spin (_("Write Capacity Units")));
  dialog = open_dialog (self, _("Change Capacity"), _("Capacity units apply to a provisioned table."),
                        _("_Change"), box);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (billing_response_cb), self, 0);
}

static void
ttl_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 DdTableOverview  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GString) body = g_string_new ("{\"TableName\":");

  if (g_strcmp0 (response, "apply") != 0 || *gtk_editable_get_text (entry) == '\0')
    return;
  dd_json_append_string (body, self->table, -1);
  g_string_append_printf (body, ",\"TimeToLiveSpecification\":{\"Enabled\":%s,\"AttributeName\":",
                          self->ttl_enabled ? "false" : "true");
  dd_json_append_string (body, gtk_editable_get_text (entry), -1);
  g_string_append (body, "}}");
  emit_request (self, "UpdateTimeToLive", body);
}

static void
ttl_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DdTableOverview *self = DD_TABLE_OVERVIEW (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("TTL Attribute"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Attribute holding the expiry time (epoch seconds)"));
  if (self->ttl_attribute != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), self->ttl_attribute);
  dialog = open_dialog (self, self->ttl_enabled ? _("Disable Time to Live?") : _("Enable Time to Live"),
                        _("Items whose attribute holds a time in the past are deleted by DynamoDB within days."),
                        self->ttl_enabled ? _("_Disable") : _("_Enable"), entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ttl_response_cb), self, 0);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REFRESH], 0);
}

/* Class */

static void
dd_table_overview_dispose (GObject *object)
{
  DdTableOverview *self = DD_TABLE_OVERVIEW (object);

  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_TABLE_OVERVIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->describe, g_free);
  g_clear_pointer (&self->ttl_attribute, g_free);
  G_OBJECT_CLASS (dd_table_overview_parent_class)->dispose (object);
}

static void
dd_table_overview_class_init (DdTableOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_table_overview_dispose;
  signals[SIGNAL_REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REQUEST] = g_signal_new ("request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dynamodesk/DynamoDesk/ui/dd-table-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, DdTableOverview, title);
  gtk_widget_class_bind_template_child (widget_class, DdTableOverview, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdTableOverview, table_group);
  gtk_widget_class_bind_template_child (widget_class, DdTableOverview, indexes_group);
  gtk_widget_class_bind_template_child (widget_class, DdTableOverview, ttl_row);
  gtk_widget_class_install_action (widget_class, "overview.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "overview.billing", NULL, billing_action);
  gtk_widget_class_install_action (widget_class, "overview.ttl", NULL, ttl_action);
  gtk_widget_class_install_action (widget_class, "overview.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "overview.refresh", NULL);
}

static void
dd_table_overview_init (DdTableOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->lines = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
dd_table_overview_new (GtkWindow  *parent,
                       const char *source_name,
                       const char *table)
{
  DdTableOverview *self = g_object_new (DD_TYPE_TABLE_OVERVIEW, "transient-for", parent, NULL);

  self->table = g_strdup (table);
  adw_window_title_set_title (self->title, table);
  adw_window_title_set_subtitle (self->title, source_name);
  gtk_window_set_title (GTK_WINDOW (self), table);
  return GTK_WIDGET (self);
}
