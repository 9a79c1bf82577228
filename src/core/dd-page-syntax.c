/* dd-page-syntax.c: the syntax pass over a result page.
 *
 * jsmn matches brackets and escapes; the separators between tokens, the
 * literals and the control characters in strings are checked here in one
 * linear pass over the tokens. Errors are DD_ERROR_PROTOCOL with
 * "line L, column C: ...".
 */
#define G_LOG_DOMAIN "dd-page"

#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-page-syntax.h"

typedef struct
{
  const char      *text;
  gsize            len;
  const jsmntok_t *tokens;
  int              n_tokens;
  gboolean         has_control;  /* a byte < 0x20 somewhere in text */
} Syntax;

static void
set_error_at (GError    **error,
              const char *text,
              gsize       pos,
              const char *what)
{
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < pos; i++)
    if (text[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }
  g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
               "line %u, column %" G_GSIZE_FORMAT ": %s",
               line, pos - line_start + 1, what);
}

gboolean
dd_page_syntax_fail_at_token (const char      *text,
                              const jsmntok_t *t,
                              const char      *what,
                              GError         **error)
{
  gsize pos = (gsize) (t->type == JSMN_STRING ? t->start - 1 : t->start);

  set_error_at (error, text, pos, what);
  return FALSE;
}

static gboolean
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
number_is_valid (const char *s,
                 const char *end)
{
  if (s < end && *s == '-')
    s++;
  if (s >= end || !g_ascii_isdigit (*s))
    return FALSE;
  if (*s == '0')
    s++;
  else
    while (s < end && g_ascii_isdigit (*s))
      s++;
  if (s < end && *s == '.')
    {
      if (++s >= end || !g_ascii_isdigit (*s))
        return FALSE;
      while (s < end && g_ascii_isdigit (*s))
        s++;
    }
  if (s < end && (*s == 'e' || *s == 'E'))
    {
      s++;
      if (s < end && (*s == '+' || *s == '-'))
        s++;
      if (s >= end || !g_ascii_isdigit (*s))
        return FALSE;
      while (s < end && g_ascii_isdigit (*s))
        s++;
    }
  return s == end;
}

static gboolean
literal_is_valid (const char      *text,
                  const jsmntok_t *t)
{
  const char *s = text + t->start;
  gsize n = (gsize) (t->end - t->start);

  if (*s == 't')
    return n == 4 && memcmp (s, "true", 4) == 0;
  if (*s == 'f')
    return n == 5 && memcmp (s, "false", 5) == 0;
  if (*s == 'n')
    return n == 4 && memcmp (s, "null", 4) == 0;
  return number_is_valid (s, s + n);
}

static gboolean
string_has_control (const char      *text,
                    const jsmntok_t *t)
{
  for (int i = t->start; i < t->end; i++)
    if ((guchar) text[i] < 0x20)
      return TRUE;
  return FALSE;
}

static guint
hex4_at (const char *s)
{
  guint v = 0;

  for (int i = 0; i < 4; i++)
    v = v * 16 + (guint) g_ascii_xdigit_value (s[i]);
  return v;
}

/* The offset of the first \uXXXX escape in the string that is half of a
 * surrogate pair without its other half, or 0 (jsmn has checked that each
 * \u has four hex digits). dd-json refuses the same strings. */
static gsize
string_lone_surrogate (const char      *text,
                       const jsmntok_t *t,
                       guint           *cp)
{
  for (int i = t->start; i < t->end - 1; i++)
    {
      if (text[i] != '\\')
        continue;
      if (text[i + 1] == 'u' && i + 6 <= t->end)
        {
          guint hi = hex4_at (text + i + 2);
          gboolean paired = hi >= 0xD800 && hi <= 0xDBFF && i + 12 <= t->end
                            && text[i + 6] == '\\' && text[i + 7] == 'u'
                            && hex4_at (text + i + 8) >= 0xDC00 && hex4_at (text + i + 8) <= 0xDFFF;

          *cp = hi;
          if (hi >= 0xD800 && hi <= 0xDFFF && !paired)
            return (gsize) i;
          i += paired ? 11 : 5;
          continue;
        }
      i++;
    }
  return 0;
}

typedef enum
{
  GAP_NOTHING,  /* first child of a container */
  GAP_COLON,    /* a member's value after its name */
  GAP_COMMA,    /* a later sibling: closers, then one comma */
  GAP_END,      /* after the last token: closers only */
} GapKind;

static gboolean
gap_is_valid_slow (const char *s,
                   const char *end,
                   GapKind     kind)
{
  gboolean seen_sep = FALSE;

  for (; s < end; s++)
    {
      if (is_ws (*s))
        continue;
      if ((*s == '}' || *s == ']') && !seen_sep
          && (kind == GAP_COMMA || kind == GAP_END))
        continue;
      if (!seen_sep && ((*s == ',' && kind == GAP_COMMA) || (*s == ':' && kind == GAP_COLON)))
        {
          seen_sep = TRUE;
          continue;
        }
      return FALSE;
    }
  return seen_sep || kind == GAP_NOTHING || kind == GAP_END;
}

/* Most gaps are empty or the one separator: those without a call. */
static inline gboolean
gap_is_valid (const char *s,
              const char *end,
              GapKind     kind)
{
  if (s == end)
    return kind == GAP_NOTHING || kind == GAP_END;
  if (s + 1 == end)
    {
      if (*s == ':')
        return kind == GAP_COLON;
      if (*s == ',')
        return kind == GAP_COMMA;
    }
  return gap_is_valid_slow (s, end, kind);
}

static gsize
token_own_end (const jsmntok_t *t)
{
  if (t->type == JSMN_STRING)
    return (gsize) t->end + 1;
  if (t->type == JSMN_PRIMITIVE)
    return (gsize) t->end;
  return (gsize) t->start + 1;
}

static const char *
check_token (Syntax     *st,
             int         i)
{
  const jsmntok_t *t = &st->tokens[i];
  const jsmntok_t *p = t->parent >= 0 ? &st->tokens[t->parent] : NULL;
  gsize gap_start = i > 0 ? token_own_end (&st->tokens[i - 1]) : 0;
  gsize gap_end = (gsize) (t->type == JSMN_STRING ? t->start - 1 : t->start);
  GapKind kind = GAP_COMMA;

  if (p == NULL && i != 0)
    return "unexpected text after the page";
  if (p != NULL && t->parent == i - 1)
    kind = p->type == JSMN_STRING ? GAP_COLON : GAP_NOTHING;
  else if (p == NULL)
    kind = GAP_NOTHING;
  if (!gap_is_valid (st->text + gap_start, st->text + gap_end, kind))
    return kind == GAP_COLON ? "expected ':'" : "expected ',' or a closing bracket";
  if (p != NULL && p->type == JSMN_OBJECT && (t->type != JSMN_STRING || t->size != 1))
    return "expected a member name and its value";
  if (p != NULL && p->type == JSMN_STRING && (p->parent < 0 || st->tokens[p->parent].type != JSMN_OBJECT))
    return "unexpected ':'";
  if (t->type == JSMN_PRIMITIVE && !literal_is_valid (st->text, t))
    return "invalid literal";
  if (t->type == JSMN_STRING && st->has_control && string_has_control (st->text, t))
    return "control character in a string";
  return NULL;
}

static gboolean
check_syntax (Syntax     *st,
              GError    **error)
{
  const jsmntok_t *last;

  for (int i = 0; i < st->n_tokens; i++)
    {
      const char *what = check_token (st, i);
      gsize bad;
      guint cp = 0;

      if (what != NULL)
        return dd_page_syntax_fail_at_token (st->text, &st->tokens[i], what, error);
      if (st->tokens[i].type == JSMN_STRING
          && (bad = string_lone_surrogate (st->text, &st->tokens[i], &cp)) > 0)
        {
          g_autofree char *message = g_strdup_printf ("unpaired surrogate \\u%04X", cp);

          set_error_at (error, st->text, bad, message);
          return FALSE;
        }
    }
  last = &st->tokens[st->n_tokens - 1];
  if (!gap_is_valid (st->text + token_own_end (last), st->text + st->len, GAP_END))
    {
      set_error_at (error, st->text, token_own_end (last), "unexpected text after the page");
      return FALSE;
    }
  return TRUE;
}

/* 8 bytes of ASCII without a control character (nor a NUL). */
static inline gboolean
word_is_plain_ascii (const char *s)
{
  guint64 w;

  memcpy (&w, s, sizeof w);
  return ((w | ((w - G_GUINT64_CONSTANT (0x2020202020202020)) & ~w))
          & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static gboolean
has_control_byte (const char *s,
                  gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if ((guchar) s[i] < 0x20)
      return TRUE;
  return FALSE;
}

/* g_utf8_validate_len, with runs of plain ASCII skipped 8 bytes at a time:
 * the rest goes to g_utf8_validate_len in stretches that begin after ASCII
 * and end before ASCII, so each begins and ends on a character boundary.
 * Notes whether text has a control character anywhere: when not, no
 * string needs that check. */
static gboolean
utf8_is_valid (Syntax      *st,
               const char **bad)
{
  const char *text = st->text;
  gsize len = st->len;
  gsize i = 0;

  while (i < len)
    {
      gsize j;

      while (i + 8 <= len && word_is_plain_ascii (text + i))
        i += 8;
      j = MIN (i + 8, len);
      while (j + 8 <= len && !word_is_plain_ascii (text + j))
        j += 8;
      if (j + 8 > len)
        j = len;
      if (!g_utf8_validate_len (text + i, j - i, bad))
        return FALSE;
      st->has_control = st->has_control || has_control_byte (text + i, j - i);
      i = j;
    }
  return TRUE;
}

static gboolean
tokenize (Syntax     *st,
          jsmntok_t **tokens,
          GError    **error)
{
  const char *bad = NULL;
  int jsmn_error = 0;
  gsize pos = 0;

  if (st->len == 0)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_PROTOCOL, "empty page");
      return FALSE;
    }
  if (st->len >= G_MAXINT32)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_PROTOCOL, "page too large");
      return FALSE;
    }
  if (!utf8_is_valid (st, &bad))
    {
      set_error_at (error, st->text, (gsize) (bad - st->text), "not valid UTF-8");
      return FALSE;
    }
  *tokens = dd_jsmn_tokenize (st->text, st->len, &st->n_tokens, &jsmn_error, &pos);
  if (*tokens == NULL || st->n_tokens == 0)
    {
      set_error_at (error, st->text, *tokens == NULL ? pos : st->len,
                    *tokens == NULL && jsmn_error == JSMN_ERROR_INVAL ? "invalid JSON"
                                                                      : "unexpected end of the page");
      return FALSE;
    }
  st->tokens = *tokens;
  return TRUE;
}

jsmntok_t *
dd_page_syntax_read (const char  *text,
                     gsize        len,
                     int         *n_tokens,
                     GError     **error)
{
  g_autofree jsmntok_t *tokens = NULL;
  Syntax st = { text, len, NULL, 0, FALSE };

  if (!tokenize (&st, &tokens, error) || !check_syntax (&st, error))
    return NULL;
  *n_tokens = st.n_tokens;
  return g_steal_pointer (&tokens);
}
