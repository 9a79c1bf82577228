/* dd-pager.h: follows the pages of a paginated operation.
 *
 * Sends the request, reads the continuation of each page
 * (LastEvaluatedKey, LastEvaluatedTableName, NextToken) and sends it back as
 * the operation's page input key until the last page. A Scan may be split
 * in 1-16 segments (Segment/TotalSegments set in the body), each segment its
 * own chain of pages, run concurrently. Pages are parsed in a worker thread;
 * fetching all pages, the next page's request goes out as soon as a page's
 * body is in (its continuation peeked at, dd-page-peek.h), while the page
 * is parsed and handed out, unless that page may reach max-items;
 * everything else (the "page" signal, the counters, the callbacks) happens
 * on the main context the calls were made from.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_PAGER (dd_pager_get_type ())

G_DECLARE_FINAL_TYPE (DdPager, dd_pager, DD, PAGER, GObject)

#define DD_PAGER_MAX_SEGMENTS 16

/* request_body is the wire form (typed attribute values). An operation
 * without a page input key gives one page. */
DdPager           *dd_pager_new                   (DdClient            *client,
                                                   const DdOperation   *operation,
                                                   GBytes              *request_body);

DdClient          *dd_pager_get_client            (DdPager             *self);
const DdOperation *dd_pager_get_operation         (DdPager             *self);

/* Stop after this many items (table names for ListTables), trimming the
 * last page; 0 (the default) for no limit. */
void               dd_pager_set_max_items         (DdPager             *self,
                                                   guint64              max_items);
guint64            dd_pager_get_max_items         (DdPager             *self);
/* 1 (the default) to 16; set before the first page. With more than one the
 * body's own ExclusiveStartKey is left out. */
void               dd_pager_set_total_segments    (DdPager             *self,
                                                   guint                total_segments);
guint              dd_pager_get_total_segments    (DdPager             *self);

/* One more page ("Load More"): of the first segment that is not done, in
 * turn. Returns NULL without error when the pager is already done, and
 * G_IO_ERROR_PENDING while another fetch runs. */
void               dd_pager_next_page_async       (DdPager             *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
DdPage            *dd_pager_next_page_finish      (DdPager             *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Every remaining page, emitting "page" for each as it arrives. On an
 * error (or cancel) the other segments are stopped; pages already emitted
 * stay counted and a later call goes on from where each segment was. */
void               dd_pager_fetch_all_async       (DdPager             *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean           dd_pager_fetch_all_finish      (DdPager             *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* TRUE once every segment has given its last page or max-items is reached. */
gboolean           dd_pager_is_done               (DdPager             *self);

/* Progress, summed over the pages emitted so far. */
guint64            dd_pager_get_n_items           (DdPager             *self);
guint64            dd_pager_get_n_pages           (DdPager             *self);
guint64            dd_pager_get_count             (DdPager             *self);
guint64            dd_pager_get_scanned_count     (DdPager             *self);
double             dd_pager_get_consumed_capacity (DdPager             *self);

/* Called on the parse thread with each page just parsed, before it is
 * handed out (e.g. to write its items out there: dd_page_set_rendered ()).
 * Set before the pages are fetched. */
typedef void (*DdPagerParsedFunc) (DdPage   *page,
                                   gpointer  user_data);

void               dd_pager_set_parsed_func       (DdPager             *self,
                                                   DdPagerParsedFunc    func,
                                                   gpointer             user_data);

G_END_DECLS
