/* dd-client-response.c: what dd-client.c makes of a DynamoDB answer.
 *
 * The x-amz-crc32 is checked on the bytes as they came over the wire; a
 * redirect or an informational status is refused (a signed request is
 * never redirected); a compressed body is decoded; an error answer
 * (JSON 1.0: "__type" and "message") becomes a DD_ERROR service error.
 */
#define G_LOG_DOMAIN "dd-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>
#include "dd-client-response.h"
#include "dd-crc32.h"
#include "dd-json-member.h"
#include "dd-error.h"

static gboolean
check_crc32 (SoupMessageHeaders  *headers,
             GBytes              *body,
             GError             **error)
{
  const char *value = soup_message_headers_get_one (headers, "x-amz-crc32");
  guint64 expected = 0;
  gsize len = 0;
  const guint8 *bytes = g_bytes_get_data (body, &len);
  guint32 actual;

  if (value == NULL)
    return TRUE;
  actual = dd_crc32 (0, bytes, len);
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &expected, NULL)
      && expected == actual)
    return TRUE;
  g_set_error (error, DD_ERROR, DD_ERROR_CRC,
               _("The response was damaged on the way: its x-amz-crc32 is %s, its body's CRC-32 is %u"),
               value, actual);
  return FALSE;
}

static GBytes *
gunzip (GBytes  *body,
        GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (body);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) local_error = NULL;

  if (g_output_stream_splice (out, in,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, &local_error) < 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
                   _("The response's gzip body could not be read: %s"), local_error->message);
      return NULL;
    }
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* The body as the caller wants it. The session does not decode, so a
 * server that compresses anyway (we never ask it to) is handled here,
 * after the CRC of the wire bytes was checked. */
static GBytes *
decode_body (SoupMessageHeaders  *headers,
             GBytes              *body,
             GError             **error)
{
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0)
    return g_bytes_ref (body);
  if (g_ascii_strcasecmp (encoding, "gzip") == 0 || g_ascii_strcasecmp (encoding, "x-gzip") == 0)
    return gunzip (body, error);
  g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
               _("The response uses a content encoding this program does not read (%s)"), encoding);
  return NULL;
}

/* code and message of a JSON 1.0 error body; either may stay NULL. */
static void
parse_error_body (GBytes  *body,
                  char   **code,
                  char   **message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode *root;
  JsonObject *object;
  const char *type;
  const char *hash;

  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  type = dd_json_member_string (object, "__type");
  if (type != NULL)
    {
      hash = strrchr (type, '#');
      *code = g_strdup (hash ? hash + 1 : type);
    }
  *message = g_strdup (dd_json_member_string_or (object, "message",
                         dd_json_member_string (object, "Message")));
}

static GError *
service_error (SoupMessage *msg,
               GBytes      *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *request_id = soup_message_headers_get_one (headers, "x-amzn-RequestId");
  const char *error_type = soup_message_headers_get_one (headers, "x-amzn-ErrorType");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  parse_error_body (body, &code, &message);
  if (code == NULL && error_type != NULL)
    code = g_strndup (error_type, strcspn (error_type, ":"));
  if (message == NULL)
    message = g_strdup (soup_message_get_reason_phrase (msg));
  if (request_id == NULL)
    request_id = soup_message_headers_get_one (headers, "x-amz-request-id");
  return dd_error_new_service (code, message, soup_message_get_status (msg), request_id);
}

GBytes *
dd_client_response_check (SoupMessage  *msg,
                          GBytes       *body,
                          GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  guint status = soup_message_get_status (msg);
  g_autoptr(GBytes) decoded = NULL;

  if (!check_crc32 (headers, body, error))
    return NULL;
  if (status < 200 || (status >= 300 && status < 400))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      if (location != NULL)
        g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
                     _("The endpoint answered HTTP %u to %s; a signed request is never redirected"),
                     status, location);
      else
        g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
                     _("The endpoint answered HTTP %u; a signed request is never redirected"), status);
      return NULL;
    }
  decoded = decode_body (headers, body, error);
  if (decoded == NULL)
    return NULL;
  if (status >= 300)
    {
      g_propagate_error (error, service_error (msg, decoded));
      return NULL;
    }
  return g_steal_pointer (&decoded);
}

/* Reading the body ----------------------------------------------------- */

/* Room kept free for each read of a body without a Content-Length, and
 * the most a Content-Length makes us allocate before the bytes arrive. */
#define READ_ROOM     (256 * 1024)
#define PREALLOC_MAX  (64 * 1024 * 1024)

typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  guint8       *buf;
  gsize         len;
  gsize         size;
  goffset       expected;  /* Content-Length, -1 when none */
  int           priority;
} BodyRead;

static void
body_read_free (BodyRead *br)
{
  g_clear_object (&br->msg);
  g_clear_object (&br->stream);
  g_free (br->buf);
  g_free (br);
}

static void body_read_next (GTask *task);

static void
body_closed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BodyRead *br = g_task_get_task_data (task);
  GError *error = NULL;
  guint8 *buf;

  if (!g_input_stream_close_finish (G_INPUT_STREAM (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A NUL after the body (not counted), as GMemoryOutputStream leaves. */
  buf = g_steal_pointer (&br->buf);
  if (br->len + 1 < br->size)
    buf = g_realloc (buf, br->len + 1);
  buf[br->len] = '\0';
  g_task_return_pointer (task, g_bytes_new_take (buf, br->len), (GDestroyNotify) g_bytes_unref);
}

static void
body_chunk_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BodyRead *br = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  br->len += (gsize) n;
  /* A body cut short: with an x-amz-crc32 the CRC check says so. */
  if (n == 0 && br->expected >= 0 && br->len < (gsize) br->expected
      && soup_message_headers_get_one (soup_message_get_response_headers (br->msg), "x-amz-crc32") == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               "Connection terminated unexpectedly");
      return;
    }
  /* Closed only after the read that says the end: before it, libsoup
   * would not use the connection again. */
  if (n == 0)
    g_input_stream_close_async (br->stream, br->priority, cancellable,
                                body_closed_cb, g_steal_pointer (&task));
  else
    body_read_next (g_steal_pointer (&task));
}

/* Reads as much as fits: the rest of the Content-Length, or whatever
 * comes into at least READ_ROOM bytes of room. The buffer always keeps
 * one byte free for the NUL after the body; the read that says the end of
 * a Content-Length body asks for that byte. */
static void
body_read_next (GTask *task)
{
  BodyRead *br = g_task_get_task_data (task);
  gboolean at_length = br->expected >= 0 && br->len >= (gsize) br->expected;
  gsize count = 1;

  if (!at_length)
    {
      gsize need = br->expected >= 0 ? (gsize) br->expected - br->len : READ_ROOM;

      if (br->size - br->len < need + 1)
        {
          br->size = MAX (br->size * 2, br->len + need + 1);
          br->buf = g_realloc (br->buf, br->size);
        }
      count = br->expected >= 0 ? need : br->size - br->len - 1;
    }
  g_input_stream_read_async (br->stream, br->buf + br->len, count, br->priority,
                             g_task_get_cancellable (task), body_chunk_cb, task);
}

static void
body_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  BodyRead *br = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;

  br->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (br->stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_response_headers (br->msg);
  br->expected = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    br->expected = soup_message_headers_get_content_length (headers);
  br->size = (br->expected >= 0 ? (gsize) MIN (br->expected, PREALLOC_MAX) : READ_ROOM) + 1;
  br->buf = g_malloc (br->size);
  body_read_next (task);
}

void
dd_client_response_read_async (SoupSession         *session,
                               SoupMessage         *msg,
                               int                  io_priority,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  BodyRead *br = g_new0 (BodyRead, 1);

  g_task_set_source_tag (task, dd_client_response_read_async);
  br->msg = g_object_ref (msg);
  br->priority = io_priority;
  g_task_set_task_data (task, br, (GDestroyNotify) body_read_free);
  soup_session_send_async (session, msg, io_priority, cancellable, body_sent_cb, task);
}

GBytes *
dd_client_response_read_finish (SoupSession   *session,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
