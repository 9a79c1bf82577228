/* dd-item-editor.h: a window to edit one item of a table, or write a new
 * one: a form of attribute rows (maps and lists open in place) and the
 * same item as JSON (plain or DynamoDB JSON), kept in sync.
 *
 * The key attributes of the table lead the form, marked, with the table's
 * types; a saved item's key cannot change. A type is never changed behind
 * the person's back: plain JSON that still fits an attribute's type keeps
 * it, and an edit that changes a type asks first.
 *
 * The editor writes nothing itself: "save" hands the item (DynamoDB JSON
 * text) to whoever opened it, who reviews, writes and answers with
 * dd_item_editor_set_loaded (saved) or dd_item_editor_set_message.
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "dd-attribute-row.h"

G_BEGIN_DECLS

#define DD_TYPE_ITEM_EDITOR (dd_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (DdItemEditor, dd_item_editor, DD, ITEM_EDITOR, AdwWindow)

/* loaded: the item as read (DynamoDB JSON), NULL for a new item; a new
 * item may be prefilled with template (a copy to duplicate). key_types
 * may be NULL. */
DdItemEditor   *dd_item_editor_new             (GtkWindow          *parent,
                                                const char         *table,
                                                const char * const *key_names,
                                                const char * const *key_types,
                                                const char         *loaded,
                                                const char         *template_item);

const char     *dd_item_editor_get_table       (DdItemEditor       *self);
/* NULL for a new item not saved yet. */
const char     *dd_item_editor_get_loaded      (DdItemEditor       *self);
const char * const *dd_item_editor_get_key_names (DdItemEditor     *self);
/* After a save: the item as written becomes the loaded one. */
void            dd_item_editor_set_loaded      (DdItemEditor       *self,
                                                const char         *loaded);
/* Shows item (DynamoDB JSON) in the form without changing the loaded
 * one: after a conflict, the person's version over the current item. */
void            dd_item_editor_set_item        (DdItemEditor       *self,
                                                const char         *item);
void            dd_item_editor_set_busy        (DdItemEditor       *self,
                                                gboolean            busy);
gboolean        dd_item_editor_get_busy        (DdItemEditor       *self);
/* A line above the form (NULL hides it). */
void            dd_item_editor_set_message     (DdItemEditor       *self,
                                                const char         *message);
const char     *dd_item_editor_get_message     (DdItemEditor       *self);

/* The item as edited now, from the page shown (typed). NULL with error
 * when the JSON cannot be read. */
JsonObject     *dd_item_editor_dup_item        (DdItemEditor       *self,
                                                GError            **error);
/* What stops a save (strings); empty when none. */
GPtrArray      *dd_item_editor_check           (DdItemEditor       *self);

/* The form, for tests and the person's keyboard. */
DdAttributeRow *dd_item_editor_find_row        (DdItemEditor       *self,
                                                const char         *name);
DdAttributeRow *dd_item_editor_add_attribute   (DdItemEditor       *self,
                                                const char         *name,
                                                JsonNode           *value);
gboolean        dd_item_editor_remove_attribute (DdItemEditor      *self,
                                                 const char        *name);
/* "form" or "json" */
const char     *dd_item_editor_get_page        (DdItemEditor       *self);
void            dd_item_editor_set_page        (DdItemEditor       *self,
                                                const char         *page);
char           *dd_item_editor_get_json_text   (DdItemEditor       *self);
void            dd_item_editor_set_json_text   (DdItemEditor       *self,
                                                const char         *text);
gboolean        dd_item_editor_get_typed       (DdItemEditor       *self);
void            dd_item_editor_set_typed       (DdItemEditor       *self,
                                                gboolean            typed);
/* The question open about changed types, or NULL. */
AdwMessageDialog *dd_item_editor_get_question  (DdItemEditor       *self);

/* Signal: "save" (const char *item): the item to write, DynamoDB JSON. */

G_END_DECLS
