/* dd-provider-cache.h: credentials reused until shortly before they expire.
 *
 * Wraps a provider: answers from the cache while the credentials are good
 * for more than the refresh margin (5 minutes), then refreshes. However
 * many requests arrive during a refresh, they all wait on that one. When a
 * refresh fails while the old credentials are still valid, those are used.
 * The clock is an input, so tests need not wait.
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_CACHE (dd_provider_cache_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderCache, dd_provider_cache, DD, PROVIDER_CACHE, GObject)

/* Returns the current time (UTC), full transfer. */
typedef GDateTime *(*DdNowFunc) (gpointer user_data);

DdCredentialsProvider *dd_provider_cache_new                (DdCredentialsProvider *inner);
DdCredentialsProvider *dd_provider_cache_get_inner          (DdProviderCache       *self);
/* NULL restores the real clock. */
void                   dd_provider_cache_set_now_func       (DdProviderCache       *self,
                                                             DdNowFunc              func,
                                                             gpointer               user_data,
                                                             GDestroyNotify         destroy);
/* Seconds before expiry at which credentials are refreshed (default 300). */
void                   dd_provider_cache_set_refresh_margin (DdProviderCache       *self,
                                                             gint64                 seconds);
/* Forgets the cached credentials: the next request refreshes. */
void                   dd_provider_cache_invalidate         (DdProviderCache       *self);
/* How many times the inner provider was asked (for tests and diagnostics). */
guint                  dd_provider_cache_get_refresh_count  (DdProviderCache       *self);

G_END_DECLS
