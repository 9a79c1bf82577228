/* test-pager-pipeline.c: the pager sends the next request before a page
 * is parsed, against a loopback server of scripted Scan pages. */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-provider-static.h"
#include "dd-test-dynamo.h"

/* Three pages of items i0..i7: i0-i2 (then k2), i3-i5 (then k5), i6-i7. */
#define N_PAGES 3

typedef struct
{
  SoupServer *server;
  char       *endpoint;
  GPtrArray  *starts;     /* the ExclusiveStartKey of each request, "-" for none */
  gboolean    bad_page;   /* page 1 has an item that is not an object */
  gboolean    big_first;  /* page 0 is long to parse: page 1's parse ends first */
} Fake;

static const char *
start_of (const char *body)
{
  if (strstr (body, "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"k2\"}}") != NULL)
    return "k2";
  if (strstr (body, "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"k5\"}}") != NULL)
    return "k5";
  g_assert_null (strstr (body, "ExclusiveStartKey"));
  return "-";
}

/* Page 1 names "LastEvaluatedKey" inside an item too, to be skipped. */
/* About 24 MB of small numbers in a member of its own. */
static char *
padding (void)
{
  GString *s = g_string_new ("\"Padding\":[0");

  for (guint i = 0; i < 12 * 1024 * 1024; i++)
    g_string_append (s, ",1");
  g_string_append (s, "],");
  return g_string_free (s, FALSE);
}

static char *
page_text (const char *start,
           gboolean    bad,
           gboolean    big)
{
  if (g_str_equal (start, "-"))
    {
      g_autofree char *pad = big ? padding () : g_strdup ("");

      return g_strdup_printf ("{%s\"Items\":[{\"pk\":{\"S\":\"i0\"}},{\"pk\":{\"S\":\"i1\"}},{\"pk\":{\"S\":\"i2\"}}],"
                              "\"Count\":3,\"ScannedCount\":3,\"LastEvaluatedKey\":{\"pk\":{\"S\":\"k2\"}}}", pad);
    }
  if (g_str_equal (start, "k2"))
    return g_strdup_printf ("{\"Items\":[{\"pk\":{\"S\":\"i3\"},\"LastEvaluatedKey\":{\"S\":\"\\\"}\"}},"
                            "%s,{\"pk\":{\"S\":\"i5\"}}],"
                            "\"Count\":3,\"ScannedCount\":3,\"LastEvaluatedKey\":{\"pk\":{\"S\":\"k5\"}}}",
                            bad ? "[\"i4\"]" : "{\"pk\":{\"S\":\"i4\"}}");
  return g_strdup ("{\"Items\":[{\"pk\":{\"S\":\"i6\"}},{\"pk\":{\"S\":\"i7\"}}],\"Count\":2,\"ScannedCount\":2}");
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *body = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  const char *start = start_of (body);
  char *text = page_text (start, fake->bad_page, fake->big_first);

  g_ptr_array_add (fake->starts, g_strdup (start));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

static Fake *
fake_new (void)
{
  Fake *fake = g_new0 (Fake, 1);
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GError) error = NULL;

  fake->starts = g_ptr_array_new_with_free_func (g_free);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  fake->endpoint = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  return fake;
}

static void
fake_free (Fake *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_ptr_array_unref (fake->starts);
  g_free (fake->endpoint);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static DdPager *
new_pager (Fake *fake)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new ("AKIDTEST", "test-secret-not-real", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", fake->endpoint, provider);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"TableName\":\"t\"}", 17);

  return dd_pager_new (client, dd_operation_lookup_action ("Scan"), body);
}

static void
page_cb (DdPager *pager,
         DdPage  *page,
         GString *seen)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len = 0;
      const char *item = dd_page_get_item (page, i, &len);
      const char *pk = g_strstr_len (item, (gssize) len, "\"i");

      g_assert_nonnull (pk);
      g_string_append_len (seen, pk + 1, 2);
    }
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  dd_pager_fetch_all_finish (DD_PAGER (object), result, &w->error);
  w->done = TRUE;
}

static GError *
fetch_all (DdPager *pager)
{
  Wait w = { 0 };

  dd_pager_fetch_all_async (pager, NULL, fetch_all_cb, &w);
  dd_test_wait_for (&w.done, 30);
  return w.error;
}

static char *
starts_joined (Fake *fake)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < fake->starts->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (fake->starts, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct
{
  Fake    *fake;
  gboolean asked_ahead;
} Ahead;

/* While the first page is handed out, the request for the second is
 * already on its way: the server gets it without the handler returning. */
static void
first_page_cb (DdPager *pager,
               DdPage  *page,
               Ahead   *ahead)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  if (dd_pager_get_n_pages (pager) != 1)
    return;
  while (ahead->fake->starts->len < 2 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ahead->asked_ahead = ahead->fake->starts->len >= 2;
}

static void
test_pipeline_all (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdPager) pager = new_pager (fake);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *starts = NULL;
  Ahead ahead = { fake, FALSE };

  g_signal_connect (pager, "page", G_CALLBACK (page_cb), seen);
  g_signal_connect (pager, "page", G_CALLBACK (first_page_cb), &ahead);
  g_assert_no_error (fetch_all (pager));
  g_assert_true (ahead.asked_ahead);
  g_assert_cmpstr (seen->str, ==, "i0i1i2i3i4i5i6i7");
  starts = starts_joined (fake);
  g_assert_cmpstr (starts, ==, "- k2 k5");
  g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, N_PAGES);
  g_assert_true (dd_pager_is_done (pager));
}

/* Page 1 is refused by the parse after page 2 was asked for on its
 * peeked key: the run fails, page 2 is dropped, and a later run goes on
 * from page 1, so no item is lost or seen twice. */
static void
test_pipeline_bad_page (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdPager) pager = new_pager (fake);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *starts_again = NULL;

  g_signal_connect (pager, "page", G_CALLBACK (page_cb), seen);
  fake->bad_page = TRUE;
  error = fetch_all (pager);
  g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "an item is not an object"));
  g_assert_cmpstr (seen->str, ==, "i0i1i2");
  g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, 1);
  g_assert_false (dd_pager_is_done (pager));
  /* The request for page 2 went out before page 1 was found bad (or was
   * cancelled on its way): never more than that. */
  starts = starts_joined (fake);
  g_assert_true (g_str_equal (starts, "- k2 k5") || g_str_equal (starts, "- k2"));

  fake->bad_page = FALSE;
  g_ptr_array_set_size (fake->starts, 0);
  g_assert_no_error (fetch_all (pager));
  g_assert_cmpstr (seen->str, ==, "i0i1i2i3i4i5i6i7");
  starts_again = starts_joined (fake);
  g_assert_cmpstr (starts_again, ==, "k2 k5");
  g_assert_true (dd_pager_is_done (pager));
}

/* Page 0 takes long to parse, so page 1's parse (two run at once) ends
 * first: the items are still handed out in page order; when page 1 is
 * bad, page 0 is handed out, the run fails, and the next run goes on from
 * page 1. */
static void
test_pipeline_out_of_order (void)
{
  for (guint bad = 0; bad <= 1; bad++)
    {
      g_autoptr(Fake) fake = fake_new ();
      g_autoptr(DdPager) pager = new_pager (fake);
      g_autoptr(GString) seen = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *starts = NULL;

      g_signal_connect (pager, "page", G_CALLBACK (page_cb), seen);
      fake->big_first = TRUE;
      fake->bad_page = bad;
      error = fetch_all (pager);
      if (bad)
        {
          g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
          g_assert_cmpstr (seen->str, ==, "i0i1i2");
          g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, 1);
          fake->bad_page = FALSE;
          g_ptr_array_set_size (fake->starts, 0);
          g_clear_error (&error);
          error = fetch_all (pager);
          starts = starts_joined (fake);
          g_assert_cmpstr (starts, ==, "k2 k5");
        }
      g_assert_no_error (error);
      g_assert_cmpstr (seen->str, ==, "i0i1i2i3i4i5i6i7");
      g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, N_PAGES);
      g_assert_true (dd_pager_is_done (pager));
    }
}

/* No request ahead of a page that may reach max-items (by its Count). */
static void
test_pipeline_max_items (void)
{
  static const struct { guint64 max; const char *seen; const char *starts; } cases[] = {
    { 3, "i0i1i2", "-" },
    { 4, "i0i1i2i3", "- k2" },
    { 7, "i0i1i2i3i4i5i6", "- k2 k5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Fake) fake = fake_new ();
      g_autoptr(DdPager) pager = new_pager (fake);
      g_autoptr(GString) seen = g_string_new (NULL);
      g_autofree char *starts = NULL;

      g_signal_connect (pager, "page", G_CALLBACK (page_cb), seen);
      dd_pager_set_max_items (pager, cases[i].max);
      g_assert_no_error (fetch_all (pager));
      g_assert_cmpstr (seen->str, ==, cases[i].seen);
      starts = starts_joined (fake);
      g_assert_cmpstr (starts, ==, cases[i].starts);
      g_assert_true (dd_pager_is_done (pager));
    }
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/pager-pipeline/all", test_pipeline_all);
  g_test_add_func ("/dd/pager-pipeline/bad-page", test_pipeline_bad_page);
  g_test_add_func ("/dd/pager-pipeline/max-items", test_pipeline_max_items);
  g_test_add_func ("/dd/pager-pipeline/out-of-order", test_pipeline_out_of_order);
  return g_test_run ();
}
