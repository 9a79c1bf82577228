/* dd-client-response.h: what dd-client.c makes of a DynamoDB answer.
 *
 * Internal to the core.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The body of a successful response (decoded), or NULL with the error:
 * DD_ERROR_CRC, DD_ERROR_PROTOCOL, or the service's error. */
GBytes *dd_client_response_check (SoupMessage  *msg,
                                  GBytes       *body,
                                  GError      **error);

/* Sends msg on session and reads its whole body into one buffer (sized by
 * Content-Length when the answer has one), the stream read in large
 * requests, then closed so the connection can be used again. */
void    dd_client_response_read_async  (SoupSession          *session,
                                        SoupMessage          *msg,
                                        int                   io_priority,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* The body as it came over the wire, or NULL with the transport error. */
GBytes *dd_client_response_read_finish (SoupSession          *session,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
