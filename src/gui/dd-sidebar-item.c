/* dd-sidebar-item.c: a row under a data source in the sidebar. */
#define G_LOG_DOMAIN "dd-sidebar-item"

#include "config.h"

#include "dd-sidebar-item.h"

struct _DdSidebarItem
{
  GObject            parent_instance;
  DdSidebarItemKind  kind;
  char              *source_id;
  char              *title;
};

G_DEFINE_FINAL_TYPE (DdSidebarItem, dd_sidebar_item, G_TYPE_OBJECT)

static void
dd_sidebar_item_finalize (GObject *object)
{
  DdSidebarItem *self = DD_SIDEBAR_ITEM (object);

  g_free (self->source_id);
  g_free (self->title);
  G_OBJECT_CLASS (dd_sidebar_item_parent_class)->finalize (object);
}

static void
dd_sidebar_item_class_init (DdSidebarItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_sidebar_item_finalize;
}

static void
dd_sidebar_item_init (DdSidebarItem *self)
{
}

DdSidebarItem *
dd_sidebar_item_new (DdSidebarItemKind  kind,
                     const char        *source_id,
                     const char        *title)
{
  DdSidebarItem *self = g_object_new (DD_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = kind;
  self->source_id = g_strdup (source_id);
  self->title = g_strdup (title);
  return self;
}

DdSidebarItemKind
dd_sidebar_item_get_kind (DdSidebarItem *self)
{
  g_return_val_if_fail (DD_IS_SIDEBAR_ITEM (self), DD_SIDEBAR_ITEM_MESSAGE);
  return self->kind;
}

const char *
dd_sidebar_item_get_source_id (DdSidebarItem *self)
{
  g_return_val_if_fail (DD_IS_SIDEBAR_ITEM (self), NULL);
  return self->source_id;
}

const char *
dd_sidebar_item_get_title (DdSidebarItem *self)
{
  g_return_val_if_fail (DD_IS_SIDEBAR_ITEM (self), NULL);
  return self->title;
}

const char *
dd_sidebar_item_get_icon_name (DdSidebarItem *self)
{
  g_return_val_if_fail (DD_IS_SIDEBAR_ITEM (self), NULL);

  switch (self->kind)
    {
    case DD_SIDEBAR_ITEM_TABLE:
      return "view-grid-symbolic";
    case DD_SIDEBAR_ITEM_QUERY:
      return "document-edit-symbolic";
    case DD_SIDEBAR_ITEM_MESSAGE:
    default:
      return "dialog-information-symbolic";
    }
}
