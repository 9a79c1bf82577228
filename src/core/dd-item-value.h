/* dd-item-value.h: reading one item's DynamoDB JSON in place.
 *
 * An item is the text of an object of attribute values as a result page
 * holds it (dd-page.h): valid JSON, checked when the page was parsed. These
 * functions scan that text where it lies, without a tree, so that sorting
 * and filtering a million items touches only the bytes they need. They
 * allocate only to unescape a string that has escapes.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

/* The attribute value types, in the order a sort puts them when a column
 * holds several types; a missing attribute comes last. */
typedef enum
{
  DD_ITEM_TYPE_N,
  DD_ITEM_TYPE_S,
  DD_ITEM_TYPE_B,
  DD_ITEM_TYPE_BOOL,
  DD_ITEM_TYPE_NULL,
  DD_ITEM_TYPE_SS,
  DD_ITEM_TYPE_NS,
  DD_ITEM_TYPE_BS,
  DD_ITEM_TYPE_L,
  DD_ITEM_TYPE_M,
  DD_ITEM_TYPE_MISSING,
} DdItemType;

/* One attribute value, pointing into the item text. For S, N and B, text
 * is the string's contents between the quotes (still escaped when escaped
 * is TRUE); for BOOL and NULL the literal; for sets, L and M the JSON text
 * of the array or object. */
typedef struct
{
  DdItemType  type;
  const char *text;
  gsize       len;
  gboolean    escaped;
} DdItemValue;

/* "S", "N", ... for a type, NULL for DD_ITEM_TYPE_MISSING. */
const char *dd_item_type_to_string          (DdItemType         type);

/* Offset in item of the value (the '{' of the type descriptor) of the
 * top-level attribute name, or -1 when the item has no such attribute. */
gssize      dd_item_value_find              (const char        *item,
                                             gsize              len,
                                             const char        *name);

/* Reads the attribute value (a type descriptor object) that starts at
 * value. FALSE when it is not one; out is then DD_ITEM_TYPE_MISSING. */
gboolean    dd_item_value_read              (const char        *value,
                                             gsize              len,
                                             DdItemValue       *out);

/* Compares two decimal number texts exactly (sign, digits, fraction,
 * exponent; "1.50" equals "15E-1"), never through a double. A text that is
 * not a number sorts before every number. Returns <0, 0 or >0. */
int         dd_item_value_compare_numbers   (const char        *a,
                                             gsize              a_len,
                                             const char        *b,
                                             gsize              b_len);

/* The sort order of values: by type (the DdItemType order), then N as
 * decimals, S by code point, B by its bytes, BOOL false before true, and
 * sets, L and M by their JSON text. */
int         dd_item_value_compare           (const DdItemValue *a,
                                             const DdItemValue *b);

/* A value made ready for many comparisons: a number is parsed once. */
typedef struct
{
  DdItemValue  value;
  gboolean     number_ok;
  int          sign;
  gint64       exp10;
  const char  *digits;
  const char  *digits_end;
} DdItemSortKey;

void        dd_item_sort_key_init           (DdItemSortKey       *key,
                                             const DdItemValue   *value);
/* The same order as dd_item_value_compare () on the values. */
int         dd_item_sort_key_compare        (const DdItemSortKey *a,
                                             const DdItemSortKey *b);

/* TRUE when a string in one of the item's values (S, N, B and the members
 * of sets, lists and maps, never a name or a type tag) contains needle,
 * ASCII letters compared without case. */
gboolean    dd_item_value_contains_text     (const char        *item,
                                             gsize              len,
                                             const char        *needle,
                                             gsize              needle_len);

/* Appends the value for display: S and B as their (unescaped) text, N as
 * its digits, BOOL and NULL as true, false or null; sets, L and M as
 * compact plain JSON (numbers as literals with exactly their digits). */
void        dd_item_value_append_display    (GString           *out,
                                             const DdItemValue *value);

G_END_DECLS
