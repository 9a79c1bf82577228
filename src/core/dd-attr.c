/* dd-attr.c: attribute values, plain JSON <-> DynamoDB JSON.
 *
 * The conversion runs over the events of DdJsonReader (dd-json.h) and
 * writes compact JSON as it goes: a number keeps the text of its literal
 * (or of its N string), a string keeps its escapes, nothing is turned into
 * a tree. Recursion follows the nesting of the text, which the reader caps
 * at DD_JSON_MAX_DEPTH levels.
 *
 * A path is kept as segments whose last one selects, in the container it
 * reaches, the members that are attribute values: an item path gets a
 * final "*" ("Item" -> Item.*), an "@" path ends in its own last segment
 * ("Parameters.[]@" -> Parameters.[]). With DD_ATTR_READING_DETECT the
 * selected members of one container are typed together or not at all,
 * so the values of Parameters are read like the values of an Item.
 */
#define G_LOG_DOMAIN "dd-attr"

#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-json.h"

#define MAX_PATHS 64
#define MAX_SIGNIFICANT_DIGITS 38
#define MAX_EXPONENT 125
#define MIN_EXPONENT (-130)
#define NUMBER_CANON_MAX 64

typedef enum
{
  TYPE_S,
  TYPE_N,
  TYPE_B,
  TYPE_BOOL,
  TYPE_NULL,
  TYPE_M,
  TYPE_L,
  TYPE_SS,
  TYPE_NS,
  TYPE_BS,
  TYPE_NONE,
} AttrType;

static const char * const type_names[] = {
  "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS",
};

static const guint8 type_name_lengths[] = { 1, 1, 1, 4, 4, 1, 1, 2, 2, 2 };

typedef struct
{
  char  **segments;   /* the last one selects the attribute values of its container */
  guint   n_segments;
} AttrPath;

typedef enum
{
  WHERE_NONE,
  WHERE_KEY,
  WHERE_INDEX,
} WhereKind;

typedef struct
{
  gsize  offset;      /* in Conv.set_text */
  gsize  len;
  gsize  token_start;
} SetItem;

typedef struct
{
  DdJsonReader   r;
  const char    *text;
  gsize          len;
  GString       *out;
  gboolean       comma;      /* a ',' goes before the next member or element */
  gboolean       to_plain;   /* addressed values are typed and written plain */
  DdAttrReading  reading;
  AttrPath       paths[MAX_PATHS];
  guint          n_paths;
  WhereKind      where;      /* the attribute an error is about */
  gsize          where_key;
  gsize          where_key_len;
  guint          where_index;
  GString       *scratch;
  GString       *set_text;
  GArray        *set_items;
  GError       **error;
} Conv;

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
      g_snprintf (c, NUMBER_CANON_MAX - (c - canon), "E%" G_GINT64_FORMAT, magnitude);
    }
  return NULL;
}

/* NULL when p is a JSON number literal DynamoDB can hold, else why not.
 * canon (NUMBER_CANON_MAX bytes, optional) receives a form equal for
 * equal numbers. */
static const char *
number_check (const char *p,
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

  why = number_check (text, len, NULL);
  if (reason != NULL)
    *reason = why;
  return why == NULL;
}

static gboolean
base64_is_valid (const char *p,
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

/* Output */

static inline void
out_append (GString    *out,
            const char *p,
            gsize       n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      out->len = len;
    }
  memcpy (out->str + out->len, p, n);
  out->len += n;
  out->str[out->len] = '\0';
}

#define OUT_LITERAL(c, s) out_append ((c)->out, (s), sizeof (s) - 1)

static inline void
emit_sep (Conv *c)
{
  if (c->comma)
    g_string_append_c (c->out, ',');
}

static inline void
emit_open (Conv *c,
           char  bracket)
{
  emit_sep (c);
  g_string_append_c (c->out, bracket);
  c->comma = FALSE;
}

static inline void
emit_close (Conv *c,
            char  bracket)
{
  g_string_append_c (c->out, bracket);
  c->comma = TRUE;
}

static inline void
emit_text (Conv       *c,
           const char *p,
           gsize       n)
{
  emit_sep (c);
  out_append (c->out, p, n);
  c->comma = TRUE;
}

static inline void
emit_token (Conv *c)
{
  emit_text (c, dd_json_reader_token (&c->r), dd_json_reader_token_length (&c->r));
}

static inline void
emit_key (Conv *c)
{
  emit_sep (c);
  out_append (c->out, dd_json_reader_token (&c->r), dd_json_reader_token_length (&c->r));
  g_string_append_c (c->out, ':');
  c->comma = FALSE;
}

/* Writes {"T": and leaves the separator state for the payload. */
static inline void
emit_descriptor_open (Conv     *c,
                      AttrType  type)
{
  emit_sep (c);
  OUT_LITERAL (c, "{\"");
  out_append (c->out, type_names[type], type_name_lengths[type]);
  OUT_LITERAL (c, "\":");
  c->comma = FALSE;
}

static inline DdJsonEvent
next (Conv *c)
{
  return dd_json_reader_next (&c->r, c->error);
}

/* Errors */

static gboolean G_GNUC_PRINTF (3, 4)
input_error (Conv       *c,
             gsize       offset,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (c->where == WHERE_KEY)
    {
      g_string_append (where, "attribute “");
      dd_json_string_decode (where, c->text + c->where_key, c->where_key_len);
      g_string_append (where, "”: ");
    }
  else if (c->where == WHERE_INDEX)
    g_string_append_printf (where, "element [%u]: ", c->where_index);
  dd_json_set_error_at (c->error, DD_ERROR_INVALID_INPUT, c->text, c->len, offset,
                        "%s%s", where->str, message);
  return FALSE;
}

/* An unexpected event: a syntax error is already set. */
static gboolean
kind_error (Conv        *c,
            DdJsonEvent  ev,
            AttrType     type,
            const char  *expected)
{
  if (ev == DD_JSON_ERROR)
    return FALSE;
  return input_error (c, dd_json_reader_token_start (&c->r),
                      "the value of “%s” must be %s", type_names[type], expected);
}

static gboolean
not_descriptor (Conv        *c,
                DdJsonEvent  ev)
{
  if (ev == DD_JSON_ERROR)
    return FALSE;
  return input_error (c, dd_json_reader_token_start (&c->r),
                      "expected a type descriptor, an object with one of "
                      "S, N, B, BOOL, NULL, M, L, SS, NS, BS");
}

static gboolean
number_error (Conv       *c,
              const char *number,
              gsize       n,
              const char *reason)
{
  return input_error (c, dd_json_reader_token_start (&c->r),
                      "the number “%.*s%s” cannot be stored (%s)",
                      (int) MIN (n, 48), number, n > 48 ? "…" : "", reason);
}

/* Type names */

static AttrType
type_lookup (const char *name,
             gsize       n)
{
  if (n == 1)
    switch (name[0])
      {
      case 'S': return TYPE_S;
      case 'N': return TYPE_N;
      case 'B': return TYPE_B;
      case 'M': return TYPE_M;
      case 'L': return TYPE_L;
      default: return TYPE_NONE;
      }
  if (n == 2 && name[1] == 'S')
    switch (name[0])
      {
      case 'S': return TYPE_SS;
      case 'N': return TYPE_NS;
      case 'B': return TYPE_BS;
      default: return TYPE_NONE;
      }
  if (n == 4 && memcmp (name, "BOOL", 4) == 0)
    return TYPE_BOOL;
  if (n == 4 && memcmp (name, "NULL", 4) == 0)
    return TYPE_NULL;
  return TYPE_NONE;
}

/* The type named by the key token the reader is on. */
static AttrType
key_type (const DdJsonReader *r)
{
  g_autoptr(GString) decoded = NULL;

  if (!dd_json_reader_token_escaped (r))
    return type_lookup (dd_json_reader_token (r) + 1, dd_json_reader_token_length (r) - 2);
  decoded = g_string_new (NULL);
  dd_json_string_decode (decoded, dd_json_reader_token (r), dd_json_reader_token_length (r));
  return type_lookup (decoded->str, decoded->len);
}

/* Detection: the structure of a type descriptor, read silently. */

static gboolean is_descriptor (DdJsonReader *r, DdJsonEvent ev);

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
      if (strings_only ? ev != DD_JSON_STRING : !is_descriptor (r, ev))
        return FALSE;
    }
}

static gboolean
payload_fits (DdJsonReader *r,
              AttrType      type,
              DdJsonEvent   ev)
{
  switch (type)
    {
    case TYPE_S: case TYPE_N: case TYPE_B:
      return ev == DD_JSON_STRING;
    case TYPE_BOOL:
      return ev == DD_JSON_TRUE || ev == DD_JSON_FALSE;
    case TYPE_NULL:
      return ev == DD_JSON_TRUE;
    case TYPE_M:
      return ev == DD_JSON_BEGIN_OBJECT && members_are_descriptors (r, TRUE, FALSE);
    case TYPE_L:
      return ev == DD_JSON_BEGIN_ARRAY && members_are_descriptors (r, FALSE, FALSE);
    case TYPE_SS: case TYPE_NS: case TYPE_BS:
      return ev == DD_JSON_BEGIN_ARRAY && members_are_descriptors (r, FALSE, TRUE);
    case TYPE_NONE:
    default:
      return FALSE;
    }
}

static gboolean
is_descriptor (DdJsonReader *r,
               DdJsonEvent   ev)
{
  AttrType type;

  if (ev != DD_JSON_BEGIN_OBJECT || dd_json_reader_next (r, NULL) != DD_JSON_KEY)
    return FALSE;
  type = key_type (r);
  if (!payload_fits (r, type, dd_json_reader_next (r, NULL)))
    return FALSE;
  return dd_json_reader_next (r, NULL) == DD_JSON_END_OBJECT;
}

/* Sets */

static void
set_reset (Conv *c)
{
  if (c->set_text == NULL)
    {
      c->set_text = g_string_new (NULL);
      c->set_items = g_array_new (FALSE, FALSE, sizeof (SetItem));
    }
  g_string_truncate (c->set_text, 0);
  g_array_set_size (c->set_items, 0);
}

static int
set_item_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SetItem *x = a, *y = b;
  const char *text = ((GString *) user_data)->str;
  int cmp = memcmp (text + x->offset, text + y->offset, MIN (x->len, y->len));

  if (cmp != 0)
    return cmp;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return x->token_start < y->token_start ? -1 : 1;
}

/* The later of two equal elements, or NULL. */
static const SetItem *
set_find_duplicate (Conv *c)
{
  SetItem *items = (SetItem *) (void *) c->set_items->data;
  guint n = c->set_items->len;

  if (n > 16)
    {
      g_qsort_with_data (items, n, sizeof (SetItem), set_item_compare, c->set_text);
      for (guint i = 1; i < n; i++)
        if (items[i].len == items[i - 1].len &&
            memcmp (c->set_text->str + items[i].offset,
                    c->set_text->str + items[i - 1].offset, items[i].len) == 0)
          return &items[i];
      return NULL;
    }
  for (guint i = 1; i < n; i++)
    for (guint j = 0; j < i; j++)
      if (items[i].len == items[j].len &&
          memcmp (c->set_text->str + items[i].offset,
                  c->set_text->str + items[j].offset, items[i].len) == 0)
        return &items[i];
  return NULL;
}

/* The content of the string token the reader is on, escapes decoded. */
static const char *
token_content (Conv  *c,
               gsize *n)
{
  if (!dd_json_reader_token_escaped (&c->r))
    {
      *n = dd_json_reader_token_length (&c->r) - 2;
      return dd_json_reader_token (&c->r) + 1;
    }
  if (c->scratch == NULL)
    c->scratch = g_string_new (NULL);
  g_string_truncate (c->scratch, 0);
  dd_json_string_decode (c->scratch, dd_json_reader_token (&c->r),
                         dd_json_reader_token_length (&c->r));
  *n = c->scratch->len;
  return c->scratch->str;
}

/* An N string: checked, then written as a literal (plain) or as it is. */
static gboolean
n_string (Conv *c,
          char *canon)
{
  gsize n;
  const char *p = token_content (c, &n);
  const char *reason = number_check (p, n, canon);

  if (reason != NULL)
    return number_error (c, p, n, reason);
  if (c->to_plain)
    emit_text (c, p, n);
  else
    emit_token (c);
  return TRUE;
}

static gboolean
b_string (Conv *c)
{
  gsize n;
  const char *p = token_content (c, &n);

  if (!base64_is_valid (p, n))
    return input_error (c, dd_json_reader_token_start (&c->r),
                        "the binary value is not valid base64");
  emit_token (c);
  return TRUE;
}

static gboolean
set_element (Conv     *c,
             AttrType  type)
{
  char canon[NUMBER_CANON_MAX];
  SetItem item = { c->set_text->len, 0, dd_json_reader_token_start (&c->r) };
  const char *p;
  gsize n;

  if (type == TYPE_NS)
    {
      if (!n_string (c, canon))
        return FALSE;
      p = canon;
      n = strlen (canon);
    }
  else
    {
      if (type == TYPE_BS && !b_string (c))
        return FALSE;
      if (type == TYPE_SS)
        emit_token (c);
      p = token_content (c, &n);
    }
  g_string_append_len (c->set_text, p, n);
  item.len = n;
  g_array_append_val (c->set_items, item);
  return TRUE;
}

static gboolean
typed_set (Conv        *c,
           AttrType     type,
           DdJsonEvent  ev)
{
  gsize open = dd_json_reader_token_start (&c->r);
  const SetItem *dup;

  if (ev != DD_JSON_BEGIN_ARRAY)
    return kind_error (c, ev, type, "an array of strings");
  emit_open (c, '[');
  set_reset (c);
  while ((ev = next (c)) != DD_JSON_END_ARRAY)
    {
      if (ev != DD_JSON_STRING)
        return kind_error (c, ev, type, "an array of strings");
      if (!set_element (c, type))
        return FALSE;
    }
  if (c->set_items->len == 0)
    return input_error (c, open, "an empty set: DynamoDB sets hold at least one element");
  if ((dup = set_find_duplicate (c)) != NULL)
    return input_error (c, dup->token_start, "the set holds this element twice");
  emit_close (c, ']');
  return TRUE;
}

/* Typed values: checked, and written typed or plain (Conv.to_plain). */

static gboolean convert_typed (Conv *c, DdJsonEvent ev);

static gboolean
typed_members (Conv    *c,
               gboolean object)
{
  DdJsonEvent ev;

  emit_open (c, object ? '{' : '[');
  while ((ev = next (c)) != (object ? DD_JSON_END_OBJECT : DD_JSON_END_ARRAY))
    {
      if (object)
        {
          if (ev != DD_JSON_KEY)
            return FALSE;
          emit_key (c);
          ev = next (c);
        }
      if (!convert_typed (c, ev))
        return FALSE;
    }
  emit_close (c, object ? '}' : ']');
  return TRUE;
}

static gboolean
typed_payload (Conv        *c,
               AttrType     type,
               DdJsonEvent  ev)
{
  switch (type)
    {
    case TYPE_S:
      return ev == DD_JSON_STRING ? (emit_token (c), TRUE) : kind_error (c, ev, type, "a string");
    case TYPE_N:
      return ev == DD_JSON_STRING ? n_string (c, NULL) : kind_error (c, ev, type, "a string");
    case TYPE_B:
      return ev == DD_JSON_STRING ? b_string (c) : kind_error (c, ev, type, "a base64 string");
    case TYPE_BOOL:
      if (ev != DD_JSON_TRUE && ev != DD_JSON_FALSE)
        return kind_error (c, ev, type, "true or false");
      emit_token (c);
      return TRUE;
    case TYPE_NULL:
      if (ev != DD_JSON_TRUE)
        return kind_error (c, ev, type, "true");
      emit_text (c, c->to_plain ? "null" : "true", 4);
      return TRUE;
    case TYPE_M:
      return ev == DD_JSON_BEGIN_OBJECT ? typed_members (c, TRUE) : kind_error (c, ev, type, "an object");
    case TYPE_L:
      return ev == DD_JSON_BEGIN_ARRAY ? typed_members (c, FALSE) : kind_error (c, ev, type, "an array");
    case TYPE_SS: case TYPE_NS: case TYPE_BS:
      return typed_set (c, type, ev);
    case TYPE_NONE:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
convert_typed (Conv        *c,
               DdJsonEvent  ev)
{
  gsize open = dd_json_reader_token_start (&c->r);
  AttrType type;

  if (ev != DD_JSON_BEGIN_OBJECT)
    return not_descriptor (c, ev);
  if ((ev = next (c)) != DD_JSON_KEY)
    return ev == DD_JSON_ERROR ? FALSE : input_error (c, open, "an empty type descriptor");
  if ((type = key_type (&c->r)) == TYPE_NONE)
    return input_error (c, dd_json_reader_token_start (&c->r),
                        "unknown type (expected one of S, N, B, BOOL, NULL, M, L, SS, NS, BS)");
  if (!c->to_plain)
    emit_descriptor_open (c, type);
  if (!typed_payload (c, type, next (c)))
    return FALSE;
  if ((ev = next (c)) != DD_JSON_END_OBJECT)
    return ev == DD_JSON_ERROR ? FALSE
      : input_error (c, dd_json_reader_token_start (&c->r),
                     "a type descriptor holds more than one type");
  if (!c->to_plain)
    emit_close (c, '}');
  return TRUE;
}

/* Plain values, written typed. */

static gboolean plain_to_typed (Conv *c, DdJsonEvent ev);

static gboolean
plain_container_to_typed (Conv    *c,
                          gboolean object)
{
  DdJsonEvent ev;

  emit_sep (c);
  if (object)
    OUT_LITERAL (c, "{\"M\":{");
  else
    OUT_LITERAL (c, "{\"L\":[");
  c->comma = FALSE;
  while ((ev = next (c)) != (object ? DD_JSON_END_OBJECT : DD_JSON_END_ARRAY))
    {
      if (object)
        {
          if (ev != DD_JSON_KEY)
            return FALSE;
          emit_key (c);
          ev = next (c);
        }
      if (!plain_to_typed (c, ev))
        return FALSE;
    }
  if (object)
    OUT_LITERAL (c, "}}");
  else
    OUT_LITERAL (c, "]}");
  c->comma = TRUE;
  return TRUE;
}

static void
emit_wrapped (Conv       *c,
              const char *head,
              gsize       head_len)
{
  emit_sep (c);
  out_append (c->out, head, head_len);
  out_append (c->out, dd_json_reader_token (&c->r), dd_json_reader_token_length (&c->r));
  g_string_append_c (c->out, '}');
  c->comma = TRUE;
}

static gboolean
plain_number_to_typed (Conv *c)
{
  const char *p = dd_json_reader_token (&c->r);
  gsize n = dd_json_reader_token_length (&c->r);
  const char *reason = number_check (p, n, NULL);

  if (reason != NULL)
    return number_error (c, p, n, reason);
  emit_sep (c);
  OUT_LITERAL (c, "{\"N\":\"");
  out_append (c->out, p, n);
  OUT_LITERAL (c, "\"}");
  c->comma = TRUE;
  return TRUE;
}

static gboolean
plain_to_typed (Conv        *c,
                DdJsonEvent  ev)
{
  switch (ev)
    {
    case DD_JSON_STRING:
      emit_wrapped (c, "{\"S\":", 5);
      return TRUE;
    case DD_JSON_NUMBER:
      return plain_number_to_typed (c);
    case DD_JSON_TRUE:
    case DD_JSON_FALSE:
      emit_wrapped (c, "{\"BOOL\":", 8);
      return TRUE;
    case DD_JSON_NULL:
      emit_sep (c);
      OUT_LITERAL (c, "{\"NULL\":true}");
      c->comma = TRUE;
      return TRUE;
    case DD_JSON_BEGIN_OBJECT:
      return plain_container_to_typed (c, TRUE);
    case DD_JSON_BEGIN_ARRAY:
      return plain_container_to_typed (c, FALSE);
    case DD_JSON_ERROR:
    case DD_JSON_END_OBJECT:
    case DD_JSON_END_ARRAY:
    case DD_JSON_KEY:
    case DD_JSON_END:
    default:
      return FALSE;
    }
}

/* Documents */

/* Copies one value as compact JSON. */
static gboolean
copy_value (Conv        *c,
            DdJsonEvent  ev)
{
  guint depth = 0;

  for (;; ev = next (c))
    {
      switch (ev)
        {
        case DD_JSON_BEGIN_OBJECT: emit_open (c, '{'); depth++; break;
        case DD_JSON_BEGIN_ARRAY: emit_open (c, '['); depth++; break;
        case DD_JSON_END_OBJECT: emit_close (c, '}'); depth--; break;
        case DD_JSON_END_ARRAY: emit_close (c, ']'); depth--; break;
        case DD_JSON_KEY: emit_key (c); break;
        case DD_JSON_STRING:
        case DD_JSON_NUMBER:
        case DD_JSON_TRUE:
        case DD_JSON_FALSE:
        case DD_JSON_NULL:
          emit_token (c);
          break;
        case DD_JSON_ERROR:
        case DD_JSON_END:
        default:
          return FALSE;
        }
      if (depth == 0)
        return TRUE;
    }
}

/* Does the member (its key token is the reader's, or an array element)
 * fall under selector segment? */
static gboolean
segment_selects (const Conv *c,
                 const char *segment,
                 gboolean    object)
{
  if (!object)
    return strcmp (segment, "[]") == 0;
  if (strcmp (segment, "*") == 0)
    return TRUE;
  return dd_json_string_equal (dd_json_reader_token (&c->r),
                               dd_json_reader_token_length (&c->r),
                               dd_json_reader_token_escaped (&c->r), segment);
}

static gboolean
segment_fits (const char  *segment,
              DdJsonEvent  ev)
{
  return (strcmp (segment, "[]") == 0) == (ev == DD_JSON_BEGIN_ARRAY);
}

/* DETECT: are all the selected members of the container type descriptors? */
static gboolean
group_is_typed (Conv       *c,
                gboolean    object,
                const char *selector)
{
  DdJsonReader r = c->r;

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
      if (selected ? !is_descriptor (&r, ev) : !dd_json_reader_skip (&r, ev, NULL))
        return FALSE;
    }
}

static gboolean
attr_value (Conv        *c,
            DdJsonEvent  ev,
            gboolean     typed)
{
  return typed || c->to_plain ? convert_typed (c, ev) : plain_to_typed (c, ev);
}

/* The container whose selected members are attribute values. */
static gboolean
convert_container (Conv        *c,
                   DdJsonEvent  ev,
                   const char  *selector)
{
  gboolean object = ev == DD_JSON_BEGIN_OBJECT, typed = TRUE;
  guint index = 0;

  if (!c->to_plain && c->reading != DD_ATTR_READING_TYPED)
    typed = c->reading == DD_ATTR_READING_DETECT && group_is_typed (c, object, selector);
  emit_open (c, object ? '{' : '[');
  for (; (ev = next (c)) != (object ? DD_JSON_END_OBJECT : DD_JSON_END_ARRAY); index++)
    {
      gboolean selected = TRUE;

      if (ev == DD_JSON_ERROR)
        return FALSE;
      c->where = object ? WHERE_KEY : WHERE_INDEX;
      c->where_key = dd_json_reader_token_start (&c->r);
      c->where_key_len = dd_json_reader_token_length (&c->r);
      c->where_index = index;
      if (object)
        {
          selected = segment_selects (c, selector, TRUE);
          emit_key (c);
          ev = next (c);
        }
      if (!(selected ? attr_value (c, ev, typed) : copy_value (c, ev)))
        return FALSE;
      c->where = WHERE_NONE;
    }
  emit_close (c, object ? '}' : ']');
  return TRUE;
}

static gboolean walk_value (Conv *c, DdJsonEvent ev, guint depth, guint64 mask);

static gboolean
walk_members (Conv    *c,
              gboolean object,
              guint    depth,
              guint64  mask)
{
  DdJsonEvent ev;

  emit_open (c, object ? '{' : '[');
  while ((ev = next (c)) != (object ? DD_JSON_END_OBJECT : DD_JSON_END_ARRAY))
    {
      guint64 child = 0;

      if (ev == DD_JSON_ERROR)
        return FALSE;
      for (guint p = 0; p < c->n_paths; p++)
        if ((mask & (G_GUINT64_CONSTANT (1) << p)) && depth + 1 < c->paths[p].n_segments &&
            segment_selects (c, c->paths[p].segments[depth], object))
          child |= G_GUINT64_CONSTANT (1) << p;
      if (object)
        {
          emit_key (c);
          ev = next (c);
        }
      if (!walk_value (c, ev, depth + 1, child))
        return FALSE;
    }
  emit_close (c, object ? '}' : ']');
  return TRUE;
}

/* A value of the document; mask: the paths that matched down to it. */
static gboolean
walk_value (Conv        *c,
            DdJsonEvent  ev,
            guint        depth,
            guint64      mask)
{
  if (mask == 0 || (ev != DD_JSON_BEGIN_OBJECT && ev != DD_JSON_BEGIN_ARRAY))
    return copy_value (c, ev);
  for (guint p = 0; p < c->n_paths; p++)
    {
      const AttrPath *path = &c->paths[p];

      if ((mask & (G_GUINT64_CONSTANT (1) << p)) && depth + 1 == path->n_segments &&
          segment_fits (path->segments[depth], ev))
        return convert_container (c, ev, path->segments[depth]);
    }
  return walk_members (c, ev == DD_JSON_BEGIN_OBJECT, depth, mask);
}

/* "A.*.[].B" addresses an item: its members are attribute values (a final
 * "*" segment is added). "A.[]@" addresses the values themselves. */
static void
conv_add_path (Conv       *c,
               const char *text)
{
  gsize n = strlen (text);
  gboolean values = n > 0 && text[n - 1] == '@';
  g_autofree char *body = g_strndup (text, values ? n - 1 : n);
  g_auto(GStrv) segments = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  AttrPath *path;

  if (body[0] == '\0' || c->n_paths >= MAX_PATHS)
    return;
  segments = g_strsplit (body, ".", -1);
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) segments);
  if (!values)
    g_strv_builder_add (builder, "*");
  path = &c->paths[c->n_paths++];
  path->segments = g_strv_builder_end (builder);
  path->n_segments = g_strv_length (path->segments);
}

static void
conv_init (Conv          *c,
           const char    *text,
           gssize         len,
           GString       *out,
           gboolean       to_plain,
           DdAttrReading  reading,
           GError       **error)
{
  memset (c, 0, sizeof *c);
  c->text = text;
  c->len = len < 0 ? strlen (text) : (gsize) len;
  c->out = out;
  c->to_plain = to_plain;
  c->reading = reading;
  c->error = error;
  dd_json_reader_init (&c->r, text, c->len);
}

static void
conv_clear (Conv *c)
{
  for (guint p = 0; p < c->n_paths; p++)
    g_strfreev (c->paths[p].segments);
  if (c->scratch != NULL)
    g_string_free (c->scratch, TRUE);
  if (c->set_text != NULL)
    g_string_free (c->set_text, TRUE);
  if (c->set_items != NULL)
    g_array_free (c->set_items, TRUE);
}

/* Reads the one value of the text with convert, then the end. */
typedef gboolean (*ConvertFunc) (Conv *c, DdJsonEvent ev);

static gboolean
conv_run (Conv        *c,
          ConvertFunc  convert)
{
  DdJsonEvent ev = next (c);

  if (ev == DD_JSON_ERROR || !convert (c, ev))
    return FALSE;
  return next (c) == DD_JSON_END;
}

static gboolean
convert_document (Conv        *c,
                  DdJsonEvent  ev)
{
  return walk_value (c, ev, 0, c->n_paths >= 64 ? G_MAXUINT64
                                 : (G_GUINT64_CONSTANT (1) << c->n_paths) - 1);
}

static gboolean
convert_item (Conv        *c,
              DdJsonEvent  ev)
{
  if (ev != DD_JSON_BEGIN_OBJECT)
    return input_error (c, dd_json_reader_token_start (&c->r),
                        "an item must be a JSON object of attribute names and values");
  return convert_container (c, ev, "*");
}

static char *
convert_text (const char          *text,
              gssize               len,
              const char * const  *paths,
              gboolean             to_plain,
              DdAttrReading        reading,
              ConvertFunc          convert,
              GError             **error)
{
  g_autoptr(GString) out = NULL;
  gboolean ok;
  Conv c;

  out = g_string_sized_new ((len < 0 ? strlen (text) : (gsize) len) * (to_plain ? 1 : 2) + 16);
  conv_init (&c, text, len, out, to_plain, reading, error);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    conv_add_path (&c, paths[i]);
  ok = conv_run (&c, convert);
  conv_clear (&c);
  return ok ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

char *
dd_attr_document_to_typed (const char          *text,
                           gssize               len,
                           const char * const  *paths,
                           DdAttrReading        reading,
                           GError             **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return convert_text (text, len, paths, FALSE, reading, convert_document, error);
}

char *
dd_attr_document_to_plain (const char          *text,
                           gssize               len,
                           const char * const  *paths,
                           GError             **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return convert_text (text, len, paths, TRUE, DD_ATTR_READING_TYPED, convert_document, error);
}

char *
dd_attr_item_to_typed (const char     *text,
                       gssize          len,
                       DdAttrReading   reading,
                       GError        **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return convert_text (text, len, NULL, FALSE, reading, convert_item, error);
}

char *
dd_attr_item_to_plain (const char  *text,
                       gssize       len,
                       GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return convert_text (text, len, NULL, TRUE, DD_ATTR_READING_TYPED, convert_item, error);
}

gboolean
dd_attr_value_append_plain (GString     *out,
                            const char  *typed_value,
                            gssize       len,
                            GError     **error)
{
  gsize old_len;
  gboolean ok;
  Conv c;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (typed_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_len = out->len;
  conv_init (&c, typed_value, len, out, TRUE, DD_ATTR_READING_TYPED, error);
  ok = conv_run (&c, convert_typed);
  conv_clear (&c);
  if (!ok)
    g_string_truncate (out, old_len);
  return ok;
}
