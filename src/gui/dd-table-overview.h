/* dd-table-overview.h: one table at a glance, from DescribeTable and
 * DescribeTimeToLive: keys, billing, item count (refreshed by DynamoDB
 * about every six hours), size, stream, creation date, ARN, each index
 * with its keys, projection, status and size, and TTL. Its menu asks to
 * change capacity, TTL, or delete the table (after its name is typed);
 * the overview sends nothing itself but emits the request to make. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_TABLE_OVERVIEW (dd_table_overview_get_type ())

G_DECLARE_FINAL_TYPE (DdTableOverview, dd_table_overview, DD, TABLE_OVERVIEW, AdwWindow)

GtkWidget  *dd_table_overview_new            (GtkWindow       *parent,
                                              const char      *source_name,
                                              const char      *table);
const char *dd_table_overview_get_table      (DdTableOverview *self);
void        dd_table_overview_set_describe   (DdTableOverview *self,
                                              const char      *describe);
/* The DescribeTimeToLive answer, or NULL with message (why it is unknown). */
void        dd_table_overview_set_ttl        (DdTableOverview *self,
                                              const char      *ttl,
                                              const char      *message);
void        dd_table_overview_set_busy       (DdTableOverview *self,
                                              gboolean         busy);
/* "title: value" lines of everything shown, for tests. */
char       *dd_table_overview_dup_text       (DdTableOverview *self);
/* The dialog opened by the menu, or NULL. */
AdwMessageDialog *dd_table_overview_get_dialog (DdTableOverview *self);

/* Pure helpers: an index's line ("keys · projection · status · size")
 * per index of a DescribeTable answer, as "name\tdetails"; the TTL text. */
GPtrArray  *dd_table_overview_index_lines    (const char      *describe);
char       *dd_table_overview_ttl_text       (const char      *ttl);

/* Signals: "refresh"; "request" (const char *action, const char *body):
 * UpdateTable, UpdateTimeToLive or DeleteTable to send. */

G_END_DECLS
