/* dd-session.h: what the window keeps for one data source while it runs:
 * its client (made once the secrets are loaded), its tables (ListTables,
 * every page, loaded when first asked for) and the sidebar rows under it.
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-client.h"
#include "dd-mfa-prompt.h"
#include "dd-query-store.h"
#include "dd-source.h"
#include "dd-source-store.h"

G_BEGIN_DECLS

#define DD_TYPE_SESSION (dd_session_get_type ())

G_DECLARE_FINAL_TYPE (DdSession, dd_session, DD, SESSION, GObject)

DdSession  *dd_session_new                (DdSource            *source,
                                           DdSourceStore       *store,
                                           DdQueryStore        *queries);
DdSource   *dd_session_get_source         (DdSession           *self);

/* The client of the source: the secrets are loaded first when needed. */
void        dd_session_get_client_async   (DdSession           *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
DdClient   *dd_session_get_client_finish  (DdSession           *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Where MFA codes are asked (the window's); set before the first request. */
void        dd_session_set_mfa_prompt     (DdSession           *self,
                                           DdMfaPrompt         *prompt);
/* The provider the client signs with, once made; NULL before. */
DdCredentialsProvider *dd_session_get_provider (DdSession      *self);
/* Asks the provider (cached) and STS who the credentials are and puts the
 * answer on the source (credentials-info); done after each table load. */
void        dd_session_update_credentials_info (DdSession      *self);
/* Forgets the client (after the source was edited). */
void        dd_session_reset              (DdSession           *self);

/* Table names (GtkStringObject), filled by dd_session_refresh_tables. */
GListModel *dd_session_get_tables         (DdSession           *self);
/* The sidebar rows under the source (DdSidebarItem): tables, then saved
 * queries. */
GListModel *dd_session_get_children       (DdSession           *self);
/* Loads the tables unless that was done already. */
void        dd_session_ensure_tables      (DdSession           *self);
void        dd_session_refresh_tables     (DdSession           *self);
gboolean    dd_session_get_loading        (DdSession           *self);
/* The key attributes of a table (partition, then sort), from DescribeTable,
 * asked once per table and kept. */
void        dd_session_get_key_names_async  (DdSession           *self,
                                             const char          *table,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GStrv       dd_session_get_key_names_finish (DdSession           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Re-reads the saved queries of the source from the query store. */
void        dd_session_update_queries     (DdSession           *self);

G_END_DECLS
