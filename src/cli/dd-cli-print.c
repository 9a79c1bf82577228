/* dd-cli-print.c: how dynamo-desk-cli prints results. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dd-attr.h"
#include "dd-cli-output.h"
#include "dd-cli-print.h"
#include "dd-cli-run.h"
#include "dd-error.h"
#include "dd-page.h"

void
dd_cli_wait (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  gboolean  done;
  GBytes   *response;
  GError   *error;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->response = dd_client_call_finish (DD_CLIENT (object), result, &call->error);
  call->done = TRUE;
}

GBytes *
dd_cli_call (DdClient   *client,
             const char *action,
             GBytes     *body,
             GError    **error)
{
  Call call = { 0 };

  dd_client_call_async (client, action, body, NULL, call_cb, &call);
  dd_cli_wait (&call.done);
  if (call.error != NULL)
    g_propagate_error (error, call.error);
  return call.response;
}

static JsonNode *
parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static char *
body_table_name (GBytes *body)
{
  g_autoptr(JsonNode) root = parse_json (body);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "TableName", NULL));
}

static GBytes *
describe_table_body (const char *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "TableName");
  json_builder_add_string_value (builder, table);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

/* The table's key attributes, hash first, from DescribeTable; NULL when
 * they cannot be had (the header then follows first-seen order). */
static GStrv
fetch_key_names (DdClient *client,
                 GBytes   *body)
{
  g_autofree char *table = body_table_name (body);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GBytes) response = NULL;
  JsonObject *description;
  JsonArray *schema;

  if (table == NULL)
    return NULL;
  request = describe_table_body (table);
  /* Without the key names the header follows first-seen order. */
  response = dd_cli_call (client, "DescribeTable", request, NULL);
  if (response == NULL)
    return NULL;
  root = parse_json (response);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  description = json_object_get_object_member (json_node_get_object (root), "Table");
  schema = description ? json_object_get_array_member (description, "KeySchema") : NULL;
  for (guint i = 0; schema != NULL && i < json_array_get_length (schema); i++)
    {
      JsonObject *key = json_array_get_object_element (schema, i);
      const char *name = json_object_get_string_member_with_default (key, "AttributeName", NULL);

      if (name != NULL)
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

static DdExportFormat
export_format (const DdCliArgs *args)
{
  switch (args->format)
    {
    case DD_CLI_FORMAT_CSV:
      return DD_EXPORT_FORMAT_CSV;
    case DD_CLI_FORMAT_JSON:
      return DD_EXPORT_FORMAT_JSON;
    case DD_CLI_FORMAT_JSONL:
    default:
      return DD_EXPORT_FORMAT_JSON_LINES;
    }
}

DdExportWriter *
dd_cli_print_new_writer (const DdCliArgs   *args,
                         const DdOperation *op,
                         DdClient          *client,
                         GBytes            *body,
                         GFile            **stdout_file,
                         GError           **error)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(GFile) target = NULL;

  *stdout_file = NULL;
  if (args->format == DD_CLI_FORMAT_CSV && (op->flags & DD_OPERATION_FLAG_TAKES_TABLE))
    keys = fetch_key_names (client, body);
  if (args->output != NULL && !g_str_equal (args->output, "-"))
    target = g_file_new_for_commandline_arg (args->output);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("dynamo-desk-cli-%d-%s.out", (int) getpid (), uuid);
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

      target = g_file_new_for_path (path);
      *stdout_file = g_object_ref (target);
    }
  return dd_export_writer_new (target, export_format (args), args->typed,
                               (const char * const *) keys,
                               args->delimiter != NULL ? args->delimiter[0] : 0, error);
}

gboolean
dd_cli_print_copy_to_stdout (GFile   *file,
                GError **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  gboolean ok;

  if (in == NULL)
    return FALSE;
  ok = g_output_stream_splice (out, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                               NULL, error) >= 0;
  g_file_delete (file, NULL, NULL);
  return ok;
}

gboolean
dd_cli_print_finish_writer (DdExportWriter *writer,
                            GFile          *stdout_file,
                            GError        **error)
{
  if (!dd_export_writer_finish (writer, error))
    return FALSE;
  return stdout_file == NULL || dd_cli_print_copy_to_stdout (stdout_file, error);
}

static int
print_json (const DdCliArgs   *args,
            const DdOperation *op,
            GBytes            *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pretty = g_string_new (NULL);
  g_autoptr(DdCliOutput) output = NULL;
  g_autofree char *plain = NULL;
  gsize len;
  const char *text = g_bytes_get_data (response, &len);

  if (!args->typed)
    {
      plain = dd_attr_document_to_plain (text, len, op->response_paths, &error);
      if (plain == NULL)
        return dd_cli_report_error (error);
      text = plain;
      len = strlen (plain);
    }
  dd_cli_pretty_json (pretty, text, len);
  g_string_append_c (pretty, '\n');

  output = dd_cli_output_open (args->output, &error);
  if (output == NULL
      || !dd_cli_output_write (output, pretty->str, pretty->len, &error)
      || !dd_cli_output_commit (output, &error))
    return dd_cli_report_error (error);
  return DD_CLI_EXIT_OK;
}

/* The one item of a non-page response (Item of GetItem, Attributes of the
 * writes), as its typed JSON text; NULL when there is none. */
static char *
single_item (GBytes *response)
{
  static const char *const members[] = { "Item", "Attributes" };
  g_autoptr(JsonNode) root = parse_json (response);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *item = json_object_get_member (object, members[i]);
      if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
        return json_to_string (item, FALSE);
    }
  return NULL;
}

static gboolean
add_response (DdExportWriter    *writer,
              const DdOperation *op,
              GBytes            *response,
              GError           **error)
{
  g_autofree char *item = NULL;

  if (op->flags & DD_OPERATION_FLAG_RETURNS_ITEMS)
    {
      g_autoptr(DdPage) page = dd_page_parse (response, error);
      return page != NULL && dd_export_writer_add_page (writer, page, error);
    }
  item = single_item (response);
  return item == NULL || dd_export_writer_add_item (writer, item, strlen (item), error);
}

static int
print_items (const DdCliArgs   *args,
             const DdOperation *op,
             DdClient          *client,
             GBytes            *body,
             GBytes            *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) stdout_file = NULL;
  g_autoptr(DdExportWriter) writer = dd_cli_print_new_writer (args, op, client, body,
                                                              &stdout_file, &error);

  if (writer == NULL || !add_response (writer, op, response, &error)
      || !dd_cli_print_finish_writer (writer, stdout_file, &error))
    {
      if (writer != NULL)
        dd_export_writer_abort (writer);
      return dd_cli_report_error (error);
    }
  return DD_CLI_EXIT_OK;
}

static int
print_table_names (const DdCliArgs *args,
                   GBytes          *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPage) page = dd_page_parse (response, &error);
  g_autoptr(DdCliOutput) output = NULL;
  g_autoptr(GString) text = g_string_new (args->format == DD_CLI_FORMAT_CSV ? "TableName\r\n" : "");
  const char * const *names;

  if (page == NULL)
    return dd_cli_report_error (error);
  names = dd_page_get_table_names (page, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *escaped = g_strescape (names[i], NULL);
      /* Table names are [a-zA-Z0-9_.-]+: no CSV quoting is ever needed. */
      if (args->format == DD_CLI_FORMAT_CSV)
        g_string_append_printf (text, "%s\r\n", names[i]);
      else
        g_string_append_printf (text, "\"%s\"\n", escaped);
    }
  output = dd_cli_output_open (args->output, &error);
  if (output == NULL || !dd_cli_output_write (output, text->str, text->len, &error)
      || !dd_cli_output_commit (output, &error))
    return dd_cli_report_error (error);
  return DD_CLI_EXIT_OK;
}

int
dd_cli_print_response (const DdCliArgs   *args,
                       const DdOperation *op,
                       DdClient          *client,
                       GBytes            *body,
                       GBytes            *response)
{
  if (args->format == DD_CLI_FORMAT_JSON)
    return print_json (args, op, response);
  if (g_strcmp0 (op->action, "ListTables") == 0)
    return print_table_names (args, response);
  return print_items (args, op, client, body, response);
}
