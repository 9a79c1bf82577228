/* dd-connection-dialog.h: "Add Data Source" / "Edit Data Source".
 *
 * A name, a region, how to sign in (IAM credentials, instance profile,
 * role ARN, AWS profile) and an optional endpoint; fields are checked as
 * they are typed. "Test Connection" shows who answered, how fast and the
 * first table, or the error and its hint; "Save" adds or updates the
 * source in the store and writes it.
 */
#pragma once

#include <adwaita.h>

#include "dd-source.h"
#include "dd-source-store.h"
#include "dd-sso-page.h"

G_BEGIN_DECLS

#define DD_TYPE_CONNECTION_DIALOG (dd_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdConnectionDialog, dd_connection_dialog, DD, CONNECTION_DIALOG, AdwWindow)

/* source NULL: a new source. */
DdConnectionDialog *dd_connection_dialog_new            (GtkWindow          *parent,
                                                         DdSourceStore      *store,
                                                         DdSource           *source);
/* Fills the form for a local DynamoDB at endpoint (dummy keys). */
void                dd_connection_dialog_prefill_local  (DdConnectionDialog *self,
                                                         const char         *endpoint);

/* For tests and screenshots: the field with this name ("name", "region",
 * "access-key", "secret-key", "session-token", "role-arn", "external-id",
 * "session-name", "mfa-serial", "endpoint") and the tab ("iam-keys",
 * "instance-profile", "role-arn", "profile", "sso"). */
GtkEditable        *dd_connection_dialog_get_field      (DdConnectionDialog *self,
                                                         const char         *name);
void                dd_connection_dialog_set_auth_mode  (DdConnectionDialog *self,
                                                         DdAuthMode          mode);
/* The "SSO" tab. */
DdSsoPage          *dd_connection_dialog_get_sso_page   (DdConnectionDialog *self);
gboolean            dd_connection_dialog_get_valid      (DdConnectionDialog *self);
/* The problems shown under the form, or NULL. */
const char         *dd_connection_dialog_get_problems   (DdConnectionDialog *self);
gboolean            dd_connection_dialog_get_testing    (DdConnectionDialog *self);
const char         *dd_connection_dialog_get_test_text  (DdConnectionDialog *self);

G_END_DECLS
