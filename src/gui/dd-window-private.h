/* dd-window-private.h: the window's state, shared by dd-window.c and
 * dd-window-actions.c. */
#pragma once

#include "dd-connection-dialog.h"
#include "dd-mfa-prompt.h"
#include "dd-namespace-bar.h"
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
  GtkBox               *banner_box;
  DdMfaPrompt          *mfa_prompt;
  DdNamespaceBar       *namespace_bar;

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

  /* fetching pages (dd-window-run.c): stop once the results hold this
   * many items (0: no target); whether the stop was that (or the cap) */
  guint64               fetch_target;
  gint64                fetch_started;
  guint                 fetch_stopped : 1;
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

/* dd-window-forms.c: the query form's table descriptions */
void _dd_window_forms_init         (DdWindow       *self);

/* dd-window-run.c */
void _dd_window_run                (DdWindow       *self);
void _dd_window_cancel             (DdWindow       *self);
void _dd_window_load_more          (DdWindow       *self);
void _dd_window_fetch_all          (DdWindow       *self);

/* dd-window-run.c: Fetch All (after asking, for a Scan) or, with
 * more_items, until the results hold that many more items. */
void _dd_window_fetch              (DdWindow       *self,
                                    guint64         more_items);
/* The body of the request last run, built again (for an export). */
GBytes *_dd_window_run_body        (DdWindow       *self,
                                    GError        **error);

/* dd-window-results.c: export, import, the cost of a full read */
typedef void (*DdWindowThen)       (DdWindow       *self);
void _dd_window_class_results_init (GtkWidgetClass *widget_class);
void _dd_window_results_init       (DdWindow       *self);
void _dd_window_results_update     (DdWindow       *self);
/* Tells what reading all of table costs (DescribeTable) and runs then
 * when the person agrees. */
void _dd_window_confirm_full_read  (DdWindow       *self,
                                    const char     *table,
                                    const char     *heading,
                                    const char     *accept_label,
                                    DdWindowThen    then);
/* Before a Scan of table without a Limit is run: when DescribeTable gives
 * a TableSizeBytes at or above threshold, tells what the Scan reads
 * (strongly consistent when consistent) and runs then when the person
 * agrees; below it, or when the size cannot be read, runs then at once.
 * checked runs first, when the size is known or cancellable is
 * cancelled (then nothing else runs). */
void _dd_window_confirm_scan       (DdWindow       *self,
                                    DdSession      *session,
                                    const char     *table,
                                    gboolean        consistent,
                                    guint64         threshold,
                                    GCancellable   *cancellable,
                                    DdWindowThen    checked,
                                    DdWindowThen    then);

/* dd-window-demo.c: "empty", "dialog-iam-keys", "dialog-instance-profile",
 * "dialog-role-arn", "dialog-profile", "scan", "tree", "error", "filter", "export", "full-scan" */
void _dd_window_open_state         (DdWindow       *self,
                                    const char     *state);

G_END_DECLS
