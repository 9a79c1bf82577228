/* dd-attr-value.c: single attribute values for dd-attr.c.
 *
 * A type descriptor is checked (its number, its base64, its set) and
 * written typed, or plain for Conv.to_plain; a plain value is written
 * typed. Numbers keep the text of their literal.
 */
#define G_LOG_DOMAIN "dd-attr"

#include "config.h"

#include "dd-attr-value.h"
#include "dd-error.h"

/* Errors */

gboolean
dd_attr_value_error (Conv       *c,
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
            DdAttrType   type,
            const char  *expected)
{
  if (ev == DD_JSON_ERROR)
    return FALSE;
  return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                              "the value of “%s” must be %s",
                              dd_attr_type_names[type], expected);
}

static gboolean
not_descriptor (Conv        *c,
                DdJsonEvent  ev)
{
  if (ev == DD_JSON_ERROR)
    return FALSE;
  return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                              "expected a type descriptor, an object with one of "
                              "S, N, B, BOOL, NULL, M, L, SS, NS, BS");
}

static gboolean
number_error (Conv       *c,
              const char *number,
              gsize       n,
              const char *reason)
{
  return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                              "the number “%.*s%s” cannot be stored (%s)",
                              (int) MIN (n, 48), number, n > 48 ? "…" : "", reason);
}

/* Sets */

static void
set_reset (Conv *c)
{
  if (c->set_text == NULL)
    {
      c->set_text = g_string_new (NULL);
      c->set_items = g_array_new (FALSE, FALSE, sizeof (DdAttrSetItem));
    }
  g_string_truncate (c->set_text, 0);
  g_array_set_size (c->set_items, 0);
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
  const char *reason = dd_attr_check_number (p, n, canon);

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

  if (!dd_attr_check_base64 (p, n))
    return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                                "the binary value is not valid base64");
  emit_token (c);
  return TRUE;
}

static gboolean
set_element (Conv       *c,
             DdAttrType  type)
{
  char canon[DD_ATTR_NUMBER_CANON_MAX];
  DdAttrSetItem item = { c->set_text->len, 0, dd_json_reader_token_start (&c->r) };
  const char *p;
  gsize n;

  if (type == DD_ATTR_TYPE_NS)
    {
      if (!n_string (c, canon))
        return FALSE;
      p = canon;
      n = strlen (canon);
    }
  else
    {
      if (type == DD_ATTR_TYPE_BS && !b_string (c))
        return FALSE;
      if (type == DD_ATTR_TYPE_SS)
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
           DdAttrType   type,
           DdJsonEvent  ev)
{
  gsize open = dd_json_reader_token_start (&c->r);
  const DdAttrSetItem *dup;

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
    return dd_attr_value_error (c, open,
                                "an empty set: DynamoDB sets hold at least one element");
  if ((dup = dd_attr_check_set_duplicate (c->set_text, c->set_items)) != NULL)
    return dd_attr_value_error (c, dup->token_start, "the set holds this element twice");
  emit_close (c, ']');
  return TRUE;
}

/* Typed values: checked, and written typed or plain (Conv.to_plain). */

/* The members of the container the reader has just entered, up to its
 * end: keys copied, values through convert. Writes no bracket. */
static gboolean
convert_members (Conv        *c,
                 gboolean     object,
                 ConvertFunc  convert)
{
  DdJsonEvent ev;

  while ((ev = next (c)) != (object ? DD_JSON_END_OBJECT : DD_JSON_END_ARRAY))
    {
      if (object)
        {
          if (ev != DD_JSON_KEY)
            return FALSE;
          emit_key (c);
          ev = next (c);
        }
      if (!convert (c, ev))
        return FALSE;
    }
  return TRUE;
}

static gboolean
typed_members (Conv    *c,
               gboolean object)
{
  emit_open (c, object ? '{' : '[');
  if (!convert_members (c, object, dd_attr_value_convert_typed))
    return FALSE;
  emit_close (c, object ? '}' : ']');
  return TRUE;
}

static gboolean
typed_payload (Conv        *c,
               DdAttrType   type,
               DdJsonEvent  ev)
{
  switch (type)
    {
    case DD_ATTR_TYPE_S:
      return ev == DD_JSON_STRING ? (emit_token (c), TRUE) : kind_error (c, ev, type, "a string");
    case DD_ATTR_TYPE_N:
      return ev == DD_JSON_STRING ? n_string (c, NULL) : kind_error (c, ev, type, "a string");
    case DD_ATTR_TYPE_B:
      return ev == DD_JSON_STRING ? b_string (c) : kind_error (c, ev, type, "a base64 string");
    case DD_ATTR_TYPE_BOOL:
      if (ev != DD_JSON_TRUE && ev != DD_JSON_FALSE)
        return kind_error (c, ev, type, "true or false");
      emit_token (c);
      return TRUE;
    case DD_ATTR_TYPE_NULL:
      if (ev != DD_JSON_TRUE)
        return kind_error (c, ev, type, "true");
      emit_text (c, c->to_plain ? "null" : "true", 4);
      return TRUE;
    case DD_ATTR_TYPE_M:
      return ev == DD_JSON_BEGIN_OBJECT ? typed_members (c, TRUE) : kind_error (c, ev, type, "an object");
    case DD_ATTR_TYPE_L:
      return ev == DD_JSON_BEGIN_ARRAY ? typed_members (c, FALSE) : kind_error (c, ev, type, "an array");
    case DD_ATTR_TYPE_SS: case DD_ATTR_TYPE_NS: case DD_ATTR_TYPE_BS:
      return typed_set (c, type, ev);
    case DD_ATTR_TYPE_NONE:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
dd_attr_value_convert_typed (Conv        *c,
                             DdJsonEvent  ev)
{
  gsize open = dd_json_reader_token_start (&c->r);
  DdAttrType type;

  if (ev != DD_JSON_BEGIN_OBJECT)
    return not_descriptor (c, ev);
  if ((ev = next (c)) != DD_JSON_KEY)
    return ev == DD_JSON_ERROR ? FALSE
      : dd_attr_value_error (c, open, "an empty type descriptor");
  if ((type = dd_attr_check_key_type (&c->r)) == DD_ATTR_TYPE_NONE)
    return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                                "unknown type (expected one of "
                                "S, N, B, BOOL, NULL, M, L, SS, NS, BS)");
  if (!c->to_plain)
    emit_descriptor_open (c, type);
  if (!typed_payload (c, type, next (c)))
    return FALSE;
  if ((ev = next (c)) != DD_JSON_END_OBJECT)
    return ev == DD_JSON_ERROR ? FALSE
      : dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                             "a type descriptor holds more than one type");
  if (!c->to_plain)
    emit_close (c, '}');
  return TRUE;
}

/* Plain values, written typed. */

/* A plain value becomes a type descriptor one level deeper, and a plain
 * container two levels ({"M":{...}}), so the typed text is about twice as
 * deep. Refuses the value that starts with the reader's token when its
 * typed form would be deeper than DD_JSON_MAX_DEPTH, which no reader here
 * (nor DynamoDB) would take back. */
static gboolean
typed_depth_fits (Conv *c)
{
  guint depth = dd_json_reader_get_depth (&c->r) + c->extra_depth + 1;

  if (depth <= DD_JSON_MAX_DEPTH)
    return TRUE;
  return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
                              "nested too deeply: in DynamoDB JSON this value would be at "
                              "level %u, more than %u", depth, DD_JSON_MAX_DEPTH);
}

static gboolean
plain_container_to_typed (Conv    *c,
                          gboolean object)
{
  emit_sep (c);
  if (object)
    OUT_LITERAL (c, "{\"M\":{");
  else
    OUT_LITERAL (c, "{\"L\":[");
  c->comma = FALSE;
  c->extra_depth++;
  if (!convert_members (c, object, dd_attr_value_plain_to_typed))
    return FALSE;
  c->extra_depth--;
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
  const char *reason = dd_attr_check_number (p, n, NULL);

  if (reason != NULL)
    return number_error (c, p, n, reason);
  emit_sep (c);
  OUT_LITERAL (c, "{\"N\":\"");
  out_append (c->out, p, n);
  OUT_LITERAL (c, "\"}");
  c->comma = TRUE;
  return TRUE;
}

gboolean
dd_attr_value_plain_to_typed (Conv        *c,
                              DdJsonEvent  ev)
{
  if (ev != DD_JSON_ERROR && !typed_depth_fits (c))
    return FALSE;
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
