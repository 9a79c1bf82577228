/* test-results-format.c: the progress lines and estimates of
 * dd-results-format.c in the user's locale: one message per line with the
 * plural of its count, and the locale's decimal separator (a German
 * LC_NUMERIC writes 120,5). Each locale in a subprocess, so the others
 * keep theirs; a locale that is not installed skips (Debian: locales-all,
 * which build-aux/deps.sh installs).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dd-results-format.h"
#include "dd-test-dynamo.h"

static gboolean
german_catalogue (void)
{
  const char *dir = g_getenv ("DD_LOCALEDIR");
  g_autofree char *mo = g_build_filename (dir ? dir : "", "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (dir == NULL || !g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

/* C: the decimal point, English plurals. */
static void
test_c_locale (void)
{
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *units = NULL;

  if (g_test_subprocess ())
    {
      g_unsetenv ("LANGUAGE");
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      one = dd_format_fetch_progress (1, 1, G_USEC_PER_SEC, 0.5);
      g_assert_cmpstr (one, ==, "Fetching… 1 item · 1 page · 1 items/s · 0.5 RCU");
      many = dd_format_fetch_progress (12345, 25, 3 * G_USEC_PER_SEC, 120.5);
      g_assert_cmpstr (many, ==, "Fetching… 12345 items · 25 pages · 4115 items/s · 120.5 RCU");
      bare = dd_format_fetch_progress (2, 1, G_USEC_PER_SEC, 0);
      g_assert_cmpstr (bare, ==, "Fetching… 2 items · 1 page · 2 items/s");
      units = dd_format_read_capacity (4096 * 3);
      g_assert_cmpstr (units, ==, "1.5");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A German LC_NUMERIC alone: the decimal comma in RCU figures, the
 * messages in English (LC_MESSAGES stays C). */
static void
test_german_numbers (void)
{
  g_autofree char *line = NULL;
  g_autofree char *units = NULL;
  g_autofree char *estimate = NULL;

  if (g_test_subprocess ())
    {
      g_unsetenv ("LANGUAGE");
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      g_assert_nonnull (setlocale (LC_NUMERIC, "de_DE.UTF-8"));
      line = dd_format_fetch_progress (12345, 25, 3 * G_USEC_PER_SEC, 120.5);
      g_assert_cmpstr (line, ==, "Fetching… 12345 items · 25 pages · 4115 items/s · 120,5 RCU");
      units = dd_format_read_capacity (123456789);
      g_assert_cmpstr (units, ==, "15070,5");
      estimate = dd_format_read_estimate (123456789, 4242);
      g_assert_nonnull (strstr (estimate, "15070,5 read capacity units"));
      return;
    }
  {
    /* build-aux/deps.sh installs locales-all: a missing locale is a failure */
    locale_t german = newlocale (LC_NUMERIC_MASK, "de_DE.UTF-8", (locale_t) 0);

    if (german == (locale_t) 0)
      g_error ("the locale de_DE.UTF-8 is not installed (Debian's locales-all)");
    freelocale (german);
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* German messages and numbers: the whole line is one translated message,
 * its plural that of the item count. */
static void
test_german_messages (void)
{
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;

  if (g_test_subprocess ())
    {
      g_assert_true (german_catalogue ());
      g_setenv ("LANGUAGE", "de", TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
      one = dd_format_fetch_progress (1, 1, G_USEC_PER_SEC, 0.5);
      g_assert_cmpstr (one, ==, "Wird geholt … 1 Eintrag · 1 Seite · 1 Einträge/s · 0,5 RCU");
      many = dd_format_fetch_progress (12345, 25, 3 * G_USEC_PER_SEC, 120.5);
      g_assert_cmpstr (many, ==, "Wird geholt … 12345 Einträge · 25 Seiten · 4115 Einträge/s · 120,5 RCU");
      return;
    }
  {
    /* build-aux/deps.sh installs locales-all: a missing locale is a failure */
    locale_t german = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);

    if (german == (locale_t) 0)
      g_error ("the locale de_DE.UTF-8 is not installed (Debian's locales-all)");
    freelocale (german);
  }
  if (!german_catalogue ())
    g_error ("no German catalogue in the build (DD_LOCALEDIR)");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/ui/results-format/c-locale", test_c_locale);
  g_test_add_func ("/dd/ui/results-format/german-numbers", test_german_numbers);
  g_test_add_func ("/dd/ui/results-format/german-messages", test_german_messages);
  return g_test_run ();
}
