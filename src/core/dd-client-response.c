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
#include <zlib.h>

#include "dd-client-response.h"
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
  actual = (guint32) crc32_z (0L, bytes, len);
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
  type = json_object_get_string_member_with_default (object, "__type", NULL);
  if (type != NULL)
    {
      hash = strrchr (type, '#');
      *code = g_strdup (hash ? hash + 1 : type);
    }
  *message = g_strdup (json_object_get_string_member_with_default (object, "message",
                         json_object_get_string_member_with_default (object, "Message", NULL)));
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
