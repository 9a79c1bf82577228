/* dd-application.h: the Dynamo Desk application. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_APPLICATION (dd_application_get_type ())

G_DECLARE_FINAL_TYPE (DdApplication, dd_application, DD, APPLICATION, AdwApplication)

DdApplication *dd_application_new (void);

G_END_DECLS
