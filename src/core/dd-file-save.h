/* dd-file-save.h: saving a small file atomically, and cleaning up after a
 * save that was cut short.
 *
 * The text goes to a hidden temporary beside the file (".NAME.XXXXXX", in
 * the same folder so the rename stays on one file system), is fsync'ed,
 * renamed over NAME, and the folder is fsync'ed: a reader sees the old file
 * or the new one, never a mix. A process killed in the middle leaves at
 * most that hidden temporary, which dd_file_save_clean_stale() removes
 * once it is old enough not to belong to a save still under way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A temporary older than this (seconds) is a leftover. */
#define DD_FILE_SAVE_STALE_AGE 60

/* Replaces path with len bytes of contents (len -1: a NUL-terminated
 * string); a new file gets mode. Errors are G_FILE_ERROR, naming the file. */
gboolean dd_file_save             (const char  *path,
                                   const char  *contents,
                                   gssize       len,
                                   int          mode,
                                   GError     **error);

/* Removes the temporaries of path's saves that are older than max_age
 * seconds: ".NAME.XXXXXX" (ours) and "NAME.XXXXXX" (what
 * g_file_set_contents() left in earlier versions), X being letters and
 * digits. Returns how many were removed. */
guint    dd_file_save_clean_stale (const char  *path,
                                   guint        max_age);

G_END_DECLS
