/* dd-page-peek.c: the continuation of a result page, found before the
 * page is parsed.
 *
 * One forward pass over the root object's members. A member's value is
 * skipped by counting brackets; strings are skipped with memchr for the
 * closing quote (a quote after an odd run of backslashes is escaped), so a
 * "LastEvaluatedKey" inside an item, a string or a nested map is never
 * taken for the root's member.
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

/* text[i] is an opening quote: the index after the closing one. */
static gsize
skip_string (const char *text,
             gsize       len,
             gsize       i)
{
  for (i++; i < len; i++)
    {
      const char *quote = memchr (text + i, '"', len - i);
      gsize q, backslashes = 0;

      if (quote == NULL)
        return FAIL;
      q = (gsize) (quote - text);
      while (q - backslashes > i && text[q - backslashes - 1] == '\\')
        backslashes++;
      i = q;
      if (backslashes % 2 == 0)
        return q + 1;
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

  while (i < len)
    {
      switch (text[i])
        {
        case '"':
          if ((i = skip_string (text, len, i)) == FAIL)
            return FAIL;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return i + 1;
          break;
        default:
          break;
        }
      i++;
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

/* One member at text[*i]; sets *i after its value. FALSE when malformed. */
static gboolean
read_member (const char  *text,
             gsize        len,
             gsize       *i,
             const char **name,
             gsize       *offset,
             gsize       *value_len)
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
      *name = found;
      *offset = value;
      *value_len = *i - value;
    }
  return TRUE;
}

gboolean
dd_page_peek_continuation (const char  *text,
                           gsize        len,
                           const char **name,
                           gsize       *offset,
                           gsize       *value_len)
{
  gsize i = skip_ws (text, len, 0);

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (name != NULL && offset != NULL && value_len != NULL, FALSE);

  *name = NULL;
  *offset = *value_len = 0;
  if (i >= len || text[i] != '{')
    return FALSE;
  i = skip_ws (text, len, i + 1);
  if (i < len && text[i] == '}')
    return TRUE;
  for (;;)
    {
      if (!read_member (text, len, &i, name, offset, value_len))
        break;
      i = skip_ws (text, len, i);
      if (i < len && text[i] == '}')
        return TRUE;
      if (i >= len || text[i] != ',')
        break;
      i = skip_ws (text, len, i + 1);
    }
  *name = NULL;
  *offset = *value_len = 0;
  return FALSE;
}
