/* dd-window-private.h: the window's state, shared by dd-window.c and
 * dd-window-actions.c. */
#pragma once

#include "dd-connection-dialog.h"
#include "dd-pager.h"
#include "dd-query-editor.h"
#include "dd-results-view.h"
#include "dd-sidebar.h"
#include "dd-window.h"

G_BEGIN_DECLS

struct _DdWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkPaned             *paned;
  DdSidebar            *sidebar;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  GtkPaned             *workspace_paned;
  DdQueryEditor        *editor;
  DdResultsView        *results;

  DdSourceStore        *sources;
  DdQueryStore         *queries;
  GSettings            *settings;
  DdSource             *source;          /* the selected one */
  DdConnectionDialog   *dialog;

  /* the request running, d-spy style */
  GCancellable         *cancellable;
  DdPager              *pager;
  const DdOperation    *run_op;
  char                 *run_text;
  char                 *run_table;
  char                 *run_source_id;
  gint64                run_started;
  gulong                page_handler;
  guint                 busy : 1;
};

void _dd_window_class_actions_init (GtkWidgetClass *widget_class);
void _dd_window_actions_update     (DdWindow       *self);
void _dd_window_toast              (DdWindow       *self,
                                    const char     *message);
void _dd_window_show_source        (DdWindow       *self,
                                    DdSource       *source);

/* dd-window-items*.c, dd-window-tables.c: item and table actions */
void _dd_window_class_items_init   (GtkWidgetClass *widget_class);
void _dd_window_items_init         (DdWindow       *self);
void _dd_window_items_update       (DdWindow       *self);

/* dd-window-run.c */
void _dd_window_run                (DdWindow       *self);
void _dd_window_cancel             (DdWindow       *self);
void _dd_window_load_more          (DdWindow       *self);
void _dd_window_fetch_all          (DdWindow       *self);

/* dd-window-demo.c: "empty", "dialog-iam-keys", "dialog-instance-profile",
 * "dialog-role-arn", "dialog-profile", "scan", "tree", "error" */
void _dd_window_open_state         (DdWindow       *self,
                                    const char     *state);

G_END_DECLS
