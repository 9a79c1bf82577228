/* fuzz-export.c: the export writers' round trip (dd-export) on fuzzed pages.
 *
 * Input: one byte choosing the format (bits 0-1: CSV, JSON, JSON Lines),
 * typed or plain (bit 2) and the CSV delimiter (bit 3: ';' instead of ','),
 * then a result page. A page that parses is exported over an earlier file.
 *
 * Checked: the export either completes, or fails and leaves the earlier
 * file as it was; either way no temporary file stays in the folder. A
 * completed JSON file is one array of the page's items, a JSON Lines file
 * one valid JSON object per line, one line per item; typed output holds
 * each item as the page had it (whitespace aside), plain output reads back as an item;
 * a CSV file is a header and one record per item, every record as wide as
 * the header (RFC 4180 quoting).
 */
#define G_LOG_DOMAIN "fuzz-export"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fuzz.h"
#include "dd-attr.h"
#include "dd-error.h"
#include "dd-export.h"
#include "dd-json.h"
#include "dd-page.h"

#define EARLIER "earlier export\n"

static char *folder;

static void
remove_folder (void)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

static guint
count_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The top-level values of a JSON array text, as slices. */
static GPtrArray *
array_elements (const char *text,
                gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tokens = dd_json_tokenize (text, len, &error);
  GPtrArray *elements = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (tokens, DdJsonToken, 0).type, ==, DD_JSON_TOKEN_ARRAY);
  for (guint i = 1; i < tokens->len; i++)
    {
      const DdJsonToken *token = &g_array_index (tokens, DdJsonToken, i);

      if (token->parent == 0)
        g_ptr_array_add (elements, g_strndup (text + token->start, token->end - token->start));
    }
  return elements;
}

/* dd-page tokenizes with jsmn and takes a lone surrogate escape ("\\ud83d"
 * alone) as U+FFFD; dd-json refuses it. DynamoDB never sends one (its
 * strings are UTF-8), so that one difference is let through. */
static void
assert_item_json (const char *text,
                  gsize       len)
{
  g_autoptr(GError) error = NULL;

  if (!dd_json_validate (text, len, &error) && strstr (error->message, "unpaired surrogate") == NULL)
    g_error ("not JSON: %s", error->message);
}

static void
check_item (DdPage     *page,
            guint       i,
            const char *text,
            gsize       len,
            gboolean    typed)
{
  g_autoptr(GError) error = NULL;
  gsize item_len = 0;
  const char *item = dd_page_get_item (page, i, &item_len);

  assert_item_json (text, len);
  if (typed)
    {
      /* The same item, whitespace aside (both unreadable to dd-attr when
       * the page's item is). */
      g_autofree char *written = dd_attr_item_to_typed (text, len, DD_ATTR_READING_TYPED, &error);
      g_autofree char *original = dd_attr_item_to_typed (item, item_len, DD_ATTR_READING_TYPED, NULL);

      g_assert_cmpstr (written, ==, original);
    }
  else
    {
      g_autofree char *back = dd_attr_item_to_typed (text, len, DD_ATTR_READING_PLAIN, &error);

      g_assert_no_error (error);
      g_assert_nonnull (back);
    }
}

static void
check_json (DdPage     *page,
            const char *text,
            gsize       len,
            gboolean    typed)
{
  g_autoptr(GPtrArray) elements = array_elements (text, len);

  g_assert_cmpuint (elements->len, ==, dd_page_get_n_items (page));
  for (guint i = 0; i < elements->len; i++)
    {
      const char *element = g_ptr_array_index (elements, i);

      check_item (page, i, element, strlen (element), typed);
    }
}

static void
check_json_lines (DdPage     *page,
                  const char *text,
                  gsize       len,
                  gboolean    typed)
{
  const char *p = text;
  guint n = 0;

  while (p < text + len)
    {
      const char *nl = memchr (p, '\n', text + len - p);

      g_assert_nonnull (nl);
      g_assert_cmpuint (n, <, dd_page_get_n_items (page));
      check_item (page, n, p, nl - p, typed);
      n++;
      p = nl + 1;
    }
  g_assert_cmpuint (n, ==, dd_page_get_n_items (page));
}

/* Record widths of an RFC 4180 text (CRLF or LF line ends). */
static GArray *
csv_widths (const char *text,
            gsize       len,
            char        delimiter)
{
  GArray *widths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint fields = 1;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < len && text[i + 1] == '"')
            i++;
          else if (c == '"')
            quoted = FALSE;
          continue;
        }
      if (c == '"')
        quoted = TRUE;
      else if (c == delimiter)
        fields++;
      else if (c == '\n' || (c == '\r' && i + 1 < len && text[i + 1] == '\n'))
        {
          if (c == '\r')
            i++;
          g_array_append_val (widths, fields);
          fields = 1;
        }
    }
  g_assert_false (quoted);
  return widths;
}

static void
check_csv (DdPage     *page,
           const char *text,
           gsize       len,
           char        delimiter)
{
  g_autoptr(GArray) widths = csv_widths (text, len, delimiter);
  guint n = dd_page_get_n_items (page);

  g_assert_true (len == 0 || text[len - 1] == '\n');
  if (n == 0)
    {
      g_assert_cmpuint (widths->len, <=, 1);
      return;
    }
  /* Items without a single attribute: no header, one empty line each. */
  if (dd_page_get_attribute_names (page, NULL)[0] == NULL)
    {
      g_assert_cmpuint (widths->len, ==, n);
      return;
    }
  g_assert_cmpuint (widths->len, ==, n + 1);
  for (guint i = 1; i < widths->len; i++)
    g_assert_cmpuint (g_array_index (widths, guint, i), ==, g_array_index (widths, guint, 0));
}

/* strict: the page is JSON to dd-json too (see assert_item_json); the
 * contents are checked only then. */
static void
export_page (DdPage         *page,
             DdExportFormat  format,
             gboolean        typed,
             char            delimiter,
             gboolean        strict)
{
  g_autofree char *path = g_build_filename (folder, "out", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportWriter) writer = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_set_contents (path, EARLIER, -1, NULL));
  writer = dd_export_writer_new (file, format, typed, NULL, delimiter, &error);
  g_assert_no_error (error);
  if (!dd_export_writer_add_page (writer, page, &error) || !dd_export_writer_finish (writer, &error))
    {
      g_assert_true (error != NULL && error->domain == DD_ERROR);
      dd_export_writer_abort (writer);
      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      g_assert_cmpstr (text, ==, EARLIER);
      g_assert_cmpuint (count_files (), ==, 1);
      return;
    }
  g_assert_cmpuint (count_files (), ==, 1);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  if (!strict)
    return;
  switch (format)
    {
    case DD_EXPORT_FORMAT_JSON:
      check_json (page, text, len, typed);
      break;
    case DD_EXPORT_FORMAT_JSON_LINES:
      check_json_lines (page, text, len, typed);
      break;
    case DD_EXPORT_FORMAT_CSV:
    default:
      check_csv (page, text, len, delimiter ? delimiter : ',');
      break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const DdExportFormat formats[] = {
    DD_EXPORT_FORMAT_CSV, DD_EXPORT_FORMAT_JSON, DD_EXPORT_FORMAT_JSON_LINES, DD_EXPORT_FORMAT_CSV,
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DdPage) page = NULL;

  fuzz_init_once ();
  if (folder == NULL)
    {
      folder = g_dir_make_tmp ("dd-fuzz-export-XXXXXX", NULL);
      g_assert_nonnull (folder);
      atexit (remove_folder);
    }
  if (size < 1)
    return 0;
  bytes = g_bytes_new (data + 1, size - 1);
  page = dd_page_parse (bytes, NULL);
  if (page == NULL)
    return 0;
  export_page (page, formats[data[0] & 3], (data[0] & 4) != 0, (data[0] & 8) ? ';' : 0,
               dd_json_validate ((const char *) data + 1, size - 1, NULL));
  return 0;
}
