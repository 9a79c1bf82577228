/* dd-query-store.h: saved queries per data source, and a run history.
 *
 * Kept in $XDG_DATA_HOME/dynamo-desk/queries.json (or a given path),
 * written atomically on every change. A damaged file is moved aside to
 * queries.json.damaged and reported; it is never silently replaced. No
 * secrets are stored here: a query is an operation, a table and its text.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

/* Runs kept in the history (the oldest are dropped). */
#define DD_QUERY_STORE_HISTORY_MAX 100

typedef struct
{
  char    *source_id;
  char    *name;       /* NULL for a history entry */
  char    *action;     /* "Scan" */
  char    *table;      /* may be NULL */
  char    *text;       /* the editor's JSON */
  gint64   time;       /* unix seconds: saved or run */
  gboolean succeeded;  /* history: the run succeeded */
  gint64   elapsed_us; /* history: how long the run took */
} DdQuery;

#define DD_TYPE_QUERY (dd_query_get_type ())
GType    dd_query_get_type (void) G_GNUC_CONST;
DdQuery *dd_query_copy     (const DdQuery *query);
void     dd_query_free     (DdQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdQuery, dd_query_free)

#define DD_TYPE_QUERY_STORE (dd_query_store_get_type ())

G_DECLARE_FINAL_TYPE (DdQueryStore, dd_query_store, DD, QUERY_STORE, GObject)

/* path NULL: $XDG_DATA_HOME/dynamo-desk/queries.json */
DdQueryStore  *dd_query_store_new            (const char    *path);
const char    *dd_query_store_get_path       (DdQueryStore  *self);

/* Reads the file; a missing file is an empty store. */
gboolean       dd_query_store_load           (DdQueryStore  *self,
                                              GError       **error);

/* Saves (or replaces, by name) a query of a source, then writes the file. */
gboolean       dd_query_store_save_query     (DdQueryStore  *self,
                                              const char    *source_id,
                                              const char    *name,
                                              const char    *action,
                                              const char    *table,
                                              const char    *text,
                                              GError       **error);
gboolean       dd_query_store_delete_query   (DdQueryStore  *self,
                                              const char    *source_id,
                                              const char    *name,
                                              GError       **error);
/* The saved queries of a source, by name; transfer container. */
GPtrArray     *dd_query_store_list_queries   (DdQueryStore  *self,
                                              const char    *source_id);
const DdQuery *dd_query_store_lookup_query   (DdQueryStore  *self,
                                              const char    *source_id,
                                              const char    *name);

/* Records a run; keeps the last DD_QUERY_STORE_HISTORY_MAX. */
gboolean       dd_query_store_add_history    (DdQueryStore  *self,
                                              const char    *source_id,
                                              const char    *action,
                                              const char    *table,
                                              const char    *text,
                                              gboolean       succeeded,
                                              gint64         elapsed_us,
                                              GError       **error);
/* Newest first; source_id NULL for all; transfer container. */
GPtrArray     *dd_query_store_list_history   (DdQueryStore  *self,
                                              const char    *source_id);

/* Drops the queries and history of a deleted source. */
gboolean       dd_query_store_forget_source  (DdQueryStore  *self,
                                              const char    *source_id,
                                              GError       **error);

G_END_DECLS
