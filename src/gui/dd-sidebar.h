/* dd-sidebar.h: the saved data sources, each expandable to its tables
 * (loaded when first expanded) and saved queries.
 *
 * The sidebar keeps a DdSession per source (its client and tables).
 */
#pragma once

#include <adwaita.h>

#include "dd-query-store.h"
#include "dd-session.h"
#include "dd-sidebar-item.h"
#include "dd-source-store.h"

G_BEGIN_DECLS

#define DD_TYPE_SIDEBAR (dd_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (DdSidebar, dd_sidebar, DD, SIDEBAR, AdwBin)

GtkWidget  *dd_sidebar_new                 (void);
void        dd_sidebar_set_stores          (DdSidebar     *self,
                                            DdSourceStore *sources,
                                            DdQueryStore  *queries);
/* The session of a source (made on first use). */
DdSession  *dd_sidebar_get_session         (DdSidebar     *self,
                                            DdSource      *source);
/* Forgets the session of a removed or edited source. */
/* Given to each session made after this call. */
void        dd_sidebar_set_mfa_prompt      (DdSidebar     *self,
                                            DdMfaPrompt   *prompt);
void        dd_sidebar_forget_session      (DdSidebar     *self,
                                            const char    *source_id);
DdSource   *dd_sidebar_get_selected_source (DdSidebar     *self);
gboolean    dd_sidebar_select_source       (DdSidebar     *self,
                                            const char    *source_id);
/* Expands or collapses a source's row. */
void        dd_sidebar_set_expanded        (DdSidebar     *self,
                                            const char    *source_id,
                                            gboolean       expanded);
/* The rows shown (a GtkTreeListModel). */
GListModel *dd_sidebar_get_rows            (DdSidebar     *self);
/* Selects row n, as a click would. */
void        dd_sidebar_select_row          (DdSidebar     *self,
                                            guint          position);

G_END_DECLS
