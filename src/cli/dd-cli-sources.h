/* dd-cli-sources.h: `dynamo-desk-cli sources ...`, the saved data sources
 * from a terminal, and --source NAME for every operation. */
#pragma once

#include <glib.h>

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

/* argv starts at "sources":
 *   sources list [--json]
 *   sources add --name NAME --auth iam|instance-profile|role|profile [options]
 *   sources edit NAME [options] [--secret]
 *   sources test NAME
 *   sources remove NAME
 * For IAM keys the secret access key, then an optional session token, are
 * read from standard input one per line (or asked for without echo when it
 * is a terminal); never from the command line. Returns a DdCliExit code. */
int                    dd_cli_sources_main         (int          argc,
                                                    char       **argv);

/* For --source NAME (a name, or an id): loads the saved sources and the
 * source's secret, and returns its credentials provider. region_out and
 * endpoint_out receive the source's region and endpoint (either may be
 * NULL). Runs the thread-default main context until done. Errors:
 * DD_ERROR_INVALID_INPUT for an unknown name, DD_ERROR_CREDENTIALS when the
 * credentials cannot be set up, or the store's error. */
DdCredentialsProvider *dd_cli_sources_provider_for (const char  *name,
                                                    char       **region_out,
                                                    char       **endpoint_out,
                                                    GError     **error);

G_END_DECLS
