/* test-client-endpoint.c: where a DdClient sends its requests. */
#include "config.h"

#include "dd-client-endpoint.h"
#include "dd-test-dynamo.h"

static void
test_parse (void)
{
  g_autofree char *host = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GUri) uri = dd_client_endpoint_parse ("us-east-1", "HTTP://127.0.0.1:8000", &host, &message);
  g_autoptr(GUri) bad = NULL;

  g_assert_nonnull (uri);
  g_assert_null (message);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/");
  g_assert_cmpstr (host, ==, "127.0.0.1:8000");
  bad = dd_client_endpoint_parse ("us-east-1", "ftp://example.org", &host, &message);
  g_assert_null (bad);
  g_assert_nonnull (message);
}

static void
test_loopback (void)
{
  static const struct { const char *url; gboolean loopback; } cases[] = {
    { "http://127.0.0.1:8000", TRUE },
    { "http://127.1.2.3", TRUE },
    { "http://[::1]:9000", TRUE },
    { "http://localhost:8000", TRUE },
    { "http://LocalHost", TRUE },
    { "http://10.0.0.1:8000", FALSE },
    { "https://dynamodb.us-east-1.amazonaws.com", FALSE },
    { "http://localhost.example.org", FALSE },
    { "http://[::2]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GUri) uri = dd_client_endpoint_parse ("us-east-1", cases[i].url, &host, &message);

      g_assert_nonnull (uri);
      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (dd_client_endpoint_is_loopback (uri), ==, cases[i].loopback);
    }
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  g_test_add_func ("/dd/client-endpoint/parse", test_parse);
  g_test_add_func ("/dd/client-endpoint/loopback", test_loopback);
  return g_test_run ();
}
