/* dd-source-json.h: an entry of sources.json for a DdSource.
 *
 * The public API is in dd-source.h (dd_source_new_from_json,
 * dd_source_to_json); what the source's parts share
 * is in dd-source-private.h.
 */
#pragma once

#include "dd-source-private.h"
