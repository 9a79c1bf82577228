/* dd-page-fast.c: a result page read in one pass over its bytes.
 *
 * The grammar of RFC 8259 (whitespace, separators, literals, numbers,
 * escapes, UTF-8 inside strings, no control characters), checked while the
 * page is described: the items' slices and attribute names, the counts,
 * the consumed capacity, the continuation and the table names, as
 * dd-page.c reads them from jsmn's tokens. Strings are skipped 16 bytes at
 * a time up to the first quote, backslash, control or non-ASCII byte.
 * Whatever this pass is not sure of (an error, \u escapes of surrogates,
 * nesting deeper than MAX_DEPTH, a member of an unexpected type) makes it
 * give up, and the page is read by tokens (dd-page-fast.h).
 */
#define G_LOG_DOMAIN "dd-page"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dd-page-fast.h"

#define MAX_DEPTH 256
#define N_HINTS   64

typedef struct
{
  const char *text;
  const char *end;
  DdPage     *page;
  NameTable   names;
  GString    *scratch;
  /* The name index of each member place in the item before: items
   * mostly have the same names in the same order. */
  guint       hints[N_HINTS];
} Fast;

static const char * const continuation_names[] = {
  "LastEvaluatedKey", "LastEvaluatedTableName", "NextToken",
};

/* Scanning ------------------------------------------------------------- */

static inline const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* The first byte from p that is a quote, a backslash, a control byte or
 * not ASCII; end when none. */
static inline const char *
plain_run (const char *p,
           const char *end)
{
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8 ('"');
  const __m128i backslash = _mm_set1_epi8 ('\\');
  const __m128i space = _mm_set1_epi8 (0x20);

  /* Bytes from 0x80 up are negative: "less than a space" takes them too. */
  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, quote),
                                                _mm_cmpeq_epi8 (v, backslash)),
                                  _mm_cmplt_epi8 (v, space));
      int mask = _mm_movemask_epi8 (hit);

      if (mask != 0)
        return p + __builtin_ctz ((unsigned int) mask);
      p += 16;
    }
#endif
  while (p < end && (guchar) *p >= 0x20 && (guchar) *p < 0x80 && *p != '"' && *p != '\\')
    p++;
  return p;
}

/* An escape, p after its backslash; NULL when invalid or a surrogate. */
static const char *
scan_escape (const char *p,
             const char *end)
{
  guint v = 0;

  if (p >= end)
    return NULL;
  switch (*p)
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return p + 1;
    case 'u':
      break;
    default:
      return NULL;
    }
  if (end - p < 5)
    return NULL;
  for (int i = 1; i <= 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return NULL;
      v = v * 16 + (guint) d;
    }
  /* Halves of surrogate pairs, paired or not: the token reader's. */
  if (v >= 0xD800 && v <= 0xDFFF)
    return NULL;
  return p + 5;
}

/* A run of bytes from 0x80 up: it lies between ASCII bytes, so it is
 * valid UTF-8 alone exactly when the whole text is there. */
static const char *
scan_utf8 (const char *p,
           const char *end)
{
  const char *q = p;

  while (q < end && (guchar) *q >= 0x80)
    q++;
  return g_utf8_validate_len (p, (gsize) (q - p), NULL) ? q : NULL;
}

/* A string's contents, p after its opening quote: returns its closing
 * quote; *escaped set when it has an escape. */
static const char *
scan_string (const char *p,
             const char *end,
             gboolean   *escaped)
{
  for (;;)
    {
      p = plain_run (p, end);
      if (p >= end)
        return NULL;
      if (*p == '"')
        return p;
      if (*p == '\\')
        {
          *escaped = TRUE;
          p = scan_escape (p + 1, end);
        }
      else if ((guchar) *p >= 0x80)
        p = scan_utf8 (p, end);
      else
        return NULL;  /* a control character */
      if (p == NULL)
        return NULL;
    }
}

static const char *
scan_literal (const char *p,
              const char *end)
{
  gsize n = (gsize) (end - p);

  if (n >= 4 && (memcmp (p, "true", 4) == 0 || memcmp (p, "null", 4) == 0))
    return p + 4;
  if (n >= 5 && memcmp (p, "false", 5) == 0)
    return p + 5;
  return NULL;
}

static inline const char *
skip_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

static const char *
scan_number (const char *p,
             const char *end)
{
  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  p = *p == '0' ? p + 1 : skip_digits (p, end);
  if (p < end && *p == '.')
    {
      if (++p >= end || !g_ascii_isdigit (*p))
        return NULL;
      p = skip_digits (p, end);
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      p = skip_digits (p, end);
    }
  return p;
}

/* After a member or an element: ',' (*more set, whitespace skipped) or
 * the closer. */
static inline const char *
next_in (const char *p,
         const char *end,
         char        closer,
         gboolean   *more)
{
  p = skip_ws (p, end);
  if (p < end && *p == ',')
    {
      *more = TRUE;
      return skip_ws (p + 1, end);
    }
  *more = FALSE;
  return p < end && *p == closer ? p + 1 : NULL;
}

/* The opening of a container, p at opener: returns where its first
 * member or element begins, *more FALSE when it is empty (then returns
 * after it). */
static inline const char *
open_in (const char *p,
         const char *end,
         char        opener,
         gboolean   *more)
{
  if (p >= end || *p != opener)
    return NULL;
  p = skip_ws (p + 1, end);
  *more = !(p < end && *p == opener + 2);  /* '{' + 2 is '}', '[' + 2 is ']' */
  return *more ? p : p + 1;
}

/* A member's name and ':', p at the name's quote: returns its value's
 * first byte. */
static const char *
member_name (const char  *p,
             const char  *end,
             const char **name,
             gsize       *len,
             gboolean    *escaped)
{
  const char *q;

  if (p >= end || *p != '"')
    return NULL;
  *escaped = FALSE;
  if ((q = scan_string (p + 1, end, escaped)) == NULL)
    return NULL;
  *name = p + 1;
  *len = (gsize) (q - p - 1);
  q = skip_ws (q + 1, end);
  if (q >= end || *q != ':')
    return NULL;
  q = skip_ws (q + 1, end);
  return q < end ? q : NULL;
}

static const char *skip_value (const char *p,
                               const char *end,
                               int         depth);

static const char *
skip_object (const char *p,
             const char *end,
             int         depth)
{
  gboolean more = FALSE;

  p = open_in (p, end, '{', &more);
  while (more && p != NULL)
    {
      const char *name = NULL;
      gsize len = 0;
      gboolean escaped = FALSE;

      p = member_name (p, end, &name, &len, &escaped);
      if (p != NULL)
        p = skip_value (p, end, depth);
      if (p != NULL)
        p = next_in (p, end, '}', &more);
    }
  return p;
}

static const char *
skip_array (const char *p,
            const char *end,
            int         depth)
{
  gboolean more = FALSE;

  p = open_in (p, end, '[', &more);
  while (more && p != NULL)
    {
      p = skip_value (p, end, depth);
      if (p != NULL)
        p = next_in (p, end, ']', &more);
    }
  return p;
}

/* Any value, p at its first byte; depth is that of its container. */
static const char *
skip_value (const char *p,
            const char *end,
            int         depth)
{
  gboolean escaped = FALSE;

  if (p >= end)
    return NULL;
  switch (*p)
    {
    case '{':
      return depth < MAX_DEPTH ? skip_object (p, end, depth + 1) : NULL;
    case '[':
      return depth < MAX_DEPTH ? skip_array (p, end, depth + 1) : NULL;
    case '"':
      p = scan_string (p + 1, end, &escaped);
      return p != NULL ? p + 1 : NULL;
    case 't': case 'f': case 'n':
      return scan_literal (p, end);
    default:
      return scan_number (p, end);
    }
}

/* Members of the page -------------------------------------------------- */

static gboolean
is_primitive (const char *p)
{
  return *p != '{' && *p != '[' && *p != '"';
}

static char *
string_contents (const char *p,
                 const char *q)
{
  GString *s = g_string_sized_new ((gsize) (q - p) + 1);

  dd_page_append_unescaped (s, p, (gsize) (q - p));
  return g_string_free (s, FALSE);
}

/* The name of the member at place m of item: known when it is the one at
 * that place in the item before. */
static void
add_name (Fast       *f,
          const char *s,
          gsize       n,
          gboolean    escaped,
          guint32     item,
          guint       m)
{
  NameTable *nt = &f->names;
  guint hint = m < N_HINTS ? f->hints[m] : G_MAXUINT;

  if (!escaped && hint < nt->names->len && g_array_index (nt->lens, guint32, hint) == n
      && memcmp (g_ptr_array_index (nt->names, hint), s, n) == 0)
    return;
  if (escaped)
    {
      g_string_truncate (f->scratch, 0);
      dd_page_append_unescaped (f->scratch, s, n);
      s = f->scratch->str;
      n = f->scratch->len;
    }
  hint = dd_page_names_add (nt, s, n, item);
  if (m < N_HINTS)
    f->hints[m] = hint;
}

/* One item, p at its first byte: an object of attribute values (objects). */
static const char *
read_item (Fast       *f,
           const char *p,
           GArray     *items)
{
  const char *start = p;
  guint32 item = items->len / 2;
  gboolean more = FALSE;
  guint32 slice[2];
  guint m = 0;

  p = open_in (p, f->end, '{', &more);
  while (more && p != NULL)
    {
      const char *name = NULL;
      gsize len = 0;
      gboolean escaped = FALSE;

      p = member_name (p, f->end, &name, &len, &escaped);
      if (p == NULL || *p != '{')
        return NULL;
      add_name (f, name, len, escaped, item, m++);
      p = skip_object (p, f->end, 4);
      if (p != NULL)
        p = next_in (p, f->end, '}', &more);
    }
  if (p == NULL)
    return NULL;
  slice[0] = (guint32) (start - f->text);
  slice[1] = (guint32) (p - start);
  g_array_append_vals (items, slice, 2);
  return p;
}

static const char *
read_items (Fast       *f,
            const char *p)
{
  DdPage *page = f->page;
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1024);
  gboolean more = FALSE;

  p = open_in (p, f->end, '[', &more);
  while (more && p != NULL)
    {
      p = read_item (f, p, items);
      if (p != NULL)
        p = next_in (p, f->end, ']', &more);
    }
  if (p == NULL)
    return NULL;
  g_clear_pointer (&page->items, g_free);
  page->n_items = items->len / 2;
  page->items = g_new (guint32, items->len + 1);
  memcpy (page->items, items->data, sizeof (guint32) * items->len);
  return p;
}

static const char *
read_count (Fast       *f,
            const char *p,
            gint64     *out)
{
  const char *q;
  char buf[32];
  guint64 v = 0;

  if (!is_primitive (p) || (q = skip_value (p, f->end, 1)) == NULL
      || (gsize) (q - p) >= sizeof buf)
    return NULL;
  memcpy (buf, p, (gsize) (q - p));
  buf[q - p] = '\0';
  if (!g_ascii_string_to_unsigned (buf, 10, 0, G_MAXINT64, &v, NULL))
    return NULL;
  *out = (gint64) v;
  return q;
}

/* Adds the CapacityUnits of one ConsumedCapacity object, p at it. */
static const char *
add_capacity (Fast       *f,
              const char *p)
{
  gboolean more = FALSE;

  p = open_in (p, f->end, '{', &more);
  while (more && p != NULL)
    {
      const char *name = NULL;
      gsize len = 0;
      gboolean escaped = FALSE;

      if ((p = member_name (p, f->end, &name, &len, &escaped)) == NULL)
        return NULL;
      if (len == 13 && memcmp (name, "CapacityUnits", 13) == 0 && is_primitive (p))
        {
          f->page->capacity += g_ascii_strtod (p, NULL);
          f->page->has_capacity = TRUE;
        }
      p = skip_value (p, f->end, 3);
      if (p != NULL)
        p = next_in (p, f->end, '}', &more);
    }
  return p;
}

static const char *
read_capacity (Fast       *f,
               const char *p)
{
  gboolean more = FALSE;

  if (*p == '{')
    return add_capacity (f, p);
  p = open_in (p, f->end, '[', &more);
  while (more && p != NULL)
    {
      p = p < f->end && *p == '{' ? add_capacity (f, p) : skip_value (p, f->end, 2);
      if (p != NULL)
        p = next_in (p, f->end, ']', &more);
    }
  return p;
}

static const char *
read_continuation (Fast       *f,
                   guint       which,
                   const char *p)
{
  DdPage *page = f->page;
  gboolean want_object = which == 0;
  const char *q;

  if (*p == 'n')
    return scan_literal (p, f->end);  /* null: no continuation */
  if (*p != (want_object ? '{' : '"') || (q = skip_value (p, f->end, 1)) == NULL)
    return NULL;
  page->continuation_name = continuation_names[which];
  page->continuation_offset = (guint32) (p - f->text);
  page->continuation_len = (guint32) (q - p);
  g_clear_pointer (&page->continuation_string, g_free);
  if (!want_object)
    page->continuation_string = string_contents (p + 1, q - 1);
  return q;
}

static const char *
read_table_names (Fast       *f,
                  const char *p)
{
  DdPage *page = f->page;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean more = FALSE;

  p = open_in (p, f->end, '[', &more);
  while (more && p != NULL)
    {
      gboolean escaped = FALSE;
      const char *q;

      if (p >= f->end || *p != '"' || (q = scan_string (p + 1, f->end, &escaped)) == NULL)
        return NULL;
      g_ptr_array_add (names, string_contents (p + 1, q));
      p = next_in (q + 1, f->end, ']', &more);
    }
  if (p == NULL)
    return NULL;
  g_strfreev (page->table_names);
  page->n_table_names = names->len;
  g_ptr_array_add (names, NULL);
  page->table_names = (char **) g_ptr_array_steal (names, NULL);
  return p;
}

static gboolean
key_is (const char *key,
        gsize       n,
        const char *s)
{
  return strlen (s) == n && memcmp (key, s, n) == 0;
}

/* A member of the page, its name compared byte for byte as it is in the
 * text; p at its value. */
static const char *
read_member (Fast       *f,
             const char *key,
             gsize       n,
             const char *p)
{
  if (key_is (key, n, "Items"))
    return read_items (f, p);
  if (key_is (key, n, "Count"))
    return read_count (f, p, &f->page->count);
  if (key_is (key, n, "ScannedCount"))
    return read_count (f, p, &f->page->scanned_count);
  if (key_is (key, n, "ConsumedCapacity"))
    return read_capacity (f, p);
  if (key_is (key, n, "TableNames"))
    return read_table_names (f, p);
  for (guint c = 0; c < G_N_ELEMENTS (continuation_names); c++)
    if (key_is (key, n, continuation_names[c]))
      return read_continuation (f, c, p);
  return skip_value (p, f->end, 1);
}

static gboolean
read_root (Fast *f)
{
  const char *p = skip_ws (f->text, f->end);
  gboolean more = FALSE;

  p = open_in (p, f->end, '{', &more);
  while (more && p != NULL)
    {
      const char *key = NULL;
      gsize n = 0;
      gboolean escaped = FALSE;

      p = member_name (p, f->end, &key, &n, &escaped);
      if (p != NULL)
        p = read_member (f, key, n, p);
      if (p != NULL)
        p = next_in (p, f->end, '}', &more);
    }
  return p != NULL && skip_ws (p, f->end) == f->end;
}

DdPage *
dd_page_fast_parse (GBytes *bytes)
{
  g_autoptr(DdPage) page = NULL;
  Fast f = { 0 };
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);

  f.text = g_bytes_get_data (bytes, &len);
  if (len == 0 || len >= G_MAXINT32)
    return NULL;
  f.end = f.text + len;
  page = dd_page_new_empty (bytes);
  f.page = page;
  f.scratch = g_string_new (NULL);
  for (guint m = 0; m < N_HINTS; m++)
    f.hints[m] = G_MAXUINT;
  dd_page_names_init (&f.names);
  ok = read_root (&f);
  dd_page_names_finish (&f.names, page);
  g_string_free (f.scratch, TRUE);
  return ok ? g_steal_pointer (&page) : NULL;
}

/* Members of one object, for the writers ------------------------------- */

gboolean
dd_page_fast_object_members (const char *text,
                             gsize       len,
                             GArray     *members)
{
  const char *end = text + len;
  const char *p = skip_ws (text, end);
  gboolean more = FALSE;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (members != NULL, FALSE);

  g_array_set_size (members, 0);
  p = open_in (p, end, '{', &more);
  while (more && p != NULL)
    {
      DdPageMember m;
      gboolean escaped = FALSE;

      m.name = p;
      if ((p = member_name (p, end, &m.name, &m.name_len, &escaped)) == NULL)
        return FALSE;
      /* The name with its quotes. */
      m.name--;
      m.name_len += 2;
      m.value = p;
      if ((p = skip_value (p, end, 1)) == NULL)
        return FALSE;
      m.value_len = (gsize) (p - m.value);
      g_array_append_val (members, m);
      p = next_in (p, end, '}', &more);
    }
  return p != NULL && skip_ws (p, end) == end;
}
