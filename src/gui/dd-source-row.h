/* dd-source-row.h: a data source in the sidebar: its name, where it
 * connects and how it signs in, its state, and its menu (Edit, Duplicate,
 * Test Connection, Refresh Tables, Delete). */
#pragma once

#include <gtk/gtk.h>

#include "dd-source.h"

G_BEGIN_DECLS

#define DD_TYPE_SOURCE_ROW (dd_source_row_get_type ())

G_DECLARE_FINAL_TYPE (DdSourceRow, dd_source_row, DD, SOURCE_ROW, GtkBox)

GtkWidget  *dd_source_row_new        (void);
void        dd_source_row_set_source (DdSourceRow *self,
                                      DdSource    *source);
DdSource   *dd_source_row_get_source (DdSourceRow *self);
/* "IAM Credentials", "Instance Profile", "ARN Role", "AWS Profile" */
const char *dd_source_row_auth_label (DdAuthMode   mode);

G_END_DECLS
