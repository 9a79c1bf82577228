/* dd-test-fault-proxy.c: a fault-injecting proxy in front of the local
 * DynamoDB (see the header).
 */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <zlib.h>

#include "dd-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fault-proxy.h"

#define CONTENT_TYPE "application/x-amz-json-1.0"
#define SKEW_MINUTES 20

struct _DdTestFaultProxy
{
  SoupServer  *server;
  SoupServer  *elsewhere;
  SoupSession *session;
  char        *upstream;
  char        *endpoint;
  char        *elsewhere_endpoint;
  GQueue       script;
  DdTestFault  fallback;
  double       rate;
  GRand       *rand;
  DdTestFault *mix;
  guint        n_mix;
  GPtrArray   *requests;
  GPtrArray   *stalled;
  GPtrArray   *forwards;     /* requests waiting for the upstream's answer */
  GHashTable  *sockets;      /* every client connection's GSocket (a reference) */
  guint        counts[DD_TEST_N_FAULTS];
  guint        elsewhere_hits;
  guint        serial;
  DdTestFaultObserver observer;
  gpointer     observer_data;
  gboolean     keep_records;
};

typedef struct
{
  DdTestFaultProxy   *proxy;
  SoupServerMessage  *msg;
  SoupMessage        *upstream;
  DdTestFaultRequest *record;        /* a reference (GRcBox) */
  DdTestFault         fault;
  JsonObject         *unprocessed;   /* UNPROCESSED: what was held back */
  gboolean            client_gone;   /* the client closed the connection meanwhile */
} Forward;

static const char *fault_names[] = {
  "none", "500", "503", "throughput", "throttling", "reset-before", "reset-after",
  "stall", "truncate", "bad-crc", "gzip", "skew", "redirect", "unprocessed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (fault_names) == DD_TEST_N_FAULTS);

const char *
dd_test_fault_name (DdTestFault fault)
{
  g_return_val_if_fail (fault < DD_TEST_N_FAULTS, NULL);
  return fault_names[fault];
}

const char *
dd_test_fault_request_header (const DdTestFaultRequest *request,
                              const char               *name)
{
  return soup_message_headers_get_one (request->headers, name);
}

static void
request_clear (gpointer data)
{
  DdTestFaultRequest *request = data;

  g_free (request->action);
  soup_message_headers_unref (request->headers);
  g_bytes_unref (request->body);
  g_clear_pointer (&request->forwarded_body, g_bytes_unref);
}

static void
request_release (gpointer data)
{
  g_rc_box_release_full (data, request_clear);
}

static void
forward_free (Forward *forward)
{
  if (forward->proxy != NULL)
    g_ptr_array_remove_fast (forward->proxy->forwards, forward);
  g_signal_handlers_disconnect_by_data (forward->msg, forward);
  g_object_unref (forward->msg);
  g_object_unref (forward->upstream);
  request_release (forward->record);
  g_clear_pointer (&forward->unprocessed, json_object_unref);
  g_free (forward);
}

/* ---- answers made here ---------------------------------------------------- */

static void
set_crc (SoupMessageHeaders *headers,
         const guint8       *data,
         gsize               len)
{
  g_autofree char *crc = g_strdup_printf ("%lu", crc32 (0L, data, len));

  soup_message_headers_replace (headers, "x-amz-crc32", crc);
}

static void
respond (DdTestFaultProxy  *self,
         SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *request_id = g_strdup_printf ("FAULT-%u", ++self->serial);

  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  set_crc (headers, (const guint8 *) body, strlen (body));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_aws_error (DdTestFaultProxy  *self,
                   SoupServerMessage *msg,
                   guint              status,
                   const char        *type,
                   const char        *message)
{
  g_autofree char *body = g_strdup_printf ("{\"__type\":\"%s\",\"message\":\"%s\"}", type, message);

  respond (self, msg, status, CONTENT_TYPE, body);
}

static void
respond_skewed (DdTestFaultProxy  *self,
                SoupServerMessage *msg)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ahead = g_date_time_add_minutes (now, SKEW_MINUTES);
  g_autofree char *date = soup_date_time_to_string (ahead, SOUP_DATE_HTTP);

  respond_aws_error (self, msg, 400, "com.amazon.coral.service#InvalidSignatureException",
                     "Signature expired: the request time is more than 5 minutes off the server's time");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
}

static void
close_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

/* ---- answers from upstream ------------------------------------------------- */

static gboolean
is_hop_header (const char *name)
{
  static const char *names[] = {
    "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Content-Type",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  if (!is_hop_header (name))
    soup_message_headers_append (user_data, name, value);
}

static GBytes *
gzip_bytes (GBytes *plain)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (plain);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                           | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >=, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static GBytes *
damaged_bytes (GBytes *body)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (body, &len);
  guint8 *copy = g_memdup2 (data, len);

  if (len > 0)
    copy[len / 2] ^= 0x01;
  return g_bytes_new_take (copy, len);
}

static void
pass_on (SoupServerMessage *msg,
         SoupMessage       *upstream,
         GBytes            *body)
{
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *in = soup_message_get_response_headers (upstream);
  const char *type = soup_message_headers_get_content_type (in, NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  soup_message_headers_foreach (in, copy_header_cb, out);
  soup_server_message_set_status (msg, soup_message_get_status (upstream),
                                  soup_message_get_reason_phrase (upstream));
  soup_server_message_set_response (msg, type ? type : CONTENT_TYPE, SOUP_MEMORY_COPY, data, len);
}

/* Writes the status line, the headers and half the body on the raw
 * connection, with a Content-Length of the whole, then closes it. */
static void
send_truncated (SoupServerMessage *msg,
                SoupMessage       *upstream,
                GBytes            *body)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);
  SoupMessageHeaders *in = soup_message_get_response_headers (upstream);
  g_autoptr(GString) head = g_string_new (NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", soup_message_get_status (upstream),
                          soup_message_get_reason_phrase (upstream));
  soup_message_headers_iter_init (&iter, in);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_header (name))
      g_string_append_printf (head, "%s: %s\r\n", name, value);
  g_string_append_printf (head, "Content-Type: " CONTENT_TYPE "\r\nContent-Length: %" G_GSIZE_FORMAT
                          "\r\nConnection: close\r\n\r\n", len);
  g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL);
  g_output_stream_write_all (out, data, len / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* The upstream's BatchWriteItem answer with what was held back added to
 * its UnprocessedItems. */
static GBytes *
with_unprocessed (GBytes     *body,
                  JsonObject *held)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;
  JsonObject *unprocessed;
  g_autoptr(GList) tables = json_object_get_members (held);
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  char *text;

  g_assert_true (json_parser_load_from_data (parser, data, (gssize) len, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "UnprocessedItems"))
    json_object_set_object_member (root, "UnprocessedItems", json_object_new ());
  unprocessed = json_object_get_object_member (root, "UnprocessedItems");
  for (GList *l = tables; l != NULL; l = l->next)
    json_object_set_array_member (unprocessed, l->data,
                                  json_array_ref (json_object_get_array_member (held, l->data)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static void
respond_with (SoupServerMessage *msg,
              SoupMessage       *upstream,
              GBytes            *body,
              gboolean           gzipped)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (body, &len);

  pass_on (msg, upstream, body);
  set_crc (headers, data, len);
  if (gzipped)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
}

static void
forward_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Forward *forward = user_data;
  SoupMessage *upstream = forward->upstream;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  gboolean answer = TRUE;

  /* A proxy freed meanwhile (the test is over) does nothing more. */
  if (forward->proxy == NULL)
    {
      forward_free (forward);
      return;
    }
  if (body == NULL)
    g_error ("the local DynamoDB did not answer the proxy: %s", error->message);
  forward->record->upstream_status = soup_message_get_status (upstream);
  /* A client that gave up (a cancelled call) gets nothing. */
  switch (forward->client_gone ? DD_TEST_N_FAULTS : forward->fault)
    {
    case DD_TEST_FAULT_RESET_AFTER:
      close_connection (forward->msg);
      answer = FALSE;
      break;
    case DD_TEST_FAULT_TRUNCATE:
      send_truncated (forward->msg, upstream, body);
      answer = FALSE;
      break;
    case DD_TEST_FAULT_BAD_CRC:
      {
        g_autoptr(GBytes) damaged = damaged_bytes (body);
        pass_on (forward->msg, upstream, damaged);
        break;
      }
    case DD_TEST_FAULT_GZIP:
      {
        g_autoptr(GBytes) gzipped = gzip_bytes (body);
        respond_with (forward->msg, upstream, gzipped, TRUE);
        break;
      }
    case DD_TEST_FAULT_UNPROCESSED:
      if (forward->unprocessed != NULL && soup_message_get_status (upstream) == 200)
        {
          g_autoptr(GBytes) merged = with_unprocessed (body, forward->unprocessed);
          respond_with (forward->msg, upstream, merged, FALSE);
        }
      else
        pass_on (forward->msg, upstream, body);
      break;
    case DD_TEST_FAULT_NONE:
    case DD_TEST_FAULT_500:
    case DD_TEST_FAULT_503:
    case DD_TEST_FAULT_THROUGHPUT:
    case DD_TEST_FAULT_THROTTLING:
    case DD_TEST_FAULT_RESET_BEFORE:
    case DD_TEST_FAULT_STALL:
    case DD_TEST_FAULT_SKEW:
    case DD_TEST_FAULT_REDIRECT:
    case DD_TEST_N_FAULTS:
    default:
      pass_on (forward->msg, upstream, body);
      break;
    }
  if (answer && !forward->client_gone)
    soup_server_message_unpause (forward->msg);
  if (forward->proxy->observer != NULL)
    forward->proxy->observer (forward->record, forward->proxy->observer_data);
  forward_free (forward);
}

/* UNPROCESSED: keeps the first half (rounded up) of each table's write
 * requests in body and moves the rest to forward->unprocessed. */
static GBytes *
hold_back_half (Forward *forward,
                GBytes  *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GList) tables = NULL;
  JsonObject *items;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  char *text;

  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return g_bytes_ref (body);
  items = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "RequestItems");
  if (items == NULL)
    return g_bytes_ref (body);
  forward->unprocessed = json_object_new ();
  tables = json_object_get_members (items);
  for (GList *l = tables; l != NULL; l = l->next)
    {
      JsonArray *all = json_object_get_array_member (items, l->data);
      JsonArray *kept = json_array_new ();
      JsonArray *held = json_array_new ();
      guint n = json_array_get_length (all);

      for (guint i = 0; i < n; i++)
        json_array_add_element (i < (n + 1) / 2 ? kept : held, json_array_dup_element (all, i));
      if (json_array_get_length (held) > 0)
        json_object_set_array_member (forward->unprocessed, l->data, held);
      else
        json_array_unref (held);
      json_object_set_array_member (items, l->data, kept);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static void
client_gone_cb (SoupServerMessage *msg,
                Forward           *forward)
{
  forward->client_gone = TRUE;
}

static void
forward_request (DdTestFaultProxy   *self,
                 SoupServerMessage  *msg,
                 DdTestFaultRequest *record,
                 DdTestFault         fault)
{
  SoupMessage *upstream = soup_message_new (SOUP_METHOD_POST, self->upstream);
  Forward *forward = g_new0 (Forward, 1);
  g_autoptr(GBytes) body = NULL;

  forward->proxy = self;
  forward->msg = g_object_ref (msg);
  forward->upstream = upstream;
  forward->record = g_rc_box_acquire (record);
  forward->fault = fault;
  if (fault == DD_TEST_FAULT_UNPROCESSED && g_strcmp0 (record->action, "BatchWriteItem") == 0)
    body = hold_back_half (forward, record->body);
  else
    body = g_bytes_ref (record->body);
  record->forwarded_body = g_bytes_ref (body);
  soup_message_headers_foreach (record->headers, copy_header_cb, soup_message_get_request_headers (upstream));
  soup_message_set_request_body_from_bytes (upstream, CONTENT_TYPE, body);
  /* libsoup sends a POST on a new connection unless told it may reuse one. */
  soup_message_add_flags (upstream, SOUP_MESSAGE_IDEMPOTENT);
  g_signal_connect (msg, "disconnected", G_CALLBACK (client_gone_cb), forward);
  g_ptr_array_add (self->forwards, forward);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (self->session, upstream, G_PRIORITY_DEFAULT, NULL,
                                    forward_cb, forward);
}

/* ---- the handler ------------------------------------------------------------- */

static DdTestFault
next_fault (DdTestFaultProxy *self)
{
  if (!g_queue_is_empty (&self->script))
    return (DdTestFault) GPOINTER_TO_INT (g_queue_pop_head (&self->script));
  if (self->rate > 0 && g_rand_double (self->rand) < self->rate)
    return self->mix[g_rand_int_range (self->rand, 0, (gint32) self->n_mix)];
  return self->fallback;
}

static void
append_header_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static DdTestFaultRequest *
record_request (DdTestFaultProxy  *self,
                SoupServerMessage *msg,
                DdTestFault        fault)
{
  DdTestFaultRequest *record = g_rc_box_new0 (DdTestFaultRequest);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  const char *target = soup_message_headers_get_one (in, "X-Amz-Target");
  const char *dot = target ? strchr (target, '.') : NULL;

  record->fault = fault;
  record->action = g_strdup (dot ? dot + 1 : "");
  record->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (in, append_header_cb, record->headers);
  record->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  record->arrived = g_get_monotonic_time ();
  if (!g_hash_table_contains (self->sockets, soup_server_message_get_socket (msg)))
    g_hash_table_add (self->sockets, g_object_ref (soup_server_message_get_socket (msg)));
  if (self->keep_records)
    g_ptr_array_add (self->requests, g_rc_box_acquire (record));
  self->counts[fault]++;
  return record;
}

static void
proxy_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  DdTestFaultProxy *self = user_data;
  DdTestFault fault = next_fault (self);
  DdTestFaultRequest *record = record_request (self, msg, fault);
  gboolean forwarded = FALSE;

  switch (fault)
    {
    case DD_TEST_FAULT_500:
      respond_aws_error (self, msg, 500, "com.amazonaws.dynamodb.v20120810#InternalServerError",
                         "Internal server error");
      break;
    case DD_TEST_FAULT_503:
      respond (self, msg, 503, "text/html", "<html><body>503 Service Unavailable</body></html>");
      break;
    case DD_TEST_FAULT_THROUGHPUT:
      respond_aws_error (self, msg, 400,
                         "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                         "The level of configured provisioned throughput for the table was exceeded.");
      break;
    case DD_TEST_FAULT_THROTTLING:
      respond_aws_error (self, msg, 400, "com.amazon.coral.availability#ThrottlingException",
                         "Rate of requests exceeds the allowed throughput.");
      break;
    case DD_TEST_FAULT_RESET_BEFORE:
      close_connection (msg);
      break;
    case DD_TEST_FAULT_STALL:
      g_ptr_array_add (self->stalled, soup_server_message_steal_connection (msg));
      break;
    case DD_TEST_FAULT_SKEW:
      respond_skewed (self, msg);
      break;
    case DD_TEST_FAULT_REDIRECT:
      soup_server_message_set_redirect (msg, 307, self->elsewhere_endpoint);
      break;
    case DD_TEST_FAULT_NONE:
    case DD_TEST_FAULT_RESET_AFTER:
    case DD_TEST_FAULT_TRUNCATE:
    case DD_TEST_FAULT_BAD_CRC:
    case DD_TEST_FAULT_GZIP:
    case DD_TEST_FAULT_UNPROCESSED:
    case DD_TEST_N_FAULTS:
    default:
      forward_request (self, msg, record, fault);
      forwarded = TRUE;
      break;
    }
  if (!forwarded && self->observer != NULL)
    self->observer (record, self->observer_data);
  request_release (record);
}

static void
elsewhere_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  DdTestFaultProxy *self = user_data;

  self->elsewhere_hits++;
  respond (self, msg, 200, CONTENT_TYPE, "{}");
}

static SoupServer *
listen_loopback (SoupServerCallback   callback,
                 gpointer             user_data,
                 char               **endpoint)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *endpoint = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  return server;
}

DdTestFaultProxy *
dd_test_fault_proxy_new (const char *upstream)
{
  DdTestFaultProxy *self = g_new0 (DdTestFaultProxy, 1);

  g_assert_true (g_str_has_prefix (upstream, "http://127.0.0.1:"));
  self->upstream = g_strdup (upstream);
  g_queue_init (&self->script);
  self->requests = g_ptr_array_new_with_free_func (request_release);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->forwards = g_ptr_array_new ();
  self->sockets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->rand = g_rand_new_with_seed (1);
  self->keep_records = TRUE;
  self->session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 32, NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  self->server = listen_loopback (proxy_handler, self, &self->endpoint);
  self->elsewhere = listen_loopback (elsewhere_handler, self, &self->elsewhere_endpoint);
  return self;
}

void
dd_test_fault_proxy_release_stalled (DdTestFaultProxy *self)
{
  for (guint i = 0; i < self->stalled->len; i++)
    g_io_stream_close (g_ptr_array_index (self->stalled, i), NULL, NULL);
  g_ptr_array_set_size (self->stalled, 0);
}

void
dd_test_fault_proxy_free (DdTestFaultProxy *self)
{
  if (self == NULL)
    return;
  dd_test_fault_proxy_release_stalled (self);
  /* the answers still to come find no proxy */
  for (guint i = 0; i < self->forwards->len; i++)
    ((Forward *) g_ptr_array_index (self->forwards, i))->proxy = NULL;
  g_ptr_array_unref (self->forwards);
  soup_server_disconnect (self->server);
  soup_server_disconnect (self->elsewhere);
  g_clear_object (&self->server);
  g_clear_object (&self->elsewhere);
  g_clear_object (&self->session);
  g_queue_clear (&self->script);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->stalled);
  g_hash_table_unref (self->sockets);
  g_rand_free (self->rand);
  g_free (self->mix);
  g_free (self->upstream);
  g_free (self->endpoint);
  g_free (self->elsewhere_endpoint);
  g_free (self);
}

const char *
dd_test_fault_proxy_get_endpoint (DdTestFaultProxy *self)
{
  return self->endpoint;
}

void
dd_test_fault_proxy_script (DdTestFaultProxy *self,
                            ...)
{
  va_list args;
  int fault;

  va_start (args, self);
  while ((fault = va_arg (args, int)) >= 0)
    {
      g_assert_cmpint (fault, <, DD_TEST_N_FAULTS);
      g_queue_push_tail (&self->script, GINT_TO_POINTER (fault));
    }
  va_end (args);
}

void
dd_test_fault_proxy_set_fallback (DdTestFaultProxy *self,
                                  DdTestFault       fault)
{
  self->fallback = fault;
}

void
dd_test_fault_proxy_set_random (DdTestFaultProxy  *self,
                                double             rate,
                                guint32            seed,
                                const DdTestFault *mix,
                                guint              n_mix)
{
  g_assert_true (rate == 0 || n_mix > 0);
  self->rate = rate;
  g_rand_set_seed (self->rand, seed);
  g_free (self->mix);
  self->mix = g_memdup2 (mix, n_mix * sizeof *mix);
  self->n_mix = n_mix;
}

void
dd_test_fault_proxy_set_observer (DdTestFaultProxy   *self,
                                  DdTestFaultObserver observer,
                                  gpointer            user_data,
                                  gboolean            keep_records)
{
  self->observer = observer;
  self->observer_data = user_data;
  self->keep_records = keep_records;
}

guint
dd_test_fault_proxy_get_n_requests (DdTestFaultProxy *self)
{
  return self->requests->len;
}

const DdTestFaultRequest *
dd_test_fault_proxy_get_request (DdTestFaultProxy *self,
                                 guint             i)
{
  g_assert_cmpuint (i, <, self->requests->len);
  return g_ptr_array_index (self->requests, i);
}

void
dd_test_fault_proxy_clear_requests (DdTestFaultProxy *self)
{
  g_ptr_array_set_size (self->requests, 0);
}

guint
dd_test_fault_proxy_count_fault (DdTestFaultProxy *self,
                                 DdTestFault       fault)
{
  g_assert_cmpint (fault, <, DD_TEST_N_FAULTS);
  return self->counts[fault];
}

guint
dd_test_fault_proxy_get_n_connections (DdTestFaultProxy *self)
{
  return g_hash_table_size (self->sockets);
}

guint
dd_test_fault_proxy_get_elsewhere_hits (DdTestFaultProxy *self)
{
  return self->elsewhere_hits;
}
