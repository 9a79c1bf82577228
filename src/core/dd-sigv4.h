/* dd-sigv4.h: AWS Signature Version 4, in stages a test can reach.
 *
 * canonical request -> string to sign -> signature -> Authorization header.
 * The clock is an input: nothing here calls "now". Header names are
 * lowercased, values trimmed and inner runs of spaces folded, duplicates
 * joined with ',' in their order, names sorted stably. The path is
 * URI-encoded once more, as every service but S3 expects (an "as sent"
 * "/a%20b" is signed as "/a%2520b"); the query is decoded, encoded again
 * and sorted.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *value;
} DdSigv4Header;

typedef struct
{
  const char          *method;       /* "POST" */
  const char          *path;         /* as sent, e.g. "/" or "/a%20b" */
  const char          *query;        /* raw query string without '?', or NULL */
  const DdSigv4Header *headers;      /* every header to sign, host included */
  gsize                n_headers;
  const guint8        *payload;      /* the body, or NULL when payload_hash is given */
  gsize                payload_len;
  const char          *payload_hash; /* hex SHA-256 of the body, or NULL to compute it */
  gboolean             normalize_path; /* drop "." "..", "//" segments: TRUE for every service but S3 */
} DdSigv4Request;

typedef struct
{
  const char *access_key_id;
  const char *secret_access_key;
  const char *region;
  const char *service;               /* "dynamodb", "sts" */
  GDateTime  *when;                  /* UTC */
} DdSigv4Scope;

/* "20150830T123600Z" and "20150830" */
char  *dd_sigv4_format_amz_date       (GDateTime            *when);
char  *dd_sigv4_format_date_stamp     (GDateTime            *when);

/* Lowercase hex SHA-256 of data. */
char  *dd_sigv4_sha256_hex            (const guint8         *data,
                                       gsize                 len);

/* The canonical request; signed_headers (optional out) receives the
 * ';'-joined list of lowercase header names. */
char  *dd_sigv4_canonical_request     (const DdSigv4Request *request,
                                       char                **signed_headers);

char  *dd_sigv4_string_to_sign        (const char           *canonical_request,
                                       const DdSigv4Scope   *scope);

/* Hex signature of string_to_sign; the derived key is wiped after use. */
char  *dd_sigv4_signature             (const char           *string_to_sign,
                                       const DdSigv4Scope   *scope);

/* The whole "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." value. */
char  *dd_sigv4_authorization         (const DdSigv4Request *request,
                                       const DdSigv4Scope   *scope);

G_END_DECLS
