/* dd-cli-sources.c: `dynamo-desk-cli sources ...` and --source NAME. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "dd-cli-run.h"
#include "dd-cli-sources.h"
#include "dd-connection-test.h"
#include "dd-error.h"
#include "dd-source-store.h"

#define SOURCES_USAGE \
  N_("Usage: dynamo-desk-cli sources list [--json]\n" \
  "       dynamo-desk-cli sources add --name NAME --auth iam|instance-profile|role|profile\n" \
  "                                   [--region R] [--endpoint URL] [--access-key-id ID]\n" \
  "                                   [--role-arn ARN] [--external-id ID] [--session-name S]\n" \
  "                                   [--base-source NAME] [--profile P] [--read-only]\n" \
  "       dynamo-desk-cli sources edit NAME [the options of add] [--read-write] [--secret]\n" \
  "       dynamo-desk-cli sources test NAME\n" \
  "       dynamo-desk-cli sources remove NAME\n" \
  "For --auth iam the secret access key and an optional session token are read\n" \
  "from standard input, one per line (asked for without echo on a terminal).\n" \
  "edit reads them again with --secret, or when the access key id changes.\n")

typedef struct
{
  char     *name;
  char     *auth;
  char     *region;
  char     *endpoint;
  char     *access_key_id;
  char     *role_arn;
  char     *external_id;
  char     *session_name;
  char     *base_source;
  char     *profile;
  char     *color;
  gboolean  read_only;
  gboolean  read_write;
  gboolean  secret;
  gboolean  json;
} Options;

static void
options_clear (Options *opts)
{
  g_free (opts->name);
  g_free (opts->auth);
  g_free (opts->region);
  g_free (opts->endpoint);
  g_free (opts->access_key_id);
  g_free (opts->role_arn);
  g_free (opts->external_id);
  g_free (opts->session_name);
  g_free (opts->base_source);
  g_free (opts->profile);
  g_free (opts->color);
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "dynamo-desk-cli: %s\n%s", message, _(SOURCES_USAGE));
  return DD_CLI_EXIT_USAGE;
}

static int
exit_for_error (const GError *error)
{
  const char *hint = dd_error_get_hint (error);

  fprintf (stderr, "dynamo-desk-cli: %s\n", error->message);
  if (hint != NULL)
    fprintf (stderr, _("hint: %s\n"), hint);
  return dd_cli_exit_code_for_error (error);
}

/* Running the core's async calls to completion */

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);
  return *slot;
}

/* Loads the store. A damaged file is reported and the command goes on:
 * the file was put aside, so nothing is lost by saving. */
static gboolean
load_store (DdSourceStore  *store,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  const char * const *warnings;

  dd_source_store_load_async (store, NULL, got_result_cb, &result);
  if (!dd_source_store_load_finish (store, wait_result (&result), &local_error))
    {
      if (!g_error_matches (local_error, DD_ERROR, DD_ERROR_INVALID_INPUT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      fprintf (stderr, _("warning: %s\n"), local_error->message);
    }
  warnings = dd_source_store_get_warnings (store);
  for (guint i = 0; warnings[i] != NULL; i++)
    fprintf (stderr, _("warning: %s\n"), warnings[i]);
  return TRUE;
}

static gboolean
save_store (DdSourceStore  *store,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_source_store_save_async (store, NULL, got_result_cb, &result);
  return dd_source_store_save_finish (store, wait_result (&result), error);
}

static gboolean
load_secrets (DdSourceStore  *store,
              DdSource       *source,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_source_store_load_secrets_async (store, source, NULL, got_result_cb, &result);
  return dd_source_store_load_secrets_finish (store, wait_result (&result), error);
}

static DdSource *
find_source (DdSourceStore  *store,
             const char     *name,
             GError        **error)
{
  DdSource *source = dd_source_store_lookup_by_name (store, name);

  if (source == NULL)
    source = dd_source_store_lookup (store, name);
  if (source == NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("There is no data source named “%s”"), name);
  return source;
}

/* Secrets from standard input */

static char *
read_line (void)
{
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length = getline (&line, &capacity, stdin);
  char *copy;

  if (length < 0)
    {
      free (line);
      return NULL;
    }
  while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
    line[--length] = '\0';
  copy = g_strdup (line);
  explicit_bzero (line, capacity);
  free (line);
  return copy;
}

static char *
prompt_without_echo (const char *prompt)
{
  struct termios saved;
  struct termios quiet;
  char *line;

  fputs (prompt, stderr);
  fflush (stderr);
  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    return read_line ();
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  line = read_line ();
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);
  return line;
}

static gboolean
read_secrets (char   **secret,
              char   **token,
              GError **error)
{
  gboolean terminal = isatty (STDIN_FILENO);

  *secret = terminal ? prompt_without_echo (_("Secret access key: ")) : read_line ();
  if (*secret == NULL || **secret == '\0')
    {
      g_clear_pointer (secret, dd_secret_store_free_secret);
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("No secret access key on standard input (its first line)"));
      return FALSE;
    }
  *token = terminal ? prompt_without_echo (_("Session token (Enter for none): ")) : read_line ();
  return TRUE;
}

static gboolean
read_secrets_into (DdSource  *source,
                   GError   **error)
{
  char *secret = NULL;
  char *token = NULL;

  if (!read_secrets (&secret, &token, error))
    return FALSE;
  dd_source_set_secrets (source, secret, token);
  dd_secret_store_free_secret (secret);
  dd_secret_store_free_secret (token);
  return TRUE;
}

/* Options */

static gboolean
parse_options (int       argc,
               char    **argv,
               Options  *opts,
               int      *n_rest,
               char   ***rest,
               GError  **error)
{
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &opts->name, "Name", "NAME" },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &opts->auth, "Sign-in method", "iam|instance-profile|role|profile" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &opts->region, "Region", "REGION" },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &opts->endpoint, "Custom endpoint", "URL" },
    { "access-key-id", 0, 0, G_OPTION_ARG_STRING, &opts->access_key_id, "Access key id", "ID" },
    { "role-arn", 0, 0, G_OPTION_ARG_STRING, &opts->role_arn, "Role to assume", "ARN" },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &opts->external_id, "External id", "ID" },
    { "session-name", 0, 0, G_OPTION_ARG_STRING, &opts->session_name, "Role session name", "NAME" },
    { "base-source", 0, 0, G_OPTION_ARG_STRING, &opts->base_source, "Source that assumes the role", "NAME" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &opts->profile, "AWS profile", "PROFILE" },
    { "color", 0, 0, G_OPTION_ARG_STRING, &opts->color, "Colour tag", "COLOR" },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &opts->read_only, "Refuse writes", NULL },
    { "read-write", 0, 0, G_OPTION_ARG_NONE, &opts->read_write, "Allow writes", NULL },
    { "secret", 0, 0, G_OPTION_ARG_NONE, &opts->secret, "Read a new secret from standard input", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opts->json, "List as JSON", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;
  *n_rest = (int) g_strv_length (args);
  *rest = g_steal_pointer (&args);
  return TRUE;
}

static gboolean
parse_auth (const char  *text,
            DdAuthMode  *mode,
            GError     **error)
{
  if (g_strcmp0 (text, "iam") == 0)
    *mode = DD_AUTH_MODE_IAM_KEYS;
  else if (g_strcmp0 (text, "role") == 0)
    *mode = DD_AUTH_MODE_ROLE_ARN;
  else if (!dd_auth_mode_from_string (text, mode))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("--auth must be iam, instance-profile, role or profile, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

static void
apply_strings (DdSource      *source,
               const Options *opts)
{
  if (opts->region != NULL)
    dd_source_set_region (source, opts->region);
  if (opts->endpoint != NULL)
    dd_source_set_endpoint (source, opts->endpoint);
  if (opts->access_key_id != NULL)
    dd_source_set_access_key_id (source, opts->access_key_id);
  if (opts->role_arn != NULL)
    dd_source_set_role_arn (source, opts->role_arn);
  if (opts->external_id != NULL)
    dd_source_set_external_id (source, opts->external_id);
  if (opts->session_name != NULL)
    dd_source_set_session_name (source, opts->session_name);
  if (opts->profile != NULL)
    dd_source_set_profile_name (source, opts->profile);
  if (opts->color != NULL)
    dd_source_set_color (source, opts->color);
  if (opts->read_only)
    dd_source_set_read_only (source, TRUE);
  if (opts->read_write)
    dd_source_set_read_only (source, FALSE);
}

/* Applies every option given (the name is the caller's business). */
static gboolean
apply_options (DdSourceStore  *store,
               DdSource       *source,
               const Options  *opts,
               GError        **error)
{
  DdAuthMode mode;

  if (opts->read_only && opts->read_write)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("--read-only and --read-write exclude each other"));
      return FALSE;
    }
  if (opts->auth != NULL)
    {
      if (!parse_auth (opts->auth, &mode, error))
        return FALSE;
      dd_source_set_auth_mode (source, mode);
    }
  if (opts->base_source != NULL)
    {
      DdSource *base = NULL;

      if (*opts->base_source != '\0' && (base = find_source (store, opts->base_source, error)) == NULL)
        return FALSE;
      if (base == source)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("A source cannot be its own base"));
          return FALSE;
        }
      dd_source_set_base_source_id (source, base != NULL ? dd_source_get_id (base) : NULL);
    }
  apply_strings (source, opts);
  return dd_source_validate (source, error);
}

/* Saves, and says so when the secret could not reach a keyring. */
static int
save_and_report (DdSourceStore *store,
                 DdSource      *source,
                 gboolean       added)
{
  g_autoptr(GError) error = NULL;
  DdSecretStore *secrets = dd_source_store_get_secret_store (store);

  if (!save_store (store, &error))
    return exit_for_error (error);
  if (dd_source_get_auth_mode (source) == DD_AUTH_MODE_IAM_KEYS
      && !dd_secret_store_get_persistent (secrets))
    {
      fprintf (stderr, _("dynamo-desk-cli: the settings were saved, but not the secret: %s\n"
                         "hint: start a keyring (a Secret Service), then run "
                         "'dynamo-desk-cli sources edit NAME --secret'\n"),
               dd_secret_store_get_message (secrets));
      return DD_CLI_EXIT_NETWORK;
    }
  printf (added ? _("Added “%s”\n") : _("Saved “%s”\n"), dd_source_get_name (source));
  return DD_CLI_EXIT_OK;
}

/* Commands */

/* One line of the table: each column but the last padded to its width in
 * characters (a translated header may hold letters of several bytes). */
static void
print_row (const int   widths[3],
           const char *columns[4],
           const char *suffix)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_string_append (line, columns[i]);
      for (int pad = (int) g_utf8_strlen (columns[i], -1); pad < widths[i] + 2; pad++)
        g_string_append_c (line, ' ');
    }
  g_string_append (line, columns[3]);
  g_string_append (line, suffix);
  printf ("%s\n", line->str);
  g_string_free (line, TRUE);
}

static int
cmd_list (DdSourceStore *store,
          const Options *opts)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  /* Translators: the column headers of `dynamo-desk-cli sources list`. */
  const char *header[4] = { _("NAME"), _("AUTH"), _("REGION"), _("ENDPOINT") };
  int widths[3] = { 0, 16, 14 };

  if (opts->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdSource) source = g_list_model_get_item (G_LIST_MODEL (store), i);
          json_array_add_element (array, dd_source_to_json (source));
        }
      json_node_set_array (root, array);
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
      return DD_CLI_EXIT_OK;
    }
  for (guint i = 0; i < 3; i++)
    widths[i] = MAX (widths[i], (int) g_utf8_strlen (header[i], -1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdSource) source = g_list_model_get_item (G_LIST_MODEL (store), i);
      widths[0] = MAX (widths[0], (int) g_utf8_strlen (dd_source_get_name (source), -1));
    }
  print_row (widths, header, "");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdSource) source = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *region = dd_source_get_region (source);
      const char *endpoint = dd_source_get_endpoint (source);
      const char *row[4] = { dd_source_get_name (source),
                             dd_auth_mode_to_string (dd_source_get_auth_mode (source)),
                             region != NULL ? region : "-", endpoint != NULL ? endpoint : "-" };

      print_row (widths, row, dd_source_get_read_only (source) ? _("  (read-only)") : "");
    }
  return DD_CLI_EXIT_OK;
}

static int
cmd_add (DdSourceStore *store,
         const Options *opts)
{
  g_autoptr(DdSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (opts->name == NULL || opts->auth == NULL)
    return usage_error (_("sources add needs --name and --auth"));
  if (opts->secret)
    return usage_error (_("--secret is for edit: add reads the secret of --auth iam anyway"));
  source = dd_source_new (opts->name);
  if (!apply_options (store, source, opts, &error)
      || (dd_source_get_auth_mode (source) == DD_AUTH_MODE_IAM_KEYS
          && !read_secrets_into (source, &error))
      || !dd_source_store_add (store, source, &error))
    return exit_for_error (error);
  return save_and_report (store, source, TRUE);
}

static int
cmd_edit (DdSourceStore *store,
          DdSource      *source,
          const Options *opts)
{
  g_autoptr(GError) error = NULL;
  DdAuthMode old_mode = dd_source_get_auth_mode (source);
  g_autofree char *old_key = g_strdup (dd_source_get_access_key_id (source));
  gboolean iam;

  if ((opts->name != NULL && !dd_source_store_rename (store, source, opts->name, &error))
      || !apply_options (store, source, opts, &error))
    return exit_for_error (error);

  iam = dd_source_get_auth_mode (source) == DD_AUTH_MODE_IAM_KEYS;
  if (opts->secret && !iam)
    return usage_error (_("--secret is only for --auth iam"));
  if (iam && (opts->secret || old_mode != DD_AUTH_MODE_IAM_KEYS
              || g_strcmp0 (old_key, dd_source_get_access_key_id (source)) != 0))
    {
      if (!read_secrets_into (source, &error))
        return exit_for_error (error);
    }
  else if (!iam && old_mode == DD_AUTH_MODE_IAM_KEYS)
    dd_source_set_secrets (source, NULL, NULL);   /* removes the old secret */
  return save_and_report (store, source, FALSE);
}

static void
print_test_result (DdSource                     *source,
                   const DdConnectionTestResult *result)
{
  printf (_("Connected to %s (%s) in %u ms\n"), result->endpoint, result->region, result->latency_ms);
  printf (_("credentials: %s, access key id %s\n"), result->provider, result->access_key_id);
  if (result->first_table != NULL)
    printf (_("first table: %s\n"), result->first_table);
  else
    printf ("%s\n", _("no tables"));
}

static int
cmd_test (DdSourceStore *store,
          DdSource      *source)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdConnectionTestResult) result = NULL;

  dd_connection_test_async (source, store, NULL, got_result_cb, &res);
  result = dd_connection_test_finish (wait_result (&res), &error);
  if (result == NULL)
    return exit_for_error (error);
  print_test_result (source, result);
  return DD_CLI_EXIT_OK;
}

static int
cmd_remove (DdSourceStore *store,
            DdSource      *source)
{
  g_autoptr(DdSource) removed = g_object_ref (source);
  g_autoptr(GError) error = NULL;

  dd_source_store_remove (store, source);
  if (!save_store (store, &error))
    return exit_for_error (error);
  printf (_("Removed “%s”\n"), dd_source_get_name (removed));
  return DD_CLI_EXIT_OK;
}

static int
run_command (DdSourceStore  *store,
             const char     *command,
             int             n_rest,
             char          **rest,
             const Options  *opts)
{
  g_autoptr(GError) error = NULL;
  DdSource *source;

  if (g_str_equal (command, "list") || g_str_equal (command, "add"))
    {
      if (n_rest != 0)
        return usage_error (_("unexpected argument"));
      return g_str_equal (command, "list") ? cmd_list (store, opts) : cmd_add (store, opts);
    }
  if (n_rest != 1)
    return usage_error (_("give the name of one data source"));
  if ((source = find_source (store, rest[0], &error)) == NULL)
    return exit_for_error (error);
  if (g_str_equal (command, "edit"))
    return cmd_edit (store, source, opts);
  if (g_str_equal (command, "test"))
    return cmd_test (store, source);
  return cmd_remove (store, source);
}

int
dd_cli_sources_main (int    argc,
                     char **argv)
{
  const char *commands[] = { "list", "add", "edit", "test", "remove", NULL };
  g_autoptr(DdSourceStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  Options opts = { 0 };
  int n_rest = 0;
  int status;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_(SOURCES_USAGE), argc < 2 ? stderr : stdout);
      return argc < 2 ? DD_CLI_EXIT_USAGE : DD_CLI_EXIT_OK;
    }
  if (!g_strv_contains (commands, argv[1]))
    return usage_error (_("unknown sources command"));
  if (!parse_options (argc - 1, argv + 1, &opts, &n_rest, &rest, &error))
    {
      options_clear (&opts);
      return usage_error (error->message);
    }

  store = dd_source_store_new (NULL, NULL);
  if (!load_store (store, &error))
    status = exit_for_error (error);
  else
    /* rest[0] is the command itself. */
    status = run_command (store, argv[1], n_rest - 1, rest + 1, &opts);
  options_clear (&opts);
  return status;
}

DdCredentialsProvider *
dd_cli_sources_provider_for (const char  *name,
                             char       **region_out,
                             char       **endpoint_out,
                             GError     **error)
{
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, NULL);
  DdCredentialsProvider *provider;
  DdSource *source;

  g_return_val_if_fail (name != NULL, NULL);

  if (!load_store (store, error)
      || (source = find_source (store, name, error)) == NULL)
    return NULL;
  if (dd_source_get_auth_mode (source) == DD_AUTH_MODE_IAM_KEYS
      && !load_secrets (store, source, error))
    return NULL;
  provider = dd_source_create_provider (source, store, error);
  if (provider == NULL)
    return NULL;
  if (region_out != NULL)
    *region_out = g_strdup (dd_source_get_region (source));
  if (endpoint_out != NULL)
    *endpoint_out = g_strdup (dd_source_get_endpoint (source));
  return provider;
}
