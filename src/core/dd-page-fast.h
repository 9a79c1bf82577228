/* dd-page-fast.h: what the page readers share, and the one-pass reader.
 *
 * Internal to the core (dd-page.c, dd-page-fast.c). A page is read in one
 * pass over its bytes (dd_page_fast_parse) when it is plain, valid JSON
 * of the expected shape; any page that pass is not sure of, an invalid one
 * included, is read again with jsmn and the syntax checks
 * (dd_page_parse_tokens), which refuse it with the position and reason, or
 * take it. The one-pass reader takes no page the token reader refuses, and
 * describes each page it takes as the token reader does.
 */
#pragma once

#include "dd-page.h"

G_BEGIN_DECLS

struct _DdPage
{
  gatomicrefcount  ref_count;
  GBytes          *bytes;
  const char      *data;
  guint32         *items;            /* offset, length pairs */
  guint            n_items;
  char           **names;            /* NULL-terminated, first-seen order */
  guint32         *name_first_item;  /* item where each name first appeared */
  guint            n_names;
  char           **table_names;      /* NULL-terminated */
  guint            n_table_names;
  gint64           count;
  gint64           scanned_count;
  double           capacity;
  gboolean         has_capacity;
  const char      *continuation_name;
  guint32          continuation_offset;
  guint32          continuation_len;
  char            *continuation_string;
  GString         *rendered;          /* see dd_page_set_rendered () */
  gconstpointer    rendered_for;
};

/* Attribute names while parsing: an open-addressing hash over the names. */
typedef struct
{
  GPtrArray *names;
  GArray    *lens;
  GArray    *first_item;
  guint32   *slots;        /* name index + 1, 0 when free */
  guint      mask;
} NameTable;

/* A page of bytes describing nothing yet (counts -1). */
DdPage *dd_page_new_empty     (GBytes     *bytes);

void    dd_page_names_init    (NameTable  *nt);
/* Adds the decoded name s (n bytes) first seen in item, unless known;
 * returns its index. */
guint   dd_page_names_add     (NameTable  *nt,
                               const char *s,
                               gsize       n,
                               guint32     item);
/* Gives the names to page and frees the rest of nt. */
void    dd_page_names_finish  (NameTable  *nt,
                               DdPage     *page);

/* The page read in one pass, or NULL when this pass cannot take it (it
 * sets no error: the token reader is then asked). */
DdPage *dd_page_fast_parse    (GBytes     *bytes);

/* The page read with jsmn and the syntax checks (dd-page-syntax.h). */
DdPage *dd_page_parse_tokens  (GBytes     *bytes,
                               GError    **error);

/* A member of an object: its name as in the text (with its quotes) and
 * its value's text. */
typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;
  gsize       value_len;
} DdPageMember;

/* The members of the JSON object text, in order, into members (of
 * DdPageMember); FALSE when the one pass is not sure of the text (invalid,
 * or what it leaves to the tokens): read it by tokens then. */
gboolean dd_page_fast_object_members (const char *text,
                                      gsize       len,
                                      GArray     *members);

G_END_DECLS
