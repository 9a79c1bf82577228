/* dd-sidebar-item.h: a row under a data source in the sidebar: a table,
 * a saved query, or a message (loading, an error, no tables). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  DD_SIDEBAR_ITEM_TABLE,
  DD_SIDEBAR_ITEM_QUERY,
  DD_SIDEBAR_ITEM_MESSAGE,
} DdSidebarItemKind;

#define DD_TYPE_SIDEBAR_ITEM (dd_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (DdSidebarItem, dd_sidebar_item, DD, SIDEBAR_ITEM, GObject)

DdSidebarItem     *dd_sidebar_item_new          (DdSidebarItemKind  kind,
                                                 const char        *source_id,
                                                 const char        *title);
DdSidebarItemKind  dd_sidebar_item_get_kind     (DdSidebarItem     *self);
const char        *dd_sidebar_item_get_source_id (DdSidebarItem    *self);
const char        *dd_sidebar_item_get_title    (DdSidebarItem     *self);
const char        *dd_sidebar_item_get_icon_name (DdSidebarItem    *self);

G_END_DECLS
