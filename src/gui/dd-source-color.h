/* dd-source-color.h: a data source's colour tag (DdSource:color, saved in
 * sources.json): the named colours, their labels and accessible
 * descriptions, a combo row to choose one, and the styles that show it
 * (CSS classes dd-color-NAME in style.css). Red means production. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "red", "orange", "yellow", "green", "blue", "purple" (NULL-terminated);
 * no colour is NULL. */
const char * const *dd_source_color_names       (void);
gboolean            dd_source_color_is_known    (const char *color);
/* "Red — production", "Orange"...; "None" for NULL. */
const char         *dd_source_color_label       (const char *color);
/* A badge's text: "Production" for red, else the colour ("Blue"). */
const char         *dd_source_color_badge_text  (const char *color);
/* For screen readers: "Production colour: red", "Colour tag: blue"; NULL
 * for no (or an unknown) colour. */
char               *dd_source_color_description (const char *color);
/* Sets widget's dd-color-NAME class (removing any other), its tooltip and
 * accessible description, and shows it only when there is a colour. */
void                dd_source_color_apply       (GtkWidget  *widget,
                                                 const char *color);

#define DD_TYPE_COLOR_ROW (dd_color_row_get_type ())

G_DECLARE_FINAL_TYPE (DdColorRow, dd_color_row, DD, COLOR_ROW, AdwComboRow)

GtkWidget          *dd_color_row_new            (void);
const char         *dd_color_row_get_color      (DdColorRow *self);
void                dd_color_row_set_color      (DdColorRow *self,
                                                 const char *color);

G_END_DECLS
