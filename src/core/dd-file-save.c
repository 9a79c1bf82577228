/* dd-file-save.c: atomic saves of small files, and their stale temporaries. */
#define G_LOG_DOMAIN "dd-file-save"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "dd-file-save.h"

#define TEMP_SUFFIX_LEN 6  /* XXXXXX */

static gboolean
set_error (GError    **error,
           int         saved_errno,
           const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not save %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
sync_folder (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

gboolean
dd_file_save (const char  *path,
              const char  *contents,
              gssize       len,
              int          mode,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  if (len < 0)
    len = (gssize) strlen (contents);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    return set_error (error, errno, path);
  if (!write_all (fd, contents, (gsize) len) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      return set_error (error, saved_errno, path);
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      return set_error (error, saved_errno, path);
    }
  sync_folder (dir);
  return TRUE;
}

/* TRUE when name is prefix followed by exactly six letters or digits. */
static gboolean
is_temporary_of (const char *name,
                 const char *prefix)
{
  gsize n = strlen (prefix);

  if (strncmp (name, prefix, n) != 0 || strlen (name) != n + TEMP_SUFFIX_LEN)
    return FALSE;
  for (const char *p = name + n; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

guint
dd_file_save_clean_stale (const char *path,
                          guint       max_age)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *hidden = g_strdup_printf (".%s.", base);
  g_autofree char *visible = g_strdup_printf ("%s.", base);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint removed = 0;

  if (folder == NULL)
    return 0;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *full = NULL;
      GStatBuf st;

      if (!is_temporary_of (name, hidden) && !is_temporary_of (name, visible))
        continue;
      full = g_build_filename (dir, name, NULL);
      if (g_lstat (full, &st) != 0 || !S_ISREG (st.st_mode) || now - (gint64) st.st_mtime < (gint64) max_age)
        continue;
      if (g_unlink (full) == 0)
        {
          g_debug ("removed %s, left by a save that was cut short", name);
          removed++;
        }
    }
  return removed;
}
