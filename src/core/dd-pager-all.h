/* dd-pager-all.h: what dd-pager.c and dd-pager-all.c share.
 *
 * Internal to the core. dd-pager-all.c is the pipelined fetch of every
 * page (dd_pager_fetch_all_async); dd-pager.c the object, the requests,
 * the parse and the accepting of pages.
 */
#pragma once

#include "dd-pager.h"

G_BEGIN_DECLS

typedef struct
{
  char     *start;  /* raw JSON of the next page's start, NULL for the first */
  gboolean  done;
} DdPagerSegment;

struct _DdPager
{
  GObject            parent_instance;

  DdClient          *client;
  const DdOperation *operation;
  GBytes            *body;

  guint64            max_items;
  guint              total_segments;
  DdPagerSegment     segments[DD_PAGER_MAX_SEGMENTS];
  guint              next_segment;

  guint64            n_items;
  guint64            n_pages;
  guint64            count;
  guint64            scanned_count;
  double             consumed_capacity;

  DdPagerParsedFunc  parsed_func;
  gpointer           parsed_data;

  guint              started : 1;
  guint              busy : 1;
  guint              limit_reached : 1;
  guint              done : 1;
};

/* The response body of segment seg's page from start (the start key's
 * raw JSON, NULL for the first page). */
void     dd_pager_request_page_async  (DdPager             *self,
                                       guint                seg,
                                       const char          *start,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes  *dd_pager_request_page_finish (DdPager             *self,
                                       GAsyncResult        *result,
                                       GError             **error);
/* dd_page_parse in a worker thread. */
void     dd_pager_parse_page_async    (DdPager             *self,
                                       GBytes              *bytes,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
DdPage  *dd_pager_parse_page_finish   (DdPager             *self,
                                       GAsyncResult        *result,
                                       GError             **error);
/* Moves segment seg past page, counts it, emits "page"; returns the page
 * as delivered (trimmed to max-items when needed). */
DdPage  *dd_pager_accept_page         (DdPager             *self,
                                       guint                seg,
                                       DdPage              *page);
/* FALSE (task returned with G_IO_ERROR_PENDING) while a fetch runs. */
gboolean dd_pager_begin_fetch         (DdPager             *self,
                                       GTask               *task);

G_END_DECLS
