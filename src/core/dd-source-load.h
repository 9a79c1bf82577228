/* dd-source-load.h: reading the saved data sources file.
 *
 * Internal to the core (dd-source-store.c).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *sources;   /* DdSource */
  GPtrArray *warnings;  /* char * */
  char      *broken_path;
  GError    *damage;    /* the whole file could not be read */
  gboolean   blocked;   /* ... and could not be moved aside */
} DdSourceLoad;

void dd_source_load_free   (DdSourceLoad *result);

/* A GTaskThreadFunc: reads the file at task_data (a path). Returns a
 * DdSourceLoad, NULL when there is no file, or the error when it cannot
 * be opened. */
void dd_source_load_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable);

G_END_DECLS
