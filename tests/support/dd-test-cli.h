/* dd-test-cli.h: the command-line program ($DD_CLI) run from a test.
 *
 * Its standard input, output and error are pipes; the output is read
 * while this thread's main context runs, so that a fake or a proxy in the
 * test can serve the program meanwhile.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starts $DD_CLI with args (ended by NULL) through launcher (its working
 * folder and environment; NULL: a plain one). Fails the test when it
 * cannot start. */
GSubprocess *dd_test_cli_spawn       (GSubprocessLauncher *launcher,
                                      const char * const  *args);
/* Gives process stdin_text (NULL: nothing), reads all it prints (120 s at
 * most) into *out and *err (each nullable: not kept) and waits for its
 * end; fails the test when it did not exit normally. Its exit status. */
int          dd_test_cli_communicate (GSubprocess         *process,
                                      const char          *stdin_text,
                                      char               **out,
                                      char               **err);

G_END_DECLS
