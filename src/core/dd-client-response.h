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

G_END_DECLS
