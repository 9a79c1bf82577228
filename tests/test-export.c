/* test-export.c: CSV, JSON and JSON Lines writers over pages. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-export.h"
#include "dd-page.h"
#include "dd-page-private.h"
#include "dd-test-dynamo.h"

#define BIG "12345678901234567890123456789012345678"

/* Every type, nested values, escapes, a 38-digit number. */
static const char *items_typed[] = {
  "{\"pk\":{\"S\":\"a\"},\"num\":{\"N\":\"" BIG "\"},\"bin\":{\"B\":\"AAEC/w==\"},"
  "\"flag\":{\"BOOL\":true},\"nothing\":{\"NULL\":true},"
  "\"map\":{\"M\":{\"inner\":{\"L\":[{\"N\":\"-1.5E-130\"},{\"S\":\"x\"},{\"M\":{}}]}}},"
  "\"list\":{\"L\":[]},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"0.000000000000000000000000000000000001\"]},"
  "\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]}}",
  "{\"sk\":{\"N\":\"-0.5\"},\"pk\":{\"S\":\"caf\\u00e9, \\\"q\\\"\\nline\"},\"off\":{\"BOOL\":false}}",
  "{\"pk\":{\"S\":\"\\ud83d\\ude00\"},\"extra\":{\"S\":\"\"}}",
};
/* The same items as plain JSON. */
static const char *items_plain[] = {
  "{\"pk\":\"a\",\"num\":" BIG ",\"bin\":\"AAEC/w==\",\"flag\":true,\"nothing\":null,"
  "\"map\":{\"inner\":[-1.5E-130,\"x\",{}]},\"list\":[],\"ss\":[\"a\",\"b\"],"
  "\"ns\":[1,0.000000000000000000000000000000000001],\"bs\":[\"AA==\",\"AQ==\"]}",
  "{\"sk\":-0.5,\"pk\":\"caf\xc3\xa9, \\\"q\\\"\\nline\",\"off\":false}",
  "{\"pk\":\"\xf0\x9f\x98\x80\",\"extra\":\"\"}",
};

static char *tmpdir;

/* Exact comparison of two JSON texts: same structure, strings equal once
 * decoded, number literals equal as text. */
static gboolean
string_tokens_equal (const char      *a,
                     const jsmntok_t *x,
                     const char      *b,
                     const jsmntok_t *y)
{
  g_autoptr(GString) sa = g_string_new (NULL);
  g_autoptr(GString) sb = g_string_new (NULL);

  dd_page_append_unescaped (sa, a + x->start, (gsize) (x->end - x->start));
  dd_page_append_unescaped (sb, b + y->start, (gsize) (y->end - y->start));
  return g_string_equal (sa, sb);
}

/* Compares the values at *ia and *ib and moves both past them. */
static gboolean
compare_at (const char *a, const jsmntok_t *ta, int *ia,
            const char *b, const jsmntok_t *tb, int *ib)
{
  const jsmntok_t *x = &ta[*ia], *y = &tb[*ib];

  (*ia)++;
  (*ib)++;
  if (x->type != y->type || x->size != y->size)
    return FALSE;
  if (x->type == JSMN_STRING && !string_tokens_equal (a, x, b, y))
    return FALSE;
  if (x->type == JSMN_PRIMITIVE
      && (x->end - x->start != y->end - y->start || memcmp (a + x->start, b + y->start, x->end - x->start) != 0))
    return FALSE;
  for (int k = 0; k < x->size; k++)
    if (!compare_at (a, ta, ia, b, tb, ib))
      return FALSE;
  return TRUE;
}

static void
assert_json_exact (const char *got,
                   gsize       got_len,
                   const char *expected)
{
  int na = 0, nb = 0, err = 0, ia = 0, ib = 0;
  gsize pos = 0;
  g_autofree jsmntok_t *ta = dd_jsmn_tokenize (got, got_len, &na, &err, &pos);
  g_autofree jsmntok_t *tb = dd_jsmn_tokenize (expected, strlen (expected), &nb, &err, &pos);

  g_assert_nonnull (ta);
  g_assert_nonnull (tb);
  if (na != nb || !compare_at (got, ta, &ia, expected, tb, &ib))
    g_error ("JSON differs:\n got      %.*s\n expected %s", (int) got_len, got, expected);
}

static DdPage *
page_of (const char * const *items,
         guint               n)
{
  g_autoptr(GString) text = g_string_new ("{\"Items\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  DdPage *page;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", items[i]);
  g_string_append (text, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  page = dd_page_parse (bytes, &error);
  g_assert_no_error (error);
  return page;
}

/* A file in a folder of its own, so leftovers can be counted. */
static GFile *
target_file (const char *name)
{
  static guint serial;
  g_autofree char *dir = g_strdup_printf ("%s/%u", tmpdir, serial++);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  return g_file_new_for_path (path);
}

static char *
read_file (GFile *file,
           gsize *len)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

/* Names in tmpdir other than the target (temporary files left behind). */
static guint
count_other_files (GFile *target)
{
  g_autofree char *base = g_file_get_basename (target);
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *parent_path = g_file_get_path (parent);
  g_autoptr(GDir) dir = g_dir_open (parent_path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strcmp (name, base) != 0)
      {
        n++;
      }
  return n;
}

/* Writes items (over two pages) and returns the file's text. */
static char *
export_to (GFile              *file,
           DdExportFormat      format,
           gboolean            typed,
           const char * const *keys,
           char                delimiter,
           const char * const *items,
           guint               n,
           gsize              *len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, format, typed, keys, delimiter, &error);
  g_autoptr(DdPage) first = page_of (items, MIN (n, 1));
  g_autoptr(DdPage) rest = page_of (items + MIN (n, 1), n - MIN (n, 1));

  g_assert_no_error (error);
  g_assert_true (dd_export_writer_add_page (writer, first, &error));
  g_assert_true (dd_export_writer_add_page (writer, rest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_export_writer_get_n_items (writer), ==, n);
  g_assert_true (dd_export_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_other_files (file), ==, 0);
  return read_file (file, len);
}

static char *
export_items (const char         *name,
              DdExportFormat      format,
              gboolean            typed,
              const char * const *keys,
              char                delimiter,
              const char * const *items,
              guint               n,
              gsize              *len)
{
  g_autoptr(GFile) file = target_file (name);

  return export_to (file, format, typed, keys, delimiter, items, n, len);
}

/* JSON ------------------------------------------------------------------ */

static void
check_json_array (const char         *text,
                  gsize               len,
                  const char * const *expected,
                  guint               n)
{
  int n_tokens = 0, err = 0, j = 1;
  gsize pos = 0;
  g_autofree jsmntok_t *tokens = dd_jsmn_tokenize (text, len, &n_tokens, &err, &pos);

  g_assert_nonnull (tokens);
  g_assert_cmpint (tokens[0].type, ==, JSMN_ARRAY);
  g_assert_cmpint (tokens[0].end, ==, (int) len - 1);  /* then a newline */
  g_assert_cmpint (tokens[0].size, ==, n);
  for (guint i = 0; i < n; i++)
    {
      assert_json_exact (text + tokens[j].start, (gsize) (tokens[j].end - tokens[j].start), expected[i]);
      j = dd_jsmn_skip (tokens, n_tokens, j);
    }
}

static void
test_export_json_typed (void)
{
  gsize len = 0;
  g_autofree char *text = export_items ("typed.json", DD_EXPORT_FORMAT_JSON, TRUE, NULL, 0,
                                        items_typed, 3, &len);
  g_autoptr(GFile) file = target_file ("typed.json");

  check_json_array (text, len, items_typed, 3);
  /* Typed export copies the bytes of each item. */
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (text, items_typed[i]));
  g_file_delete (file, NULL, NULL);
}

static void
test_export_json_plain (void)
{
  gsize len = 0;
  g_autofree char *text = export_items ("plain.json", DD_EXPORT_FORMAT_JSON, FALSE, NULL, 0,
                                        items_typed, 3, &len);
  g_autofree char *empty = export_items ("empty.json", DD_EXPORT_FORMAT_JSON, FALSE, NULL, 0,
                                         items_typed, 0, NULL);

  check_json_array (text, len, items_plain, 3);
  g_assert_nonnull (strstr (text, ":" BIG));  /* a number literal, every digit */
  g_assert_cmpstr (empty, ==, "[]\n");
  check_json_array (empty, strlen (empty), NULL, 0);
}

static void
check_json_lines (const char         *text,
                  const char * const *expected,
                  guint               n)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  g_assert_cmpstr (lines[n], ==, "");
  for (guint i = 0; i < n; i++)
    assert_json_exact (lines[i], strlen (lines[i]), expected[i]);
}

static void
test_export_json_lines (void)
{
  const char *pretty[] = { "{\n  \"pk\" : {\"S\":\"two\\nlines\"},\r\n  \"n\": {\"N\":\"" BIG "\"}\n}" };
  g_autofree char *typed = export_items ("typed.jsonl", DD_EXPORT_FORMAT_JSON_LINES, TRUE, NULL, 0,
                                         items_typed, 3, NULL);
  g_autofree char *plain = export_items ("plain.jsonl", DD_EXPORT_FORMAT_JSON_LINES, FALSE, NULL, 0,
                                         items_typed, 3, NULL);
  g_autofree char *compact = export_items ("pretty.jsonl", DD_EXPORT_FORMAT_JSON_LINES, TRUE, NULL, 0,
                                           pretty, 1, NULL);

  check_json_lines (typed, items_typed, 3);
  check_json_lines (plain, items_plain, 3);
  g_assert_cmpstr (compact, ==, "{\"pk\":{\"S\":\"two\\nlines\"},\"n\":{\"N\":\"" BIG "\"}}\n");
}

/* CSV ------------------------------------------------------------------- */

/* RFC 4180 reader: rows of fields. */
static GPtrArray *
parse_csv (const char *text,
           char        delimiter)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == delimiter || *p == '\r');
        }
      else
        while (*p != delimiter && *p != '\r' && *p != '\n' && *p != '\0')
          {
            g_assert_true (*p != '"');
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == delimiter)
        {
          p++;
          continue;
        }
      g_assert_true (p[0] == '\r' && p[1] == '\n');  /* CRLF only */
      p += 2;
      g_ptr_array_add (rows, row);
      row = g_ptr_array_new_with_free_func (g_free);
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);

  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

static void
assert_header (GPtrArray          *rows,
               const char * const *expected)
{
  GPtrArray *header = g_ptr_array_index (rows, 0);

  g_assert_cmpuint (header->len, ==, g_strv_length ((char **) expected));
  for (guint c = 0; expected[c] != NULL; c++)
    g_assert_cmpstr (g_ptr_array_index (header, c), ==, expected[c]);
  for (guint r = 1; r < rows->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, r))->len, ==, header->len);
}

static void
test_export_csv_plain (void)
{
  const char *keys[] = { "pk", "sk", NULL };
  const char *header[] = { "pk", "sk", "num", "bin", "flag", "nothing", "map", "list", "ss",
                           "ns", "bs", "off", "extra", NULL };
  g_autofree char *text = export_items ("plain.csv", DD_EXPORT_FORMAT_CSV, FALSE, keys, 0,
                                        items_typed, 3, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (text, ',');

  g_assert_cmpuint (rows->len, ==, 4);
  assert_header (rows, header);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "a");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "");
  g_assert_cmpstr (cell (rows, 1, 2), ==, BIG);
  g_assert_cmpstr (cell (rows, 1, 3), ==, "AAEC/w==");
  g_assert_cmpstr (cell (rows, 1, 4), ==, "true");
  g_assert_cmpstr (cell (rows, 1, 5), ==, "");
  assert_json_exact (cell (rows, 1, 6), strlen (cell (rows, 1, 6)), "{\"inner\":[-1.5E-130,\"x\",{}]}");
  assert_json_exact (cell (rows, 1, 7), strlen (cell (rows, 1, 7)), "[]");
  assert_json_exact (cell (rows, 1, 8), strlen (cell (rows, 1, 8)), "[\"a\",\"b\"]");
  assert_json_exact (cell (rows, 1, 9), strlen (cell (rows, 1, 9)),
                     "[1,0.000000000000000000000000000000000001]");
  assert_json_exact (cell (rows, 1, 10), strlen (cell (rows, 1, 10)), "[\"AA==\",\"AQ==\"]");
  g_assert_cmpstr (cell (rows, 2, 0), ==, "caf\xc3\xa9, \"q\"\nline");
  g_assert_cmpstr (cell (rows, 2, 1), ==, "-0.5");
  g_assert_cmpstr (cell (rows, 2, 11), ==, "false");
  g_assert_cmpstr (cell (rows, 2, 2), ==, "");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (cell (rows, 3, 12), ==, "");
}

static void
test_export_csv_typed (void)
{
  const char *keys[] = { "pk", NULL };
  g_autofree char *text = export_items ("typed.csv", DD_EXPORT_FORMAT_CSV, TRUE, keys, ';',
                                        items_typed, 3, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (text, ';');

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "pk");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "num");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "{\"N\":\"" BIG "\"}");
  g_assert_cmpstr (cell (rows, 1, 7), ==, "{\"SS\":[\"a\",\"b\"]}");
  g_assert_cmpstr (cell (rows, 2, 0), ==, "{\"S\":\"caf\\u00e9, \\\"q\\\"\\nline\"}");
}

static void
test_export_csv_quoting (void)
{
  struct { char delimiter; const char *value; const char *field; } cases[] = {
    { ',', "plain", "plain" },
    { ',', "with,comma", "\"with,comma\"" },
    { ',', "with \\\"quote\\\"", "\"with \"\"quote\"\"\"" },
    { ',', "\\\"", "\"\"\"\"" },
    { ',', "line\\nbreak", "\"line\nbreak\"" },
    { ',', "cr\\rhere", "\"cr\rhere\"" },
    { ',', "semi;colon", "semi;colon" },
    { ';', "semi;colon", "\"semi;colon\"" },
    { ';', "with,comma", "with,comma" },
    { '\t', "tab\\there", "\"tab\there\"" },
    { ',', " spaced ", " spaced " },
    { ',', "", "\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *item = g_strdup_printf ("{\"v\":{\"S\":\"%s\"}}", cases[i].value);
      const char *items[] = { item };
      g_autofree char *text = export_items ("quote.csv", DD_EXPORT_FORMAT_CSV, FALSE, NULL,
                                            cases[i].delimiter, items, 1, NULL);
      g_autofree char *expected = g_strdup_printf ("v\r\n%s\r\n", cases[i].field);

      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_export_csv_columns (void)
{
  const char *items[] = {
    "{\"a\":{\"N\":\"1\"}}",
    "{\"b\":{\"N\":\"2\"},\"a\":{\"N\":\"3\"}}",
    "{\"c\":{\"S\":\"x\"}}",
    "{}",
  };
  const char *keys[] = { "id", "c", NULL };
  g_autofree char *text = export_items ("columns.csv", DD_EXPORT_FORMAT_CSV, FALSE, keys, 0,
                                        items, 4, NULL);

  /* Key columns first (even one no item has), then first-seen order;
   * early rows padded to every column. */
  g_assert_cmpstr (text, ==,
                   "id,c,a,b\r\n"
                   ",,1,\r\n"
                   ",,3,2\r\n"
                   ",x,,\r\n"
                   ",,,\r\n");
}

static void
test_export_csv_large (void)
{
  g_autoptr(GFile) file = target_file ("large.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_CSV, FALSE,
                                                           NULL, 0, &error);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  g_assert_no_error (error);
  for (guint p = 0; p < 20; p++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(DdPage) page = NULL;

      for (guint i = 0; i < 1000; i++, n++)
        g_ptr_array_add (items, g_strdup_printf ("{\"id\":{\"N\":\"%u\"},\"text\":{\"S\":\"row %u, \\\"padded\\\" "
                                                 "..............................\"}%s}",
                                                 n, n, p == 19 ? ",\"late\":{\"BOOL\":true}" : ""));
      page = page_of ((const char * const *) items->pdata, items->len);
      g_assert_true (dd_export_writer_add_page (writer, page, &error));
    }
  g_assert_true (dd_export_writer_finish (writer, &error));
  g_assert_no_error (error);

  text = read_file (file, NULL);
  rows = parse_csv (text, ',');
  g_assert_cmpuint (rows->len, ==, n + 1);
  g_assert_cmpstr (cell (rows, 0, 2), ==, "late");
  for (guint r = 1; r <= n; r++)
    {
      g_autofree char *id = g_strdup_printf ("%u", r - 1);

      g_assert_cmpstr (cell (rows, r, 0), ==, id);
      g_assert_cmpstr (cell (rows, r, 2), ==, r > 19000 ? "true" : "");
    }
}

/* Temporary files, abort, replace -------------------------------------- */

static void
set_file (GFile      *file,
          const char *text)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_export_abort (void)
{
  g_autoptr(GFile) file = target_file ("abort.csv");
  g_autoptr(DdPage) page = page_of (items_typed, 3);

  for (guint format = DD_EXPORT_FORMAT_CSV; format <= DD_EXPORT_FORMAT_JSON_LINES; format++)
    for (guint existing = 0; existing < 2; existing++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(DdExportWriter) writer = NULL;

        g_file_delete (file, NULL, NULL);
        if (existing)
          set_file (file, "previous contents\n");
        writer = dd_export_writer_new (file, format, FALSE, NULL, 0, &error);
        g_assert_no_error (error);
        g_assert_true (dd_export_writer_add_page (writer, page, &error));
        g_assert_cmpuint (count_other_files (file), ==, 1);  /* the temporary file */
        dd_export_writer_abort (writer);
        dd_export_writer_abort (writer);
        g_assert_cmpuint (count_other_files (file), ==, 0);
        if (existing)
          {
            g_autofree char *text = read_file (file, NULL);

            g_assert_cmpstr (text, ==, "previous contents\n");
          }
        else
          g_assert_false (g_file_query_exists (file, NULL));
      }
  g_file_delete (file, NULL, NULL);
}

static void
test_export_unfinished (void)
{
  g_autoptr(GFile) file = target_file ("dropped.json");
  g_autoptr(DdPage) page = page_of (items_typed, 3);
  g_autoptr(GError) error = NULL;
  DdExportWriter *writer;

  set_file (file, "[]\n");
  writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_JSON, TRUE, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (dd_export_writer_add_page (writer, page, &error));
  g_assert_finalize_object (writer);
  g_assert_cmpuint (count_other_files (file), ==, 0);
  {
    g_autofree char *text = read_file (file, NULL);

    g_assert_cmpstr (text, ==, "[]\n");
  }
  g_file_delete (file, NULL, NULL);
}

static void
test_export_replace (void)
{
  g_autoptr(GFile) file = target_file ("replace.jsonl");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = NULL;
  struct stat st;

  set_file (file, "old\n");
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  text = export_to (file, DD_EXPORT_FORMAT_JSON_LINES, TRUE, NULL, 0, items_typed, 1, NULL);
  g_assert_true (g_str_has_prefix (text, items_typed[0]));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_file_delete (file, NULL, NULL);
}

static void
test_export_bad_target (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-dir-for-export/out.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_CSV, FALSE,
                                                           NULL, 0, &error);

  g_assert_null (writer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_export_add_item (void)
{
  g_autoptr(GFile) file = target_file ("items.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_JSON_LINES, FALSE,
                                                           NULL, 0, &error);
  const char *bad[] = {
    "{\"a\":{\"S\":\"x\"}",
    "{\"a\":1}",
    "[]",
    "{\"a\":{\"S\":\"x\"}},{\"b\":{\"S\":\"y\"}}",
    "{\"a\":{\"Q\":\"x\"}}",
    "{\"a\":{\"N\":\"not a number\"}}",
  };
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (dd_export_writer_add_item (writer, items_typed[1], strlen (items_typed[1]), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (dd_export_writer_add_item (writer, bad[i], strlen (bad[i]), &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_true (dd_export_writer_add_item (writer, items_typed[2], strlen (items_typed[2]), &error));
  g_assert_true (dd_export_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_export_writer_get_n_items (writer), ==, 2);

  /* The refused items left nothing behind. */
  text = read_file (file, NULL);
  check_json_lines (text, items_plain + 1, 2);
  g_file_delete (file, NULL, NULL);
}

static void
test_export_formats (void)
{
  struct { const char *name; gboolean ok; DdExportFormat format; } cases[] = {
    { "csv", TRUE, DD_EXPORT_FORMAT_CSV },
    { "JSON", TRUE, DD_EXPORT_FORMAT_JSON },
    { "jsonl", TRUE, DD_EXPORT_FORMAT_JSON_LINES },
    { "ndjson", TRUE, DD_EXPORT_FORMAT_JSON_LINES },
    { "xml", FALSE, DD_EXPORT_FORMAT_CSV },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DdExportFormat format = DD_EXPORT_FORMAT_CSV;

      g_assert_true (dd_export_format_from_string (cases[i].name, &format) == cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (format, ==, cases[i].format);
    }
  g_assert_cmpstr (dd_export_format_get_extension (DD_EXPORT_FORMAT_JSON_LINES), ==, "jsonl");
}

int
main (int   argc,
      char *argv[])
{
  const char *home = dd_test_init (&argc, &argv);

  tmpdir = g_build_filename (home, "export", NULL);
  g_assert_cmpint (g_mkdir_with_parents (tmpdir, 0700), ==, 0);

  g_test_add_func ("/dd/export/json/typed", test_export_json_typed);
  g_test_add_func ("/dd/export/json/plain", test_export_json_plain);
  g_test_add_func ("/dd/export/json-lines", test_export_json_lines);
  g_test_add_func ("/dd/export/csv/plain", test_export_csv_plain);
  g_test_add_func ("/dd/export/csv/typed", test_export_csv_typed);
  g_test_add_func ("/dd/export/csv/quoting", test_export_csv_quoting);
  g_test_add_func ("/dd/export/csv/columns", test_export_csv_columns);
  g_test_add_func ("/dd/export/csv/large", test_export_csv_large);
  g_test_add_func ("/dd/export/abort", test_export_abort);
  g_test_add_func ("/dd/export/unfinished", test_export_unfinished);
  g_test_add_func ("/dd/export/replace", test_export_replace);
  g_test_add_func ("/dd/export/bad-target", test_export_bad_target);
  g_test_add_func ("/dd/export/add-item", test_export_add_item);
  g_test_add_func ("/dd/export/formats", test_export_formats);

  return g_test_run ();
}
