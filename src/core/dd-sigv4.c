/* dd-sigv4.c: AWS Signature Version 4 (header signing), in stages.
 *
 * Written here because Debian has no small C signer (aws-c-auth drags in
 * the whole AWS CRT); the hashing is nettle's SHA-256 and HMAC-SHA256,
 * the percent-encoding GLib's (its unreserved set is SigV4's: A-Z a-z 0-9
 * "-._~", with upper-case hex digits).
 *
 * The request path is URI-encoded once more, the rule of every service
 * but S3 (which is never signed here). Nothing in this file logs: the
 * canonical request and the string to sign carry the session token.
 */
#define G_LOG_DOMAIN "dd-sigv4"

#include "config.h"

#include <string.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "dd-sigv4.h"

#define ALGORITHM "AWS4-HMAC-SHA256"
#define SCOPE_TERMINATOR "aws4_request"

typedef struct
{
  char  *name;  /* lowercase */
  char  *value; /* trimmed, inner whitespace folded */
  gsize  index; /* position in the request, for a stable sort */
} CanonHeader;

typedef struct
{
  char *key;   /* encoded */
  char *value; /* encoded */
} QueryParam;

static void
hex_encode (const guint8 *data,
            gsize         len,
            char         *out)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0x0f];
    }
  out[2 * len] = '\0';
}

char *
dd_sigv4_format_amz_date (GDateTime *when)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

char *
dd_sigv4_format_date_stamp (GDateTime *when)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y%m%d");
}

char *
dd_sigv4_sha256_hex (const guint8 *data,
                     gsize         len)
{
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  sha256_init (&ctx);
  if (len > 0)
    sha256_update (&ctx, len, data);
  sha256_digest (&ctx, sizeof digest, digest);

  hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);
  hex_encode (digest, sizeof digest, hex);
  return hex;
}

/* ------------------------------------------------------------------ */
/* The path                                                            */

/* RFC 3986 dot-segment removal plus collapsing of empty segments
 * ("//"); a trailing slash survives when the last segment was empty,
 * "." or "..". */
static char *
normalize_path (const char *path)
{
  g_auto (GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  GString *out = g_string_sized_new (strlen (path) + 1);
  guint n = g_strv_length (segments);
  const char *last = n > 0 ? segments[n - 1] : "";
  gboolean trailing;

  for (guint i = 0; i < n; i++)
    {
      const char *seg = segments[i];

      if (*seg == '\0' || strcmp (seg, ".") == 0)
        continue;
      if (strcmp (seg, "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, (gpointer) seg);
    }

  trailing = *last == '\0' || strcmp (last, ".") == 0 || strcmp (last, "..") == 0;
  for (guint i = 0; i < kept->len; i++)
    {
      g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (kept, i));
    }
  if (out->len == 0 || trailing)
    g_string_append_c (out, '/');

  return g_string_free (out, FALSE);
}

static char *
canonical_path (const char *path,
                gboolean    normalize)
{
  g_autofree char *normalized = NULL;

  if (path == NULL || *path == '\0')
    return g_strdup ("/");

  if (normalize)
    normalized = normalize_path (path);

  return g_uri_escape_string (normalized != NULL ? normalized : path, "/", FALSE);
}

/* ------------------------------------------------------------------ */
/* The query                                                           */

/* Decoded, then encoded again; an invalid escape ("%zz") is taken
 * literally, so its '%' is encoded. */
static char *
reencode_component (const char *raw,
                    gsize       len)
{
  g_autoptr (GBytes) decoded = NULL;
  const guint8 *bytes;
  gsize n_bytes;

  decoded = g_uri_unescape_bytes (raw, len, NULL, NULL);
  if (decoded == NULL)
    return g_uri_escape_bytes ((const guint8 *) raw, len, NULL);

  bytes = g_bytes_get_data (decoded, &n_bytes);
  return g_uri_escape_bytes (bytes, n_bytes, NULL);
}

static void
query_param_clear (gpointer data)
{
  QueryParam *param = data;

  g_free (param->key);
  g_free (param->value);
}

static int
query_param_compare (gconstpointer a,
                     gconstpointer b)
{
  const QueryParam *pa = a;
  const QueryParam *pb = b;
  int cmp = strcmp (pa->key, pb->key);

  return cmp != 0 ? cmp : strcmp (pa->value, pb->value);
}

static GArray *
parse_query (const char *query)
{
  GArray *params = g_array_new (FALSE, FALSE, sizeof (QueryParam));
  const char *p = query;

  g_array_set_clear_func (params, query_param_clear);

  while (*p != '\0')
    {
      const char *end = strchrnul (p, '&');
      const char *eq = memchr (p, '=', end - p);
      QueryParam param;

      if (end > p)
        {
          const char *key_end = eq != NULL ? eq : end;
          const char *value = eq != NULL ? eq + 1 : end;

          param.key = reencode_component (p, key_end - p);
          param.value = reencode_component (value, end - value);
          g_array_append_val (params, param);
        }
      p = *end == '&' ? end + 1 : end;
    }

  g_array_sort (params, query_param_compare);
  return params;
}

static void
append_canonical_query (GString    *out,
                        const char *query)
{
  g_autoptr (GArray) params = NULL;

  if (query == NULL || *query == '\0')
    return;

  params = parse_query (query);
  for (guint i = 0; i < params->len; i++)
    {
      const QueryParam *param = &g_array_index (params, QueryParam, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, param->key);
      g_string_append_c (out, '=');
      g_string_append (out, param->value);
    }
}

/* ------------------------------------------------------------------ */
/* The headers                                                         */

/* Trims the value and folds every inner run of whitespace (obs-fold
 * line breaks included) into one space. */
static char *
fold_value (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));
  gboolean pending_space = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
canon_header_clear (gpointer data)
{
  CanonHeader *header = data;

  g_free (header->name);
  g_free (header->value);
}

static int
canon_header_compare (gconstpointer a,
                      gconstpointer b)
{
  const CanonHeader *ha = a;
  const CanonHeader *hb = b;
  int cmp = strcmp (ha->name, hb->name);

  if (cmp != 0)
    return cmp;
  return ha->index < hb->index ? -1 : ha->index > hb->index;
}

static GArray *
sorted_headers (const DdSigv4Request *request)
{
  GArray *headers = g_array_sized_new (FALSE, FALSE, sizeof (CanonHeader), request->n_headers);

  g_array_set_clear_func (headers, canon_header_clear);

  for (gsize i = 0; i < request->n_headers; i++)
    {
      CanonHeader header;

      header.name = g_ascii_strdown (request->headers[i].name, -1);
      g_strstrip (header.name);
      header.value = fold_value (request->headers[i].value != NULL ? request->headers[i].value : "");
      header.index = i;
      g_array_append_val (headers, header);
    }

  g_array_sort (headers, canon_header_compare);
  return headers;
}

/* Appends "name:value\n" for each name (duplicates joined with ',' in
 * their order) to out and "a;b;c" to signed_headers. */
static void
append_canonical_headers (GString              *out,
                          GString              *signed_headers,
                          const DdSigv4Request *request)
{
  g_autoptr (GArray) headers = sorted_headers (request);
  const char *previous = NULL;

  for (guint i = 0; i < headers->len; i++)
    {
      const CanonHeader *header = &g_array_index (headers, CanonHeader, i);

      if (previous != NULL && strcmp (previous, header->name) == 0)
        {
          g_string_append_c (out, ',');
          g_string_append (out, header->value);
          continue;
        }
      if (previous != NULL)
        {
          g_string_append_c (out, '\n');
          g_string_append_c (signed_headers, ';');
        }
      g_string_append (out, header->name);
      g_string_append_c (out, ':');
      g_string_append (out, header->value);
      g_string_append (signed_headers, header->name);
      previous = header->name;
    }
  if (previous != NULL)
    g_string_append_c (out, '\n');
}

/* ------------------------------------------------------------------ */
/* The stages                                                          */

char *
dd_sigv4_canonical_request (const DdSigv4Request  *request,
                            char                 **signed_headers)
{
  g_autofree char *path = NULL;
  g_autofree char *computed_hash = NULL;
  GString *out;
  GString *names;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->method != NULL, NULL);
  g_return_val_if_fail (request->headers != NULL || request->n_headers == 0, NULL);
  g_return_val_if_fail (request->payload_hash != NULL || request->payload != NULL
                        || request->payload_len == 0, NULL);

  if (request->payload_hash == NULL)
    computed_hash = dd_sigv4_sha256_hex (request->payload, request->payload_len);
  path = canonical_path (request->path, request->normalize_path);

  out = g_string_sized_new (256 + request->payload_len / 16);
  names = g_string_sized_new (64);

  g_string_append (out, request->method);
  g_string_append_c (out, '\n');
  g_string_append (out, path);
  g_string_append_c (out, '\n');
  append_canonical_query (out, request->query);
  g_string_append_c (out, '\n');
  append_canonical_headers (out, names, request);
  g_string_append_c (out, '\n');
  g_string_append_len (out, names->str, names->len);
  g_string_append_c (out, '\n');
  g_string_append (out, request->payload_hash != NULL ? request->payload_hash : computed_hash);

  if (signed_headers != NULL)
    *signed_headers = g_string_free (names, FALSE);
  else
    g_string_free (names, TRUE);

  return g_string_free (out, FALSE);
}

static char *
credential_scope (const DdSigv4Scope *scope)
{
  g_autofree char *date = dd_sigv4_format_date_stamp (scope->when);

  return g_strconcat (date, "/", scope->region, "/", scope->service, "/", SCOPE_TERMINATOR, NULL);
}

static gboolean
scope_is_valid (const DdSigv4Scope *scope)
{
  return scope != NULL
         && scope->access_key_id != NULL
         && scope->secret_access_key != NULL
         && scope->region != NULL
         && scope->service != NULL
         && scope->when != NULL;
}

char *
dd_sigv4_string_to_sign (const char         *canonical_request,
                         const DdSigv4Scope *scope)
{
  g_autofree char *amz_date = NULL;
  g_autofree char *cred_scope = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (canonical_request != NULL, NULL);
  g_return_val_if_fail (scope_is_valid (scope), NULL);

  amz_date = dd_sigv4_format_amz_date (scope->when);
  cred_scope = credential_scope (scope);
  hash = dd_sigv4_sha256_hex ((const guint8 *) canonical_request, strlen (canonical_request));

  return g_strconcat (ALGORITHM "\n", amz_date, "\n", cred_scope, "\n", hash, NULL);
}

/* out = HMAC-SHA256 (key, data); the context, which holds key material,
 * is wiped. */
static void
hmac_step (const guint8 *key,
           gsize         key_len,
           const char   *data,
           gsize         data_len,
           guint8        out[SHA256_DIGEST_SIZE])
{
  struct hmac_sha256_ctx ctx;

  hmac_sha256_set_key (&ctx, key_len, key);
  hmac_sha256_update (&ctx, data_len, (const guint8 *) data);
  hmac_sha256_digest (&ctx, SHA256_DIGEST_SIZE, out);
  explicit_bzero (&ctx, sizeof ctx);
}

/* kSigning = HMAC (HMAC (HMAC (HMAC ("AWS4" secret, date), region),
 * service), "aws4_request"); every intermediate buffer is wiped. */
static void
derive_signing_key (const DdSigv4Scope *scope,
                    guint8              k_signing[SHA256_DIGEST_SIZE])
{
  g_autofree char *date = dd_sigv4_format_date_stamp (scope->when);
  gsize secret_len = strlen (scope->secret_access_key);
  gsize k_secret_len = secret_len + 4;
  guint8 *k_secret = g_malloc (k_secret_len);
  guint8 k_date[SHA256_DIGEST_SIZE];
  guint8 k_region[SHA256_DIGEST_SIZE];
  guint8 k_service[SHA256_DIGEST_SIZE];

  memcpy (k_secret, "AWS4", 4);
  memcpy (k_secret + 4, scope->secret_access_key, secret_len);

  hmac_step (k_secret, k_secret_len, date, strlen (date), k_date);
  explicit_bzero (k_secret, k_secret_len);
  g_free (k_secret);

  hmac_step (k_date, sizeof k_date, scope->region, strlen (scope->region), k_region);
  explicit_bzero (k_date, sizeof k_date);
  hmac_step (k_region, sizeof k_region, scope->service, strlen (scope->service), k_service);
  explicit_bzero (k_region, sizeof k_region);
  hmac_step (k_service, sizeof k_service,
             SCOPE_TERMINATOR, strlen (SCOPE_TERMINATOR), k_signing);
  explicit_bzero (k_service, sizeof k_service);
}

char *
dd_sigv4_signature (const char         *string_to_sign,
                    const DdSigv4Scope *scope)
{
  guint8 k_signing[SHA256_DIGEST_SIZE];
  guint8 mac[SHA256_DIGEST_SIZE];
  char *hex;

  g_return_val_if_fail (string_to_sign != NULL, NULL);
  g_return_val_if_fail (scope_is_valid (scope), NULL);

  derive_signing_key (scope, k_signing);
  hmac_step (k_signing, sizeof k_signing, string_to_sign, strlen (string_to_sign), mac);
  explicit_bzero (k_signing, sizeof k_signing);

  hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);
  hex_encode (mac, sizeof mac, hex);
  return hex;
}

char *
dd_sigv4_authorization (const DdSigv4Request *request,
                        const DdSigv4Scope   *scope)
{
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *cred_scope = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (scope_is_valid (scope), NULL);

  canonical = dd_sigv4_canonical_request (request, &signed_headers);
  if (canonical == NULL)
    return NULL;
  to_sign = dd_sigv4_string_to_sign (canonical, scope);
  signature = dd_sigv4_signature (to_sign, scope);
  cred_scope = credential_scope (scope);

  return g_strconcat (ALGORITHM " Credential=", scope->access_key_id, "/", cred_scope,
                      ", SignedHeaders=", signed_headers,
                      ", Signature=", signature, NULL);
}
