/* dd-item-edit.h: what the item editor needs besides widgets, as pure
 * functions: reading the JSON tab's text back into a typed item without
 * changing a type behind the person's back, writing it out, checking a
 * value against its type and an item against the table's key schema.
 *
 * Items are json-glib objects of typed values ({"N": "12"}, ...): a typed
 * value keeps a number as its string, so no digit is lost in the tree.
 * Text is converted with dd-attr (exact numbers) before it is parsed.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The ten type codes, in the order the editor offers them. */
extern const char * const dd_item_edit_types[];
#define DD_ITEM_EDIT_N_TYPES 10

/* One type changed by an edit of the JSON text. */
typedef struct
{
  char *path;      /* "name", "name.member", "name[2]" */
  char *old_type;
  char *new_type;
} DdTypeChange;

void        dd_type_change_free          (DdTypeChange  *change);

/* The type code of a typed value ("S", ... "BS"), or NULL when value is
 * not a type descriptor. */
const char *dd_item_edit_type_of         (JsonNode      *value);

/* Reads text (the JSON tab) as a typed item. plain: the text is plain JSON
 * (numbers exact); else DynamoDB JSON. hint (nullable): the item before
 * the edit. With plain text, a value that fits the type its attribute had
 * keeps that type (an array of strings stays a string set, a base64
 * string stays binary, an array of numbers stays a number set, and so on
 * inside maps and lists). The types that still differ from hint are added
 * to changes (nullable; DdTypeChange). NULL with error for text that is
 * not an item. */
JsonObject *dd_item_edit_read_text       (const char    *text,
                                          gboolean       plain,
                                          JsonObject    *hint,
                                          GPtrArray     *changes,
                                          GError       **error);

/* The item as the JSON tab shows it: plain (numbers with all their
 * digits, sets as arrays, binary as base64) or DynamoDB JSON, indented. */
char       *dd_item_edit_write_text      (JsonObject    *item,
                                          gboolean       plain);

/* The item as compact DynamoDB JSON. */
char       *dd_item_edit_to_typed_text   (JsonObject    *item);
/* Parses DynamoDB JSON text of an item; NULL with error. */
JsonObject *dd_item_edit_parse_typed     (const char    *text,
                                          gssize         len,
                                          GError       **error);

/* Whether text is a valid value of a scalar type (S, N, B, BOOL as
 * "true"/"false", NULL); reason (optional) says why not, translated. */
gboolean    dd_item_edit_scalar_is_valid (const char    *type,
                                          const char    *text,
                                          const char   **reason);

/* Sentences (translated) about what is wrong with item's key: a key
 * attribute missing, of another type than the table's, empty or invalid.
 * key_names and key_types (nullable: types not checked) are parallel and
 * NULL-terminated. Empty array when the key is fine. */
GPtrArray  *dd_item_edit_check_key       (JsonObject         *item,
                                          const char * const *key_names,
                                          const char * const *key_types);

/* The key of item (typed, compact), NULL when a key attribute is missing. */
char       *dd_item_edit_key_text        (JsonObject         *item,
                                          const char * const *key_names);

/* A typed value with an empty content for type ({"S": ""}, {"M": {}}, ...). */
JsonNode   *dd_item_edit_new_value       (const char    *type);

/* value turned into type, as far as it goes, for a type the person picked
 * in the form: scalar text is kept (a number set from "1" is ["1"]), a
 * set's members become a list's elements and back, a list becomes a map
 * with members "0", "1"... and a map's values a list. */
JsonNode   *dd_item_edit_convert         (JsonNode      *value,
                                          const char    *type);

/* The person's line of changes in the diff dialog: "+ name", "- name",
 * "~ name" followed by a short form of the values. */
char       *dd_item_edit_format_value    (const char    *typed_value,
                                          guint          max_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTypeChange, dd_type_change_free)

G_END_DECLS
