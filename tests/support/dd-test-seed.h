/* dd-test-seed.h: what the tests of the seed's examples share.
 *
 * The examples are read from tests/data/seed/ (verbatim copies of the
 * seed's JSON) and build-aux/demo. dd_test_seed_start() starts a local
 * DynamoDB and a client on it; the calls below go through that client.
 * The tables the examples need are made on first use: Reply (with the
 * local index PostedBy-Index) and its items from build-aux/demo, with three
 * more replies from tests/data/seed/reply-more-items.json; Thread
 * (ForumName + Subject); USER_DETAILS_with_local from build-aux/demo; and
 * the corrected Create Table example, USER_FEE_LOCAL.
 */
#pragma once

#include <glib-object.h>

#include "dd-types.h"
#include "dd-operation.h"

G_BEGIN_DECLS

void               dd_test_seed_start      (void);
void               dd_test_seed_stop       (void);
DdClient          *dd_test_seed_client     (void);

/* Files: tests/data/seed/name, build-aux/demo/name. */
char              *dd_test_read_seed       (const char *name);
char              *dd_test_read_demo       (const char *name);
/* Text with old replaced; old must occur exactly once. */
char              *dd_test_replace_once    (const char *text,
                                            const char *old,
                                            const char *new);

/* JSON lookups on the raw token text, no number ever converted. Paths
 * are '.'-separated ("Item.USER_FEE.N", "Items.0"). dd_test_jget: a string
 * without its quotes, a number as its literal, a container as its span;
 * NULL when missing. dd_test_jsize: members or elements, -1 when missing. */
char              *dd_test_jget            (const char *text,
                                            const char *path);
gint               dd_test_jsize           (const char *text,
                                            const char *path);

#define dd_test_assert_jget(text, path, expected) \
  G_STMT_START { \
    g_autofree char *_v = dd_test_jget ((text), (path)); \
    g_assert_cmpstr (_v, ==, (expected)); \
  } G_STMT_END

/* Canonical form: no white space, object members sorted, the arrays under
 * a member named in set_keys sorted (sets), and numbers (number literals,
 * and the strings of "N" and "NS") by value. */
char              *dd_test_json_canon      (const char         *text,
                                            gssize              len,
                                            const char * const *set_keys);

/* The typed sets: "SS", "NS", "BS". */
extern const char * const dd_test_typed_sets[];

#define dd_test_assert_same_json(actual, expected, sets) \
  G_STMT_START { \
    g_autofree char *_a = dd_test_json_canon ((actual), -1, (sets)); \
    g_autofree char *_e = dd_test_json_canon ((expected), -1, (sets)); \
    g_assert_cmpstr (_a, ==, _e); \
  } G_STMT_END

/* Calls through the core, as the app makes them from the editor's text
 * and the Table dropdown. */
const DdOperation *dd_test_seed_op         (const char  *action);
GBytes            *dd_test_seed_build      (const char  *action,
                                            const char  *text,
                                            const char  *table);
char              *dd_test_seed_send       (const char  *action,
                                            GBytes      *body,
                                            GError     **error);
char              *dd_test_seed_run        (const char  *action,
                                            const char  *text,
                                            const char  *table,
                                            GError     **error);
char              *dd_test_seed_run_ok     (const char  *action,
                                            const char  *text,
                                            const char  *table);
/* A DD_ERROR_SERVICE error with this AWS code, HTTP 400 and the hint the
 * catalogue of hints has for the code. */
void               dd_test_assert_service_error (const GError *error,
                                                 const char   *aws_code);

/* The tables the examples need. */
void               dd_test_seed_ensure_reply_table  (void);
void               dd_test_seed_ensure_thread_table (void);
void               dd_test_seed_ensure_users_table  (void);
void               dd_test_seed_create_fee_table    (void);
gboolean           dd_test_seed_fee_table_created   (void);
/* Every reply the files put: ReplyDateTime -> the typed item. */
GHashTable        *dd_test_seed_expected_replies    (void);
/* One item read back by its key, consistently; the typed Item or NULL. */
char              *dd_test_seed_get_item   (const char *table,
                                            const char *plain_key);

/* Pages. */
char              *dd_test_page_item       (DdPage     *page,
                                            guint       i);
DdPage            *dd_test_parse_page      (const char *answer);
/* Every page of a request, page_cb (connected to DdPager::page with the
 * array as its data) adding what it collects of each page to the array
 * returned; n_pages (optional out) receives the count of pages. */
GPtrArray         *dd_test_seed_fetch_all  (const char *action,
                                            GBytes     *body,
                                            GCallback   page_cb,
                                            guint64    *n_pages);

G_END_DECLS
