/* dd-page-peek.h: the continuation of a result page, found before the
 * page is parsed.
 *
 * The pager sends the request for the next page as soon as a page's body
 * is in, while the page is still being parsed and checked. DynamoDB puts
 * LastEvaluatedKey after Items, so it is found by a structural pass that
 * follows the nesting without tokenizing.
 * On a valid page it finds exactly the member dd_page_parse () takes; the
 * parse still checks the whole page, and the pager compares the two.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /* The last member of the root object named LastEvaluatedKey,
   * LastEvaluatedTableName or NextToken (the name compared byte for byte)
   * whose value is not null: its name (a static string) and its value's raw
   * JSON text at text + offset, len bytes long; name NULL when none. */
  const char *name;
  gsize       offset;
  gsize       len;
  /* The root's Count when it is a whole number, else -1; a hint only (the
   * parse checks it). */
  gint64      count;
} DdPagePeek;

/* Peeks at the complete page text. Returns FALSE when text is not an
 * object with balanced brackets and strings, so that no continuation can
 * be told (peek is then cleared: name NULL, count -1). */
gboolean dd_page_peek (const char *text,
                       gsize       len,
                       DdPagePeek *peek);

G_END_DECLS
