/* dd-profile-file.h: the shared AWS config and credentials files.
 *
 * Parses ~/.aws/config ("[profile NAME]", "[default]", "[sso-session NAME]")
 * and ~/.aws/credentials ("[NAME]") by the rules every AWS SDK shares:
 * '#' and ';' comments, continuation lines, sub-properties, trimmed
 * whitespace, case-insensitive property names, invalid profile and property
 * names skipped, "[profile default]" winning over "[default]", the
 * credentials file winning over the config file for the same property.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_PROFILE_FILE_KIND_CONFIG,
  DD_PROFILE_FILE_KIND_CREDENTIALS,
} DdProfileFileKind;

#define DD_TYPE_PROFILE_FILE (dd_profile_file_get_type ())

G_DECLARE_FINAL_TYPE (DdProfileFile, dd_profile_file, DD, PROFILE_FILE, GObject)

DdProfileFile *dd_profile_file_new                   (void);

/* Parses one file's text and merges it into self (parse the config file
 * first, then the credentials file). file_name is used in error messages.
 * On error self is left unchanged. */
gboolean       dd_profile_file_merge_text            (DdProfileFile      *self,
                                                      DdProfileFileKind   kind,
                                                      const char         *text,
                                                      const char         *file_name,
                                                      GError            **error);

/* Reads both files (a missing file counts as empty). NULL paths mean the
 * defaults: AWS_CONFIG_FILE or ~/.aws/config, AWS_SHARED_CREDENTIALS_FILE
 * or ~/.aws/credentials. */
DdProfileFile *dd_profile_file_load                  (const char         *config_path,
                                                      const char         *credentials_path,
                                                      GError            **error);
/* The same, in a worker thread. */
void           dd_profile_file_load_async            (const char         *config_path,
                                                      const char         *credentials_path,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
DdProfileFile *dd_profile_file_load_finish           (GAsyncResult       *result,
                                                      GError            **error);

/* Default paths, with a leading "~/" expanded. */
char          *dd_profile_file_default_config_path      (void);
char          *dd_profile_file_default_credentials_path (void);
/* AWS_PROFILE, or "default". */
const char    *dd_profile_file_selected_profile_name (void);

gboolean       dd_profile_file_is_empty              (DdProfileFile      *self);
gboolean       dd_profile_file_has_profile           (DdProfileFile      *self,
                                                      const char         *profile);
/* Sorted profile names. */
GStrv          dd_profile_file_get_profile_names     (DdProfileFile      *self);
/* Sorted lowercase property names of a profile (NULL when there is no such profile). */
GStrv          dd_profile_file_get_keys              (DdProfileFile      *self,
                                                      const char         *profile);
/* A property's value, or NULL. key is case-insensitive. */
const char    *dd_profile_file_get                   (DdProfileFile      *self,
                                                      const char         *profile,
                                                      const char         *key);
/* Adds or replaces a property (creating the profile); value NULL creates
 * only the profile. For tests and for callers that build profiles. */
void           dd_profile_file_set                   (DdProfileFile      *self,
                                                      const char         *profile,
                                                      const char         *key,
                                                      const char         *value);

GStrv          dd_profile_file_get_sso_session_names (DdProfileFile      *self);
GStrv          dd_profile_file_get_sso_session_keys  (DdProfileFile      *self,
                                                      const char         *session);
const char    *dd_profile_file_get_sso_session       (DdProfileFile      *self,
                                                      const char         *session,
                                                      const char         *key);
void           dd_profile_file_set_sso_session       (DdProfileFile      *self,
                                                      const char         *session,
                                                      const char         *key,
                                                      const char         *value);

/* TRUE when name is a valid profile or property name (letters, digits and
 * - / . % @ _ : +). */
gboolean       dd_profile_file_is_valid_identifier   (const char         *name);

G_END_DECLS
