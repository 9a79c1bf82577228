/* dd-window-items-private.h: what the files of the window's item and
 * table actions share. */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-item-editor.h"
#include "dd-journal.h"
#include "dd-json.h"
#include "dd-window-items.h"
#include "dd-window-private.h"

G_BEGIN_DECLS

/* A table's key schema and its DescribeTable answer. */
typedef struct
{
  gatomicrefcount ref;
  char          **key_names;  /* partition, then sort key */
  char          **key_types;
  char           *describe;   /* the DescribeTable answer */
} TableInfo;

typedef struct _Job Job;
typedef void (*JobFunc) (Job *job);

/* One action on its way: then() owns the job once called. */
struct _Job
{
  DdWindow     *window;
  DdSource     *source;
  char         *table;
  DdClient     *client;
  TableInfo    *info;
  JobFunc       then;
  char         *item;    /* an item (typed text) */
  GPtrArray    *items;   /* items of rows (typed text) */
  char         *target;  /* another table */
  DdItemEditor *editor;
  Job          *origin;  /* the job waiting for this one */
  GtkWidget    *dialog;  /* weak: the dialog that asked */
  gboolean      skip_describe;
  gboolean      check;
  guint         write_id; /* the write quitting waits for (dd-application.h) */
};

typedef struct
{
  GHashTable     *journals;        /* source id -> DdJournal */
  GHashTable     *tables;          /* "source id\ntable" -> TableInfo */
  GCancellable   *cancellable;
  DdItemEditor   *editor;          /* weak */
  GtkWidget      *dialog;          /* weak */
  GtkWidget      *journal_view;    /* weak */
  GtkWidget      *overview;        /* weak */
  DdSource       *watched;         /* weak: the source whose read-only mark is followed */
  DdJournalEntry *undo_entry;      /* the last write, for Ctrl+Z */
  char           *undo_group;      /* or the last bulk action's journal group */
  char           *undo_source_id;
  char           *message;
  guint64         progress_done;
  guint64         progress_total;
  guint           progress_updates;
  guint           busy : 1;
} Items;

Items    *_dd_window_items               (DdWindow   *self);
const char *_items_message_of            (DdWindow   *self);
void      _dd_window_items_say           (DdWindow   *self,
                                          const char *message);
/* Says that a write may already have been made (DD_ERROR_MAYBE_APPLIED),
 * with a Reload button that runs the query again. */
void      _dd_window_items_say_maybe_applied (DdWindow     *self,
                                              const char   *table,
                                              const GError *error);
void      _dd_window_items_set_dialog    (DdWindow   *self,
                                          GtkWidget  *dialog);
void      _dd_window_items_set_busy      (DdWindow   *self,
                                          gboolean    busy);
void      _dd_window_items_forget_table  (DdWindow   *self,
                                          DdSource   *source,
                                          const char *table);
void      _dd_table_info_unref           (TableInfo  *info);

Job      *_dd_job_new                    (DdWindow   *self,
                                          DdSource   *source,
                                          const char *table,
                                          JobFunc     then);
void      _dd_job_start                  (Job        *job);
void      _dd_job_fail                   (Job        *job,
                                          const GError *error);
void      _dd_job_free                   (Job        *job);
/* The job's write is in flight until the job is freed: quitting waits for
 * it or, on Quit Anyway, cancels cancellable. */
void      _dd_job_hold_write             (Job          *job,
                                          GCancellable *cancellable);
GBytes   *_dd_json_body                  (const char *format,
                                          ...);

DdSource *_dd_window_results_source      (DdWindow   *self);
GArray   *_dd_window_selected_rows       (DdWindow   *self);
Job      *_dd_window_rows_job            (DdWindow   *self,
                                          GArray     *rows,
                                          JobFunc     then);

void      _dd_window_items_free          (gpointer    items);

/* dd-window-items-edit.c: the two writers; both refuse a read-only source. */
typedef struct _DdSafeWrite DdSafeWrite;
typedef struct _DdBatchWriter DdBatchWriter;
DdSafeWrite   *_dd_safe_writer           (Job        *job);
DdBatchWriter *_dd_batch_writer          (Job        *job,
                                          const char *table,
                                          TableInfo  *info);

void      _dd_window_items_open_editor   (DdWindow   *self,
                                          Job        *job,
                                          const char *loaded,
                                          const char *template_item);
void      _dd_window_items_remember_undo (DdWindow       *self,
                                          DdSource       *source,
                                          DdJournalEntry *entry,
                                          const char     *message);
void      _dd_window_items_undo          (DdWindow       *self,
                                          DdSource       *source,
                                          DdJournalEntry *entry);
/* The last action was a bulk one: its journal group is what Ctrl+Z and
 * the toast undo. */
void      _dd_window_items_remember_group_undo (DdWindow   *self,
                                          DdSource       *source,
                                          const char     *group,
                                          const char     *message);
/* dd-window-items-bulk.c: undoes a group (entries, or read by group id
 * from source's journal); runs a writer over job->items with progress. */
void      _dd_window_items_undo_group    (DdWindow       *self,
                                          DdSource       *source,
                                          const char     *group,
                                          GPtrArray      *entries);
void      _dd_window_items_run_bulk      (Job            *job,
                                          DdBatchWriter  *writer,
                                          gboolean        copy,
                                          const char     *note);

/* dd-window-items-bulk.c, dd-window-tables.c */
void      _dd_window_class_items_bulk_init (GtkWidgetClass *widget_class);
void      _dd_window_class_items_copy_init (GtkWidgetClass *widget_class);
void      _dd_window_class_tables_init   (GtkWidgetClass *widget_class);
void      _dd_window_items_show_overview (DdWindow   *self,
                                          DdSource   *source,
                                          const char *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, _dd_job_free)

G_END_DECLS
