/* dd-query-form-filter.h: the filter rows of DdQueryForm.
 *
 * The public API is in dd-query-form.h (dd_query_form_add_filter,
 * dd_query_form_clear_filters); what the form's parts share is in
 * dd-query-form-private.h.
 */
#pragma once

#include "dd-query-form-private.h"
