/* dd-source-load.c: reading the saved data sources file, in a worker
 * thread, for dd-source-store.c.
 *
 * A source that cannot be read is skipped with a warning and the whole
 * file is copied aside; a file that cannot be read at all is moved aside
 * (path.broken-YYYYMMDDTHHMMSS). When neither works the store is blocked
 * from saving over it.
 */
#define G_LOG_DOMAIN "dd-source-store"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-file-save.h"
#include "dd-source-load.h"
#include "dd-source-store.h"

void
dd_source_load_free (DdSourceLoad *result)
{
  g_ptr_array_unref (result->sources);
  g_ptr_array_unref (result->warnings);
  g_free (result->broken_path);
  g_clear_error (&result->damage);
  g_free (result);
}

/* A name beside path that is not taken yet: path.broken-YYYYMMDDTHHMMSS. */
static char *
broken_path_for (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  char *candidate = g_strdup_printf ("%s.broken-%s", path, stamp);

  for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.broken-%s-%u", path, stamp, i);
    }
  return candidate;
}

static void
add_entry (DdSourceLoad *result,
           guint       index,
           JsonNode   *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSource) source = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    g_set_error (&error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("it is not an object"));
  else
    source = dd_source_new_from_json (json_node_get_object (node), &error);

  for (guint i = 0; source != NULL && i < result->sources->len; i++)
    {
      DdSource *other = g_ptr_array_index (result->sources, i);

      if (g_str_equal (dd_source_get_id (other), dd_source_get_id (source)))
        g_set_error (&error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("its id is used twice"));
      else if (g_str_equal (dd_source_get_name (other), dd_source_get_name (source)))
        g_set_error (&error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                     _("the name “%s” is used twice"), dd_source_get_name (source));
      if (error != NULL)
        break;
    }
  if (error != NULL)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (_("Data source %u was skipped: %s"), index + 1, error->message));
  else
    g_ptr_array_add (result->sources, g_steal_pointer (&source));
}

/* Reads the document into result; FALSE when it cannot be read at all. */
static gboolean
parse_document (const char  *contents,
                gsize        length,
                DdSourceLoad  *result,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *node;
  JsonObject *object;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, contents, length, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("it does not hold a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) != DD_SOURCE_STORE_VERSION)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("it is not version %d of the format"), DD_SOURCE_STORE_VERSION);
      return FALSE;
    }
  node = json_object_get_member (object, "sources");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("it has no list of sources"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    add_entry (result, i, json_array_get_element (array, i));
  return TRUE;
}

static void
set_whole_file_aside (const char *path,
                      DdSourceLoad *result,
                      GError     *reason)
{
  g_autofree char *broken = broken_path_for (path);

  if (g_rename (path, broken) != 0)
    {
      int saved_errno = errno;

      result->blocked = TRUE;
      result->damage = g_error_new (DD_ERROR, DD_ERROR_INVALID_INPUT,
                                    _("%s could not be read (%s), nor moved aside (%s): "
                                    "it is left as it is and nothing will be saved over it"),
                                    path, reason->message, g_strerror (saved_errno));
      return;
    }
  result->damage = g_error_new (DD_ERROR, DD_ERROR_INVALID_INPUT,
                                _("%s could not be read (%s); it was moved to %s"),
                                path, reason->message, broken);
  result->broken_path = g_steal_pointer (&broken);
}

static void
copy_file_aside (const char *path,
                 const char *contents,
                 gsize       length,
                 DdSourceLoad *result)
{
  g_autofree char *broken = broken_path_for (path);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (broken, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    {
      result->blocked = TRUE;
      g_ptr_array_add (result->warnings,
                       g_strdup_printf (_("A copy of %s could not be kept (%s): "
                                        "nothing will be saved over it"),
                                        path, error->message));
      return;
    }
  g_ptr_array_add (result->warnings,
                   g_strdup_printf (_("The whole file was kept as %s"), broken));
  result->broken_path = g_steal_pointer (&broken);
}

void
dd_source_load_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  DdSourceLoad *result = g_new0 (DdSourceLoad, 1);

  result->sources = g_ptr_array_new_with_free_func (g_object_unref);
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  dd_file_save_clean_stale (path, DD_FILE_SAVE_STALE_AGE);
  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      dd_source_load_free (result);
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!parse_document (contents, length, result, &error))
    {
      g_ptr_array_set_size (result->sources, 0);
      g_ptr_array_set_size (result->warnings, 0);
      set_whole_file_aside (path, result, error);
    }
  else if (result->warnings->len > 0)
    copy_file_aside (path, contents, length, result);
  g_task_return_pointer (task, result, (GDestroyNotify) dd_source_load_free);
}
