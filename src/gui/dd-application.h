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

G_END_DECLS
