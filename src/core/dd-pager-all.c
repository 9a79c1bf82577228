/* dd-pager-all.c: every page of a pager, pipelined (dd_pager_fetch_all_async). */
#define G_LOG_DOMAIN "dd-pager"

#include "config.h"

#include "dd-error.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-page-peek.h"
#include "dd-pager-all.h"

/* Each segment is a chain of pages, pipelined: as soon as a page's body
 * is in, its continuation is peeked at (dd-page-peek.h) and the next
 * page's request is sent, while the page is parsed in a worker thread. A
 * body that arrives while the page before it is still parsed waits; pages
 * are accepted in order, and the segment's start key moves only when a page
 * is accepted, so an error drops the pages after it and a later call asks
 * for them again. The peeked continuation must be the parsed one. */

typedef struct
{
  GCancellable *inner;      /* stops every segment */
  GCancellable *outer;
  gulong        outer_id;
  guint         pending;
  gboolean      stopped;    /* max-items reached: the rest is not wanted */
  GError       *error;
} FetchAll;

typedef struct
{
  GTask      *task;
  guint       seg;
  GBytes     *held;         /* in while the page before it is parsed */
  DdPagePeek  peek;         /* of the page being parsed */
  guint       requesting : 1;
  guint       parsing : 1;
} Chain;

static void
fetch_all_free (FetchAll *fa)
{
  if (fa->outer != NULL)
    g_cancellable_disconnect (fa->outer, fa->outer_id);
  g_clear_object (&fa->outer);
  g_clear_object (&fa->inner);
  g_clear_error (&fa->error);
  g_free (fa);
}

static void
fetch_all_complete (GTask *task)
{
  DdPager *self = g_task_get_source_object (task);
  FetchAll *fa = g_task_get_task_data (task);

  self->busy = FALSE;
  if (fa->error != NULL)
    g_task_return_error (task, g_steal_pointer (&fa->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void chain_requested_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);
static void chain_parsed_cb    (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);

static FetchAll *
chain_fetch_all (Chain *chain)
{
  return g_task_get_task_data (chain->task);
}

static gboolean
chain_wanted (Chain *chain)
{
  FetchAll *fa = chain_fetch_all (chain);

  return fa->error == NULL && !fa->stopped;
}

/* Takes error: the first one ends the whole fetch. */
static void
chain_fail (Chain  *chain,
            GError *error)
{
  FetchAll *fa = chain_fetch_all (chain);

  if (chain_wanted (chain))
    fa->error = error;
  else
    g_error_free (error);
  g_cancellable_cancel (fa->inner);
}

static void
chain_request (DdPager    *self,
               Chain      *chain,
               const char *start)
{
  chain->requesting = TRUE;
  dd_pager_request_page_async (self, chain->seg, start, chain_fetch_all (chain)->inner,
                      chain_requested_cb, chain);
}

/* Ends the chain once nothing of it is in flight; a chain left with
 * neither (a page whose continuation could not be peeked) asks again. */
static void
chain_settle (DdPager *self,
              Chain   *chain)
{
  FetchAll *fa = chain_fetch_all (chain);

  if (chain->requesting || chain->parsing)
    return;
  if (chain_wanted (chain) && !self->segments[chain->seg].done)
    {
      chain_request (self, chain, self->segments[chain->seg].start);
      return;
    }
  g_clear_pointer (&chain->held, g_bytes_unref);
  if (--fa->pending == 0)
    fetch_all_complete (chain->task);
  g_object_unref (chain->task);
  g_free (chain);
}

/* Whether to send the next request before this page is accepted: not when
 * the page (by its Count) may reach max-items, counting the ahead entries
 * of the page before it that is being accepted. */
static gboolean
chain_may_prefetch (DdPager    *self,
                    DdPagePeek *peek,
                    guint64     ahead)
{
  if (peek->name == NULL || self->operation->page_input_key == NULL)
    return FALSE;
  if (self->max_items == 0)
    return TRUE;
  return peek->count >= 0 && self->n_items + ahead + (guint64) peek->count < self->max_items;
}

/* A body is in and the page before it parsed: parse it, and send the next
 * request if its continuation shows. */
static void
chain_start_page (DdPager *self,
                  Chain   *chain,
                  GBytes  *bytes,
                  guint64  ahead)
{
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);

  if (!dd_page_peek (text, len, &chain->peek))
    chain->peek.name = NULL;
  if (chain_may_prefetch (self, &chain->peek, ahead))
    {
      g_autofree char *start = g_strndup (text + chain->peek.offset, chain->peek.len);

      chain_request (self, chain, start);
    }
  chain->parsing = TRUE;
  dd_pager_parse_page_async (self, bytes, chain_fetch_all (chain)->inner, chain_parsed_cb, chain);
}

static void
chain_requested_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DdPager *self = DD_PAGER (object);
  Chain *chain = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = dd_pager_request_page_finish (self, result, &error);

  chain->requesting = FALSE;
  if (bytes == NULL)
    chain_fail (chain, error);
  else if (chain_wanted (chain) && chain->parsing)
    chain->held = g_steal_pointer (&bytes);
  else if (chain_wanted (chain))
    chain_start_page (self, chain, bytes, 0);
  chain_settle (self, chain);
}

/* The continuation the parse found is the one the next request used. */
static gboolean
chain_check_peek (DdPager  *self,
                  Chain    *chain,
                  DdPage   *page,
                  GError  **error)
{
  const char *data = g_bytes_get_data (dd_page_get_bytes (page), NULL);
  gsize len = 0;
  const char *raw = dd_page_get_continuation (page, &len);

  if (self->operation->page_input_key == NULL
      || (raw == NULL && chain->peek.name == NULL)
      || (raw != NULL && chain->peek.name != NULL
          && g_strcmp0 (dd_page_get_continuation_name (page), chain->peek.name) == 0
          && (gsize) (raw - data) == chain->peek.offset && len == chain->peek.len))
    return TRUE;
  g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
               "The page's %s could not be read consistently; the pages after it are dropped",
               self->operation->page_output_key);
  return FALSE;
}

static void
chain_parsed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DdPager *self = DD_PAGER (object);
  Chain *chain = user_data;
  FetchAll *fa = chain_fetch_all (chain);
  GError *error = NULL;
  g_autoptr(DdPage) page = dd_pager_parse_page_finish (self, result, &error);
  g_autoptr(DdPage) delivered = NULL;

  chain->parsing = FALSE;
  if (page == NULL || !chain_check_peek (self, chain, page, &error))
    chain_fail (chain, error);
  else if (chain_wanted (chain))
    {
      g_autoptr(GBytes) held = g_steal_pointer (&chain->held);

      /* The next page is parsed while this one is handed out. */
      if (held != NULL)
        chain_start_page (self, chain, held, dd_page_get_n_entries (page));
      delivered = dd_pager_accept_page (self, chain->seg, page);
      if (self->limit_reached)
        {
          fa->stopped = TRUE;
          g_cancellable_cancel (fa->inner);
        }
    }
  chain_settle (self, chain);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

void
dd_pager_fetch_all_async (DdPager             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchAll *fa;

  g_return_if_fail (DD_IS_PAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_pager_fetch_all_async);
  if (!dd_pager_begin_fetch (self, task))
    return;
  fa = g_new0 (FetchAll, 1);
  fa->inner = g_cancellable_new ();
  g_task_set_task_data (task, fa, (GDestroyNotify) fetch_all_free);
  if (cancellable != NULL)
    {
      fa->outer = g_object_ref (cancellable);
      fa->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                            fa->inner, NULL);
    }
  for (guint seg = 0; seg < self->total_segments && !self->done; seg++)
    if (!self->segments[seg].done)
      {
        Chain *chain = g_new0 (Chain, 1);

        chain->task = g_object_ref (task);
        chain->seg = seg;
        fa->pending++;
        chain_request (self, chain, self->segments[seg].start);
      }
  if (fa->pending == 0)
    fetch_all_complete (task);
}

gboolean
dd_pager_fetch_all_finish (DdPager       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DD_IS_PAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
