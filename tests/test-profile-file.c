/* test-profile-file.c: the ~/.aws config and credentials parser.
 *
 * Runs every case of the SDKs' shared parser suite
 * (tests/data/smithy-rs/profile-parser-tests.json), one test per case,
 * then our own loading rules (paths from the environment, missing files).
 */
#define G_LOG_DOMAIN "test-profile-file"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-profile-file.h"
#include "dd-test-dynamo.h"

static JsonArray *suite;

static JsonArray *
load_suite (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_TEST_DATA"), "smithy-rs",
                                            "profile-parser-tests.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "tests"));
}

/* Checks that the sections of `expected` (name -> {key: value}) are exactly
 * those the file holds. */
static void
check_sections (JsonObject  *expected,
                GStrv        names,
                GStrv      (*get_keys) (DdProfileFile *, const char *),
                const char *(*get) (DdProfileFile *, const char *, const char *),
                DdProfileFile *file)
{
  g_assert_cmpuint (json_object_get_size (expected), ==, g_strv_length (names));
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonObject *props;
      g_auto(GStrv) keys = NULL;

      g_test_message ("section %s", names[i]);
      g_assert_true (json_object_has_member (expected, names[i]));
      props = json_object_get_object_member (expected, names[i]);
      keys = get_keys (file, names[i]);
      g_assert_cmpuint (json_object_get_size (props), ==, g_strv_length (keys));
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_assert_true (json_object_has_member (props, keys[k]));
          g_assert_cmpstr (get (file, names[i], keys[k]), ==,
                           json_object_get_string_member (props, keys[k]));
        }
    }
}

static void
test_suite_case (gconstpointer data)
{
  JsonObject *tc = json_array_get_object_element (suite, GPOINTER_TO_UINT (data));
  JsonObject *input = json_object_get_object_member (tc, "input");
  JsonObject *output = json_object_get_object_member (tc, "output");
  g_autoptr(DdProfileFile) file = dd_profile_file_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_test_message ("%s", json_object_get_string_member (tc, "name"));
  if (json_object_has_member (input, "configFile"))
    ok = dd_profile_file_merge_text (file, DD_PROFILE_FILE_KIND_CONFIG,
                                     json_object_get_string_member (input, "configFile"), NULL, &error);
  if (ok && json_object_has_member (input, "credentialsFile"))
    ok = dd_profile_file_merge_text (file, DD_PROFILE_FILE_KIND_CREDENTIALS,
                                     json_object_get_string_member (input, "credentialsFile"), NULL, &error);

  if (json_object_has_member (output, "errorContaining"))
    {
      g_assert_false (ok);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, json_object_get_string_member (output, "errorContaining")));
    }
  else
    {
      JsonObject *config = json_object_get_object_member (output, "config");
      g_auto(GStrv) names = dd_profile_file_get_profile_names (file);
      g_auto(GStrv) sessions = dd_profile_file_get_sso_session_names (file);

      g_assert_no_error (error);
      g_assert_true (ok);
      check_sections (json_object_get_object_member (config, "profiles"), names,
                      dd_profile_file_get_keys, dd_profile_file_get, file);
      if (json_object_has_member (config, "sso_sessions"))
        check_sections (json_object_get_object_member (config, "sso_sessions"), sessions,
                        dd_profile_file_get_sso_session_keys, dd_profile_file_get_sso_session, file);
    }
}

static void
test_error_names_file_and_line (void)
{
  g_autoptr(DdProfileFile) file = dd_profile_file_new ();
  g_autoptr(GError) error = NULL;

  dd_profile_file_set (file, "keep", "region", "eu-west-1");
  g_assert_false (dd_profile_file_merge_text (file, DD_PROFILE_FILE_KIND_CONFIG,
                                              "[profile a]\nregion = x\n\nbroken line\n",
                                              "/tmp/cfg", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "/tmp/cfg, line 4"));
  /* A file that fails leaves what was there. */
  g_assert_false (dd_profile_file_has_profile (file, "a"));
  g_assert_cmpstr (dd_profile_file_get (file, "keep", "REGION"), ==, "eu-west-1");
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_load_default_paths (void)
{
  g_autofree char *aws = g_build_filename (g_get_home_dir (), ".aws", NULL);
  g_autoptr(DdProfileFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (aws, 0700), ==, 0);
  write_file (aws, "config", "[default]\nregion = eu-north-1\n[profile dev]\nregion = us-west-2\n");
  write_file (aws, "credentials", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");

  file = dd_profile_file_load (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_profile_file_get (file, "default", "region"), ==, "eu-north-1");
  g_assert_cmpstr (dd_profile_file_get (file, "dev", "region"), ==, "us-west-2");
  g_assert_cmpstr (dd_profile_file_get (file, "dev", "aws_access_key_id"), ==, "AKIDDEV");
}

static void
test_load_env_paths (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "elsewhere", NULL);
  g_autofree char *config = g_build_filename (dir, "cfg", NULL);
  g_autoptr(DdProfileFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "cfg", "[profile other]\nregion = ap-south-1\n");
  write_file (dir, "creds", "[other]\naws_access_key_id = AKIDOTHER\n");
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds", TRUE);
  g_setenv ("AWS_PROFILE", "other", TRUE);

  file = dd_profile_file_load (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_profile_file_selected_profile_name (), ==, "other");
  g_assert_cmpstr (dd_profile_file_get (file, "other", "region"), ==, "ap-south-1");
  g_assert_cmpstr (dd_profile_file_get (file, "other", "aws_access_key_id"), ==, "AKIDOTHER");
  g_assert_false (dd_profile_file_has_profile (file, "dev"));

  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  g_unsetenv ("AWS_PROFILE");
  g_assert_cmpstr (dd_profile_file_selected_profile_name (), ==, "default");
}

static void
test_load_missing_files (void)
{
  g_autoptr(DdProfileFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = dd_profile_file_load ("/nonexistent/config", "/nonexistent/credentials", &error);
  g_assert_no_error (error);
  g_assert_true (dd_profile_file_is_empty (file));
}

typedef struct
{
  gboolean       done;
  DdProfileFile *file;
  GError        *error;
} LoadResult;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  LoadResult *r = data;

  r->file = dd_profile_file_load_finish (result, &r->error);
  r->done = TRUE;
}

static void
test_load_async (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "async", NULL);
  g_autofree char *good = g_build_filename (dir, "good", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad", NULL);
  LoadResult r1 = { 0 }, r2 = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "good", "[profile x]\nregion = sa-east-1\n");
  write_file (dir, "bad", "[default]\n= us-east-1\n");

  dd_profile_file_load_async (good, "/nonexistent/credentials", NULL, loaded_cb, &r1);
  dd_test_wait_for (&r1.done, 10);
  g_assert_no_error (r1.error);
  g_assert_cmpstr (dd_profile_file_get (r1.file, "x", "region"), ==, "sa-east-1");
  g_clear_object (&r1.file);

  dd_profile_file_load_async (bad, "/nonexistent/credentials", NULL, loaded_cb, &r2);
  dd_test_wait_for (&r2.done, 10);
  g_assert_null (r2.file);
  g_assert_error (r2.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (r2.error->message, "could not parse profile file"));
  g_assert_nonnull (strstr (r2.error->message, "Property did not have a name"));
  g_clear_error (&r2.error);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  suite = load_suite ();
  for (guint i = 0; i < json_array_get_length (suite); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dd/profile-file/suite/%02u", i);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_suite_case);
    }
  g_test_add_func ("/dd/profile-file/error-names-file-and-line", test_error_names_file_and_line);
  g_test_add_func ("/dd/profile-file/load/default-paths", test_load_default_paths);
  g_test_add_func ("/dd/profile-file/load/env-paths", test_load_env_paths);
  g_test_add_func ("/dd/profile-file/load/missing-files", test_load_missing_files);
  g_test_add_func ("/dd/profile-file/load/async", test_load_async);
  return g_test_run ();
}
