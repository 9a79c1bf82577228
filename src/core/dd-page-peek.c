/* dd-page-peek.c: the continuation of a result page, found before the
 * page is parsed.
 *
 * One forward pass over the root object's members. A member's value is
 * skipped by counting brackets; strings are skipped to their closing quote
 * (a backslash escapes the byte after it), so a "LastEvaluatedKey" inside
 * an item, a string or a nested map is never taken for the root's member.
 */
#define G_LOG_DOMAIN "dd-page"

#include "config.h"

#include <string.h>

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

/* text[i] opens an object or an array: the index after its closer. */
static gsize
skip_container (const char *text,
                gsize       len,
                gsize       i)
{
  gsize depth = 0;

  for (; i < len; i++)
    {
      char c = text[i];

      if (c == '"')
        {
          if ((i = skip_string (text, len, i)) == FAIL)
            return FAIL;
          i--;
        }
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
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
