/* dd-item-value.c: reading one item's DynamoDB JSON in place.
 *
 * Written by hand because sorting and filtering must not build a tree per
 * item (DESIGN.md, "The hot path"): the text was validated by dd_page_parse,
 * so a scanner that skips strings with memchr and counts brackets is enough
 * to find an attribute and read its value.
 */
#define G_LOG_DOMAIN "dd-item-value"

#include "config.h"

#include <string.h>

#include "dd-item-value.h"
#include "dd-page.h"

static const char * const type_names[] = {
  [DD_ITEM_TYPE_N] = "N",
  [DD_ITEM_TYPE_S] = "S",
  [DD_ITEM_TYPE_B] = "B",
  [DD_ITEM_TYPE_BOOL] = "BOOL",
  [DD_ITEM_TYPE_NULL] = "NULL",
  [DD_ITEM_TYPE_SS] = "SS",
  [DD_ITEM_TYPE_NS] = "NS",
  [DD_ITEM_TYPE_BS] = "BS",
  [DD_ITEM_TYPE_L] = "L",
  [DD_ITEM_TYPE_M] = "M",
  [DD_ITEM_TYPE_MISSING] = NULL,
};

const char *
dd_item_type_to_string (DdItemType type)
{
  g_return_val_if_fail (type <= DD_ITEM_TYPE_MISSING, NULL);
  return type_names[type];
}

static DdItemType
type_from_tag (const char *tag,
               gsize       len)
{
  if (len == 1)
    switch (tag[0])
      {
      case 'N': return DD_ITEM_TYPE_N;
      case 'S': return DD_ITEM_TYPE_S;
      case 'B': return DD_ITEM_TYPE_B;
      case 'L': return DD_ITEM_TYPE_L;
      case 'M': return DD_ITEM_TYPE_M;
      default: return DD_ITEM_TYPE_MISSING;
      }
  for (guint i = 0; i < DD_ITEM_TYPE_MISSING; i++)
    if (strlen (type_names[i]) == len && memcmp (type_names[i], tag, len) == 0)
      return (DdItemType) i;
  return DD_ITEM_TYPE_MISSING;
}

/* Scanning --------------------------------------------------------------- */

static inline const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* p is just after an opening quote; returns the closing quote (or end). */
static const char *
string_end (const char *p,
            const char *end)
{
  const char *start = p;

  for (;;)
    {
      const char *q = memchr (p, '"', (gsize) (end - p));
      const char *r;

      if (q == NULL)
        return end;
      for (r = q; r > start && r[-1] == '\\'; r--)
        ;
      if (((q - r) & 1) == 0)
        return q;
      p = q + 1;
    }
}

/* Returns the byte after the JSON value that starts at p. */
static const char *
skip_value (const char *p,
            const char *end)
{
  int depth = 0;

  if (p >= end)
    return end;
  if (*p != '"' && *p != '{' && *p != '[')
    {
      while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' '
             && *p != '\n' && *p != '\r' && *p != '\t')
        p++;
      return p;
    }
  for (; p < end; p++)
    {
      char c = *p;

      if (c == '"')
        {
          p = string_end (p + 1, end);
          if (depth == 0)
            return p < end ? p + 1 : end;
        }
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return p + 1;
    }
  return end;
}

static gboolean
key_equals (const char *key,
            gsize       key_len,
            const char *name,
            gsize       name_len)
{
  g_autoptr(GString) unescaped = NULL;

  if (memchr (key, '\\', key_len) == NULL)
    return key_len == name_len && memcmp (key, name, name_len) == 0;
  unescaped = g_string_new (NULL);
  dd_page_append_unescaped (unescaped, key, key_len);
  return unescaped->len == name_len && memcmp (unescaped->str, name, name_len) == 0;
}

/* The start of the value of member name in the object at p, or NULL. */
static const char *
find_member (const char *p,
             const char *end,
             const char *name,
             gsize       name_len)
{
  p = skip_ws (p, end);
  if (p >= end || *p != '{')
    return NULL;
  p++;
  for (;;)
    {
      const char *key, *key_end;

      p = skip_ws (p, end);
      if (p >= end || *p != '"')
        return NULL;
      key = p + 1;
      key_end = string_end (key, end);
      p = skip_ws (key_end + 1, end);
      if (p >= end || *p != ':')
        return NULL;
      p = skip_ws (p + 1, end);
      if (key_equals (key, (gsize) (key_end - key), name, name_len))
        return p;
      p = skip_ws (skip_value (p, end), end);
      if (p >= end || *p != ',')
        return NULL;
      p++;
    }
}

gssize
dd_item_value_find (const char *item,
                    gsize       len,
                    const char *name)
{
  const char *v;

  g_return_val_if_fail (item != NULL || len == 0, -1);
  g_return_val_if_fail (name != NULL, -1);
  v = find_member (item, item + len, name, strlen (name));
  return v != NULL ? (gssize) (v - item) : -1;
}

gboolean
dd_item_value_read (const char  *value,
                    gsize        len,
                    DdItemValue *out)
{
  const char *end = value + len;
  const char *p = skip_ws (value, end);
  const char *tag, *tag_end, *v, *v_end;

  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  out->type = DD_ITEM_TYPE_MISSING;
  if (p >= end || *p != '{')
    return FALSE;
  p = skip_ws (p + 1, end);
  if (p >= end || *p != '"')
    return FALSE;
  tag = p + 1;
  tag_end = string_end (tag, end);
  p = skip_ws (tag_end + 1, end);
  if (p >= end || *p != ':')
    return FALSE;
  v = skip_ws (p + 1, end);
  v_end = skip_value (v, end);
  out->type = type_from_tag (tag, (gsize) (tag_end - tag));
  if (v < end && *v == '"' && v_end > v + 1)
    {
      out->text = v + 1;
      out->len = (gsize) (v_end - v - 2);
      out->escaped = memchr (out->text, '\\', out->len) != NULL;
    }
  else
    {
      out->text = v;
      out->len = (gsize) (v_end - v);
    }
  return out->type != DD_ITEM_TYPE_MISSING;
}

/* Numbers ---------------------------------------------------------------- */

/* A number as sign x 0.DIGITS x 10^exp10, where DIGITS are the bytes from
 * digits to end less any '.', without leading or trailing zeros; sign 0
 * for zero. Points into the text: nothing is copied. */
typedef struct
{
  int         sign;
  gint64      exp10;
  const char *digits;
  const char *end;
} Decimal;

static gboolean
parse_exponent (const char *p,
                const char *end,
                gint64     *e)
{
  int esign = 1;

  *e = 0;
  if (p == end)
    return TRUE;
  if (*p != 'e' && *p != 'E')
    return FALSE;
  if (++p < end && (*p == '-' || *p == '+'))
    esign = *p++ == '-' ? -1 : 1;
  if (p == end)
    return FALSE;
  for (; p < end && g_ascii_isdigit (*p); p++)
    *e = MIN (*e * 10 + (*p - '0'), (gint64) 1000000000);
  *e *= esign;
  return p == end;
}

static gboolean
decimal_parse (const char *s,
               gsize       len,
               Decimal    *d)
{
  const char *p = s, *end = s + len, *m, *m_end, *point = NULL, *q, *r;
  gint64 e;

  d->sign = 1;
  if (p < end && (*p == '-' || *p == '+'))
    d->sign = *p++ == '-' ? -1 : 1;
  for (m = p; p < end && (g_ascii_isdigit (*p) || (*p == '.' && point == NULL)); p++)
    if (*p == '.')
      point = p;
  m_end = p;
  if (m_end == m || (m_end - m == 1 && point != NULL) || !parse_exponent (p, end, &e))
    return FALSE;
  if (point == NULL)
    point = m_end;
  for (q = m; q < m_end && (*q == '0' || *q == '.'); q++)
    ;
  if (q == m_end)
    {
      d->sign = 0;
      d->exp10 = 0;
      d->digits = d->end = m_end;
      return TRUE;
    }
  for (r = m_end; r > q && (r[-1] == '0' || r[-1] == '.'); r--)
    ;
  d->digits = q;
  d->end = r;
  d->exp10 = (q < point ? point - q : -(q - point - 1)) + e;
  return TRUE;
}

static int
decimal_compare_magnitude (const Decimal *a,
                           const Decimal *b)
{
  const char *pa = a->digits, *pb = b->digits;

  if (a->exp10 != b->exp10)
    return a->exp10 < b->exp10 ? -1 : 1;
  for (;;)
    {
      if (pa < a->end && *pa == '.')
        pa++;
      if (pb < b->end && *pb == '.')
        pb++;
      if (pa == a->end || pb == b->end)
        return (pa == a->end) == (pb == b->end) ? 0 : (pa == a->end ? -1 : 1);
      if (*pa != *pb)
        return *pa < *pb ? -1 : 1;
      pa++;
      pb++;
    }
}

int
dd_item_value_compare_numbers (const char *a,
                               gsize       a_len,
                               const char *b,
                               gsize       b_len)
{
  Decimal da, db;
  gboolean va = decimal_parse (a, a_len, &da);
  gboolean vb = decimal_parse (b, b_len, &db);

  if (!va || !vb)
    return va == vb ? 0 : (va ? 1 : -1);
  if (da.sign != db.sign)
    return da.sign < db.sign ? -1 : 1;
  return da.sign * decimal_compare_magnitude (&da, &db);
}

void
dd_item_sort_key_init (DdItemSortKey     *key,
                       const DdItemValue *value)
{
  Decimal d;

  g_return_if_fail (key != NULL && value != NULL);
  key->value = *value;
  key->number_ok = value->type == DD_ITEM_TYPE_N && decimal_parse (value->text, value->len, &d);
  if (!key->number_ok)
    return;
  key->sign = d.sign;
  key->exp10 = d.exp10;
  key->digits = d.digits;
  key->digits_end = d.end;
}

int
dd_item_sort_key_compare (const DdItemSortKey *a,
                          const DdItemSortKey *b)
{
  Decimal da, db;

  g_return_val_if_fail (a != NULL && b != NULL, 0);
  if (!a->number_ok || !b->number_ok)
    return dd_item_value_compare (&a->value, &b->value);
  if (a->sign != b->sign)
    return a->sign < b->sign ? -1 : 1;
  da = (Decimal) { a->sign, a->exp10, a->digits, a->digits_end };
  db = (Decimal) { b->sign, b->exp10, b->digits, b->digits_end };
  return a->sign * decimal_compare_magnitude (&da, &db);
}

/* Comparing values --------------------------------------------------------- */

static GString *
unescaped_text (const DdItemValue *v)
{
  GString *s = g_string_sized_new (v->len);

  dd_page_append_unescaped (s, v->text, v->len);
  return s;
}

static int
compare_bytes (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  int c = memcmp (a, b, MIN (a_len, b_len));

  if (c != 0)
    return c < 0 ? -1 : 1;
  return a_len == b_len ? 0 : (a_len < b_len ? -1 : 1);
}

/* UTF-8 byte order is code point order, so S compares as bytes once
 * unescaped. */
static int
compare_strings (const DdItemValue *a,
                 const DdItemValue *b)
{
  g_autoptr(GString) ua = NULL;
  g_autoptr(GString) ub = NULL;

  if (!a->escaped && !b->escaped)
    return compare_bytes (a->text, a->len, b->text, b->len);
  ua = unescaped_text (a);
  ub = unescaped_text (b);
  return compare_bytes (ua->str, ua->len, ub->str, ub->len);
}

static GBytes *
decode_binary (const DdItemValue *v)
{
  g_autoptr(GString) s = unescaped_text (v);
  gsize len = 0;
  guchar *data;

  data = g_base64_decode (s->str, &len);
  return g_bytes_new_take (data, len);
}

static int
compare_binary (const DdItemValue *a,
                const DdItemValue *b)
{
  g_autoptr(GBytes) da = decode_binary (a);
  g_autoptr(GBytes) db = decode_binary (b);
  gsize la, lb;
  const char *pa = g_bytes_get_data (da, &la);
  const char *pb = g_bytes_get_data (db, &lb);

  return compare_bytes (pa != NULL ? pa : "", la, pb != NULL ? pb : "", lb);
}

int
dd_item_value_compare (const DdItemValue *a,
                       const DdItemValue *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);
  if (a->type != b->type)
    return a->type < b->type ? -1 : 1;
  switch (a->type)
    {
    case DD_ITEM_TYPE_N:
      return dd_item_value_compare_numbers (a->text, a->len, b->text, b->len);
    case DD_ITEM_TYPE_S:
      return compare_strings (a, b);
    case DD_ITEM_TYPE_B:
      return compare_binary (a, b);
    case DD_ITEM_TYPE_BOOL:
      /* "false" is longer than "true": order by the first letter. */
      return a->len == b->len ? 0 : (a->len > b->len ? -1 : 1);
    case DD_ITEM_TYPE_MISSING:
    case DD_ITEM_TYPE_NULL:
      return 0;
    case DD_ITEM_TYPE_SS:
    case DD_ITEM_TYPE_NS:
    case DD_ITEM_TYPE_BS:
    case DD_ITEM_TYPE_L:
    case DD_ITEM_TYPE_M:
    default:
      return compare_bytes (a->text, a->len, b->text, b->len);
    }
}

/* Display ---------------------------------------------------------------- */

static void append_plain (GString *out, const char *value, const char *end);

/* Calls append_plain on each element of the array at p, or for an object
 * writes each name (kept as its JSON text) then its value. */
static void
append_container (GString    *out,
                  const char *p,
                  const char *end,
                  gboolean    is_object,
                  gboolean    numbers)
{
  g_string_append_c (out, is_object ? '{' : '[');
  p = skip_ws (p + 1, end);
  while (p < end && *p != '}' && *p != ']')
    {
      const char *v_end;

      if (is_object)
        {
          const char *k_end = string_end (p + 1, end);

          g_string_append_len (out, p, k_end + 1 - p);
          g_string_append_c (out, ':');
          p = skip_ws (skip_ws (k_end + 1, end) + 1, end);
        }
      v_end = skip_value (p, end);
      if (numbers && *p == '"')
        g_string_append_len (out, p + 1, v_end - p - 2);
      else if (numbers || is_object || *p != '"')
        append_plain (out, p, v_end);
      else
        g_string_append_len (out, p, v_end - p);
      p = skip_ws (v_end, end);
      if (p < end && *p == ',')
        {
          g_string_append_c (out, ',');
          p = skip_ws (p + 1, end);
        }
    }
  g_string_append_c (out, is_object ? '}' : ']');
}

/* A nested typed value as plain JSON. */
static void
append_plain (GString    *out,
              const char *value,
              const char *end)
{
  DdItemValue v;

  if (!dd_item_value_read (value, (gsize) (end - value), &v))
    {
      g_string_append (out, "null");
      return;
    }
  /* Strings keep their JSON text, quotes and escapes included. */
  if (v.type == DD_ITEM_TYPE_S || v.type == DD_ITEM_TYPE_B)
    g_string_append_len (out, v.text - 1, (gssize) v.len + 2);
  else
    dd_item_value_append_display (out, &v);
}

void
dd_item_value_append_display (GString           *out,
                              const DdItemValue *value)
{
  const char *end;

  g_return_if_fail (out != NULL && value != NULL);
  end = value->text + value->len;
  switch (value->type)
    {
    case DD_ITEM_TYPE_S:
    case DD_ITEM_TYPE_B:
    case DD_ITEM_TYPE_N:
      dd_page_append_unescaped (out, value->text, value->len);
      break;
    case DD_ITEM_TYPE_BOOL:
      g_string_append_len (out, value->text, (gssize) value->len);
      break;
    case DD_ITEM_TYPE_NULL:
      g_string_append (out, "null");
      break;
    case DD_ITEM_TYPE_SS:
    case DD_ITEM_TYPE_BS:
    case DD_ITEM_TYPE_NS:
    case DD_ITEM_TYPE_L:
      append_container (out, value->text, end, FALSE, value->type == DD_ITEM_TYPE_NS);
      break;
    case DD_ITEM_TYPE_M:
      append_container (out, value->text, end, TRUE, FALSE);
      break;
    case DD_ITEM_TYPE_MISSING:
    default:
      break;
    }
}

/* Text search -------------------------------------------------------------- */

/* Finds needle in hay, ASCII letters without case. The first byte is found
 * with memchr (for a letter, in both cases, each stream advanced on its own
 * so that the whole stays linear). */
static gboolean
find_folded (const char *hay,
             gsize       len,
             const char *needle,
             gsize       n_len)
{
  char lo, up;
  const char *end = hay + len;
  const char *pl, *pu;

  if (n_len == 0)
    return TRUE;
  if (n_len > len)
    return FALSE;
  lo = g_ascii_tolower (needle[0]);
  up = g_ascii_toupper (needle[0]);
  end -= n_len - 1;
  pl = memchr (hay, lo, (gsize) (end - hay));
  pu = lo == up ? NULL : memchr (hay, up, (gsize) (end - hay));
  while (pl != NULL || pu != NULL)
    {
      const char **next = (pu == NULL || (pl != NULL && pl < pu)) ? &pl : &pu;
      const char *hit = *next;

      if (g_ascii_strncasecmp (hit + 1, needle + 1, n_len - 1) == 0)
        return TRUE;
      *next = memchr (hit + 1, *hit, (gsize) (end - hit - 1));
    }
  return FALSE;
}

static gboolean
string_contains (const char *s,
                 gsize       len,
                 const char *needle,
                 gsize       n_len)
{
  g_autoptr(GString) u = NULL;

  if (memchr (s, '\\', len) == NULL)
    return find_folded (s, len, needle, n_len);
  u = g_string_sized_new (len);
  dd_page_append_unescaped (u, s, len);
  return find_folded (u->str, u->len, needle, n_len);
}

#define MAX_DEPTH 128

/* Walks every string of the item, telling names from values by the
 * container each string is in and the punctuation before it. */
static gboolean
values_contain (const char *p,
                const char *end,
                const char *needle,
                gsize       n_len)
{
  gboolean in_object[MAX_DEPTH];
  int depth = -1;
  gboolean expect_key = FALSE;

  for (; p < end; p++)
    {
      switch (*p)
        {
        case '{':
        case '[':
          if (++depth >= MAX_DEPTH)
            return FALSE;
          in_object[depth] = *p == '{';
          expect_key = *p == '{';
          break;
        case '}':
        case ']':
          depth--;
          expect_key = FALSE;
          break;
        case ',':
          expect_key = depth >= 0 && in_object[depth];
          break;
        case ':':
          expect_key = FALSE;
          break;
        case '"':
          {
            const char *s_end = string_end (p + 1, end);

            if (!expect_key && string_contains (p + 1, (gsize) (s_end - p - 1), needle, n_len))
              return TRUE;
            p = s_end;
          }
          break;
        default:
          break;
        }
    }
  return FALSE;
}

gboolean
dd_item_value_contains_text (const char *item,
                             gsize       len,
                             const char *needle,
                             gsize       needle_len)
{
  g_return_val_if_fail (item != NULL || len == 0, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);
  if (needle_len == 0)
    return TRUE;
  /* Most items are ruled out by a search of their raw bytes; a hit (maybe
   * in a name) or an escape anywhere sends the item to the exact walk. */
  if (!find_folded (item, len, needle, needle_len) && memchr (item, '\\', len) == NULL)
    return FALSE;
  return values_contain (item, item + len, needle, needle_len);
}
