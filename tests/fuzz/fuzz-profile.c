/* fuzz-profile.c: the ~/.aws config and credentials parser (dd-profile-file).
 *
 * Input: one byte (bit 0: the credentials file, else the config file),
 * then the file's text. It is merged into a file that already holds a
 * profile. Checked: a failed merge leaves the file as it was; after a
 * merge every profile named exists and is a valid identifier, every key it
 * lists is a valid lowercase identifier with a value; merging the same text
 * again changes nothing (the result is a function of the text).
 */
#define G_LOG_DOMAIN "fuzz-profile"

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "dd-error.h"
#include "dd-profile-file.h"

/* Every profile and SSO session with its keys and values, as one text. */
static char *
dump (DdProfileFile *file)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) names = dd_profile_file_get_profile_names (file);
  g_auto(GStrv) sessions = dd_profile_file_get_sso_session_names (file);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) keys = dd_profile_file_get_keys (file, names[i]);

      g_assert_true (dd_profile_file_has_profile (file, names[i]));
      g_assert_true (dd_profile_file_is_valid_identifier (names[i]));
      g_assert_nonnull (keys);
      g_string_append_printf (out, "[%s]\n", names[i]);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          const char *value = dd_profile_file_get (file, names[i], keys[k]);
          g_autofree char *upper = g_ascii_strup (keys[k], -1);

          g_assert_true (dd_profile_file_is_valid_identifier (keys[k]));
          g_assert_nonnull (value);
          g_assert_cmpstr (dd_profile_file_get (file, names[i], upper), ==, value);
          g_string_append_printf (out, "%s=%s\n", keys[k], value);
        }
    }
  for (guint i = 0; sessions[i] != NULL; i++)
    {
      g_auto(GStrv) keys = dd_profile_file_get_sso_session_keys (file, sessions[i]);

      g_assert_nonnull (keys);
      g_string_append_printf (out, "[sso-session %s]\n", sessions[i]);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          const char *value = dd_profile_file_get_sso_session (file, sessions[i], keys[k]);

          g_assert_nonnull (value);
          g_string_append_printf (out, "%s=%s\n", keys[k], value);
        }
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DdProfileFile) file = dd_profile_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  DdProfileFileKind kind;

  fuzz_init_once ();
  if (size < 1)
    return 0;
  kind = (data[0] & 1) ? DD_PROFILE_FILE_KIND_CREDENTIALS : DD_PROFILE_FILE_KIND_CONFIG;
  text = g_strndup ((const char *) data + 1, size - 1);
  dd_profile_file_set (file, "kept", "region", "eu-west-1");
  before = dump (file);
  if (!dd_profile_file_merge_text (file, kind, text, "fuzzed", &error))
    {
      g_assert_nonnull (error);
      after = dump (file);
      g_assert_cmpstr (after, ==, before);
      return 0;
    }
  g_assert_no_error (error);
  after = dump (file);
  g_assert_true (dd_profile_file_merge_text (file, kind, text, "fuzzed", &error));
  again = dump (file);
  g_assert_cmpstr (again, ==, after);
  return 0;
}
