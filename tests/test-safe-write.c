/* test-safe-write.c: conditional saves, deletes and undos on the local
 * DynamoDB, with every attribute type, conflicts and the journal. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-provider-static.h"
#include "dd-safe-write.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fault-proxy.h"

static DdTestDynamo *dynamo;
static DdClient *client;
static DdJournal *journal;
static const char *key_names[] = { "pk", "sk", NULL };

#define BIG "12345678901234567890123456789012345678"

/* Every type, reserved words and awkward names. */
#define ITEM(pk) \
  "{\"pk\":{\"S\":\"" pk "\"},\"sk\":{\"N\":\"7\"}," \
  "\"name\":{\"S\":\"Ada\"},\"status\":{\"S\":\"active\"},\"size\":{\"N\":\"" BIG "\"}," \
  "\"small\":{\"N\":\"-1.5E-100\"},\"data\":{\"B\":\"AAEC/w==\"},\"ok\":{\"BOOL\":true}," \
  "\"nothing\":{\"NULL\":true},\"a.b\":{\"S\":\"dotted\"},\"#x\":{\"S\":\"hash\"}," \
  "\"map\":{\"M\":{\"inner\":{\"M\":{\"n\":{\"N\":\"0.000000000000000000000000000000000001\"}}}," \
  "\"empty\":{\"M\":{}},\"list\":{\"L\":[]},\"name\":{\"S\":\"x\"}}}," \
  "\"list\":{\"L\":[{\"S\":\"one\"},{\"N\":\"2\"},{\"L\":[{\"BOOL\":false}]},{\"M\":{\"k\":{\"SS\":[\"z\"]}}}]}," \
  "\"tags\":{\"SS\":[\"red\",\"green\",\"blue\"]},\"scores\":{\"NS\":[\"" BIG "\",\"-3\",\"0.5\"]}," \
  "\"blobs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}"

/* ---- helpers ----------------------------------------------------------- */

typedef struct
{
  gboolean         done;
  GBytes          *body;
  DdJournalEntry  *entry;
  DdWriteConflict *conflict;
  GError          *error;
} Result;

static char *
get_item (const char *pk)
{
  g_autofree char *key = g_strdup_printf ("{\"pk\":{\"S\":\"%s\"},\"sk\":{\"N\":\"7\"}}", pk);

  return dd_test_get_item (client, "Items", key);
}

static void
put_raw (const char *item)
{
  dd_test_put_item (client, "Items", item);
}

/* Someone else's UpdateItem. */
static void
update_raw (const char *pk,
            const char *expression,
            const char *names,
            const char *values)
{
  g_autofree char *request =
    g_strdup_printf ("{\"TableName\":\"Items\",\"Key\":{\"pk\":{\"S\":\"%s\"},\"sk\":{\"N\":\"7\"}},"
                     "\"UpdateExpression\":\"%s\",\"ExpressionAttributeNames\":%s%s%s}",
                     pk, expression, names, values ? ",\"ExpressionAttributeValues\":" : "", values ? values : "");
  g_autofree char *response = dd_test_call (client, "UpdateItem", request);
}

static void
write_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  Result *result = user_data;
  gpointer tag = g_task_get_source_tag (G_TASK (res));
  DdSafeWrite *writer = DD_SAFE_WRITE (source);

  if (tag == dd_safe_write_save_async)
    result->entry = dd_safe_write_save_finish (writer, res, &result->conflict, &result->error);
  else if (tag == dd_safe_write_delete_async)
    result->entry = dd_safe_write_delete_finish (writer, res, &result->conflict, &result->error);
  else
    result->entry = dd_safe_write_undo_finish (writer, res, &result->conflict, &result->error);
  result->done = TRUE;
}

static DdSafeWrite *
new_writer (void)
{
  return dd_safe_write_new (client, journal, "Items", key_names);
}

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->entry, dd_journal_entry_unref);
  g_clear_pointer (&result->conflict, dd_write_conflict_free);
  g_clear_error (&result->error);
  result->done = FALSE;
}

static void
save (DdSafeWrite *writer,
      const char  *loaded,
      const char  *item,
      Result      *result)
{
  result_clear (result);
  dd_safe_write_save_async (writer, loaded, item, NULL, write_cb, result);
  dd_test_wait_for (&result->done, 60);
}

static void
delete (DdSafeWrite *writer,
        const char  *loaded,
        Result      *result)
{
  result_clear (result);
  dd_safe_write_delete_async (writer, loaded, TRUE, NULL, write_cb, result);
  dd_test_wait_for (&result->done, 60);
}

static void
undo (DdSafeWrite    *writer,
      DdJournalEntry *entry,
      Result         *result)
{
  g_autoptr(DdJournalEntry) keep = dd_journal_entry_ref (entry);

  result_clear (result);
  dd_safe_write_undo_async (writer, keep, NULL, write_cb, result);
  dd_test_wait_for (&result->done, 60);
}

static JsonObject *
object_of (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* Same attributes, each equal as DynamoDB compares values. */
static void
assert_items_equal (const char *a,
                    const char *b)
{
  g_autoptr(JsonObject) oa = object_of (a);
  g_autoptr(JsonObject) ob = object_of (b);
  g_autoptr(GList) names = json_object_get_members (oa);

  g_assert_cmpuint (json_object_get_size (oa), ==, json_object_get_size (ob));
  for (GList *l = names; l; l = l->next)
    {
      if (!dd_item_values_equal (json_object_get_member (oa, l->data),
                                       json_object_get_member (ob, l->data)))
        g_error ("Attribute %s differs:\n%s\n%s", (char *) l->data, a, b);
    }
}

static const char *
n_text (const char *item,
        const char *name)
{
  static char buf[256];
  g_autoptr(JsonObject) o = object_of (item);

  g_strlcpy (buf, json_object_get_string_member (json_object_get_object_member (o, name), "N"), sizeof buf);
  return buf;
}

/* ---- differences ------------------------------------------------------- */

static void
test_values_equal (void)
{
  static const struct { const char *a, *b; gboolean equal; } cases[] = {
    { "{\"N\":\"1.50\"}", "{\"N\":\"1.5\"}", TRUE },
    { "{\"N\":\"100\"}", "{\"N\":\"1E2\"}", TRUE },
    { "{\"N\":\"-0.0\"}", "{\"N\":\"0\"}", TRUE },
    { "{\"N\":\"" BIG "\"}", "{\"N\":\"12345678901234567890123456789012345679\"}", FALSE },
    { "{\"N\":\"1\"}", "{\"S\":\"1\"}", FALSE },
    { "{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"b\",\"a\"]}", TRUE },
    { "{\"SS\":[\"a\",\"b\"]}", "{\"SS\":[\"a\",\"c\"]}", FALSE },
    { "{\"NS\":[\"1\",\"2.0\"]}", "{\"NS\":[\"2\",\"1.00\"]}", TRUE },
    { "{\"BS\":[\"AQ==\",\"Ag==\"]}", "{\"BS\":[\"Ag==\",\"AQ==\"]}", TRUE },
    { "{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"}]}", "{\"L\":[{\"S\":\"b\"},{\"S\":\"a\"}]}", FALSE },
    { "{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"BOOL\":true}}}", "{\"M\":{\"b\":{\"BOOL\":true},\"a\":{\"N\":\"1.0\"}}}", TRUE },
    { "{\"M\":{\"a\":{\"N\":\"1\"}}}", "{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"NULL\":true}}}", FALSE },
    { "{\"BOOL\":true}", "{\"BOOL\":false}", FALSE },
    { "{\"B\":\"AAEC\"}", "{\"B\":\"AAEC\"}", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) a = json_from_string (cases[i].a, NULL);
      g_autoptr(JsonNode) b = json_from_string (cases[i].b, NULL);

      g_test_message ("%s vs %s", cases[i].a, cases[i].b);
      g_assert_cmpint (dd_item_values_equal (a, b), ==, cases[i].equal);
      g_assert_cmpint (dd_item_values_equal (b, a), ==, cases[i].equal);
    }
}

static void
test_diff (void)
{
  const char *old_item = "{\"pk\":{\"S\":\"k\"},\"gone\":{\"S\":\"x\"},\"tags\":{\"SS\":[\"a\",\"b\"]},\"n\":{\"N\":\"1.0\"},\"c\":{\"S\":\"old\"}}";
  const char *new_item = "{\"pk\":{\"S\":\"k\"},\"tags\":{\"SS\":[\"b\",\"a\"]},\"n\":{\"N\":\"1\"},\"c\":{\"S\":\"new\"},\"added\":{\"NS\":[\"" BIG "\"]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diffs = dd_item_diff (old_item, new_item, &error);
  DdItemDiff *d;

  g_assert_no_error (error);
  g_assert_cmpuint (diffs->len, ==, 3);
  d = g_ptr_array_index (diffs, 0);
  g_assert_cmpstr (d->name, ==, "added");
  g_assert_cmpint (d->kind, ==, DD_ITEM_DIFF_ADDED);
  g_assert_null (d->old_value);
  g_assert_cmpstr (d->new_value, ==, "{\"NS\":[\"" BIG "\"]}");
  d = g_ptr_array_index (diffs, 1);
  g_assert_cmpstr (d->name, ==, "c");
  g_assert_cmpint (d->kind, ==, DD_ITEM_DIFF_CHANGED);
  g_assert_cmpstr (d->old_value, ==, "{\"S\":\"old\"}");
  g_assert_cmpstr (d->new_value, ==, "{\"S\":\"new\"}");
  d = g_ptr_array_index (diffs, 2);
  g_assert_cmpstr (d->name, ==, "gone");
  g_assert_cmpint (d->kind, ==, DD_ITEM_DIFF_REMOVED);
  g_assert_null (d->new_value);

  g_clear_pointer (&diffs, g_ptr_array_unref);
  diffs = dd_item_diff (NULL, new_item, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diffs->len, ==, 5);

  g_clear_pointer (&diffs, g_ptr_array_unref);
  diffs = dd_item_diff (old_item, "[1]", &error);
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_null (diffs);
}

/* ---- against the local DynamoDB ---------------------------------------- */

static char *
edited (const char *loaded)
{
  g_autoptr(JsonObject) o = object_of (loaded);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *map;

  json_object_set_member (o, "status", json_from_string ("{\"S\":\"archived\"}", NULL));
  json_object_remove_member (o, "nothing");
  json_object_set_member (o, "added", json_from_string ("{\"NS\":[\"" BIG "\",\"1\"]}", NULL));
  map = json_object_get_object_member (json_object_get_object_member (o, "map"), "M");
  json_object_set_member (map, "name", json_from_string ("{\"S\":\"y\"}", NULL));
  node = json_node_init_object (json_node_alloc (), o);
  return json_to_string (node, FALSE);
}

static void
test_edit_every_type (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *loaded = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *back = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  Result r = { 0 };

  put_raw (ITEM ("every"));
  loaded = get_item ("every");
  assert_items_equal (loaded, ITEM ("every"));
  g_assert_cmpstr (n_text (loaded, "size"), ==, BIG);

  mine = edited (loaded);
  save (writer, loaded, mine, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.entry);
  g_assert_null (r.conflict);

  back = get_item ("every");
  /* Exactly the edit: the rest, every digit and byte, as it was. */
  assert_items_equal (back, mine);
  g_assert_cmpstr (n_text (back, "size"), ==, BIG);
  /* The journal has the before and the after. */
  assert_items_equal (dd_journal_entry_get_old_item (r.entry), loaded);
  assert_items_equal (dd_journal_entry_get_new_item (r.entry), back);
  entries = dd_journal_load (journal, NULL, NULL);
  g_assert_cmpstr (dd_journal_entry_get_id (g_ptr_array_index (entries, 0)), ==, dd_journal_entry_get_id (r.entry));
  g_assert_cmpint (dd_journal_entry_get_outcome (g_ptr_array_index (entries, 0)), ==, DD_JOURNAL_OUTCOME_DONE);

  /* Nothing changed: nothing written, nothing journalled. */
  save (writer, back, back, &r);
  g_assert_no_error (r.error);
  g_assert_null (r.entry);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = dd_journal_load (journal, NULL, NULL);
  g_assert_cmpint (dd_journal_entry_get_outcome (g_ptr_array_index (entries, 0)), ==, DD_JOURNAL_OUTCOME_DONE);
  result_clear (&r);
}

static void
assert_conflict (Result     *r,
                 const char *loaded,
                 const char *mine,
                 const char *current)
{
  g_assert_null (r->entry);
  g_assert_error (r->error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_true (dd_safe_write_error_is_conflict (r->error));
  g_assert_nonnull (r->conflict);
  if (loaded)
    assert_items_equal (r->conflict->loaded, loaded);
  else
    g_assert_null (r->conflict->loaded);
  if (mine)
    assert_items_equal (r->conflict->mine, mine);
  else
    g_assert_null (r->conflict->mine);
  if (current)
    assert_items_equal (r->conflict->current, current);
  else
    g_assert_null (r->conflict->current);
}

/* Loads the item pk, lets someone else change it (an UpdateItem), then
 * saves an edit of what was loaded: a conflict, which leaves the item as
 * they made it. */
static void
assert_save_conflicts (DdSafeWrite *writer,
                       const char  *pk,
                       const char  *expression,
                       const char  *names,
                       const char  *values)
{
  g_autofree char *loaded = get_item (pk);
  g_autofree char *mine = edited (loaded);
  g_autofree char *theirs = NULL;
  g_autofree char *after = NULL;
  Result r = { 0 };

  update_raw (pk, expression, names, values);
  theirs = get_item (pk);
  save (writer, loaded, mine, &r);
  assert_conflict (&r, loaded, mine, theirs);
  after = get_item (pk);
  assert_items_equal (after, theirs);
  result_clear (&r);
}

static void
test_conflict (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autoptr(GPtrArray) entries = NULL;

  put_raw (ITEM ("conflict"));
  /* Someone else changes one attribute between load and save. */
  assert_save_conflicts (writer, "conflict", "SET #s = :v", "{\"#s\":\"status\"}", "{\":v\":{\"S\":\"theirs\"}}");
  entries = dd_journal_load (journal, NULL, NULL);
  g_assert_cmpint (dd_journal_entry_get_outcome (g_ptr_array_index (entries, 0)), ==, DD_JOURNAL_OUTCOME_FAILED);
  /* ...or a member deep in a map: still a conflict. */
  assert_save_conflicts (writer, "conflict", "SET #m.#i.#n = :v", "{\"#m\":\"map\",\"#i\":\"inner\",\"#n\":\"n\"}",
                         "{\":v\":{\"N\":\"2\"}}");
  /* ...or an element appended to a list. */
  assert_save_conflicts (writer, "conflict", "SET #l = list_append(#l, :v)", "{\"#l\":\"list\"}",
                         "{\":v\":{\"L\":[{\"S\":\"more\"}]}}");
  /* ...or the attribute this save adds, added meanwhile. */
  assert_save_conflicts (writer, "conflict", "SET #a = :v", "{\"#a\":\"added\"}", "{\":v\":{\"S\":\"mine first\"}}");
}

static void
test_other_attribute_kept (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *loaded = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *back = NULL;
  g_autoptr(JsonObject) o = NULL;
  Result r = { 0 };

  put_raw (ITEM ("merge"));
  loaded = get_item ("merge");
  mine = edited (loaded);
  /* An attribute the loaded item never had, under another name. */
  update_raw ("merge", "SET #o = :v", "{\"#o\":\"other\"}", "{\":v\":{\"S\":\"kept\"}}");
  save (writer, loaded, mine, &r);
  g_assert_no_error (r.error);
  back = get_item ("merge");
  o = object_of (back);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "other"), "S"), ==, "kept");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "status"), "S"), ==, "archived");
  /* The journal's new item is the item as the write left it. */
  assert_items_equal (dd_journal_entry_get_new_item (r.entry), back);
  result_clear (&r);
}

static void
test_delete_undo (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *loaded = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(DdJournalEntry) deleted = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  Result r = { 0 };

  put_raw (ITEM ("delete"));
  loaded = get_item ("delete");
  delete (writer, loaded, &r);
  g_assert_no_error (r.error);
  g_assert_true (dd_journal_entry_is_delete (r.entry));
  assert_items_equal (dd_journal_entry_get_old_item (r.entry), loaded);
  gone = get_item ("delete");
  g_assert_null (gone);

  /* Undo from the journal as loaded from disk. */
  entries = dd_journal_load (journal, NULL, NULL);
  deleted = dd_journal_entry_ref (g_ptr_array_index (entries, 0));
  g_assert_cmpstr (dd_journal_entry_get_id (deleted), ==, dd_journal_entry_get_id (r.entry));
  undo (writer, deleted, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_journal_entry_get_undo_of (r.entry), ==, dd_journal_entry_get_id (deleted));
  restored = get_item ("delete");
  g_assert_nonnull (restored);
  assert_items_equal (restored, loaded);
  g_assert_cmpstr (n_text (restored, "size"), ==, BIG);

  /* The same undo again: the item is no longer as the delete left it. */
  undo (writer, deleted, &r);
  assert_conflict (&r, NULL, loaded, loaded);
  result_clear (&r);
}

static void
test_create_undo (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *back = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(DdJournalEntry) created = NULL;
  Result r = { 0 };

  save (writer, NULL, ITEM ("create"), &r);
  g_assert_no_error (r.error);
  created = g_steal_pointer (&r.entry);
  g_assert_null (dd_journal_entry_get_old_item (created));
  back = get_item ("create");
  assert_items_equal (back, ITEM ("create"));

  /* Creating it again is a conflict: it exists. */
  save (writer, NULL, ITEM ("create"), &r);
  assert_conflict (&r, NULL, ITEM ("create"), back);

  undo (writer, created, &r);
  g_assert_no_error (r.error);
  gone = get_item ("create");
  g_assert_null (gone);
  result_clear (&r);
}

static void
test_undo_conflict (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *loaded = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DdJournalEntry) saved = NULL;
  Result r = { 0 };

  put_raw (ITEM ("undo-conflict"));
  loaded = get_item ("undo-conflict");
  mine = edited (loaded);
  save (writer, loaded, mine, &r);
  g_assert_no_error (r.error);
  saved = g_steal_pointer (&r.entry);
  update_raw ("undo-conflict", "SET #s = :v", "{\"#s\":\"status\"}", "{\":v\":{\"S\":\"later\"}}");
  theirs = get_item ("undo-conflict");
  undo (writer, saved, &r);
  g_assert_true (dd_safe_write_error_is_conflict (r.error));
  after = get_item ("undo-conflict");
  assert_items_equal (after, theirs);
  result_clear (&r);
}

/* The program stopped after the intent: whether or not the write
 * happened, the undo brings the old item back. */
static void
test_undo_unknown (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *loaded = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *key = g_strdup ("{\"pk\":{\"S\":\"unknown\"},\"sk\":{\"N\":\"7\"}}");
  g_autoptr(DdJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  put_raw (ITEM ("unknown"));
  loaded = get_item ("unknown");
  mine = edited (loaded);

  for (guint happened = 0; happened < 2; happened++)
    {
      g_autofree char *back = NULL;

      g_clear_pointer (&entry, dd_journal_entry_unref);
      entry = dd_journal_entry_new ("Items", key, loaded, mine);
      dd_journal_append_intents (journal, &entry, 1, &error);
      g_assert_no_error (error);
      if (happened)
        put_raw (mine);
      undo (writer, entry, &r);
      g_assert_no_error (r.error);
      back = get_item ("unknown");
      assert_items_equal (back, loaded);
    }
  result_clear (&r);
}

static void
test_delete_conflict (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  g_autofree char *loaded = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *after = NULL;
  Result r = { 0 };

  put_raw (ITEM ("delete-conflict"));
  loaded = get_item ("delete-conflict");
  update_raw ("delete-conflict", "REMOVE #t", "{\"#t\":\"tags\"}", NULL);
  theirs = get_item ("delete-conflict");
  delete (writer, loaded, &r);
  assert_conflict (&r, loaded, NULL, theirs);
  after = get_item ("delete-conflict");
  assert_items_equal (after, theirs);
  result_clear (&r);
}

static void
test_key_change_refused (void)
{
  g_autoptr(DdSafeWrite) writer = new_writer ();
  Result r = { 0 };

  save (writer, ITEM ("a"), ITEM ("b"), &r);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  save (writer, NULL, "{\"pk\":{\"S\":\"no sort key\"}}", &r);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  result_clear (&r);
}

/* ---- cancelling ------------------------------------------------------- */

/* The outcome of entry as the journal file has it now. */
static DdJournalOutcome
journalled_outcome (DdJournalEntry *entry,
                    char          **error_message)
{
  g_autoptr(GPtrArray) entries = dd_journal_load (journal, NULL, NULL);

  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (dd_journal_entry_get_id (entries->pdata[i]), dd_journal_entry_get_id (entry)))
      {
        *error_message = g_strdup (dd_journal_entry_get_error (entries->pdata[i]));
        return dd_journal_entry_get_outcome (entries->pdata[i]);
      }
  g_error ("the entry %s is not in the journal", dd_journal_entry_get_id (entry));
}

/* The newest entry of the journal. */
static DdJournalEntry *
newest_entry (void)
{
  g_autoptr(GPtrArray) entries = dd_journal_load (journal, NULL, NULL);

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  return dd_journal_entry_ref (entries->pdata[0]);
}

static gboolean
proxy_has_request (gpointer proxy)
{
  return dd_test_fault_proxy_get_n_requests (proxy) > 0;
}

/* A save cancelled once its request reached the service (a proxy that
 * never answers), before the answer: not a plain cancel but "may already
 * have been made", and the journal keeps the outcome unknown. Cancelled
 * before it was sent, it is a plain cancel, journalled as failed. */
static void
test_cancel_after_send (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdCredentials) creds = dd_credentials_new ("AKIDLOCALTEST", "local-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (creds);
  g_autoptr(DdClient) slow = dd_client_new ("us-east-1", dd_test_fault_proxy_get_endpoint (proxy), provider);
  g_autoptr(DdSafeWrite) writer = dd_safe_write_new (slow, journal, "Items", key_names);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DdJournalEntry) entry = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *message = NULL;
  Result r = { 0 };

  put_raw (ITEM ("cancelled"));
  loaded = get_item ("cancelled");
  mine = edited (loaded);

  /* sent, then cancelled */
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_STALL);
  dd_safe_write_save_async (writer, loaded, mine, cancellable, write_cb, &r);
  dd_test_wait_until (proxy_has_request, proxy, "the UpdateItem at the proxy");
  g_assert_cmpstr (dd_test_fault_proxy_get_request (proxy, 0)->action, ==, "UpdateItem");
  g_cancellable_cancel (cancellable);
  dd_test_wait_for (&r.done, 60);
  g_assert_null (r.entry);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_MAYBE_APPLIED);
  g_assert_nonnull (strstr (r.error->message, "may already have been made"));
  entry = newest_entry ();
  g_assert_cmpint (journalled_outcome (entry, &message), ==, DD_JOURNAL_OUTCOME_UNKNOWN);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 1);

  /* cancelled before it was sent: nothing reaches the proxy */
  result_clear (&r);
  g_clear_pointer (&entry, dd_journal_entry_unref);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  dd_safe_write_save_async (writer, loaded, mine, cancellable, write_cb, &r);
  dd_test_wait_for (&r.done, 60);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  entry = newest_entry ();
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (journalled_outcome (entry, &message), ==, DD_JOURNAL_OUTCOME_FAILED);
  g_assert_cmpstr (message, ==, "Cancelled before it was sent");
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 1);
  result_clear (&r);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/safe-write/values-equal", test_values_equal);
  g_test_add_func ("/dd/safe-write/diff", test_diff);
  g_test_add_func ("/dd/safe-write/edit-every-type", test_edit_every_type);
  g_test_add_func ("/dd/safe-write/conflict", test_conflict);
  g_test_add_func ("/dd/safe-write/other-attribute-kept", test_other_attribute_kept);
  g_test_add_func ("/dd/safe-write/delete-undo", test_delete_undo);
  g_test_add_func ("/dd/safe-write/create-undo", test_create_undo);
  g_test_add_func ("/dd/safe-write/undo-conflict", test_undo_conflict);
  g_test_add_func ("/dd/safe-write/undo-unknown-outcome", test_undo_unknown);
  g_test_add_func ("/dd/safe-write/delete-conflict", test_delete_conflict);
  g_test_add_func ("/dd/safe-write/key-change-refused", test_key_change_refused);
  g_test_add_func ("/dd/safe-write/cancel-after-send", test_cancel_after_send);

  dynamo = dd_test_dynamo_start ();
  client = dd_test_dynamo_new_client (dynamo);
  journal = dd_journal_new ("local-test", &error);
  g_assert_no_error (error);
  dd_test_create_table (client, "Items", "N");

  ret = g_test_run ();
  g_clear_object (&journal);
  g_clear_object (&client);
  dd_test_dynamo_stop (dynamo);
  return ret;
}
