/* dd-attr-value.h: the conversion state of dd-attr.c, and single values.
 *
 * Internal to dd-attr*.c. A Conv reads one text with a DdJsonReader and
 * writes compact JSON to out; the value functions convert the value that
 * starts with the event they are given, typed to typed or plain
 * (Conv.to_plain) or plain to typed.
 */
#pragma once

#include <string.h>

#include "dd-attr.h"
#include "dd-attr-check.h"
#include "dd-json.h"

G_BEGIN_DECLS

#define DD_ATTR_MAX_PATHS 64

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
  DdJsonReader   r;
  const char    *text;
  gsize          len;
  GString       *out;
  gboolean       comma;      /* a ',' goes before the next member or element */
  gboolean       to_plain;   /* addressed values are typed and written plain */
  guint          extra_depth; /* levels the output has beyond the reader's depth */
  DdAttrReading  reading;
  AttrPath       paths[DD_ATTR_MAX_PATHS];
  guint          n_paths;
  WhereKind      where;      /* the attribute an error is about */
  gsize          where_key;
  gsize          where_key_len;
  guint          where_index;
  GString       *scratch;
  GString       *set_text;
  GArray        *set_items;  /* DdAttrSetItem */
  GError       **error;
} Conv;

/* Converts the value that starts with ev. */
typedef gboolean (*ConvertFunc) (Conv *c, DdJsonEvent ev);

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
emit_descriptor_open (Conv       *c,
                      DdAttrType  type)
{
  emit_sep (c);
  OUT_LITERAL (c, "{\"");
  out_append (c->out, dd_attr_type_names[type], dd_attr_type_name_lengths[type]);
  OUT_LITERAL (c, "\":");
  c->comma = FALSE;
}

static inline DdJsonEvent
next (Conv *c)
{
  return dd_json_reader_next (&c->r, c->error);
}

/* Errors carry the attribute the conversion is in (Conv.where). */
gboolean dd_attr_value_error          (Conv        *c,
                                       gsize        offset,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* A type descriptor, checked, written typed or plain (Conv.to_plain). */
gboolean dd_attr_value_convert_typed  (Conv        *c,
                                       DdJsonEvent  ev);

/* A plain value, written typed. */
gboolean dd_attr_value_plain_to_typed (Conv        *c,
                                       DdJsonEvent  ev);

G_END_DECLS
