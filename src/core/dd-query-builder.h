/* dd-query-builder.h: the Query and Scan forms' requests, without GTK.
 *
 * A DdQuerySpec is what a form holds: table, index, partition key value,
 * sort key condition, filter rows, projection, limit, consistent read.
 * dd_query_spec_to_json() writes the request DynamoDB takes, every
 * attribute name behind a #n placeholder (reserved words are then never a
 * problem) and every value behind a :v placeholder, typed (numbers keep
 * their text). Reading a request back into a spec is dd-query-parse.h.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_QUERY_KIND_QUERY,
  DD_QUERY_KIND_SCAN,
} DdQueryKind;

typedef enum
{
  DD_QUERY_OP_NONE,                 /* no sort key condition */
  DD_QUERY_OP_EQ,                   /* = */
  DD_QUERY_OP_NE,                   /* <> (filters only) */
  DD_QUERY_OP_LT,
  DD_QUERY_OP_LE,
  DD_QUERY_OP_GT,
  DD_QUERY_OP_GE,
  DD_QUERY_OP_BETWEEN,              /* two values */
  DD_QUERY_OP_BEGINS_WITH,
  /* filters only: */
  DD_QUERY_OP_CONTAINS,
  DD_QUERY_OP_EXISTS,               /* attribute_exists: no value */
  DD_QUERY_OP_NOT_EXISTS,           /* attribute_not_exists: no value */
  DD_QUERY_OP_TYPE,                 /* attribute_type: the value is a type name (S, N, M...) */
  DD_QUERY_OP_IN,                   /* one value or more */
  DD_QUERY_OP_SIZE,                 /* size(name) size_op value (a number) */
} DdQueryOp;

/* One condition: name op value(s). type is the values' DynamoDB type
 * ("S", "N", "B", "BOOL", "NULL"); values has 1 entry, 2 for BETWEEN,
 * 1 or more for IN, none for EXISTS and NOT_EXISTS. */
typedef struct
{
  char      *name;
  DdQueryOp  op;
  DdQueryOp  size_op;  /* for DD_QUERY_OP_SIZE: EQ, NE, LT, LE, GT, GE or BETWEEN */
  char      *type;
  GStrv      values;
} DdQueryCondition;

typedef struct
{
  DdQueryKind       kind;
  char             *table;
  char             *index;        /* NULL: the table itself */
  DdQueryCondition  partition;    /* Query: op EQ */
  DdQueryCondition  sort;         /* Query: op NONE, or EQ..BEGINS_WITH */
  GPtrArray        *filters;      /* of DdQueryCondition * */
  GStrv             projection;   /* NULL or empty: every attribute */
  char             *limit;        /* NULL or "": no limit; else a positive integer */
  gboolean          consistent_read;
} DdQuerySpec;

DdQuerySpec      *dd_query_spec_new           (DdQueryKind        kind);
void              dd_query_spec_free          (DdQuerySpec       *spec);
DdQueryCondition *dd_query_condition_new      (const char        *name,
                                               DdQueryOp          op,
                                               const char        *type,
                                               const char * const *values);
void              dd_query_condition_free     (DdQueryCondition  *condition);
void              dd_query_condition_set      (DdQueryCondition  *condition,
                                               const char        *name,
                                               DdQueryOp          op,
                                               const char        *type,
                                               const char * const *values);
void              dd_query_condition_clear    (DdQueryCondition  *condition);

/* The request as indented JSON. Errors (DD_ERROR_INVALID_INPUT), each
 * naming the field: no table; a Query without a partition key name or
 * value; a condition without a name, or with the wrong number of values;
 * a value that is not of its type (a number DynamoDB cannot hold, base64
 * that is not, a BOOL that is not true or false); an operator a sort key
 * cannot take; a limit that is not a positive integer. */
char             *dd_query_spec_to_json       (const DdQuerySpec *spec,
                                               GError           **error);

/* The operator's text in an expression ("<=", "BETWEEN", "begins_with",
 * "attribute_exists"...), and back; the label a form shows. */
const char       *dd_query_op_to_string       (DdQueryOp          op);
DdQueryOp         dd_query_op_from_string     (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdQuerySpec, dd_query_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdQueryCondition, dd_query_condition_free)

G_END_DECLS
