/* dd-timing.c: a timeline of a paged read (DD_TIMING=1), on stderr.
 *
 * A body is named by a small number given at its first mark, so that the
 * marks of one page can be followed from arrival to its write.
 */
#define G_LOG_DOMAIN "dd-timing"

#include "config.h"

#include <stdio.h>

#include "dd-timing.h"

static gint enabled = -1;
static gint64 origin;
static GMutex lock;
static GHashTable *bodies;

gboolean
dd_timing_enabled (void)
{
  int on = g_atomic_int_get (&enabled);

  if (G_LIKELY (on >= 0))
    return on;
  on = g_getenv ("DD_TIMING") != NULL;
  origin = g_get_monotonic_time ();
  g_atomic_int_set (&enabled, on);
  return on;
}

static guint
body_number (gconstpointer body)
{
  guint n;

  if (body == NULL)
    return 0;
  if (bodies == NULL)
    bodies = g_hash_table_new (NULL, NULL);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (bodies, body));
  if (n == 0)
    {
      n = g_hash_table_size (bodies) + 1;
      g_hash_table_insert (bodies, (gpointer) body, GUINT_TO_POINTER (n));
    }
  return n;
}

void
dd_timing_print (const char    *step,
                 int            seg,
                 gconstpointer  body)
{
  gint64 now = g_get_monotonic_time ();
  gboolean main_thread = g_main_context_is_owner (g_main_context_default ());
  guint n;

  g_mutex_lock (&lock);
  n = body_number (body);
  fprintf (stderr, "DD_TIMING %8.3f %-4s %-14s seg %d body %u\n",
           (double) (now - origin) / 1000.0, main_thread ? "main" : "pool", step, seg, n);
  g_mutex_unlock (&lock);
}
