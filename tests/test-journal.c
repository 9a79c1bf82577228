/* test-journal.c: the undo journal: append and load, torn lines, entries
 * of unknown outcome, a crash after the intent, undo requests; groups of
 * entries (old lines without one), and the undo of a whole group against a
 * loopback fake: each undo journalled on disk before its request, a
 * changed item listed and the others undone. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <unistd.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-journal-undo.h"
#include "dd-provider-static.h"
#include "dd-test-dynamo.h"

#define KEY  "{\"pk\":{\"S\":\"user#1\"}}"
#define OLD  "{\"pk\":{\"S\":\"user#1\"},\"name\":{\"S\":\"Ada\"},\"n\":{\"N\":\"12345678901234567890123456789012345678\"}}"
#define NEW  "{\"pk\":{\"S\":\"user#1\"},\"name\":{\"S\":\"Ada L.\"},\"tags\":{\"SS\":[\"a\",\"b\"]}}"

static char *
fresh_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "journal-tests", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static DdJournal *
open_journal (const char *path)
{
  g_autoptr(GError) error = NULL;
  DdJournal *journal = dd_journal_new_for_path ("src-1", path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static void
append_one (DdJournal      *journal,
            DdJournalEntry *entry)
{
  g_autoptr(GError) error = NULL;

  dd_journal_append_intents (journal, &entry, 1, &error);
  g_assert_no_error (error);
}

static GPtrArray *
load (DdJournal *journal,
      guint     *skipped)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = dd_journal_load (journal, skipped, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
append_raw (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY | O_APPEND);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  close (fd);
}

static void
test_path (void)
{
  g_autofree char *path = dd_journal_path_for_source ("a/b c.d");
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dynamo-desk", "journal", NULL);
  g_autofree char *dot = dd_journal_path_for_source ("..");
  g_autofree char *base = g_path_get_basename (dot);

  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_true (g_str_has_suffix (path, "/a%2Fb%20c.d.jsonl"));
  /* No way out of the folder. */
  g_assert_cmpstr (base, ==, "%2E..jsonl");
}

static void
test_append_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_new ("src-1", &error);
  g_autoptr(DdJournalEntry) update = dd_journal_entry_new ("Users", KEY, OLD, NEW);
  g_autoptr(DdJournalEntry) create = dd_journal_entry_new ("Users", KEY, NULL, NEW);
  g_autoptr(DdJournalEntry) del = dd_journal_entry_new ("Users", KEY, NEW, NULL);
  g_autoptr(DdJournal) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *expected_path = dd_journal_path_for_source ("src-1");
  DdJournalEntry *e;
  guint skipped = 99;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (dd_journal_get_path (journal), ==, expected_path);
  append_one (journal, update);
  append_one (journal, create);
  append_one (journal, del);
  dd_journal_mark (journal, &update, 1, DD_JOURNAL_OUTCOME_DONE, NULL, &error);
  g_assert_no_error (error);
  dd_journal_mark (journal, &create, 1, DD_JOURNAL_OUTCOME_FAILED, "ConditionalCheckFailedException: no", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (expected_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A second process, or the next start: a fresh reader. */
  again = open_journal (expected_path);
  entries = load (again, &skipped);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (entries->len, ==, 3);

  /* Newest first. */
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (dd_journal_entry_get_id (e), ==, dd_journal_entry_get_id (del));
  g_assert_true (dd_journal_entry_is_delete (e));
  g_assert_cmpstr (dd_journal_entry_get_old_item (e), ==, NEW);
  g_assert_cmpint (dd_journal_entry_get_outcome (e), ==, DD_JOURNAL_OUTCOME_UNKNOWN);

  e = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (dd_journal_entry_get_id (e), ==, dd_journal_entry_get_id (create));
  g_assert_null (dd_journal_entry_get_old_item (e));
  g_assert_cmpint (dd_journal_entry_get_outcome (e), ==, DD_JOURNAL_OUTCOME_FAILED);
  g_assert_cmpstr (dd_journal_entry_get_error (e), ==, "ConditionalCheckFailedException: no");

  e = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (dd_journal_entry_get_source_id (e), ==, "src-1");
  g_assert_cmpstr (dd_journal_entry_get_table (e), ==, "Users");
  g_assert_cmpstr (dd_journal_entry_get_key (e), ==, KEY);
  /* The 38 digits come back as they went in. */
  g_assert_cmpstr (dd_journal_entry_get_old_item (e), ==, OLD);
  g_assert_cmpstr (dd_journal_entry_get_new_item (e), ==, NEW);
  g_assert_cmpint (dd_journal_entry_get_outcome (e), ==, DD_JOURNAL_OUTCOME_DONE);
  g_assert_cmpint (ABS (dd_journal_entry_get_time (e) - dd_journal_entry_get_time (update)), <, 1000);
}

static void
test_returned_values (void)
{
  g_autofree char *path = fresh_path ("returned.jsonl");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(DdJournalEntry) del = dd_journal_entry_new ("Users", KEY, KEY, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  DdJournalEntry *e;

  append_one (journal, del);
  /* The service said what the item was: that is what the entry keeps. */
  dd_journal_entry_set_returned_old (del, OLD);
  dd_journal_mark (journal, &del, 1, DD_JOURNAL_OUTCOME_DONE, NULL, &error);
  g_assert_no_error (error);
  entries = load (journal, NULL);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (dd_journal_entry_get_old_item (e), ==, OLD);
  g_assert_null (dd_journal_entry_get_new_item (e));
}

static void
test_torn_line (void)
{
  g_autofree char *path = fresh_path ("torn.jsonl");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(DdJournal) reopened = NULL;
  g_autoptr(DdJournalEntry) a = dd_journal_entry_new ("T", KEY, OLD, NEW);
  g_autoptr(DdJournalEntry) b = dd_journal_entry_new ("T", KEY, NEW, OLD);
  g_autoptr(DdJournalEntry) c = dd_journal_entry_new ("T", KEY, NULL, OLD);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint skipped;

  append_one (journal, a);
  append_one (journal, b);
  /* A crash in the middle of the third line. */
  append_raw (path, "{\"v\":1,\"type\":\"intent\",\"id\":\"3f2a");
  entries = load (journal, &skipped);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpstr (dd_journal_entry_get_id (g_ptr_array_index (entries, 1)), ==, dd_journal_entry_get_id (a));

  /* The next start appends after the torn line, not onto it. */
  reopened = open_journal (path);
  append_one (reopened, c);
  after = load (reopened, &skipped);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpstr (dd_journal_entry_get_id (g_ptr_array_index (after, 0)), ==, dd_journal_entry_get_id (c));
  g_assert_cmpstr (dd_journal_entry_get_old_item (g_ptr_array_index (after, 2)), ==, OLD);
}

static void
test_unknown_outcome (void)
{
  g_autofree char *path = fresh_path ("unknown.jsonl");
  g_autoptr(DdJournalEntry) entry = dd_journal_entry_new ("T", KEY, OLD, NEW);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(DdJournal) later = NULL;

  {
    g_autoptr(DdJournal) journal = open_journal (path);

    /* The intent goes out before the request; then the program stops. */
    append_one (journal, entry);
  }
  later = open_journal (path);
  entries = load (later, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (dd_journal_entry_get_outcome (g_ptr_array_index (entries, 0)), ==, DD_JOURNAL_OUTCOME_UNKNOWN);
  g_assert_cmpstr (dd_journal_entry_get_new_item (g_ptr_array_index (entries, 0)), ==, NEW);
}

static void
test_killed_child (void)
{
  const char *path = g_getenv ("DD_TEST_JOURNAL_PATH");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(DdJournalEntry) entry = dd_journal_entry_new ("T", KEY, OLD, NEW);
  const char *half = "{\"v\":1,\"type\":\"outcome\",\"id\":\"";

  append_one (journal, entry);
  /* The outcome line is being written when the process dies. */
  append_raw (path, half);
  g_rmdir (g_getenv ("HOME"));
  kill (getpid (), SIGKILL);
}

static void
test_sigkill (void)
{
  g_autofree char *path = fresh_path ("killed.jsonl");
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint skipped;

  if (g_test_subprocess ())
    {
      test_killed_child ();
      return;
    }
  g_setenv ("DD_TEST_JOURNAL_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  journal = open_journal (path);
  entries = load (journal, &skipped);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpint (dd_journal_entry_get_outcome (g_ptr_array_index (entries, 0)), ==, DD_JOURNAL_OUTCOME_UNKNOWN);
  g_assert_cmpstr (dd_journal_entry_get_old_item (g_ptr_array_index (entries, 0)), ==, OLD);
}

static void
test_two_writers (void)
{
  g_autofree char *path = fresh_path ("two.jsonl");
  g_autoptr(DdJournal) one = open_journal (path);
  g_autoptr(DdJournal) two = open_journal (path);
  g_autoptr(GPtrArray) entries = NULL;
  guint skipped;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(DdJournalEntry) entry = dd_journal_entry_new ("T", KEY, OLD, NEW);

      append_one (i % 2 ? one : two, entry);
    }
  entries = load (one, &skipped);
  g_assert_cmpuint (entries->len, ==, 20);
  g_assert_cmpuint (skipped, ==, 0);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == dd_journal_append_intents_async)
    g_assert_true (dd_journal_append_intents_finish (DD_JOURNAL (source), result, &error));
  else
    g_assert_true (dd_journal_mark_finish (DD_JOURNAL (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async (void)
{
  g_autofree char *path = fresh_path ("async.jsonl");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);
  g_autoptr(GPtrArray) entries = NULL;
  gboolean done = FALSE;

  for (guint i = 0; i < 25; i++)
    g_ptr_array_add (batch, dd_journal_entry_new ("T", KEY, i % 2 ? OLD : NULL, NEW));
  dd_journal_append_intents_async (journal, batch, NULL, async_done_cb, &done);
  dd_test_wait_for (&done, 10);
  done = FALSE;
  dd_journal_mark_async (journal, batch, DD_JOURNAL_OUTCOME_DONE, NULL, NULL, async_done_cb, &done);
  dd_test_wait_for (&done, 10);

  entries = load (journal, NULL);
  g_assert_cmpuint (entries->len, ==, 25);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (dd_journal_entry_get_outcome (g_ptr_array_index (entries, i)), ==, DD_JOURNAL_OUTCOME_DONE);
}

/* --- Undo requests --- */

/* Every placeholder used is defined, every one defined is used. */
static void
assert_placeholders_match (JsonObject *request)
{
  g_autoptr(GString) expressions = g_string_new (NULL);
  JsonObject *names = json_object_get_object_member (request, "ExpressionAttributeNames");
  JsonObject *values = json_object_has_member (request, "ExpressionAttributeValues")
                       ? json_object_get_object_member (request, "ExpressionAttributeValues") : NULL;
  g_autoptr(GRegex) regex = g_regex_new ("[#:][A-Za-z0-9_]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_string_append (expressions, json_object_get_string_member (request, "ConditionExpression"));
  for (g_regex_match (regex, expressions->str, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      char *p = g_match_info_fetch (match, 0);

      g_assert_true (json_object_has_member (*p == '#' ? names : values, p));
      g_hash_table_add (used, p);
    }
  g_assert_cmpuint (g_hash_table_size (used), ==,
                    json_object_get_size (names) + (values ? json_object_get_size (values) : 0));
}

typedef struct
{
  const char       *name;
  const char       *old_item;
  const char       *new_item;
  DdJournalOutcome  outcome;
  const char       *action;    /* NULL: nothing to undo */
  const char       *item_member;
  const char       *condition_has;
  gboolean          has_or;
} UndoCase;

static const UndoCase undo_cases[] = {
  { "update", OLD, NEW, DD_JOURNAL_OUTCOME_DONE, "PutItem", "Item", " = :v", FALSE },
  { "create", NULL, NEW, DD_JOURNAL_OUTCOME_DONE, "DeleteItem", "Key", " = :v", FALSE },
  { "delete", OLD, NULL, DD_JOURNAL_OUTCOME_DONE, "PutItem", "Item", "attribute_not_exists(#n", FALSE },
  { "unknown-update", OLD, NEW, DD_JOURNAL_OUTCOME_UNKNOWN, "PutItem", "Item", ") OR (", TRUE },
  { "unknown-create", NULL, NEW, DD_JOURNAL_OUTCOME_UNKNOWN, "DeleteItem", "Key", "attribute_not_exists(#n", TRUE },
  { "failed", OLD, NEW, DD_JOURNAL_OUTCOME_FAILED, NULL, NULL, NULL, FALSE },
  { "delete-of-nothing", NULL, NULL, DD_JOURNAL_OUTCOME_DONE, NULL, NULL, NULL, FALSE },
};

static void
test_undo_request (gconstpointer data)
{
  const UndoCase *c = data;
  g_autofree char *path = fresh_path ("undo.jsonl");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(DdJournalEntry) entry = dd_journal_entry_new ("Users", KEY, c->old_item, c->new_item);
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *request;
  const char *condition;

  append_one (journal, entry);
  if (c->outcome != DD_JOURNAL_OUTCOME_UNKNOWN)
    {
      dd_journal_mark (journal, &entry, 1, c->outcome, "failed", &error);
      g_assert_no_error (error);
    }
  if (c->action == NULL)
    {
      g_assert_false (dd_journal_entry_build_undo (entry, &action, &body, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
      return;
    }
  g_assert_true (dd_journal_entry_build_undo (entry, &action, &body, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (action, ==, c->action);
  root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  request = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (request, "TableName"), ==, "Users");
  g_assert_cmpstr (json_object_get_string_member (request, "ReturnValues"), ==, "ALL_OLD");
  g_assert_true (json_object_has_member (request, c->item_member));
  condition = json_object_get_string_member (request, "ConditionExpression");
  g_assert_nonnull (strstr (condition, c->condition_has));
  g_assert_cmpint (strstr (condition, " OR ") != NULL, ==, c->has_or);
  /* Names only through placeholders: "name" is a reserved word. */
  g_assert_null (strstr (condition, "name"));
  assert_placeholders_match (request);
  if (g_str_equal (c->item_member, "Item"))
    {
      g_autofree char *item = json_to_string (json_object_get_member (request, "Item"), FALSE);

      g_assert_cmpstr (item, ==, c->old_item);
    }
}

/* ---- groups -------------------------------------------------------------- */

static void
test_groups (void)
{
  g_autofree char *path = fresh_path ("groups.jsonl");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(DdJournal) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group = g_uuid_string_random ();
  DdJournalEntry *batch[3];
  guint skipped = 99, n_in_group = 0, n_alone = 0;

  /* a line as written before groups existed */
  append_raw (path, "{\"v\":1,\"type\":\"intent\",\"id\":\"old-1\",\"time\":\"2024-01-02T03:04:05.000000Z\","
                    "\"source\":\"src-1\",\"table\":\"Users\",\"key\":" KEY ",\"old\":" OLD ",\"new\":\"delete\"}\n"
                    "{\"v\":1,\"type\":\"outcome\",\"id\":\"old-1\",\"time\":\"2024-01-02T03:04:06.000000Z\","
                    "\"outcome\":\"done\"}\n");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("{\"pk\":{\"S\":\"g%u\"}}", i);

      batch[i] = dd_journal_entry_new ("Users", key, key, NULL);
      dd_journal_entry_set_group (batch[i], group);
    }
  dd_journal_append_intents (journal, batch, 3, &error);
  g_assert_no_error (error);
  dd_journal_mark (journal, batch, 3, DD_JOURNAL_OUTCOME_DONE, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DdJournalEntry) alone = dd_journal_entry_new ("Users", KEY, OLD, NEW);

    append_one (journal, alone);
  }

  again = open_journal (path);
  entries = load (again, &skipped);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (entries->len, ==, 5);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *g = dd_journal_entry_get_group (entries->pdata[i]);

      if (g == NULL)
        n_alone++;
      else if (g_str_equal (g, group))
        n_in_group++;
    }
  g_assert_cmpuint (n_in_group, ==, 3);
  g_assert_cmpuint (n_alone, ==, 2);
  /* the old line: no group, still a done delete that can be undone */
  g_assert_cmpstr (dd_journal_entry_get_id (entries->pdata[4]), ==, "old-1");
  g_assert_null (dd_journal_entry_get_group (entries->pdata[4]));
  g_assert_cmpint (dd_journal_entry_get_outcome (entries->pdata[4]), ==, DD_JOURNAL_OUTCOME_DONE);
  g_assert_true (dd_journal_entry_is_delete (entries->pdata[4]));

  members = dd_journal_load_group (again, group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 3);
  /* newest first, each done */
  g_assert_cmpstr (dd_journal_entry_get_id (members->pdata[0]), ==, dd_journal_entry_get_id (batch[2]));
  g_assert_cmpstr (dd_journal_entry_get_id (members->pdata[2]), ==, dd_journal_entry_get_id (batch[0]));
  for (guint i = 0; i < members->len; i++)
    g_assert_cmpint (dd_journal_entry_get_outcome (members->pdata[i]), ==, DD_JOURNAL_OUTCOME_DONE);
  for (guint i = 0; i < 3; i++)
    dd_journal_entry_unref (batch[i]);
}

/* A loopback fake of PutItem/DeleteItem: answers a conflict for the key
 * "user#3"; before answering, checks that the journal on disk already
 * holds the undo's intent. */
typedef struct
{
  SoupServer *server;
  char       *url;
  char       *journal_path;
  guint       n_puts;
  guint       n_conditional;
  guint       n_journalled_first;
} UndoFake;

static void
undo_fake_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           data)
{
  UndoFake *fake = data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Amz-Target");
  g_autofree char *text = g_strndup (body->data, body->length);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *request = json_node_get_object (root);
  JsonObject *item = json_object_get_object_member (request, "Item");
  const char *pk = json_object_get_string_member (json_object_get_object_member (item, "pk"), "S");
  g_autofree char *on_disk = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *needle = g_strdup_printf ("\"key\":{\"pk\":{\"S\":\"%s\"}}", pk);
  const char *answer = "{}";

  g_assert_cmpstr (target, ==, "DynamoDB_20120810.PutItem");
  fake->n_puts++;
  if (json_object_has_member (request, "ConditionExpression"))
    fake->n_conditional++;
  g_assert_true (g_file_get_contents (fake->journal_path, &on_disk, NULL, NULL));
  lines = g_strsplit (on_disk, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL && strstr (lines[i], "\"undo_of\"") != NULL
        && strstr (lines[i], "\"type\":\"intent\"") != NULL)
      {
        fake->n_journalled_first++;
        break;
      }
  if (g_strcmp0 (pk, "user#3") == 0)
    {
      answer = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
               "\"message\":\"The conditional request failed\"}";
      soup_server_message_set_status (msg, 400, NULL);
    }
  else
    soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY, answer, strlen (answer));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     n_progress;
} UndoRun;

static void
undo_progress_cb (DdJournalUndo *undo,
                  guint64        done,
                  guint64        total,
                  guint64        failed,
                  UndoRun       *run)
{
  g_assert_cmpuint (done + failed, <=, total);
  run->n_progress++;
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  UndoRun *run = user_data;

  run->ok = dd_journal_undo_run_finish (DD_JOURNAL_UNDO (source), result, &run->error);
  run->done = TRUE;
}

static void
test_undo_group (void)
{
  g_autofree char *path = fresh_path ("undo-group.jsonl");
  g_autoptr(DdJournal) journal = open_journal (path);
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) undos = NULL;
  g_autoptr(DdCredentials) creds = dd_credentials_new ("AKIDFAKE", "fake-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (creds);
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdJournalUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = g_uuid_string_random ();
  UndoFake fake = { 0 };
  UndoRun run = { 0 };
  GSList *uris;
  guint n_done = 0, n_failed = 0;

  fake.server = soup_server_new (NULL, NULL);
  fake.journal_path = path;
  soup_server_add_handler (fake.server, NULL, undo_fake_handler, &fake, NULL);
  soup_server_listen_local (fake.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake.server);
  fake.url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  client = dd_client_new ("us-east-1", fake.url, provider);

  /* a bulk delete of 60 items, and one delete that failed */
  for (guint i = 0; i < 61; i++)
    {
      g_autofree char *key = g_strdup_printf ("{\"pk\":{\"S\":\"user#%u\"}}", i);
      g_autofree char *item = g_strdup_printf ("{\"pk\":{\"S\":\"user#%u\"},\"n\":{\"N\":\"1234567890123456789012345678901234567%u\"}}", i, i % 10);
      DdJournalEntry *entry = dd_journal_entry_new ("Users", key, item, NULL);

      dd_journal_entry_set_group (entry, group_id);
      g_ptr_array_add (group, entry);
    }
  dd_journal_append_intents (journal, (DdJournalEntry **) group->pdata, 60, &error);
  g_assert_no_error (error);
  dd_journal_mark (journal, (DdJournalEntry **) group->pdata, 60, DD_JOURNAL_OUTCOME_DONE, NULL, &error);
  g_assert_no_error (error);
  dd_journal_append_intents (journal, (DdJournalEntry **) group->pdata + 60, 1, &error);
  dd_journal_mark (journal, (DdJournalEntry **) group->pdata + 60, 1, DD_JOURNAL_OUTCOME_FAILED, "no", &error);
  g_assert_no_error (error);

  undo = dd_journal_undo_new (client, journal);
  dd_journal_undo_set_max_in_flight (undo, 4);
  g_signal_connect (undo, "progress", G_CALLBACK (undo_progress_cb), &run);
  entries = dd_journal_load_group (journal, group_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 61);
  dd_journal_undo_run_async (undo, entries, NULL, undo_done_cb, &run);
  dd_test_wait_for (&run.done, 60);

  /* one changed item: listed, the run says so, the others undone */
  g_assert_false (run.ok);
  g_assert_error (run.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&run.error);
  g_assert_cmpuint (dd_journal_undo_get_undone (undo), ==, 59);
  g_assert_cmpuint (dd_journal_undo_get_failed (undo), ==, 1);
  g_assert_cmpuint (dd_journal_undo_get_skipped (undo), ==, 1);
  g_assert_cmpuint (dd_journal_undo_get_failures (undo)->len, ==, 1);
  g_assert_nonnull (strstr (dd_journal_undo_get_failures (undo)->pdata[0], "user#3"));
  g_assert_nonnull (strstr (dd_journal_undo_get_failures (undo)->pdata[0], "changed"));
  g_assert_cmpuint (run.n_progress, >, 2);
  /* every request conditional, and its intent on disk before it was sent */
  g_assert_cmpuint (fake.n_puts, ==, 60);
  g_assert_cmpuint (fake.n_conditional, ==, 60);
  g_assert_cmpuint (fake.n_journalled_first, ==, 60);

  /* the undos are one group of their own, each pointing at what it undid */
  undos = dd_journal_load_group (journal, dd_journal_undo_get_group (undo), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (undos->len, ==, 60);
  for (guint i = 0; i < undos->len; i++)
    {
      DdJournalEntry *entry = undos->pdata[i];

      g_assert_nonnull (dd_journal_entry_get_undo_of (entry));
      if (dd_journal_entry_get_outcome (entry) == DD_JOURNAL_OUTCOME_DONE)
        n_done++;
      else if (dd_journal_entry_get_outcome (entry) == DD_JOURNAL_OUTCOME_FAILED)
        n_failed++;
    }
  g_assert_cmpuint (n_done, ==, 59);
  g_assert_cmpuint (n_failed, ==, 1);

  soup_server_disconnect (fake.server);
  g_object_unref (fake.server);
  g_free (fake.url);
}

int
main (int argc, char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/journal/path", test_path);
  g_test_add_func ("/dd/journal/append-load", test_append_load);
  g_test_add_func ("/dd/journal/returned-values", test_returned_values);
  g_test_add_func ("/dd/journal/torn-line", test_torn_line);
  g_test_add_func ("/dd/journal/unknown-outcome", test_unknown_outcome);
  g_test_add_func ("/dd/journal/sigkill", test_sigkill);
  g_test_add_func ("/dd/journal/two-writers", test_two_writers);
  g_test_add_func ("/dd/journal/async", test_async);
  g_test_add_func ("/dd/journal/groups", test_groups);
  g_test_add_func ("/dd/journal/undo-group", test_undo_group);
  for (guint i = 0; i < G_N_ELEMENTS (undo_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/dd/journal/undo/%s", undo_cases[i].name);

      g_test_add_data_func (name, &undo_cases[i], test_undo_request);
    }
  return g_test_run ();
}
