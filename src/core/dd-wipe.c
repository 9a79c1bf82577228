/* dd-wipe.c: freeing strings that held a secret. */
#define G_LOG_DOMAIN "dd-wipe"

#include "config.h"

#include <string.h>

#include "dd-wipe.h"

void
dd_wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}
