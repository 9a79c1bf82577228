/* dd-client-endpoint.h: where a DdClient sends its requests.
 *
 * Internal to the core (dd-client.c).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The endpoint given, else AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL
 * (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is "true"), else the
 * region's; NULL when there is none. */
char     *dd_client_endpoint_resolve     (const char  *region,
                                          const char  *endpoint);
/* The endpoint as the URI requests go to (scheme in lower case, path "/"
 * at least), with the Host header soup writes for it (also the one
 * signed); NULL with *error_message when it cannot be used. */
GUri     *dd_client_endpoint_parse       (const char  *region,
                                          const char  *endpoint,
                                          char       **host_header,
                                          char       **error_message);
/* TRUE for localhost and the loopback addresses. */
gboolean  dd_client_endpoint_is_loopback (GUri        *uri);

G_END_DECLS
