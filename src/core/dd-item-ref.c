/* dd-item-ref.c: one item of a DdItemStore, as the model hands it out. */
#define G_LOG_DOMAIN "dd-item-ref"

#include "config.h"

#include "dd-item-ref.h"
#include "dd-item-store.h"

struct _DdItemRef
{
  GObject      parent_instance;
  DdItemStore *store;
  guint        index;
};

G_DEFINE_FINAL_TYPE (DdItemRef, dd_item_ref, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_item_ref_dispose (GObject *object)
{
  DdItemRef *self = DD_ITEM_REF (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (dd_item_ref_parent_class)->dispose (object);
}

static void
dd_item_ref_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdItemRef *self = DD_ITEM_REF (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_item_ref_class_init (DdItemRefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_item_ref_dispose;
  object_class->get_property = dd_item_ref_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DD_TYPE_ITEM_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_item_ref_init (DdItemRef *self)
{
}

DdItemRef *
dd_item_ref_new (DdItemStore *store,
                 guint        index)
{
  DdItemRef *self;

  g_return_val_if_fail (DD_IS_ITEM_STORE (store), NULL);
  self = g_object_new (DD_TYPE_ITEM_REF, NULL);
  self->store = g_object_ref (store);
  self->index = index;
  return self;
}

DdItemStore *
dd_item_ref_get_store (DdItemRef *self)
{
  g_return_val_if_fail (DD_IS_ITEM_REF (self), NULL);
  return self->store;
}

guint
dd_item_ref_get_index (DdItemRef *self)
{
  g_return_val_if_fail (DD_IS_ITEM_REF (self), 0);
  return self->index;
}

const char *
dd_item_ref_get_text (DdItemRef *self,
                      gsize     *len)
{
  g_return_val_if_fail (DD_IS_ITEM_REF (self), NULL);
  return dd_item_store_get_item_text (self->store, self->index, len);
}

char *
dd_item_ref_dup_display (DdItemRef  *self,
                         const char *attribute)
{
  g_return_val_if_fail (DD_IS_ITEM_REF (self), NULL);
  return dd_item_store_dup_display (self->store, self->index, attribute);
}

const char *
dd_item_ref_get_value_type (DdItemRef  *self,
                            const char *attribute)
{
  g_return_val_if_fail (DD_IS_ITEM_REF (self), NULL);
  return dd_item_store_get_value_type (self->store, self->index, attribute);
}
