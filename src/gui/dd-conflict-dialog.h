/* dd-conflict-dialog.h: a write refused because the item changed since it
 * was loaded: the person's version and the one in the table, side by
 * side, as plain JSON. Responses: "close" (keep editing), "theirs" (load
 * the item as it is now), "mine" (take the current item as the base, so
 * the next save reviews and writes the person's version over it). */
#pragma once

#include <adwaita.h>

#include "dd-safe-write.h"

G_BEGIN_DECLS

#define DD_TYPE_CONFLICT_DIALOG (dd_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdConflictDialog, dd_conflict_dialog, DD, CONFLICT_DIALOG, AdwMessageDialog)

GtkWidget       *dd_conflict_dialog_new          (GtkWindow        *parent,
                                                  DdWriteConflict  *conflict);
DdWriteConflict *dd_conflict_dialog_get_conflict (DdConflictDialog *self);
/* The two texts shown. */
char            *dd_conflict_dialog_dup_mine     (DdConflictDialog *self);
char            *dd_conflict_dialog_dup_current  (DdConflictDialog *self);

G_END_DECLS
