/* dd-cli-output.h: where dynamo-desk-cli writes, and how it lays out JSON. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DdCliOutput DdCliOutput;

/* path NULL or "-": standard output. Otherwise FILE is replaced
 * atomically: the text goes to a temporary file beside it that is renamed
 * over FILE by dd_cli_output_commit(); dd_cli_output_abort() removes it and
 * leaves any previous FILE as it was. */
DdCliOutput   *dd_cli_output_open   (const char   *path,
                                     GError      **error);
GOutputStream *dd_cli_output_stream (DdCliOutput  *self);
gboolean       dd_cli_output_write  (DdCliOutput  *self,
                                     const char   *data,
                                     gssize        len,
                                     GError      **error);
gboolean       dd_cli_output_commit (DdCliOutput  *self,
                                     GError      **error);
void           dd_cli_output_abort  (DdCliOutput  *self);
void           dd_cli_output_free   (DdCliOutput  *self);

/* Appends json (valid, compact or not) to out, indented by two spaces per
 * level. Works on the text, so number literals keep every digit. */
void           dd_cli_pretty_json   (GString      *out,
                                     const char   *json,
                                     gsize         len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCliOutput, dd_cli_output_free)

G_END_DECLS
