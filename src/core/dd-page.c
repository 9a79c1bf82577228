/* dd-page.c: one result page, tokenized with jsmn.
 *
 * The hot path of DESIGN.md: a page is tokenized once, checked, and
 * described by slices into its bytes. jsmn matches brackets and escapes; the
 * separators between tokens, the literals and the control characters in
 * strings are checked here in one linear pass over the tokens.
 */
#define G_LOG_DOMAIN "dd-page"

#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-page.h"
#include "dd-page-fast.h"
#include "dd-page-private.h"
#include "dd-page-syntax.h"

G_DEFINE_BOXED_TYPE (DdPage, dd_page, dd_page_ref, dd_page_unref)

static const char *empty_strv[] = { NULL };

typedef struct
{
  const char      *text;
  gsize            len;
  const jsmntok_t *tokens;
  int              n_tokens;
  DdPage          *page;
  NameTable        names;
  GString         *scratch;
} ParseState;

DdPage *
dd_page_new_empty (GBytes *bytes)
{
  DdPage *self = g_new0 (DdPage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, NULL);
  self->count = -1;
  self->scanned_count = -1;
  return self;
}

DdPage *
dd_page_ref (DdPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dd_page_unref (DdPage *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_bytes_unref (self->bytes);
  g_free (self->items);
  g_strfreev (self->names);
  g_free (self->name_first_item);
  g_strfreev (self->table_names);
  g_free (self->continuation_string);
  if (self->rendered != NULL)
    g_string_free (self->rendered, TRUE);
  g_free (self);
}

void
dd_page_set_rendered (DdPage        *self,
                      gconstpointer  owner,
                      GString       *text)
{
  g_return_if_fail (self != NULL);
  if (self->rendered != NULL)
    g_string_free (self->rendered, TRUE);
  self->rendered = text;
  self->rendered_for = owner;
}

GString *
dd_page_steal_rendered (DdPage        *self,
                        gconstpointer  owner)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);
  if (self->rendered == NULL || self->rendered_for != owner)
    return NULL;
  text = g_steal_pointer (&self->rendered);
  self->rendered_for = NULL;
  return text;
}

/* Errors --------------------------------------------------------------- */

static gboolean
fail_at_token (ParseState      *st,
               const jsmntok_t *t,
               const char      *what,
               GError         **error)
{
  return dd_page_syntax_fail_at_token (st->text, t, what, error);
}

/* Strings -------------------------------------------------------------- */

static guint
hex4 (const char *s)
{
  guint v = 0;

  for (int i = 0; i < 4; i++)
    v = v * 16 + (guint) g_ascii_xdigit_value (s[i]);
  return v;
}

/* Decodes a \uXXXX escape at text[*i] (pointing at 'u'), pairing
 * surrogates; advances *i past what it used. */
static gunichar
decode_u_escape (const char *text,
                 gsize       len,
                 gsize      *i)
{
  guint hi = hex4 (text + *i + 1);

  *i += 5;
  if (hi >= 0xD800 && hi <= 0xDBFF && *i + 6 <= len
      && text[*i] == '\\' && text[*i + 1] == 'u')
    {
      guint lo = hex4 (text + *i + 2);

      if (lo >= 0xDC00 && lo <= 0xDFFF)
        {
          *i += 6;
          return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        }
    }
  if (hi >= 0xD800 && hi <= 0xDFFF)
    return 0xFFFD;
  return hi;
}

void
dd_page_append_unescaped (GString    *out,
                          const char *text,
                          gsize       len)
{
  gsize i = 0;

  g_return_if_fail (out != NULL);
  while (i < len)
    {
      const char *bs = memchr (text + i, '\\', len - i);
      gsize run = bs != NULL ? (gsize) (bs - text) - i : len - i;
      char c;

      g_string_append_len (out, text + i, (gssize) run);
      i += run;
      if (i + 1 >= len)
        break;
      c = text[i + 1];
      i++;
      if (c == 'u' && i + 5 <= len)
        {
          g_string_append_unichar (out, decode_u_escape (text, len, &i));
          continue;
        }
      switch (c)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        default: g_string_append_c (out, c); break;
        }
      i++;
    }
}

static char *
token_string (ParseState      *st,
              const jsmntok_t *t)
{
  GString *s = g_string_sized_new ((gsize) (t->end - t->start) + 1);

  dd_page_append_unescaped (s, st->text + t->start, (gsize) (t->end - t->start));
  return g_string_free (s, FALSE);
}

/* Attribute names ------------------------------------------------------ */

static guint32
hash_bytes (const char *s,
            gsize       n)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < n; i++)
    h = (h ^ (guchar) s[i]) * 16777619u;
  return h;
}

void
dd_page_names_init (NameTable *nt)
{
  nt->names = g_ptr_array_new ();
  nt->lens = g_array_new (FALSE, FALSE, sizeof (guint32));
  nt->first_item = g_array_new (FALSE, FALSE, sizeof (guint32));
  nt->mask = 63;
  nt->slots = g_new0 (guint32, nt->mask + 1);
}

static void
name_table_grow (NameTable *nt)
{
  nt->mask = nt->mask * 2 + 1;
  g_free (nt->slots);
  nt->slots = g_new0 (guint32, nt->mask + 1);
  for (guint idx = 0; idx < nt->names->len; idx++)
    {
      const char *name = g_ptr_array_index (nt->names, idx);
      guint32 slot = hash_bytes (name, g_array_index (nt->lens, guint32, idx)) & nt->mask;

      while (nt->slots[slot] != 0)
        slot = (slot + 1) & nt->mask;
      nt->slots[slot] = idx + 1;
    }
}

guint
dd_page_names_add (NameTable  *nt,
                   const char *s,
                   gsize       n,
                   guint32     item)
{
  guint32 slot = hash_bytes (s, n) & nt->mask;
  guint32 len32 = (guint32) n;

  while (nt->slots[slot] != 0)
    {
      guint idx = nt->slots[slot] - 1;

      if (g_array_index (nt->lens, guint32, idx) == n
          && memcmp (g_ptr_array_index (nt->names, idx), s, n) == 0)
        return idx;
      slot = (slot + 1) & nt->mask;
    }
  g_ptr_array_add (nt->names, g_strndup (s, n));
  g_array_append_val (nt->lens, len32);
  g_array_append_val (nt->first_item, item);
  nt->slots[slot] = nt->names->len;
  if (nt->names->len * 2 > nt->mask)
    name_table_grow (nt);
  return nt->names->len - 1;
}

void
dd_page_names_finish (NameTable *nt,
                      DdPage    *page)
{
  page->n_names = nt->names->len;
  g_ptr_array_add (nt->names, NULL);
  page->names = (char **) g_ptr_array_free (nt->names, FALSE);
  page->name_first_item = (guint32 *) (gpointer) g_array_free (nt->first_item, FALSE);
  g_array_free (nt->lens, TRUE);
  g_free (nt->slots);
}

static void
add_name (ParseState      *st,
          const jsmntok_t *key,
          guint32          item)
{
  const char *s = st->text + key->start;
  gsize n = (gsize) (key->end - key->start);

  if (memchr (s, '\\', n) != NULL)
    {
      g_string_truncate (st->scratch, 0);
      dd_page_append_unescaped (st->scratch, s, n);
      s = st->scratch->str;
      n = st->scratch->len;
    }
  dd_page_names_add (&st->names, s, n, item);
}

/* Members of the page -------------------------------------------------- */

/* One item: an object whose members are attribute values (objects).
 * Returns the token after the item, or -1. */
static int
read_item (ParseState *st,
           int         i,
           guint32     item,
           GError    **error)
{
  const jsmntok_t *t = &st->tokens[i];
  int j = i + 1;

  if (t->type != JSMN_OBJECT)
    {
      fail_at_token (st, t, "an item is not an object", error);
      return -1;
    }
  st->page->items[2 * item] = (guint32) t->start;
  st->page->items[2 * item + 1] = (guint32) (t->end - t->start);
  for (int m = 0; m < t->size; m++)
    {
      if (st->tokens[j + 1].type != JSMN_OBJECT)
        {
          fail_at_token (st, &st->tokens[j + 1], "an attribute value is not an object", error);
          return -1;
        }
      add_name (st, &st->tokens[j], item);
      j = dd_jsmn_skip (st->tokens, st->n_tokens, j + 1);
    }
  return j;
}

static gboolean
read_items (ParseState *st,
            int         i,
            GError    **error)
{
  const jsmntok_t *t = &st->tokens[i];
  int j = i + 1;

  if (t->type != JSMN_ARRAY)
    return fail_at_token (st, t, "Items is not an array", error);
  g_clear_pointer (&st->page->items, g_free);
  st->page->n_items = (guint) t->size;
  st->page->items = g_new (guint32, 2 * (gsize) t->size + 1);
  for (int k = 0; k < t->size; k++)
    if ((j = read_item (st, j, (guint32) k, error)) < 0)
      return FALSE;
  return TRUE;
}

static gboolean
read_count (ParseState *st,
            int         i,
            gint64     *out,
            GError    **error)
{
  const jsmntok_t *t = &st->tokens[i];
  char buf[32];
  gsize n = (gsize) (t->end - t->start);
  guint64 v;

  if (t->type != JSMN_PRIMITIVE || n >= sizeof buf)
    return fail_at_token (st, t, "a count is not a number", error);
  memcpy (buf, st->text + t->start, n);
  buf[n] = '\0';
  if (!g_ascii_string_to_unsigned (buf, 10, 0, G_MAXINT64, &v, NULL))
    return fail_at_token (st, t, "a count is not a whole number", error);
  *out = (gint64) v;
  return TRUE;
}

/* Adds the CapacityUnits of one ConsumedCapacity object. */
static void
add_capacity (ParseState *st,
              int         i)
{
  const jsmntok_t *t = &st->tokens[i];
  int j = i + 1;

  for (int m = 0; m < t->size; m++)
    {
      const jsmntok_t *v = &st->tokens[j + 1];

      if (dd_jsmn_equal (st->text, &st->tokens[j], "CapacityUnits") && v->type == JSMN_PRIMITIVE)
        {
          st->page->capacity += g_ascii_strtod (st->text + v->start, NULL);
          st->page->has_capacity = TRUE;
        }
      j = dd_jsmn_skip (st->tokens, st->n_tokens, j + 1);
    }
}

static gboolean
read_capacity (ParseState *st,
               int         i,
               GError    **error)
{
  const jsmntok_t *t = &st->tokens[i];
  int j = i + 1;

  if (t->type == JSMN_OBJECT)
    {
      add_capacity (st, i);
      return TRUE;
    }
  if (t->type != JSMN_ARRAY)
    return fail_at_token (st, t, "ConsumedCapacity is not an object", error);
  for (int k = 0; k < t->size; k++)
    {
      if (st->tokens[j].type == JSMN_OBJECT)
        add_capacity (st, j);
      j = dd_jsmn_skip (st->tokens, st->n_tokens, j);
    }
  return TRUE;
}

static gboolean
read_continuation (ParseState *st,
                   const char *name,
                   int         i,
                   GError    **error)
{
  const jsmntok_t *t = &st->tokens[i];
  gboolean want_object = strcmp (name, "LastEvaluatedKey") == 0;
  const char *raw;
  gsize raw_len;

  if (t->type == JSMN_PRIMITIVE && st->text[t->start] == 'n')
    return TRUE;  /* null: no continuation */
  if (t->type != (want_object ? JSMN_OBJECT : JSMN_STRING))
    return fail_at_token (st, t, want_object ? "LastEvaluatedKey is not an object"
                                             : "a continuation token is not a string", error);
  raw = dd_jsmn_raw (st->text, t, &raw_len);
  st->page->continuation_name = name;
  st->page->continuation_offset = (guint32) (raw - st->text);
  st->page->continuation_len = (guint32) raw_len;
  g_clear_pointer (&st->page->continuation_string, g_free);
  if (!want_object)
    st->page->continuation_string = token_string (st, t);
  return TRUE;
}

static gboolean
read_table_names (ParseState *st,
                  int         i,
                  GError    **error)
{
  const jsmntok_t *t = &st->tokens[i];
  DdPage *page = st->page;

  if (t->type != JSMN_ARRAY)
    return fail_at_token (st, t, "TableNames is not an array", error);
  g_strfreev (page->table_names);
  page->table_names = g_new0 (char *, (gsize) t->size + 1);
  page->n_table_names = (guint) t->size;
  for (int k = 0; k < t->size; k++)
    {
      const jsmntok_t *s = &st->tokens[i + 1 + k];

      if (s->type != JSMN_STRING)
        return fail_at_token (st, s, "a table name is not a string", error);
      page->table_names[k] = token_string (st, s);
    }
  return TRUE;
}

static const char * const continuation_names[] = {
  "LastEvaluatedKey", "LastEvaluatedTableName", "NextToken",
};

static gboolean
read_member (ParseState *st,
             int         key,
             GError    **error)
{
  const jsmntok_t *k = &st->tokens[key];

  if (dd_jsmn_equal (st->text, k, "Items"))
    return read_items (st, key + 1, error);
  if (dd_jsmn_equal (st->text, k, "Count"))
    return read_count (st, key + 1, &st->page->count, error);
  if (dd_jsmn_equal (st->text, k, "ScannedCount"))
    return read_count (st, key + 1, &st->page->scanned_count, error);
  if (dd_jsmn_equal (st->text, k, "ConsumedCapacity"))
    return read_capacity (st, key + 1, error);
  if (dd_jsmn_equal (st->text, k, "TableNames"))
    return read_table_names (st, key + 1, error);
  for (guint c = 0; c < G_N_ELEMENTS (continuation_names); c++)
    if (dd_jsmn_equal (st->text, k, continuation_names[c]))
      return read_continuation (st, continuation_names[c], key + 1, error);
  return TRUE;
}

static gboolean
read_page (ParseState *st,
           GError    **error)
{
  const jsmntok_t *root = &st->tokens[0];
  int j = 1;

  if (root->type != JSMN_OBJECT)
    return fail_at_token (st, root, "the page is not an object", error);
  for (int m = 0; m < root->size; m++)
    {
      if (!read_member (st, j, error))
        return FALSE;
      j = dd_jsmn_skip (st->tokens, st->n_tokens, j + 1);
    }
  return TRUE;
}

DdPage *
dd_page_parse_tokens (GBytes  *bytes,
                      GError **error)
{
  g_autofree jsmntok_t *tokens = NULL;
  g_autoptr(DdPage) page = NULL;
  ParseState st = { 0 };
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  st.text = g_bytes_get_data (bytes, &st.len);
  tokens = dd_page_syntax_read (st.text, st.len, &st.n_tokens, error);
  if (tokens == NULL)
    return NULL;
  st.tokens = tokens;

  page = dd_page_new_empty (bytes);
  st.page = page;
  st.scratch = g_string_new (NULL);
  dd_page_names_init (&st.names);
  ok = read_page (&st, error);
  dd_page_names_finish (&st.names, page);
  g_string_free (st.scratch, TRUE);
  if (!ok)
    return NULL;
  return g_steal_pointer (&page);
}

DdPage *
dd_page_parse (GBytes  *bytes,
               GError **error)
{
  DdPage *page;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The one-pass reader takes the pages it is sure of; anything else
   * (an error included) is read again by tokens, which tells why. */
  page = dd_page_fast_parse (bytes);
  if (page != NULL)
    return page;
  return dd_page_parse_tokens (bytes, error);
}

DdPage *
dd_page_new_truncated (DdPage *page,
                       guint   n_entries)
{
  DdPage *self;
  guint n_names = 0;

  g_return_val_if_fail (page != NULL, NULL);

  self = dd_page_new_empty (page->bytes);
  self->n_items = MIN (n_entries, page->n_items);
  self->items = g_memdup2 (page->items, sizeof (guint32) * 2 * self->n_items);
  /* Names are in first-seen order: those of the kept items are a prefix. */
  while (n_names < page->n_names && page->name_first_item[n_names] < self->n_items)
    n_names++;
  self->n_names = n_names;
  self->names = g_new0 (char *, n_names + 1);
  for (guint i = 0; i < n_names; i++)
    self->names[i] = g_strdup (page->names[i]);
  self->name_first_item = g_memdup2 (page->name_first_item, sizeof (guint32) * n_names);
  self->n_table_names = MIN (n_entries, page->n_table_names);
  if (page->table_names != NULL)
    {
      self->table_names = g_new0 (char *, self->n_table_names + 1);
      for (guint i = 0; i < self->n_table_names; i++)
        self->table_names[i] = g_strdup (page->table_names[i]);
    }
  self->count = page->count >= 0 ? (gint64) self->n_items : -1;
  self->scanned_count = page->scanned_count;
  self->capacity = page->capacity;
  self->has_capacity = page->has_capacity;
  return self;
}

/* Accessors ------------------------------------------------------------ */

GBytes *
dd_page_get_bytes (DdPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bytes;
}

guint
dd_page_get_n_items (DdPage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_items;
}

const char *
dd_page_get_item (DdPage *self,
                  guint   i,
                  gsize  *len)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_items, NULL);
  if (len != NULL)
    *len = self->items[2 * i + 1];
  return self->data + self->items[2 * i];
}

const char * const *
dd_page_get_attribute_names (DdPage *self,
                             guint  *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n != NULL)
    *n = self->n_names;
  return self->names != NULL ? (const char * const *) self->names : empty_strv;
}

gint64
dd_page_get_count (DdPage *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->count;
}

gint64
dd_page_get_scanned_count (DdPage *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->scanned_count;
}

gboolean
dd_page_get_consumed_capacity (DdPage *self,
                               double *units)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (units != NULL)
    *units = self->has_capacity ? self->capacity : 0.0;
  return self->has_capacity;
}

const char *
dd_page_get_continuation_name (DdPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->continuation_name;
}

const char *
dd_page_get_continuation (DdPage *self,
                          gsize  *len)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (len != NULL)
    *len = self->continuation_len;
  if (self->continuation_name == NULL)
    return NULL;
  return self->data + self->continuation_offset;
}

gboolean
dd_page_has_more (DdPage *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->continuation_name != NULL;
}

const char *
dd_page_get_continuation_string (DdPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->continuation_string;
}

const char * const *
dd_page_get_table_names (DdPage *self,
                         guint  *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n != NULL)
    *n = self->n_table_names;
  return self->table_names != NULL ? (const char * const *) self->table_names : empty_strv;
}

guint
dd_page_get_n_entries (DdPage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_items + self->n_table_names;
}
