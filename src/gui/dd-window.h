/* dd-window.h: the main window: the sources sidebar, the editor of the
 * selected source and its results. */
#pragma once

#include <adwaita.h>

#include "dd-application.h"
#include "dd-mfa-prompt.h"
#include "dd-query-store.h"
#include "dd-source-store.h"

G_BEGIN_DECLS

#define DD_TYPE_WINDOW (dd_window_get_type ())

G_DECLARE_FINAL_TYPE (DdWindow, dd_window, DD, WINDOW, AdwApplicationWindow)

DdWindow  *dd_window_new                (DdApplication *application,
                                         DdSourceStore *sources,
                                         DdQueryStore  *queries);

/* For tests and screenshots. */
GtkWidget *dd_window_get_sidebar        (DdWindow      *self);
/* Where MFA codes are asked, and the DynamoDB Local bar (tests). */
DdMfaPrompt *dd_window_get_mfa_prompt   (DdWindow      *self);
GtkWidget *dd_window_get_namespace_bar  (DdWindow      *self);
GtkWidget *dd_window_get_editor         (DdWindow      *self);
GtkWidget *dd_window_get_results        (DdWindow      *self);
/* "empty", "select" or "workspace" */
const char *dd_window_get_content_page  (DdWindow      *self);
/* The connection dialog open now, or NULL. */
GtkWidget *dd_window_get_dialog         (DdWindow      *self);
/* Whether a request (or a fetch of pages) is running. */
gboolean   dd_window_get_busy           (DdWindow      *self);
/* Saves the editor's request under name for the selected source. */
gboolean   dd_window_save_query         (DdWindow      *self,
                                         const char    *name,
                                         GError       **error);
/* Opens the n-th most recent run of the selected source. */
gboolean   dd_window_open_run           (DdWindow      *self,
                                         guint          position);
/* The selected source's colour badge in the content header (hidden
 * without a colour). */
GtkWidget *dd_window_get_color_badge    (DdWindow      *self);
/* Opens a saved query of the selected source. */
gboolean   dd_window_open_query         (DdWindow      *self,
                                         const char    *name);

G_END_DECLS
