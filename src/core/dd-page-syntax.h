/* dd-page-syntax.h: the syntax pass over a result page.
 *
 * Internal to the core (dd-page.c).
 */
#pragma once

#include "dd-page-private.h"

G_BEGIN_DECLS

/* Tokenizes text and checks what jsmn leaves out: the separators, the
 * literals, control characters in strings, text after the page. Returns
 * the tokens (g_free) with *n_tokens set, or NULL with error. */
jsmntok_t *dd_page_syntax_read           (const char       *text,
                                          gsize             len,
                                          int              *n_tokens,
                                          GError          **error);

/* Sets error ("line L, column C: what") at token t of text; returns FALSE. */
gboolean   dd_page_syntax_fail_at_token  (const char       *text,
                                          const jsmntok_t  *t,
                                          const char       *what,
                                          GError          **error);

G_END_DECLS
