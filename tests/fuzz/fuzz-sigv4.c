/* fuzz-sigv4.c: the SigV4 canonicalizer with fuzzed path, query and headers.
 *
 * Input: one flag byte (bit 0: normalize the path), then lines: the
 * method, the path, the query, then one "name:value" header per line. The
 * whole input is the payload.
 *
 * Checked: the path line is '/'-rooted and URI-encoded (only unreserved
 * characters, '/' and %XX with upper-case hex; with normalization no ".",
 * ".." or empty segment but the last), the query line is encoded and its
 * parameters sorted, the signed headers are sorted without duplicates,
 * headers with distinct names give the same canonical request in any order,
 * the payload hash is the body's, and the Authorization has its shape.
 */
#define G_LOG_DOMAIN "fuzz-sigv4"

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "dd-sigv4.h"

#define MAX_HEADERS 24

static gboolean
is_unreserved (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Only unreserved characters, the extra ones given and %XX escapes. */
static void
assert_encoded (const char *text,
                const char *extra)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '%')
        {
          g_assert_true (g_ascii_isxdigit (p[1]) && !g_ascii_islower (p[1]));
          g_assert_true (g_ascii_isxdigit (p[2]) && !g_ascii_islower (p[2]));
          p += 2;
          continue;
        }
      g_assert_true (is_unreserved (*p) || strchr (extra, *p) != NULL);
    }
}

/* rooted: the path given was "/..." or empty (the header asks for a path
 * as sent, which starts with '/'; normalization roots any path). */
static void
check_path (const char *path,
            gboolean    normalized,
            gboolean    rooted)
{
  g_auto(GStrv) segments = NULL;
  guint n;

  if (normalized || rooted)
    g_assert_true (path[0] == '/');
  assert_encoded (path, "/");
  if (!normalized)
    return;
  segments = g_strsplit (path + 1, "/", -1);
  n = g_strv_length (segments);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (segments[i], !=, ".");
      g_assert_cmpstr (segments[i], !=, "..");
      if (i + 1 < n)
        g_assert_cmpuint (strlen (segments[i]), >, 0);
    }
}

static void
check_query (const char *query)
{
  g_auto(GStrv) params = NULL;

  assert_encoded (query, "=&");
  if (*query == '\0')
    return;
  params = g_strsplit (query, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');

      g_assert_nonnull (eq);
      g_assert_null (strchr (eq + 1, '='));
      if (i > 0)
        {
          /* Sorted by key, then by value. */
          const char *prev = params[i - 1];
          gsize klen = eq - params[i];
          gsize plen = strchr (prev, '=') - prev;
          int cmp;
          g_autofree char *pk = g_strndup (prev, plen);
          g_autofree char *k = g_strndup (params[i], klen);

          cmp = strcmp (pk, k);
          g_assert_cmpint (cmp, <=, 0);
          if (cmp == 0)
            g_assert_cmpint (strcmp (prev + plen + 1, eq + 1), <=, 0);
        }
    }
}

static gboolean
name_is_token (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("!#$%&'*+-.^_`|~", *p) != NULL))
      return FALSE;
  return TRUE;
}

static void
check_signed_headers (const char *signed_headers,
                      const char *canonical)
{
  g_auto(GStrv) names = g_strsplit (signed_headers, ";", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat ("\n", names[i], ":", NULL);

      for (const char *p = names[i]; *p; p++)
        g_assert_false (g_ascii_isupper (*p));
      if (i > 0)
        g_assert_cmpint (strcmp (names[i - 1], names[i]), <, 0);
      g_assert_nonnull (strstr (canonical, line));
    }
}

typedef struct
{
  char          *lines[3 + MAX_HEADERS];
  guint          n_lines;
  DdSigv4Header  headers[MAX_HEADERS];
  gsize          n_headers;
  gboolean       all_tokens;
} Parsed;

static void
parse_input (const guint8 *data,
             gsize         size,
             Parsed       *parsed)
{
  const char *p = (const char *) data + 1;
  const char *end = (const char *) data + size;

  memset (parsed, 0, sizeof *parsed);
  parsed->all_tokens = TRUE;
  while (p <= end && parsed->n_lines < G_N_ELEMENTS (parsed->lines))
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;

      parsed->lines[parsed->n_lines++] = g_strndup (p, stop - p);
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  for (guint i = 3; i < parsed->n_lines; i++)
    {
      char *colon = strchr (parsed->lines[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      parsed->headers[parsed->n_headers++] = (DdSigv4Header) { parsed->lines[i], colon + 1 };
      if (!name_is_token (parsed->lines[i]))
        parsed->all_tokens = FALSE;
    }
}

/* TRUE when no two names are the same once lowercased and trimmed. */
static gboolean
names_distinct (const Parsed *parsed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < parsed->n_headers; i++)
    {
      char *name = g_strstrip (g_ascii_strdown (parsed->headers[i].name, -1));

      if (!g_hash_table_add (seen, name))
        return FALSE;
    }
  return TRUE;
}

static void
check_reordered (const Parsed         *parsed,
                 const DdSigv4Request *request,
                 const char           *canonical)
{
  DdSigv4Header reversed[MAX_HEADERS];
  DdSigv4Request again = *request;
  g_autofree char *other = NULL;

  for (gsize i = 0; i < parsed->n_headers; i++)
    reversed[i] = parsed->headers[parsed->n_headers - 1 - i];
  again.headers = reversed;
  other = dd_sigv4_canonical_request (&again, NULL);
  g_assert_cmpstr (other, ==, canonical);
}

static void
check_authorization (const DdSigv4Request *request,
                     const char           *signed_headers)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  DdSigv4Scope scope = { "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                         "us-east-1", "dynamodb", when };
  g_autofree char *authorization = dd_sigv4_authorization (request, &scope);
  g_autofree char *prefix = g_strdup_printf ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
                                             "SignedHeaders=%s, Signature=", signed_headers);
  const char *signature;

  g_assert_nonnull (authorization);
  g_assert_true (g_str_has_prefix (authorization, prefix));
  signature = authorization + strlen (prefix);
  g_assert_cmpuint (strlen (signature), ==, 64);
  for (const char *p = signature; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Parsed parsed;
  DdSigv4Request request = { 0 };
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *body_hash = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  fuzz_init_once ();
  if (size < 1)
    return 0;
  parse_input (data, size, &parsed);
  request.method = parsed.n_lines > 0 ? parsed.lines[0] : "";
  request.path = parsed.n_lines > 1 ? parsed.lines[1] : NULL;
  request.query = parsed.n_lines > 2 ? parsed.lines[2] : NULL;
  request.headers = parsed.headers;
  request.n_headers = parsed.n_headers;
  request.payload = data;
  request.payload_len = size;
  request.normalize_path = (data[0] & 1) != 0;

  canonical = dd_sigv4_canonical_request (&request, &signed_headers);
  g_assert_nonnull (canonical);
  g_assert_nonnull (signed_headers);
  lines = g_strsplit (canonical, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpstr (lines[0], ==, request.method);
  check_path (lines[1], request.normalize_path,
              request.path == NULL || request.path[0] == '\0' || request.path[0] == '/');
  check_query (lines[2]);
  body_hash = dd_sigv4_sha256_hex (data, size);
  g_assert_cmpstr (lines[n - 1], ==, body_hash);
  if (parsed.all_tokens)
    {
      g_assert_cmpstr (lines[n - 2], ==, signed_headers);
      check_signed_headers (signed_headers, canonical);
    }
  if (names_distinct (&parsed))
    check_reordered (&parsed, &request, canonical);
  check_authorization (&request, signed_headers);

  for (guint i = 0; i < parsed.n_lines; i++)
    g_free (parsed.lines[i]);
  return 0;
}
