/* dd-sso-page.h: the connection dialog's "SSO" tab.
 *
 * IAM Identity Center: a start URL and the SSO region (typed, or taken
 * from an SSO profile or sso-session of ~/.aws/config), "Sign In" with the
 * device authorization flow (the code to confirm, a copy button, the
 * verification page opened in the browser, Cancel), then the accounts and
 * roles the sign-in may use, to pick one. The sign-in's token goes to the
 * AWS CLI's cache, where the saved source finds it.
 */
#pragma once

#include <adwaita.h>

#include "dd-source.h"

G_BEGIN_DECLS

#define DD_TYPE_SSO_PAGE (dd_sso_page_get_type ())

G_DECLARE_FINAL_TYPE (DdSsoPage, dd_sso_page, DD, SSO_PAGE, GtkBox)

GtkWidget  *dd_sso_page_new             (void);
/* Fills the page from a source's sso settings. */
void        dd_sso_page_load_source     (DdSsoPage  *self,
                                         DdSource   *source);
/* Writes the page's settings into source (NULL members when empty). */
void        dd_sso_page_apply           (DdSsoPage  *self,
                                         DdSource   *source);
/* A line per missing setting, appended to problems. */
void        dd_sso_page_check           (DdSsoPage  *self,
                                         GString    *problems);

/* "start-url" or "sso-region". */
GtkEditable *dd_sso_page_get_field      (DdSsoPage  *self,
                                         const char *name);
/* Starts the sign-in (as the "Sign In" button does), or cancels it. */
void        dd_sso_page_sign_in         (DdSsoPage  *self);
void        dd_sso_page_cancel          (DdSsoPage  *self);
/* "signed-out", "signing-in", "listing", "signed-in", "failed". */
const char *dd_sso_page_get_state       (DdSsoPage  *self);
const char *dd_sso_page_get_status_text (DdSsoPage  *self);
/* The code shown to the person, or NULL. */
const char *dd_sso_page_get_user_code   (DdSsoPage  *self);
/* The accounts listed ("Name (id)") and the roles of the one picked. */
GListModel *dd_sso_page_get_accounts    (DdSsoPage  *self);
GListModel *dd_sso_page_get_roles       (DdSsoPage  *self);
gboolean    dd_sso_page_select          (DdSsoPage  *self,
                                         const char *account_id,
                                         const char *role_name);
/* Tests: no browser is opened; one polling second lasts ms. */
void        dd_sso_page_set_open_browser (DdSsoPage *self,
                                          gboolean   open_browser);
void        dd_sso_page_set_time_unit   (DdSsoPage  *self,
                                         guint       milliseconds);

/* Opens uri in the browser (GtkUriLauncher on GTK 4.10, else
 * gtk_show_uri), for widget's window. */
void        dd_sso_open_uri             (GtkWidget  *widget,
                                         const char *uri);

G_END_DECLS
