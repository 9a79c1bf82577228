/* dd-sso-page.c: the connection dialog's "SSO" tab. */
#define G_LOG_DOMAIN "dd-sso-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-profile-file.h"
#include "dd-provider-sso.h"
#include "dd-sso-config.h"
#include "dd-sso-page.h"
#include "dd-sso-portal.h"

struct _DdSsoPage
{
  GtkBox          parent_instance;

  AdwComboRow    *config_row;
  AdwEntryRow    *start_url_row;
  AdwEntryRow    *sso_region_row;
  AdwActionRow   *status_row;
  GtkButton      *sign_in_button;
  GtkButton      *cancel_button;
  GtkSpinner     *spinner;
  GtkWidget      *code_box;
  GtkLabel       *user_code_label;
  GtkLabel       *uri_label;
  AdwComboRow    *account_row;
  AdwComboRow    *role_row;

  DdProviderSso  *provider;
  GCancellable   *cancellable;
  GPtrArray      *configs;        /* DdSsoConfig per config_row entry after the first */
  GPtrArray      *account_ids;
  GtkStringList  *account_names;
  GtkStringList  *role_names;
  char           *wanted_account; /* to pick once listed (the saved one) */
  char           *wanted_role;
  char           *user_code;
  char           *uri;
  const char     *state;
  guint           time_unit;
  guint           open_browser : 1;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdSsoPage, dd_sso_page, GTK_TYPE_BOX)

static const char *
text_or_null (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return *text != '\0' ? text : NULL;
}

static void
set_state (DdSsoPage  *self,
           const char *state,
           const char *text)
{
  gboolean busy = g_str_equal (state, "signing-in") || g_str_equal (state, "listing");

  self->state = state;
  adw_action_row_set_subtitle (self->status_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), !busy);
  /* the button's child label (dd-sso-page.ui) names it, once */
  gtk_label_set_text_with_mnemonic (GTK_LABEL (gtk_button_get_child (self->sign_in_button)),
                                    g_str_equal (state, "signed-in") ? _("Sign In _Again") : _("Sign _In"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (!g_str_equal (state, "signing-in"))
    gtk_widget_set_visible (self->code_box, FALSE);
  if (g_str_equal (state, "failed"))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
restart_cancellable (DdSsoPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static const char *
selected_account_id (DdSsoPage *self)
{
  guint i = adw_combo_row_get_selected (self->account_row);

  if (i < self->account_ids->len)
    return g_ptr_array_index (self->account_ids, i);
  return self->account_ids->len == 0 ? self->wanted_account : NULL;
}

static const char *
selected_role (DdSsoPage *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->role_row);

  if (item != NULL)
    return gtk_string_object_get_string (item);
  return g_list_model_get_n_items (G_LIST_MODEL (self->role_names)) == 0 ? self->wanted_role : NULL;
}

/* The browser */

void
dd_sso_open_uri (GtkWidget  *widget,
                 const char *uri)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, window, NULL, NULL, NULL);
#else
  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
#endif
}

static void
copy_code_cb (DdSsoPage *self)
{
  if (self->user_code != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->user_code);
}

static void
open_page_cb (DdSsoPage *self)
{
  if (self->uri != NULL)
    dd_sso_open_uri (GTK_WIDGET (self), self->uri);
}

/* Accounts and roles */

static void
roles_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdSsoPage) self = user_data;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *text = NULL;
  guint pick = 0;

  roles = dd_provider_sso_list_account_roles_finish (DD_PROVIDER_SSO (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (roles == NULL)
    {
      set_state (self, "failed", error->message);
      return;
    }
  for (guint i = 0; i < roles->len; i++)
    {
      DdSsoRole *role = g_ptr_array_index (roles, i);

      g_ptr_array_add (names, role->role_name);
      if (g_strcmp0 (role->role_name, self->wanted_role) == 0)
        pick = i;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->role_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->role_names)),
                          (const char * const *) names->pdata);
  if (roles->len > 0)
    adw_combo_row_set_selected (self->role_row, pick);
  text = g_strdup_printf (ngettext ("Signed in · %u account", "Signed in · %u accounts", self->account_ids->len),
                          self->account_ids->len);
  set_state (self, "signed-in", text);
}

static void
account_selected_cb (DdSsoPage *self)
{
  guint i = adw_combo_row_get_selected (self->account_row);

  gtk_string_list_splice (self->role_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->role_names)), NULL);
  if (self->provider == NULL || i >= self->account_ids->len)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  restart_cancellable (self);
  set_state (self, "listing", _("Listing the roles…"));
  dd_provider_sso_list_account_roles_async (self->provider, g_ptr_array_index (self->account_ids, i),
                                            self->cancellable, roles_listed_cb, g_object_ref (self));
}

static void
fill_accounts (DdSsoPage *self,
               GPtrArray *accounts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint pick = 0;

  g_ptr_array_set_size (self->account_ids, 0);
  for (guint i = 0; i < accounts->len; i++)
    {
      DdSsoAccount *account = g_ptr_array_index (accounts, i);

      g_ptr_array_add (self->account_ids, g_strdup (account->account_id));
      g_ptr_array_add (names, account->account_name
                              ? g_strdup_printf ("%s (%s)", account->account_name, account->account_id)
                              : g_strdup (account->account_id));
      if (g_strcmp0 (account->account_id, self->wanted_account) == 0)
        pick = i;
    }
  g_ptr_array_add (names, NULL);
  g_signal_handlers_block_by_func (self->account_row, account_selected_cb, self);
  gtk_string_list_splice (self->account_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->account_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->account_row, pick);
  g_signal_handlers_unblock_by_func (self->account_row, account_selected_cb, self);
}

static void
accounts_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DdSsoPage) self = user_data;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = dd_provider_sso_list_accounts_finish (DD_PROVIDER_SSO (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (accounts == NULL)
    {
      set_state (self, "failed", error->message);
      return;
    }
  if (accounts->len == 0)
    {
      set_state (self, "failed", _("Signed in, but this sign-in may use no account"));
      return;
    }
  fill_accounts (self, accounts);
  account_selected_cb (self);
}

static void
list_accounts (DdSsoPage *self)
{
  set_state (self, "listing", _("Listing the accounts…"));
  dd_provider_sso_list_accounts_async (self->provider, self->cancellable, accounts_listed_cb, g_object_ref (self));
}

/* Sign-in */

static void
prompt_cb (const DdSsoDeviceAuthorization *authorization,
           gpointer                        user_data)
{
  DdSsoPage *self = user_data;
  const char *uri = authorization->verification_uri_complete ? authorization->verification_uri_complete
                                                             : authorization->verification_uri;

  g_free (self->user_code);
  self->user_code = g_strdup (authorization->user_code);
  g_free (self->uri);
  self->uri = g_strdup (uri);
  gtk_label_set_text (self->user_code_label, self->user_code);
  gtk_label_set_text (self->uri_label, authorization->verification_uri);
  gtk_widget_set_visible (self->code_box, TRUE);
  set_state (self, "signing-in", _("Confirm this code on the page opened in your browser"));
  if (self->open_browser && uri != NULL)
    dd_sso_open_uri (GTK_WIDGET (self), uri);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdSsoPage) self = user_data;
  g_autoptr(DdSsoToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = dd_provider_sso_login_finish (DD_PROVIDER_SSO (object), result, &error);
  g_clear_pointer (&self->user_code, g_free);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, "signed-out", _("Sign-in cancelled"));
      return;
    }
  if (token == NULL)
    {
      set_state (self, "failed", error->message);
      return;
    }
  list_accounts (self);
}

static void
make_provider (DdSsoPage *self)
{
  g_autoptr(DdSsoConfig) config = dd_sso_config_new ();

  config->start_url = g_strdup (text_or_null (self->start_url_row));
  config->region = g_strdup (text_or_null (self->sso_region_row));
  g_clear_object (&self->provider);
  self->provider = DD_PROVIDER_SSO (dd_provider_sso_new (config));
  if (self->time_unit > 0)
    dd_provider_sso_set_time_unit (self->provider, self->time_unit);
}

void
dd_sso_page_sign_in (DdSsoPage *self)
{
  g_return_if_fail (DD_IS_SSO_PAGE (self));

  if (text_or_null (self->start_url_row) == NULL || text_or_null (self->sso_region_row) == NULL)
    {
      set_state (self, "failed", _("Enter the start URL and the SSO region first"));
      return;
    }
  restart_cancellable (self);
  make_provider (self);
  set_state (self, "signing-in", _("Starting the sign-in…"));
  dd_provider_sso_login_async (self->provider, prompt_cb, self, self->cancellable,
                               signed_in_cb, g_object_ref (self));
}

void
dd_sso_page_cancel (DdSsoPage *self)
{
  g_return_if_fail (DD_IS_SSO_PAGE (self));
  g_cancellable_cancel (self->cancellable);
}

/* An earlier sign-in that is still valid lists the accounts at once. */
static void
cached_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdSsoPage) self = user_data;
  g_autoptr(DdSsoToken) token = dd_provider_sso_get_token_finish (DD_PROVIDER_SSO (object), result, NULL);

  if (token != NULL && self->provider == DD_PROVIDER_SSO (object))
    list_accounts (self);
}

static void
try_cached_sign_in (DdSsoPage *self)
{
  if (text_or_null (self->start_url_row) == NULL || text_or_null (self->sso_region_row) == NULL)
    return;
  restart_cancellable (self);
  make_provider (self);
  dd_provider_sso_get_token_async (self->provider, self->cancellable, cached_token_cb, g_object_ref (self));
}

/* SSO profiles and sessions of ~/.aws/config */

static void
add_config (DdSsoPage     *self,
            GtkStringList *names,
            char          *label,
            DdSsoConfig   *config)
{
  if (config == NULL || config->start_url == NULL || config->region == NULL)
    {
      g_free (label);
      g_clear_pointer (&config, dd_sso_config_free);
      return;
    }
  gtk_string_list_take (names, label);
  g_ptr_array_add (self->configs, config);
}

static void
profiles_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DdSsoPage) self = user_data;
  g_autoptr(DdProfileFile) file = dd_profile_file_load_finish (result, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_auto(GStrv) sessions = file ? dd_profile_file_get_sso_session_names (file) : NULL;
  g_auto(GStrv) profiles = file ? dd_profile_file_get_profile_names (file) : NULL;

  gtk_string_list_append (names, _("Enter by hand"));
  for (guint i = 0; sessions != NULL && sessions[i] != NULL; i++)
    {
      DdSsoConfig *config = dd_sso_config_new ();

      config->session_name = g_strdup (sessions[i]);
      config->start_url = g_strdup (dd_profile_file_get_sso_session (file, sessions[i], "sso_start_url"));
      config->region = g_strdup (dd_profile_file_get_sso_session (file, sessions[i], "sso_region"));
      add_config (self, names, g_strdup_printf (_("sso-session %s"), sessions[i]), config);
    }
  for (guint i = 0; profiles != NULL && profiles[i] != NULL; i++)
    add_config (self, names, g_strdup_printf (_("profile %s"), profiles[i]),
                dd_sso_config_from_profile (file, profiles[i], NULL));
  adw_combo_row_set_model (self->config_row, G_LIST_MODEL (names));
}

static void
config_selected_cb (DdSsoPage *self)
{
  guint i = adw_combo_row_get_selected (self->config_row);
  const DdSsoConfig *config;

  if (i == 0 || i - 1 >= self->configs->len)
    return;
  config = g_ptr_array_index (self->configs, i - 1);
  gtk_editable_set_text (GTK_EDITABLE (self->start_url_row), config->start_url);
  gtk_editable_set_text (GTK_EDITABLE (self->sso_region_row), config->region);
  g_free (self->wanted_account);
  self->wanted_account = g_strdup (config->account_id);
  g_free (self->wanted_role);
  self->wanted_role = g_strdup (config->role_name);
  try_cached_sign_in (self);
}

static void
field_changed_cb (DdSsoPage *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Life cycle */

static void
dd_sso_page_dispose (GObject *object)
{
  DdSsoPage *self = DD_SSO_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SSO_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->provider);
  g_clear_object (&self->account_names);
  g_clear_object (&self->role_names);
  g_clear_pointer (&self->configs, g_ptr_array_unref);
  g_clear_pointer (&self->account_ids, g_ptr_array_unref);
  g_clear_pointer (&self->wanted_account, g_free);
  g_clear_pointer (&self->wanted_role, g_free);
  g_clear_pointer (&self->user_code, g_free);
  g_clear_pointer (&self->uri, g_free);
  G_OBJECT_CLASS (dd_sso_page_parent_class)->dispose (object);
}

static void
dd_sso_page_class_init (DdSsoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_sso_page_dispose;

  /* A setting, the sign-in's state or the pick changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-sso-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, config_row);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, start_url_row);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, sso_region_row);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, code_box);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, user_code_label);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, uri_label);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, DdSsoPage, role_row);
  gtk_widget_class_bind_template_callback (widget_class, dd_sso_page_sign_in);
  gtk_widget_class_bind_template_callback (widget_class, dd_sso_page_cancel);
  gtk_widget_class_bind_template_callback (widget_class, copy_code_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, config_selected_cb);
}

static void
dd_sso_page_init (DdSsoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->open_browser = TRUE;
  self->configs = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sso_config_free);
  self->account_ids = g_ptr_array_new_with_free_func (g_free);
  self->account_names = gtk_string_list_new (NULL);
  self->role_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (self->account_names));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (self->role_names));
  g_signal_connect_object (self->account_row, "notify::selected", G_CALLBACK (account_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->role_row, "notify::selected", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  set_state (self, "signed-out", _("Not signed in"));
  dd_profile_file_load_async (NULL, NULL, self->cancellable, profiles_loaded_cb, g_object_ref (self));
}

GtkWidget *
dd_sso_page_new (void)
{
  return g_object_new (DD_TYPE_SSO_PAGE, NULL);
}

void
dd_sso_page_load_source (DdSsoPage *self,
                         DdSource  *source)
{
  const char *url = dd_source_get_sso_start_url (source);
  const char *region = dd_source_get_sso_region (source);

  g_return_if_fail (DD_IS_SSO_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->start_url_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->sso_region_row), region ? region : "");
  g_free (self->wanted_account);
  self->wanted_account = g_strdup (dd_source_get_sso_account_id (source));
  g_free (self->wanted_role);
  self->wanted_role = g_strdup (dd_source_get_sso_role_name (source));
  if (self->wanted_account != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Account %s · role %s"), self->wanted_account,
                                               self->wanted_role ? self->wanted_role : "?");
      set_state (self, "signed-out", text);
    }
  try_cached_sign_in (self);
}

void
dd_sso_page_apply (DdSsoPage *self,
                   DdSource  *source)
{
  g_return_if_fail (DD_IS_SSO_PAGE (self));

  dd_source_set_sso_start_url (source, text_or_null (self->start_url_row));
  dd_source_set_sso_region (source, text_or_null (self->sso_region_row));
  dd_source_set_sso_account_id (source, selected_account_id (self));
  dd_source_set_sso_role_name (source, selected_role (self));
}

void
dd_sso_page_check (DdSsoPage *self,
                   GString   *problems)
{
  const char *url = text_or_null (self->start_url_row);

  g_return_if_fail (DD_IS_SSO_PAGE (self));

  if (url == NULL)
    g_string_append (problems, _("Start URL: required\n"));
  else if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    g_string_append (problems, _("Start URL: must begin with https://\n"));
  if (text_or_null (self->sso_region_row) == NULL)
    g_string_append (problems, _("SSO Region: required\n"));
  if (selected_account_id (self) == NULL || selected_role (self) == NULL)
    g_string_append (problems, _("Account and role: sign in and pick one\n"));
}

GtkEditable *
dd_sso_page_get_field (DdSsoPage  *self,
                       const char *name)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), NULL);

  if (g_strcmp0 (name, "start-url") == 0)
    return GTK_EDITABLE (self->start_url_row);
  if (g_strcmp0 (name, "sso-region") == 0)
    return GTK_EDITABLE (self->sso_region_row);
  return NULL;
}

const char *
dd_sso_page_get_state (DdSsoPage *self)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), NULL);
  return self->state;
}

const char *
dd_sso_page_get_status_text (DdSsoPage *self)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->status_row);
}

const char *
dd_sso_page_get_user_code (DdSsoPage *self)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), NULL);
  return gtk_widget_get_visible (self->code_box) ? self->user_code : NULL;
}

GListModel *
dd_sso_page_get_accounts (DdSsoPage *self)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), NULL);
  return G_LIST_MODEL (self->account_names);
}

GListModel *
dd_sso_page_get_roles (DdSsoPage *self)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), NULL);
  return G_LIST_MODEL (self->role_names);
}

gboolean
dd_sso_page_select (DdSsoPage  *self,
                    const char *account_id,
                    const char *role_name)
{
  g_return_val_if_fail (DD_IS_SSO_PAGE (self), FALSE);

  g_free (self->wanted_role);
  self->wanted_role = g_strdup (role_name);
  for (guint i = 0; i < self->account_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->account_ids, i), account_id))
      {
        if (adw_combo_row_get_selected (self->account_row) != i)
          adw_combo_row_set_selected (self->account_row, i);
        else
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->role_names)); j++)
            if (g_strcmp0 (gtk_string_list_get_string (self->role_names, j), role_name) == 0)
              adw_combo_row_set_selected (self->role_row, j);
        return TRUE;
      }
  return FALSE;
}

void
dd_sso_page_set_open_browser (DdSsoPage *self,
                              gboolean   open_browser)
{
  g_return_if_fail (DD_IS_SSO_PAGE (self));
  self->open_browser = !!open_browser;
}

void
dd_sso_page_set_time_unit (DdSsoPage *self,
                           guint      milliseconds)
{
  g_return_if_fail (DD_IS_SSO_PAGE (self));
  self->time_unit = milliseconds;
}
