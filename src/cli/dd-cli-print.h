/* dd-cli-print.h: how dynamo-desk-cli prints results. */
#pragma once

#include "dd-cli-args.h"
#include "dd-client.h"
#include "dd-export.h"
#include "dd-operation.h"

G_BEGIN_DECLS

/* Prints one response in the format the arguments ask for. Returns an
 * exit code. */
int             dd_cli_print_response   (const DdCliArgs   *args,
                                         const DdOperation *op,
                                         DdClient          *client,
                                         GBytes            *body,
                                         GBytes            *response);

/* An export writer for -o FILE or, without -o, for a temporary file
 * (returned in stdout_file) that dd_cli_print_finish_writer copies to
 * standard output. For CSV, the table's key attributes (DescribeTable)
 * lead the header. */
DdExportWriter *dd_cli_print_new_writer    (const DdCliArgs   *args,
                                            const DdOperation *op,
                                            DdClient          *client,
                                            GBytes            *body,
                                            GFile            **stdout_file,
                                            GError           **error);
/* Finishes the writer (or aborts it after an error already set) and, for
 * standard output, copies and removes the temporary file. */
gboolean        dd_cli_print_finish_writer (DdExportWriter    *writer,
                                            GFile             *stdout_file,
                                            GError           **error);

/* Copies a finished temporary output file to standard output and removes it. */
gboolean        dd_cli_print_copy_to_stdout (GFile        *file,
                                             GError      **error);

/* One call, waited for on the main loop. */
GBytes         *dd_cli_call             (DdClient          *client,
                                         const char        *action,
                                         GBytes            *body,
                                         GError           **error);

/* Runs the main loop until *done. */
void            dd_cli_wait             (gboolean          *done);

G_END_DECLS
