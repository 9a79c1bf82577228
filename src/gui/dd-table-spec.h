/* dd-table-spec.h: what the create-table form holds, and the CreateTable
 * request it makes (pure, no widgets).
 *
 * AttributeDefinitions are derived: every key attribute of the table and
 * of its indexes, once, with its type.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  gboolean  global;          /* GSI; else LSI (same partition key as the table) */
  char     *partition_key;   /* GSI only */
  char     *partition_type;
  char     *sort_key;        /* NULL or "" for none */
  char     *sort_type;
  char     *projection;      /* "ALL", "KEYS_ONLY", "INCLUDE" */
  char    **non_key;         /* for INCLUDE */
  gint64    read_units;      /* GSI of a provisioned table */
  gint64    write_units;
} DdIndexSpec;

typedef struct
{
  char      *name;
  char      *partition_key;
  char      *partition_type; /* "S", "N", "B" */
  char      *sort_key;       /* NULL or "" for none */
  char      *sort_type;
  gboolean   provisioned;
  gint64     read_units;
  gint64     write_units;
  GPtrArray *indexes;        /* DdIndexSpec */
  char      *stream;         /* NULL: off; "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY" */
  GPtrArray *tags;           /* "key", "value", "key", "value"... */
} DdTableSpec;

DdTableSpec *dd_table_spec_new        (void);
void         dd_table_spec_free       (DdTableSpec       *spec);
DdIndexSpec *dd_index_spec_new        (gboolean           global);
void         dd_index_spec_free       (DdIndexSpec       *index);

/* The CreateTable request, indented JSON. */
char        *dd_table_spec_to_json    (const DdTableSpec *spec);
/* What the form can tell before anything is built (translated
 * sentences): a missing name, an attribute given two types, an index
 * without a name or a key, repeated index names, too many indexes. */
GPtrArray   *dd_table_spec_check      (const DdTableSpec *spec);
/* "k=v, k2=v2" -> tags; FALSE when a pair has no "=" or an empty key. */
gboolean     dd_table_spec_parse_tags (DdTableSpec       *spec,
                                       const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTableSpec, dd_table_spec_free)

G_END_DECLS
