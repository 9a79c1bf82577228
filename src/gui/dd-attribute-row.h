/* dd-attribute-row.h: one attribute of the item editor's form: name, type
 * and value; a map's members and a list's elements are rows of their own
 * below it, shown by its expander.
 *
 * Values are typed json-glib nodes (dd-item-edit.h). A number is kept as
 * the text typed, binary as its base64, a set as its members (one a line).
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DD_TYPE_ATTRIBUTE_ROW (dd_attribute_row_get_type ())

G_DECLARE_FINAL_TYPE (DdAttributeRow, dd_attribute_row, DD, ATTRIBUTE_ROW, GtkWidget)

/* index >= 0: an element of a list (no name); -1: a named attribute. */
GtkWidget      *dd_attribute_row_new           (const char     *name,
                                                JsonNode       *value,
                                                int             index);

const char     *dd_attribute_row_get_name      (DdAttributeRow *self);
const char     *dd_attribute_row_get_type_code (DdAttributeRow *self);
/* The value as the row holds it now (typed); a new node. */
JsonNode       *dd_attribute_row_dup_value     (DdAttributeRow *self);
/* Changes the type as the dropdown would (the value converted). */
void            dd_attribute_row_set_type_code (DdAttributeRow *self,
                                                const char     *type);
/* The text of a scalar value (S, N, B) or the set's lines. */
void            dd_attribute_row_set_text      (DdAttributeRow *self,
                                                const char     *text);

/* Marks the row as a key attribute ("Partition key", "Sort key") with the
 * table's type: name and type fixed, no removal; value_locked: the value
 * cannot change either (the key of a saved item). */
void            dd_attribute_row_set_key       (DdAttributeRow *self,
                                                const char     *label,
                                                const char     *type,
                                                gboolean        value_locked);
gboolean        dd_attribute_row_get_is_key    (DdAttributeRow *self);

/* Adds to problems (strings) what is wrong with this row and the rows
 * below it: an empty or repeated name, a value its type cannot hold, an
 * empty set or a repeated member. Shows the first under the row. */
void            dd_attribute_row_check         (DdAttributeRow *self,
                                                GPtrArray      *problems);

/* The member rows of a map or list (a GtkBox of DdAttributeRow). */
GtkWidget      *dd_attribute_row_get_children_box (DdAttributeRow *self);
void            dd_attribute_row_set_expanded  (DdAttributeRow *self,
                                                gboolean        expanded);
/* The row of a member of a map (by name) or element of a list ("0", "1"). */
DdAttributeRow *dd_attribute_row_find_child    (DdAttributeRow *self,
                                                const char     *name);

/* Signals: "changed" (anything in the row or below), "remove" (its remove
 * button). */

G_END_DECLS
