/* dd-timing.h: a timeline of a paged read, for finding where it waits.
 *
 * With DD_TIMING set in the environment, each mark prints one line to
 * stderr: milliseconds since the first mark, the thread ("main" or
 * "pool"), the step and the segment and body it concerns. Without it a
 * mark costs one load and a branch.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean dd_timing_enabled (void);
void     dd_timing_print   (const char    *step,
                            int            seg,
                            gconstpointer  body);

#define dd_timing_mark(step, seg, body) \
  G_STMT_START { if (G_UNLIKELY (dd_timing_enabled ())) dd_timing_print ((step), (seg), (body)); } G_STMT_END

G_END_DECLS
