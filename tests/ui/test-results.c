/* test-results.c: results at scale in the real window, on a virtual
 * display.
 *
 * - 100,000 items, fed to the window's results as synthetic pages of
 *   1,000 (loading that many through the local DynamoDB would take
 *   minutes), scrolled through programmatically with the frame clock's
 *   timings recorded (worst and median frame), and filtered with the time
 *   each filter takes measured.
 * - Against the local DynamoDB: a table of varied items written with
 *   BatchWriteItem through DdClient, scanned in the window (the question
 *   before a full Scan answered), the cap on items held, Fetch until N
 *   with a filter, a parallel Scan; exported from the loaded results and
 *   from all pages to each format, plain and typed, and compared byte for
 *   byte with the CLI's output; an export cancelled half way that leaves
 *   no file; a JSON Lines file imported into a table and found by a Scan.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>
#include <time.h>

#include "dd-cell.h"
#include "dd-client.h"
#include "dd-export-dialog.h"
#include "dd-import-dialog.h"
#include "dd-page.h"
#include "dd-query-editor.h"
#include "dd-results-format.h"
#include "dd-results-view.h"
#include "dd-sidebar.h"
#include "dd-test-dynamo.h"
#include "dd-test-ui.h"
#include "dd-window.h"

#define N_BIG 100000
#define N_ITEMS 1500

static struct
{
  DdTestDynamo  *dynamo;
  DdClient      *client;
  DdSourceStore *sources;
  DdQueryStore  *queries;
  DdWindow      *window;
  GSettings     *settings;
  char          *dir;
} fx;

/* Helpers ------------------------------------------------------------------ */

static DdResultsView *
results (void)
{
  return DD_RESULTS_VIEW (dd_window_get_results (fx.window));
}

static DdResultModel *
model (void)
{
  return dd_results_view_get_model (results ());
}

static DdQueryEditor *
editor (void)
{
  return DD_QUERY_EDITOR (dd_window_get_editor (fx.window));
}

static guint
n_rows (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model ()));
}

static gboolean
not_busy (gpointer data)
{
  return !dd_window_get_busy (fx.window);
}

static void
activate (GtkWidget  *widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
}

static GtkWindow *found;

static gboolean
toplevel_shown (gpointer type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  found = NULL;
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, GPOINTER_TO_SIZE (type)) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found != NULL;
}

static gpointer
wait_for_toplevel (GType       type,
                   const char *what)
{
  dd_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), what);
  return found;
}

/* Answers the question before a full read, after checking it tells the
 * cost; returns its body. */
static char *
answer_question (const char *response)
{
  AdwMessageDialog *question = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question before a full read");
  char *body = g_strdup (adw_message_dialog_get_body (question));

  /* as a click on its button does: respond, then close */
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
  dd_test_spin (20);
  return body;
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* A request through DdClient, waited for; it must succeed. */
static GBytes *
call (const char *action,
      const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GAsyncResult) result = NULL;
  GBytes *response;

  dd_client_call_async (fx.client, action, request, NULL, call_cb, &result);
  dd_test_wait_until (is_set, &result, action);
  response = dd_client_call_finish (fx.client, result, &error);
  g_assert_no_error (error);
  return response;
}

/* Item i of the exported table: strings with commas, quotes and new lines,
 * numbers past a double's digits, binary, booleans, null, lists, maps and
 * sets, and attributes only some items have. */
static void
append_item (GString *out,
             guint    i)
{
  g_string_append_printf (out, "{\"id\":{\"S\":\"item-%05u\"},\"n\":{\"N\":\"%u\"}", i, i % 97);
  g_string_append_printf (out, ",\"text\":{\"S\":\"line %u, \\\"quoted\\\"\\nnext\"}", i);
  g_string_append_printf (out, ",\"big\":{\"N\":\"1234567890123456789012345678901234567%u\"}", i % 10);
  if (i % 3 == 0)
    g_string_append (out, ",\"bin\":{\"B\":\"AAEC/w==\"},\"ok\":{\"BOOL\":true},\"none\":{\"NULL\":true}");
  if (i % 5 == 0)
    g_string_append_printf (out, ",\"doc\":{\"M\":{\"a\":{\"L\":[{\"N\":\"%u\"},{\"S\":\"x\"}]}}}"
                            ",\"tags\":{\"SS\":[\"red\",\"blue\"]}", i);
  g_string_append_c (out, '}');
}

static void
write_items (const char *table,
             guint       first,
             guint       n)
{
  for (guint i = first; i < first + n; i += 25)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GBytes) response = NULL;

      g_string_printf (body, "{\"RequestItems\":{\"%s\":[", table);
      for (guint j = i; j < MIN (i + 25, first + n); j++)
        {
          if (j > i)
            g_string_append_c (body, ',');
          g_string_append (body, "{\"PutRequest\":{\"Item\":");
          append_item (body, j);
          g_string_append (body, "}}");
        }
      g_string_append (body, "]}}");
      response = call ("BatchWriteItem", body->str);
      g_assert_null (strstr (g_bytes_get_data (response, NULL), "\"UnprocessedItems\":{\""));
    }
}

static void
create_table (const char *name)
{
  g_autofree char *body = g_strdup_printf (
    "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}", name);
  g_autoptr(GBytes) response = call ("CreateTable", body);
}

static gboolean
table_chosen (gpointer data)
{
  dd_query_editor_set_table (editor (), data);
  return g_strcmp0 (dd_query_editor_get_table (editor ()), data) == 0;
}

/* Runs a Scan (or another request) from the editor and waits for the
 * first page. */
static void
run (const char *action,
     const char *table,
     const char *text)
{
  g_assert_true (dd_query_editor_set_operation (editor (), action));
  dd_test_wait_until (table_chosen, (gpointer) table, table);
  dd_query_editor_set_text (editor (), text);
  activate (GTK_WIDGET (fx.window), "win.run");
  dd_test_wait_until (not_busy, NULL, action);
  if (g_strcmp0 (dd_results_view_get_state (results ()), "results") != 0)
    g_error ("%s failed: %s", action, dd_results_view_get_status (results ()));
}

static void
fetch_all (void)
{
  g_autofree char *body = NULL;

  activate (GTK_WIDGET (fx.window), "win.fetch-all");
  body = answer_question ("read");
  g_assert_nonnull (strstr (body, "read capacity units"));
  dd_test_wait_until (not_busy, NULL, "Fetch All");
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Pure helpers --------------------------------------------------------------- */

static void
test_format (void)
{
  const struct { guint64 size; const char *units; } cases[] = {
    { 0, "0" }, { 1, "0.5" }, { 4096, "0.5" }, { 4097, "1" }, { 8192, "1" },
    { 10 * 1024 * 1024, "1280" }, { G_GUINT64_CONSTANT (1099511627776), "134217728" },
    { G_GUINT64_CONSTANT (1099511627777), "134217728.5" },
  };
  const char *describe = "{\"Table\":{\"TableName\":\"T\",\"TableSizeBytes\":123456789,\"ItemCount\":4242}}";
  guint64 size = 0, count = 0;
  g_autofree char *estimate = NULL;
  g_autofree char *progress = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *units = dd_format_read_capacity (cases[i].size);
      g_assert_cmpstr (units, ==, cases[i].units);
    }
  g_assert_true (dd_describe_table_size (describe, strlen (describe), &size, &count));
  g_assert_cmpuint (size, ==, 123456789);
  g_assert_cmpuint (count, ==, 4242);
  estimate = dd_format_read_estimate (size, count);
  g_assert_false (dd_describe_table_size ("{\"Table\":{}}", 12, &size, &count));
  g_test_message ("%s", estimate);
  g_assert_nonnull (strstr (estimate, "4242 items"));
  g_assert_nonnull (strstr (estimate, "15070.5 read capacity units"));
  g_assert_cmpuint (dd_rate_per_second (5000, 2 * G_USEC_PER_SEC), ==, 2500);
  g_assert_cmpuint (dd_rate_per_second (5000, 0), ==, 0);
  progress = dd_format_fetch_progress (12345, 25, 3 * G_USEC_PER_SEC, 120.5);
  g_assert_cmpstr (progress, ==, "Fetching… 12345 items · 25 pages · 4115 items/s · 120.5 RCU");
}

/* 100,000 items: scrolling and filtering --------------------------------------- */

static DdPage *
synthetic_page (guint first,
                guint n)
{
  GString *text = g_string_new ("{\"Items\":[");
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = first; i < first + n; i++)
    {
      if (i > first)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "{\"pk\":{\"S\":\"user#%06u\"},\"name\":{\"S\":\"item %06u\"},"
                              "\"price\":{\"N\":\"%u.%02u\"}", i, i, i % 1000, i % 100);
      if (i % 7 == 0)
        g_string_append_printf (text, ",\"tag\":{\"SS\":[\"t%u\"]}", i % 13);
      g_string_append_c (text, '}');
    }
  g_string_append_printf (text, "],\"Count\":%u,\"ScannedCount\":%u}", n, n);
  bytes = g_string_free_to_bytes (text);
  return dd_page_parse (bytes, NULL);
}

static void
load_big (void)
{
  const char *keys[] = { "pk", NULL };
  gint64 start = g_get_monotonic_time ();

  dd_result_model_clear (model ());
  dd_results_view_show_items (results (), model ());
  dd_results_view_set_key_names (results (), keys);
  for (guint first = 0; first < N_BIG; first += 1000)
    {
      g_autoptr(DdPage) page = synthetic_page (first, 1000);

      g_assert_nonnull (page);
      dd_result_model_append_page (model (), page);
      dd_results_view_refresh (results ());
    }
  g_test_message ("100000 items in 100 pages into the view: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (n_rows (), ==, N_BIG);
  dd_results_view_set_view (results (), "table");
}

typedef struct
{
  GtkAdjustment *adjustment;
  GArray        *intervals;  /* double ms between frames */
  GArray        *work;       /* double ms from before-paint to after-paint */
  GArray        *layout;     /* double ms from before-paint to the end of layout */
  gint64         last_frame;
  gint64         paint_start;
  guint          frames;
  guint          n_frames;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *scroll = data;
  double upper = gtk_adjustment_get_upper (scroll->adjustment);
  double page = gtk_adjustment_get_page_size (scroll->adjustment);
  gint64 now = g_get_monotonic_time ();

  if (scroll->last_frame != 0)
    {
      double ms = (now - scroll->last_frame) / 1000.0;
      g_array_append_val (scroll->intervals, ms);
    }
  scroll->last_frame = now;
  /* through the whole list, each frame showing rows not bound before */
  gtk_adjustment_set_value (scroll->adjustment, (upper - page) * scroll->frames / (scroll->n_frames - 1));
  scroll->frames++;
  return scroll->frames < scroll->n_frames ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Scroll        *scroll)
{
  scroll->paint_start = g_get_monotonic_time ();
}

/* connected after GTK's own handler: the rows are laid out (and bound) */
static void
layout_done_cb (GdkFrameClock *clock,
                Scroll        *scroll)
{
  double ms;

  if (scroll->paint_start == 0)
    return;
  ms = (g_get_monotonic_time () - scroll->paint_start) / 1000.0;
  g_array_append_val (scroll->layout, ms);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Scroll        *scroll)
{
  double ms;

  if (scroll->paint_start == 0)
    return;
  ms = (g_get_monotonic_time () - scroll->paint_start) / 1000.0;
  g_array_append_val (scroll->work, ms);
  scroll->paint_start = 0;
}

static gboolean
scroll_done (gpointer data)
{
  Scroll *scroll = data;

  return scroll->frames >= scroll->n_frames;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *values,
        double     *median,
        double     *worst)
{
  g_array_sort (values, compare_double);
  *median = g_array_index (values, double, values->len / 2);
  *worst = g_array_index (values, double, values->len - 1);
  g_test_message ("%s over %u frames: median %.2f ms, worst %.2f ms", what, values->len, *median, *worst);
}

static gboolean
is_laid_out (gpointer data)
{
  return gtk_adjustment_get_upper (data) > 100000.0;
}

static void
test_scroll_100k (void)
{
  GtkColumnView *table = dd_results_view_get_table_view (results ());
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (table));
  Scroll scroll = { 0 };
  GdkFrameClock *clock;
  guint parsed;
  double median, worst;

  load_big ();
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  scroll.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (table));
  /* on a busy machine the first layout may take longer than a fixed wait */
  dd_test_wait_until (is_laid_out, scroll.adjustment, "the table laid out");
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll.adjustment), >, 100000.0);
  scroll.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.work = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.layout = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.n_frames = 240;
  parsed = dd_result_model_get_parse_count (model ());
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (table));
  g_assert_nonnull (clock);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &scroll);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_done_cb), &scroll);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &scroll);
  gtk_widget_add_tick_callback (GTK_WIDGET (table), scroll_tick_cb, &scroll, NULL);
  dd_test_wait_until (scroll_done, &scroll, "the scroll through 100000 rows");
  dd_test_spin (50);
  g_signal_handlers_disconnect_by_data (clock, &scroll);

  /* the end of the list is shown; the cells were read in place, no item
   * parsed whole */
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll.adjustment), >=,
                     gtk_adjustment_get_upper (scroll.adjustment) - gtk_adjustment_get_page_size (scroll.adjustment) - 1);
  g_assert_cmpuint (dd_result_model_get_parse_count (model ()), ==, parsed);

  /* Times are reported, never asserted (a virtual display on a shared
   * machine, or a sanitizer build); what is asserted is that scrolling
   * parsed only the rows shown (above). */
  report ("frame interval while scrolling 100000 rows", scroll.intervals, &median, &worst);
  report ("layout and paint while scrolling 100000 rows", scroll.work, &median, &worst);
  report ("layout (rows bound) while scrolling 100000 rows", scroll.layout, &median, &worst);

  /* the store's share of a frame: the cells of a screenful of rows read
   * from it, at the same 240 places */
  {
    g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (double));
    const char *columns[] = { "pk", "name", "price", "tag" };

    for (guint frame = 0; frame < 240; frame++)
      {
        guint first = (guint) ((guint64) (N_BIG - 30) * frame / 239);
        gint64 start = g_get_monotonic_time ();
        double ms;

        for (guint row = first; row < first + 30; row++)
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            {
              DdCellKind kind;
              g_autofree char *text = dd_result_model_get_cell (model (), dd_result_model_get_index (model (), row),
                                                                columns[c], &kind);
            }
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (reads, ms);
      }
    report ("reading 30 rows x 4 cells from the store", reads, &median, &worst);
  }
  g_array_unref (scroll.intervals);
  g_array_unref (scroll.work);
  g_array_unref (scroll.layout);
}

/* The main thread's CPU time in µs: the machine may be shared, and the
 * wall time then counts other processes' turns too. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *n)
{
  (*n)++;
}

typedef struct
{
  gint64 wall;
  gint64 cpu;
} Painted;

static void
painted_cb (GdkFrameClock *clock,
            Painted       *painted)
{
  if (painted->wall != 0)
    return;
  painted->wall = g_get_monotonic_time ();
  painted->cpu = thread_cpu_us ();
}

static gboolean
is_painted (gpointer data)
{
  return ((Painted *) data)->wall != 0;
}

/* The main thread's CPU time of each frame (from the frame clock's
 * before-paint to its after-paint) while the table catches up with a filter. */
typedef struct
{
  gint64 start;
  guint  n;
  double first;
  double worst_later;
  guint  caught_up_at; /* the frame the table had every row, + 1 */
} Frames;

static void
frame_start_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->start = thread_cpu_us ();
}

static void
frame_end_cb (GdkFrameClock *clock,
              Frames        *frames)
{
  double ms;

  if (frames->start == 0)
    return;
  ms = (thread_cpu_us () - frames->start) / 1000.0;
  frames->start = 0;
  if (frames->n++ == 0)
    frames->first = ms;
  else
    frames->worst_later = MAX (frames->worst_later, ms);
}

/* The table's model holds as many rows as the filter, two frames on. */
static gboolean
table_caught_up (gpointer data)
{
  Frames *frames = data;
  GtkColumnView *table = dd_results_view_get_table_view (results ());
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (table));
  DdResultFilter *filter = dd_results_view_get_filter (results ());

  if (g_list_model_get_n_items (shown) != g_list_model_get_n_items (G_LIST_MODEL (filter)))
    {
      frames->caught_up_at = 0;
      return FALSE;
    }
  if (frames->caught_up_at == 0)
    frames->caught_up_at = frames->n + 1;
  gtk_widget_queue_draw (GTK_WIDGET (table));
  return frames->n > frames->caught_up_at + 1;
}

static void
collect_pk_cells (GtkWidget  *widget,
                   GHashTable *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (DD_IS_CELL (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "dd-column"), "pk") == 0)
        g_hash_table_add (texts, g_strdup (dd_cell_get_text (DD_CELL (child))));
      collect_pk_cells (child, texts);
    }
}

/* The cell of a column that shows text, or NULL. */
static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *column,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell;

      if (DD_IS_CELL (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "dd-column"), column) == 0
          && g_strcmp0 (dd_cell_get_text (DD_CELL (child)), text) == 0)
        return child;
      if ((cell = find_cell (child, column, text)) != NULL)
        return cell;
    }
  return NULL;
}

/* The cells in the table show the filter's first rows, none left from
 * the rows before: the pk of each row the table keeps is one of the
 * first rows', and the first row's is there. */
static void
check_cells_shown (void)
{
  GtkWidget *table = GTK_WIDGET (dd_results_view_get_table_view (results ()));
  GListModel *filter = G_LIST_MODEL (dd_results_view_get_filter (results ()));
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (filter);
  GHashTableIter iter;
  gpointer text;

  collect_pk_cells (table, shown);
  g_assert_cmpuint (g_hash_table_size (shown), >, 0);
  /* the screen is full: as many rows as fit in the table, or every match */
  {
    g_autoptr(DdResultRow) row = g_list_model_get_item (filter, 0);
    g_autofree char *pk = dd_result_model_get_cell (model (), dd_result_row_get_index (row), "pk", NULL);
    GtkWidget *cell = find_cell (table, "pk", pk);
    /* the row: the cell's grandparent in GTK 4.8's column view */
    int row_height = cell != NULL ? gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (cell))) : 0;

    g_assert_cmpint (row_height, >, 0);
    g_assert_cmpuint (g_hash_table_size (shown), >=, MIN (n, (guint) (gtk_widget_get_height (table) / row_height) - 1));
  }
  g_assert_cmpuint (g_hash_table_size (shown), <=, MIN (n, 300));
  for (guint i = 0; i < MIN (n, g_hash_table_size (shown) + 10); i++)
    {
      g_autoptr(DdResultRow) row = g_list_model_get_item (filter, i);

      g_hash_table_add (first, dd_result_model_get_cell (model (), dd_result_row_get_index (row), "pk", NULL));
    }
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &text, NULL))
    if (!g_hash_table_contains (first, text))
      g_error ("a cell shows %s, not one of the first %u matching rows", (char *) text, g_hash_table_size (first));
  {
    g_autoptr(DdResultRow) row = g_list_model_get_item (filter, 0);
    g_autofree char *pk = dd_result_model_get_cell (model (), dd_result_row_get_index (row), "pk", NULL);

    g_assert_true (g_hash_table_contains (shown, pk));
  }
}

static void
text_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* A right click on a cell (the table's one gesture for the secondary
 * button, told a press where the cell is), then "Copy Value". */
static char *
right_click_copy_value (GtkWidget *cell)
{
  GtkWidget *table = GTK_WIDGET (dd_results_view_get_table_view (results ()));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (table);
  GtkGesture *menu = NULL;
  graphene_point_t point;
  char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        menu = GTK_GESTURE (controller);
    }
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_compute_point (cell, table,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (cell) / 2.0f,
                                                                 gtk_widget_get_height (cell) / 2.0f),
                                           &point));
  g_signal_emit_by_name (menu, "pressed", 1, (double) point.x, (double) point.y);
  activate (GTK_WIDGET (results ()), "results.copy-value");
  /* the menu popped up by the press, closed as a choice in it does */
  {
    gboolean popped = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (results ())); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_visible (child))
        {
          popped = TRUE;
          gtk_popover_popdown (GTK_POPOVER (child));
        }
    g_assert_true (popped);
  }
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (table), NULL, text_read_cb, &text);
  dd_test_wait_until (is_set, &text, "the clipboard");
  return text;
}

/* Sets the filter text and measures: the store alone over every item,
 * the answer in the view (the filter's model and the table taking the
 * rows: the main thread's CPU time, as a shared machine inflates the
 * wall time) and until the next frame is painted. Checks that the table
 * asked for at most a few hundred rows, not for each match, and that the
 * cells show the new rows. made: the rows the table asked for anew. */
static guint
timed_filter (const char *expression,
              double     *ms,
              guint      *made)
{
  DdResultFilter *filter = dd_results_view_get_filter (results ());
  GtkWidget *table = GTK_WIDGET (dd_results_view_get_table_view (results ()));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (table);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GArray) positions = NULL;
  guint asked = dd_result_filter_get_n_asked (filter), n_changes = 0;
  guint before = g_list_model_get_n_items (G_LIST_MODEL (filter)), n;
  double store_ms, view_ms, cpu_ms;
  Painted painted = { 0 };
  Frames frames = { 0 };
  gint64 cpu;
  gulong id, counter, frame_start, frame_end;

  positions = dd_item_store_filter (dd_result_model_get_store (model ()), expression, NULL);
  store_ms = (g_get_monotonic_time () - start) / 1000.0;
  dd_test_spin (20);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  counter = g_signal_connect (filter, "items-changed", G_CALLBACK (count_cb), &n_changes);
  frame_start = g_signal_connect (clock, "before-paint", G_CALLBACK (frame_start_cb), &frames);
  frame_end = g_signal_connect_after (clock, "after-paint", G_CALLBACK (frame_end_cb), &frames);
  start = g_get_monotonic_time ();
  cpu = thread_cpu_us ();
  dd_results_view_set_filter_text (results (), expression);
  view_ms = (g_get_monotonic_time () - start) / 1000.0;
  cpu_ms = (thread_cpu_us () - cpu) / 1000.0;
  *ms = cpu_ms;
  g_signal_handler_disconnect (filter, counter);
  gtk_widget_queue_draw (table);
  dd_test_wait_until (is_painted, &painted, "the frame after the filter");
  g_signal_handler_disconnect (clock, id);
  *made = dd_result_filter_get_n_asked (filter) - asked;
  if (g_list_model_get_n_items (G_LIST_MODEL (filter)) > 0)
    check_cells_shown ();
  dd_test_wait_until (table_caught_up, &frames, "the table caught up with the filter");
  g_signal_handler_disconnect (clock, frame_start);
  g_signal_handler_disconnect (clock, frame_end);
  n = g_list_model_get_n_items (G_LIST_MODEL (filter));
  g_test_message ("filter '%s' over 100000 items (%u rows before, %u after): the store alone %.2f ms; "
                  "in the view CPU %.2f ms (wall %.2f ms, %u items-changed, %u rows made); "
                  "until the next frame painted CPU %.2f ms, wall %.2f ms; "
                  "frames: first %.2f ms CPU, worst of the %u after it %.2f ms; rows made in all %u",
                  expression, before, n, store_ms, cpu_ms, view_ms, n_changes, *made,
                  (painted.cpu - cpu) / 1000.0, (painted.wall - start) / 1000.0,
                  frames.first, frames.n > 0 ? frames.n - 1 : 0, frames.worst_later,
                  dd_result_filter_get_n_asked (filter) - asked);
  g_assert_cmpuint (dd_result_filter_get_n_asked (filter) - asked, <, 500);
  if (n > 0)
    check_cells_shown ();
  return n;
}

/* The items of the 100,000 with a value that contains needle (digits). */
static guint
count_with_text (const char *needle)
{
  guint count = 0;

  for (guint i = 0; i < N_BIG; i++)
    {
      char pk[32], name[32], price[32], tag[16];

      g_snprintf (pk, sizeof pk, "user#%06u", i);
      g_snprintf (name, sizeof name, "item %06u", i);
      g_snprintf (price, sizeof price, "%u.%02u", i % 1000, i % 100);
      g_snprintf (tag, sizeof tag, "t%u", i % 13);
      count += strstr (pk, needle) != NULL || strstr (name, needle) != NULL || strstr (price, needle) != NULL
               || (i % 7 == 0 && strstr (tag, needle) != NULL);
    }
  return count;
}

/* The table's model: what the selection model it shows holds. */
static GListModel *
table_rows (void)
{
  GtkColumnView *table = dd_results_view_get_table_view (results ());

  return gtk_multi_selection_get_model (GTK_MULTI_SELECTION (gtk_column_view_get_model (table)));
}

static gboolean
frame_painted (gpointer data)
{
  return *(guint *) data > 0;
}

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *n)
{
  (*n)++;
}

/* Sets the filter and waits for the next frame painted. */
static void
filter_one_frame (const char *expression)
{
  GtkWidget *table = GTK_WIDGET (dd_results_view_get_table_view (results ()));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (table);
  guint n = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &n);

  dd_results_view_set_filter_text (results (), expression);
  gtk_widget_queue_draw (table);
  dd_test_wait_until (frame_painted, &n, "the frame after the filter");
  g_signal_handler_disconnect (clock, id);
}

/* The table holds the filter's rows, in its order. */
static void
check_caught_up (void)
{
  GListModel *filter = G_LIST_MODEL (dd_results_view_get_filter (results ()));
  GListModel *rows = table_rows ();
  Frames frames = { 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (dd_results_view_get_table_view (results ())));
  gulong start = g_signal_connect (clock, "before-paint", G_CALLBACK (frame_start_cb), &frames);
  gulong end = g_signal_connect_after (clock, "after-paint", G_CALLBACK (frame_end_cb), &frames);

  dd_test_wait_until (table_caught_up, &frames, "the table caught up with the filter");
  g_signal_handler_disconnect (clock, start);
  g_signal_handler_disconnect (clock, end);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, g_list_model_get_n_items (filter));
  for (guint i = 0; i < MIN (g_list_model_get_n_items (filter), 300); i++)
    {
      g_autoptr(DdResultRow) a = g_list_model_get_item (filter, i);
      g_autoptr(DdResultRow) b = g_list_model_get_item (rows, i);

      g_assert_cmpuint (dd_result_row_get_index (a), ==, dd_result_row_get_index (b));
    }
  check_cells_shown ();
}

static guint
count_text (const char *haystack,
            const char *needle)
{
  guint n = 0;

  for (const char *at = haystack; at != NULL && (at = strstr (at, needle)) != NULL; at += strlen (needle))
    n++;
  return n;
}

/* A filter that changes how many rows GTK keeps widgets for is given to
 * the table a step a frame: the first frame shows the right rows, the
 * table catches up with the filter, and a new filter while it does ends
 * with the new filter's rows. The rows past the filter's end the table
 * still has are neither shown nor copied. */
static void
test_filter_steps (void)
{
  GListModel *filter;
  GtkSelectionModel *shown;
  guint n_4242 = count_with_text ("4242"), n_424 = count_with_text ("424");

  if (n_rows () != N_BIG)
    load_big ();
  filter = G_LIST_MODEL (dd_results_view_get_filter (results ()));
  shown = gtk_column_view_get_model (dd_results_view_get_table_view (results ()));
  dd_results_view_set_filter_text (results (), "");
  check_caught_up ();

  /* fewer rows: the table keeps its rows past the 20 matches a while */
  filter_one_frame ("4242");
  g_assert_cmpuint (g_list_model_get_n_items (filter), ==, n_4242);
  g_assert_cmpuint (g_list_model_get_n_items (table_rows ()), >, n_4242);
  check_cells_shown ();
  dd_test_ui_shoot (GTK_WIDGET (results ()), "results-filter-first-frame");
  /* selecting every row copies the matches only */
  gtk_selection_model_select_all (shown);
  {
    g_autofree char *json = dd_results_view_dup_selection_json (results ());

    g_assert_cmpuint (count_text (json, "\"pk\""), ==, n_4242);
  }
  check_caught_up ();

  /* more rows: the first frame shows a screen of them, the rest follow */
  filter_one_frame ("");
  g_assert_cmpuint (g_list_model_get_n_items (filter), ==, N_BIG);
  g_assert_cmpuint (g_list_model_get_n_items (table_rows ()), <, N_BIG);
  check_cells_shown ();
  check_caught_up ();

  /* a new filter while catching up, each way */
  filter_one_frame ("4242");
  g_assert_cmpuint (g_list_model_get_n_items (table_rows ()), >, n_4242);
  filter_one_frame ("424");
  check_cells_shown ();
  check_caught_up ();
  g_assert_cmpuint (g_list_model_get_n_items (table_rows ()), ==, n_424);
  filter_one_frame ("");
  g_assert_cmpuint (g_list_model_get_n_items (table_rows ()), <, N_BIG);
  filter_one_frame ("4242");
  check_cells_shown ();
  check_caught_up ();
  g_assert_cmpuint (g_list_model_get_n_items (table_rows ()), ==, n_4242);
  dd_results_view_set_filter_text (results (), "");
  check_caught_up ();
}

static void
test_filter_100k (void)
{
  GtkColumnView *table = dd_results_view_get_table_view (results ());
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (table));
  GtkSelectionModel *shown;
  guint expensive = 0, tagged = 0, made;
  double ms, worst = 0;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  const char *typed[] = { "4", "42", "424", "4242" };

  if (n_rows () != N_BIG)
    load_big ();
  dd_results_view_set_filter_text (results (), "");
  shown = gtk_column_view_get_model (table);
  g_assert_cmpuint (n_rows (), ==, N_BIG);
  for (guint i = 0; i < N_BIG; i++)
    {
      expensive += i % 1000 > 990 || (i % 1000 == 990 && i % 100 > 0);
      tagged += i % 7 == 0;
    }

  /* the table may be at the end (after the scroll): it goes back to the
   * top, where GTK moves the rows it keeps, asking for their items */
  g_assert_cmpuint (timed_filter ("price > 990", &ms, &made), ==, expensive);
  worst = MAX (worst, ms);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  /* from many rows to many: the rows the table keeps are given their new
   * items, none made anew; nothing stays selected; back at the top */
  gtk_selection_model_select_range (shown, 1, 3, TRUE);
  gtk_adjustment_set_value (adjustment, 120);
  dd_test_spin (20);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpuint (timed_filter ("exists(tag)", &ms, &made), ==, tagged);
  worst = MAX (worst, ms);
  g_assert_cmpuint (made, ==, 0);
  selected = gtk_selection_model_get_selection (shown);
  g_assert_true (gtk_bitset_is_empty (selected));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_cmpuint (timed_filter ("pk = \"user#004242\"", &ms, &made), ==, 1);
  worst = MAX (worst, ms);
  /* text anywhere, without case */
  g_assert_cmpuint (timed_filter ("ITEM 004242", &ms, &made), ==, 1);
  worst = MAX (worst, ms);
  g_assert_cmpuint (timed_filter ("", &ms, &made), ==, N_BIG);
  worst = MAX (worst, ms);
  /* typing: each text narrows the one before */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_assert_cmpuint (timed_filter (typed[i], &ms, &made), ==, count_with_text (typed[i]));
      worst = MAX (worst, ms);
    }
  /* the table shows the matching rows */
  dd_test_ui_shoot (GTK_WIDGET (results ()), "results-filtered");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, count_with_text ("4242"));
  first = g_list_model_get_item (G_LIST_MODEL (shown), 0);
  {
    g_autofree char *pk = dd_result_model_get_cell (model (), dd_result_row_get_index (DD_RESULT_ROW (first)),
                                                    "pk", NULL);
    g_assert_cmpstr (pk, ==, "user#004242");
  }
  /* a right click on a cell of a row given its item in place: the menu
   * is about that row */
  {
    GtkWidget *cell = find_cell (GTK_WIDGET (table), "name", "item 014242");
    g_autofree char *copied = NULL;

    g_assert_nonnull (cell);
    copied = right_click_copy_value (cell);
    g_assert_cmpstr (copied, ==, "item 014242");
  }
  /* an incomplete comparison is refused and leaves the rows */
  dd_results_view_set_filter_text (results (), "price >");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, count_with_text ("4242"));
  g_assert_cmpuint (timed_filter ("", &ms, &made), ==, N_BIG);
  worst = MAX (worst, ms);
  g_test_message ("worst filter CPU time in the view over 100000 items: %.2f ms", worst);
}


static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DD_IS_CELL (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (cells, child);
      collect_cells (child, cells);
    }
}

/* The table's cells: each shows its value (numbers at the end, in
 * figures of one width; null and binary dimmed), and all are one line of
 * the font high, whatever their text, as a label of that font is. */
static void
test_cells (void)
{
  GtkWidget *table = GTK_WIDGET (dd_results_view_get_table_view (results ()));
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autofree char *item = NULL;
  GtkWidget *number, *null, *binary, *text, *missing, *label;
  int height, label_height;

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "a long text that the cell ellipsizes ");
  item = g_strdup_printf ("{\"pk\":{\"S\":\"cell-a\"},\"n\":{\"N\":\"-12.50\"},\"z\":{\"NULL\":true},"
                          "\"b\":{\"B\":\"AAEC\"},\"t\":{\"S\":\"%s\"}}", long_text->str);
  dd_result_model_clear (model ());
  dd_results_view_show_items (results (), model ());
  dd_result_model_append_text (model (), item, -1);
  dd_result_model_append_text (model (), "{\"pk\":{\"S\":\"cell-b\"}}", -1);
  dd_results_view_refresh (results ());
  dd_results_view_set_view (results (), "table");
  dd_test_spin (100);

  number = find_cell (table, "n", "-12.50");
  g_assert_nonnull (number);
  g_assert_true (dd_cell_get_numeric (DD_CELL (number)));
  g_assert_true (gtk_widget_has_css_class (number, "number-cell"));
  g_assert_false (gtk_widget_has_css_class (number, "dim-label"));
  {
    g_autofree char *shown = dd_result_model_get_cell (model (), 0, "z", NULL);

    null = find_cell (table, "z", shown);
    g_assert_nonnull (null);
    g_assert_true (gtk_widget_has_css_class (null, "dim-label"));
  }
  {
    g_autofree char *shown = dd_result_model_get_cell (model (), 0, "b", NULL);

    binary = find_cell (table, "b", shown);
    g_assert_nonnull (binary);
  }
  g_assert_true (gtk_widget_has_css_class (binary, "dim-label"));
  {
    g_autofree char *shown = dd_result_model_get_cell (model (), 0, "t", NULL);

    g_assert_true (g_str_has_prefix (shown, "a long text that the cell ellipsizes a long"));
    text = find_cell (table, "t", shown);
    g_assert_nonnull (text);
  }
  g_assert_false (dd_cell_get_numeric (DD_CELL (text)));
  g_assert_false (gtk_widget_has_css_class (text, "dim-label"));
  /* the second item has no n: an empty cell, not a number */
  missing = find_cell (table, "n", "");
  g_assert_nonnull (missing);
  g_assert_false (dd_cell_get_numeric (DD_CELL (missing)));

  /* one height for all, that of a line of a label in the same place */
  height = dd_cell_get_line_height (DD_CELL (number));
  g_assert_cmpint (height, >, 0);
  collect_cells (table, cells);
  g_assert_cmpuint (cells->len, >=, 2 * 5);
  for (guint i = 0; i < cells->len; i++)
    {
      int minimum, natural;

      gtk_widget_measure (g_ptr_array_index (cells, i), GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (natural, ==, height);
      g_assert_cmpint (gtk_widget_get_height (g_ptr_array_index (cells, i)), ==, height);
    }
  label = gtk_label_new ("user#004242 -12.50");
  gtk_widget_insert_after (label, gtk_widget_get_parent (number), number);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &label_height, NULL, NULL);
  gtk_widget_unparent (label);
  g_assert_cmpint (height, ==, label_height);
  dd_test_ui_shoot (GTK_WIDGET (results ()), "results-cells");
  dd_result_model_clear (model ());
  dd_results_view_show_items (results (), model ());
}

static gboolean
not_sorting (gpointer data)
{
  return !dd_item_store_get_sorting (data);
}

/* A click on a column header over 100,000 items sorts in a worker thread:
 * the table answers at once, tells that it sorts, then shows the order. */
static void
test_sort_100k (void)
{
  GtkColumnView *table = dd_results_view_get_table_view (results ());
  DdItemStore *store;
  GListModel *columns = gtk_column_view_get_columns (table);
  g_autoptr(GtkColumnViewColumn) price = NULL;
  g_autoptr(DdResultRow) first = NULL;
  g_autofree char *text = NULL;
  gint64 start;
  double ms;

  if (n_rows () != N_BIG)
    load_big ();
  dd_results_view_set_filter_text (results (), "");
  store = dd_result_model_get_store (model ());
  for (guint i = 0; price == NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "dd-column"), "price") == 0)
        price = g_steal_pointer (&column);
    }
  g_assert_nonnull (price);
  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (table, price, GTK_SORT_DESCENDING);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_true (dd_item_store_get_sorting (store));
  g_assert_cmpstr (dd_results_view_get_sort_note (results ()), ==, "Sorting the 100000 loaded items…");
  dd_test_wait_until (not_sorting, store, "the sort in a thread");
  g_test_message ("sort by price over 100000 items: the click answered in %.2f ms, sorted after %.1f ms",
                  ms, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpstr (dd_item_store_get_sort_attribute (store), ==, "price");
  first = g_list_model_get_item (G_LIST_MODEL (dd_results_view_get_filter (results ())), 0);
  text = dd_result_model_get_cell (model (), dd_result_row_get_index (first), "price", NULL);
  g_assert_cmpstr (text, ==, "999.99");
  gtk_column_view_sort_by_column (table, NULL, GTK_SORT_ASCENDING);
  g_assert_null (dd_item_store_get_sort_attribute (store));
}

/* Against the local DynamoDB ------------------------------------------------------ */

static void
test_add_source (void)
{
  g_autoptr(DdSource) source = dd_source_new ("Local");
  g_autoptr(GError) error = NULL;

  dd_source_set_region (source, "us-east-1");
  dd_source_set_endpoint (source, dd_test_dynamo_get_endpoint (fx.dynamo));
  dd_source_set_access_key_id (source, "AKIALOCALDYNAMODB000");
  dd_source_set_secrets (source, "local-secret", NULL);
  g_assert_true (dd_source_store_add (fx.sources, source, &error));
  g_assert_no_error (error);
  g_assert_true (dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)),
                                           dd_source_get_id (source)));
}

static gboolean
keys_known (gpointer data)
{
  return dd_result_model_is_key (model (), "id");
}

/* The whole table through the window: a Scan of 200 a page, Fetch All
 * after the question. */
static void
scan_exported (void)
{
  g_settings_set_int (fx.settings, "scan-segments", 1);
  run ("Scan", "Exported", "{ \"TableName\": \"Exported\", \"Limit\": 200 }");
  g_assert_cmpuint (n_rows (), ==, 200);
  dd_test_wait_until (keys_known, NULL, "the key attributes");
  fetch_all ();
  g_assert_cmpuint (n_rows (), ==, N_ITEMS);
}

static void
test_cap_and_fetch_until (void)
{
  g_autofree char *status = NULL;

  /* the cap on items held: fetching stops there and says so */
  g_settings_set_uint (fx.settings, "results-max-items", 1000);
  run ("Scan", "Exported", "{ \"TableName\": \"Exported\", \"Limit\": 300 }");
  fetch_all ();
  g_assert_cmpuint (n_rows (), ==, 1000);
  g_assert_true (dd_item_store_get_cap_reached (dd_result_model_get_store (model ())));
  g_assert_nonnull (strstr (dd_results_view_get_status (results ()), "Limit reached"));
  g_settings_reset (fx.settings, "results-max-items");

  /* fetch until N matching items of a filtered Scan: n = 0 is 16 of the
   * 1500 items, so pages are read until 10 more have matched */
  run ("Scan", "Exported", "{ \"TableName\": \"Exported\", \"Limit\": 100,"
       " \"FilterExpression\": \"n = :zero\", \"ExpressionAttributeValues\": { \":zero\": 0 },"
       " \"ReturnConsumedCapacity\": \"TOTAL\" }");
  g_assert_cmpuint (n_rows (), <, 10);
  g_settings_set_uint (fx.settings, "fetch-until-count", 10);
  activate (GTK_WIDGET (fx.window), "win.fetch-until");
  g_assert_true (dd_window_get_busy (fx.window));
  dd_test_wait_until (not_busy, NULL, "Fetch until 10 items");
  g_assert_cmpuint (n_rows (), >=, 10);
  g_assert_cmpuint (n_rows (), <, 16);
  status = g_strdup (dd_results_view_get_status (results ()));
  /* ScannedCount and the capacity show beside Count */
  g_assert_nonnull (strstr (status, "scanned"));
  g_assert_nonnull (strstr (status, "capacity units"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (editor ())));
  for (guint i = 0; i < n_rows (); i++)
    {
      g_autofree char *n = dd_result_model_get_cell (model (), dd_result_model_get_index (model (), i), "n", NULL);
      g_assert_cmpstr (n, ==, "0");
    }
}

static void
test_parallel_scan (void)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

  g_settings_set_int (fx.settings, "scan-segments", 4);
  run ("Scan", "Exported", "{ \"TableName\": \"Exported\", \"Limit\": 150 }");
  fetch_all ();
  g_settings_reset (fx.settings, "scan-segments");
  g_assert_cmpuint (n_rows (), ==, N_ITEMS);
  /* every item once */
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *id = dd_result_model_get_cell (model (), i, "id", NULL);
      guint number = (guint) g_ascii_strtoull (id + 5, NULL, 10);

      g_array_append_val (ids, number);
    }
  g_array_sort (ids, compare_uint);
  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_cmpuint (g_array_index (ids, guint, i), ==, i);
}

static gboolean
scan_shown (gpointer data)
{
  return !dd_window_get_busy (fx.window) && g_strcmp0 (dd_results_view_get_state (results ()), "results") == 0;
}

/* Empty results, then Run with the editor's Scan: no answer is waited for. */
static void
start_scan (const char *text)
{
  dd_result_model_clear (model ());
  dd_results_view_show_empty (results ());
  g_assert_true (dd_query_editor_set_operation (editor (), "Scan"));
  dd_test_wait_until (table_chosen, (gpointer) "Exported", "Exported");
  dd_query_editor_set_text (editor (), text);
  activate (GTK_WIDGET (fx.window), "win.run");
}

/* Cancel in the question sends nothing: the results stay empty. */
static void
scan_cancelled (const char *text,
                const char *expected)
{
  g_autofree char *body = NULL;

  start_scan (text);
  body = answer_question ("cancel");
  g_assert_nonnull (strstr (body, "no Limit"));
  g_assert_nonnull (strstr (body, "Exported"));
  g_assert_nonnull (strstr (body, expected));
  dd_test_spin (300);
  g_assert_false (dd_window_get_busy (fx.window));
  g_assert_cmpstr (dd_results_view_get_state (results ()), ==, "empty");
  g_assert_cmpuint (n_rows (), ==, 0);
}

/* dynalite gives TableSizeBytes 0 for every table, so the threshold is 1
 * byte for "below it" and 0 for "at or above it". */
static void
test_scan_question (void)
{
  g_autofree char *body = NULL;

  /* below the threshold: no question, the Scan runs */
  g_settings_set_uint64 (fx.settings, "scan-confirm-bytes", 1);
  start_scan ("{ \"TableName\": \"Exported\" }");
  dd_test_wait_until (scan_shown, NULL, "a Scan below the threshold");
  g_assert_false (toplevel_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_cmpuint (n_rows (), >, 0);

  /* at it: the question, and Cancel sends nothing */
  g_settings_set_uint64 (fx.settings, "scan-confirm-bytes", 0);
  scan_cancelled ("{ \"TableName\": \"Exported\" }", "eventually consistent reads, 0.5 per 4 KB");
  scan_cancelled ("{ \"TableName\": \"Exported\", \"ConsistentRead\": true }",
                  "strongly consistent reads, 1 per 4 KB");

  /* Scan runs it */
  start_scan ("{ \"TableName\": \"Exported\" }");
  body = answer_question ("read");
  dd_test_wait_until (scan_shown, NULL, "the Scan after the question");
  g_assert_cmpuint (n_rows (), ==, N_ITEMS);

  /* a Scan with a Limit asks nothing */
  run ("Scan", "Exported", "{ \"TableName\": \"Exported\", \"Limit\": 10 }");
  g_assert_false (toplevel_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_cmpuint (n_rows (), ==, 10);
  g_settings_reset (fx.settings, "scan-confirm-bytes");
}

static char *
cli_export (const char *format,
            gboolean    typed,
            const char *delimiter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *path = g_build_filename (fx.dir, "cli.out", NULL);
  const char *argv[20];
  guint n = 0;
  char *text = NULL;

  g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", "AKIALOCALDYNAMODB000", TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", "local-secret", TRUE);
  argv[n++] = g_getenv ("DD_CLI");
  argv[n++] = "--endpoint";
  argv[n++] = dd_test_dynamo_get_endpoint (fx.dynamo);
  argv[n++] = "--region";
  argv[n++] = "us-east-1";
  argv[n++] = "--all";
  argv[n++] = "--format";
  argv[n++] = format;
  argv[n++] = typed ? "--typed" : "--plain";
  if (delimiter != NULL)
    {
      argv[n++] = "--delimiter";
      argv[n++] = delimiter;
    }
  argv[n++] = "-o";
  argv[n++] = path;
  argv[n++] = "scan";
  argv[n++] = "{\"TableName\":\"Exported\"}";
  argv[n++] = NULL;
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_unlink (path);
  return text;
}

static gboolean
export_closed (gpointer data)
{
  return !toplevel_shown (GSIZE_TO_POINTER (DD_TYPE_EXPORT_DIALOG));
}

/* Exports through the dialog; returns the file's text. */
static char *
gui_export (DdExportFormat format,
            gboolean       typed,
            char           delimiter,
            gboolean       all_pages)
{
  g_autofree char *name = g_strdup_printf ("gui-%d-%d-%d.%s", format, typed, all_pages,
                                           dd_export_format_get_extension (format));
  g_autofree char *path = g_build_filename (fx.dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdExportDialog *dialog;
  char *text = NULL;

  activate (GTK_WIDGET (fx.window), "win.export");
  dialog = wait_for_toplevel (DD_TYPE_EXPORT_DIALOG, "the export dialog");
  dd_export_dialog_set_format (dialog, format, typed, delimiter);
  dd_export_dialog_set_file (dialog, file);
  dd_export_dialog_set_all_pages (dialog, all_pages);
  g_assert_true (dd_export_dialog_get_all_pages (dialog) == all_pages);
  dd_export_dialog_export (dialog);
  if (all_pages)
    {
      g_autofree char *body = answer_question ("read");
      g_assert_nonnull (strstr (body, "Exported"));
    }
  dd_test_wait_until (export_closed, NULL, "the export");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_unlink (path);
  return text;
}

/* Byte for byte, telling the first difference (the texts are long). */
static void
assert_same_text (const char *what,
                  const char *got,
                  const char *expected)
{
  gsize i = 0;

  while (got[i] != '\0' && got[i] == expected[i])
    i++;
  if (got[i] == expected[i])
    return;
  g_error ("%s differs from the CLI's at byte %zu (of %zu and %zu): …%.60s… against …%.60s…", what, i,
           strlen (got), strlen (expected), got + (i > 20 ? i - 20 : 0), expected + (i > 20 ? i - 20 : 0));
}

/* The CLI writes JSON as a document ({"Items": [ ... ]}, an item a line)
 * and the export an array (an item a line): the item lines, without
 * their indent and trailing comma, must be the same text. */
static char *
json_item_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize len = strlen (line);

      if (line[0] != '{' || g_str_equal (line, "{"))
        continue;
      if (len > 0 && line[len - 1] == ',')
        line[len - 1] = '\0';
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_export_matches_cli (void)
{
  const struct { DdExportFormat format; const char *name; gboolean typed; char delimiter; } cases[] = {
    { DD_EXPORT_FORMAT_CSV, "csv", FALSE, 0 },
    { DD_EXPORT_FORMAT_CSV, "csv", TRUE, 0 },
    { DD_EXPORT_FORMAT_CSV, "csv", FALSE, ';' },
    { DD_EXPORT_FORMAT_JSON, "json", FALSE, 0 },
    { DD_EXPORT_FORMAT_JSON, "json", TRUE, 0 },
    { DD_EXPORT_FORMAT_JSON_LINES, "jsonl", FALSE, 0 },
    { DD_EXPORT_FORMAT_JSON_LINES, "jsonl", TRUE, 0 },
  };

  scan_exported ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char delimiter[2] = { cases[i].delimiter, '\0' };
      g_autofree char *cli = cli_export (cases[i].name, cases[i].typed, cases[i].delimiter ? delimiter : NULL);
      g_autofree char *loaded = gui_export (cases[i].format, cases[i].typed, cases[i].delimiter, FALSE);
      g_autofree char *all = gui_export (cases[i].format, cases[i].typed, cases[i].delimiter, TRUE);

      g_test_message ("%s typed=%d delimiter=%d: %zu bytes", cases[i].name, cases[i].typed,
                      cases[i].delimiter, strlen (cli));
      g_assert_cmpuint (strlen (cli), >, N_ITEMS * 40);
      if (cases[i].delimiter != 0)
        g_assert_true (g_str_has_prefix (cli, "id;n;text;big"));
      if (cases[i].format == DD_EXPORT_FORMAT_JSON)
        {
          g_autofree char *cli_items = json_item_lines (cli);
          g_autofree char *loaded_items = json_item_lines (loaded);
          g_autofree char *all_items = json_item_lines (all);

          g_assert_true (g_str_has_prefix (loaded, "[\n") && g_str_has_suffix (loaded, "\n]\n"));
          {
            guint n_lines = 0;

            for (const char *c = cli_items; *c != '\0'; c++)
              n_lines += *c == '\n';
            g_assert_cmpuint (n_lines, ==, N_ITEMS);
          }
          assert_same_text ("the items of the loaded results", loaded_items, cli_items);
          assert_same_text ("the items of all pages", all_items, cli_items);
          assert_same_text ("the export of all pages", all, loaded);
          continue;
        }
      assert_same_text ("the export of the loaded results", loaded, cli);
      assert_same_text ("the export of all pages", all, cli);
    }
}

static gboolean
export_started (gpointer data)
{
  return dd_export_dialog_get_n_written (data) > 0;
}

static void
test_export_cancelled (void)
{
  g_autofree char *path = g_build_filename (fx.dir, "cancelled.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) dir = NULL;
  DdExportDialog *dialog;

  /* 10 items a page: 150 pages to write */
  run ("Scan", "Exported", "{ \"TableName\": \"Exported\", \"Limit\": 10 }");
  activate (GTK_WIDGET (fx.window), "win.export");
  dialog = wait_for_toplevel (DD_TYPE_EXPORT_DIALOG, "the export dialog");
  dd_export_dialog_set_format (dialog, DD_EXPORT_FORMAT_JSON_LINES, FALSE, 0);
  dd_export_dialog_set_file (dialog, file);
  dd_export_dialog_set_all_pages (dialog, TRUE);
  dd_export_dialog_export (dialog);
  g_free (answer_question ("read"));
  dd_test_wait_until (export_started, dialog, "the first page written");
  g_assert_true (dd_export_dialog_get_running (dialog));
  g_assert_nonnull (strstr (dd_export_dialog_get_progress_text (dialog), "items/s"));
  g_assert_cmpuint (dd_export_dialog_get_n_written (dialog), <, N_ITEMS);
  dd_export_dialog_cancel (dialog);
  dd_test_wait_until (export_closed, NULL, "the cancelled export");

  /* no file, and no temporary file left beside it */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fx.dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

static gboolean
import_closed (gpointer data)
{
  return !toplevel_shown (GSIZE_TO_POINTER (DD_TYPE_IMPORT_DIALOG));
}

static void
test_import_jsonl (void)
{
  g_autofree char *path = g_build_filename (fx.dir, "people.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdImportDialog *dialog;
  g_autofree char *age = NULL;
  g_autofree char *big = NULL;
  guint matches = 0;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "{\"id\":\"person-%03u\",\"age\":%u,\"big\":123456789012345678901234567890%u,"
                            "\"tags\":[\"a\",\"b\"]}\n", i, 20 + i % 50, i % 10);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  g_assert_true (dd_query_editor_set_operation (editor (), "Scan"));
  dd_test_wait_until (table_chosen, (gpointer) "Imported", "Imported");
  activate (GTK_WIDGET (fx.window), "win.import");
  dialog = wait_for_toplevel (DD_TYPE_IMPORT_DIALOG, "the import dialog");
  dd_import_dialog_set_file (dialog, file);
  g_assert_false (dd_import_dialog_get_can_resume (dialog, NULL));
  dd_import_dialog_start (dialog);
  g_assert_true (dd_import_dialog_get_running (dialog));
  dd_test_wait_until (import_closed, NULL, "the import");

  /* 300 small items are one page */
  run ("Scan", "Imported", "{ \"TableName\": \"Imported\" }");
  g_assert_cmpuint (n_rows (), ==, 300);
  for (guint i = 0; i < n_rows (); i++)
    {
      g_autofree char *id = dd_result_model_get_cell (model (), i, "id", NULL);

      if (g_strcmp0 (id, "person-042") == 0)
        {
          age = dd_result_model_get_cell (model (), i, "age", NULL);
          big = dd_result_model_get_cell (model (), i, "big", NULL);
          matches++;
        }
    }
  g_assert_cmpuint (matches, ==, 1);
  g_assert_cmpstr (age, ==, "62");
  g_assert_cmpstr (big, ==, "1234567890123456789012345678902");
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  dd_test_init (&argc, &argv);
  /* a virtual display has no GPU: GL would be drawn by llvmpipe, whose
   * cost (about 180 ms a frame here) would hide the view's own */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  gtk_source_init ();
  fx.dir = g_dir_make_tmp ("dd-results-XXXXXX", &error);
  g_assert_no_error (error);
  fx.settings = g_settings_new (APP_ID);
  fx.dynamo = dd_test_dynamo_start ();
  fx.client = dd_test_dynamo_new_client (fx.dynamo);
  create_table ("Exported");
  create_table ("Imported");
  write_items ("Exported", 0, N_ITEMS);

  fx.sources = dd_source_store_new (NULL, NULL);
  fx.queries = dd_query_store_new (NULL);
  g_assert_true (dd_query_store_load (fx.queries, &error));
  {
    g_autoptr(GAsyncResult) result = NULL;

    dd_source_store_load_async (fx.sources, NULL, call_cb, &result);
    dd_test_wait_until (is_set, &result, "the sources");
    g_assert_true (dd_source_store_load_finish (fx.sources, result, &error));
  }
  fx.window = dd_window_new (NULL, fx.sources, fx.queries);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fx.window));
  dd_test_spin (200);

  g_test_add_func ("/dd/ui/results/format", test_format);
  g_test_add_func ("/dd/ui/results/add-source", test_add_source);
  g_test_add_func ("/dd/ui/results/scroll-100k", test_scroll_100k);
  g_test_add_func ("/dd/ui/results/filter-100k", test_filter_100k);
  g_test_add_func ("/dd/ui/results/filter-steps", test_filter_steps);
  g_test_add_func ("/dd/ui/results/sort-100k", test_sort_100k);
  g_test_add_func ("/dd/ui/results/cells", test_cells);
  g_test_add_func ("/dd/ui/results/cap-and-fetch-until", test_cap_and_fetch_until);
  g_test_add_func ("/dd/ui/results/parallel-scan", test_parallel_scan);
  g_test_add_func ("/dd/ui/results/scan-question", test_scan_question);
  g_test_add_func ("/dd/ui/results/export-matches-cli", test_export_matches_cli);
  g_test_add_func ("/dd/ui/results/export-cancelled", test_export_cancelled);
  g_test_add_func ("/dd/ui/results/import-jsonl", test_import_jsonl);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fx.window));
  dd_test_spin (50);
  g_clear_object (&fx.sources);
  g_clear_object (&fx.queries);
  g_clear_object (&fx.client);
  g_clear_object (&fx.settings);
  dd_test_dynamo_stop (fx.dynamo);
  g_rmdir (fx.dir);
  g_free (fx.dir);
  return ret;
}
