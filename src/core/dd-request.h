/* dd-request.h: from the editor's or the command line's text to the body
 * DynamoDB receives.
 *
 * The text is plain, typed or mixed JSON (dd-attr.h); the body is the wire
 * form, every attribute value typed. A TableName that is missing, or that
 * is still a template's placeholder ("<table_name>"), is filled from the
 * table the person chose. Pagination and parallel scan set their fields on
 * a body already built. Problems DynamoDB would refuse, when they are cheap
 * to see, are explained before the call.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

/* Builds the wire body of op from text (len -1: NUL-terminated).
 * table (nullable) fills TableName when the request lacks one, or has the
 * placeholder, and op takes a table. Empty text means {} for an operation
 * flagged DD_OPERATION_FLAG_MAY_BE_EMPTY.
 * Errors: DD_ERROR_INVALID_JSON with "line L, column C: ..." for malformed
 * text; DD_ERROR_INVALID_INPUT for an empty request, a request that is not
 * a JSON object (with its line and column), a value dd-attr cannot convert,
 * or a missing TableName. */
GBytes   *dd_request_build            (const DdOperation  *op,
                                       const char         *text,
                                       gssize              len,
                                       const char         *table,
                                       DdAttrReading       reading,
                                       GError            **error);

/* body with op's pagination input key (ExclusiveStartKey,
 * ExclusiveStartTableName, NextToken) set to start_key_json: the raw JSON
 * of a LastEvaluatedKey (an object), or for a string key a JSON string or
 * the bare text (a table name, a token). NULL start_key_json removes the
 * key. Errors: DD_ERROR_INVALID_INPUT when op does not paginate or the body
 * is not a JSON object; DD_ERROR_INVALID_JSON for a malformed key. */
char     *dd_request_with_start_key   (const DdOperation  *op,
                                       GBytes             *body,
                                       const char         *start_key_json,
                                       GError            **error);

/* body with Segment and TotalSegments set, for a parallel Scan.
 * 1 <= total <= 1000000 and segment < total, else DD_ERROR_INVALID_INPUT. */
char     *dd_request_with_segment     (GBytes             *body,
                                       guint               segment,
                                       guint               total,
                                       GError            **error);

/* Looks for what DynamoDB will refuse in body (a built request of op) when
 * it is cheap to see: a CreateTable whose key schemas and
 * AttributeDefinitions do not match (an attribute defined but in no key, a
 * key attribute not defined, a local secondary index on a table without a
 * sort key...), missing capacity, a required field missing, expression
 * values or names used but not given, or given but not used.
 * Returns TRUE when there are problems; then *problems (optional) receives
 * an array of human-readable sentences (free with g_ptr_array_unref).
 * FALSE and *problems NULL when none are seen, or body is not a JSON
 * object (dd_request_build reports that). */
gboolean  dd_request_explain_problems (const DdOperation  *op,
                                       GBytes             *body,
                                       GPtrArray         **problems);

G_END_DECLS
