/* dd-request-explain.h: the checks behind dd_request_explain_problems ().
 *
 * Internal to the core.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-types.h"

G_BEGIN_DECLS

/* Adds to problems (of strings) one sentence for each thing in request
 * that DynamoDB would refuse for op. */
void dd_request_explain_check (const DdOperation *op,
                               JsonObject        *request,
                               GPtrArray         *problems);

G_END_DECLS
