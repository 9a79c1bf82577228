/* dd-journal-entry.c: a journal entry, and the lines it is written as. */
#define G_LOG_DOMAIN "dd-journal"

#include "config.h"

#include "dd-json-member.h"
#include "dd-journal-private.h"

G_DEFINE_BOXED_TYPE (DdJournalEntry, dd_journal_entry, dd_journal_entry_ref, dd_journal_entry_unref)

/* g_set_str() arrived in GLib 2.76. */
void
_dd_journal_set_str (char       **str,
         const char  *value)
{
  if (*str == value)
    return;
  g_free (*str);
  *str = g_strdup (value);
}

DdJournalEntry *
dd_journal_entry_new (const char *table,
                      const char *key,
                      const char *old_item,
                      const char *new_item)
{
  DdJournalEntry *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_new0 (DdJournalEntry, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_uuid_string_random ();
  self->table = g_strdup (table);
  self->key = g_strdup (key);
  self->old_item = g_strdup (old_item);
  self->new_item = g_strdup (new_item);
  self->time = g_get_real_time ();
  return self;
}

DdJournalEntry *
dd_journal_entry_ref (DdJournalEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dd_journal_entry_unref (DdJournalEntry *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->source_id);
  g_free (self->table);
  g_free (self->key);
  g_free (self->old_item);
  g_free (self->new_item);
  g_free (self->undo_of);
  g_free (self->group);
  g_free (self->error);
  g_free (self->returned_old);
  g_free (self->returned_new);
  g_free (self);
}

const char *
dd_journal_entry_get_id (DdJournalEntry *self)
{
  return self->id;
}

const char *
dd_journal_entry_get_source_id (DdJournalEntry *self)
{
  return self->source_id;
}

const char *
dd_journal_entry_get_table (DdJournalEntry *self)
{
  return self->table;
}

const char *
dd_journal_entry_get_key (DdJournalEntry *self)
{
  return self->key;
}

const char *
dd_journal_entry_get_old_item (DdJournalEntry *self)
{
  return self->has_returned_old ? self->returned_old : self->old_item;
}

const char *
dd_journal_entry_get_new_item (DdJournalEntry *self)
{
  return self->has_returned_new ? self->returned_new : self->new_item;
}

gboolean
dd_journal_entry_is_delete (DdJournalEntry *self)
{
  return dd_journal_entry_get_new_item (self) == NULL;
}

gint64
dd_journal_entry_get_time (DdJournalEntry *self)
{
  return self->time;
}

DdJournalOutcome
dd_journal_entry_get_outcome (DdJournalEntry *self)
{
  return self->outcome;
}

const char *
dd_journal_entry_get_error (DdJournalEntry *self)
{
  return self->error;
}

const char *
dd_journal_entry_get_undo_of (DdJournalEntry *self)
{
  return self->undo_of;
}

void
dd_journal_entry_set_undo_of (DdJournalEntry *self,
                              const char     *id)
{
  _dd_journal_set_str (&self->undo_of, id);
}

const char *
dd_journal_entry_get_group (DdJournalEntry *self)
{
  return self->group;
}

void
dd_journal_entry_set_group (DdJournalEntry *self,
                            const char     *group)
{
  _dd_journal_set_str (&self->group, group);
}

void
dd_journal_entry_set_returned_old (DdJournalEntry *self,
                                   const char     *item)
{
  self->has_returned_old = TRUE;
  _dd_journal_set_str (&self->returned_old, item);
}

void
dd_journal_entry_set_returned_new (DdJournalEntry *self,
                                   const char     *item)
{
  self->has_returned_new = TRUE;
  _dd_journal_set_str (&self->returned_new, item);
}

/* --- Serialization --- */



static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (dt, usec % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : 0;
}

/* Sets member to the parsed typed item, or null; or to the string
 * "delete" when item is NULL and delete_word is set. */
static void
set_item_member (JsonObject *object,
                 const char *member,
                 const char *item,
                 gboolean    delete_word)
{
  JsonNode *node = NULL;

  if (item != NULL)
    node = json_from_string (item, NULL);
  if (node == NULL && delete_word)
    {
      json_object_set_string_member (object, member, "delete");
      return;
    }
  if (node == NULL)
    node = json_node_new (JSON_NODE_NULL);
  json_object_set_member (object, member, node);
}

static void
start_line (JsonObject *object,
            const char *type,
            const char *id)
{
  g_autofree char *now = format_time (g_get_real_time ());

  json_object_set_int_member (object, "v", 1);
  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "time", now);
}

static void
append_object_line (GString    *out,
                    JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

void
_dd_journal_append_intent_line (GString        *out,
                    DdJournalEntry *entry)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *time = format_time (entry->time);

  json_object_set_int_member (object, "v", 1);
  json_object_set_string_member (object, "type", "intent");
  json_object_set_string_member (object, "id", entry->id);
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "source", entry->source_id);
  json_object_set_string_member (object, "table", entry->table);
  set_item_member (object, "key", entry->key, FALSE);
  set_item_member (object, "old", entry->old_item, FALSE);
  set_item_member (object, "new", entry->new_item, TRUE);
  if (entry->undo_of != NULL)
    json_object_set_string_member (object, "undo_of", entry->undo_of);
  if (entry->group != NULL)
    json_object_set_string_member (object, "group", entry->group);
  append_object_line (out, object);
}

void
_dd_journal_append_outcome_line (GString        *out,
                     DdJournalEntry *entry)
{
  g_autoptr(JsonObject) object = json_object_new ();

  start_line (object, "outcome", entry->id);
  json_object_set_string_member (object, "outcome",
                                 entry->outcome == DD_JOURNAL_OUTCOME_DONE ? "done" : "failed");
  if (entry->error != NULL)
    json_object_set_string_member (object, "error", entry->error);
  if (entry->has_returned_old)
    set_item_member (object, "old", entry->returned_old, FALSE);
  if (entry->has_returned_new)
    set_item_member (object, "new", entry->returned_new, TRUE);
  append_object_line (out, object);
}

/* --- Loading --- */

/* The text of an item member: NULL for null or "delete", else the
 * object's JSON. FALSE when the member is something else. */
static gboolean
read_item_member (JsonObject  *object,
                  const char  *member,
                  char       **item)
{
  JsonNode *node = json_object_get_member (object, member);

  *item = NULL;
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    *item = json_to_string (node, FALSE);
  else if (!JSON_NODE_HOLDS_NULL (node)
           && g_strcmp0 (json_node_get_string (node), "delete") != 0)
    return FALSE;
  return TRUE;
}

DdJournalEntry *
_dd_journal_entry_from_intent (JsonObject *object)
{
  g_autoptr(DdJournalEntry) entry = g_new0 (DdJournalEntry, 1);
  const char *id = dd_json_member_string (object, "id");
  const char *table = dd_json_member_string (object, "table");

  g_atomic_ref_count_init (&entry->ref_count);
  if (id == NULL || table == NULL)
    return NULL;
  entry->id = g_strdup (id);
  entry->table = g_strdup (table);
  entry->source_id = g_strdup (dd_json_member_string (object, "source"));
  entry->undo_of = g_strdup (dd_json_member_string (object, "undo_of"));
  entry->group = g_strdup (dd_json_member_string (object, "group"));
  entry->time = parse_time (dd_json_member_string (object, "time"));
  if (!read_item_member (object, "key", &entry->key) || entry->key == NULL
      || !read_item_member (object, "old", &entry->old_item)
      || !read_item_member (object, "new", &entry->new_item))
    return NULL;
  return g_steal_pointer (&entry);
}

gboolean
_dd_journal_entry_apply_outcome (DdJournalEntry *entry,
               JsonObject     *object)
{
  const char *outcome = dd_json_member_string_or (object, "outcome", "");
  g_autofree char *item = NULL;

  if (g_str_equal (outcome, "done"))
    entry->outcome = DD_JOURNAL_OUTCOME_DONE;
  else if (g_str_equal (outcome, "failed"))
    entry->outcome = DD_JOURNAL_OUTCOME_FAILED;
  else
    return FALSE;
  _dd_journal_set_str (&entry->error, dd_json_member_string (object, "error"));
  if (read_item_member (object, "old", &item))
    dd_journal_entry_set_returned_old (entry, item);
  g_clear_pointer (&item, g_free);
  if (read_item_member (object, "new", &item))
    dd_journal_entry_set_returned_new (entry, item);
  return TRUE;
}

