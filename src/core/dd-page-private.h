/* dd-page-private.h: jsmn set up the way the result-page code uses it.
 *
 * jsmn (Debian's libjsmn-dev) is header-only; each file that includes this
 * header gets its own static copy. JSMN_PARENT_LINKS keeps closing brackets
 * linear on large arrays; JSMN_STRICT refuses bare words. jsmn checks
 * brackets and escapes but not separators or literals: dd_page_parse ()
 * adds those checks for whole pages.
 */
#pragma once

#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#include <jsmn.h>

#include <string.h>

#include <glib.h>

/* Tokenizes text, growing the token array as needed. Returns the tokens
 * (g_free) with *n_tokens set, or NULL with *jsmn_error (JSMN_ERROR_INVAL or
 * JSMN_ERROR_PART) and *error_pos, the byte where jsmn stopped. */
static inline jsmntok_t *
dd_jsmn_tokenize (const char *text,
                  gsize       len,
                  int        *n_tokens,
                  int        *jsmn_error,
                  gsize      *error_pos)
{
  jsmn_parser parser;
  gsize capacity = len / 6 + 64;
  jsmntok_t *tokens = g_new (jsmntok_t, capacity);

  jsmn_init (&parser);
  for (;;)
    {
      int r = jsmn_parse (&parser, text, len, tokens, (unsigned int) capacity);

      if (r >= 0)
        {
          *n_tokens = r;
          return tokens;
        }
      if (r != JSMN_ERROR_NOMEM)
        {
          *jsmn_error = r;
          *error_pos = parser.pos;
          g_free (tokens);
          return NULL;
        }
      /* jsmn resumes where it stopped once it has room. */
      capacity *= 2;
      tokens = g_renew (jsmntok_t, tokens, capacity);
    }
}

/* Index of the first token after token i and everything inside it. */
static inline int
dd_jsmn_skip (const jsmntok_t *tokens,
              int              n_tokens,
              int              i)
{
  int end = tokens[i].end;
  int j = i + 1;

  while (j < n_tokens && tokens[j].start < end)
    j++;
  return j;
}

/* TRUE when token t (a string) is exactly s, compared byte for byte. */
static inline gboolean
dd_jsmn_equal (const char      *text,
               const jsmntok_t *t,
               const char      *s)
{
  gsize n = strlen (s);

  return t->type == JSMN_STRING
         && (gsize) (t->end - t->start) == n
         && memcmp (text + t->start, s, n) == 0;
}

/* The token's JSON text: strings with their quotes. */
static inline const char *
dd_jsmn_raw (const char      *text,
             const jsmntok_t *t,
             gsize           *len)
{
  if (t->type == JSMN_STRING)
    {
      *len = (gsize) (t->end - t->start) + 2;
      return text + t->start - 1;
    }
  *len = (gsize) (t->end - t->start);
  return text + t->start;
}
