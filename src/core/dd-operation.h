/* dd-operation.h: the catalogue of DynamoDB operations.
 *
 * One table for everything that differs between operations: its action,
 * label, CLI name, the editor template in the seed's syntax, which fields
 * hold attribute values (request and response, as dd-attr.h paths), and
 * how it paginates. The GUI's dropdown and the CLI both read it; no other
 * code switches on operations.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_OPERATION_FLAG_NONE       = 0,
  DD_OPERATION_FLAG_SEED       = 1 << 0, /* one of the nine operations of the seed */
  DD_OPERATION_FLAG_TAKES_TABLE = 1 << 1, /* has a TableName field */
  DD_OPERATION_FLAG_WRITES     = 1 << 2, /* changes data or tables */
  DD_OPERATION_FLAG_RETURNS_ITEMS = 1 << 3, /* its answer has Items (Scan, Query, ...) */
  DD_OPERATION_FLAG_MAY_BE_EMPTY = 1 << 4, /* needs no field but TableName: empty text means {} */
} DdOperationFlags;

struct _DdOperation
{
  const char         *action;          /* "GetItem" */
  const char         *label;           /* "Get Item", untranslated: dd_operation_get_label() translates */
  const char         *cli_name;        /* "get-item" */
  DdOperationFlags    flags;
  const char         *template_json;   /* the editor's starting text, seed syntax */
  const char * const *request_paths;   /* dd-attr paths of attribute values in the request */
  const char * const *response_paths;  /* ... and in the response */
  const char         *page_input_key;  /* "ExclusiveStartKey", "ExclusiveStartTableName", or NULL */
  const char         *page_output_key; /* "LastEvaluatedKey", "LastEvaluatedTableName", or NULL */
  const char         *page_limit_key;  /* "Limit" or NULL */
};

/* The catalogue: the nine seed operations first, in the seed's order, then
 * the others. n_operations (optional out) receives the count. */
const DdOperation *dd_operation_get_all         (guint      *n_operations);
const DdOperation *dd_operation_lookup_action   (const char *action);
const DdOperation *dd_operation_lookup_cli_name (const char *cli_name);
gboolean           dd_operation_is_paginated    (const DdOperation *op);
/* The label in the language of the user's locale (the catalogue's label is
 * the untranslated one, marked N_()). */
const char        *dd_operation_get_label       (const DdOperation *op);

/* For "call ACTION", any action by name. An action of the catalogue gives
 * its own entry. Any other action gives one generic entry whose action is
 * NULL (the caller sends its own action string) and whose paths cover every
 * field that commonly holds attribute values in DynamoDB's requests and
 * responses; it takes no table and does not paginate. NULL when action is
 * not an action name (letters and digits, starting with a letter). */
const DdOperation *dd_operation_for_raw_action  (const char *action);

G_END_DECLS
