/* dd-item-diff-dialog.h: what a save will change, attribute by attribute
 * (added, removed, old → new), for the person to confirm. Responses
 * "save" and "cancel". */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_ITEM_DIFF_DIALOG (dd_item_diff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdItemDiffDialog, dd_item_diff_dialog, DD, ITEM_DIFF_DIALOG, AdwMessageDialog)

/* diffs: DdItemDiff (dd-safe-write.h). */
GtkWidget  *dd_item_diff_dialog_new      (GtkWindow  *parent,
                                          const char *body,
                                          GPtrArray  *diffs);
/* The lines shown: "+ name: value", "- name: value", "~ name: old → new". */
char       *dd_item_diff_dialog_dup_text (DdItemDiffDialog *self);
/* diffs with a changed map (in both versions) replaced by the changes of
 * its members, named "map.member" (pure; DdItemDiff). */
GPtrArray  *dd_item_diff_expand          (GPtrArray  *diffs);
/* One line of the dialog (a pure helper, also used for its rows). */
char       *dd_item_diff_format_line     (int         kind,
                                          const char *name,
                                          const char *old_value,
                                          const char *new_value);

G_END_DECLS
