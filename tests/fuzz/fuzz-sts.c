/* fuzz-sts.c: the parsers of credential answers: STS XML (dd-sts) and the
 * JSON of the instance metadata service and the container endpoint
 * (dd-provider-util).
 *
 * Input: one byte choosing the parser (0: STS AssumeRole, 1: STS
 * AssumeRoleWithWebIdentity, 2: an STS error, 3: IMDS/container JSON),
 * then the answer. Checked: credentials or an error, never both nor
 * neither; credentials have an access key id and a secret; the error of a
 * failing answer is always made, with the HTTP status kept; no message
 * carries the secret key or the session token of an answer, and every
 * message is UTF-8.
 */
#define G_LOG_DOMAIN "fuzz-sts"

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-provider-util.h"
#include "dd-sts.h"

static void
check_result (DdCredentials *credentials,
              GError        *error)
{
  g_assert_true ((credentials == NULL) != (error == NULL));
  if (credentials != NULL)
    {
      g_assert_nonnull (dd_credentials_get_access_key_id (credentials));
      g_assert_nonnull (dd_credentials_get_secret_access_key (credentials));
      g_assert_cmpuint (strlen (dd_credentials_get_access_key_id (credentials)), >, 0);
    }
  else
    {
      g_assert_nonnull (error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* The text between open and the next close, when it is 8 bytes or more. */
static char *
secret_in (const char *text,
           gsize       len,
           const char *open,
           const char *close)
{
  const char *start = g_strstr_len (text, (gssize) len, open);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (open);
  end = g_strstr_len (start, (gssize) (text + len - start), close);
  if (end == NULL || end - start < 8 || memchr (start, '\0', end - start) != NULL)
    return NULL;
  return g_strndup (start, end - start);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *actions[] = { "AssumeRole", "AssumeRoleWithWebIdentity" };
  const char *text;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = NULL;

  fuzz_init_once ();
  if (size < 1)
    return 0;
  text = (const char *) data + 1;
  len = size - 1;
  switch (data[0] & 3)
    {
    case 0:
    case 1:
      {
        g_autoptr(GHashTable) elements = dd_sts_parse_xml (text, len, NULL);

        credentials = dd_sts_parse_credentials (actions[data[0] & 1], text, len, "fuzz", &error);
        check_result (credentials, error);
        if (credentials != NULL)
          g_assert_nonnull (elements);
        break;
      }
    case 2:
      {
        guint status = 400 + (data[0] >> 2);

        error = dd_sts_parse_error (text, len, status, "REQ-1");
        g_assert_nonnull (error);
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
        if (error->domain == DD_ERROR && error->code == DD_ERROR_SERVICE)
          g_assert_cmpuint (dd_error_get_http_status (error), ==, status);
        break;
      }
    default:
      credentials = dd_provider_util_parse_credentials (text, len, "Token", "fuzz",
                                                        "the fuzzed answer", &error);
      check_result (credentials, error);
      break;
    }
  if (error != NULL)
    {
      g_autofree char *xml_secret = secret_in (text, len, "<SecretAccessKey>", "<");
      g_autofree char *json_secret = secret_in (text, len, "\"SecretAccessKey\":\"", "\"");

      g_autofree char *xml_token = secret_in (text, len, "<SessionToken>", "<");
      g_autofree char *json_token = secret_in (text, len, "\"Token\":\"", "\"");

      /* Each parser's own members: text that only looks like the other
       * format's (inside an Expiration, say) may be quoted. */
      if ((data[0] & 3) == 3)
        {
          g_assert_true (json_secret == NULL || strstr (error->message, json_secret) == NULL);
          g_assert_true (json_token == NULL || strstr (error->message, json_token) == NULL);
        }
      else
        {
          g_assert_true (xml_secret == NULL || strstr (error->message, xml_secret) == NULL);
          g_assert_true (xml_token == NULL || strstr (error->message, xml_token) == NULL);
        }
    }
  return 0;
}
