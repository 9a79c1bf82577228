/* dd-source-store.h: the saved data sources, a GListModel of DdSource.
 *
 * Settings in $XDG_CONFIG_HOME/dynamo-desk/sources.json,
 * {"version": 1, "sources": [...]}, written atomically with mode 0600;
 * secrets in a DdSecretStore, keyed by source id.
 *
 * A sources.json that cannot be read (not JSON, truncated, another version,
 * wrong shapes) is moved aside to sources.json.broken-YYYYMMDDTHHMMSS and
 * load fails with an error naming where it went; the store is then empty
 * and usable. Entries that cannot be read inside an otherwise good file are
 * skipped with a warning (dd_source_store_get_warnings) and a copy of the
 * whole file is kept aside the same way. Nothing is overwritten silently:
 * when a damaged file cannot be moved aside, saving refuses.
 */
#pragma once

#include "dd-types.h"
#include "dd-secret-store.h"
#include "dd-source.h"

G_BEGIN_DECLS

#define DD_SOURCE_STORE_VERSION 1

#define DD_TYPE_SOURCE_STORE (dd_source_store_get_type ())

G_DECLARE_FINAL_TYPE (DdSourceStore, dd_source_store, DD, SOURCE_STORE, GObject)

/* $XDG_CONFIG_HOME/dynamo-desk/sources.json */
char          *dd_source_store_default_path     (void);

/* path NULL: the default path; secrets NULL: dd_secret_store_new(). */
DdSourceStore *dd_source_store_new              (const char     *path,
                                                 DdSecretStore  *secrets);

const char    *dd_source_store_get_path         (DdSourceStore  *self);
DdSecretStore *dd_source_store_get_secret_store (DdSourceStore  *self);

/* Replaces the sources with those of the file. A missing file is an empty
 * list. See above for a damaged file. */
void           dd_source_store_load_async       (DdSourceStore       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       dd_source_store_load_finish      (DdSourceStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* What the last load skipped, one sentence each; never NULL. */
const char * const *dd_source_store_get_warnings (DdSourceStore *self);
/* Where the last load put a damaged file aside, or NULL. */
const char    *dd_source_store_get_broken_path  (DdSourceStore  *self);

/* Writes sources.json, then saves the secrets that changed and removes the
 * secrets of the sources removed since the last save. */
void           dd_source_store_save_async       (DdSourceStore       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       dd_source_store_save_finish      (DdSourceStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Loads the source's secrets from the secret store into the source (no-op
 * when it already holds them). TRUE also when the keyring has none. */
void           dd_source_store_load_secrets_async  (DdSourceStore       *self,
                                                    DdSource            *source,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       dd_source_store_load_secrets_finish (DdSourceStore       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Names are unique: add and rename fail with DD_ERROR_INVALID_INPUT for a
 * name in use (or empty). */
gboolean       dd_source_store_add              (DdSourceStore  *self,
                                                 DdSource       *source,
                                                 GError        **error);
gboolean       dd_source_store_rename           (DdSourceStore  *self,
                                                 DdSource       *source,
                                                 const char     *name,
                                                 GError        **error);
/* The source's secret is removed on the next save. */
void           dd_source_store_remove           (DdSourceStore  *self,
                                                 DdSource       *source);
/* Adds a copy named "NAME (copy)" (or "NAME (copy N)") and returns it;
 * the store owns the sources that lookup and duplicate return. */
DdSource      *dd_source_store_duplicate        (DdSourceStore  *self,
                                                 DdSource       *source);
DdSource      *dd_source_store_lookup           (DdSourceStore  *self,
                                                 const char     *id);
DdSource      *dd_source_store_lookup_by_name   (DdSourceStore  *self,
                                                 const char     *name);

G_END_DECLS
