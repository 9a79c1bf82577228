/* dd-attr-check.c: the checks dd-attr.c makes on attribute values.
 *
 * A number is checked on its text, digit by digit, never through a
 * double: at most 38 significant digits, magnitude from 1E-130 to
 * 9.99E+125, as DynamoDB stores them.
 */
#define G_LOG_DOMAIN "dd-attr"

#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-attr-check.h"
#include "dd-json.h"

#define MAX_SIGNIFICANT_DIGITS 38
#define MAX_EXPONENT 125
#define MIN_EXPONENT (-130)

/* Numbers */

static inline gsize
skip_digits (const char *p,
             gsize       i,
             gsize       n)
{
  while (i < n && g_ascii_isdigit (p[i]))
    i++;
  return i;
}

static inline char
digit_at (const char *ip,
          gsize       int_len,
          const char *fp,
          gsize       k)
{
  return k < int_len ? ip[k] : fp[k - int_len];
}

/* Significant digits and magnitude of int_part.frac_part E exp. */
static const char *
number_range (const char *ip,
              gsize       int_len,
              const char *fp,
              gsize       frac_len,
              gint64      exp,
              gboolean    negative,
              char       *canon)
{
  gsize total = int_len + frac_len, first = 0, last = total;
  gint64 magnitude;

  while (first < total && digit_at (ip, int_len, fp, first) == '0')
    first++;
  if (first == total)
    {
      if (canon != NULL)
        strcpy (canon, "0");
      return NULL;
    }
  while (digit_at (ip, int_len, fp, last - 1) == '0')
    last--;
  if (last - first > MAX_SIGNIFICANT_DIGITS)
    return "more than 38 significant digits";
  magnitude = (gint64) int_len - 1 - (gint64) first + exp;
  if (magnitude > MAX_EXPONENT)
    return "magnitude above 9.9999999999999999999999999999999999999E+125";
  if (magnitude < MIN_EXPONENT)
    return "magnitude below 1E-130";
  if (canon != NULL)
    {
      char *c = canon;

      if (negative)
        *c++ = '-';
      for (gsize k = first; k < last; k++)
        *c++ = digit_at (ip, int_len, fp, k);
      g_snprintf (c, DD_ATTR_NUMBER_CANON_MAX - (c - canon), "E%" G_GINT64_FORMAT, magnitude);
    }
  return NULL;
}

const char *
dd_attr_check_number (const char *p,
                      gsize       n,
                      char       *canon)
{
  gsize i = 0, int_start, int_len, frac_start = 0, frac_len = 0;
  gboolean negative = FALSE, exp_negative = FALSE;
  gint64 exp = 0;

  if (i < n && p[i] == '-')
    {
      negative = TRUE;
      i++;
    }
  int_start = i;
  if (i >= n || !g_ascii_isdigit (p[i]) ||
      (p[i] == '0' && i + 1 < n && g_ascii_isdigit (p[i + 1])))
    return "not a number";
  i = skip_digits (p, i, n);
  int_len = i - int_start;
  if (i < n && p[i] == '.')
    {
      frac_start = ++i;
      i = skip_digits (p, i, n);
      if ((frac_len = i - frac_start) == 0)
        return "not a number";
    }
  if (i < n && (p[i] == 'e' || p[i] == 'E'))
    {
      if (++i < n && (p[i] == '+' || p[i] == '-'))
        exp_negative = p[i++] == '-';
      if (i >= n || !g_ascii_isdigit (p[i]))
        return "not a number";
      for (; i < n && g_ascii_isdigit (p[i]); i++)
        if (exp < 1000000000)
          exp = exp * 10 + (p[i] - '0');
    }
  if (i != n)
    return "not a number";
  return number_range (p + int_start, int_len, p + frac_start, frac_len,
                       exp_negative ? -exp : exp, negative, canon);
}

gboolean
dd_attr_number_is_valid (const char  *text,
                         gsize        len,
                         const char **reason)
{
  const char *why;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  why = dd_attr_check_number (text, len, NULL);
  if (reason != NULL)
    *reason = why;
  return why == NULL;
}

/* Binary */

gboolean
dd_attr_check_base64 (const char *p,
                      gsize       n)
{
  gsize pad = 0;

  if (n % 4 != 0)
    return FALSE;
  if (n > 0 && p[n - 1] == '=')
    pad = p[n - 2] == '=' ? 2 : 1;
  for (gsize i = 0; i < n - pad; i++)
    if (!g_ascii_isalnum (p[i]) && p[i] != '+' && p[i] != '/')
      return FALSE;
  return TRUE;
}

/* Sets */

static int
set_item_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const DdAttrSetItem *x = a, *y = b;
  const char *text = ((GString *) user_data)->str;
  int cmp = memcmp (text + x->offset, text + y->offset, MIN (x->len, y->len));

  if (cmp != 0)
    return cmp;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return x->token_start < y->token_start ? -1 : 1;
}

/* Sorted when there are many, pair by pair when there are few. */
const DdAttrSetItem *
dd_attr_check_set_duplicate (const GString *text,
                             GArray        *set_items)
{
  DdAttrSetItem *items = (DdAttrSetItem *) (void *) set_items->data;
  guint n = set_items->len;

  if (n > 16)
    {
      g_qsort_with_data (items, n, sizeof (DdAttrSetItem), set_item_compare, (gpointer) text);
      for (guint i = 1; i < n; i++)
        if (items[i].len == items[i - 1].len &&
            memcmp (text->str + items[i].offset,
                    text->str + items[i - 1].offset, items[i].len) == 0)
          return &items[i];
      return NULL;
    }
  for (guint i = 1; i < n; i++)
    for (guint j = 0; j < i; j++)
      if (items[i].len == items[j].len &&
          memcmp (text->str + items[i].offset,
                  text->str + items[j].offset, items[i].len) == 0)
        return &items[i];
  return NULL;
}

/* Types */

const char * const dd_attr_type_names[] = {
  "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS",
};

const guint8 dd_attr_type_name_lengths[] = { 1, 1, 1, 4, 4, 1, 1, 2, 2, 2 };

DdAttrType
dd_attr_check_type (const char *name,
                    gsize       n)
{
  if (n == 1)
    switch (name[0])
      {
      case 'S': return DD_ATTR_TYPE_S;
      case 'N': return DD_ATTR_TYPE_N;
      case 'B': return DD_ATTR_TYPE_B;
      case 'M': return DD_ATTR_TYPE_M;
      case 'L': return DD_ATTR_TYPE_L;
      default: return DD_ATTR_TYPE_NONE;
      }
  if (n == 2 && name[1] == 'S')
    switch (name[0])
      {
      case 'S': return DD_ATTR_TYPE_SS;
      case 'N': return DD_ATTR_TYPE_NS;
      case 'B': return DD_ATTR_TYPE_BS;
      default: return DD_ATTR_TYPE_NONE;
      }
  if (n == 4 && memcmp (name, "BOOL", 4) == 0)
    return DD_ATTR_TYPE_BOOL;
  if (n == 4 && memcmp (name, "NULL", 4) == 0)
    return DD_ATTR_TYPE_NULL;
  return DD_ATTR_TYPE_NONE;
}

DdAttrType
dd_attr_check_key_type (const DdJsonReader *r)
{
  g_autoptr(GString) decoded = NULL;

  if (!dd_json_reader_token_escaped (r))
    return dd_attr_check_type (dd_json_reader_token (r) + 1, dd_json_reader_token_length (r) - 2);
  decoded = g_string_new (NULL);
  dd_json_string_decode (decoded, dd_json_reader_token (r), dd_json_reader_token_length (r));
  return dd_attr_check_type (decoded->str, decoded->len);
}

/* Detection: the structure of a type descriptor, read silently. */

static gboolean
members_are_descriptors (DdJsonReader *r,
                         gboolean      object,
                         gboolean      strings_only)
{
  for (;;)
    {
      DdJsonEvent ev = dd_json_reader_next (r, NULL);

      if (ev == DD_JSON_END_OBJECT || ev == DD_JSON_END_ARRAY)
        return TRUE;
      if (object && (ev != DD_JSON_KEY || (ev = dd_json_reader_next (r, NULL)) == DD_JSON_ERROR))
        return FALSE;
      if (strings_only ? ev != DD_JSON_STRING : !dd_attr_check_is_descriptor (r, ev))
        return FALSE;
    }
}

static gboolean
payload_fits (DdJsonReader *r,
              DdAttrType    type,
              DdJsonEvent   ev)
{
  switch (type)
    {
    case DD_ATTR_TYPE_S: case DD_ATTR_TYPE_N: case DD_ATTR_TYPE_B:
      return ev == DD_JSON_STRING;
    case DD_ATTR_TYPE_BOOL:
      return ev == DD_JSON_TRUE || ev == DD_JSON_FALSE;
    case DD_ATTR_TYPE_NULL:
      return ev == DD_JSON_TRUE;
    case DD_ATTR_TYPE_M:
      return ev == DD_JSON_BEGIN_OBJECT && members_are_descriptors (r, TRUE, FALSE);
    case DD_ATTR_TYPE_L:
      return ev == DD_JSON_BEGIN_ARRAY && members_are_descriptors (r, FALSE, FALSE);
    case DD_ATTR_TYPE_SS: case DD_ATTR_TYPE_NS: case DD_ATTR_TYPE_BS:
      return ev == DD_JSON_BEGIN_ARRAY && members_are_descriptors (r, FALSE, TRUE);
    case DD_ATTR_TYPE_NONE:
    default:
      return FALSE;
    }
}

gboolean
dd_attr_check_is_descriptor (DdJsonReader *r,
                             DdJsonEvent   ev)
{
  DdAttrType type;

  if (ev != DD_JSON_BEGIN_OBJECT || dd_json_reader_next (r, NULL) != DD_JSON_KEY)
    return FALSE;
  type = dd_attr_check_key_type (r);
  if (!payload_fits (r, type, dd_json_reader_next (r, NULL)))
    return FALSE;
  return dd_json_reader_next (r, NULL) == DD_JSON_END_OBJECT;
}

gboolean
dd_attr_check_group_is_typed (const DdJsonReader *reader,
                              gboolean            object,
                              const char         *selector)
{
  DdJsonReader r = *reader;

  for (;;)
    {
      DdJsonEvent ev = dd_json_reader_next (&r, NULL);
      gboolean selected = TRUE;

      if (ev == DD_JSON_END_OBJECT || ev == DD_JSON_END_ARRAY)
        return TRUE;
      if (object)
        {
          if (ev != DD_JSON_KEY)
            return FALSE;
          selected = strcmp (selector, "*") == 0 ||
                     dd_json_string_equal (dd_json_reader_token (&r), dd_json_reader_token_length (&r),
                                           dd_json_reader_token_escaped (&r), selector);
          ev = dd_json_reader_next (&r, NULL);
        }
      if (selected ? !dd_attr_check_is_descriptor (&r, ev) : !dd_json_reader_skip (&r, ev, NULL))
        return FALSE;
    }
}

