/* dd-provider-util.c: what the HTTP credential providers share. */
#define G_LOG_DOMAIN "dd-provider-util"

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-provider-util.h"

SoupSession *
dd_provider_util_session_new (guint timeout_seconds)
{
  return soup_session_new_with_options ("timeout", timeout_seconds,
                                        "idle-timeout", timeout_seconds * 10,
                                        "proxy-resolver", NULL,
                                        NULL);
}

typedef struct
{
  SoupSession  *session;
  char         *method;
  char         *url;
  GStrv         headers;
  guint         timeout_ms;
  guint         attempts_left;
  GCancellable *attempt_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  gboolean      timed_out;
  SoupMessage  *message;
} Fetch;

static void
fetch_free (Fetch *f)
{
  g_clear_handle_id (&f->timeout_id, g_source_remove);
  g_clear_object (&f->attempt_cancellable);
  g_clear_object (&f->message);
  g_clear_object (&f->session);
  g_free (f->method);
  g_free (f->url);
  g_strfreev (f->headers);
  g_free (f);
}

static void fetch_attempt (GTask *task);

static gboolean
attempt_timeout_cb (gpointer data)
{
  Fetch *f = data;

  f->timeout_id = 0;
  f->timed_out = TRUE;
  g_cancellable_cancel (f->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *cancellable,
                    GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

static void
end_attempt (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  g_clear_handle_id (&f->timeout_id, g_source_remove);
  if (f->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), f->cancelled_id);
  f->cancelled_id = 0;
  g_clear_object (&f->attempt_cancellable);
}

static void
fetch_sent_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = soup_message_get_status (f->message);
  gboolean retry;

  end_attempt (task);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (f->timed_out)
    {
      g_clear_error (&error);
      error = g_error_new (DD_ERROR, DD_ERROR_TIMEOUT, _("no answer from %s within %u ms"),
                           f->url, f->timeout_ms);
    }
  else if (error != NULL)
    {
      GError *wrapped = g_error_new (DD_ERROR, DD_ERROR_NETWORK, _("could not reach %s: %s"),
                                     f->url, error->message);
      g_clear_error (&error);
      error = wrapped;
    }

  retry = error != NULL || status >= 500;
  if (retry && --f->attempts_left > 0)
    {
      g_debug ("retrying %s %s", f->method, f->url);
      fetch_attempt (g_steal_pointer (&task));
      return;
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

static void
fetch_attempt (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  GCancellable *outer = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;

  g_clear_object (&f->message);
  f->message = soup_message_new (f->method, f->url);
  soup_message_add_flags (f->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (f->message);
  for (guint i = 0; f->headers[i] != NULL && f->headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (headers, f->headers[i], f->headers[i + 1]);

  f->timed_out = FALSE;
  f->attempt_cancellable = g_cancellable_new ();
  if (outer != NULL)
    f->cancelled_id = g_cancellable_connect (outer, G_CALLBACK (outer_cancelled_cb),
                                             f->attempt_cancellable, NULL);
  f->timeout_id = g_timeout_add (f->timeout_ms, attempt_timeout_cb, f);
  soup_session_send_and_read_async (f->session, f->message, G_PRIORITY_DEFAULT,
                                    f->attempt_cancellable, fetch_sent_cb, task);
}

void
dd_provider_util_fetch_async (SoupSession         *session,
                              const char          *method,
                              const char          *url,
                              const char *const   *headers,
                              guint                timeout_ms,
                              guint                attempts,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Fetch *f = g_new0 (Fetch, 1);
  static const char *const no_headers[] = { NULL };
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  g_task_set_source_tag (task, dd_provider_util_fetch_async);
  f->session = g_object_ref (session);
  f->method = g_strdup (method);
  f->url = g_strdup (url);
  f->headers = g_strdupv ((char **) (headers != NULL ? headers : no_headers));
  f->timeout_ms = MAX (timeout_ms, 1);
  f->attempts_left = MAX (attempts, 1);
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);
  if (uri == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_INVALID_INPUT, _("not a valid URL: %s"), url);
      g_object_unref (task);
      return;
    }
  fetch_attempt (task);
}

GBytes *
dd_provider_util_fetch_finish (GAsyncResult  *result,
                               guint         *status,
                               GError       **error)
{
  Fetch *f;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  f = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = f->message != NULL ? soup_message_get_status (f->message) : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

GDateTime *
dd_provider_util_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

DdCredentials *
dd_provider_util_parse_credentials (const char  *data,
                                    gsize        len,
                                    const char  *token_member,
                                    const char  *provider,
                                    const char  *what,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) expiration = NULL;
  JsonObject *object;
  const char *key, *secret, *expires;

  if (!json_parser_load_from_data (parser, data, len, &local_error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      guint line = 0, column = 0;

      /* json-glib's message quotes the string it stopped at, which can be
       * the session token or the secret: say only where. */
      if (local_error != NULL && sscanf (local_error->message, "<data>:%u:%u:", &line, &column) == 2)
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s is not a JSON object (line %u, column %u)"),
                     what, line, column);
      else
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s is not a JSON object"), what);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  key = dd_json_member_string (object, "AccessKeyId");
  secret = dd_json_member_string (object, "SecretAccessKey");
  expires = dd_json_member_string (object, "Expiration");
  if (key == NULL || *key == '\0' || secret == NULL || *secret == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s lacks %s"), what,
                   key == NULL || *key == '\0' ? "AccessKeyId" : "SecretAccessKey");
      return NULL;
    }
  if (expires != NULL && (expiration = dd_provider_util_parse_time (expires)) == NULL)
    {
      /* The value is not quoted: an answer with credentials in it is never
       * repeated into a message, whatever member they sit in. */
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("%s has an Expiration that is not an ISO 8601 time"), what);
      return NULL;
    }
  return dd_credentials_new (key, secret, dd_json_member_string (object, token_member),
                             expiration, provider);
}

void
dd_provider_util_return_credentials (GTask         *task,
                                     DdCredentials *credentials,
                                     GError        *error)
{
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) dd_credentials_unref);
}

DdCredentials *
dd_provider_util_credentials_finish (DdCredentialsProvider  *provider,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
