/* dd-wipe.h: freeing strings that held a secret.
 *
 * Internal to the core: tokens, secret keys and MFA codes are zeroed
 * before their memory goes back to the allocator.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Zeroes the string secret (may be NULL), then frees it. */
void dd_wipe_free (char *secret);

G_END_DECLS
