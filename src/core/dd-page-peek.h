/* dd-page-peek.h: the continuation of a result page, found before the
 * page is parsed.
 *
 * The pager sends the request for the next page as soon as a page's body
 * is in, while the page is still being parsed and checked. DynamoDB puts
 * LastEvaluatedKey after Items, so it is found by a structural pass that
 * follows the nesting without tokenizing (strings are skipped with memchr).
 * On a valid page it finds exactly the member dd_page_parse () takes; the
 * parse still checks the whole page, and the pager compares the two.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The continuation of the complete page text: the last member of the root
 * object named LastEvaluatedKey, LastEvaluatedTableName or NextToken (the
 * name compared byte for byte) whose value is not null. Returns FALSE when
 * text is not an object with balanced brackets and strings, so that no
 * continuation can be told; TRUE otherwise, with *name NULL when the page
 * has none, or *name the member's name (a static string) and the value's
 * raw JSON text at text + *offset, *len bytes long. */
gboolean dd_page_peek_continuation (const char  *text,
                                    gsize        len,
                                    const char **name,
                                    gsize       *offset,
                                    gsize       *value_len);

G_END_DECLS
