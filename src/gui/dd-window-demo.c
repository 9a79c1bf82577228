/* dd-window-demo.c: opening the window in a given state, for screenshots
 * and demonstrations (DD_OPEN_STATE=NAME, see build-aux/screenshots.sh).
 * It only drives the window's own actions and widgets. */
#define G_LOG_DOMAIN "dd-window-demo"

#include "config.h"

#include <string.h>

#include "dd-connection-dialog.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-cache.h"
#include "dd-provider-static.h"
#include "dd-window-private.h"

typedef struct
{
  DdWindow *window;
  char     *state;
  guint     ticks;
} Demo;

static void
demo_free (Demo *demo)
{
  g_object_unref (demo->window);
  g_free (demo->state);
  g_free (demo);
}

static void
open_dialog (DdWindow   *self,
             const char *tab)
{
  DdConnectionDialog *dialog;
  const struct { const char *field, *text; } fields[] = {
    { "name", "Production" }, { "region", "eu-west-1" }, { "access-key", "AKIAIOSFODNN7EXAMPLE" },
    { "secret-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    { "role-arn", "arn:aws:iam::123456789012:role/DynamoReader" }, { "session-name", "dynamo-desk" },
  };
  DdAuthMode mode = DD_AUTH_MODE_IAM_KEYS;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-source", NULL);
  dialog = DD_CONNECTION_DIALOG (dd_window_get_dialog (self));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (dd_connection_dialog_get_field (dialog, fields[i].field), fields[i].text);
  if (dd_auth_mode_from_string (tab, &mode))
    dd_connection_dialog_set_auth_mode (dialog, mode);
}

static void
expand_tree (DdWindow *self)
{
  GListModel *rows = dd_results_view_get_tree_model (self->results);
  g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 0);

  dd_results_view_set_view (self->results, "tree");
  if (first == NULL)
    return;
  gtk_tree_list_row_set_expanded (first, TRUE);
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_depth (row) == 1 && gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
demo_credentials_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DdCredentials) credentials = NULL;

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (object), result, NULL);
}

/* The bar asking for an MFA code, as during a refresh in the background:
 * a connected demo source (not stored) whose role has an MFA device asks
 * for credentials. Nothing is sent before a code is given, and then only
 * to a closed loopback port. */
static void
show_mfa_banner (DdWindow *self)
{
  g_autoptr(DdSource) source = dd_source_new ("Production");
  g_autoptr(DdCredentials) keys = dd_credentials_new ("AKIAIOSFODNN7EXAMPLE", "demo", NULL, NULL, "demo");
  g_autoptr(DdCredentialsProvider) base = dd_provider_static_new (keys);
  g_autoptr(DdCredentialsProvider) role = NULL;
  g_autoptr(DdCredentialsProvider) cache = NULL;
  DdCredentialsProvider *wrapped;

  role = dd_provider_assume_role_new (base, "arn:aws:iam::123456789012:role/DynamoReader");
  dd_provider_assume_role_set_mfa_serial (DD_PROVIDER_ASSUME_ROLE (role), "arn:aws:iam::123456789012:mfa/demo");
  dd_provider_assume_role_set_sts_endpoint (DD_PROVIDER_ASSUME_ROLE (role), "http://127.0.0.1:9");
  cache = dd_provider_cache_new (role);
  dd_source_set_connected (source, TRUE);
  wrapped = dd_mfa_prompt_wrap (self->mfa_prompt, source, cache);
  /* the prompt keeps a weak reference to the source: the window keeps both */
  g_object_set_data_full (G_OBJECT (self), "dd-demo-mfa-source", g_steal_pointer (&source), g_object_unref);
  g_object_set_data_full (G_OBJECT (self), "dd-demo-mfa-provider", wrapped, g_object_unref);
  dd_credentials_provider_get_credentials_async (wrapped, NULL, demo_credentials_cb, NULL);
}

static void
run_demo_request (DdWindow   *self,
                  const char *state)
{
  if (g_str_equal (state, "error"))
    {
      dd_query_editor_set_operation (self->editor, "DescribeTable");
      dd_query_editor_set_text (self->editor, "{ \"TableName\": \"NoSuchTable\" }\n");
    }
  else
    {
      dd_query_editor_set_operation (self->editor, "Scan");
      dd_query_editor_set_text (self->editor, g_str_equal (state, "full-scan")
                                              ? "{\n  \"TableName\": \"Reply\",\n  \"Limit\": 1\n}\n"
                                              : "{\n  \"TableName\": \"Reply\"\n}\n");
      dd_query_editor_set_table (self->editor, "Reply");
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.run", NULL);
}

/* One step every tick: select the source, wait for its tables, run, show. */
static gboolean
demo_tick_cb (gpointer data)
{
  Demo *demo = data;
  DdWindow *self = demo->window;
  DdSession *session;

  if (++demo->ticks > 150)
    return G_SOURCE_REMOVE;
  if (self->source == NULL)
    {
      dd_sidebar_select_row (self->sidebar, 0);
      return G_SOURCE_CONTINUE;
    }
  session = dd_sidebar_get_session (self->sidebar, self->source);
  if (dd_session_get_loading (session))
    return G_SOURCE_CONTINUE;
  if (self->run_op == NULL)
    {
      dd_sidebar_set_expanded (self->sidebar, dd_source_get_id (self->source), TRUE);
      run_demo_request (self, demo->state);
      return G_SOURCE_CONTINUE;
    }
  if (self->busy)
    return G_SOURCE_CONTINUE;
  if (g_str_equal (demo->state, "tree"))
    expand_tree (self);
  else if (g_str_equal (demo->state, "filter"))
    dd_results_view_set_filter_text (self->results, "PostedBy = \"User A\"");
  else if (g_str_equal (demo->state, "export"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export", NULL);
  else if (g_str_equal (demo->state, "full-scan"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.fetch-all", NULL);
  else if (g_str_equal (demo->state, "mfa-banner"))
    show_mfa_banner (self);
  return G_SOURCE_REMOVE;
}

void
_dd_window_open_state (DdWindow   *self,
                       const char *state)
{
  Demo *demo;

  if (g_str_has_prefix (state, "dialog-"))
    {
      open_dialog (self, state + strlen ("dialog-"));
      return;
    }
  if (!g_strv_contains ((const char * const[]) { "scan", "tree", "error", "filter", "export", "full-scan",
                                                  "mfa-banner", NULL },
                        state))
    return;
  demo = g_new0 (Demo, 1);
  demo->window = g_object_ref (self);
  demo->state = g_strdup (state);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, demo_tick_cb, demo, (GDestroyNotify) demo_free);
}
