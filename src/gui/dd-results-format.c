/* dd-results-format.c: pure helpers for fetching, exporting, importing. */
#define G_LOG_DOMAIN "dd-results-format"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

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

char *
dd_format_read_capacity (guint64 size_bytes)
{
  /* half units, one per 4 KB started */
  guint64 halves = size_bytes / 4096 + (size_bytes % 4096 != 0);

  if (halves % 2 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, halves / 2);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".5", halves / 2);
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
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *items = dd_format_item_count (n_items);
  g_autofree char *pages = g_strdup_printf ("%" G_GUINT64_FORMAT, n_pages);
  g_autofree char *rate = g_strdup_printf ("%" G_GUINT64_FORMAT, dd_rate_per_second (n_items, usec));

  /* Translators: %s is a number of items */
  g_string_append_printf (line, _("Fetching… %s"), items);
  g_string_append (line, " · ");
  /* Translators: %s is a number of result pages */
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages",
                                             n_pages > G_MAXULONG ? G_MAXULONG : (gulong) n_pages),
                          pages);
  g_string_append (line, " · ");
  /* Translators: %s is a number of items per second */
  g_string_append_printf (line, _("%s items/s"), rate);
  if (capacity > 0)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (line, " · ");
      /* Translators: read capacity units consumed */
      g_string_append_printf (line, _("%s RCU"), g_ascii_formatd (number, sizeof number, "%.1f", capacity));
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
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
