/* dd-results-format.c: pure helpers for fetching, exporting, importing. */
#define G_LOG_DOMAIN "dd-results-format"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "dd-results-format.h"
#include "dd-shared-closures.h"

static gboolean
read_count (JsonObject *table,
            const char *name,
            guint64    *out)
{
  JsonNode *node = json_object_get_member (table, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 0)
    return FALSE;
  *out = (guint64) json_node_get_int (node);
  return TRUE;
}

gboolean
dd_describe_table_size (const char *json,
                        gsize       len,
                        guint64    *size_bytes,
                        guint64    *item_count)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root, *table;

  g_return_val_if_fail (json != NULL && size_bytes != NULL && item_count != NULL, FALSE);

  *size_bytes = *item_count = 0;
  if (!json_parser_load_from_data (parser, json, (gssize) len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  table = json_object_get_member (json_node_get_object (root), "Table");
  if (table == NULL || !JSON_NODE_HOLDS_OBJECT (table))
    return FALSE;
  read_count (json_node_get_object (table), "ItemCount", item_count);
  return read_count (json_node_get_object (table), "TableSizeBytes", size_bytes);
}

/* The locale's decimal separator ("." in C, "," in German). */
static const char *
decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && *point != '\0' ? point : ".";
}

char *
dd_format_read_capacity (guint64 size_bytes)
{
  /* half units, one per 4 KB started */
  guint64 halves = size_bytes / 4096 + (size_bytes % 4096 != 0);

  if (halves % 2 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, halves / 2);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "%s5", halves / 2, decimal_point ());
}

char *
dd_format_read_estimate (guint64 size_bytes,
                         guint64 item_count)
{
  g_autofree char *size = g_format_size (size_bytes);
  g_autofree char *items = dd_format_item_count (item_count);
  g_autofree char *units = dd_format_read_capacity (size_bytes);

  /* Translators: a size ("12.3 MB"), a number of items, read capacity units */
  return g_strdup_printf (_("About %s in %s: about %s read capacity units "
                            "(eventually consistent reads, 0.5 per 4 KB)."),
                          size, items, units);
}

guint64
dd_rate_per_second (guint64 count,
                    gint64  usec)
{
  if (usec <= 0)
    return 0;
  /* count * 1e6 / usec without overflow for any count below 2^44 */
  if (count < G_MAXUINT64 / G_USEC_PER_SEC)
    return count * G_USEC_PER_SEC / (guint64) usec;
  return count / ((guint64) usec / G_USEC_PER_SEC + 1);
}

char *
dd_format_fetch_progress (guint64 n_items,
                          guint64 n_pages,
                          gint64  usec,
                          double  capacity)
{
  gulong n = n_items > G_MAXULONG ? G_MAXULONG : (gulong) n_items;
  g_autofree char *items = g_strdup_printf ("%" G_GUINT64_FORMAT, n_items);
  g_autofree char *rate = g_strdup_printf ("%" G_GUINT64_FORMAT, dd_rate_per_second (n_items, usec));
  g_autofree char *pages_number = g_strdup_printf ("%" G_GUINT64_FORMAT, n_pages);
  g_autofree char *pages = NULL;
  g_autofree char *units = NULL;

  /* Translators: %s is a number of result pages */
  pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages",
                                        n_pages > G_MAXULONG ? G_MAXULONG : (gulong) n_pages),
                           pages_number);
  if (capacity <= 0)
    /* Translators: a number of items, "25 pages", a number of items per
     * second; the plural is that of the first number */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetching… %s item · %s · %s items/s",
                                         "Fetching… %s items · %s · %s items/s", n),
                            items, pages, rate);
  /* the locale's decimal separator */
  units = g_strdup_printf ("%.1f", capacity);
  /* Translators: a number of items, "25 pages", a number of items per
   * second, the read capacity units consumed ("120.5"); the plural is that
   * of the first number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetching… %s item · %s · %s items/s · %s RCU",
                                       "Fetching… %s items · %s · %s items/s · %s RCU", n),
                          items, pages, rate, units);
}

char *
dd_format_write_progress (guint64 n_items,
                          gint64  usec)
{
  g_autofree char *items = dd_format_item_count (n_items);
  g_autofree char *rate = g_strdup_printf ("%" G_GUINT64_FORMAT, dd_rate_per_second (n_items, usec));

  /* Translators: a number of items, then a number of items per second */
  return g_strdup_printf (_("%s written · %s items/s"), items, rate);
}
