/* dd-attr-check.h: the checks dd-attr.c makes on attribute values.
 *
 * Internal to the core: number literals DynamoDB can hold, base64 text
 * for B and BS, and the duplicate search of a set.
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
