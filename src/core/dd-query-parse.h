/* dd-query-parse.h: a Query or Scan request back into a DdQuerySpec
 * (dd-query-builder.h), so a form can show the JSON after it was edited.
 * It refuses, saying why, what a form cannot show. */
#pragma once

#include "dd-query-builder.h"

G_BEGIN_DECLS

/* Reads a request back. kind says which operation it is for. Errors:
 * DD_ERROR_INVALID_JSON for text that is not JSON; DD_ERROR_INVALID_INPUT,
 * with the reason, for a request a form cannot show (a field it has no
 * place for, an expression not made of the form's conditions joined by
 * AND, a placeholder not defined, a value of a type it cannot edit...).
 * In a Query's key condition the first "=" is the partition key and the
 * other condition, if any, the sort key. */
DdQuerySpec *dd_query_spec_from_json (DdQueryKind   kind,
                                      const char   *json,
                                      GError      **error);

G_END_DECLS
