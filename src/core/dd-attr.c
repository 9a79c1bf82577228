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

#include "dd-attr-value.h"

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

static gboolean
attr_value (Conv        *c,
            DdJsonEvent  ev,
            gboolean     typed)
{
  return typed || c->to_plain ? dd_attr_value_convert_typed (c, ev) : dd_attr_value_plain_to_typed (c, ev);
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
    typed = c->reading == DD_ATTR_READING_DETECT &&
            dd_attr_check_group_is_typed (&c->r, object, selector);
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

  if (body[0] == '\0' || c->n_paths >= DD_ATTR_MAX_PATHS)
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
    return dd_attr_value_error (c, dd_json_reader_token_start (&c->r),
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
  ok = conv_run (&c, dd_attr_value_convert_typed);
  conv_clear (&c);
  if (!ok)
    g_string_truncate (out, old_len);
  return ok;
}
