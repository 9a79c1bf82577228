/* dd-namespace-probe.h: finding tables on DynamoDB Local.
 *
 * DynamoDB Local keeps a separate database for each access key id and
 * region unless it was started with -sharedDb, so a connection with other
 * keys than the ones that created the tables sees none. For a custom
 * endpoint on this machine: a hint for an empty table list, and a probe
 * that lists tables with the usual combinations of region (the
 * connection's, us-east-1, "local") and key id (the connection's,
 * fakeMyKeyId, local, dummy, AKIAIOSFODNN7EXAMPLE), a few at a time, and
 * says which have tables, so the person can switch to one.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     *region;
  char     *access_key_id;
  guint     table_count;     /* in the first page (up to 100) */
  gboolean  more;            /* more tables than table_count */
  GStrv     first_names;     /* up to 5 */
  gboolean  current;         /* the connection's own region and key id */
} DdNamespaceHit;

void     dd_namespace_hit_free                (DdNamespaceHit *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdNamespaceHit, dd_namespace_hit_free)

/* TRUE for an endpoint on this machine (localhost, a loopback address,
 * 0.0.0.0). */
gboolean dd_namespace_probe_is_local_endpoint (const char     *endpoint);
/* The explanation to show when ListTables on endpoint came back empty, or
 * NULL when endpoint is not local. */
char    *dd_namespace_probe_empty_hint        (const char     *endpoint,
                                               const char     *access_key_id,
                                               const char     *region);

#define DD_TYPE_NAMESPACE_PROBE (dd_namespace_probe_get_type ())

G_DECLARE_FINAL_TYPE (DdNamespaceProbe, dd_namespace_probe, DD, NAMESPACE_PROBE, GObject)

/* region and access_key_id: the connection's own (either may be NULL). */
DdNamespaceProbe *dd_namespace_probe_new                (const char           *endpoint,
                                                         const char           *region,
                                                         const char           *access_key_id);
/* The combinations tried, in order: regions × key ids, without repeats. */
const char *const *dd_namespace_probe_get_regions       (DdNamespaceProbe     *self);
const char *const *dd_namespace_probe_get_access_key_ids (DdNamespaceProbe    *self);
/* Requests at once (default 4) and seconds each may take (default 5). */
void              dd_namespace_probe_set_max_concurrent (DdNamespaceProbe     *self,
                                                         guint                 max_concurrent);
void              dd_namespace_probe_set_timeout        (DdNamespaceProbe     *self,
                                                         guint                 seconds);

/* DdNamespaceHit elements for the combinations that have tables, in the
 * order tried. An error only when every combination failed (the first
 * one's) or on cancellation. */
void              dd_namespace_probe_run_async          (DdNamespaceProbe     *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray        *dd_namespace_probe_run_finish         (DdNamespaceProbe     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
