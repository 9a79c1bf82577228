/* dd-attr.h: attribute values, plain JSON <-> DynamoDB JSON.
 *
 * Types: S, N, B, BOOL, NULL, M, L, SS, NS, BS. Numbers stay exact: a
 * number literal keeps its text from the input to the output; it is never
 * passed through a double. Only a number DynamoDB cannot hold (more than 38
 * significant digits, magnitude outside 1E-130..9.99E+125) is refused.
 *
 * Documents are converted as text. Which fields of a document carry
 * attribute values is given by paths (dd-operation.h holds them per
 * operation):
 *   - segments are separated by '.';
 *   - "*" matches any member of an object, "[]" every element of an array;
 *   - the path addresses an item (an object of name -> attribute value),
 *     unless it ends in "@", when it addresses single attribute values.
 * Examples: "Item", "Key", "ExpressionAttributeValues", "Items.[]",
 * "RequestItems.*.[].PutRequest.Item", "Parameters.[]@".
 * A path that does not match the document is ignored.
 *
 * Errors are DD_ERROR_INVALID_JSON with "line L, column C: ..." (1-based)
 * for malformed text, DD_ERROR_INVALID_INPUT with the location and the
 * attribute for a value that cannot be converted.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

/* Plain (or mixed, or typed) request text -> wire text, every addressed
 * item typed. With DD_ATTR_READING_DETECT an item is taken as typed only
 * when all its values are type descriptors. Other fields are copied as they
 * are (number literals included). */
char     *dd_attr_document_to_typed  (const char          *text,
                                      gssize               len,
                                      const char * const  *paths,
                                      DdAttrReading        reading,
                                      GError             **error);

/* Wire (typed) text -> plain text: every addressed item written as plain
 * JSON (N as a number literal with exactly its digits, sets as arrays, B
 * as its base64 text). Other fields are copied as they are. */
char     *dd_attr_document_to_plain  (const char          *text,
                                      gssize               len,
                                      const char * const  *paths,
                                      GError             **error);

/* One item (an object of attribute values). */
char     *dd_attr_item_to_typed      (const char          *text,
                                      gssize               len,
                                      DdAttrReading        reading,
                                      GError             **error);
char     *dd_attr_item_to_plain      (const char          *text,
                                      gssize               len,
                                      GError             **error);

/* TRUE when text (a number literal or an N string) is a number DynamoDB
 * can hold; otherwise FALSE with reason (optional out) saying why. */
gboolean  dd_attr_number_is_valid    (const char          *text,
                                      gsize                len,
                                      const char         **reason);

/* Appends one typed attribute value (its JSON text, e.g. {"N":"1.5"}) as
 * plain JSON to out. Returns FALSE with error when it is not a valid
 * attribute value. Used by writers that stream (CSV, JSON Lines). */
gboolean  dd_attr_value_append_plain (GString             *out,
                                      const char          *typed_value,
                                      gssize               len,
                                      GError             **error);

G_END_DECLS
