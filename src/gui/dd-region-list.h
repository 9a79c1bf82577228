/* dd-region-list.h: the Region field: an entry row that takes any region
 * typed in, with a searchable list of the AWS regions beside it. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code; /* "eu-west-1" */
  const char *name; /* "Europe (Ireland)" */
} DdRegion;

/* Every AWS region DynamoDB runs in; n (optional out) gets the count. */
const DdRegion *dd_region_list_get_regions (guint *n);

#define DD_TYPE_REGION_LIST (dd_region_list_get_type ())

G_DECLARE_FINAL_TYPE (DdRegionList, dd_region_list, DD, REGION_LIST, AdwEntryRow)

GtkWidget *dd_region_list_new        (void);
/* The list's search text, and how many regions it shows. */
void       dd_region_list_set_search (DdRegionList *self,
                                      const char   *text);
guint      dd_region_list_get_n_shown (DdRegionList *self);
/* Picks the n-th region shown (as a click on it would). */
void       dd_region_list_pick       (DdRegionList *self,
                                      guint         position);

G_END_DECLS
