/* dd-cli-args.h: dynamo-desk-cli's command line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DD_CLI_FORMAT_JSON,
  DD_CLI_FORMAT_JSONL,
  DD_CLI_FORMAT_CSV,
} DdCliFormat;

typedef struct
{
  char        *endpoint;
  char        *region;
  char        *profile;
  char        *source;
  char        *table;
  gboolean     all;
  int          segments;     /* 1..16 */
  gint64       max_items;    /* 0: no limit */
  DdCliFormat  format;
  gboolean     typed;
  gboolean     plain;
  char        *output;       /* -o FILE, or NULL for stdout */
  char        *operation;    /* kebab case, or "call" */
  char        *action;       /* for "call ACTION" */
  char        *request;      /* JSON text, @FILE or -, or NULL */
  char        *delimiter;    /* CSV delimiter */
} DdCliArgs;

/* Parses argv; on a usage error returns NULL and sets error (the caller
 * prints it and exits 2). */
DdCliArgs *dd_cli_args_parse (int      argc,
                              char   **argv,
                              GError **error);
void       dd_cli_args_free  (DdCliArgs *args);

/* Reads the request: JSON text as given, "@FILE" from a file, "-" from
 * standard input; NULL or "" gives an empty string. */
char      *dd_cli_args_read_request (const DdCliArgs *args,
                                     GError         **error);

const char *dd_cli_usage (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCliArgs, dd_cli_args_free)

G_END_DECLS
