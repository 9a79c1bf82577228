/* dd-secret-store.h: the secrets of the data sources.
 *
 * Kept in the Secret Service (libsecret, schema
 * "io.github.dynamodesk.DynamoDesk.Source", attribute "source-id"), keyed
 * by the source's id so that renaming a source keeps its secret. One item
 * per source holds both the secret access key and the session token.
 *
 * Where no Secret Service can be reached (no session bus, or nothing owns
 * or can start org.freedesktop.secrets), the store keeps the secrets in
 * memory for the session instead: `persistent` turns FALSE and `message`
 * says so, for the UI to show.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_SECRET_SCHEMA_NAME "io.github.dynamodesk.DynamoDesk.Source"

#define DD_TYPE_SECRET_STORE (dd_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (DdSecretStore, dd_secret_store, DD, SECRET_STORE, GObject)

/* The libsecret schema (for tests and tools that look the items up). */
const void    *dd_secret_store_get_schema       (void);

/* A store on the Secret Service, falling back to memory when there is none. */
DdSecretStore *dd_secret_store_new              (void);
/* A store that never leaves memory (persistent is FALSE from the start). */
DdSecretStore *dd_secret_store_new_in_memory    (void);

/* FALSE once the secrets are kept in memory only. Until the first call
 * has found out, TRUE for a store made by dd_secret_store_new(). */
gboolean       dd_secret_store_get_persistent   (DdSecretStore *self);
/* NULL while persistent, else a sentence for the UI. */
const char    *dd_secret_store_get_message      (DdSecretStore *self);

/* label is what a keyring manager shows ("Dynamo Desk: NAME"). The
 * session token may be NULL. */
void           dd_secret_store_store_async      (DdSecretStore       *self,
                                                 const char          *source_id,
                                                 const char          *label,
                                                 const char          *secret_access_key,
                                                 const char          *session_token,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       dd_secret_store_store_finish     (DdSecretStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Returns TRUE and sets *secret_access_key (and *session_token, maybe to
 * NULL) when the source has a secret; TRUE with *secret_access_key NULL
 * when it has none; FALSE on error. Free the strings with
 * dd_secret_store_free_secret(). */
void           dd_secret_store_lookup_async     (DdSecretStore       *self,
                                                 const char          *source_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       dd_secret_store_lookup_finish    (DdSecretStore       *self,
                                                 GAsyncResult        *result,
                                                 char               **secret_access_key,
                                                 char               **session_token,
                                                 GError             **error);

/* Removes the source's secret; TRUE also when there was none. */
void           dd_secret_store_clear_async      (DdSecretStore       *self,
                                                 const char          *source_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       dd_secret_store_clear_finish     (DdSecretStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Wipes and frees a secret string (NULL is fine). */
void           dd_secret_store_free_secret      (char                *secret);

G_END_DECLS
