/* dd-pager.c: follows the pages of a paginated operation. */
#define G_LOG_DOMAIN "dd-pager"

#include "config.h"

#include <string.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-pager-all.h"
#include "dd-request.h"
#include "dd-timing.h"

G_DEFINE_FINAL_TYPE (DdPager, dd_pager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_ITEMS,
  PROP_TOTAL_SEGMENTS,
  PROP_N_ITEMS,
  PROP_N_PAGES,
  PROP_COUNT,
  PROP_SCANNED_COUNT,
  PROP_CONSUMED_CAPACITY,
  PROP_DONE,
  N_PROPS
};

enum {
  PAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Request bodies ------------------------------------------------------- */

static GBytes *
take_text (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

/* The body of segment seg's next request: the caller's body, then
 * Segment/TotalSegments and the start key as needed. */
static GBytes *
body_for_segment (DdPager    *self,
                  guint       seg,
                  const char *start,
                  GError    **error)
{
  g_autoptr(GBytes) body = g_bytes_ref (self->body);
  char *text;

  if (self->total_segments > 1)
    {
      if ((text = dd_request_with_segment (body, seg, self->total_segments, error)) == NULL)
        return NULL;
      g_bytes_unref (body);
      body = take_text (text);
    }
  /* A parallel Scan leaves out the caller's own start key. */
  if (self->operation->page_input_key != NULL && (start != NULL || self->total_segments > 1))
    {
      if ((text = dd_request_with_start_key (self->operation, body, start, error)) == NULL)
        return NULL;
      g_bytes_unref (body);
      body = take_text (text);
    }
  return g_steal_pointer (&body);
}

/* One page of one segment: request, then parse in a worker thread ------ */

static void
request_page_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *bytes = dd_client_call_finish (DD_CLIENT (object), result, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* The response body of segment seg's page from start (raw JSON of the
 * start key, NULL for the first page). */
void
dd_pager_request_page_async (DdPager             *self,
                             guint                seg,
                             const char          *start,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, dd_pager_request_page_async);
  body = body_for_segment (self, seg, start, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  dd_client_call_async (self->client, self->operation->action, body, cancellable,
                        request_page_cb, g_steal_pointer (&task));
}

GBytes *
dd_pager_request_page_finish (DdPager       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs in the pool; takes the task. */
static void
parse_page_thread (gpointer data,
                   gpointer user_data)
{
  g_autoptr(GTask) task = data;
  DdPager *pager = g_task_get_source_object (task);
  DdPagerParsedFunc parsed;
  GError *error = NULL;
  DdPage *page;

  if (g_task_return_error_if_cancelled (task))
    return;
  dd_timing_mark ("parse", -1, g_bytes_get_data (g_task_get_task_data (task), NULL));
  page = dd_page_parse (g_task_get_task_data (task), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  parsed = (DdPagerParsedFunc) g_atomic_pointer_get (&pager->parsed_func);
  if (parsed != NULL)
    {
      dd_timing_mark ("render", -1, g_bytes_get_data (dd_page_get_bytes (page), NULL));
      parsed (page, g_atomic_pointer_get (&pager->parsed_data));
    }
  dd_timing_mark ("parsed", -1, g_bytes_get_data (dd_page_get_bytes (page), NULL));
  g_task_return_pointer (task, page, (GDestroyNotify) dd_page_unref);
}

void
dd_pager_set_parsed_func (DdPager           *self,
                          DdPagerParsedFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (DD_IS_PAGER (self));
  g_atomic_pointer_set (&self->parsed_data, user_data);
  g_atomic_pointer_set (&self->parsed_func, func);
}

/* Pages are parsed in a pool of as many threads as there are processors:
 * the pages of one segment may be parsed at the same time (dd-pager-all.c
 * hands them out in order). */
static gpointer
parse_pool_new (gpointer data)
{
  return g_thread_pool_new (parse_page_thread, NULL, (int) g_get_num_processors (), FALSE, NULL);
}

static GThreadPool *
parse_pool (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, parse_pool_new, NULL);
}

void
dd_pager_parse_page_async (DdPager             *self,
                           GBytes              *bytes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dd_pager_parse_page_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_thread_pool_push (parse_pool (), task, NULL);
}

DdPage *
dd_pager_parse_page_finish (DdPager       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fetch_page_parsed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DdPage *page = dd_pager_parse_page_finish (DD_PAGER (object), result, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) dd_page_unref);
}

static void
fetch_page_requested_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = dd_pager_request_page_finish (DD_PAGER (object), result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  dd_pager_parse_page_async (DD_PAGER (object), bytes, cancellable, fetch_page_parsed_cb, g_steal_pointer (&task));
}

/* Segment seg's next page, requested and parsed, one after the other. */
static void
fetch_page_async (DdPager             *self,
                  guint                seg,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, fetch_page_async);
  dd_pager_request_page_async (self, seg, self->segments[seg].start, cancellable,
                      fetch_page_requested_cb, task);
}

static DdPage *
fetch_page_finish (DdPager       *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accepting a page: segment state, limit, counters, signal ------------- */

static void
update_done (DdPager *self)
{
  gboolean done = self->limit_reached;

  if (!done)
    {
      done = TRUE;
      for (guint i = 0; i < self->total_segments; i++)
        done = done && self->segments[i].done;
    }
  if (done != self->done)
    {
      self->done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
}

static void
advance_segment (DdPager *self,
                 guint    seg,
                 DdPage  *page)
{
  DdPagerSegment *s = &self->segments[seg];
  gsize len = 0;
  const char *raw = dd_page_get_continuation (page, &len);

  g_clear_pointer (&s->start, g_free);
  if (raw != NULL && self->operation->page_input_key != NULL)
    s->start = g_strndup (raw, len);
  else
    s->done = TRUE;
}

static void
add_counts (DdPager *self,
            DdPage  *page)
{
  double units = 0;

  self->n_items += dd_page_get_n_entries (page);
  self->n_pages++;
  self->count += (guint64) MAX (dd_page_get_count (page), 0);
  self->scanned_count += (guint64) MAX (dd_page_get_scanned_count (page), 0);
  if (dd_page_get_consumed_capacity (page, &units))
    self->consumed_capacity += units;
  for (guint p = PROP_N_ITEMS; p <= PROP_CONSUMED_CAPACITY; p++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[p]);
}

/* Returns the page as delivered (trimmed to max-items when needed). */
DdPage *
dd_pager_accept_page (DdPager *self,
                      guint    seg,
                      DdPage  *page)
{
  g_autoptr(DdPage) delivered = dd_page_ref (page);
  guint n = dd_page_get_n_entries (page);

  g_object_freeze_notify (G_OBJECT (self));
  advance_segment (self, seg, page);
  if (self->max_items > 0 && self->n_items + n >= self->max_items)
    {
      if (self->n_items + n > self->max_items)
        {
          g_clear_pointer (&delivered, dd_page_unref);
          delivered = dd_page_new_truncated (page, (guint) (self->max_items - self->n_items));
        }
      self->limit_reached = TRUE;
    }
  add_counts (self, delivered);
  update_done (self);
  g_object_thaw_notify (G_OBJECT (self));
  dd_timing_mark ("hand out", (int) seg, g_bytes_get_data (dd_page_get_bytes (page), NULL));
  g_signal_emit (self, signals[PAGE], 0, delivered);
  dd_timing_mark ("written", (int) seg, g_bytes_get_data (dd_page_get_bytes (page), NULL));
  return g_steal_pointer (&delivered);
}

gboolean
dd_pager_begin_fetch (DdPager *self,
                      GTask   *task)
{
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The pager is already fetching pages");
      return FALSE;
    }
  self->busy = TRUE;
  self->started = TRUE;
  return TRUE;
}

/* Next page ------------------------------------------------------------ */

static guint
pick_segment (DdPager *self)
{
  for (guint k = 0; k < self->total_segments; k++)
    {
      guint seg = (self->next_segment + k) % self->total_segments;

      if (!self->segments[seg].done)
        {
          self->next_segment = (seg + 1) % self->total_segments;
          return seg;
        }
    }
  g_assert_not_reached ();
  return 0;
}

static void
next_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdPager *self = g_task_get_source_object (task);
  guint seg = GPOINTER_TO_UINT (g_task_get_task_data (task));
  GError *error = NULL;
  g_autoptr(DdPage) page = fetch_page_finish (self, result, &error);

  self->busy = FALSE;
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, dd_pager_accept_page (self, seg, page), (GDestroyNotify) dd_page_unref);
}

void
dd_pager_next_page_async (DdPager             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint seg;

  g_return_if_fail (DD_IS_PAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_pager_next_page_async);
  if (self->done && !self->busy)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (!dd_pager_begin_fetch (self, task))
    return;
  seg = pick_segment (self);
  g_task_set_task_data (task, GUINT_TO_POINTER (seg), NULL);
  fetch_page_async (self, seg, cancellable, next_page_cb, g_steal_pointer (&task));
}

DdPage *
dd_pager_next_page_finish (DdPager       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DD_IS_PAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Object --------------------------------------------------------------- */

DdPager *
dd_pager_new (DdClient          *client,
              const DdOperation *operation,
              GBytes            *request_body)
{
  DdPager *self;

  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (operation != NULL && operation->action != NULL, NULL);
  g_return_val_if_fail (request_body != NULL, NULL);

  self = g_object_new (DD_TYPE_PAGER, NULL);
  self->client = g_object_ref (client);
  self->operation = operation;
  self->body = g_bytes_ref (request_body);
  return self;
}

DdClient *
dd_pager_get_client (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), NULL);
  return self->client;
}

const DdOperation *
dd_pager_get_operation (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), NULL);
  return self->operation;
}

void
dd_pager_set_max_items (DdPager *self,
                        guint64  max_items)
{
  g_return_if_fail (DD_IS_PAGER (self));
  g_return_if_fail (!self->busy);
  if (self->max_items == max_items)
    return;
  self->max_items = max_items;
  self->limit_reached = max_items > 0 && self->n_items >= max_items;
  update_done (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ITEMS]);
}

guint64
dd_pager_get_max_items (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 0);
  return self->max_items;
}

void
dd_pager_set_total_segments (DdPager *self,
                             guint    total_segments)
{
  g_return_if_fail (DD_IS_PAGER (self));
  g_return_if_fail (total_segments >= 1 && total_segments <= DD_PAGER_MAX_SEGMENTS);
  g_return_if_fail (!self->started);
  if (self->total_segments == total_segments)
    return;
  self->total_segments = total_segments;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_SEGMENTS]);
}

guint
dd_pager_get_total_segments (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 1);
  return self->total_segments;
}

gboolean
dd_pager_is_done (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), TRUE);
  return self->done;
}

guint64
dd_pager_get_n_items (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 0);
  return self->n_items;
}

guint64
dd_pager_get_n_pages (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 0);
  return self->n_pages;
}

guint64
dd_pager_get_count (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 0);
  return self->count;
}

guint64
dd_pager_get_scanned_count (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 0);
  return self->scanned_count;
}

double
dd_pager_get_consumed_capacity (DdPager *self)
{
  g_return_val_if_fail (DD_IS_PAGER (self), 0.0);
  return self->consumed_capacity;
}

static void
dd_pager_finalize (GObject *object)
{
  DdPager *self = DD_PAGER (object);

  for (guint i = 0; i < DD_PAGER_MAX_SEGMENTS; i++)
    g_free (self->segments[i].start);
  g_clear_object (&self->client);
  g_clear_pointer (&self->body, g_bytes_unref);
  G_OBJECT_CLASS (dd_pager_parent_class)->finalize (object);
}

static void
dd_pager_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DdPager *self = DD_PAGER (object);

  switch (prop_id)
    {
    case PROP_MAX_ITEMS: g_value_set_uint64 (value, self->max_items); break;
    case PROP_TOTAL_SEGMENTS: g_value_set_uint (value, self->total_segments); break;
    case PROP_N_ITEMS: g_value_set_uint64 (value, self->n_items); break;
    case PROP_N_PAGES: g_value_set_uint64 (value, self->n_pages); break;
    case PROP_COUNT: g_value_set_uint64 (value, self->count); break;
    case PROP_SCANNED_COUNT: g_value_set_uint64 (value, self->scanned_count); break;
    case PROP_CONSUMED_CAPACITY: g_value_set_double (value, self->consumed_capacity); break;
    case PROP_DONE: g_value_set_boolean (value, self->done); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_pager_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DdPager *self = DD_PAGER (object);

  switch (prop_id)
    {
    case PROP_MAX_ITEMS: dd_pager_set_max_items (self, g_value_get_uint64 (value)); break;
    case PROP_TOTAL_SEGMENTS: dd_pager_set_total_segments (self, g_value_get_uint (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
counter_pspec (const char *name)
{
  return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
dd_pager_class_init (DdPagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_pager_finalize;
  object_class->get_property = dd_pager_get_property;
  object_class->set_property = dd_pager_set_property;

  properties[PROP_MAX_ITEMS] =
    g_param_spec_uint64 ("max-items", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_SEGMENTS] =
    g_param_spec_uint ("total-segments", NULL, NULL, 1, DD_PAGER_MAX_SEGMENTS, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = counter_pspec ("n-items");
  properties[PROP_N_PAGES] = counter_pspec ("n-pages");
  properties[PROP_COUNT] = counter_pspec ("count");
  properties[PROP_SCANNED_COUNT] = counter_pspec ("scanned-count");
  properties[PROP_CONSUMED_CAPACITY] =
    g_param_spec_double ("consumed-capacity", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the main context for every page, trimmed to max-items. */
  signals[PAGE] =
    g_signal_new ("page", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  DD_TYPE_PAGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dd_pager_init (DdPager *self)
{
  self->total_segments = 1;
}
