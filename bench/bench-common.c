/* bench-common.c: synthetic Scan pages and peak memory for the benchmarks. */
#include "config.h"

#include <sys/resource.h>

#include "bench-common.h"

#define PAGE_BYTES (1024 * 1024)

static const char *cities[] = { "Lisbon", "Oslo", "Kyoto", "Quito", "Accra", "Perth", "Austin" };

void
bench_append_item (GString *s,
                   guint    i)
{
  g_string_append_printf (s,
    "{\"pk\":{\"S\":\"user#%08u\"},\"sk\":{\"N\":\"%u\"},"
    "\"name\":{\"S\":\"Person %u\"},"
    "\"email\":{\"S\":\"person%u@example.org\"},"
    "\"score\":{\"N\":\"%u.%03u\"},\"active\":{\"BOOL\":%s},\"deleted\":{\"NULL\":true},"
    "\"profile\":{\"M\":{\"city\":{\"S\":\"%s\"},\"zip\":{\"N\":\"%05u\"},"
    "\"langs\":{\"L\":[{\"S\":\"en\"},{\"S\":\"pt\"},{\"N\":\"%u\"}]}}},"
    "\"history\":{\"L\":[{\"N\":\"%u\"},{\"N\":\"%u\"},{\"S\":\"signup\"}]},"
    "\"colors\":{\"SS\":[\"red\",\"green\",\"blue%u\"]},"
    "\"note\":{\"S\":\"Lorem ipsum dolor %u\"}}",
    i, i % 1000, i, i, (i * 7919u) % 100000u, i % 1000u, (i & 1) ? "true" : "false",
    cities[i % G_N_ELEMENTS (cities)], (i * 31u) % 100000u, i % 10u,
    i * 3u, i * 5u, i % 17u, i);
}

GBytes *
bench_make_page (guint  first,
                 guint  last,
                 guint *next)
{
  GString *s = g_string_sized_new (PAGE_BYTES + 4096);
  guint i = first;

  g_string_append (s, "{\"Items\":[");
  for (; i < last && s->len < PAGE_BYTES - 1024; i++)
    {
      if (i > first)
        g_string_append_c (s, ',');
      bench_append_item (s, i);
    }
  g_string_append_printf (s, "],\"Count\":%u,\"ScannedCount\":%u", i - first, i - first);
  if (i < last)
    g_string_append_printf (s, ",\"LastEvaluatedKey\":{\"pk\":{\"S\":\"user#%08u\"}}", i - 1);
  g_string_append_c (s, '}');
  *next = i;
  return g_string_free_to_bytes (s);
}

double
bench_peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

double
bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}
