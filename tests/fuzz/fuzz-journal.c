/* fuzz-journal.c: loading the undo journal (dd-journal) from any bytes.
 *
 * The input is the journal file. Checked: it loads (damaged lines are
 * skipped and counted, never an error for the file's content); every entry
 * has an id, a table and a key, and its undo request is either built (an
 * action and a JSON body) or refused with DD_ERROR_INVALID_INPUT; an
 * intent appended after whatever the file ended with loads as one more
 * entry, newest first, and damages none of the others.
 */
#define G_LOG_DOMAIN "fuzz-journal"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-json.h"

static char *folder;

static void
remove_folder (void)
{
  g_autofree char *path = g_build_filename (folder, "journal.jsonl", NULL);

  g_unlink (path);
  g_rmdir (folder);
}

static void
check_entry (DdJournalEntry *entry)
{
  g_autofree char *action = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dd_journal_entry_get_id (entry));
  g_assert_nonnull (dd_journal_entry_get_table (entry));
  g_assert_nonnull (dd_journal_entry_get_key (entry));
  if (dd_journal_entry_build_undo (entry, &action, &body, &error))
    {
      g_assert_no_error (error);
      g_assert_true (g_str_equal (action, "PutItem") || g_str_equal (action, "DeleteItem"));
      g_assert_true (dd_json_validate (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL));
    }
  else
    g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(DdJournalEntry) added = NULL;
  g_autoptr(GError) error = NULL;
  guint skipped = 0, skipped_again = 0;

  fuzz_init_once ();
  if (folder == NULL)
    {
      folder = g_dir_make_tmp ("dd-fuzz-journal-XXXXXX", NULL);
      g_assert_nonnull (folder);
      atexit (remove_folder);
    }
  path = g_build_filename (folder, "journal.jsonl", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  journal = dd_journal_new_for_path ("fuzz-source", path, &error);
  g_assert_no_error (error);
  entries = dd_journal_load (journal, &skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_debug ("%u entries, %u lines skipped", entries->len, skipped);
  for (guint i = 0; i < entries->len; i++)
    check_entry (g_ptr_array_index (entries, i));

  added = dd_journal_entry_new ("T", "{\"pk\":{\"S\":\"k\"}}", NULL, "{\"pk\":{\"S\":\"k\"},\"v\":{\"N\":\"1\"}}");
  g_assert_true (dd_journal_append_intents (journal, &added, 1, &error));
  g_assert_no_error (error);
  again = dd_journal_load (journal, &skipped_again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, entries->len + 1);
  g_assert_cmpuint (skipped_again, ==, skipped);
  g_assert_cmpstr (dd_journal_entry_get_id (g_ptr_array_index (again, 0)), ==, dd_journal_entry_get_id (added));
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (dd_journal_entry_get_id (g_ptr_array_index (again, i + 1)), ==,
                     dd_journal_entry_get_id (g_ptr_array_index (entries, i)));
  return 0;
}
