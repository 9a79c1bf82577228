/* test-sigv4.c: SigV4 stage by stage (canonical request, string to sign,
 * signature, Authorization) against the AWS suite, the newer CRT suite
 * and DynamoDB-shaped vectors in tests/data/sigv4, plus the rules one
 * by one.
 */
#define G_LOG_DOMAIN "test-sigv4"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-sigv4.h"
#include "dd-test-dynamo.h"

/* The fixed inputs of the AWS suite (its README, and botocore's runner). */
#define SUITE_KEY_ID   "AKIDEXAMPLE"
#define SUITE_SECRET   "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_REGION   "us-east-1"
#define SUITE_SERVICE  "service"
#define SUITE_N_CASES  34
#define CRT_N_CASES    38
#define DDB_N_CASES    3

/* The one case whose .req leaves out the session token it is signed with. */
static const struct
{
  const char *name;
  const char *token;
} suite_tokens[] = {
  { "get-vanilla-with-session-token",
    "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267" },
};

/* ------------------------------------------------------------------ */
/* A raw HTTP request, as written in the suites' .req files            */

typedef struct
{
  char       *method;
  char       *path;
  char       *query;   /* NULL without '?' */
  GPtrArray  *strings; /* owns every header name and value */
  GArray     *headers; /* DdSigv4Header, pointing into strings */
  GBytes     *body;
} HttpRequest;

static void
http_request_free (HttpRequest *self)
{
  g_free (self->method);
  g_free (self->path);
  g_free (self->query);
  g_ptr_array_unref (self->strings);
  g_array_unref (self->headers);
  g_bytes_unref (self->body);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpRequest, http_request_free)

static void
http_request_add_header (HttpRequest *self,
                         const char  *name,
                         const char  *value)
{
  DdSigv4Header header;

  header.name = g_strdup (name);
  header.value = g_strdup (value);
  g_ptr_array_add (self->strings, (gpointer) header.name);
  g_ptr_array_add (self->strings, (gpointer) header.value);
  g_array_append_val (self->headers, header);
}

/* An obs-fold continuation line: kept with its line break, for the
 * signer to fold. */
static void
http_request_continue_header (HttpRequest *self,
                              const char  *line)
{
  DdSigv4Header *last;
  char *value;

  g_assert_cmpuint (self->headers->len, >, 0);
  last = &g_array_index (self->headers, DdSigv4Header, self->headers->len - 1);
  value = g_strconcat (last->value, "\n", line, NULL);
  g_ptr_array_add (self->strings, value);
  last->value = value;
}

/* "METHOD target HTTP/1.1", where the target may hold spaces. */
static void
http_request_parse_request_line (HttpRequest *self,
                                 const char  *line)
{
  const char *first = strchr (line, ' ');
  const char *last = strrchr (line, ' ');
  g_autofree char *target = NULL;
  char *question;

  g_assert_nonnull (first);
  g_assert_true (last > first);
  g_assert_true (g_str_has_prefix (last + 1, "HTTP/"));

  self->method = g_strndup (line, first - line);
  target = g_strndup (first + 1, last - first - 1);
  question = strchr (target, '?');
  if (question != NULL)
    {
      self->query = g_strdup (question + 1);
      *question = '\0';
    }
  self->path = g_strdup (target);
}

static void
http_request_parse_head (HttpRequest *self,
                         const char  *head)
{
  g_auto (GStrv) lines = g_strsplit (head, "\n", -1);

  http_request_parse_request_line (self, lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;
      g_autofree char *name = NULL;

      if (*line == '\0')
        continue;
      if (*line == ' ' || *line == '\t')
        {
          http_request_continue_header (self, line);
          continue;
        }
      colon = strchr (line, ':');
      g_assert_nonnull (colon);
      name = g_strndup (line, colon - line);
      http_request_add_header (self, name, colon + 1);
    }
}

static HttpRequest *
http_request_parse (const char *text,
                    gsize       len)
{
  HttpRequest *self = g_new0 (HttpRequest, 1);
  const char *blank = g_strstr_len (text, len, "\n\n");
  g_autofree char *head = NULL;

  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->headers = g_array_new (FALSE, FALSE, sizeof (DdSigv4Header));

  if (blank != NULL)
    {
      head = g_strndup (text, blank - text);
      self->body = g_bytes_new (blank + 2, len - (blank + 2 - text));
    }
  else
    {
      head = g_strndup (text, len);
      self->body = g_bytes_new (NULL, 0);
    }
  http_request_parse_head (self, head);
  return self;
}

static void
http_request_to_sigv4 (const HttpRequest *self,
                       gboolean           normalize_path,
                       DdSigv4Request    *out)
{
  gsize body_len;

  memset (out, 0, sizeof *out);
  out->method = self->method;
  out->path = self->path;
  out->query = self->query;
  out->headers = (const DdSigv4Header *) (gpointer) self->headers->data;
  out->n_headers = self->headers->len;
  out->payload = g_bytes_get_data (self->body, &body_len);
  out->payload_len = body_len;
  out->payload_hash = NULL;
  out->normalize_path = normalize_path;
}

/* ------------------------------------------------------------------ */
/* Data files                                                          */

static char *
data_dir (const char *sub)
{
  const char *root = g_getenv ("DD_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "sigv4", sub, NULL);
}

static char *
read_text (const char *dir,
           const char *file,
           gsize      *len)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static HttpRequest *
read_request (const char *dir,
              const char *file)
{
  gsize len;
  g_autofree char *text = read_text (dir, file, &len);

  return http_request_parse (text, len);
}

static JsonObject *
read_json_object (const char *dir,
                  const char *file,
                  JsonParser *parser)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* The value of the "Authorization:" line of a signed request. */
static char *
authorization_line (const char *signed_request)
{
  g_auto (GStrv) lines = g_strsplit (signed_request, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Authorization:"))
      return g_strdup (g_strchug (lines[i] + strlen ("Authorization:")));

  g_assert_not_reached ();
  return NULL;
}

static const char *
signature_of (const char *authorization)
{
  const char *sig = strstr (authorization, "Signature=");

  g_assert_nonnull (sig);
  return sig + strlen ("Signature=");
}

/* ------------------------------------------------------------------ */
/* The stages, each checked on its own                                 */

typedef struct
{
  const char *canonical_request;
  const char *string_to_sign;
  const char *signature;
  const char *authorization;
} Expected;

static void
check_stages (const DdSigv4Request *request,
              const DdSigv4Scope   *scope,
              const Expected       *expected)
{
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *signed_part = NULL;

  canonical = dd_sigv4_canonical_request (request, &signed_headers);
  g_assert_cmpstr (canonical, ==, expected->canonical_request);

  signed_part = g_strconcat (", SignedHeaders=", signed_headers, ", ", NULL);
  g_assert_nonnull (strstr (expected->authorization, signed_part));

  to_sign = dd_sigv4_string_to_sign (expected->canonical_request, scope);
  g_assert_cmpstr (to_sign, ==, expected->string_to_sign);

  signature = dd_sigv4_signature (expected->string_to_sign, scope);
  g_assert_cmpstr (signature, ==, expected->signature);

  authorization = dd_sigv4_authorization (request, scope);
  g_assert_cmpstr (authorization, ==, expected->authorization);
}

static GDateTime *
suite_time (void)
{
  return g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
}

/* ------------------------------------------------------------------ */
/* The AWS suite (classic format)                                      */

static void
suite_add_known_token (HttpRequest *request,
                       const char  *base)
{
  for (gsize i = 0; i < G_N_ELEMENTS (suite_tokens); i++)
    if (strcmp (base, suite_tokens[i].name) == 0)
      http_request_add_header (request, "X-Amz-Security-Token", suite_tokens[i].token);
}

static char *
suite_file (const char *base,
            const char *ext)
{
  return g_strconcat (base, ext, NULL);
}

/* The .sreq files are left aside: the one of get-vanilla-with-session-token
 * carries a signature that matches none of the case's other files. */
static void
test_suite_case (gconstpointer data)
{
  const char *rel = data;
  g_autofree char *root = data_dir ("suite");
  g_autofree char *dir = g_build_filename (root, rel, NULL);
  g_autofree char *base = g_path_get_basename (rel);
  g_autofree char *req_name = suite_file (base, ".req");
  g_autofree char *creq_name = suite_file (base, ".creq");
  g_autofree char *sts_name = suite_file (base, ".sts");
  g_autofree char *authz_name = suite_file (base, ".authz");
  g_autoptr (HttpRequest) http = read_request (dir, req_name);
  g_autofree char *creq = read_text (dir, creq_name, NULL);
  g_autofree char *sts = read_text (dir, sts_name, NULL);
  g_autofree char *authz = read_text (dir, authz_name, NULL);
  g_autoptr (GDateTime) when = suite_time ();
  DdSigv4Scope scope = { SUITE_KEY_ID, SUITE_SECRET, SUITE_REGION, SUITE_SERVICE, when };
  Expected expected = { creq, sts, signature_of (authz), authz };
  DdSigv4Request request;

  suite_add_known_token (http, base);
  http_request_to_sigv4 (http, TRUE, &request);
  check_stages (&request, &scope, &expected);
}

/* A case is a folder D holding D.req; folders of cases may nest. */
static void
collect_suite_cases (const char *root,
                     const char *rel,
                     GPtrArray  *cases)
{
  g_autofree char *dir_path = g_build_filename (root, rel, NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel = *rel ? g_build_filename (rel, entry, NULL) : g_strdup (entry);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);
      g_autofree char *req_name = g_strconcat (entry, ".req", NULL);
      g_autofree char *req = g_build_filename (child, req_name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_DIR))
        continue;
      if (g_file_test (req, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (cases, g_steal_pointer (&child_rel));
      else
        collect_suite_cases (root, child_rel, cases);
    }
}

/* Folders holding a given file, one level down. */
static void
collect_flat_cases (const char *root,
                    const char *marker,
                    GPtrArray  *cases)
{
  g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (root, entry, marker, NULL);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (cases, g_strdup (entry));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ------------------------------------------------------------------ */
/* DynamoDB-shaped vectors (botocore-generated)                        */

static void
ddb_add_signer_headers (HttpRequest *http,
                        JsonObject  *context)
{
  const char *token = NULL;

  http_request_add_header (http, "X-Amz-Date",
                           json_object_get_string_member (context, "timestamp"));
  if (!json_object_get_null_member (context, "session_token"))
    token = json_object_get_string_member (context, "session_token");
  if (token != NULL)
    http_request_add_header (http, "X-Amz-Security-Token", token);
}

static void
test_ddb_case (gconstpointer data)
{
  g_autofree char *root = data_dir ("dynamodb");
  g_autofree char *dir = g_build_filename (root, (const char *) data, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *context = read_json_object (dir, "context.json", parser);
  g_autoptr (HttpRequest) http = read_request (dir, "request.txt");
  gsize body_len;
  g_autofree char *body = read_text (dir, "body.json", &body_len);
  g_autofree char *creq = read_text (dir, "canonical-request.txt", NULL);
  g_autofree char *sts = read_text (dir, "string-to-sign.txt", NULL);
  g_autofree char *authz = read_text (dir, "authorization.txt", NULL);
  g_autoptr (GDateTime) when = suite_time ();
  g_autoptr (GBytes) body_bytes = g_bytes_new (body, body_len);
  DdSigv4Scope scope = { json_object_get_string_member (context, "access_key_id"),
                         json_object_get_string_member (context, "secret_access_key"),
                         json_object_get_string_member (context, "region"),
                         json_object_get_string_member (context, "service"),
                         when };
  Expected expected = { creq, sts, signature_of (authz), authz };
  g_autofree char *amz_date = dd_sigv4_format_amz_date (when);
  DdSigv4Request request;

  g_assert_cmpstr (json_object_get_string_member (context, "timestamp"), ==, amz_date);
  g_assert_true (g_bytes_equal (http->body, body_bytes));
  ddb_add_signer_headers (http, context);
  http_request_to_sigv4 (http, TRUE, &request);
  check_stages (&request, &scope, &expected);
}

/* ------------------------------------------------------------------ */
/* The CRT suite (aws-c-auth's newer format), header signing           */

static void
crt_add_signer_headers (HttpRequest *http,
                        JsonObject  *context,
                        JsonObject  *credentials,
                        GDateTime   *when)
{
  g_autofree char *amz_date = dd_sigv4_format_amz_date (when);

  http_request_add_header (http, "X-Amz-Date", amz_date);
  if (json_object_has_member (credentials, "token")
      && !json_object_get_boolean_member_with_default (context, "omit_session_token", FALSE))
    http_request_add_header (http, "X-Amz-Security-Token",
                             json_object_get_string_member (credentials, "token"));
  if (json_object_get_boolean_member (context, "sign_body"))
    {
      gsize len;
      const guint8 *body = g_bytes_get_data (http->body, &len);
      g_autofree char *hash = dd_sigv4_sha256_hex (body, len);

      http_request_add_header (http, "X-Amz-Content-Sha256", hash);
    }
}

static void
test_crt_case (gconstpointer data)
{
  g_autofree char *root = data_dir ("crt/v4");
  g_autofree char *dir = g_build_filename (root, (const char *) data, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *context = read_json_object (dir, "context.json", parser);
  JsonObject *credentials = json_object_get_object_member (context, "credentials");
  g_autoptr (HttpRequest) http = read_request (dir, "request.txt");
  g_autofree char *creq = read_text (dir, "header-canonical-request.txt", NULL);
  g_autofree char *sts = read_text (dir, "header-string-to-sign.txt", NULL);
  g_autofree char *sig = read_text (dir, "header-signature.txt", NULL);
  g_autofree char *sreq = read_text (dir, "header-signed-request.txt", NULL);
  g_autofree char *authz = authorization_line (sreq);
  g_autoptr (GDateTime) when =
    g_date_time_new_from_iso8601 (json_object_get_string_member (context, "timestamp"), NULL);
  DdSigv4Scope scope = { json_object_get_string_member (credentials, "access_key_id"),
                         json_object_get_string_member (credentials, "secret_access_key"),
                         json_object_get_string_member (context, "region"),
                         json_object_get_string_member (context, "service"),
                         when };
  Expected expected = { creq, sts, sig, authz };
  DdSigv4Request request;

  g_assert_nonnull (when);
  crt_add_signer_headers (http, context, credentials, when);
  http_request_to_sigv4 (http, json_object_get_boolean_member (context, "normalize"), &request);
  check_stages (&request, &scope, &expected);
}

/* An already percent-encoded path is encoded once more; inputs from the
 * case's NOTES.md (the stored canonical request carries another date). */
static void
test_crt_double_encode_path (void)
{
  g_autofree char *dir = data_dir ("crt/double-encode-path");
  g_autoptr (HttpRequest) http = read_request (dir, "request.txt");
  g_autofree char *creq = read_text (dir, "header-canonical-request.txt", NULL);
  g_autofree char *sreq = read_text (dir, "header-signed-request.txt", NULL);
  g_autofree char *authz = authorization_line (sreq);
  g_autoptr (GDateTime) when = suite_time ();
  DdSigv4Scope scope = { "ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby", "us-east-1", "service", when };
  g_auto (GStrv) expected_lines = g_strsplit (creq, "\n", -1);
  g_auto (GStrv) lines = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *authorization = NULL;
  DdSigv4Request request;

  http_request_to_sigv4 (http, TRUE, &request);
  canonical = dd_sigv4_canonical_request (&request, NULL);
  lines = g_strsplit (canonical, "\n", -1);
  g_assert_cmpstr (lines[1], ==, "/test/%40connections/JBDvjfGEIAMCERw%253D");
  g_assert_cmpstr (lines[1], ==, expected_lines[1]);

  authorization = dd_sigv4_authorization (&request, &scope);
  g_assert_cmpstr (authorization, ==, authz);
}

/* ------------------------------------------------------------------ */
/* The rules one by one                                                */

static void
test_dates (void)
{
  g_autoptr (GTimeZone) plus_two = g_time_zone_new_offset (2 * 3600);
  g_autoptr (GDateTime) utc = suite_time ();
  g_autoptr (GDateTime) local = g_date_time_new (plus_two, 2024, 1, 1, 0, 30, 5);
  g_autofree char *a = dd_sigv4_format_amz_date (utc);
  g_autofree char *b = dd_sigv4_format_date_stamp (utc);
  g_autofree char *c = dd_sigv4_format_amz_date (local);
  g_autofree char *d = dd_sigv4_format_date_stamp (local);

  g_assert_cmpstr (a, ==, "20150830T123600Z");
  g_assert_cmpstr (b, ==, "20150830");
  g_assert_cmpstr (c, ==, "20231231T223005Z");
  g_assert_cmpstr (d, ==, "20231231");
}

static void
test_sha256 (void)
{
  /* FIPS 180-2 examples. */
  g_autofree char *empty = dd_sigv4_sha256_hex (NULL, 0);
  g_autofree char *abc = dd_sigv4_sha256_hex ((const guint8 *) "abc", 3);
  g_autofree char *nul = dd_sigv4_sha256_hex ((const guint8 *) "a\0b", 3);
  g_autofree char *ab = dd_sigv4_sha256_hex ((const guint8 *) "ab", 2);

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (nul, !=, ab);
}

/* Line n (0-based) of the canonical request of a GET with one header. */
static char *
canonical_line (const char *path,
                const char *query,
                gboolean    normalize,
                guint       n)
{
  DdSigv4Header host = { "Host", "example.com" };
  DdSigv4Request request = { "GET", path, query, &host, 1, NULL, 0, NULL, normalize };
  g_autofree char *canonical = dd_sigv4_canonical_request (&request, NULL);
  g_auto (GStrv) lines = g_strsplit (canonical, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), >, n);
  return g_strdup (lines[n]);
}

static void
test_path (void)
{
  static const struct
  {
    const char *path;
    gboolean    normalize;
    const char *expected;
  } cases[] = {
    { "/", TRUE, "/" },
    { "", TRUE, "/" },
    { NULL, TRUE, "/" },
    { "/a/b/../c/./d", TRUE, "/a/c/d" },
    { "/a/b/..", TRUE, "/a/" },
    { "/../../a", TRUE, "/a" },
    { "a/b", TRUE, "/a/b" },
    { "//a//b//", FALSE, "//a//b//" },
    { "/a/./b/../c", FALSE, "/a/./b/../c" },
    { "/a%20b", TRUE, "/a%2520b" },
    { "/caf\xc3\xa9 x", TRUE, "/caf%C3%A9%20x" },
    { "/a:b@c+d=e,f;g", TRUE, "/a%3Ab%40c%2Bd%3De%2Cf%3Bg" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = canonical_line (cases[i].path, NULL, cases[i].normalize, 1);

      g_assert_cmpstr (line, ==, cases[i].expected);
    }
}

static void
test_query (void)
{
  static const struct
  {
    const char *query;
    const char *expected;
  } cases[] = {
    { NULL, "" },
    { "", "" },
    { "b=2&a=1", "a=1&b=2" },
    { "a=2&a=1&a=10", "a=1&a=10&a=2" },
    { "B=1&a=1&_=1", "B=1&_=1&a=1" },
    { "k", "k=" },
    { "k=", "k=" },
    { "a=1&&b=2&", "a=1&b=2" },
    { "a+b=c d", "a%2Bb=c%20d" },
    { "x=%2f%41%7E%7e", "x=%2FA~~" },
    { "x=%zz&y=%4", "x=%25zz&y=%254" },
    { "a=b=c", "a=b%3Dc" },
    { "Z=1&%E1%88%B4=2", "%E1%88%B4=2&Z=1" },
    { "\xe1\x88\xb4=bar", "%E1%88%B4=bar" },
    { "n=%00", "n=%00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = canonical_line ("/", cases[i].query, TRUE, 2);

      g_assert_cmpstr (line, ==, cases[i].expected);
    }
}

static void
test_headers (void)
{
  static const DdSigv4Header headers[] = {
    { "X-B", "  two\t\tspaced   words  " },
    { "x-a", "1" },
    { "Host", "example.com" },
    { "X-A", "2" },
    { "x-a", " 3 " },
    { "X-Empty", "   " },
    { "x-c", "a\n  b" },
  };
  DdSigv4Request request = { "POST", "/", NULL, headers, G_N_ELEMENTS (headers), NULL, 0, NULL, TRUE };
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = dd_sigv4_canonical_request (&request, &signed_headers);
  g_autofree char *empty_signed = NULL;
  g_autofree char *empty = NULL;

  g_assert_cmpstr (canonical, ==,
                   "POST\n/\n\n"
                   "host:example.com\n"
                   "x-a:1,2,3\n"
                   "x-b:two spaced words\n"
                   "x-c:a b\n"
                   "x-empty:\n"
                   "\n"
                   "host;x-a;x-b;x-c;x-empty\n"
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (signed_headers, ==, "host;x-a;x-b;x-c;x-empty");

  request.n_headers = 0;
  empty = dd_sigv4_canonical_request (&request, &empty_signed);
  g_assert_cmpstr (empty_signed, ==, "");
  g_assert_true (g_str_has_prefix (empty, "POST\n/\n\n\n\n"));
}

static void
test_payload_hash (void)
{
  static const guint8 body[] = "{\"TableName\":\"t\"}";
  DdSigv4Header host = { "host", "h" };
  DdSigv4Request request = { "POST", "/", NULL, &host, 1, body, sizeof body - 1, NULL, TRUE };
  g_autofree char *body_hash = dd_sigv4_sha256_hex (body, sizeof body - 1);
  g_autofree char *computed = dd_sigv4_canonical_request (&request, NULL);
  g_autofree char *given = NULL;

  g_assert_true (g_str_has_suffix (computed, body_hash));
  request.payload_hash = "UNSIGNED-PAYLOAD";
  given = dd_sigv4_canonical_request (&request, NULL);
  g_assert_true (g_str_has_suffix (given, "\nUNSIGNED-PAYLOAD"));
}

/* Every part of the scope reaches the signature. */
static void
test_signature_scope (void)
{
  g_autoptr (GDateTime) when = suite_time ();
  g_autoptr (GDateTime) next_day = g_date_time_add_days (when, 1);
  const DdSigv4Scope scopes[] = {
    { SUITE_KEY_ID, SUITE_SECRET, SUITE_REGION, SUITE_SERVICE, when },
    { SUITE_KEY_ID, SUITE_SECRET "x", SUITE_REGION, SUITE_SERVICE, when },
    { SUITE_KEY_ID, SUITE_SECRET, "eu-west-1", SUITE_SERVICE, when },
    { SUITE_KEY_ID, SUITE_SECRET, SUITE_REGION, "dynamodb", when },
    { SUITE_KEY_ID, SUITE_SECRET, SUITE_REGION, SUITE_SERVICE, next_day },
  };
  g_autoptr (GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      char *sig = dd_sigv4_signature ("same string to sign", &scopes[i]);

      g_assert_cmpuint (strlen (sig), ==, 64);
      for (guint j = 0; j < signatures->len; j++)
        g_assert_cmpstr (sig, !=, g_ptr_array_index (signatures, j));
      g_ptr_array_add (signatures, sig);
    }
}

/* ------------------------------------------------------------------ */

static GPtrArray *
cases_in (const char *sub,
          const char *marker)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *root = data_dir (sub);

  if (marker == NULL)
    collect_suite_cases (root, "", cases);
  else
    collect_flat_cases (root, marker, cases);
  g_ptr_array_sort (cases, compare_strings);
  return cases;
}

/* Registers one test per case; the count is checked as a test too, so a
 * missing data folder fails rather than passes. */
static void
add_case_tests (const char    *prefix,
                GPtrArray     *cases,
                GTestDataFunc  func)
{
  for (guint i = 0; i < cases->len; i++)
    {
      g_autofree char *path = g_strconcat (prefix, g_ptr_array_index (cases, i), NULL);

      g_test_add_data_func_full (path, g_strdup (g_ptr_array_index (cases, i)), func, g_free);
    }
}

static guint suite_count;
static guint crt_count;
static guint ddb_count;

static void
test_case_counts (void)
{
  g_assert_cmpuint (suite_count, ==, SUITE_N_CASES);
  g_assert_cmpuint (crt_count, ==, CRT_N_CASES);
  g_assert_cmpuint (ddb_count, ==, DDB_N_CASES);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) suite = NULL;
  g_autoptr (GPtrArray) crt = NULL;
  g_autoptr (GPtrArray) ddb = NULL;

  dd_test_init (&argc, &argv);

  suite = cases_in ("suite", NULL);
  crt = cases_in ("crt/v4", "context.json");
  ddb = cases_in ("dynamodb", "context.json");
  suite_count = suite->len;
  crt_count = crt->len;
  ddb_count = ddb->len;

  g_test_add_func ("/dd/sigv4/dates", test_dates);
  g_test_add_func ("/dd/sigv4/sha256", test_sha256);
  g_test_add_func ("/dd/sigv4/path", test_path);
  g_test_add_func ("/dd/sigv4/query", test_query);
  g_test_add_func ("/dd/sigv4/headers", test_headers);
  g_test_add_func ("/dd/sigv4/payload-hash", test_payload_hash);
  g_test_add_func ("/dd/sigv4/signature-scope", test_signature_scope);
  g_test_add_func ("/dd/sigv4/case-counts", test_case_counts);
  add_case_tests ("/dd/sigv4/suite/", suite, test_suite_case);
  add_case_tests ("/dd/sigv4/dynamodb/", ddb, test_ddb_case);
  add_case_tests ("/dd/sigv4/crt/", crt, test_crt_case);
  g_test_add_func ("/dd/sigv4/crt-extra/double-encode-path", test_crt_double_encode_path);

  return g_test_run ();
}
