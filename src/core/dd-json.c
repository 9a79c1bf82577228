/* dd-json.c: a strict JSON reader and small JSON helpers.
 *
 * Written by hand because nothing in Debian does this well: json-glib
 * turns number literals into gint64/double (digits are lost) and builds a
 * GObject tree per value (7 MB/s on result pages); jsmn, even with
 * JSMN_STRICT, accepts missing commas, trailing commas, "[1,,2]",
 * "{"a"::1}", bad literals ("tru", "nulll"), leading zeros, "-", "1.",
 * control characters and lone surrogates in strings, and reports no
 * position. This reader accepts exactly RFC 8259, says where it stopped,
 * allocates nothing and keeps its nesting on a fixed stack.
 */
#define G_LOG_DOMAIN "dd-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "dd-error.h"
#include "dd-json.h"

enum
{
  ST_VALUE,
  ST_FIRST_IN_ARRAY,
  ST_FIRST_IN_OBJECT,
  ST_AFTER,
  ST_DONE,
  ST_FAILED,
};

/* Bytes a string may hold as they are: 0 here. */
static const guint8 string_special[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_WS(c) ((c) == ' ' || (c) == '\n' || (c) == '\r' || (c) == '\t')

void
dd_json_offset_to_line_column (const char *text,
                               gsize       len,
                               gsize       offset,
                               guint      *line,
                               guint      *column)
{
  guint l = 1, c = 1;

  offset = MIN (offset, len);
  for (gsize i = 0; i < offset; i++)
    {
      guchar b = (guchar) text[i];

      if (b == '\n' || (b == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
        {
          l++;
          c = 1;
        }
      else if (b != '\r' && (b & 0xC0) != 0x80)
        c++;
    }
  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = c;
}

void
dd_json_set_error_at (GError     **error,
                      int          code,
                      const char  *text,
                      gsize        len,
                      gsize        offset,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  dd_json_offset_to_line_column (text, len, offset, &line, &column);
  g_set_error (error, DD_ERROR, code, "line %u, column %u: %s",
               line, column, message);
}

gboolean
dd_json_error_get_location (const GError *error,
                            guint        *line,
                            guint        *column)
{
  guint l, c;

  if (error == NULL || error->message == NULL ||
      sscanf (error->message, "line %u, column %u:", &l, &c) != 2)
    return FALSE;
  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = c;
  return TRUE;
}

/* "the end of the text", "“x”", "character U+0001", "byte 0xFF". */
static char *
describe_at (const char *text,
             gsize       len,
             gsize       i)
{
  guchar c;
  gunichar u;

  if (i >= len)
    return g_strdup (_("the end of the text"));
  c = (guchar) text[i];
  if (c > 0x20 && c < 0x7F)
    return g_strdup_printf ("“%c”", c);
  if (c < 0x80)
    return g_strdup_printf (_("character U+%04X"), c);
  u = g_utf8_get_char_validated (text + i, (gssize) (len - i));
  if (u == (gunichar) -1 || u == (gunichar) -2)
    return g_strdup_printf (_("byte 0x%02X"), c);
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (text + i) - (text + i)),
                          text + i);
}

static DdJsonEvent G_GNUC_PRINTF (4, 5)
reader_fail (DdJsonReader  *r,
             GError       **error,
             gsize          offset,
             const char    *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  r->state = ST_FAILED;
  r->pos = offset;
  dd_json_set_error_at (error, DD_ERROR_INVALID_JSON, r->text, r->len, offset,
                        "%s", message);
  return DD_JSON_ERROR;
}

static DdJsonEvent
fail_found (DdJsonReader  *r,
            GError       **error,
            gsize          offset,
            const char    *expected)
{
  g_autofree char *found = describe_at (r->text, r->len, offset);

  return reader_fail (r, error, offset, _("expected %s, found %s"), expected, found);
}

void
dd_json_reader_init (DdJsonReader *reader,
                     const char   *text,
                     gsize         len)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (text != NULL || len == 0);

  memset (reader, 0, sizeof *reader);
  reader->text = text;
  reader->len = len;
  reader->state = ST_VALUE;
}

static inline void
skip_ws (DdJsonReader *r)
{
  while (r->pos < r->len && IS_WS (r->text[r->pos]))
    r->pos++;
}

/* Length of the valid UTF-8 sequence at p (first byte >= 0x80), or 0. */
static inline gsize
utf8_sequence (const guchar *p,
               gsize         avail)
{
  guchar c = p[0], lo = 0x80, hi = 0xBF;
  gsize n;

  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      lo = c == 0xE0 ? 0xA0 : 0x80;
      hi = c == 0xED ? 0x9F : 0xBF;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      lo = c == 0xF0 ? 0x90 : 0x80;
      hi = c == 0xF4 ? 0x8F : 0xBF;
    }
  else
    return 0;
  if (avail < n || p[1] < lo || p[1] > hi)
    return 0;
  for (gsize k = 2; k < n; k++)
    if ((p[k] & 0xC0) != 0x80)
      return 0;
  return n;
}

static gint
hex4 (const char *p,
      gsize       avail)
{
  gint v = 0;

  if (avail < 4)
    return -1;
  for (guint k = 0; k < 4; k++)
    {
      gint d = g_ascii_xdigit_value (p[k]);

      if (d < 0)
        return -1;
      v = (v << 4) | d;
    }
  return v;
}

/* The escape at i (a '\'); returns the index after it, or 0 on error. */
static gsize
scan_escape (DdJsonReader  *r,
             gsize          i,
             GError       **error)
{
  const char *t = r->text;
  gint cp, lo;

  if (i + 1 >= r->len)
    return (reader_fail (r, error, r->len, _("unterminated string")), 0);
  switch (t[i + 1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return i + 2;
    case 'u':
      break;
    default:
      {
        g_autofree char *found = describe_at (t, r->len, i + 1);
        return (reader_fail (r, error, i, _("invalid escape “\\” followed by %s"), found), 0);
      }
    }
  cp = hex4 (t + i + 2, r->len - i - 2);
  if (cp < 0)
    return (reader_fail (r, error, i, _("invalid \\u escape: expected four hexadecimal digits")), 0);
  if (cp >= 0xDC00 && cp <= 0xDFFF)
    return (reader_fail (r, error, i, _("unpaired surrogate \\u%04X"), (guint) cp), 0);
  if (cp < 0xD800 || cp > 0xDBFF)
    return i + 6;
  lo = (i + 12 <= r->len && t[i + 6] == '\\' && t[i + 7] == 'u')
         ? hex4 (t + i + 8, r->len - i - 8) : -1;
  if (lo < 0xDC00 || lo > 0xDFFF)
    return (reader_fail (r, error, i, _("unpaired surrogate \\u%04X"), (guint) cp), 0);
  return i + 12;
}

/* A string starting at r->pos (its '"'); sets start, end, escaped. */
static gboolean
scan_string (DdJsonReader  *r,
             GError       **error)
{
  const guchar *t = (const guchar *) r->text;
  gsize i = r->pos + 1, len = r->len, n;

  r->start = r->pos;
  r->escaped = FALSE;
  for (;;)
    {
      while (i < len && string_special[t[i]] == 0)
        i++;
      if (i >= len)
        return (reader_fail (r, error, len, _("unterminated string")), FALSE);
      if (t[i] == '"')
        break;
      if (t[i] == '\\')
        {
          r->escaped = TRUE;
          if ((i = scan_escape (r, i, error)) == 0)
            return FALSE;
        }
      else if (t[i] < 0x20)
        return (reader_fail (r, error, i, _("control character U+%04X in a string (write it as an escape)"),
                             t[i]), FALSE);
      else if ((n = utf8_sequence (t + i, len - i)) == 0)
        return (reader_fail (r, error, i, _("invalid UTF-8 in a string")), FALSE);
      else
        i += n;
    }
  r->end = r->pos = i + 1;
  return TRUE;
}

static gboolean
word_follows (DdJsonReader *r)
{
  char c;

  if (r->pos >= r->len)
    return FALSE;
  c = r->text[r->pos];
  return g_ascii_isalnum (c) || c == '.' || c == '_' || c == '+' || c == '-';
}

static inline gsize
skip_digits (const char *t,
             gsize       i,
             gsize       len)
{
  while (i < len && IS_DIGIT (t[i]))
    i++;
  return i;
}

static DdJsonEvent
scan_number (DdJsonReader  *r,
             GError       **error)
{
  const char *t = r->text;
  gsize i = r->pos, len = r->len;

  r->start = i;
  if (t[i] == '-')
    i++;
  if (i >= len || !IS_DIGIT (t[i]))
    return fail_found (r, error, i, _("a digit"));
  if (t[i] == '0' && i + 1 < len && IS_DIGIT (t[i + 1]))
    return reader_fail (r, error, i, _("leading zeros are not allowed in a number"));
  i = skip_digits (t, i, len);
  if (i < len && t[i] == '.')
    {
      if (++i >= len || !IS_DIGIT (t[i]))
        return fail_found (r, error, i, _("a digit after the decimal point"));
      i = skip_digits (t, i, len);
    }
  if (i < len && (t[i] == 'e' || t[i] == 'E'))
    {
      if (++i < len && (t[i] == '+' || t[i] == '-'))
        i++;
      if (i >= len || !IS_DIGIT (t[i]))
        return fail_found (r, error, i, _("a digit in the exponent"));
      i = skip_digits (t, i, len);
    }
  r->end = r->pos = i;
  if (word_follows (r))
    return reader_fail (r, error, i, _("invalid number"));
  return DD_JSON_NUMBER;
}

static DdJsonEvent
scan_literal (DdJsonReader  *r,
              const char    *word,
              DdJsonEvent    event,
              GError       **error)
{
  gsize i = r->pos;

  r->start = i;
  for (const char *w = word; *w != '\0'; w++, i++)
    if (i >= r->len || r->text[i] != *w)
      return reader_fail (r, error, i, _("invalid literal (expected “%s”)"), word);
  r->end = r->pos = i;
  if (word_follows (r))
    return reader_fail (r, error, i, _("invalid literal (expected “%s”)"), word);
  return event;
}

static DdJsonEvent
open_container (DdJsonReader  *r,
                gboolean       object,
                GError       **error)
{
  if (r->depth >= DD_JSON_MAX_DEPTH)
    return reader_fail (r, error, r->pos, _("nesting deeper than %d levels"), DD_JSON_MAX_DEPTH);
  if (object)
    r->stack[r->depth >> 3] |= (guint8) (1u << (r->depth & 7));
  else
    r->stack[r->depth >> 3] &= (guint8) ~(1u << (r->depth & 7));
  r->depth++;
  r->start = r->pos++;
  r->end = r->pos;
  r->state = object ? ST_FIRST_IN_OBJECT : ST_FIRST_IN_ARRAY;
  return object ? DD_JSON_BEGIN_OBJECT : DD_JSON_BEGIN_ARRAY;
}

static DdJsonEvent
close_container (DdJsonReader *r,
                 gboolean      object)
{
  r->depth--;
  r->start = r->pos++;
  r->end = r->pos;
  r->state = ST_AFTER;
  return object ? DD_JSON_END_OBJECT : DD_JSON_END_ARRAY;
}

static inline gboolean
in_object (const DdJsonReader *r)
{
  guint d = r->depth - 1;

  return (r->stack[d >> 3] >> (d & 7)) & 1;
}

/* A value at r->pos (white space skipped). */
static DdJsonEvent
read_value (DdJsonReader  *r,
            GError       **error)
{
  if (r->pos >= r->len)
    return fail_found (r, error, r->pos, _("a value"));
  r->state = ST_AFTER;
  switch (r->text[r->pos])
    {
    case '"':
      return scan_string (r, error) ? DD_JSON_STRING : DD_JSON_ERROR;
    case '{':
      return open_container (r, TRUE, error);
    case '[':
      return open_container (r, FALSE, error);
    case 't':
      return scan_literal (r, "true", DD_JSON_TRUE, error);
    case 'f':
      return scan_literal (r, "false", DD_JSON_FALSE, error);
    case 'n':
      return scan_literal (r, "null", DD_JSON_NULL, error);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (r, error);
    default:
      return fail_found (r, error, r->pos, _("a value"));
    }
}

/* A member name and its ':' at r->pos (white space skipped). */
static DdJsonEvent
read_key (DdJsonReader  *r,
          GError       **error)
{
  if (r->pos >= r->len || r->text[r->pos] != '"')
    return fail_found (r, error, r->pos, _("a member name in double quotes"));
  if (!scan_string (r, error))
    return DD_JSON_ERROR;
  skip_ws (r);
  if (r->pos >= r->len || r->text[r->pos] != ':')
    return fail_found (r, error, r->pos, _("“:” after the member name"));
  r->pos++;
  r->state = ST_VALUE;
  return DD_JSON_KEY;
}

static DdJsonEvent
read_after_value (DdJsonReader  *r,
                  GError       **error)
{
  gboolean object;

  skip_ws (r);
  if (r->depth == 0)
    {
      if (r->pos < r->len)
        return fail_found (r, error, r->pos, _("the end of the text after the value"));
      r->state = ST_DONE;
      return DD_JSON_END;
    }
  object = in_object (r);
  if (r->pos < r->len && r->text[r->pos] == ',')
    {
      r->pos++;
      skip_ws (r);
      return object ? read_key (r, error) : read_value (r, error);
    }
  if (r->pos < r->len && r->text[r->pos] == (object ? '}' : ']'))
    return close_container (r, object);
  return fail_found (r, error, r->pos, object ? "“,” or “}”" : "“,” or “]”");
}

DdJsonEvent
dd_json_reader_next (DdJsonReader  *reader,
                     GError       **error)
{
  DdJsonReader *r = reader;

  r->escaped = FALSE;
  switch (r->state)
    {
    case ST_AFTER:
      return read_after_value (r, error);
    case ST_VALUE:
      skip_ws (r);
      return read_value (r, error);
    case ST_FIRST_IN_ARRAY:
      skip_ws (r);
      if (r->pos < r->len && r->text[r->pos] == ']')
        return close_container (r, FALSE);
      return read_value (r, error);
    case ST_FIRST_IN_OBJECT:
      skip_ws (r);
      if (r->pos < r->len && r->text[r->pos] == '}')
        return close_container (r, TRUE);
      return read_key (r, error);
    case ST_DONE:
      return DD_JSON_END;
    case ST_FAILED:
    default:
      return reader_fail (r, error, r->pos, _("the text could not be read"));
    }
}

gboolean
dd_json_reader_skip (DdJsonReader  *reader,
                     DdJsonEvent    event,
                     GError       **error)
{
  guint depth;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (event != DD_JSON_BEGIN_OBJECT && event != DD_JSON_BEGIN_ARRAY)
    return TRUE;
  depth = reader->depth;
  for (;;)
    {
      DdJsonEvent ev = dd_json_reader_next (reader, error);

      if (ev == DD_JSON_ERROR)
        return FALSE;
      if ((ev == DD_JSON_END_OBJECT || ev == DD_JSON_END_ARRAY) && reader->depth < depth)
        return TRUE;
    }
}

gboolean
dd_json_validate (const char  *text,
                  gssize       len,
                  GError     **error)
{
  DdJsonReader reader;
  DdJsonEvent ev;

  g_return_val_if_fail (text != NULL, FALSE);

  dd_json_reader_init (&reader, text, len < 0 ? strlen (text) : (gsize) len);
  do
    ev = dd_json_reader_next (&reader, error);
  while (ev != DD_JSON_END && ev != DD_JSON_ERROR);
  return ev == DD_JSON_END;
}

static const DdJsonTokenType token_types[] = {
  [DD_JSON_BEGIN_OBJECT] = DD_JSON_TOKEN_OBJECT,
  [DD_JSON_BEGIN_ARRAY] = DD_JSON_TOKEN_ARRAY,
  [DD_JSON_KEY] = DD_JSON_TOKEN_KEY,
  [DD_JSON_STRING] = DD_JSON_TOKEN_STRING,
  [DD_JSON_NUMBER] = DD_JSON_TOKEN_NUMBER,
  [DD_JSON_TRUE] = DD_JSON_TOKEN_TRUE,
  [DD_JSON_FALSE] = DD_JSON_TOKEN_FALSE,
  [DD_JSON_NULL] = DD_JSON_TOKEN_NULL,
};

static gint
add_token (GArray             *tokens,
           const DdJsonReader *r,
           DdJsonEvent         ev,
           gint                parent)
{
  DdJsonToken tok = { 0, };
  gboolean quoted = ev == DD_JSON_KEY || ev == DD_JSON_STRING;

  tok.type = token_types[ev];
  tok.escaped = quoted && r->escaped;
  tok.size = ev == DD_JSON_KEY ? 1 : 0;
  tok.start = r->start + (quoted ? 1 : 0);
  tok.end = r->end - (quoted ? 1 : 0);
  tok.parent = parent;
  if (parent >= 0 && g_array_index (tokens, DdJsonToken, parent).type != DD_JSON_TOKEN_KEY)
    g_array_index (tokens, DdJsonToken, parent).size++;
  g_array_append_val (tokens, tok);
  return (gint) tokens->len - 1;
}

/* After a complete value: leave the key it belonged to. */
static gint
value_done (GArray *tokens,
            gint    parent)
{
  if (parent >= 0 && g_array_index (tokens, DdJsonToken, parent).type == DD_JSON_TOKEN_KEY)
    return g_array_index (tokens, DdJsonToken, parent).parent;
  return parent;
}

GArray *
dd_json_tokenize (const char  *text,
                  gssize       len,
                  GError     **error)
{
  g_autoptr(GArray) tokens = NULL;
  DdJsonReader r;
  gint parent = -1;

  g_return_val_if_fail (text != NULL, NULL);

  dd_json_reader_init (&r, text, len < 0 ? strlen (text) : (gsize) len);
  tokens = g_array_sized_new (FALSE, FALSE, sizeof (DdJsonToken), r.len / 8 + 8);
  for (;;)
    {
      DdJsonEvent ev = dd_json_reader_next (&r, error);

      switch (ev)
        {
        case DD_JSON_ERROR:
          return NULL;
        case DD_JSON_END:
          return g_steal_pointer (&tokens);
        case DD_JSON_BEGIN_OBJECT:
        case DD_JSON_BEGIN_ARRAY:
        case DD_JSON_KEY:
          parent = add_token (tokens, &r, ev, parent);
          break;
        case DD_JSON_END_OBJECT:
        case DD_JSON_END_ARRAY:
          g_array_index (tokens, DdJsonToken, parent).end = r.end;
          parent = value_done (tokens, g_array_index (tokens, DdJsonToken, parent).parent);
          break;
        case DD_JSON_STRING:
        case DD_JSON_NUMBER:
        case DD_JSON_TRUE:
        case DD_JSON_FALSE:
        case DD_JSON_NULL:
        default:
          add_token (tokens, &r, ev, parent);
          parent = value_done (tokens, parent);
          break;
        }
    }
}

/* The escape of a byte JSON strings cannot hold as it is. */
static void
append_escape (GString *out,
               guchar   c)
{
  static const char hex[] = "0123456789abcdef";
  char esc;

  switch (c)
    {
    case '"': esc = '"'; break;
    case '\\': esc = '\\'; break;
    case '\b': esc = 'b'; break;
    case '\f': esc = 'f'; break;
    case '\n': esc = 'n'; break;
    case '\r': esc = 'r'; break;
    case '\t': esc = 't'; break;
    default: esc = 0; break;
    }
  if (esc != 0)
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, esc);
    }
  else
    {
      g_string_append (out, "\\u00");
      g_string_append_c (out, hex[c >> 4]);
      g_string_append_c (out, hex[c & 0xF]);
    }
}

void
dd_json_append_string (GString    *out,
                       const char *utf8,
                       gssize      len)
{
  const guchar *p, *end, *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (utf8 != NULL || len == 0);

  p = run = (const guchar *) utf8;
  end = p + (len < 0 ? strlen (utf8) : (gsize) len);
  g_string_append_c (out, '"');
  for (; p < end; p++)
    {
      if (*p >= 0x20 && *p != '"' && *p != '\\')
        continue;
      g_string_append_len (out, (const char *) run, p - run);
      run = p + 1;
      append_escape (out, *p);
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

/* One escape at p (after the '\'); returns the bytes it used. */
static gsize
decode_escape (GString    *out,
               const char *p)
{
  gint cp;

  switch (*p)
    {
    case 'b': g_string_append_c (out, '\b'); return 1;
    case 'f': g_string_append_c (out, '\f'); return 1;
    case 'n': g_string_append_c (out, '\n'); return 1;
    case 'r': g_string_append_c (out, '\r'); return 1;
    case 't': g_string_append_c (out, '\t'); return 1;
    case 'u':
      break;
    default:
      g_string_append_c (out, *p);
      return 1;
    }
  cp = hex4 (p + 1, 4);
  if (cp >= 0xD800 && cp <= 0xDBFF)
    {
      gint lo = hex4 (p + 7, 4);

      g_string_append_unichar (out, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
      return 11;
    }
  g_string_append_unichar (out, (gunichar) cp);
  return 5;
}

void
dd_json_string_decode (GString    *out,
                       const char *token,
                       gsize       len)
{
  const char *p, *end, *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (token != NULL && len >= 2);

  p = run = token + 1;
  end = token + len - 1;
  while (p < end)
    {
      if (*p != '\\')
        {
          p++;
          continue;
        }
      g_string_append_len (out, run, p - run);
      p += 1 + decode_escape (out, p + 1);
      run = p;
    }
  g_string_append_len (out, run, end - run);
}

gboolean
dd_json_string_equal (const char *token,
                      gsize       len,
                      gboolean    escaped,
                      const char *literal)
{
  g_autoptr(GString) decoded = NULL;
  gsize n = strlen (literal);

  if (!escaped)
    return len == n + 2 && memcmp (token + 1, literal, n) == 0;
  decoded = g_string_sized_new (len);
  dd_json_string_decode (decoded, token, len);
  return decoded->len == n && memcmp (decoded->str, literal, n) == 0;
}
