/* dd-provider-process.c: credentials printed by an external command. */
#define G_LOG_DOMAIN "dd-provider-process"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-process.h"
#include "dd-provider-util.h"

struct _DdProviderProcess
{
  GObject  parent_instance;
  char    *command_line;
  char    *provider;
  guint    timeout_ms;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderProcess, dd_provider_process, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

typedef struct
{
  GSubprocess  *process;
  GCancellable *cancellable;   /* cancelled on time-out or by the caller's */
  gulong        cancelled_id;
  guint         timeout_id;
  gboolean      timed_out;
} Run;

static void
run_free (Run *run)
{
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_object (&run->process);
  g_clear_object (&run->cancellable);
  g_free (run);
}

static gboolean
timeout_cb (gpointer data)
{
  Run *run = data;

  run->timeout_id = 0;
  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static gboolean
check_version (const char  *out,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *version;

  if (!json_parser_load_from_data (parser, out, -1, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                           _("credential_process printed something that is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  version = json_object_get_member (object, "Version");
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) != 1)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                           _("credential_process printed a document without \"Version\": 1"));
      return FALSE;
    }
  return TRUE;
}

static DdCredentials *
read_output (DdProviderProcess  *self,
             GSubprocess        *process,
             const char         *out,
             const char         *err,
             GError            **error)
{
  if (!g_subprocess_get_if_exited (process))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("credential_process was killed by a signal"));
      return NULL;
    }
  if (g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *said = g_strstrip (g_strndup (err ? err : "", 400));

      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("credential_process exited with code %d%s%s"),
                   g_subprocess_get_exit_status (process), *said ? ": " : "", said);
      return NULL;
    }
  if (!check_version (out ? out : "", error))
    return NULL;
  return dd_provider_util_parse_credentials (out, strlen (out), "SessionToken", self->provider,
                                             _("the output of credential_process"), error);
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderProcess *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  DdCredentials *credentials;

  g_subprocess_communicate_utf8_finish (run->process, result, &out, &err, &error);
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), run->cancelled_id);
  run->cancelled_id = 0;

  if (error != NULL)
    {
      g_subprocess_force_exit (run->process);
      if (g_task_return_error_if_cancelled (task))
        return;
      if (run->timed_out)
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_TIMEOUT,
                                 _("credential_process did not finish within %u ms"), self->timeout_ms);
      else
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                                 _("could not read the output of credential_process: %s"), error->message);
      return;
    }
  credentials = read_output (self, run->process, out, err, &error);
  if (out != NULL)
    explicit_bzero (out, strlen (out));
  dd_provider_util_return_credentials (task, credentials, g_steal_pointer (&error));
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderProcess *self = DD_PROVIDER_PROCESS (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, get_credentials_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  if (!g_shell_parse_argv (self->command_line, NULL, &argv, &error) ||
      (run->process = g_subprocess_newv ((const char *const *) argv,
                                         G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                         &error)) == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("could not run credential_process: %s"), error->message);
      g_object_unref (task);
      return;
    }

  run->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                               run->cancellable, NULL);
  run->timeout_id = g_timeout_add (self->timeout_ms, timeout_cb, run);
  g_subprocess_communicate_utf8_async (run->process, NULL, run->cancellable, communicated_cb, task);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_process_finalize (GObject *object)
{
  DdProviderProcess *self = DD_PROVIDER_PROCESS (object);

  g_free (self->command_line);
  g_free (self->provider);
  G_OBJECT_CLASS (dd_provider_process_parent_class)->finalize (object);
}

static void
dd_provider_process_class_init (DdProviderProcessClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_process_finalize;
}

static void
dd_provider_process_init (DdProviderProcess *self)
{
  self->timeout_ms = 30000;
}

DdCredentialsProvider *
dd_provider_process_new (const char *command_line,
                         const char *provider)
{
  DdProviderProcess *self;

  g_return_val_if_fail (command_line != NULL, NULL);
  self = g_object_new (DD_TYPE_PROVIDER_PROCESS, NULL);
  self->command_line = g_strdup (command_line);
  self->provider = g_strdup (provider != NULL ? provider : "process");
  return DD_CREDENTIALS_PROVIDER (self);
}

void
dd_provider_process_set_timeout (DdProviderProcess *self,
                                 guint              timeout_ms)
{
  g_return_if_fail (DD_IS_PROVIDER_PROCESS (self));
  self->timeout_ms = MAX (timeout_ms, 1);
}
