/* dd-item-compare.h: items compared as DynamoDB compares them.
 *
 * Values are equal as DynamoDB sees them: numbers by value ("1.50" =
 * "1.5"), sets as sets, binary by its bytes, maps and lists member by
 * member. Differences per attribute are what a person reviews before a
 * save; condition expressions hold an item to a state (every attribute
 * equal, maps and lists compared member by member with their size, which
 * means the same on DynamoDB and on servers that cannot compare whole
 * documents) with a placeholder for every name.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-types.h"

G_BEGIN_DECLS

/* --- Differences between two items, for the person to review --- */

typedef enum
{
  DD_ITEM_DIFF_ADDED,
  DD_ITEM_DIFF_REMOVED,
  DD_ITEM_DIFF_CHANGED,
} DdItemDiffKind;

typedef struct
{
  DdItemDiffKind  kind;
  char           *name;
  char           *old_value;  /* typed JSON of the value; NULL when added */
  char           *new_value;  /* NULL when removed */
} DdItemDiff;

void          dd_item_diff_free              (DdItemDiff  *diff);

/* Per attribute, sorted by name. Values are compared as DynamoDB does:
 * numbers by value ("1.50" = "1.5"), sets as sets (order does not count),
 * binary by its bytes, maps and lists member by member. old_item NULL: all
 * attributes are added. Errors: DD_ERROR_INVALID_INPUT when an item is not
 * DynamoDB JSON. */
GPtrArray    *dd_item_diff                   (const char  *old_item,
                                              const char  *new_item,
                                              GError     **error);
GPtrArray    *dd_item_diff_objects           (JsonObject  *old_item,
                                              JsonObject  *new_item);
/* text as a JSON object, or NULL with DD_ERROR_INVALID_INPUT naming what
 * it is ("loaded item"). */
JsonObject   *dd_item_parse                  (const char  *text,
                                              const char  *what,
                                              GError     **error);
/* Two typed attribute values (json-glib nodes) equal as DynamoDB sees it. */
gboolean      dd_item_values_equal           (JsonNode    *a,
                                              JsonNode    *b);
/* Two typed items (or maps) with the same attributes, each equal. */
gboolean      dd_item_objects_equal          (JsonObject  *a,
                                              JsonObject  *b);

/* --- Condition expressions --- */

typedef struct
{
  JsonObject *names;   /* ExpressionAttributeNames being built */
  JsonObject *values;  /* ExpressionAttributeValues being built */
} DdCondition;

DdCondition  *dd_condition_new               (void);
void          dd_condition_free              (DdCondition *self);
/* The placeholder of an attribute name ("#n0"); the same name gets the
 * same placeholder. */
const char   *dd_condition_name              (DdCondition *self,
                                              const char  *name);
/* A new value placeholder (":v0") for a typed value (copied). */
char         *dd_condition_value             (DdCondition *self,
                                              JsonNode    *value);
/* "every attribute of item (a typed item) is equal", e.g.
 * "(#n0 = :v0 AND size(#n1) = :v1 AND #n1.#n2 = :v2)"; "" for an empty
 * item. */
char         *dd_condition_item_equals       (DdCondition *self,
                                              JsonObject  *item);
/* "attribute_not_exists(#n0) AND ..." for the given names. */
char         *dd_condition_absent            (DdCondition *self,
                                              const char * const *names);
/* Puts ConditionExpression (when expression is not empty) and the names
 * and values (when any) into request. FALSE with DD_ERROR_INVALID_INPUT
 * when an expression is longer than DynamoDB accepts. */
gboolean      dd_condition_apply             (DdCondition *self,
                                              JsonObject  *request,
                                              const char  *member,
                                              const char  *expression,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCondition, dd_condition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdItemDiff, dd_item_diff_free)

G_END_DECLS
