/* dd-preferences-dialog.h: the Preferences window and the settings it
 * edits.
 *
 * Style (follow the system, light, dark), the items per Scan/Query page,
 * the table size (in MiB) from which a Scan without a Limit asks first,
 * the region a new data source starts with, and the defaults of an export
 * (format, typed or plain JSON, folder); each row is bound to its GSettings
 * key, so a change applies at once and is kept.
 */
#pragma once

#include <adwaita.h>

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_PREFERENCES_DIALOG (dd_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdPreferencesDialog, dd_preferences_dialog, DD, PREFERENCES_DIALOG, AdwPreferencesWindow)

GtkWidget  *dd_preferences_dialog_new         (GtkWindow         *parent,
                                               GSettings         *settings);

/* The application's settings; NULL when its schema is not installed. */
GSettings  *dd_settings_new                   (void);

/* Keeps AdwStyleManager's color scheme on the "color-scheme" key. */
void        dd_settings_follow_style          (GSettings         *settings);

/* AdwColorScheme for a "color-scheme" value ("default", "light", "dark"). */
int         dd_settings_color_scheme_from_string (const char     *value);

/* The request body with "<page_limit_key>": page_size added when op returns
 * items, has a page limit key, page_size > 0 and the body (a JSON object)
 * has no such member yet; otherwise body itself. The other bytes are kept
 * exactly as they were. Returns a new reference. */
GBytes     *dd_settings_limit_body            (const DdOperation *op,
                                               GBytes            *body,
                                               guint              page_size);

/* The folder an export starts in: the "export-folder" key, or the
 * Documents folder (the home folder without one) when it is empty. */
GFile      *dd_settings_get_export_folder     (GSettings         *settings);

G_END_DECLS
