/* dd-client-endpoint.c: where a DdClient sends its requests. */
#define G_LOG_DOMAIN "dd-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-client.h"
#include "dd-client-endpoint.h"

#define SERVICE "dynamodb"

static gboolean
region_is_valid (const char *region)
{
  if (region == NULL || *region == '\0' || strlen (region) > 63)
    return FALSE;
  for (const char *p = region; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return region[0] != '-';
}

char *
dd_client_endpoint_for_region (const char *region)
{
  static const struct { const char *prefix; const char *suffix; } partitions[] = {
    { "cn-", "amazonaws.com.cn" },
    { "us-isob-", "sc2s.sgov.gov" },
    { "us-iso-", "c2s.ic.gov" },
  };
  const char *suffix = "amazonaws.com";

  if (!region_is_valid (region))
    return NULL;
  if (g_str_equal (region, "local"))
    return g_strdup ("http://localhost:8000");
  for (guint i = 0; i < G_N_ELEMENTS (partitions); i++)
    if (g_str_has_prefix (region, partitions[i].prefix))
      {
        suffix = partitions[i].suffix;
        break;
      }
  return g_strdup_printf ("https://" SERVICE ".%s.%s", region, suffix);
}

char *
dd_client_endpoint_resolve (const char *region,
                            const char *endpoint)
{
  const char *ignore = g_getenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const char *names[] = { "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL" };

  if (endpoint != NULL && *endpoint)
    return g_strdup (endpoint);
  if (ignore == NULL || g_ascii_strcasecmp (ignore, "true") != 0)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        const char *value = g_getenv (names[i]);
        if (value != NULL && *value)
          return g_strdup (value);
      }
  return dd_client_endpoint_for_region (region);
}

/* The Host header soup would write for uri, which is also the one signed. */
static char *
host_header_for (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  const char *scheme = g_uri_get_scheme (uri);
  int port = g_uri_get_port (uri);
  int default_port = g_str_equal (scheme, "https") ? 443 : 80;
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (port == -1 || port == default_port)
    return g_strdup_printf (ipv6 ? "[%s]" : "%s", host);
  return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);
}

GUri *
dd_client_endpoint_parse (const char  *region,
                          const char  *endpoint,
                          char       **host_header,
                          char       **error_message)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *lower = NULL;
  const char *scheme;
  const char *path;
  GUri *uri;

  if (endpoint == NULL)
    {
      *error_message = g_strdup_printf (_("No endpoint for the region “%s”"),
                                        region ? region : "");
      return NULL;
    }
  parsed = g_uri_parse (endpoint, G_URI_FLAGS_ENCODED, NULL);
  scheme = parsed ? g_uri_get_scheme (parsed) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      *error_message = g_strdup_printf (_("The endpoint “%s” is not an http:// or https:// URL"),
                                        endpoint);
      return NULL;
    }
  path = g_uri_get_path (parsed);
  lower = g_ascii_strdown (scheme, -1);
  uri = g_uri_build (G_URI_FLAGS_ENCODED, lower, NULL, g_uri_get_host (parsed),
                     g_uri_get_port (parsed), *path ? path : "/", NULL, NULL);
  *host_header = host_header_for (uri);
  return uri;
}

gboolean
dd_client_endpoint_is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}
