/* dd-pager-all.c: every page of a pager, pipelined (dd_pager_fetch_all_async). */
#define G_LOG_DOMAIN "dd-pager"

#include "config.h"

#include "dd-error.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-timing.h"
#include "dd-page-peek.h"
#include "dd-pager-all.h"

/* Pages of one segment parsed at the same time, at most. */
#define MAX_PARSING 2

/* Each segment is a chain of pages, pipelined: as soon as a page's body
 * is in, its continuation is peeked at (dd-page-peek.h) and the next
 * page's request is sent, while the page is parsed in the pool of parse
 * threads. Up to max_parsing pages of a chain are parsed at the same time
 * (one when max-items is set); a body that arrives while that many are
 * parsed waits. Pages are accepted strictly in order, whatever order
 * their parses end in, and the segment's start key moves only when a page
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

/* A page of a chain being parsed, or parsed and waiting for those before
 * it. */
typedef struct
{
  DdPagePeek  peek;
  DdPage     *page;
  GError     *error;
  gboolean    parsed;
} Slot;

typedef struct
{
  GTask      *task;
  guint       seg;
  guint       max_parsing;
  GBytes     *held;         /* in while max_parsing pages are parsed */
  GQueue      slots;        /* Slot, in page order */
  guint       requesting : 1;
} Chain;

typedef struct
{
  Chain *chain;
  Slot  *slot;
} ParseData;

static void
slot_free (Slot *slot)
{
  g_clear_pointer (&slot->page, dd_page_unref);
  g_clear_error (&slot->error);
  g_free (slot);
}

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
  dd_timing_mark ("request", (int) chain->seg, NULL);
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

  if (chain->requesting || chain->slots.length > 0)
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

/* The entries of the pages before a new one that are not accepted yet:
 * parsed ones by their items, the others by their peeked Count; FALSE
 * when one has none. */
static gboolean
chain_entries_ahead (Chain   *chain,
                     guint64 *ahead)
{
  *ahead = 0;
  for (GList *l = chain->slots.head; l != NULL; l = l->next)
    {
      Slot *slot = l->data;

      if (slot->page != NULL)
        *ahead += dd_page_get_n_entries (slot->page);
      else if (slot->peek.count >= 0)
        *ahead += (guint64) slot->peek.count;
      else
        return FALSE;
    }
  return TRUE;
}

/* Whether to send the next request before this page is accepted: not when
 * the page (by its Count) may reach max-items, counting the entries of
 * the pages before it that are not accepted yet. */
static gboolean
chain_may_prefetch (DdPager    *self,
                    Chain      *chain,
                    DdPagePeek *peek)
{
  guint64 ahead = 0;

  if (peek->name == NULL || self->operation->page_input_key == NULL)
    return FALSE;
  if (self->max_items == 0)
    return TRUE;
  return peek->count >= 0 && chain_entries_ahead (chain, &ahead)
         && self->n_items + ahead + (guint64) peek->count < self->max_items;
}

/* A body is in and there is room to parse it: parse it, and send the
 * next request if its continuation shows. */
static void
chain_start_page (DdPager *self,
                  Chain   *chain,
                  GBytes  *bytes)
{
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);
  Slot *slot = g_new0 (Slot, 1);
  ParseData *pd = g_new (ParseData, 1);

  dd_timing_mark ("start", (int) chain->seg, text);
  if (!dd_page_peek (text, len, &slot->peek))
    slot->peek.name = NULL;
  dd_timing_mark ("peeked", (int) chain->seg, text);
  if (chain_may_prefetch (self, chain, &slot->peek))
    {
      g_autofree char *start = g_strndup (text + slot->peek.offset, slot->peek.len);

      chain_request (self, chain, start);
    }
  g_queue_push_tail (&chain->slots, slot);
  pd->chain = chain;
  pd->slot = slot;
  dd_pager_parse_page_async (self, bytes, chain_fetch_all (chain)->inner, chain_parsed_cb, pd);
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
  if (bytes != NULL)
    dd_timing_mark ("body in", (int) chain->seg, g_bytes_get_data (bytes, NULL));
  if (bytes == NULL)
    chain_fail (chain, error);
  else if (chain_wanted (chain) && chain->slots.length >= chain->max_parsing)
    {
      dd_timing_mark ("held", (int) chain->seg, g_bytes_get_data (bytes, NULL));
      chain->held = g_steal_pointer (&bytes);
    }
  else if (chain_wanted (chain))
    chain_start_page (self, chain, bytes);
  chain_settle (self, chain);
}

/* The continuation the parse found is the one the next request used. */
static gboolean
chain_check_peek (DdPager  *self,
                  Slot     *slot,
                  GError  **error)
{
  DdPage *page = slot->page;
  const char *data = g_bytes_get_data (dd_page_get_bytes (page), NULL);
  gsize len = 0;
  const char *raw = dd_page_get_continuation (page, &len);

  if (self->operation->page_input_key == NULL
      || (raw == NULL && slot->peek.name == NULL)
      || (raw != NULL && slot->peek.name != NULL
          && g_strcmp0 (dd_page_get_continuation_name (page), slot->peek.name) == 0
          && (gsize) (raw - data) == slot->peek.offset && len == slot->peek.len))
    return TRUE;
  g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
               "The page's %s could not be read consistently; the pages after it are dropped",
               self->operation->page_output_key);
  return FALSE;
}

/* Accepts the first page of the chain, parsed; FALSE when the chain is
 * to stop. The held body, if any, is started first, so that it is parsed
 * while this page is handed out. */
static gboolean
chain_accept_first (DdPager *self,
                    Chain   *chain,
                    Slot    *slot)
{
  FetchAll *fa = chain_fetch_all (chain);
  g_autoptr(DdPage) delivered = NULL;
  g_autoptr(GBytes) held = NULL;
  GError *error = g_steal_pointer (&slot->error);

  if (slot->page == NULL || !chain_check_peek (self, slot, &error))
    {
      chain_fail (chain, error);
      return FALSE;
    }
  if (!chain_wanted (chain))
    return FALSE;
  held = g_steal_pointer (&chain->held);
  if (held != NULL)
    chain_start_page (self, chain, held);
  delivered = dd_pager_accept_page (self, chain->seg, slot->page);
  if (self->limit_reached)
    {
      fa->stopped = TRUE;
      g_cancellable_cancel (fa->inner);
      return FALSE;
    }
  return TRUE;
}

static void
chain_parsed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DdPager *self = DD_PAGER (object);
  g_autofree ParseData *pd = user_data;
  Chain *chain = pd->chain;
  Slot *first;

  pd->slot->page = dd_pager_parse_page_finish (self, result, &pd->slot->error);
  pd->slot->parsed = TRUE;
  /* Hand out the pages at the front that are parsed, in order. */
  while ((first = g_queue_peek_head (&chain->slots)) != NULL && first->parsed)
    {
      gboolean go_on = chain_accept_first (self, chain, first);

      g_queue_remove (&chain->slots, first);
      slot_free (first);
      if (!go_on)
        break;
    }
  /* A stopped chain drops the pages that were parsed after the first. */
  while (!chain_wanted (chain) && (first = g_queue_peek_head (&chain->slots)) != NULL
         && first->parsed)
    slot_free (g_queue_pop_head (&chain->slots));
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
        chain->max_parsing = self->max_items > 0 ? 1 : MAX_PARSING;
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
