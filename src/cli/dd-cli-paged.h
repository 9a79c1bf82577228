/* dd-cli-paged.h: dynamo-desk-cli --all: every page, streamed. */
#pragma once

#include "dd-cli-args.h"
#include "dd-client.h"
#include "dd-operation.h"

G_BEGIN_DECLS

/* Follows the pages of op (segments, max items as the arguments say) and
 * writes them as they arrive. Returns an exit code. */
int dd_cli_paged_run (const DdCliArgs   *args,
                      const DdOperation *op,
                      DdClient          *client,
                      GBytes            *body);

G_END_DECLS
