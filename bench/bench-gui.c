/* bench-gui.c: the window's figures.
 *
 * 1. Start-up: the built dynamo-desk, from just before it is spawned to
 *    the first frame its main window paints. The application, with
 *    DD_TIMING=quit, prints that frame's time on the system's monotonic
 *    clock and quits (src/gui/dd-application.c). Each run has a throwaway
 *    HOME and XDG folders, GSETTINGS_BACKEND=memory and the build's
 *    schemas. "cold": a new throwaway folder each run (no caches) and the
 *    files the application maps evicted from the page cache first (those
 *    still mapped by a running process stay: the report says how much);
 *    "warm": the same folder again, after a run that was not counted.
 *    Median and worst of N runs for each renderer (GSK_RENDERER).
 * 2. A million items (synthetic Scan pages, bench-common.h) loaded into
 *    the real DdResultsView in a 1200 x 760 window: time to load, peak
 *    memory, the time until the first after-paint that shows the first
 *    rows, and after the scrollbar is set to the middle (and a few other
 *    places), the time until the first after-paint showing rows from
 *    there. This part uses the renderer GTK picks (or GSK_RENDERER).
 *
 * Needs a display: see bench/README.md, "The window".
 *
 *   bench-gui [--runs N] [--items N] [--renderers cairo,gl]
 *             [--no-startup] [--no-view] [--app PATH]
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "bench-common.h"
#include "dd-cell.h"
#include "dd-page.h"
#include "dd-results-view.h"

#define LAUNCH_TIMEOUT_MS 60000

/* The application's own DD_TIMING lines: milliseconds since its main(). */
enum { PHASE_STARTED, PHASE_BUILT, PHASE_FRAME, N_PHASES };
static const char *phase_marks[N_PHASES] = { "started up ", "window built ", "first frame drawn " };

static int opt_runs = 10;
static int opt_items = 1000000;
static char *opt_renderers = NULL;
static char *opt_app = NULL;
static gboolean opt_no_startup = FALSE;
static gboolean opt_no_view = FALSE;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *values)
{
  g_array_sort (values, compare_double);
  return values->len == 0 ? 0 : g_array_index (values, double, values->len / 2);
}

static double
worst_of (GArray *values)
{
  g_array_sort (values, compare_double);
  return values->len == 0 ? 0 : g_array_index (values, double, values->len - 1);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Start-up */

static char *
make_home (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("bench-gui-XXXXXX", &error);

  g_assert_no_error (error);
  return home;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      g_autofree char *child_path = g_file_get_path (child);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child_path);
      else
        g_unlink (child_path);
    }
  g_rmdir (path);
}

static char **
app_environment (const char *home,
                 const char *renderer,
                 gboolean    quit)
{
  char **env = g_get_environ ();
  struct { const char *name, *sub; } dirs[] = {
    { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i].sub, NULL);

      g_mkdir_with_parents (dir, 0700);
      env = g_environ_setenv (env, dirs[i].name, dir, TRUE);
    }
  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
  env = g_environ_setenv (env, "DD_TIMING", quit ? "quit" : "1", TRUE);
  return env;
}

/* Reads the child's output until the line about the first frame; FALSE
 * on a timeout or the end of the output. */
static gboolean
read_first_frame (int      fd,
                  gint64  *frame_us,
                  double  *phases)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + LAUNCH_TIMEOUT_MS * 1000;
  const char *line;
  char buf[4096];

  while ((line = strstr (out->str, "first frame drawn ")) == NULL || strchr (line, '\n') == NULL)
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      int left = (int) ((deadline - g_get_monotonic_time ()) / 1000);
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, left) <= 0)
        return FALSE;
      n = read (fd, buf, sizeof buf);
      if (n <= 0)
        return FALSE;
      g_string_append_len (out, buf, n);
    }
  for (guint i = 0; i < N_PHASES; i++)
    {
      const char *mark = strstr (out->str, phase_marks[i]);

      phases[i] = mark ? g_ascii_strtod (mark + strlen (phase_marks[i]), NULL) : 0;
    }
  line = strstr (line, "(monotonic ");
  if (line == NULL)
    return FALSE;
  *frame_us = g_ascii_strtoll (line + strlen ("(monotonic "), NULL, 10);
  return TRUE;
}

/* The regular files mapped by process pid. */
static void
add_mapped_files (GPid        pid,
                  GHashTable *files)
{
  g_autofree char *maps_path = g_strdup_printf ("/proc/%d/maps", pid);
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (maps_path, &maps, NULL, NULL))
    return;
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');

      if (path != NULL && g_str_has_prefix (path, "/dev/") == FALSE
          && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_hash_table_add (files, g_strdup (path));
    }
}

/* Spawns the application; the milliseconds from just before the spawn to
 * its first frame (on the monotonic clock), or a negative number when it
 * failed. With maps (not quitting), records the files it maps and ends it. */
static double
launch (const char *home,
        const char *renderer,
        GHashTable *maps,
        double     *phases)
{
  const char *argv[] = { opt_app, NULL };
  g_auto(GStrv) env = app_environment (home, renderer, maps == NULL);
  g_autoptr(GError) error = NULL;
  gint64 start_us, frame_us = 0;
  gboolean drawn;
  GPid pid;
  int out, status;

  start_us = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (home, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out, NULL, &error))
    g_error ("%s: %s", opt_app, error->message);
  drawn = read_first_frame (out, &frame_us, phases);
  if (maps != NULL || !drawn)
    {
      if (maps != NULL && drawn)
        add_mapped_files (pid, maps);
      kill (pid, SIGTERM);
    }
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  close (out);
  g_spawn_close_pid (pid);
  if (!drawn || (maps == NULL && !(WIFEXITED (status) && WEXITSTATUS (status) == 0)))
    return -1;
  return (frame_us - start_us) / 1000.0;
}

/* Drops the files' pages from the page cache (those not mapped by a
 * running process); the MB of them still resident after. */
static double
evict (GHashTable *files)
{
  GHashTableIter iter;
  gpointer path;
  guint64 resident = 0;
  long page = sysconf (_SC_PAGESIZE);

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    {
      int fd = open (path, O_RDONLY | O_CLOEXEC);
      struct stat st;
      void *map;

      if (fd < 0)
        continue;
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      if (fstat (fd, &st) == 0 && st.st_size > 0
          && (map = mmap (NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0)) != MAP_FAILED)
        {
          gsize n = (st.st_size + page - 1) / page;
          g_autofree unsigned char *in = g_malloc (n);

          if (mincore (map, st.st_size, in) == 0)
            for (gsize i = 0; i < n; i++)
              resident += in[i] & 1;
          munmap (map, st.st_size);
        }
      close (fd);
    }
  return resident * page / (1024.0 * 1024.0);
}

static double
files_mb (GHashTable *files)
{
  GHashTableIter iter;
  gpointer path;
  guint64 bytes = 0;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    {
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        bytes += st.st_size;
    }
  return bytes / (1024.0 * 1024.0);
}

static void
print_runs (const char *renderer,
            const char *kind,
            GArray     *total,
            GArray    **phases,
            guint       failed)
{
  printf ("| %-8s | %-4s | %6.0f ms | %6.0f ms | %8.0f ms | %8.0f ms | %8.0f ms | %u/%d |\n", renderer, kind,
          median_of (total), worst_of (total), median_of (phases[PHASE_STARTED]),
          median_of (phases[PHASE_BUILT]), median_of (phases[PHASE_FRAME]), total->len, total->len + failed);
}

/* N runs; cold: a new home and the files evicted before each. */
static void
startup_runs (const char *renderer,
              gboolean    cold,
              GHashTable *files,
              double     *resident_mb)
{
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *phases[N_PHASES];
  g_autofree char *home = cold ? NULL : make_home ();
  double ms, phase_ms[N_PHASES];
  guint failed = 0;

  for (guint p = 0; p < N_PHASES; p++)
    phases[p] = g_array_new (FALSE, FALSE, sizeof (double));
  if (!cold)
    launch (home, renderer, NULL, phase_ms);  /* fills the caches; not counted */
  for (int i = 0; i < opt_runs; i++)
    {
      g_autofree char *run_home = cold ? make_home () : g_strdup (home);

      if (cold)
        *resident_mb = evict (files);
      ms = launch (run_home, renderer, NULL, phase_ms);
      if (ms < 0)
        failed++;
      else
        {
          g_array_append_val (total, ms);
          for (guint p = 0; p < N_PHASES; p++)
            g_array_append_val (phases[p], phase_ms[p]);
        }
      if (cold)
        remove_tree (run_home);
    }
  if (!cold)
    remove_tree (home);
  print_runs (renderer, cold ? "cold" : "warm", total, phases, failed);
  for (guint p = 0; p < N_PHASES; p++)
    g_array_unref (phases[p]);
}

static void
bench_startup (void)
{
  g_auto(GStrv) renderers = g_strsplit (opt_renderers ? opt_renderers : "cairo,gl", ",", -1);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double resident_mb = 0, phase_ms[N_PHASES];
  g_autofree char *home = make_home ();

  printf ("Start-up of %s to its first frame, %d runs each\n", opt_app, opt_runs);
  for (guint i = 0; renderers[i] != NULL; i++)
    if (launch (home, renderers[i], files, phase_ms) < 0)
      g_printerr ("bench-gui: no first frame with GSK_RENDERER=%s\n", renderers[i]);
  remove_tree (home);
  g_hash_table_add (files, g_strdup (opt_app));
  printf ("| renderer | run  | median    | worst     | started up  | window built | first frame | runs |\n"
          "|----------|------|----------:|----------:|------------:|------------:|------------:|-----:|\n");
  for (guint i = 0; renderers[i] != NULL; i++)
    {
      startup_runs (renderers[i], TRUE, files, &resident_mb);
      startup_runs (renderers[i], FALSE, files, &resident_mb);
    }
  printf ("(median and worst: from before the spawn; the phases: medians of the application's own"
          " figures, from its main() on; cold: %u files"
          " of %.0f MB evicted, %.0f MB of them still resident, mapped by running processes)\n\n",
          g_hash_table_size (files), files_mb (files), resident_mb);
}

/* The results view */

typedef struct
{
  GtkWidget     *table;
  GMainLoop     *loop;
  gint64         start_us;
  double         start_cpu;
  guint          low, high;   /* the rows wanted: a painted cell of one */
  double         wall_ms, cpu_ms;
  gint64         frame_us, layout_us;  /* the frame's before-paint, its layout done */
  double         before_ms;            /* from the start to that frame's before-paint */
  double         layout_ms, paint_ms;  /* of the frame that showed the rows */
  guint          frames;
} Screen;

/* TRUE when a mapped cell of widget's descendants shows the key of an
 * item from low to high. */
static gboolean
shows_rows (GtkWidget *widget,
            guint      low,
            guint      high)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (DD_IS_CELL (child))
        {
          const char *text = dd_cell_get_text (DD_CELL (child));
          guint64 index;

          if (g_str_has_prefix (text, "user#")
              && (index = g_ascii_strtoull (text + 5, NULL, 10)) >= low && index <= high)
            return TRUE;
        }
      else if (shows_rows (child, low, high))
        return TRUE;
    }
  return FALSE;
}

static void
screen_painted_cb (GdkFrameClock *clock,
                   Screen        *screen)
{
  double wall_ms = bench_ms_since (screen->start_us);
  double cpu_ms = thread_cpu_ms () - screen->start_cpu;

  screen->frames++;
  if (!shows_rows (screen->table, screen->low, screen->high))
    return;
  screen->before_ms = (screen->frame_us - screen->start_us) / 1000.0;
  screen->layout_ms = (screen->layout_us - screen->frame_us) / 1000.0;
  screen->paint_ms = wall_ms - (screen->layout_us - screen->start_us) / 1000.0;
  screen->wall_ms = wall_ms;
  screen->cpu_ms = cpu_ms;
  g_main_loop_quit (screen->loop);
}

static void
screen_frame_cb (GdkFrameClock *clock,
                 Screen        *screen)
{
  screen->frame_us = g_get_monotonic_time ();
}

/* connected after GTK's own handler: the rows are laid out and bound */
static void
screen_layout_cb (GdkFrameClock *clock,
                  Screen        *screen)
{
  screen->layout_us = g_get_monotonic_time ();
}

static gboolean
screen_timeout_cb (gpointer data)
{
  Screen *screen = data;

  screen->wall_ms = -1;
  g_main_loop_quit (screen->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until a frame shows items low..high (after change,
 * when not NULL, sets the scrollbar to fraction). */
static void
wait_for_rows (Screen *screen,
               double  fraction)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (screen->table);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (screen->table));
  guint timeout;

  screen->frames = 0;
  screen->start_us = g_get_monotonic_time ();
  screen->start_cpu = thread_cpu_ms ();
  if (fraction >= 0)
    gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) * fraction);
  g_signal_connect (clock, "before-paint", G_CALLBACK (screen_frame_cb), screen);
  g_signal_connect (clock, "layout", G_CALLBACK (screen_layout_cb), screen);
  g_signal_connect (clock, "after-paint", G_CALLBACK (screen_painted_cb), screen);
  timeout = g_timeout_add (LAUNCH_TIMEOUT_MS, screen_timeout_cb, screen);
  gtk_widget_queue_draw (screen->table);
  g_main_loop_run (screen->loop);
  g_source_remove (timeout);
  g_signal_handlers_disconnect_by_data (clock, screen);
}

static void
first_paint_cb (GdkFrameClock *clock,
                GMainLoop     *loop)
{
  g_main_loop_quit (loop);
}

static GtkWidget *
open_window (GMainLoop *loop)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *results = dd_results_view_new ();
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  gulong handler;

  gtk_css_provider_load_from_resource (css, "/io/github/dynamodesk/DynamoDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), results);
  gtk_window_present (GTK_WINDOW (window));
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (first_paint_cb), loop);
  g_main_loop_run (loop);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
  return results;
}

/* Appends the synthetic pages as the window does (model, then refresh);
 * the page generation is not counted. */
static void
load_items (DdResultsView *results,
            double        *parse_ms,
            double        *append_ms)
{
  DdResultModel *model = dd_results_view_get_model (results);
  const char *keys[] = { "pk", "sk", NULL };
  guint next = 0;

  dd_item_store_set_max_items (dd_result_model_get_store (model), 0);
  dd_results_view_set_key_names (results, keys);
  dd_results_view_show_items (results, model);
  while (next < (guint) opt_items)
    {
      g_autoptr(GBytes) bytes = bench_make_page (next, opt_items, &next);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdPage) page = NULL;
      gint64 t0 = g_get_monotonic_time ();

      page = dd_page_parse (bytes, &error);
      g_assert_no_error (error);
      *parse_ms += bench_ms_since (t0);
      t0 = g_get_monotonic_time ();
      dd_result_model_append_page (model, page);
      dd_results_view_refresh (results);
      *append_ms += bench_ms_since (t0);
    }
  dd_results_view_set_view (results, "table");
}

static void
print_screen (const char *what,
              Screen     *screen)
{
  if (screen->wall_ms < 0)
    printf ("| %-34s | not shown within %d s |\n", what, LAUNCH_TIMEOUT_MS / 1000);
  else
    printf ("| %-34s | %8.1f ms | %8.1f ms | %8.1f ms | %8.1f ms | %8.1f ms | %6u |\n", what, screen->wall_ms,
            screen->cpu_ms, screen->before_ms, screen->layout_ms, screen->paint_ms, screen->frames);
}

/* The middle, then other places: the first, and the median and worst of
 * all. */
static void
bench_jumps (Screen *screen)
{
  const double fractions[] = { 0.5, 0.25, 0.75, 0.375, 0.625, 0.125, 0.875 };
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint window = MAX (opt_items / 100, 100);

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      guint target = (guint) (opt_items * fractions[i]);

      screen->low = target > window ? target - window : 0;
      screen->high = target + window;
      wait_for_rows (screen, fractions[i]);
      if (i == 0)
        print_screen ("middle screen (scrollbar to 1/2)", screen);
      if (screen->wall_ms >= 0)
        {
          g_array_append_val (wall, screen->wall_ms);
          g_array_append_val (cpu, screen->cpu_ms);
        }
    }
  printf ("| %-34s | %8.1f ms | %8.1f ms | %11s | %11s | %11s |        |\n", "jumps to 7 places: median",
          median_of (wall), median_of (cpu), "", "", "");
  printf ("| %-34s | %8.1f ms | %8.1f ms | %11s | %11s | %11s |        |\n", "jumps to 7 places: worst",
          worst_of (wall), worst_of (cpu), "", "", "");
}

static void
bench_view (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  DdResultsView *results;
  DdItemStore *store;
  Screen screen = { .loop = loop };
  double parse_ms = 0, append_ms = 0, before_mb, loaded_mb, raw_mb;
  gint64 t0;

  results = DD_RESULTS_VIEW (open_window (loop));
  before_mb = bench_peak_rss_mb ();
  t0 = g_get_monotonic_time ();
  load_items (results, &parse_ms, &append_ms);
  loaded_mb = bench_peak_rss_mb ();
  store = dd_result_model_get_store (dd_results_view_get_model (results));
  raw_mb = dd_item_store_get_n_bytes (store) / (1024.0 * 1024.0);
  screen.table = GTK_WIDGET (dd_results_view_get_table_view (results));
  printf ("%u items (%.1f MB of raw JSON) in the results view, renderer %s\n",
          dd_item_store_get_n_items (store), raw_mb,
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (screen.table))));
  printf ("load: %.0f ms (parse %.0f ms, into the view %.0f ms; generating the pages: %.0f ms more)\n",
          parse_ms + append_ms, parse_ms, append_ms, bench_ms_since (t0) - parse_ms - append_ms);
  printf ("peak RSS: %.0f MB before loading, %.0f MB loaded (+%.0f MB; the store's target"
          " 1.5 x raw + 150 = %.0f MB)\n", before_mb, loaded_mb, loaded_mb - before_mb, 1.5 * raw_mb + 150);
  printf ("| %-34s | wall        | main CPU    | to frame    | its layout  | its paint   | frames |\n"
          "|------------------------------------|------------:|------------:|------------:|------------:|------------:|-------:|\n",
          "screen");
  screen.low = 0;
  screen.high = 10;
  wait_for_rows (&screen, -1);
  print_screen ("first screen (after loading)", &screen);
  bench_jumps (&screen);
  printf ("peak RSS after drawing: %.0f MB\n", bench_peak_rss_mb ());
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Start-ups per renderer and kind (10)", "N" },
    { "items", 0, 0, G_OPTION_ARG_INT, &opt_items, "Items in the results view (1000000)", "N" },
    { "renderers", 0, 0, G_OPTION_ARG_STRING, &opt_renderers, "GSK_RENDERER values (cairo,gl)", "LIST" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &opt_app, "The application (the built one)", "PATH" },
    { "no-startup", 0, 0, G_OPTION_ARG_NONE, &opt_no_startup, "Skip the start-up runs", NULL },
    { "no-view", 0, 0, G_OPTION_ARG_NONE, &opt_no_view, "Skip the results view", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_app == NULL)
    opt_app = g_strdup (BENCH_APP);
  opt_runs = MAX (opt_runs, 1);
  setvbuf (stdout, NULL, _IOLBF, 0);
  /* before GTK: the files GTK maps in this process could not be evicted */
  if (!opt_no_startup)
    bench_startup ();
  if (opt_no_view)
    return 0;
  gtk_init ();
  adw_init ();
  gtk_source_init ();
  bench_view ();
  return 0;
}
