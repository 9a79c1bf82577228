/* dd-test-fake.c: loopback fakes and async waits in tests. */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

char *
dd_test_listen_local (SoupServer *server)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
dd_test_wait_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  DdTestWait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

GAsyncResult *
dd_test_wait_result (DdTestWait *wait,
                     guint       timeout_seconds)
{
  dd_test_wait_for (&wait->done, timeout_seconds);
  return wait->result;
}

void
dd_test_wait_clear (DdTestWait *wait)
{
  g_clear_object (&wait->result);
  wait->done = FALSE;
}
