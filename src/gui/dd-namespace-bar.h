/* dd-namespace-bar.h: "no tables" on DynamoDB Local, explained.
 *
 * Follows the selected source's session: when its table list came back
 * empty from an endpoint on this machine, shows why that may be
 * (dd_namespace_probe_empty_hint: the server keeps a database per access
 * key id and region) and "Look for Tables", which lists tables with the
 * usual keys and regions (DdNamespaceProbe) and offers a switch to each
 * combination that has some: the source's region and access key id are
 * changed, saved, and the tables loaded again.
 */
#pragma once

#include <adwaita.h>

#include "dd-session.h"
#include "dd-source-store.h"

G_BEGIN_DECLS

#define DD_TYPE_NAMESPACE_BAR (dd_namespace_bar_get_type ())

G_DECLARE_FINAL_TYPE (DdNamespaceBar, dd_namespace_bar, DD, NAMESPACE_BAR, GtkBox)

GtkWidget  *dd_namespace_bar_new          (void);
/* session NULL: hides the bar. */
void        dd_namespace_bar_set_session  (DdNamespaceBar *self,
                                           DdSourceStore  *store,
                                           DdSession      *session);
/* The hint shown, or NULL when hidden (tests). */
const char *dd_namespace_bar_get_hint     (DdNamespaceBar *self);
/* Runs the probe (as the button does). */
void        dd_namespace_bar_look         (DdNamespaceBar *self);
gboolean    dd_namespace_bar_get_looking  (DdNamespaceBar *self);
/* The combinations found: "REGION · KEY", in the order offered. */
GStrv       dd_namespace_bar_get_choices  (DdNamespaceBar *self);
/* Switches the source to choice i (as its button does). */
void        dd_namespace_bar_switch       (DdNamespaceBar *self,
                                           guint           i);

G_END_DECLS
