/* test-source-store.c: saved data sources, their file and their secrets.
 *
 * Runs under a real Secret Service (tests/with-keyring.sh in a private
 * D-Bus session); one case runs without any bus to see the fallback.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "dd-error.h"
#include "dd-secret-store.h"
#include "dd-source-store.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#define SECRET_KEY    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
#define SESSION_TOKEN "FQoGZXIvYXdzEXAMPLEsessionTOKENabc123+/="
#define ACCESS_KEY_ID "AKIDSOURCESTORETEST"

static char *
sources_path (void)
{
  return dd_source_store_default_path ();
}

static void
remove_config (void)
{
  g_autofree char *path = sources_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (file), ==, 0);
    }
}

static void
load_secrets (DdSourceStore *store,
              DdSource      *source)
{
  g_auto(DdTestWait) result = { 0 };
  g_autoptr(GError) error = NULL;

  dd_source_store_load_secrets_async (store, source, NULL, dd_test_wait_cb, &result);
  dd_source_store_load_secrets_finish (store, dd_test_wait_result (&result, 120), &error);
  g_assert_no_error (error);
}

/* What the keyring holds for a source id, asked without our code. */
static char *
keyring_value (const char *id)
{
  g_autoptr(GError) error = NULL;
  char *value = secret_password_lookup_sync (dd_secret_store_get_schema (), NULL, &error,
                                             "source-id", id, NULL);

  g_assert_no_error (error);
  return value;
}

static DdSourceStore *
fresh_store (void)
{
  g_autoptr(GError) error = NULL;
  DdSourceStore *store = dd_source_store_new (NULL, NULL);

  dd_test_load_sources (store, &error);
  g_assert_no_error (error);
  return store;
}

static DdSource *
new_iam_source (const char *name)
{
  DdSource *source = dd_source_new (name);

  dd_source_set_region (source, "eu-west-1");
  dd_source_set_access_key_id (source, ACCESS_KEY_ID);
  dd_source_set_secrets (source, SECRET_KEY, SESSION_TOKEN);
  return source;
}

static void
test_json_round_trip (void)
{
  g_autoptr(DdSource) source = new_iam_source ("prod");
  g_autoptr(DdSource) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  dd_source_set_auth_mode (source, DD_AUTH_MODE_ROLE_ARN);
  dd_source_set_role_arn (source, "arn:aws:iam::123456789012:role/Reader");
  dd_source_set_session_name (source, "desk");
  dd_source_set_external_id (source, "ext-1");
  dd_source_set_base_source_id (source, "base-id");
  dd_source_set_endpoint (source, "http://127.0.0.1:8000");
  dd_source_set_color (source, "blue");
  dd_source_set_read_only (source, TRUE);

  node = dd_source_to_json (source);
  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, SECRET_KEY));
  g_assert_null (strstr (text, SESSION_TOKEN));
  g_assert_nonnull (strstr (text, "\"auth\":\"role-arn\""));

  back = dd_source_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_source_get_id (back), ==, dd_source_get_id (source));
  g_assert_cmpstr (dd_source_get_name (back), ==, "prod");
  g_assert_cmpint (dd_source_get_auth_mode (back), ==, DD_AUTH_MODE_ROLE_ARN);
  g_assert_cmpstr (dd_source_get_region (back), ==, "eu-west-1");
  g_assert_cmpstr (dd_source_get_endpoint (back), ==, "http://127.0.0.1:8000");
  g_assert_cmpstr (dd_source_get_access_key_id (back), ==, ACCESS_KEY_ID);
  g_assert_cmpstr (dd_source_get_role_arn (back), ==, "arn:aws:iam::123456789012:role/Reader");
  g_assert_cmpstr (dd_source_get_session_name (back), ==, "desk");
  g_assert_cmpstr (dd_source_get_external_id (back), ==, "ext-1");
  g_assert_cmpstr (dd_source_get_base_source_id (back), ==, "base-id");
  g_assert_cmpstr (dd_source_get_color (back), ==, "blue");
  g_assert_true (dd_source_get_read_only (back));
  g_assert_false (dd_source_has_secrets (back));
  g_assert_true (g_uuid_string_is_valid (dd_source_get_id (source)));
}

static void
test_json_rejects_bad_entries (void)
{
  const char *cases[] = {
    "{\"name\":\"no id\"}",
    "{\"id\":\"x\"}",
    "{\"id\":\"x\",\"name\":5}",
    "{\"id\":\"x\",\"name\":\"n\",\"auth\":\"telepathy\"}",
    "{\"id\":\"x\",\"name\":\"n\",\"read_only\":\"yes\"}",
    "{\"id\":\"x\",\"name\":\"n\",\"region\":[\"a\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdSource) source = dd_source_new_from_json (json_node_get_object (node), &error);

      g_test_message ("entry %s", cases[i]);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
      g_assert_null (source);
    }
}

static void
test_validate (void)
{
  g_autoptr(DdSource) source = dd_source_new ("v");
  g_autoptr(GError) error = NULL;

  g_assert_false (dd_source_validate (source, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  dd_source_set_region (source, "us-east-1");
  g_assert_false (dd_source_validate (source, &error));   /* no access key id */
  g_clear_error (&error);
  dd_source_set_auth_mode (source, DD_AUTH_MODE_INSTANCE_PROFILE);
  g_assert_true (dd_source_validate (source, &error));
  g_assert_no_error (error);
  dd_source_set_auth_mode (source, DD_AUTH_MODE_PROFILE);
  g_assert_false (dd_source_validate (source, NULL));
  dd_source_set_profile_name (source, "dev");
  g_assert_true (dd_source_validate (source, NULL));
}

static void
test_save_reload_rename_delete (void)
{
  g_autoptr(DdSourceStore) store = fresh_store ();
  g_autoptr(DdSourceStore) again = NULL;
  g_autoptr(DdSource) source = new_iam_source ("prod");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (dd_source_get_id (source));
  g_autofree char *value = NULL;
  GStatBuf st;
  g_autofree char *path = sources_path ();
  DdSource *loaded;

  remove_config ();
  g_assert_true (dd_source_store_add (store, source, &error));
  g_assert_no_error (error);
  dd_test_save_sources (store);
  g_assert_true (dd_secret_store_get_persistent (dd_source_store_get_secret_store (store)));
  g_assert_null (dd_secret_store_get_message (dd_source_store_get_secret_store (store)));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The keyring holds both secrets, under the source's id. */
  value = keyring_value (id);
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, SECRET_KEY));
  g_assert_nonnull (strstr (value, SESSION_TOKEN));

  /* A new store reads it back, secrets from the keyring. */
  again = fresh_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  loaded = dd_source_store_lookup (again, id);
  g_assert_nonnull (loaded);
  g_assert_true (dd_source_store_lookup_by_name (again, "prod") == loaded);
  g_assert_cmpstr (dd_source_get_access_key_id (loaded), ==, ACCESS_KEY_ID);
  g_assert_false (dd_source_has_secrets (loaded));
  load_secrets (again, loaded);
  g_assert_cmpstr (dd_source_get_secret_access_key (loaded), ==, SECRET_KEY);
  g_assert_cmpstr (dd_source_get_session_token (loaded), ==, SESSION_TOKEN);

  /* Renamed: same id, the secret stays. */
  g_assert_true (dd_source_store_rename (again, loaded, "production", &error));
  g_assert_no_error (error);
  dd_test_save_sources (again);
  g_clear_object (&again);
  again = fresh_store ();
  loaded = dd_source_store_lookup_by_name (again, "production");
  g_assert_nonnull (loaded);
  g_assert_null (dd_source_store_lookup_by_name (again, "prod"));
  g_assert_cmpstr (dd_source_get_id (loaded), ==, id);
  load_secrets (again, loaded);
  g_assert_cmpstr (dd_source_get_secret_access_key (loaded), ==, SECRET_KEY);

  /* Removed: gone from the file and from the keyring. */
  dd_source_store_remove (again, loaded);
  dd_test_save_sources (again);
  g_clear_pointer (&value, g_free);
  value = keyring_value (id);
  g_assert_null (value);
  g_clear_object (&again);
  again = fresh_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 0);
}

static void
test_names_unique_and_duplicate (void)
{
  g_autoptr(DdSourceStore) store = fresh_store ();
  g_autoptr(DdSource) a = new_iam_source ("a");
  g_autoptr(DdSource) b = new_iam_source ("b");
  g_autoptr(DdSource) clash = new_iam_source ("a");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  DdSource *copy;
  DdSource *copy2;

  remove_config ();
  g_assert_true (dd_source_store_add (store, a, NULL));
  g_assert_true (dd_source_store_add (store, b, NULL));
  g_assert_false (dd_source_store_add (store, clash, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (dd_source_store_rename (store, b, "a", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_cmpstr (dd_source_get_name (b), ==, "b");

  copy = dd_source_store_duplicate (store, a);
  copy2 = dd_source_store_duplicate (store, a);
  g_assert_cmpstr (dd_source_get_name (copy), ==, "a (copy)");
  g_assert_cmpstr (dd_source_get_name (copy2), ==, "a (copy 2)");
  g_assert_cmpstr (dd_source_get_id (copy), !=, dd_source_get_id (a));
  g_assert_cmpstr (dd_source_get_access_key_id (copy), ==, ACCESS_KEY_ID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  dd_test_save_sources (store);
  value = keyring_value (dd_source_get_id (copy));
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, SECRET_KEY));
}

/* Every file under folder: none holds needle; returns how many were read. */
static guint
scan_for (const char *folder,
          const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          n += scan_for (path, needle);
          continue;
        }
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      g_assert_null (memmem (contents, length, needle, strlen (needle)));
      n++;
    }
  return n;
}

static void
test_no_secret_in_files (void)
{
  g_autoptr(DdSourceStore) store = fresh_store ();
  g_autoptr(DdSource) source = new_iam_source ("scan");
  g_autofree char *path = sources_path ();
  g_autofree char *contents = NULL;

  remove_config ();
  g_assert_true (dd_source_store_add (store, source, NULL));
  dd_test_save_sources (store);
  /* The scan does see the file: it holds the access key id. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ACCESS_KEY_ID));
  g_assert_cmpuint (scan_for (g_get_user_config_dir (), SECRET_KEY), >=, 1);
  scan_for (g_get_user_config_dir (), SESSION_TOKEN);
  scan_for (g_get_home_dir (), SECRET_KEY);
  scan_for (g_get_home_dir (), SESSION_TOKEN);
}

static char *
find_broken_copy (void)
{
  g_autofree char *path = sources_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "sources.json.broken-"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

static void
write_sources (const char *text)
{
  g_autofree char *path = sources_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static const char good_file[] =
  "{\"version\":1,\"sources\":[{\"id\":\"11111111-2222-4333-8444-555555555555\","
  "\"name\":\"kept\",\"auth\":\"instance-profile\",\"region\":\"us-west-2\"}]}";

static void
test_damaged_file (void)
{
  g_autofree char *truncated = g_strndup (good_file, sizeof good_file / 2);
  const char *cases[] = {
    truncated,
    "this is not JSON",
    "",
    "[1,2,3]",
    "{\"version\":2,\"sources\":[]}",
    "{\"version\":\"1\",\"sources\":[]}",
    "{\"version\":1,\"sources\":{}}",
  };
  g_autofree char *path = sources_path ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, NULL);
      g_autoptr(DdSource) source = new_iam_source ("new");
      g_autoptr(GError) error = NULL;
      g_autofree char *broken = NULL;
      g_autofree char *kept = NULL;

      g_test_message ("damaged: \"%s\"", cases[i]);
      remove_config ();
      write_sources (cases[i]);
      g_assert_false (dd_test_load_sources (store, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);

      /* Moved aside whole, the report says where, nothing left in place. */
      broken = find_broken_copy ();
      g_assert_nonnull (broken);
      g_assert_cmpstr (dd_source_store_get_broken_path (store), ==, broken);
      g_assert_nonnull (strstr (error->message, broken));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (broken, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, cases[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

      /* The store goes on; saving does not touch the copy. */
      g_assert_true (dd_source_store_add (store, source, NULL));
      dd_test_save_sources (store);
      g_clear_pointer (&kept, g_free);
      g_assert_true (g_file_get_contents (broken, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, cases[i]);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_partly_damaged_file (void)
{
  const char *text =
    "{\"version\":1,\"sources\":["
    "{\"id\":\"a1\",\"name\":\"first\",\"auth\":\"iam-keys\",\"region\":\"eu-west-1\","
    "\"access_key_id\":\"AKIDFIRST\"},"
    "{\"id\":\"b2\",\"name\":42},"
    "\"not an entry\","
    "{\"id\":\"c3\",\"name\":\"second\",\"auth\":\"profile\",\"profile\":\"dev\",\"region\":\"x\"},"
    "{\"id\":\"a1\",\"name\":\"same id\"}"
    "]}";
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *path = sources_path ();
  const char * const *warnings;

  remove_config ();
  write_sources (text);
  g_assert_true (dd_test_load_sources (store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_nonnull (dd_source_store_lookup_by_name (store, "first"));
  g_assert_cmpstr (dd_source_get_profile_name (dd_source_store_lookup (store, "c3")), ==, "dev");
  warnings = dd_source_store_get_warnings (store);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 4);
  g_assert_nonnull (strstr (warnings[0], "Data source 2"));
  g_assert_nonnull (strstr (warnings[1], "Data source 3"));
  g_assert_nonnull (strstr (warnings[2], "Data source 5"));

  /* A copy of the whole file is kept; the file itself stays until saved. */
  broken = find_broken_copy ();
  g_assert_nonnull (broken);
  g_assert_nonnull (strstr (warnings[3], broken));
  g_assert_true (g_file_get_contents (broken, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, text);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_good_file_is_read (void)
{
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  DdSource *source;

  remove_config ();
  write_sources (good_file);
  g_assert_true (dd_test_load_sources (store, &error));
  g_assert_no_error (error);
  g_assert_null (find_broken_copy ());
  g_assert_null (dd_source_store_get_warnings (store)[0]);
  source = dd_source_store_lookup_by_name (store, "kept");
  g_assert_nonnull (source);
  g_assert_cmpint (dd_source_get_auth_mode (source), ==, DD_AUTH_MODE_INSTANCE_PROFILE);
}

/* In a child without any session bus: the secrets stay in memory and the
 * store says so. */
static void
test_no_keyring (void)
{
  g_autoptr(DdSecretStore) secrets = NULL;
  g_autoptr(DdSourceStore) store = NULL;
  g_autoptr(DdSourceStore) again = NULL;
  g_autoptr(DdSource) source = NULL;
  g_autofree char *id = NULL;
  DdSource *loaded;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/dd-no-bus", TRUE);
  remove_config ();
  secrets = dd_secret_store_new ();
  g_assert_true (dd_secret_store_get_persistent (secrets));
  store = dd_source_store_new (NULL, secrets);
  source = new_iam_source ("memory");
  id = g_strdup (dd_source_get_id (source));
  g_assert_true (dd_source_store_add (store, source, NULL));
  dd_test_save_sources (store);

  g_assert_false (dd_secret_store_get_persistent (secrets));
  g_assert_cmpstr (dd_secret_store_get_message (secrets), ==,
                   "No keyring is available: secrets are kept only until you quit");

  /* Another store of the same session finds the secret in memory. */
  again = dd_source_store_new (NULL, secrets);
  g_assert_true (dd_test_load_sources (again, NULL));
  loaded = dd_source_store_lookup (again, id);
  g_assert_nonnull (loaded);
  load_secrets (again, loaded);
  g_assert_cmpstr (dd_source_get_secret_access_key (loaded), ==, SECRET_KEY);
  g_assert_cmpstr (dd_source_get_session_token (loaded), ==, SESSION_TOKEN);

  /* Removing a source forgets its secret there too. */
  dd_source_store_remove (again, loaded);
  dd_test_save_sources (again);
  {
    g_autoptr(DdSource) probe = g_object_new (DD_TYPE_SOURCE, "id", id, "name", "probe", NULL);

    load_secrets (again, probe);
    g_assert_false (dd_source_has_secrets (probe));
  }
}

static void
test_sidebar_state (void)
{
  g_autoptr(DdSource) source = dd_source_new ("state");
  g_autoptr(GError) error = g_error_new (DD_ERROR, DD_ERROR_NETWORK, "refused");

  g_assert_false (dd_source_get_connected (source));
  dd_source_set_last_result (source, error);
  g_assert_true (dd_source_get_has_error (source));
  g_assert_false (dd_source_get_last_test_ok (source));
  g_assert_cmpstr (dd_source_get_last_error (source), ==, "refused");
  dd_source_set_last_result (source, NULL);
  g_assert_false (dd_source_get_has_error (source));
  g_assert_true (dd_source_get_last_test_ok (source));
  g_assert_true (dd_source_get_connected (source));
  g_assert_null (dd_source_get_last_error (source));
}

static void
test_provider_for_iam_keys (void)
{
  g_autoptr(DdSource) source = new_iam_source ("keys");
  g_autoptr(DdSource) bare = dd_source_new ("bare");
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  provider = dd_source_create_provider (source, NULL, &error);
  g_assert_no_error (error);
  credentials = dd_test_get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, ACCESS_KEY_ID);
  g_assert_cmpstr (dd_credentials_get_secret_access_key (credentials), ==, SECRET_KEY);
  g_assert_cmpstr (dd_credentials_get_session_token (credentials), ==, SESSION_TOKEN);

  /* Keys whose secret is not loaded give a clear error, not a provider. */
  dd_source_set_access_key_id (bare, ACCESS_KEY_ID);
  g_assert_null (dd_source_create_provider (bare, NULL, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
}

static void
test_provider_for_profile (void)
{
  g_autoptr(DdSource) source = dd_source_new ("profile");
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aws = g_build_filename (g_get_home_dir (), ".aws", NULL);
  g_autofree char *file = g_build_filename (aws, "credentials", NULL);

  g_assert_cmpint (g_mkdir_with_parents (aws, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "[dev]\naws_access_key_id = AKIDPROFILE\n"
                                      "aws_secret_access_key = profile-secret\n", -1, NULL));
  dd_source_set_auth_mode (source, DD_AUTH_MODE_PROFILE);
  dd_source_set_profile_name (source, "dev");
  provider = dd_source_create_provider (source, NULL, &error);
  g_assert_no_error (error);
  credentials = dd_test_get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "AKIDPROFILE");
  g_assert_cmpstr (dd_credentials_get_secret_access_key (credentials), ==, "profile-secret");
}

static void
test_provider_for_roles (void)
{
  g_autoptr(DdSecretStore) secrets = dd_secret_store_new_in_memory ();
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, secrets);
  g_autoptr(DdSource) keys = new_iam_source ("keys");
  g_autoptr(DdSource) role = dd_source_new ("role");
  g_autoptr(DdSource) other = dd_source_new ("other");
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_source_store_add (store, keys, NULL));
  g_assert_true (dd_source_store_add (store, role, NULL));
  g_assert_true (dd_source_store_add (store, other, NULL));
  dd_source_set_auth_mode (role, DD_AUTH_MODE_ROLE_ARN);
  dd_source_set_role_arn (role, "arn:aws:iam::123456789012:role/Reader");
  dd_source_set_base_source_id (role, dd_source_get_id (keys));
  provider = dd_source_create_provider (role, store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (provider);

  /* The base's own failure comes through. */
  dd_source_clear_secrets (keys);
  g_assert_null (dd_source_create_provider (role, store, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "keys"));
  g_clear_error (&error);

  /* Two roles over each other are a loop, not a hang. */
  dd_source_set_auth_mode (other, DD_AUTH_MODE_ROLE_ARN);
  dd_source_set_role_arn (other, "arn:aws:iam::123456789012:role/Other");
  dd_source_set_base_source_id (other, dd_source_get_id (role));
  dd_source_set_base_source_id (role, dd_source_get_id (other));
  g_assert_null (dd_source_create_provider (role, store, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "loop"));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/source/json/round-trip", test_json_round_trip);
  g_test_add_func ("/dd/source/json/rejects-bad-entries", test_json_rejects_bad_entries);
  g_test_add_func ("/dd/source/validate", test_validate);
  g_test_add_func ("/dd/source/sidebar-state", test_sidebar_state);
  g_test_add_func ("/dd/source/provider/iam-keys", test_provider_for_iam_keys);
  g_test_add_func ("/dd/source/provider/profile", test_provider_for_profile);
  g_test_add_func ("/dd/source/provider/roles", test_provider_for_roles);
  g_test_add_func ("/dd/source-store/save-reload-rename-delete", test_save_reload_rename_delete);
  g_test_add_func ("/dd/source-store/names-and-duplicate", test_names_unique_and_duplicate);
  g_test_add_func ("/dd/source-store/no-secret-in-files", test_no_secret_in_files);
  g_test_add_func ("/dd/source-store/good-file", test_good_file_is_read);
  g_test_add_func ("/dd/source-store/damaged-file", test_damaged_file);
  g_test_add_func ("/dd/source-store/partly-damaged-file", test_partly_damaged_file);
  g_test_add_func ("/dd/secret-store/no-keyring", test_no_keyring);
  return g_test_run ();
}
