/* dd-shared-closures.h: small pure presentation helpers.
 *
 * Labels from counts, validation of form fields, error locations. They
 * take plain values and return new strings (or a verdict with a reason),
 * so they are used from templates as closures and tested with case tables
 * (tests/ui/test-shared-closures.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1 item", "25 items" */
char       *dd_format_item_count         (guint64     n_items);
/* "850 ms", "1.25 s", "2 min 5 s" */
char       *dd_format_elapsed            (gint64      usec);
/* "3 items · 10 scanned · 0.5 capacity units · 12 ms"; scanned < 0 and
 * capacity NULL leave those parts out. */
char       *dd_format_status_line        (guint64     n_items,
                                          gint64      scanned,
                                          const char *capacity,
                                          gint64      usec);
/* A short form of a base64 value: "SGVsbG8gd29y… (11 bytes)". */
char       *dd_format_binary_short       (const char *base64);
/* "String", "Number", "Binary", "Boolean", "Null", "Map", "List",
 * "String Set", "Number Set", "Binary Set"; the code itself when unknown. */
const char *dd_attr_type_label           (const char *type_code);
/* What the sidebar shows under a source's name. */
char       *dd_format_source_subtitle    (const char *region,
                                          const char *endpoint,
                                          const char *auth_label);

/* Field checks for the connection dialog: TRUE, or FALSE with *reason (a
 * translated sentence) set. An empty value is the caller's business. */
gboolean    dd_validate_access_key_id    (const char  *text,
                                          const char **reason);
gboolean    dd_validate_role_arn         (const char  *text,
                                          const char **reason);
gboolean    dd_validate_endpoint_url     (const char  *text,
                                          const char **reason);
gboolean    dd_validate_region           (const char  *text,
                                          const char **reason);

/* Finds "line L, column C" (or json-glib's "<data>:L:C:") in an error
 * message; 1-based. */
gboolean    dd_parse_error_location      (const char  *message,
                                          guint       *line,
                                          guint       *column);

/* The message without its location prefix, for the label under the editor. */
char       *dd_strip_error_location      (const char  *message);

G_END_DECLS

G_BEGIN_DECLS

/* How a cell's value is shown. */
typedef enum
{
  DD_CELL_MISSING,   /* the item has no such attribute */
  DD_CELL_TEXT,      /* S */
  DD_CELL_NUMBER,    /* N: right-aligned, every digit */
  DD_CELL_BOOL,
  DD_CELL_NULL,
  DD_CELL_BINARY,    /* B: short base64 */
  DD_CELL_COMPOSITE, /* M, L, SS, NS, BS: compact JSON */
} DdCellKind;

/* Compares two DynamoDB number strings exactly (no double): <0, 0, >0.
 * Text that is not a number sorts before numbers. */
int         dd_number_compare            (const char  *a,
                                          const char  *b);

/* The one-line text of a value given as a type code and the descriptor's
 * scalar text (S, N, B, BOOL "true"/"false", NULL); composite values come
 * as their compact plain JSON. Long text is cut at max_chars with "…". */
char       *dd_format_cell               (const char  *type_code,
                                          const char  *text,
                                          guint        max_chars,
                                          DdCellKind  *kind);

G_END_DECLS

G_BEGIN_DECLS

/* Re-indents JSON text (two spaces) without reading its values, so every
 * number keeps its digits. Text that is not JSON is laid out as far as it
 * goes. */
char       *dd_json_reindent             (const char  *text,
                                          gssize       len);

G_END_DECLS

G_BEGIN_DECLS

/* The readable summary of a DescribeTable answer: titles and values
 * alternating (title, value, title, value, ...). Empty when the text is
 * not such an answer. */
GPtrArray  *dd_describe_table_summary    (const char  *json,
                                          gsize        len);

G_END_DECLS
