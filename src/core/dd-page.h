/* dd-page.h: one result page (Scan, Query, ListTables, ExecuteStatement).
 *
 * A page keeps the response bytes once and describes them: each item is a
 * slice of the raw DynamoDB JSON (never a tree), the attribute names seen
 * in first-seen order, the counts, the consumed capacity, the continuation
 * (LastEvaluatedKey as raw JSON, LastEvaluatedTableName or NextToken) and,
 * for ListTables, the table names. Immutable and refcounted; parsing is a
 * pure function, safe to run in a worker thread.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_PAGE (dd_page_get_type ())

GType               dd_page_get_type                (void) G_GNUC_CONST;

/* Tokenizes a response page. Malformed JSON, a root that is not an object,
 * Items that are not objects of attribute values and the like fail with
 * DD_ERROR_PROTOCOL ("line L, column C: ..."). */
DdPage             *dd_page_parse                   (GBytes      *bytes,
                                                     GError     **error);
/* A page with only the first n_entries items (or table names), sharing the
 * bytes. Count becomes the number kept; the continuation is dropped, since
 * it points after the items left out. */
DdPage             *dd_page_new_truncated           (DdPage      *page,
                                                     guint        n_entries);
DdPage             *dd_page_ref                     (DdPage      *self);
void                dd_page_unref                   (DdPage      *self);

GBytes             *dd_page_get_bytes               (DdPage      *self);

guint               dd_page_get_n_items             (DdPage      *self);
/* The raw DynamoDB JSON of item i (an object of attribute values), not
 * NUL-terminated; valid while the page lives. */
const char         *dd_page_get_item                (DdPage      *self,
                                                     guint        i,
                                                     gsize       *len);
/* Item attribute names in first-seen order, NULL-terminated; n optional. */
const char * const *dd_page_get_attribute_names     (DdPage      *self,
                                                     guint       *n);

/* Count and ScannedCount, -1 when the page has none. */
gint64              dd_page_get_count               (DdPage      *self);
gint64              dd_page_get_scanned_count       (DdPage      *self);
/* ConsumedCapacity's CapacityUnits (summed over an array of them); FALSE
 * when the page has none. */
gboolean            dd_page_get_consumed_capacity   (DdPage      *self,
                                                     double      *units);

/* The continuation: which member holds it ("LastEvaluatedKey",
 * "LastEvaluatedTableName", "NextToken") and its raw JSON text (an object,
 * or a quoted string), or NULL on a last page. */
const char         *dd_page_get_continuation_name   (DdPage      *self);
const char         *dd_page_get_continuation        (DdPage      *self,
                                                     gsize       *len);
gboolean            dd_page_has_more                (DdPage      *self);
/* LastEvaluatedTableName or NextToken decoded, else NULL. */
const char         *dd_page_get_continuation_string (DdPage      *self);

/* ListTables' TableNames, NULL-terminated (empty when absent); n optional. */
const char * const *dd_page_get_table_names         (DdPage      *self,
                                                     guint       *n);

/* Items plus table names: what a limit on "items" counts. */
guint               dd_page_get_n_entries           (DdPage      *self);

/* Appends the decoded contents of a JSON string (text between the quotes,
 * escapes as in the JSON text). Lone surrogates become U+FFFD. */
void                dd_page_append_unescaped        (GString     *out,
                                                     const char  *text,
                                                     gsize        len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPage, dd_page_unref)

/* The page's items already written out by owner (an export writer), on
 * the thread that parsed the page, before the page is handed out: text
 * (taken) replaces what was set before. Set only before the page is
 * shared. dd_page_steal_rendered () gives the text back, once, to the
 * same owner only (NULL otherwise). */
void      dd_page_set_rendered   (DdPage        *self,
                                  gconstpointer  owner,
                                  GString       *text);
GString  *dd_page_steal_rendered (DdPage        *self,
                                  gconstpointer  owner);

G_END_DECLS
