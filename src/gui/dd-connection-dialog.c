/* dd-connection-dialog.c: "Add Data Source" / "Edit Data Source". */
#define G_LOG_DOMAIN "dd-connection-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-connection-dialog.h"
#include "dd-connection-test.h"
#include "dd-credentials-info.h"
#include "dd-error.h"
#include "dd-namespace-probe.h"
#include "dd-profile-file.h"
#include "dd-region-list.h"
#include "dd-shared-closures.h"
#include "dd-source-color.h"
#include "dd-sso-page.h"

/* Keys a local DynamoDB accepts (it checks only their shape). */
#define LOCAL_ACCESS_KEY "AKIALOCALDYNAMODB000"
#define LOCAL_SECRET_KEY "local"

struct _DdConnectionDialog
{
  AdwWindow      parent_instance;

  AdwEntryRow   *name_row;
  DdColorRow    *color_row;
  DdRegionList  *region_row;
  AdwViewStack  *auth_stack;
  AdwEntryRow   *access_key_row;
  AdwEntryRow   *secret_key_row;
  AdwEntryRow   *session_token_row;
  AdwEntryRow   *role_arn_row;
  AdwEntryRow   *external_id_row;
  AdwEntryRow   *session_name_row;
  AdwEntryRow   *mfa_serial_row;
  DdSsoPage     *sso_page;
  AdwComboRow   *base_row;
  AdwComboRow   *profile_row;
  AdwExpanderRow *advanced_row;
  AdwEntryRow   *endpoint_row;
  GtkLabel      *validation_label;
  GtkSpinner    *test_spinner;
  GtkLabel      *test_label;

  DdSourceStore *store;
  DdSource      *source;     /* the one edited, or NULL */
  GPtrArray     *base_ids;   /* source id per base_row entry (NULL: default chain) */
  GCancellable  *cancellable;
  guint          testing : 1;
  guint          last_test_failed : 1;
  guint          saving : 1;
};

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdConnectionDialog, dd_connection_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static const char *
text_or_null (gpointer editable)
{
  const char *text = text_of (editable);

  return *text != '\0' ? text : NULL;
}

static DdAuthMode
auth_mode (DdConnectionDialog *self)
{
  DdAuthMode mode = DD_AUTH_MODE_IAM_KEYS;

  dd_auth_mode_from_string (adw_view_stack_get_visible_child_name (self->auth_stack), &mode);
  return mode;
}

/* Validation */

static void
check_field (GString                *problems,
             gpointer                row,
             const char             *label,
             gboolean                required,
             gboolean              (*validate) (const char *, const char **))
{
  const char *text = text_of (row);
  const char *reason = NULL;

  if (*text == '\0')
    {
      if (required)
        g_string_append_printf (problems, _("%s: required\n"), label);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      return;
    }
  if (validate != NULL && !validate (text, &reason))
    {
      g_string_append_printf (problems, "%s: %s\n", label, reason);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
validate_form (DdConnectionDialog *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  DdAuthMode mode = auth_mode (self);
  gboolean has_endpoint = *text_of (self->endpoint_row) != '\0';
  gboolean new_keys = self->source == NULL || dd_source_get_auth_mode (self->source) != DD_AUTH_MODE_IAM_KEYS;

  check_field (problems, self->name_row, _("Name"), TRUE, NULL);
  check_field (problems, self->region_row, _("Region"),
               !has_endpoint && mode != DD_AUTH_MODE_PROFILE && mode != DD_AUTH_MODE_SSO, dd_validate_region);
  if (mode == DD_AUTH_MODE_IAM_KEYS)
    {
      check_field (problems, self->access_key_row, _("Access Key"), TRUE, dd_validate_access_key_id);
      check_field (problems, self->secret_key_row, _("Secret Key"), new_keys, NULL);
    }
  if (mode == DD_AUTH_MODE_ROLE_ARN)
    check_field (problems, self->role_arn_row, _("Role ARN"), TRUE, dd_validate_role_arn);
  if (mode == DD_AUTH_MODE_PROFILE && adw_combo_row_get_selected_item (self->profile_row) == NULL)
    g_string_append (problems, _("Profile: no profile was found in ~/.aws\n"));
  if (mode == DD_AUTH_MODE_SSO)
    dd_sso_page_check (self->sso_page, problems);
  check_field (problems, self->endpoint_row, _("Endpoint URL"), FALSE, dd_validate_endpoint_url);

  if (problems->len > 0)
    g_string_truncate (problems, problems->len - 1);
  gtk_label_set_text (self->validation_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), problems->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", problems->len == 0 && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.test", problems->len == 0 && !self->testing);
}

static void
field_changed_cb (DdConnectionDialog *self)
{
  validate_form (self);
}

/* The form as a source */

static void
apply_form (DdConnectionDialog *self,
            DdSource           *source)
{
  g_autoptr(GtkStringObject) profile = adw_combo_row_get_selected_item (self->profile_row)
                                       ? g_object_ref (adw_combo_row_get_selected_item (self->profile_row))
                                       : NULL;
  guint base = adw_combo_row_get_selected (self->base_row);
  DdAuthMode mode = auth_mode (self);

  dd_source_set_name (source, text_of (self->name_row));
  dd_source_set_color (source, dd_color_row_get_color (self->color_row));
  dd_source_set_auth_mode (source, mode);
  dd_source_set_region (source, text_or_null (self->region_row));
  dd_source_set_endpoint (source, text_or_null (self->endpoint_row));
  dd_source_set_access_key_id (source, mode == DD_AUTH_MODE_IAM_KEYS ? text_or_null (self->access_key_row) : NULL);
  dd_source_set_role_arn (source, mode == DD_AUTH_MODE_ROLE_ARN ? text_or_null (self->role_arn_row) : NULL);
  dd_source_set_external_id (source, mode == DD_AUTH_MODE_ROLE_ARN ? text_or_null (self->external_id_row) : NULL);
  dd_source_set_session_name (source, mode == DD_AUTH_MODE_ROLE_ARN ? text_or_null (self->session_name_row) : NULL);
  dd_source_set_mfa_serial (source, mode == DD_AUTH_MODE_ROLE_ARN ? text_or_null (self->mfa_serial_row) : NULL);
  if (mode == DD_AUTH_MODE_SSO)
    dd_sso_page_apply (self->sso_page, source);
  else
    {
      dd_source_set_sso_start_url (source, NULL);
      dd_source_set_sso_region (source, NULL);
      dd_source_set_sso_account_id (source, NULL);
      dd_source_set_sso_role_name (source, NULL);
    }
  dd_source_set_base_source_id (source, mode == DD_AUTH_MODE_ROLE_ARN && base < self->base_ids->len
                                        ? g_ptr_array_index (self->base_ids, base) : NULL);
  dd_source_set_profile_name (source, mode == DD_AUTH_MODE_PROFILE && profile != NULL
                                      ? gtk_string_object_get_string (profile) : NULL);
  if (mode == DD_AUTH_MODE_IAM_KEYS && *text_of (self->secret_key_row) != '\0')
    dd_source_set_secrets (source, text_of (self->secret_key_row), text_or_null (self->session_token_row));
}

/* A source to test: a copy of the edited one (so its secrets come along)
 * or a new one, with the form applied. */
static DdSource *
source_for_test (DdConnectionDialog *self)
{
  DdSource *source;

  if (self->source != NULL)
    source = dd_source_duplicate (self->source, text_of (self->name_row));
  else
    source = dd_source_new (text_of (self->name_row));
  apply_form (self, source);
  return source;
}

/* Test */

static void
set_testing (DdConnectionDialog *self,
             gboolean            testing)
{
  self->testing = testing;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_spinner_set_spinning (self->test_spinner, testing);
  validate_form (self);
}

static void
show_test_error (DdConnectionDialog *self,
                 const GError       *error)
{
  const char *hint = dd_error_get_hint (error);
  g_autofree char *text = NULL;

  text = hint ? g_strdup_printf ("%s\n%s", error->message, hint) : g_strdup (error->message);
  gtk_label_set_text (self->test_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_label), "error");
  self->last_test_failed = TRUE;
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdConnectionDialog) self = user_data;
  g_autoptr(DdConnectionTestResult) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  outcome = dd_connection_test_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_testing (self, FALSE);
  if (outcome == NULL)
    {
      show_test_error (self, error);
      return;
    }
  if (outcome->first_table != NULL)
    text = g_strdup_printf (_("Connected to %s as %s (%s)\nLatency %u ms · first table: %s"),
                            outcome->endpoint ? outcome->endpoint : outcome->region,
                            outcome->access_key_id ? outcome->access_key_id : "?",
                            outcome->provider ? outcome->provider : "?",
                            outcome->latency_ms, outcome->first_table);
  else
    text = g_strdup_printf (_("Connected to %s as %s (%s)\nLatency %u ms · no tables yet"),
                            outcome->endpoint ? outcome->endpoint : outcome->region,
                            outcome->access_key_id ? outcome->access_key_id : "?",
                            outcome->provider ? outcome->provider : "?",
                            outcome->latency_ms);
  if (outcome->endpoint != NULL && dd_namespace_probe_is_local_endpoint (outcome->endpoint))
    {
      /* DynamoDB Local keeps a database per key id and region. */
      g_autofree char *local = g_strdup_printf (_("%s\nLocal data namespace: access key id %s, region %s"), text,
                                                outcome->access_key_id ? outcome->access_key_id : "?",
                                                outcome->region ? outcome->region : "?");
      g_free (text);
      text = g_steal_pointer (&local);
    }
  gtk_label_set_text (self->test_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_label), "success");
  self->last_test_failed = FALSE;
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DdConnectionDialog *self = DD_CONNECTION_DIALOG (widget);
  g_autoptr(DdSource) source = source_for_test (self);

  gtk_label_set_text (self->test_label, _("Testing…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "success");
  set_testing (self, TRUE);
  dd_connection_test_async (source, self->store, self->cancellable, test_done_cb, g_object_ref (self));
}

/* Save */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DdConnectionDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!dd_source_store_save_finish (DD_SOURCE_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_test_error (self, error);
      validate_form (self);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, self->source);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_now (DdConnectionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSource) source = NULL;

  if (self->source == NULL)
    {
      source = dd_source_new (text_of (self->name_row));
      apply_form (self, source);
      if (!dd_source_validate (source, &error) || !dd_source_store_add (self->store, source, &error))
        {
          show_test_error (self, error);
          return;
        }
      self->source = g_object_ref (source);
    }
  else
    {
      if (g_strcmp0 (dd_source_get_name (self->source), text_of (self->name_row)) != 0
          && !dd_source_store_rename (self->store, self->source, text_of (self->name_row), &error))
        {
          show_test_error (self, error);
          return;
        }
      apply_form (self, self->source);
    }
  self->saving = TRUE;
  validate_form (self);
  dd_source_store_save_async (self->store, self->cancellable, saved_cb, g_object_ref (self));
}

static void
confirm_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     DdConnectionDialog *self)
{
  if (g_strcmp0 (response, "save") == 0)
    save_now (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DdConnectionDialog *self = DD_CONNECTION_DIALOG (widget);
  AdwMessageDialog *confirm;

  if (!self->last_test_failed)
    {
      save_now (self);
      return;
    }
  confirm = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Anyway?"),
                                                        _("The last connection test failed. The data source can be saved and fixed later.")));
  adw_message_dialog_add_responses (confirm, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (confirm, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (confirm, "cancel");
  g_signal_connect_object (confirm, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* Choices */

static void
profiles_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DdConnectionDialog) self = user_data;
  g_autoptr(DdProfileFile) profiles = dd_profile_file_load_finish (result, NULL);
  g_auto(GStrv) names = profiles ? dd_profile_file_get_profile_names (profiles) : NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) names);
  const char *current = self->source ? dd_source_get_profile_name (self->source) : NULL;

  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (list));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_strcmp0 (names[i], current) == 0)
      adw_combo_row_set_selected (self->profile_row, i);
  validate_form (self);
}

static void
fill_base_sources (DdConnectionDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *sources = G_LIST_MODEL (self->store);
  const char *current = self->source ? dd_source_get_base_source_id (self->source) : NULL;

  gtk_string_list_append (names, _("Default credential chain"));
  g_ptr_array_add (self->base_ids, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(DdSource) other = g_list_model_get_item (sources, i);

      if (other == self->source)
        continue;
      gtk_string_list_append (names, dd_source_get_name (other));
      g_ptr_array_add (self->base_ids, g_strdup (dd_source_get_id (other)));
      if (g_strcmp0 (current, dd_source_get_id (other)) == 0)
        adw_combo_row_set_selected (self->base_row, self->base_ids->len - 1);
    }
  adw_combo_row_set_model (self->base_row, G_LIST_MODEL (names));
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Which credentials the source used last, and how long they last. */
static void
show_credentials_info (DdConnectionDialog *self,
                       DdSource           *source)
{
  const char *info = dd_source_get_credentials_info (source);
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;

  if (info == NULL)
    return;
  left = dd_credentials_info_time_left (dd_source_get_credentials_expiration (source),
                                        g_get_real_time () / G_USEC_PER_SEC);
  text = left ? g_strdup_printf (_("Signed in: %s · %s"), info, left) : g_strdup_printf (_("Signed in: %s"), info);
  gtk_label_set_text (self->test_label, text);
}

static void
fill_from_source (DdConnectionDialog *self,
                  DdSource           *source)
{
  const char *name = dd_auth_mode_to_string (dd_source_get_auth_mode (source));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), dd_source_get_name (source));
  dd_color_row_set_color (self->color_row, dd_source_get_color (source));
  gtk_editable_set_text (GTK_EDITABLE (self->region_row), or_empty (dd_source_get_region (source)));
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), or_empty (dd_source_get_endpoint (source)));
  gtk_editable_set_text (GTK_EDITABLE (self->access_key_row), or_empty (dd_source_get_access_key_id (source)));
  gtk_editable_set_text (GTK_EDITABLE (self->role_arn_row), or_empty (dd_source_get_role_arn (source)));
  gtk_editable_set_text (GTK_EDITABLE (self->external_id_row), or_empty (dd_source_get_external_id (source)));
  gtk_editable_set_text (GTK_EDITABLE (self->session_name_row), or_empty (dd_source_get_session_name (source)));
  gtk_editable_set_text (GTK_EDITABLE (self->mfa_serial_row), or_empty (dd_source_get_mfa_serial (source)));
  if (dd_source_get_auth_mode (source) == DD_AUTH_MODE_SSO)
    dd_sso_page_load_source (self->sso_page, source);
  if (dd_source_get_endpoint (source) != NULL)
    adw_expander_row_set_expanded (self->advanced_row, TRUE);
  if (name != NULL)
    adw_view_stack_set_visible_child_name (self->auth_stack, name);
  show_credentials_info (self, source);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Data Source"));
}

/* Life cycle */

static void
dd_connection_dialog_dispose (GObject *object)
{
  DdConnectionDialog *self = DD_CONNECTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_CONNECTION_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->source);
  g_clear_pointer (&self->base_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (dd_connection_dialog_parent_class)->dispose (object);
}

static void
dd_connection_dialog_class_init (DdConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_connection_dialog_dispose;

  /* Emitted with the source once it was saved. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, DD_TYPE_SOURCE);

  g_type_ensure (DD_TYPE_REGION_LIST);
  g_type_ensure (DD_TYPE_COLOR_ROW);
  g_type_ensure (DD_TYPE_SSO_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, color_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, auth_stack);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, secret_key_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, session_token_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, role_arn_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, external_id_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, session_name_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, mfa_serial_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, sso_page);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, base_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, validation_label);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdConnectionDialog, test_label);

  gtk_widget_class_install_action (widget_class, "dialog.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "dialog.test", NULL);
}

/* libadwaita 1.2 gives the button that shows the text of an
 * AdwPasswordEntryRow no accessible name (tests/a11y finds it). */
static void
name_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show or Hide Text"), -1);
      else
        name_peek_button (child);
    }
}

static void
dd_connection_dialog_init (DdConnectionDialog *self)
{
  GtkWidget *rows[6];

  gtk_widget_init_template (GTK_WIDGET (self));
  name_peek_button (GTK_WIDGET (self->secret_key_row));
  name_peek_button (GTK_WIDGET (self->session_token_row));
  self->cancellable = g_cancellable_new ();
  self->base_ids = g_ptr_array_new_with_free_func (g_free);
  rows[0] = GTK_WIDGET (self->name_row);
  rows[1] = GTK_WIDGET (self->region_row);
  rows[2] = GTK_WIDGET (self->access_key_row);
  rows[3] = GTK_WIDGET (self->secret_key_row);
  rows[4] = GTK_WIDGET (self->role_arn_row);
  rows[5] = GTK_WIDGET (self->endpoint_row);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->auth_stack, "notify::visible-child-name", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->profile_row, "notify::selected", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sso_page, "changed", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

DdConnectionDialog *
dd_connection_dialog_new (GtkWindow     *parent,
                          DdSourceStore *store,
                          DdSource      *source)
{
  DdConnectionDialog *self;

  g_return_val_if_fail (DD_IS_SOURCE_STORE (store), NULL);
  g_return_val_if_fail (source == NULL || DD_IS_SOURCE (source), NULL);

  self = g_object_new (DD_TYPE_CONNECTION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (source != NULL)
    {
      self->source = g_object_ref (source);
      fill_from_source (self, source);
    }
  fill_base_sources (self);
  dd_profile_file_load_async (NULL, NULL, self->cancellable, profiles_loaded_cb, g_object_ref (self));
  validate_form (self);
  return self;
}

void
dd_connection_dialog_prefill_local (DdConnectionDialog *self,
                                    const char         *endpoint)
{
  g_return_if_fail (DD_IS_CONNECTION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), _("Local DynamoDB"));
  gtk_editable_set_text (GTK_EDITABLE (self->region_row), "us-east-1");
  adw_view_stack_set_visible_child_name (self->auth_stack, "iam-keys");
  gtk_editable_set_text (GTK_EDITABLE (self->access_key_row), LOCAL_ACCESS_KEY);
  gtk_editable_set_text (GTK_EDITABLE (self->secret_key_row), LOCAL_SECRET_KEY);
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);
  adw_expander_row_set_expanded (self->advanced_row, TRUE);
}

GtkEditable *
dd_connection_dialog_get_field (DdConnectionDialog *self,
                                const char         *name)
{
  const struct { const char *name; gsize offset; } fields[] = {
    { "name", G_STRUCT_OFFSET (DdConnectionDialog, name_row) },
    { "region", G_STRUCT_OFFSET (DdConnectionDialog, region_row) },
    { "access-key", G_STRUCT_OFFSET (DdConnectionDialog, access_key_row) },
    { "secret-key", G_STRUCT_OFFSET (DdConnectionDialog, secret_key_row) },
    { "session-token", G_STRUCT_OFFSET (DdConnectionDialog, session_token_row) },
    { "role-arn", G_STRUCT_OFFSET (DdConnectionDialog, role_arn_row) },
    { "external-id", G_STRUCT_OFFSET (DdConnectionDialog, external_id_row) },
    { "session-name", G_STRUCT_OFFSET (DdConnectionDialog, session_name_row) },
    { "mfa-serial", G_STRUCT_OFFSET (DdConnectionDialog, mfa_serial_row) },
    { "endpoint", G_STRUCT_OFFSET (DdConnectionDialog, endpoint_row) },
  };

  g_return_val_if_fail (DD_IS_CONNECTION_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      return G_STRUCT_MEMBER (GtkEditable *, self, fields[i].offset);
  return NULL;
}

void
dd_connection_dialog_set_auth_mode (DdConnectionDialog *self,
                                    DdAuthMode          mode)
{
  g_return_if_fail (DD_IS_CONNECTION_DIALOG (self));
  adw_view_stack_set_visible_child_name (self->auth_stack, dd_auth_mode_to_string (mode));
}

DdSsoPage *
dd_connection_dialog_get_sso_page (DdConnectionDialog *self)
{
  g_return_val_if_fail (DD_IS_CONNECTION_DIALOG (self), NULL);
  return self->sso_page;
}

gboolean
dd_connection_dialog_get_valid (DdConnectionDialog *self)
{
  g_return_val_if_fail (DD_IS_CONNECTION_DIALOG (self), FALSE);
  return !gtk_widget_get_visible (GTK_WIDGET (self->validation_label));
}

const char *
dd_connection_dialog_get_problems (DdConnectionDialog *self)
{
  g_return_val_if_fail (DD_IS_CONNECTION_DIALOG (self), NULL);
  return dd_connection_dialog_get_valid (self) ? NULL : gtk_label_get_text (self->validation_label);
}

gboolean
dd_connection_dialog_get_testing (DdConnectionDialog *self)
{
  g_return_val_if_fail (DD_IS_CONNECTION_DIALOG (self), FALSE);
  return self->testing;
}

const char *
dd_connection_dialog_get_test_text (DdConnectionDialog *self)
{
  g_return_val_if_fail (DD_IS_CONNECTION_DIALOG (self), NULL);
  return gtk_label_get_text (self->test_label);
}
