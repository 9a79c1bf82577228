/* dd-json.h: a strict JSON reader and small JSON helpers.
 *
 * DdJsonReader is a pull reader over JSON text: each call returns the next
 * event (a bracket, a member name, a scalar) with the byte span of its
 * token in the text. It allocates nothing, keeps its nesting on a fixed
 * stack (DD_JSON_MAX_DEPTH levels, deeper text is an error) and accepts
 * only RFC 8259 JSON in UTF-8. A number token is its literal text: nothing
 * is converted, so no digit is lost.
 *
 * Syntax errors are DD_ERROR_INVALID_JSON with a message that starts with
 * "line L, column C: " (1-based; the column counts characters, not bytes).
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_JSON_MAX_DEPTH 256

typedef enum
{
  DD_JSON_ERROR,
  DD_JSON_BEGIN_OBJECT,
  DD_JSON_END_OBJECT,
  DD_JSON_BEGIN_ARRAY,
  DD_JSON_END_ARRAY,
  DD_JSON_KEY,          /* a member name; its ':' has been read */
  DD_JSON_STRING,
  DD_JSON_NUMBER,
  DD_JSON_TRUE,
  DD_JSON_FALSE,
  DD_JSON_NULL,
  DD_JSON_END,          /* the end of the text, after the one top-level value */
} DdJsonEvent;

typedef struct
{
  /*< private >*/
  const char *text;
  gsize       len;
  gsize       pos;
  gsize       start;
  gsize       end;
  guint       depth;
  guint       state;
  gboolean    escaped;
  guint8      stack[DD_JSON_MAX_DEPTH / 8];
} DdJsonReader;

void         dd_json_reader_init   (DdJsonReader  *reader,
                                    const char    *text,
                                    gsize          len);
/* The next event, or DD_JSON_ERROR with error set. After DD_JSON_END or an
 * error, every further call returns the same. */
DdJsonEvent  dd_json_reader_next   (DdJsonReader  *reader,
                                    GError       **error);
/* After DD_JSON_BEGIN_OBJECT/ARRAY: reads up to and including the matching
 * end. After any other event it does nothing. */
gboolean     dd_json_reader_skip   (DdJsonReader  *reader,
                                    DdJsonEvent    event,
                                    GError       **error);

/* The span of the last token: a string or key includes its quotes, a
 * bracket is one byte. */
static inline gsize
dd_json_reader_token_start (const DdJsonReader *reader)
{
  return reader->start;
}

static inline gsize
dd_json_reader_token_length (const DdJsonReader *reader)
{
  return reader->end - reader->start;
}

static inline const char *
dd_json_reader_token (const DdJsonReader *reader)
{
  return reader->text + reader->start;
}

/* TRUE when the last string or key token contains a '\' escape. */
static inline gboolean
dd_json_reader_token_escaped (const DdJsonReader *reader)
{
  return reader->escaped;
}

/* Nesting level: 0 at the top, 1 inside the outer object or array... */
static inline guint
dd_json_reader_get_depth (const DdJsonReader *reader)
{
  return reader->depth;
}

/* TRUE when text is exactly one valid JSON value (whitespace around). */
gboolean     dd_json_validate      (const char    *text,
                                    gssize         len,
                                    GError       **error);

/* A flat token array in the manner of jsmn with parent links: an object's
 * size counts its members, a key is a DD_JSON_TOKEN_KEY of size 1 whose
 * one child is the value, an array's size counts its elements. Strings
 * and keys span their text without the quotes. */
typedef enum
{
  DD_JSON_TOKEN_OBJECT,
  DD_JSON_TOKEN_ARRAY,
  DD_JSON_TOKEN_KEY,
  DD_JSON_TOKEN_STRING,
  DD_JSON_TOKEN_NUMBER,
  DD_JSON_TOKEN_TRUE,
  DD_JSON_TOKEN_FALSE,
  DD_JSON_TOKEN_NULL,
} DdJsonTokenType;

typedef struct
{
  DdJsonTokenType type;
  guint           escaped : 1;  /* a string or key with '\' escapes */
  guint           size : 31;
  gsize           start;
  gsize           end;          /* one past the last byte; for a container, past its closing bracket */
  gint            parent;       /* index of the parent token, -1 at the top */
} DdJsonToken;

/* Tokenizes strictly; returns a GArray of DdJsonToken, or NULL with error. */
GArray      *dd_json_tokenize      (const char    *text,
                                    gssize         len,
                                    GError       **error);

/* 1-based line and column of a byte offset (clamped to len). Lines end at
 * "\n", "\r\n" or "\r"; the column counts UTF-8 characters. */
void         dd_json_offset_to_line_column (const char *text,
                                            gsize       len,
                                            gsize       offset,
                                            guint      *line,
                                            guint      *column);

/* Sets error (code in DD_ERROR) to "line L, column C: <message>" for the
 * byte offset in text. */
void         dd_json_set_error_at  (GError       **error,
                                    int            code,
                                    const char    *text,
                                    gsize          len,
                                    gsize          offset,
                                    const char    *format,
                                    ...) G_GNUC_PRINTF (6, 7);

/* Reads the line and column back from an error made by
 * dd_json_set_error_at(); FALSE when the message has none. */
gboolean     dd_json_error_get_location (const GError *error,
                                         guint        *line,
                                         guint        *column);

/* Appends utf8 as a JSON string literal (quotes included): '"', '\' and
 * control characters escaped, everything else as it is. len -1: to NUL. */
void         dd_json_append_string (GString       *out,
                                    const char    *utf8,
                                    gssize         len);

/* Appends the text of a string token that the reader accepted (the span
 * with its quotes), escapes decoded, to out as UTF-8. */
void         dd_json_string_decode (GString       *out,
                                    const char    *token,
                                    gsize          len);

/* TRUE when the string token (span with quotes, escaped as the reader
 * says) holds exactly the text of literal. */
gboolean     dd_json_string_equal  (const char    *token,
                                    gsize          len,
                                    gboolean       escaped,
                                    const char    *literal);

G_END_DECLS
