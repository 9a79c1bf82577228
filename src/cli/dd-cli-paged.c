/* dd-cli-paged.c: dynamo-desk-cli --all: every page, streamed.
 *
 * JSON Lines and CSV go through the export writer. JSON is one object,
 * {"Items": [...], "Count": N, "ScannedCount": M} (or {"TableNames": [...]}),
 * written item by item as pages arrive, so no page is held longer than it
 * takes to write it.
 */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-cli-output.h"
#include "dd-cli-paged.h"
#include "dd-cli-print.h"
#include "dd-cli-run.h"
#include "dd-error.h"
#include "dd-page.h"
#include "dd-pager.h"

typedef struct
{
  const DdCliArgs *args;
  DdCliOutput     *output;
  guint64          n_written;
  gboolean         table_names;
  GError          *error;
  gboolean         done;
} JsonSink;

static gboolean
write_entry (JsonSink   *sink,
             const char *text,
             gsize       len)
{
  const char *separator = sink->n_written++ == 0 ? "\n    " : ",\n    ";

  return dd_cli_output_write (sink->output, separator, -1, &sink->error)
         && dd_cli_output_write (sink->output, text, len, &sink->error);
}

static gboolean
write_item (JsonSink   *sink,
            const char *typed,
            gsize       len)
{
  g_autofree char *plain = NULL;

  if (sink->args->typed)
    return write_entry (sink, typed, len);
  plain = dd_attr_item_to_plain (typed, len, &sink->error);
  return plain != NULL && write_entry (sink, plain, strlen (plain));
}

static void
page_cb (DdPager  *pager,
         DdPage   *page,
         JsonSink *sink)
{
  const char * const *names = dd_page_get_table_names (page, NULL);

  if (sink->error != NULL)
    return;
  for (guint i = 0; names[i] != NULL && sink->error == NULL; i++)
    {
      g_autoptr(GString) quoted = g_string_new ("\"");
      g_autofree char *escaped = g_strescape (names[i], NULL);

      g_string_append_printf (quoted, "%s\"", escaped);
      sink->table_names = TRUE;
      write_entry (sink, quoted->str, quoted->len);
    }
  for (guint i = 0; i < dd_page_get_n_items (page) && sink->error == NULL; i++)
    {
      gsize len;
      const char *item = dd_page_get_item (page, i, &len);
      write_item (sink, item, len);
    }
}

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  JsonSink *sink = user_data;
  GError *error = NULL;

  if (!dd_pager_fetch_all_finish (DD_PAGER (object), result, &error) && sink->error == NULL)
    sink->error = error;
  else
    g_clear_error (&error);
  sink->done = TRUE;
}

static gboolean
write_json_tail (JsonSink *sink,
                 DdPager  *pager)
{
  g_autofree char *tail = NULL;
  const char *close = sink->n_written > 0 ? "\n  ]" : "]";

  if (sink->table_names)
    tail = g_strdup_printf ("%s\n}\n", close);
  else
    tail = g_strdup_printf ("%s,\n  \"Count\": %" G_GUINT64_FORMAT ",\n  \"ScannedCount\": %" G_GUINT64_FORMAT "\n}\n",
                            close, dd_pager_get_count (pager), dd_pager_get_scanned_count (pager));
  return dd_cli_output_write (sink->output, tail, -1, &sink->error);
}

static int
run_json (const DdCliArgs   *args,
          const DdOperation *op,
          DdPager           *pager)
{
  g_autoptr(DdCliOutput) output = NULL;
  JsonSink sink = { args };
  gboolean lists_tables = g_strcmp0 (op->page_output_key, "LastEvaluatedTableName") == 0;
  int status = DD_CLI_EXIT_OK;

  output = dd_cli_output_open (args->output, &sink.error);
  if (output == NULL)
    return dd_cli_report_error (sink.error);
  sink.output = output;
  sink.table_names = lists_tables;
  dd_cli_output_write (output, lists_tables ? "{\n  \"TableNames\": [" : "{\n  \"Items\": [", -1, NULL);

  g_signal_connect (pager, "page", G_CALLBACK (page_cb), &sink);
  dd_pager_fetch_all_async (pager, NULL, fetch_all_cb, &sink);
  dd_cli_wait (&sink.done);

  if (sink.error == NULL)
    write_json_tail (&sink, pager);
  if (sink.error == NULL)
    dd_cli_output_commit (output, &sink.error);
  if (sink.error != NULL)
    {
      dd_cli_output_abort (output);
      status = dd_cli_report_error (sink.error);
      g_clear_error (&sink.error);
    }
  return status;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
write_pager_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  dd_export_writer_write_pager_finish (DD_EXPORT_WRITER (object), result, &wait->error);
  wait->done = TRUE;
}

static int
run_export (const DdCliArgs   *args,
            const DdOperation *op,
            DdClient          *client,
            GBytes            *body,
            DdPager           *pager)
{
  g_autoptr(GFile) stdout_file = NULL;
  g_autoptr(DdExportWriter) writer = NULL;
  Wait wait = { 0 };
  int status = DD_CLI_EXIT_OK;

  writer = dd_cli_print_new_writer (args, op, client, body, &stdout_file, &wait.error);
  if (writer != NULL)
    {
      /* write_pager finishes the writer itself (or aborts it). */
      dd_export_writer_write_pager_async (writer, pager, NULL, write_pager_cb, &wait);
      dd_cli_wait (&wait.done);
    }
  if (wait.error == NULL && stdout_file != NULL)
    dd_cli_print_copy_to_stdout (stdout_file, &wait.error);
  if (wait.error != NULL)
    {
      status = dd_cli_report_error (wait.error);
      g_clear_error (&wait.error);
    }
  return status;
}

int
dd_cli_paged_run (const DdCliArgs   *args,
                  const DdOperation *op,
                  DdClient          *client,
                  GBytes            *body)
{
  g_autoptr(DdPager) pager = dd_pager_new (client, op, body);

  if (args->max_items > 0)
    dd_pager_set_max_items (pager, (guint64) args->max_items);
  if (args->segments > 1)
    dd_pager_set_total_segments (pager, (guint) args->segments);
  if (args->format == DD_CLI_FORMAT_JSON)
    return run_json (args, op, pager);
  return run_export (args, op, client, body, pager);
}
