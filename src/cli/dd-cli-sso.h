/* dd-cli-sso.h: `dynamo-desk-cli sso ...`, IAM Identity Center sign-in
 * from a terminal. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv starts at "sso":
 *   sso login [--profile P]       sign in (device authorization): prints the
 *                                 address and code to approve, waits, and
 *                                 writes the token the AWS CLI shares
 *   sso accounts [--profile P]    the accounts the sign-in may use
 *   sso roles --account-id ID [--profile P]
 * The profile defaults to AWS_PROFILE, else "default". Returns a DdCliExit
 * code. */
int dd_cli_sso_main (int    argc,
                     char **argv);

G_END_DECLS
