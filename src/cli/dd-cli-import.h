/* dd-cli-import.h: `dynamo-desk-cli import`, a file of items into a table.
 *
 *   dynamo-desk-cli import --table NAME [--format jsonl|json|csv]
 *       [--typed|--plain] [--types NAME:TYPE,...] [--delimiter C]
 *       [--resume STATE-FILE] [--concurrency N]
 *       [--endpoint URL] [--region R] [--profile P | --source NAME] FILE
 *
 * Credentials and region are resolved as for the other operations
 * (dd-cli-provider.h). Ctrl+C stops sending, lets the batches already sent
 * finish and saves the resume point.
 *
 * Exit codes: 0 imported, 1 an AWS error, 2 bad usage or a bad input file
 * (reported as FILE:LINE:COLUMN: what), 3 network or credentials, 130
 * interrupted (resume with the same --resume file).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_CLI_EXIT_INTERRUPTED 130

/* argv[0] is the command's name ("import"); the options follow. */
int dd_cli_import_main (int    argc,
                        char **argv);

G_END_DECLS
