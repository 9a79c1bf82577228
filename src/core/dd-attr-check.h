/* dd-attr-check.h: the checks dd-attr.c makes on attribute values.
 *
 * Internal to the core: number literals DynamoDB can hold, base64 text
 * for B and BS, the duplicate search of a set, and the type names with a
 * silent reading of type descriptors (for DD_ATTR_READING_DETECT).
 */
#pragma once

#include <glib.h>

#include "dd-json.h"

G_BEGIN_DECLS

/* The size of the buffer dd_attr_check_number () fills with a canonical form. */
#define DD_ATTR_NUMBER_CANON_MAX 64

/* One element of a set: its canonical text in a shared buffer, and where
 * the element starts in the input (for error messages). */
typedef struct
{
  gsize  offset;
  gsize  len;
  gsize  token_start;
} DdAttrSetItem;

/* NULL when p is a JSON number literal DynamoDB can hold, else why not.
 * canon (DD_ATTR_NUMBER_CANON_MAX bytes, optional) receives a form equal
 * for equal numbers. */
const char          *dd_attr_check_number        (const char    *p,
                                                  gsize          n,
                                                  char          *canon);

gboolean             dd_attr_check_base64        (const char    *p,
                                                  gsize          n);

/* items: DdAttrSetItem into text. The later of two equal elements, or
 * NULL. May reorder items. */
const DdAttrSetItem *dd_attr_check_set_duplicate (const GString *text,
                                                  GArray        *items);

typedef enum
{
  DD_ATTR_TYPE_S,
  DD_ATTR_TYPE_N,
  DD_ATTR_TYPE_B,
  DD_ATTR_TYPE_BOOL,
  DD_ATTR_TYPE_NULL,
  DD_ATTR_TYPE_M,
  DD_ATTR_TYPE_L,
  DD_ATTR_TYPE_SS,
  DD_ATTR_TYPE_NS,
  DD_ATTR_TYPE_BS,
  DD_ATTR_TYPE_NONE,
} DdAttrType;

/* Indexed by DdAttrType, up to DD_ATTR_TYPE_BS. */
extern const char * const dd_attr_type_names[];
extern const guint8       dd_attr_type_name_lengths[];

DdAttrType           dd_attr_check_type           (const char         *name,
                                                   gsize               n);
/* The type named by the key token the reader is on. */
DdAttrType           dd_attr_check_key_type       (const DdJsonReader *r);
/* Reads the value that starts with ev, with no error: is it a type
 * descriptor? */
gboolean             dd_attr_check_is_descriptor  (DdJsonReader       *r,
                                                   DdJsonEvent         ev);
/* On a copy of reader, just inside a container: are all its members that
 * selector selects ("*", a name, or any element of an array) type
 * descriptors? */
gboolean             dd_attr_check_group_is_typed (const DdJsonReader *reader,
                                                   gboolean            object,
                                                   const char         *selector);

G_END_DECLS
