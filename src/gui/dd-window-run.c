/* dd-window-run.c: running the editor's request, the d-spy way: a new
 * cancellable, Run disabled and Cancel shown, timed, then the answer or
 * the error in the results, and Run enabled again. Paginated operations
 * go through a DdPager so "Load More" and "Fetch All" can follow. */
#define G_LOG_DOMAIN "dd-window-run"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-error.h"
#include "dd-page.h"
#include "dd-preferences-dialog.h"
#include "dd-request.h"
#include "dd-results-format.h"
#include "dd-shared-closures.h"
#include "dd-window-private.h"

static void
set_busy (DdWindow *self,
          gboolean  busy)
{
  self->busy = !!busy;
  dd_query_editor_set_running (self->editor, busy);
  _dd_window_actions_update (self);
}

static void
record_history (DdWindow *self,
                gboolean  succeeded)
{
  g_autoptr(GError) error = NULL;

  if (self->run_op == NULL || self->run_source_id == NULL)
    return;
  if (!dd_query_store_add_history (self->queries, self->run_source_id, self->run_op->action,
                                   self->run_table, self->run_text, succeeded,
                                   g_get_monotonic_time () - self->run_started, &error))
    g_warning ("Could not keep the run in the history: %s", error->message);
}

static void
finish_with_error (DdWindow     *self,
                   const GError *error)
{
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      dd_results_view_set_status (self->results, _("Cancelled"));
      if (g_strcmp0 (dd_results_view_get_state (self->results), "loading") == 0)
        dd_results_view_show_empty (self->results);
      dd_results_view_set_status (self->results, _("Cancelled"));
      dd_results_view_set_paging (self->results, self->pager && !dd_pager_is_done (self->pager), FALSE);
      return;
    }
  /* the source is marked when it could not be reached or signed for, not
   * for an error about the request itself */
  if (self->source != NULL && g_strcmp0 (dd_source_get_id (self->source), self->run_source_id) == 0
      && (!g_error_matches (error, DD_ERROR, DD_ERROR_SERVICE) || dd_error_get_http_status (error) == 403))
    dd_source_set_last_result (self->source, error);
  dd_results_view_show_error (self->results, error);
  record_history (self, FALSE);
}

static void
update_status (DdWindow *self)
{
  DdResultModel *model = dd_results_view_get_model (self->results);
  DdItemStore *store = dd_result_model_get_store (model);
  g_autofree char *status = NULL;
  g_autofree char *capacity = NULL;
  g_autofree char *held = NULL;
  gint64 scanned = -1;

  if (self->pager != NULL)
    {
      if (dd_pager_get_scanned_count (self->pager) > 0 || g_strcmp0 (self->run_op->action, "Scan") == 0)
        scanned = (gint64) dd_pager_get_scanned_count (self->pager);
      if (dd_pager_get_consumed_capacity (self->pager) > 0)
        capacity = g_strdup_printf ("%g", dd_pager_get_consumed_capacity (self->pager));
    }
  status = dd_format_status_line (g_list_model_get_n_items (G_LIST_MODEL (model)), scanned, capacity,
                                  g_get_monotonic_time () - self->run_started);
  if (dd_item_store_get_cap_reached (store))
    {
      g_autofree char *line = g_steal_pointer (&status);

      held = dd_format_item_count (dd_item_store_get_max_items (store));
      /* Translators: a status line, then a number of items; the limit is
       * set in the fetch options */
      status = g_strdup_printf (_("%s · Limit reached: the view holds at most %s (see Fetch Options)"),
                                line, held);
    }
  dd_results_view_set_status (self->results, status);
}

/* Pages */

static void
add_page (DdWindow *self,
          DdPage   *page)
{
  DdResultModel *model = dd_results_view_get_model (self->results);

  dd_result_model_append_page (model, page);
  dd_results_view_refresh (self->results);
}

static void
first_page_shown (DdWindow *self)
{
  dd_results_view_show_items (self->results, dd_results_view_get_model (self->results));
}

static void
next_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(DdPage) page = NULL;
  g_autoptr(GError) error = NULL;

  if (DD_PAGER (object) != self->pager)
    return;
  page = dd_pager_next_page_finish (DD_PAGER (object), result, &error);
  if (page == NULL)
    {
      finish_with_error (self, error);
      return;
    }
  if (g_strcmp0 (dd_results_view_get_state (self->results), "results") != 0)
    first_page_shown (self);
  add_page (self, page);
  set_busy (self, FALSE);
  dd_results_view_set_paging (self->results, !dd_pager_is_done (self->pager), FALSE);
  update_status (self);
  record_history (self, TRUE);
}

static void
fetch_page_cb (DdPager  *pager,
               DdPage   *page,
               DdWindow *self)
{
  DdItemStore *store = dd_result_model_get_store (dd_results_view_get_model (self->results));
  g_autofree char *progress = NULL;

  add_page (self, page);
  progress = dd_format_fetch_progress (dd_pager_get_n_items (pager), dd_pager_get_n_pages (pager),
                                       g_get_monotonic_time () - self->fetch_started,
                                       dd_pager_get_consumed_capacity (pager));
  dd_results_view_set_status (self->results, progress);
  if (dd_item_store_get_cap_reached (store)
      || (self->fetch_target > 0 && dd_item_store_get_n_items (store) >= self->fetch_target))
    {
      /* pages already asked for are let go: the pager goes on from where
       * each segment was when asked again */
      self->fetch_stopped = TRUE;
      g_cancellable_cancel (self->cancellable);
    }
}

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_signal_handler (&self->page_handler, object);
  if (DD_PAGER (object) != self->pager)
    return;
  if (!dd_pager_fetch_all_finish (DD_PAGER (object), result, &error) && !self->fetch_stopped)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_with_error (self, error);
          update_status (self);
          return;
        }
      finish_with_error (self, error);
      return;
    }
  set_busy (self, FALSE);
  dd_results_view_set_paging (self->results, !dd_pager_is_done (self->pager), FALSE);
  update_status (self);
}

static GCancellable *
renew_cancellable (DdWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

void
_dd_window_load_more (DdWindow *self)
{
  if (self->pager == NULL || self->busy || dd_pager_is_done (self->pager))
    return;
  set_busy (self, TRUE);
  dd_results_view_set_paging (self->results, TRUE, TRUE);
  dd_pager_next_page_async (self->pager, renew_cancellable (self), next_page_cb, g_object_ref (self));
}

static void
fetch_pages (DdWindow *self)
{
  set_busy (self, TRUE);
  self->fetch_stopped = FALSE;
  self->fetch_started = g_get_monotonic_time ();
  dd_results_view_set_paging (self->results, TRUE, TRUE);
  self->page_handler = g_signal_connect_object (self->pager, "page", G_CALLBACK (fetch_page_cb), self, 0);
  dd_pager_fetch_all_async (self->pager, renew_cancellable (self), fetch_all_cb, g_object_ref (self));
}

static void
fetch_all_confirmed (DdWindow *self)
{
  if (self->pager == NULL || self->busy || dd_pager_is_done (self->pager))
    return;
  self->fetch_target = 0;
  fetch_pages (self);
}

void
_dd_window_fetch (DdWindow *self,
                  guint64   more_items)
{
  if (self->pager == NULL || self->busy || dd_pager_is_done (self->pager))
    return;
  if (more_items > 0)
    {
      self->fetch_target = g_list_model_get_n_items (G_LIST_MODEL (dd_results_view_get_model (self->results)))
                           + more_items;
      fetch_pages (self);
      return;
    }
  if (g_strcmp0 (self->run_op->action, "Scan") == 0 && self->run_table != NULL)
    _dd_window_confirm_full_read (self, self->run_table, _("Scan the Whole Table?"), _("_Scan"),
                                  fetch_all_confirmed);
  else
    fetch_all_confirmed (self);
}

void
_dd_window_fetch_all (DdWindow *self)
{
  _dd_window_fetch (self, 0);
}

/* Key attributes first: the table's key schema, asked once per table. */
static void
key_names_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_auto(GStrv) names = dd_session_get_key_names_finish (DD_SESSION (object), result, NULL);

  if (names != NULL && names[0] != NULL && self->pager != NULL)
    dd_results_view_set_key_names (self->results, (const char * const *) names);
}

static char *
table_of_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *text = g_bytes_get_data (body, &len);

  if (!json_parser_load_from_data (parser, text, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                               "TableName", NULL));
}

static void
ask_key_names (DdWindow *self,
               GBytes   *body)
{
  g_autofree char *table = NULL;
  DdSource *source;

  if (!(self->run_op->flags & DD_OPERATION_FLAG_RETURNS_ITEMS) || (table = table_of_body (body)) == NULL)
    return;
  source = dd_source_store_lookup (self->sources, self->run_source_id);
  if (source != NULL)
    dd_session_get_key_names_async (dd_sidebar_get_session (self->sidebar, source), table,
                                    self->cancellable, key_names_cb, g_object_ref (self));
}

/* Single calls */

/* A write that answers with a TableDescription changed the list of tables. */
static void
refresh_tables_after (DdWindow *self,
                      GBytes   *response)
{
  gsize len;
  const char *text = g_bytes_get_data (response, &len);
  DdSource *source;

  if (!(self->run_op->flags & DD_OPERATION_FLAG_WRITES)
      || g_strstr_len (text, (gssize) MIN (len, 64), "\"TableDescription\"") == NULL)
    return;
  source = dd_source_store_lookup (self->sources, self->run_source_id);
  if (source != NULL)
    dd_session_refresh_tables (dd_sidebar_get_session (self->sidebar, source));
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *elapsed = NULL;

  response = dd_client_call_finish (DD_CLIENT (object), result, &error);
  if (response == NULL)
    {
      finish_with_error (self, error);
      return;
    }
  set_busy (self, FALSE);
  dd_results_view_show_document (self->results, self->run_op, response);
  refresh_tables_after (self, response);
  elapsed = dd_format_elapsed (g_get_monotonic_time () - self->run_started);
  status = g_strdup_printf (_("%s · %s"), _(self->run_op->label), elapsed);
  dd_results_view_set_status (self->results, status);
  record_history (self, TRUE);
}

static void
client_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body = g_object_steal_data (G_OBJECT (self), "dd-run-body");
  g_autoptr(GBytes) owned_body = body;

  client = dd_session_get_client_finish (DD_SESSION (object), result, &error);
  if (client == NULL)
    {
      finish_with_error (self, error);
      return;
    }
  if (self->run_op->page_input_key != NULL)
    {
      g_clear_object (&self->pager);
      self->pager = dd_pager_new (client, self->run_op, body);
      if (g_strcmp0 (self->run_op->action, "Scan") == 0 && self->settings != NULL)
        dd_pager_set_total_segments (self->pager, (guint) CLAMP (g_settings_get_int (self->settings, "scan-segments"),
                                                                 1, DD_PAGER_MAX_SEGMENTS));
      ask_key_names (self, body);
      dd_pager_next_page_async (self->pager, self->cancellable, next_page_cb, g_object_ref (self));
      return;
    }
  dd_client_call_async (client, self->run_op->action, body, self->cancellable, call_done_cb,
                        g_object_ref (self));
}

/* A request built and waiting for the answer to the question before a
 * Scan without a Limit. */
typedef struct
{
  const DdOperation *op;
  char              *text;
  char              *table;
  char              *source_id;
  GBytes            *body;
} Pending;

static void
pending_free (Pending *run)
{
  g_free (run->text);
  g_free (run->table);
  g_free (run->source_id);
  g_clear_pointer (&run->body, g_bytes_unref);
  g_free (run);
}

/* A Scan whose request has no Limit; consistent is whether it reads
 * strongly consistent. */
static gboolean
scan_without_limit (const DdOperation *op,
                    GBytes            *body,
                    gboolean          *consistent)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *text = g_bytes_get_data (body, &len);
  JsonObject *object;

  if (g_strcmp0 (op->action, "Scan") != 0 || op->page_limit_key == NULL
      || !json_parser_load_from_data (parser, text, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  *consistent = json_object_get_boolean_member_with_default (object, "ConsistentRead", FALSE);
  return !json_object_has_member (object, op->page_limit_key);
}

static void
send_run (DdWindow *self,
          Pending  *run)
{
  DdSession *session;

  self->run_op = run->op;
  g_free (self->run_text);
  self->run_text = g_steal_pointer (&run->text);
  g_free (self->run_table);
  self->run_table = g_steal_pointer (&run->table);
  g_free (self->run_source_id);
  self->run_source_id = g_steal_pointer (&run->source_id);
  self->run_started = g_get_monotonic_time ();
  g_clear_object (&self->pager);
  set_busy (self, TRUE);
  dd_result_model_clear (dd_results_view_get_model (self->results));
  if (self->settings != NULL)
    dd_item_store_set_max_items (dd_result_model_get_store (dd_results_view_get_model (self->results)),
                                 g_settings_get_uint (self->settings, "results-max-items"));
  {
    g_autofree char *table_id = g_strdup_printf ("%s/%s", self->run_source_id,
                                                 self->run_table ? self->run_table : "");
    dd_results_view_set_table_id (self->results, table_id);
  }
  dd_results_view_show_items (self->results, dd_results_view_get_model (self->results));
  dd_results_view_show_loading (self->results, NULL);
  g_object_set_data_full (G_OBJECT (self), "dd-run-body", g_steal_pointer (&run->body),
                          (GDestroyNotify) g_bytes_unref);
  session = dd_sidebar_get_session (self->sidebar, self->source);
  dd_session_get_client_async (session, renew_cancellable (self), client_ready_cb, g_object_ref (self));
  pending_free (run);
}

static void
scan_checked (DdWindow *self)
{
  set_busy (self, FALSE);
}

/* "Scan" in the question: sent if the source is still the one asked for. */
static void
run_confirmed (DdWindow *self)
{
  Pending *run = g_object_steal_data (G_OBJECT (self), "dd-run-pending");

  if (run == NULL)
    return;
  if (self->busy || self->source == NULL || g_strcmp0 (dd_source_get_id (self->source), run->source_id) != 0)
    {
      pending_free (run);
      return;
    }
  send_run (self, run);
}

void
_dd_window_run (DdWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  const DdOperation *op = dd_query_editor_get_operation (self->editor);
  gboolean consistent = FALSE;
  Pending *run;

  if (self->source == NULL || op == NULL || self->busy)
    return;
  text = dd_query_editor_get_text (self->editor);
  if (dd_query_editor_check (self->editor, &error))
    body = dd_request_build (op, text, -1, dd_query_editor_get_table (self->editor), DD_ATTR_READING_DETECT, &error);
  if (body != NULL && self->settings != NULL)
    {
      GBytes *limited = dd_settings_limit_body (op, body, g_settings_get_uint (self->settings, "page-size"));

      g_bytes_unref (body);
      body = limited;
    }
  if (body == NULL)
    {
      dd_query_editor_show_error (self->editor, error);
      message = g_strdup_printf (_("Not sent: %s"), error->message);
      _dd_window_toast (self, message);
      return;
    }
  run = g_new0 (Pending, 1);
  run->op = op;
  run->text = g_steal_pointer (&text);
  run->table = g_strdup (dd_query_editor_get_table (self->editor));
  run->source_id = g_strdup (dd_source_get_id (self->source));
  run->body = g_steal_pointer (&body);
  if (self->settings == NULL || run->table == NULL || !scan_without_limit (op, run->body, &consistent))
    {
      send_run (self, run);
      return;
    }
  /* busy, so that Cancel stops it, while the table's size is asked */
  g_object_set_data_full (G_OBJECT (self), "dd-run-pending", run, (GDestroyNotify) pending_free);
  set_busy (self, TRUE);
  _dd_window_confirm_scan (self, dd_sidebar_get_session (self->sidebar, self->source), run->table, consistent,
                           g_settings_get_uint64 (self->settings, "scan-confirm-bytes"), renew_cancellable (self),
                           scan_checked, run_confirmed);
}

void
_dd_window_cancel (DdWindow *self)
{
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
}

GBytes *
_dd_window_run_body (DdWindow  *self,
                     GError   **error)
{
  if (self->run_op == NULL || self->run_text == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Nothing has been run yet"));
      return NULL;
    }
  return dd_request_build (self->run_op, self->run_text, -1, self->run_table, DD_ATTR_READING_DETECT, error);
}
