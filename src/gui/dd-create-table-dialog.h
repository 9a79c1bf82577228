/* dd-create-table-dialog.h: a form for CreateTable (name, keys, billing,
 * global and local secondary indexes with projections, stream, tags) and
 * the request it will send, which can be edited as JSON instead. Problems
 * DynamoDB would refuse are shown before anything is sent.
 *
 * The dialog sends nothing itself: "create" hands the request text over.
 */
#pragma once

#include <adwaita.h>

#include "dd-table-spec.h"

G_BEGIN_DECLS

#define DD_TYPE_CREATE_TABLE_DIALOG (dd_create_table_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdCreateTableDialog, dd_create_table_dialog, DD, CREATE_TABLE_DIALOG, AdwWindow)

GtkWidget   *dd_create_table_dialog_new          (GtkWindow           *parent);

/* Fields: "name", "partition-key", "sort-key", "tags", "read-units",
 * "write-units"; choices: "partition-type", "sort-type" (S, N, B),
 * "billing" (PAY_PER_REQUEST, PROVISIONED), "stream" ("" for off,
 * NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY). */
void         dd_create_table_dialog_set_text     (DdCreateTableDialog *self,
                                                  const char          *field,
                                                  const char          *text);
gboolean     dd_create_table_dialog_set_choice   (DdCreateTableDialog *self,
                                                  const char          *field,
                                                  const char          *value);
/* Adds an index row; returns its number. Index fields: "name",
 * "partition-key", "sort-key", "non-key" (comma separated); choices:
 * "partition-type", "sort-type", "projection" (ALL, KEYS_ONLY, INCLUDE). */
guint        dd_create_table_dialog_add_index    (DdCreateTableDialog *self,
                                                  gboolean             global);
void         dd_create_table_dialog_set_index_text (DdCreateTableDialog *self,
                                                    guint                index,
                                                    const char          *field,
                                                    const char          *text);
gboolean     dd_create_table_dialog_set_index_choice (DdCreateTableDialog *self,
                                                      guint                index,
                                                      const char          *field,
                                                      const char          *value);

/* The request that Create sends: the form's, or the edited JSON. */
char        *dd_create_table_dialog_dup_request  (DdCreateTableDialog *self);
/* The problems shown (one a line), or NULL. */
const char  *dd_create_table_dialog_get_problems (DdCreateTableDialog *self);
void         dd_create_table_dialog_set_editing_json (DdCreateTableDialog *self,
                                                      gboolean             editing);
void         dd_create_table_dialog_set_json_text (DdCreateTableDialog *self,
                                                   const char          *text);
void         dd_create_table_dialog_set_busy     (DdCreateTableDialog *self,
                                                  gboolean             busy);
void         dd_create_table_dialog_set_error    (DdCreateTableDialog *self,
                                                  const char          *message);
/* "form" or "request" */
void         dd_create_table_dialog_set_page     (DdCreateTableDialog *self,
                                                  const char          *page);

/* Signal: "create" (const char *request). */

G_END_DECLS
