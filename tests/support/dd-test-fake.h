/* dd-test-fake.h: loopback fakes and async waits in tests.
 *
 * A fake of a cloud service is a SoupServer inside the test, on
 * 127.0.0.1 and a free port; an async call is waited for on the main
 * context with a DdTestWait.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Listens with server on 127.0.0.1, a free port (IPv4 only); fails the
 * test when it cannot. Returns its base URL "http://127.0.0.1:PORT". */
char         *dd_test_listen_local  (SoupServer *server);

/* The result of one async call. */
typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} DdTestWait;

/* The GAsyncReadyCallback to pass with a DdTestWait as its data. */
void          dd_test_wait_cb       (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      wait);

/* Runs the main context until the callback came; fails the test after
 * timeout_seconds. The result belongs to wait (dd_test_wait_clear). */
GAsyncResult *dd_test_wait_result   (DdTestWait   *wait,
                                     guint         timeout_seconds);

/* Drops the result, ready for another call. */
void          dd_test_wait_clear    (DdTestWait   *wait);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DdTestWait, dd_test_wait_clear)

G_END_DECLS
