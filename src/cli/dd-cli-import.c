/* dd-cli-import.c: `dynamo-desk-cli import`. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "dd-cli-args.h"
#include "dd-cli-import.h"
#include "dd-cli-provider.h"
#include "dd-cli-run.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-import.h"

typedef struct
{
  char         *endpoint;
  char         *region;
  char         *profile;
  char         *source;
  char         *table;
  char         *format;
  gboolean      typed;
  gboolean      plain;
  char         *types;
  char         *delimiter;
  char         *resume;
  int           concurrency;
  GStrv         files;

  GCancellable *cancellable;
  gboolean      done;
  gboolean      interrupted;
  gboolean      show_progress;
  GError       *error;
} ImportCli;

static void
import_cli_clear (ImportCli *cli)
{
  g_free (cli->endpoint);
  g_free (cli->region);
  g_free (cli->profile);
  g_free (cli->source);
  g_free (cli->table);
  g_free (cli->format);
  g_free (cli->types);
  g_free (cli->delimiter);
  g_free (cli->resume);
  g_strfreev (cli->files);
  g_clear_object (&cli->cancellable);
  g_clear_error (&cli->error);
}

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fprintf (stderr, "dynamo-desk-cli import: %s\n\n%s", message, help);
  return DD_CLI_EXIT_USAGE;
}

/* NULL when the options are usable, else the problem. */
static const char *
check_options (ImportCli      *cli,
               DdImportFormat *format)
{
  if (cli->files == NULL || cli->files[0] == NULL || cli->files[1] != NULL)
    return _("give exactly one FILE");
  if (cli->table == NULL || *cli->table == '\0')
    return _("--table is required");
  if (cli->typed && cli->plain)
    return _("--typed and --plain exclude each other");
  if (cli->format != NULL && !dd_import_format_from_string (cli->format, format))
    return _("--format takes jsonl, json or csv");
  if (cli->delimiter != NULL && (strlen (cli->delimiter) != 1 || strchr ("\"\r\n", *cli->delimiter)))
    return _("--delimiter takes one character (not a quote or a line break)");
  if (cli->concurrency < 0 || cli->concurrency > 64)
    return _("--concurrency takes 1 to 64");
  return NULL;
}

static gboolean
parse (ImportCli       *cli,
       int              argc,
       char           **argv,
       DdImportFormat  *format,
       int             *exit_code)
{
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &cli->endpoint, N_("Endpoint URL (a local DynamoDB)"), "URL" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &cli->region, N_("AWS region"), "R" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &cli->profile, N_("Profile of ~/.aws/config"), "P" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &cli->source, N_("Saved data source"), "NAME" },
    { "table", 0, 0, G_OPTION_ARG_STRING, &cli->table, N_("Table to import into"), "NAME" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &cli->format, N_("jsonl, json or csv (default: from the file name)"), "F" },
    { "typed", 0, 0, G_OPTION_ARG_NONE, &cli->typed, N_("Items (or CSV cells) are DynamoDB JSON"), NULL },
    { "plain", 0, 0, G_OPTION_ARG_NONE, &cli->plain, N_("Items are plain JSON"), NULL },
    { "types", 0, 0, G_OPTION_ARG_STRING, &cli->types, N_("CSV column types, e.g. age:N,tags:SS,active:BOOL"), "SPEC" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &cli->delimiter, N_("CSV separator (default ,)"), "C" },
    { "resume", 0, 0, G_OPTION_ARG_FILENAME, &cli->resume, N_("Resume point: created, updated, resumed from"), "STATE" },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &cli->concurrency, N_("Batches in flight (default 4)"), "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli->files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("FILE - import items into a table"));
  g_autoptr(GError) error = NULL;
  g_autofree char **copy = g_memdup2 (argv, sizeof (char *) * (argc + 1));
  const char *problem;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &copy, &error))
    {
      *exit_code = usage (context, error->message);
      return FALSE;
    }
  if ((problem = check_options (cli, format)) != NULL)
    {
      *exit_code = usage (context, problem);
      return FALSE;
    }
  return TRUE;
}

static DdClient *
make_client (ImportCli  *cli,
             GError    **error)
{
  DdCliArgs args = { 0 };
  g_autofree char *region = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(DdCredentialsProvider) provider = NULL;

  args.endpoint = cli->endpoint;
  args.region = cli->region;
  args.profile = cli->profile;
  args.source = cli->source;
  args.table = cli->table;
  args.segments = 1;
  provider = dd_cli_provider_resolve (&args, &region, &endpoint, error);
  if (provider == NULL)
    return NULL;
  if (region == NULL && endpoint == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("no region: give --region, or set AWS_REGION, or a profile's region"));
      return NULL;
    }
  return dd_client_new (region != NULL ? region : "us-east-1", endpoint, provider);
}

static void
progress_cb (DdImport  *import,
             guint64    written,
             guint64    read,
             guint64    failed,
             ImportCli *cli)
{
  if (cli->show_progress)
    {
      fputc ('\r', stderr);
      fprintf (stderr, _("%" PRIu64 " written, %" PRIu64 " read"), written, read);
    }
}

static gboolean
interrupt_cb (gpointer user_data)
{
  ImportCli *cli = user_data;

  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  ImportCli *cli = user_data;

  dd_import_run_finish (DD_IMPORT (source), result, &cli->error);
  cli->done = TRUE;
}

static gboolean
configure (DdImport       *import,
           ImportCli      *cli,
           DdImportFormat  format,
           GError        **error)
{
  dd_import_set_format (import, format);
  if (cli->typed || cli->plain)
    dd_import_set_reading (import, cli->typed ? DD_ATTR_READING_TYPED : DD_ATTR_READING_PLAIN);
  if (cli->delimiter != NULL)
    dd_import_set_delimiter (import, *cli->delimiter);
  if (cli->resume != NULL)
    dd_import_set_resume_file (import, cli->resume);
  if (cli->concurrency > 0)
    dd_import_set_max_in_flight (import, cli->concurrency);
  return cli->types == NULL || dd_import_set_column_types (import, cli->types, error);
}

static int
finish (ImportCli *cli,
        DdImport  *import)
{
  guint64 written;
  guint64 skipped;

  if (cli->show_progress)
    fprintf (stderr, "\n");
  if (cli->interrupted)
    {
      guint64 acknowledged = dd_import_get_acknowledged (import);

      if (cli->resume != NULL)
        fprintf (stderr, ngettext ("dynamo-desk-cli: interrupted after %" PRIu64 " item; resume with --resume %s\n",
                                   "dynamo-desk-cli: interrupted after %" PRIu64 " items; resume with --resume %s\n",
                                   (gulong) acknowledged),
                 acknowledged, cli->resume);
      else
        fprintf (stderr, ngettext ("dynamo-desk-cli: interrupted after %" PRIu64 " item\n",
                                   "dynamo-desk-cli: interrupted after %" PRIu64 " items\n",
                                   (gulong) acknowledged),
                 acknowledged);
      return DD_CLI_EXIT_INTERRUPTED;
    }
  if (cli->error != NULL)
    return dd_cli_report_error (cli->error);
  written = dd_import_get_written (import);
  skipped = dd_import_get_skipped (import);
  if (skipped > 0)
    /* The second number counts the items of an earlier, interrupted run. */
    printf (ngettext ("Imported %" PRIu64 " item into %s (%" PRIu64 " imported before)\n",
                      "Imported %" PRIu64 " items into %s (%" PRIu64 " imported before)\n",
                      (gulong) written),
            written, cli->table, skipped);
  else
    printf (ngettext ("Imported %" PRIu64 " item into %s\n", "Imported %" PRIu64 " items into %s\n",
                      (gulong) written),
            written, cli->table);
  return DD_CLI_EXIT_OK;
}

static int
run_import (ImportCli      *cli,
            DdImportFormat  format)
{
  g_autoptr(DdClient) client = make_client (cli, &cli->error);
  g_autoptr(DdImport) import = NULL;
  guint sigint, sigterm;
  int code;

  if (client == NULL)
    return dd_cli_report_error (cli->error);
  import = dd_import_new (client, cli->table, cli->files[0]);
  if (!configure (import, cli, format, &cli->error))
    return dd_cli_report_error (cli->error);
  cli->cancellable = g_cancellable_new ();
  cli->show_progress = isatty (STDERR_FILENO);
  g_signal_connect (import, "progress", G_CALLBACK (progress_cb), cli);
  sigint = g_unix_signal_add (SIGINT, interrupt_cb, cli);
  sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, cli);
  dd_import_run_async (import, cli->cancellable, run_cb, cli);
  while (!cli->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  code = finish (cli, import);
  return code;
}

int
dd_cli_import_main (int    argc,
                    char **argv)
{
  ImportCli cli = { 0 };
  DdImportFormat format = DD_IMPORT_FORMAT_AUTO;
  int code = DD_CLI_EXIT_OK;

  if (parse (&cli, argc, argv, &format, &code))
    code = run_import (&cli, format);
  import_cli_clear (&cli);
  return code;
}
