/* dd-namespace-bar.c: "no tables" on DynamoDB Local, explained. */
#define G_LOG_DOMAIN "dd-namespace-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-namespace-bar.h"
#include "dd-namespace-probe.h"

struct _DdNamespaceBar
{
  GtkBox         parent_instance;
  GtkLabel      *hint_label;
  GtkButton     *look_button;
  GtkSpinner    *spinner;
  GtkLabel      *status_label;
  GtkBox        *choices_box;

  DdSession     *session;
  DdSourceStore *store;
  GPtrArray     *hits;          /* DdNamespaceHit, the ones offered */
  GCancellable  *cancellable;
  char          *hint;
  guint          looking : 1;
};

G_DEFINE_FINAL_TYPE (DdNamespaceBar, dd_namespace_bar, GTK_TYPE_BOX)

static void
clear_choices (DdNamespaceBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_box))) != NULL)
    gtk_box_remove (self->choices_box, child);
  g_ptr_array_set_size (self->hits, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
}

static void
set_looking (DdNamespaceBar *self,
             gboolean        looking)
{
  self->looking = looking;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), looking);
  gtk_spinner_set_spinning (self->spinner, looking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->look_button), !looking);
}

static void
update (DdNamespaceBar *self)
{
  DdSource *source = self->session ? dd_session_get_source (self->session) : NULL;
  const char *endpoint = source ? dd_source_get_endpoint (source) : NULL;
  gboolean empty = self->session != NULL && !dd_session_get_loading (self->session)
                   && g_list_model_get_n_items (dd_session_get_tables (self->session)) == 0
                   && source != NULL && dd_source_get_connected (source) && !dd_source_get_has_error (source);

  g_clear_pointer (&self->hint, g_free);
  if (empty && endpoint != NULL)
    self->hint = dd_namespace_probe_empty_hint (endpoint, dd_source_get_access_key_id (source),
                                                dd_source_get_region (source));
  gtk_widget_set_visible (GTK_WIDGET (self), self->hint != NULL);
  if (self->hint != NULL)
    gtk_label_set_text (self->hint_label, self->hint);
}

/* Switching */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dd_source_store_save_finish (DD_SOURCE_STORE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the data sources: %s", error->message);
}

void
dd_namespace_bar_switch (DdNamespaceBar *self,
                         guint           i)
{
  DdNamespaceHit *hit;
  DdSource *source;

  g_return_if_fail (DD_IS_NAMESPACE_BAR (self));
  g_return_if_fail (self->session != NULL && i < self->hits->len);

  hit = g_ptr_array_index (self->hits, i);
  source = dd_session_get_source (self->session);
  g_object_freeze_notify (G_OBJECT (source));
  dd_source_set_region (source, hit->region);
  if (dd_source_get_auth_mode (source) != DD_AUTH_MODE_IAM_KEYS || !dd_source_has_secrets (source))
    {
      /* A local server checks only the shape of the secret. */
      dd_source_set_auth_mode (source, DD_AUTH_MODE_IAM_KEYS);
      dd_source_set_secrets (source, "local", NULL);
    }
  dd_source_set_access_key_id (source, hit->access_key_id);
  g_object_thaw_notify (G_OBJECT (source));
  clear_choices (self);
  if (self->store != NULL)
    dd_source_store_save_async (self->store, NULL, saved_cb, NULL);
  dd_session_reset (self->session);
  dd_session_refresh_tables (self->session);
}

static void
switch_clicked_cb (GtkButton      *button,
                   DdNamespaceBar *self)
{
  dd_namespace_bar_switch (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dd-index")));
}

static char *
describe_hit (const DdNamespaceHit *hit)
{
  g_autofree char *names = hit->first_names ? g_strjoinv (", ", hit->first_names) : g_strdup ("");

  return g_strdup_printf (ngettext ("Region %s, key %s: %u%s table (%s)",
                                    "Region %s, key %s: %u%s tables (%s)", hit->table_count),
                          hit->region, hit->access_key_id, hit->table_count, hit->more ? "+" : "", names);
}

static void
add_choice (DdNamespaceBar *self,
            DdNamespaceHit *hit)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *text = describe_hit (hit);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_with_label (_("Switch"));
  g_autofree char *a11y = g_strdup_printf (_("Switch to region %s, key %s"), hit->region, hit->access_key_id);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data (G_OBJECT (button), "dd-index", GUINT_TO_POINTER (self->hits->len));
  g_signal_connect_object (button, "clicked", G_CALLBACK (switch_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (self->choices_box, row);
  g_ptr_array_add (self->hits, hit);
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DdNamespaceBar) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = dd_namespace_probe_run_finish (DD_NAMESPACE_PROBE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_looking (self, FALSE);
  clear_choices (self);
  if (hits != NULL)
    {
      gsize n = 0;
      g_autofree gpointer *all = g_ptr_array_steal (hits, &n);

      for (gsize i = 0; i < n; i++)
        {
          DdNamespaceHit *hit = all[i];

          if (hit->current)
            dd_namespace_hit_free (hit);
          else
            add_choice (self, hit);
        }
    }
  if (self->hits->len == 0)
    {
      gtk_label_set_text (self->status_label, error ? error->message
                                                    : _("No other usual key or region has tables"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
    }
}

void
dd_namespace_bar_look (DdNamespaceBar *self)
{
  DdSource *source;
  g_autoptr(DdNamespaceProbe) probe = NULL;

  g_return_if_fail (DD_IS_NAMESPACE_BAR (self));

  if (self->session == NULL)
    return;
  source = dd_session_get_source (self->session);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_choices (self);
  set_looking (self, TRUE);
  probe = dd_namespace_probe_new (dd_source_get_endpoint (source), dd_source_get_region (source),
                                  dd_source_get_access_key_id (source));
  dd_namespace_probe_run_async (probe, self->cancellable, probed_cb, g_object_ref (self));
}

/* Life cycle */

static void
dd_namespace_bar_dispose (GObject *object)
{
  DdNamespaceBar *self = DD_NAMESPACE_BAR (object);

  dd_namespace_bar_set_session (self, NULL, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->hint, g_free);
  G_OBJECT_CLASS (dd_namespace_bar_parent_class)->dispose (object);
}

static void
dd_namespace_bar_class_init (DdNamespaceBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dd_namespace_bar_dispose;
}

static void
dd_namespace_bar_init (DdNamespaceBar *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_namespace_hit_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dd-banner");
  self->hint_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->hint_label, TRUE);
  gtk_label_set_xalign (self->hint_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->hint_label), TRUE);
  self->look_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Look for Tables")));
  gtk_widget_set_valign (GTK_WIDGET (self->look_button), GTK_ALIGN_CENTER);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_signal_connect_object (self->look_button, "clicked", G_CALLBACK (dd_namespace_bar_look), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->hint_label));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->look_button));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  self->choices_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (self), row);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->choices_box));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
dd_namespace_bar_new (void)
{
  return g_object_new (DD_TYPE_NAMESPACE_BAR, NULL);
}

void
dd_namespace_bar_set_session (DdNamespaceBar *self,
                              DdSourceStore  *store,
                              DdSession      *session)
{
  g_return_if_fail (DD_IS_NAMESPACE_BAR (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (dd_session_get_source (self->session), self);
      g_signal_handlers_disconnect_by_data (dd_session_get_tables (self->session), self);
    }
  g_cancellable_cancel (self->cancellable);
  set_looking (self, FALSE);
  clear_choices (self);
  g_set_object (&self->session, session);
  g_set_object (&self->store, store);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::loading", G_CALLBACK (update), self);
      g_signal_connect_swapped (dd_session_get_source (session), "notify", G_CALLBACK (update), self);
      g_signal_connect_swapped (dd_session_get_tables (session), "items-changed", G_CALLBACK (update), self);
    }
  update (self);
}

const char *
dd_namespace_bar_get_hint (DdNamespaceBar *self)
{
  g_return_val_if_fail (DD_IS_NAMESPACE_BAR (self), NULL);
  return self->hint;
}

gboolean
dd_namespace_bar_get_looking (DdNamespaceBar *self)
{
  g_return_val_if_fail (DD_IS_NAMESPACE_BAR (self), FALSE);
  return self->looking;
}

GStrv
dd_namespace_bar_get_choices (DdNamespaceBar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DD_IS_NAMESPACE_BAR (self), NULL);

  for (guint i = 0; i < self->hits->len; i++)
    {
      DdNamespaceHit *hit = g_ptr_array_index (self->hits, i);
      g_autofree char *text = g_strdup_printf ("%s · %s", hit->region, hit->access_key_id);

      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}
