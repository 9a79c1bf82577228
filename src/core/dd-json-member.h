/* dd-json-member.h: typed members of a json-glib object.
 *
 * Internal to the core: the small answers and files the core reads with
 * json-glib (SSO, credential endpoints, requests) ask for a member of one
 * type and take anything else as missing, and write optional members.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string member name of object, or NULL when object is NULL or the
 * member is missing or not a string. */
const char *dd_json_member_string (JsonObject *object,
                                   const char *name);

/* The same, or fallback where dd_json_member_string gives NULL. */
const char *dd_json_member_string_or (JsonObject *object,
                                      const char *name,
                                      const char *fallback);

/* The integer member name of object, or fallback when object is NULL or
 * the member is missing or not an integer. */
gint64      dd_json_member_int    (JsonObject *object,
                                   const char *name,
                                   gint64      fallback);

/* Adds the string member name to the object builder is in, unless value
 * is NULL. */
void        dd_json_member_add_string (JsonBuilder *builder,
                                       const char  *name,
                                       const char  *value);

G_END_DECLS
