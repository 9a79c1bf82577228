/* dd-profile-file.c: the shared AWS config and credentials files.
 *
 * Written by hand: the files look like INI but are not (GKeyFile rejects
 * continuation lines and sub-properties, and treats comments differently),
 * and the SDKs agree on precise rules that a shared test suite pins down.
 * Parsing happens in two steps, as in the SDKs: lines into raw sections
 * named as written, then raw sections into profiles (names validated,
 * prefixes checked, "[profile default]" preferred, files merged).
 */
#define G_LOG_DOMAIN "dd-profile-file"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-profile-file.h"

struct _DdProfileFile
{
  GObject     parent_instance;
  GHashTable *profiles;      /* name -> GHashTable (lowercase key -> value) */
  GHashTable *sso_sessions;  /* name -> GHashTable */
};

G_DEFINE_FINAL_TYPE (DdProfileFile, dd_profile_file, G_TYPE_OBJECT)

typedef struct
{
  char       *name;   /* as written between the brackets */
  GHashTable *props;
} RawSection;

typedef struct
{
  GPtrArray   *sections;   /* RawSection, in the order first seen */
  GHashTable  *by_name;    /* raw name -> RawSection (borrowed) */
  RawSection  *current;
  char        *property;   /* the property a continuation extends, or NULL */
  gboolean     is_subproperty;
  const char  *file_name;
  guint        line_number;
} Parser;

static void
raw_section_free (gpointer data)
{
  RawSection *section = data;

  g_free (section->name);
  g_hash_table_unref (section->props);
  g_free (section);
}

static GHashTable *
new_props (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Trims spaces and tabs (only those, like the SDKs) from both ends. */
static char *
trim_blanks (const char *start,
             gsize       len)
{
  while (len > 0 && is_blank (*start))
    start++, len--;
  while (len > 0 && is_blank (start[len - 1]))
    len--;
  return g_strndup (start, len);
}

static gboolean
is_empty_line (const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/* Trims the line and cuts a trailing comment. In a property line a comment
 * starts only after whitespace ("value;x" keeps the ';'). */
static char *
prepare_line (const char *line,
              gboolean    comments_need_whitespace)
{
  g_autofree char *trimmed = trim_blanks (line, strlen (line));
  gboolean prev_blank = FALSE;
  gsize end = strlen (trimmed);

  for (gsize i = 0; trimmed[i]; i++)
    {
      if ((trimmed[i] == '#' || trimmed[i] == ';') && (prev_blank || !comments_need_whitespace))
        {
          end = i;
          break;
        }
      prev_blank = g_ascii_isspace (trimmed[i]);
    }
  return trim_blanks (trimmed, end);
}

static gboolean
parse_error (Parser      *p,
             GError     **error,
             const char  *what)
{
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
               _("could not parse profile file %s, line %u: %s"),
               p->file_name, p->line_number, what);
  return FALSE;
}

/* Splits "key = value" at the first '='. */
static gboolean
split_property (const char  *line,
                char       **key,
                char       **value)
{
  const char *eq = strchr (line, '=');

  if (eq == NULL)
    return FALSE;
  *key = trim_blanks (line, eq - line);
  *value = trim_blanks (eq + 1, strlen (eq + 1));
  return TRUE;
}

static gboolean
read_section_line (Parser      *p,
                   const char  *line,
                   GError     **error)
{
  g_autofree char *prepared = prepare_line (line, FALSE);
  gsize len = strlen (prepared);
  g_autofree char *name = NULL;

  if (len < 2 || prepared[len - 1] != ']')
    return parse_error (p, error, _("Profile definition must end with ']'"));
  name = g_strndup (prepared + 1, len - 2);
  p->current = g_hash_table_lookup (p->by_name, name);
  if (p->current == NULL)
    {
      p->current = g_new0 (RawSection, 1);
      p->current->name = g_steal_pointer (&name);
      p->current->props = new_props ();
      g_ptr_array_add (p->sections, p->current);
      g_hash_table_insert (p->by_name, p->current->name, p->current);
    }
  g_clear_pointer (&p->property, g_free);
  return TRUE;
}

static gboolean
read_property_line (Parser      *p,
                    const char  *line,
                    GError     **error)
{
  g_autofree char *prepared = NULL;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (p->current == NULL)
    return parse_error (p, error, _("Expected a profile definition"));
  prepared = prepare_line (line, TRUE);
  if (!split_property (prepared, &key, &value))
    return parse_error (p, error, _("Expected an '=' sign defining a property"));
  if (*key == '\0')
    return parse_error (p, error, _("Property did not have a name"));

  g_free (p->property);
  p->property = g_ascii_strdown (key, -1);
  p->is_subproperty = *value == '\0';
  g_hash_table_insert (p->current->props, g_strdup (p->property), g_steal_pointer (&value));
  return TRUE;
}

static gboolean
read_continuation_line (Parser      *p,
                        const char  *line,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *old;

  if (p->current == NULL)
    return parse_error (p, error, _("Expected a profile definition"));
  if (p->property == NULL)
    return parse_error (p, error, _("Expected a property definition, found continuation"));

  trimmed = trim_blanks (line, strlen (line));
  if (p->is_subproperty)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (!split_property (trimmed, &key, &value))
        return parse_error (p, error, _("Expected an '=' sign defining a sub-property"));
      if (*key == '\0')
        return parse_error (p, error, _("Sub-property did not have a name"));
    }
  old = g_hash_table_lookup (p->current->props, p->property);
  g_hash_table_insert (p->current->props, g_strdup (p->property),
                       g_strconcat (old != NULL ? old : "", "\n", trimmed, NULL));
  return TRUE;
}

static gboolean
parse_line (Parser      *p,
            const char  *line,
            GError     **error)
{
  if (is_empty_line (line) || line[0] == '#' || line[0] == ';')
    return TRUE;
  if (line[0] == '[')
    return read_section_line (p, line, error);
  if (is_blank (line[0]))
    return read_continuation_line (p, line, error);
  return read_property_line (p, line, error);
}

static gboolean
parse_text (Parser      *p,
            const char  *text,
            GError     **error)
{
  const char *start = text;

  while (*start)
    {
      const char *end = strchr (start, '\n');
      gsize len = end != NULL ? (gsize) (end - start) : strlen (start);
      g_autofree char *line = NULL;

      if (len > 0 && start[len - 1] == '\r')
        len--;
      line = g_strndup (start, len);
      p->line_number++;
      if (!parse_line (p, line, error))
        return FALSE;
      if (end == NULL)
        break;
      start = end + 1;
    }
  return TRUE;
}

gboolean
dd_profile_file_is_valid_identifier (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (*name == '\0')
    return FALSE;
  for (const char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && strchr ("_-/.%@:+", *c) == NULL)
      return FALSE;
  return TRUE;
}

typedef enum
{
  PREFIX_NONE,
  PREFIX_PROFILE,
  PREFIX_SSO_SESSION,
} Prefix;

/* "profile foo" -> "foo" with PREFIX_PROFILE; "profilefoo" has no prefix. */
static char *
section_name (const char        *raw,
              DdProfileFileKind  kind,
              Prefix            *prefix)
{
  g_autofree char *trimmed = trim_blanks (raw, strlen (raw));
  static const struct { const char *word; Prefix prefix; } prefixes[] = {
    { "profile", PREFIX_PROFILE },
    { "sso-session", PREFIX_SSO_SESSION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i].word);

      if (prefixes[i].prefix == PREFIX_SSO_SESSION && kind != DD_PROFILE_FILE_KIND_CONFIG)
        continue;
      if (strncmp (trimmed, prefixes[i].word, n) == 0 && is_blank (trimmed[n]))
        {
          *prefix = prefixes[i].prefix;
          return trim_blanks (trimmed + n, strlen (trimmed + n));
        }
    }
  *prefix = PREFIX_NONE;
  return g_steal_pointer (&trimmed);
}

static gboolean
section_is_valid (const char        *name,
                  Prefix             prefix,
                  DdProfileFileKind  kind)
{
  if (kind == DD_PROFILE_FILE_KIND_CREDENTIALS && prefix == PREFIX_PROFILE)
    return FALSE;
  if (kind == DD_PROFILE_FILE_KIND_CONFIG && prefix == PREFIX_NONE && !g_str_equal (name, "default"))
    return FALSE;
  return dd_profile_file_is_valid_identifier (name);
}

static GHashTable *
lookup_or_add (GHashTable *table,
               const char *name)
{
  GHashTable *props = g_hash_table_lookup (table, name);

  if (props == NULL)
    {
      props = new_props ();
      g_hash_table_insert (table, g_strdup (name), props);
    }
  return props;
}

static void
merge_props (GHashTable *target,
             GHashTable *source)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, source);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (dd_profile_file_is_valid_identifier (key))
      g_hash_table_insert (target, g_strdup (key), g_strdup (value));
    else
      g_debug ("ignoring the property with an invalid name '%s'", (const char *) key);
}

static void
merge_sections (DdProfileFile     *self,
                GPtrArray         *sections,
                DdProfileFileKind  kind)
{
  gboolean prefixed_default = FALSE;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < sections->len; i++)
      {
        RawSection *section = g_ptr_array_index (sections, i);
        Prefix prefix;
        g_autofree char *name = section_name (section->name, kind, &prefix);
        gboolean is_default = g_str_equal (name, "default");

        if (!section_is_valid (name, prefix, kind))
          {
            if (pass == 1)
              g_debug ("ignoring the section [%s]", section->name);
            continue;
          }
        if (pass == 0)
          {
            prefixed_default |= is_default && prefix == PREFIX_PROFILE;
            continue;
          }
        /* [profile default] replaces [default] whole. */
        if (is_default && prefix == PREFIX_NONE && prefixed_default)
          continue;
        merge_props (lookup_or_add (prefix == PREFIX_SSO_SESSION ? self->sso_sessions : self->profiles, name),
                     section->props);
      }
}

gboolean
dd_profile_file_merge_text (DdProfileFile      *self,
                            DdProfileFileKind   kind,
                            const char         *text,
                            const char         *file_name,
                            GError            **error)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (raw_section_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  Parser p = { sections, by_name, NULL, NULL, FALSE, NULL, 0 };
  gboolean ok;

  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  p.file_name = file_name != NULL ? file_name
              : kind == DD_PROFILE_FILE_KIND_CONFIG ? "config" : "credentials";
  ok = parse_text (&p, text, error);
  g_free (p.property);
  if (ok)
    merge_sections (self, sections, kind);
  return ok;
}

static char *
expand_home (const char *path)
{
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}

static char *
default_path (const char *variable,
              const char *file_name)
{
  const char *value = g_getenv (variable);

  if (value != NULL && *value)
    return expand_home (value);
  return g_build_filename (g_get_home_dir (), ".aws", file_name, NULL);
}

char *
dd_profile_file_default_config_path (void)
{
  return default_path ("AWS_CONFIG_FILE", "config");
}

char *
dd_profile_file_default_credentials_path (void)
{
  return default_path ("AWS_SHARED_CREDENTIALS_FILE", "credentials");
}

const char *
dd_profile_file_selected_profile_name (void)
{
  const char *name = g_getenv ("AWS_PROFILE");

  return name != NULL && *name ? name : "default";
}

static gboolean
merge_file (DdProfileFile      *self,
            DdProfileFileKind   kind,
            const char         *path,
            GError            **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, DD_ERROR, DD_ERROR_FAILED, _("could not read %s: %s"), path, local_error->message);
      return FALSE;
    }
  return dd_profile_file_merge_text (self, kind, text, path, error);
}

DdProfileFile *
dd_profile_file_load (const char  *config_path,
                      const char  *credentials_path,
                      GError     **error)
{
  g_autoptr(DdProfileFile) self = dd_profile_file_new ();
  g_autofree char *config = config_path ? expand_home (config_path) : dd_profile_file_default_config_path ();
  g_autofree char *credentials = credentials_path ? expand_home (credentials_path)
                                                  : dd_profile_file_default_credentials_path ();

  if (!merge_file (self, DD_PROFILE_FILE_KIND_CONFIG, config, error) ||
      !merge_file (self, DD_PROFILE_FILE_KIND_CREDENTIALS, credentials, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;
  DdProfileFile *file = dd_profile_file_load (paths[0], paths[1], &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

void
dd_profile_file_load_async (const char         *config_path,
                            const char         *credentials_path,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  char **paths = g_new0 (char *, 3);

  /* The defaults are read here, on the calling thread: the environment is
   * not safe to read from a worker. */
  paths[0] = config_path ? expand_home (config_path) : dd_profile_file_default_config_path ();
  paths[1] = credentials_path ? expand_home (credentials_path) : dd_profile_file_default_credentials_path ();
  g_task_set_source_tag (task, dd_profile_file_load_async);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, load_thread);
}

DdProfileFile *
dd_profile_file_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GStrv
sorted_keys (GHashTable *table)
{
  guint n = 0;
  char **keys;

  if (table == NULL)
    return NULL;
  keys = (char **) g_hash_table_get_keys_as_array (table, &n);
  for (guint i = 0; i < n; i++)
    keys[i] = g_strdup (keys[i]);
  qsort (keys, n, sizeof (char *), compare_strings);
  return keys;
}

static const char *
lookup_value (GHashTable *table,
              const char *name,
              const char *key)
{
  GHashTable *props = g_hash_table_lookup (table, name);
  g_autofree char *lower = NULL;

  if (props == NULL)
    return NULL;
  lower = g_ascii_strdown (key, -1);
  return g_hash_table_lookup (props, lower);
}

static void
set_value (GHashTable *table,
           const char *name,
           const char *key,
           const char *value)
{
  GHashTable *props = lookup_or_add (table, name);

  if (key != NULL && value != NULL)
    g_hash_table_insert (props, g_ascii_strdown (key, -1), g_strdup (value));
}

gboolean
dd_profile_file_is_empty (DdProfileFile *self)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), TRUE);
  return g_hash_table_size (self->profiles) == 0;
}

gboolean
dd_profile_file_has_profile (DdProfileFile *self,
                             const char    *profile)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);
  return g_hash_table_contains (self->profiles, profile);
}

GStrv
dd_profile_file_get_profile_names (DdProfileFile *self)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), NULL);
  return sorted_keys (self->profiles);
}

GStrv
dd_profile_file_get_keys (DdProfileFile *self,
                          const char    *profile)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  return sorted_keys (g_hash_table_lookup (self->profiles, profile));
}

const char *
dd_profile_file_get (DdProfileFile *self,
                     const char    *profile,
                     const char    *key)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), NULL);
  g_return_val_if_fail (profile != NULL && key != NULL, NULL);
  return lookup_value (self->profiles, profile, key);
}

void
dd_profile_file_set (DdProfileFile *self,
                     const char    *profile,
                     const char    *key,
                     const char    *value)
{
  g_return_if_fail (DD_IS_PROFILE_FILE (self));
  g_return_if_fail (profile != NULL);
  set_value (self->profiles, profile, key, value);
}

GStrv
dd_profile_file_get_sso_session_names (DdProfileFile *self)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), NULL);
  return sorted_keys (self->sso_sessions);
}

GStrv
dd_profile_file_get_sso_session_keys (DdProfileFile *self,
                                      const char    *session)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), NULL);
  g_return_val_if_fail (session != NULL, NULL);
  return sorted_keys (g_hash_table_lookup (self->sso_sessions, session));
}

const char *
dd_profile_file_get_sso_session (DdProfileFile *self,
                                 const char    *session,
                                 const char    *key)
{
  g_return_val_if_fail (DD_IS_PROFILE_FILE (self), NULL);
  g_return_val_if_fail (session != NULL && key != NULL, NULL);
  return lookup_value (self->sso_sessions, session, key);
}

void
dd_profile_file_set_sso_session (DdProfileFile *self,
                                 const char    *session,
                                 const char    *key,
                                 const char    *value)
{
  g_return_if_fail (DD_IS_PROFILE_FILE (self));
  g_return_if_fail (session != NULL);
  set_value (self->sso_sessions, session, key, value);
}

static void
dd_profile_file_finalize (GObject *object)
{
  DdProfileFile *self = DD_PROFILE_FILE (object);

  g_clear_pointer (&self->profiles, g_hash_table_unref);
  g_clear_pointer (&self->sso_sessions, g_hash_table_unref);
  G_OBJECT_CLASS (dd_profile_file_parent_class)->finalize (object);
}

static void
dd_profile_file_class_init (DdProfileFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_profile_file_finalize;
}

static void
dd_profile_file_init (DdProfileFile *self)
{
  self->profiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  self->sso_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_hash_table_unref);
}

DdProfileFile *
dd_profile_file_new (void)
{
  return g_object_new (DD_TYPE_PROFILE_FILE, NULL);
}
