/* dd-test-ui.h: the real window in a UI test (on a virtual display).
 *
 * One fixture per test program: the local DynamoDB (and a client on it),
 * the source and query stores of the temporary configuration, and the
 * window over them.
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-query-editor.h"
#include "dd-result-model.h"
#include "dd-results-view.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-types.h"
#include "dd-window.h"

G_BEGIN_DECLS

typedef struct
{
  DdTestDynamo  *dynamo;
  DdClient      *client;
  DdSourceStore *sources;
  DdQueryStore  *queries;
  DdWindow      *window;
  DdSource      *source;   /* the first source once the window is open */
} DdTestUi;

/* dd_test_init, then GTK and GtkSourceView. */
const char    *dd_test_ui_init          (int        *argc,
                                         char     ***argv);

/* The application's styles, as AdwApplication loads them. */
void           dd_test_ui_load_styles   (void);

/* With DD_SCREENSHOT_DIR set (build-aux/screenshots-*.sh), saves widget's
 * window as DIR/name.png; does nothing otherwise. */
void           dd_test_ui_shoot         (GtkWidget  *widget,
                                         const char *name);

/* Loads the stores and presents a window on them. With local_source, a
 * store without sources first gets one named "Local" on the local
 * DynamoDB (saved), and the first source is selected in the sidebar. */
void           dd_test_ui_open_window   (DdTestUi   *fx,
                                         gboolean    local_source);

/* The two halves of dd_test_ui_open_window, for a test that adds sources
 * of its own in between: loads the stores; presents a window on them and,
 * when source is not NULL, selects it in the sidebar. */
void           dd_test_ui_load_stores   (DdTestUi   *fx);
void           dd_test_ui_present       (DdTestUi   *fx,
                                         DdSource   *source);

/* Closes the window as the window manager's close button does (its state
 * saved) or, without save_state, destroys it; then drops the stores. */
void           dd_test_ui_close_window  (DdTestUi   *fx,
                                         gboolean    save_state);

/* Saves the source store and waits for it. */
void           dd_test_ui_save_sources  (DdTestUi   *fx);

/* Activates the action on widget and fails the test when there is none;
 * a floating parameter is consumed. */
void           dd_test_ui_activate      (GtkWidget  *widget,
                                         const char *action,
                                         GVariant   *parameter);

DdQueryEditor *dd_test_ui_editor        (DdTestUi   *fx);
DdResultsView *dd_test_ui_results       (DdTestUi   *fx);

/* The rows of the results view's model, and the text (new) of one cell
 * (row in model order, column an attribute name), its kind in kind when
 * that is not NULL. */
guint          dd_test_ui_n_rows        (DdTestUi   *fx);
char          *dd_test_ui_cell          (DdTestUi   *fx,
                                         guint       row,
                                         const char *column,
                                         DdCellKind *kind);

/* For dd_test_wait_until (data: the fixture): neither a request nor an
 * item operation is running; no dialog is open. */
gboolean       dd_test_ui_idle          (gpointer    fx);
gboolean       dd_test_ui_dialog_closed (gpointer    fx);

/* Chooses the table in the editor and waits until the dropdown shows it
 * (the tables load in the background). */
void           dd_test_ui_choose_table  (DdTestUi   *fx,
                                         const char *table,
                                         const char *what);

/* Waits until the window's table overview is loaded, its text holds part,
 * and the window is idle. */
void           dd_test_ui_wait_overview (DdTestUi   *fx,
                                         const char *part,
                                         const char *what);

/* A visible toplevel window of type (the last listed), or NULL; the same,
 * waited for (what names it when the test fails). */
GtkWindow     *dd_test_ui_find_toplevel (GType       type);
gpointer       dd_test_ui_wait_toplevel (GType       type,
                                         const char *what);

G_END_DECLS
