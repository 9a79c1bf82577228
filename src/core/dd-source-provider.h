/* dd-source-provider.h: the credentials provider for a DdSource.
 *
 * The public API is in dd-source.h (dd_source_create_provider); what the source's parts share
 * is in dd-source-private.h.
 */
#pragma once

#include "dd-source-private.h"
