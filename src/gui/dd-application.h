/* dd-application.h: the Dynamo Desk application. */
#pragma once

#include <adwaita.h>

#include "dd-query-store.h"
#include "dd-source-store.h"

G_BEGIN_DECLS

#define DD_TYPE_APPLICATION (dd_application_get_type ())

G_DECLARE_FINAL_TYPE (DdApplication, dd_application, DD, APPLICATION, AdwApplication)

DdApplication *dd_application_new              (void);
/* When main started, for the start-up time printed with DD_TIMING=1. */
void           dd_application_set_start_time   (DdApplication *self,
                                                gint64         started_us);
/* Valid between startup and shutdown. */
DdSourceStore *dd_application_get_source_store (DdApplication *self);
DdQueryStore  *dd_application_get_query_store  (DdApplication *self);

/* The DdApplication running, or NULL (a test without one). */
DdApplication *dd_application_get_default      (void);

/* Writes in flight (an item save, delete or undo, a bulk write, an
 * import, an export, a table created, deleted or changed): quitting waits
 * for them. While one runs the
 * application stays alive without windows and logout is inhibited.
 * Quitting then shows "Waiting for N writes to finish…"; it quits once the
 * last write is released, or, on Quit Anyway, cancels every write's
 * cancellable and quits once they have all ended (each ends cleanly: an
 * export removes its temporary file, a safe write journals its outcome).
 *
 * hold returns an id for release (0, and nothing held, when self is NULL);
 * release of 0 does nothing. self may be NULL in both. */
guint          dd_application_hold_write       (DdApplication *self,
                                                GCancellable  *cancellable);
void           dd_application_release_write    (DdApplication *self,
                                                guint          id);
guint          dd_application_get_n_writes     (DdApplication *self);

/* What app.quit does: closes every window when no write is in flight,
 * else shows the waiting dialog (dd_application_get_quit_dialog ()). */
void           dd_application_quit             (DdApplication *self);
/* What the waiting dialog's Quit Anyway does. */
void           dd_application_quit_anyway      (DdApplication *self);
GtkWindow     *dd_application_get_quit_dialog  (DdApplication *self);
/* For a window's close-request: whether window may close now. When it is
 * the last main window and writes are in flight, quitting starts (the
 * waiting dialog) instead and FALSE is returned. */
gboolean       dd_application_may_close        (DdApplication *self,
                                                GtkWindow     *window);

G_END_DECLS
