/* dd-page-peek.c: the continuation of a result page, found before the
 * page is parsed.
 *
 * One forward pass over the root object's members. A member's value is
 * skipped by counting brackets; strings are skipped to their closing quote
 * (a backslash escapes the byte after it), so a "LastEvaluatedKey" inside
 * an item, a string or a nested map is never taken for the root's member.
 * A container (the Items) is skipped 64 bytes at a time: masks of its
 * quotes, brackets and backslashes, the bytes inside strings found by the
 * running parity of the quotes.
 */
#define G_LOG_DOMAIN "dd-page"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dd-page-peek.h"

#define FAIL ((gsize) -1)

static const char * const continuation_names[] = {
  "LastEvaluatedKey", "LastEvaluatedTableName", "NextToken",
};

static gsize
skip_ws (const char *text,
         gsize       len,
         gsize       i)
{
  while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
    i++;
  return i;
}

/* text[i] is an opening quote: the index after the closing one. A
 * backslash escapes the byte after it, so \\" ends the string and \" does
 * not. Strings here are short: a plain loop beats memchr. */
static gsize
skip_string (const char *text,
             gsize       len,
             gsize       i)
{
  for (i++; i < len; i++)
    {
      if (text[i] == '"')
        return i + 1;
      if (text[i] == '\\')
        i++;
    }
  return FAIL;
}

/* Skipping a container: its depth, and whether in a string and after a
 * backslash there. */
typedef struct
{
  gsize    depth;
  gboolean in_string;
  gboolean escaped;
} Scan;

/* One byte; TRUE when it closes the container. */
static inline gboolean
scan_byte (Scan *s,
           char  c)
{
  if (s->in_string)
    {
      if (s->escaped)
        s->escaped = FALSE;
      else if (c == '\\')
        s->escaped = TRUE;
      else if (c == '"')
        s->in_string = FALSE;
      return FALSE;
    }
  if (c == '"')
    s->in_string = TRUE;
  else if (c == '{' || c == '[')
    s->depth++;
  else if ((c == '}' || c == ']') && --s->depth == 0)
    return TRUE;
  return FALSE;
}

/* Bit k of each mask for byte k of the 64 at p: quotes, backslashes,
 * openers and closers. */
static inline void
classify64 (const char *p,
            guint64    *quote,
            guint64    *backslash,
            guint64    *open,
            guint64    *close)
{
  *quote = *backslash = *open = *close = 0;
#ifdef __SSE2__
  for (int k = 0; k < 4; k++)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) (p + 16 * k));
      /* '[' | 0x20 is '{' and ']' | 0x20 is '}' */
      __m128i lower = _mm_or_si128 (v, _mm_set1_epi8 (0x20));

      *quote |= (guint64) (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"'))) << (16 * k);
      *backslash |= (guint64) (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\'))) << (16 * k);
      *open |= (guint64) (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (lower, _mm_set1_epi8 ('{'))) << (16 * k);
      *close |= (guint64) (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (lower, _mm_set1_epi8 ('}'))) << (16 * k);
    }
#else
  for (int k = 0; k < 64; k++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << k;

      *quote |= p[k] == '"' ? bit : 0;
      *backslash |= p[k] == '\\' ? bit : 0;
      *open |= (p[k] == '{' || p[k] == '[') ? bit : 0;
      *close |= (p[k] == '}' || p[k] == ']') ? bit : 0;
    }
#endif
}

/* Bit k: the parity of the bits 0 to k of x. */
static inline guint64
prefix_xor (guint64 x)
{
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

/* 64 bytes at once, when they hold no backslash: returns 64, or the
 * index of the byte that closes the container; -1 when the block is left
 * to scan_byte. */
static inline int
scan_block (Scan       *s,
            const char *p)
{
  guint64 quote, backslash, open, close, inside, brackets;

  classify64 (p, &quote, &backslash, &open, &close);
  if (backslash != 0)
    return -1;
  inside = prefix_xor (quote) ^ (s->in_string ? ~G_GUINT64_CONSTANT (0) : 0);
  s->in_string = (inside >> 63) != 0;
  open &= ~inside;
  close &= ~inside;
  if (s->depth > (guint) __builtin_popcountll (close))
    {
      s->depth = s->depth + (guint) __builtin_popcountll (open) - (guint) __builtin_popcountll (close);
      return 64;
    }
  /* It may close here: the brackets in order. */
  for (brackets = open | close; brackets != 0; brackets &= brackets - 1)
    {
      int k = __builtin_ctzll (brackets);

      if (((close >> k) & 1) == 0)
        s->depth++;
      else if (--s->depth == 0)
        return k;
    }
  return 64;
}

/* text[i] opens an object or an array: the index after its closer.
 * Blocks of 64 bytes go by their masks; the bytes of a block that holds
 * a backslash (or follows one that ended on it) one at a time. */
static gsize
skip_container (const char *text,
                gsize       len,
                gsize       i)
{
  Scan s = { 0, FALSE, FALSE };

  while (i < len)
    {
      gsize stop = MIN (i + 64, len);
      int k;

      if (i + 64 <= len && !s.escaped && (k = scan_block (&s, text + i)) >= 0)
        {
          if (k < 64)
            return i + (gsize) k + 1;
          i += 64;
          continue;
        }
      for (; i < stop; i++)
        if (scan_byte (&s, text[i]))
          return i + 1;
    }
  return FAIL;
}

/* A value starting at text[i] (not white space): the index after it. */
static gsize
skip_value (const char *text,
            gsize       len,
            gsize       i)
{
  if (i >= len)
    return FAIL;
  if (text[i] == '"')
    return skip_string (text, len, i);
  if (text[i] == '{' || text[i] == '[')
    return skip_container (text, len, i);
  while (i < len && strchr (",}] \t\r\n", text[i]) == NULL)
    i++;
  return i;
}

static const char *
continuation_name (const char *key,
                   gsize       n)
{
  for (guint c = 0; c < G_N_ELEMENTS (continuation_names); c++)
    if (strlen (continuation_names[c]) == n && memcmp (key, continuation_names[c], n) == 0)
      return continuation_names[c];
  return NULL;
}

static gint64
read_count (const char *text,
            gsize       start,
            gsize       end)
{
  char buf[24];
  guint64 v;

  if (end - start >= sizeof buf)
    return -1;
  memcpy (buf, text + start, end - start);
  buf[end - start] = '\0';
  if (!g_ascii_string_to_unsigned (buf, 10, 0, G_MAXINT64, &v, NULL))
    return -1;
  return (gint64) v;
}

/* One member at text[*i]; sets *i after its value. FALSE when malformed. */
static gboolean
read_member (const char *text,
             gsize       len,
             gsize      *i,
             DdPagePeek *peek)
{
  gsize key = *i, key_end, value;
  const char *found;

  if (key >= len || text[key] != '"' || (key_end = skip_string (text, len, key)) == FAIL)
    return FALSE;
  value = skip_ws (text, len, key_end);
  if (value >= len || text[value] != ':')
    return FALSE;
  value = skip_ws (text, len, value + 1);
  if ((*i = skip_value (text, len, value)) == FAIL || *i == value)
    return FALSE;
  found = continuation_name (text + key + 1, key_end - key - 2);
  if (found != NULL && text[value] != 'n')
    {
      peek->name = found;
      peek->offset = value;
      peek->len = *i - value;
    }
  else if (key_end - key - 2 == 5 && memcmp (text + key + 1, "Count", 5) == 0)
    peek->count = read_count (text, value, *i);
  return TRUE;
}

static void
peek_clear (DdPagePeek *peek)
{
  peek->name = NULL;
  peek->offset = peek->len = 0;
  peek->count = -1;
}

gboolean
dd_page_peek (const char *text,
              gsize       len,
              DdPagePeek *peek)
{
  gsize i = skip_ws (text, len, 0);

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (peek != NULL, FALSE);

  peek_clear (peek);
  if (i >= len || text[i] != '{')
    return FALSE;
  i = skip_ws (text, len, i + 1);
  if (i < len && text[i] == '}')
    return TRUE;
  for (;;)
    {
      if (!read_member (text, len, &i, peek))
        break;
      i = skip_ws (text, len, i);
      if (i < len && text[i] == '}')
        return TRUE;
      if (i >= len || text[i] != ',')
        break;
      i = skip_ws (text, len, i + 1);
    }
  peek_clear (peek);
  return FALSE;
}
