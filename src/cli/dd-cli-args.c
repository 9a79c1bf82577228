/* dd-cli-args.c: dynamo-desk-cli's command line. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-cli-args.h"
#include "dd-error.h"

const char *
dd_cli_usage (void)
{
  return
    _("Usage: dynamo-desk-cli [--endpoint URL] [--region R] [--profile P] [--source NAME]\n"
    "                       [--table NAME] [--all] [--segments N] [--max-items N]\n"
    "                       [--format json|jsonl|csv] [--delimiter C] [--typed|--plain] [-o FILE]\n"
    "                       OPERATION [REQUEST]\n"
    "       dynamo-desk-cli sources list|add|edit|test|remove ...\n"
    "       dynamo-desk-cli import --table NAME [--format jsonl|json|csv] [--resume FILE] FILE\n"
    "       dynamo-desk-cli sso login|accounts|roles [--profile P] ...\n"
    "\n"
    "OPERATION: list-tables, get-item, query, scan, delete-item, update-item,\n"
    "  describe-table, create-table, put-item, delete-table, update-table,\n"
    "  batch-get-item, batch-write-item, transact-get-items, transact-write-items,\n"
    "  execute-statement, describe-time-to-live, update-time-to-live, or call ACTION.\n"
    "REQUEST: JSON text, @FILE, or - for standard input (plain or DynamoDB JSON).\n"
    "\n"
    "Exit status: 0 success, 1 AWS error, 2 bad usage or bad JSON,\n"
    "3 network or credential failure, 4 a local file could not be read or written.\n");
}

void
dd_cli_args_free (DdCliArgs *args)
{
  if (args == NULL)
    return;
  g_free (args->endpoint);
  g_free (args->region);
  g_free (args->profile);
  g_free (args->source);
  g_free (args->table);
  g_free (args->output);
  g_free (args->operation);
  g_free (args->action);
  g_free (args->request);
  g_free (args->delimiter);
  g_free (args);
}

static gboolean
parse_format (const char *text,
              DdCliFormat *format,
              GError     **error)
{
  if (g_strcmp0 (text, "json") == 0)
    *format = DD_CLI_FORMAT_JSON;
  else if (g_strcmp0 (text, "jsonl") == 0)
    *format = DD_CLI_FORMAT_JSONL;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = DD_CLI_FORMAT_CSV;
  else
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("--format must be json, jsonl or csv, not '%s'"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_args (DdCliArgs  *args,
            char      **rest,
            char       *format,
            GError    **error)
{
  guint n_rest = rest ? g_strv_length (rest) : 0;
  guint i = 0;

  if (format != NULL && !parse_format (format, &args->format, error))
    return FALSE;
  if (args->typed && args->plain)
    return (g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                                 _("--typed and --plain exclude each other")), FALSE);
  if (args->segments < 1 || args->segments > 16)
    return (g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                         _("--segments must be between 1 and 16, not %d"), args->segments), FALSE);
  if (args->max_items < 0)
    return (g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                                 _("--max-items must not be negative")), FALSE);
  if (args->delimiter != NULL && strlen (args->delimiter) != 1)
    return (g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                                 _("--delimiter must be a single character")), FALSE);
  if (n_rest == 0)
    return (g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                                 _("no operation given")), FALSE);

  args->operation = g_strdup (rest[i++]);
  if (g_str_equal (args->operation, "call"))
    {
      if (i >= n_rest)
        return (g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                                     _("call needs an ACTION, e.g. call DescribeLimits")), FALSE);
      args->action = g_strdup (rest[i++]);
    }
  if (i < n_rest)
    args->request = g_strdup (rest[i++]);
  if (i < n_rest)
    return (g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                         _("unexpected argument '%s' after the request"), rest[i]), FALSE);
  return TRUE;
}

DdCliArgs *
dd_cli_args_parse (int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(DdCliArgs) args = g_new0 (DdCliArgs, 1);
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &args->endpoint, "Endpoint URL", "URL" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &args->region, "AWS region", "R" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &args->profile, "Profile from ~/.aws", "P" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &args->source, "Saved data source", "NAME" },
    { "table", 0, 0, G_OPTION_ARG_STRING, &args->table, "Table name, when the request has none", "NAME" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &args->all, "Follow pagination", NULL },
    { "segments", 0, 0, G_OPTION_ARG_INT, &args->segments, "Parallel scan segments (1-16)", "N" },
    { "max-items", 0, 0, G_OPTION_ARG_INT64, &args->max_items, "Stop after N items", "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "json, jsonl or csv", "F" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &args->delimiter, "CSV delimiter", "C" },
    { "typed", 0, 0, G_OPTION_ARG_NONE, &args->typed, "Items as DynamoDB JSON", NULL },
    { "plain", 0, 0, G_OPTION_ARG_NONE, &args->plain, "Items as plain JSON (the default)", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output, "Write to FILE (atomically)", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  args->segments = 1;
  context = g_option_context_new ("OPERATION [REQUEST]");
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);

  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &copy, &local_error))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, local_error->message);
      return NULL;
    }
  if (!check_args (args, rest, format, error))
    return NULL;
  return g_steal_pointer (&args);
}

static char *
read_stdin (GError **error)
{
  GString *text = g_string_new (NULL);
  char buffer[65536];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, n);
  if (ferror (stdin))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("cannot read standard input"));
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

char *
dd_cli_args_read_request (const DdCliArgs *args,
                          GError         **error)
{
  char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (args->request == NULL)
    return g_strdup ("");
  if (g_str_equal (args->request, "-"))
    return read_stdin (error);
  if (args->request[0] == '@')
    {
      if (!g_file_get_contents (args->request + 1, &contents, NULL, &local_error))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                       _("cannot read the request: %s"), local_error->message);
          return NULL;
        }
      return contents;
    }
  return g_strdup (args->request);
}
