/* dd-types.h: forward declarations and shared enums of the core.
 *
 * Every header of the core includes this one rather than each other.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DdClient              DdClient;
typedef struct _DdCredentials         DdCredentials;
typedef struct _DdCredentialsProvider DdCredentialsProvider;
typedef struct _DdOperation           DdOperation;
typedef struct _DdPage                DdPage;
typedef struct _DdPager               DdPager;
typedef struct _DdItemStore           DdItemStore;
typedef struct _DdSource              DdSource;
typedef struct _DdSourceStore         DdSourceStore;
typedef struct _DdQueryStore          DdQueryStore;

/* How a request's attribute values are to be read (DESIGN.md: a map is
 * typed only when all its values are type descriptors, unless forced). */
typedef enum
{
  DD_ATTR_READING_DETECT,
  DD_ATTR_READING_PLAIN,
  DD_ATTR_READING_TYPED,
} DdAttrReading;

G_END_DECLS
