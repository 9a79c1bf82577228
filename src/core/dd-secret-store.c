/* dd-secret-store.c: the secrets of the data sources, in the Secret Service. */
#define G_LOG_DOMAIN "dd-secret-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-secret-store.h"

#define SECRETS_BUS_NAME "org.freedesktop.secrets"
#define NO_KEYRING_MESSAGE N_("No keyring is available: secrets are kept only until you quit")

typedef enum
{
  MODE_UNKNOWN,
  MODE_KEYRING,
  MODE_MEMORY,
} Mode;

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} OpKind;

typedef struct
{
  OpKind  kind;
  char   *source_id;
  char   *label;
  char   *value;   /* OP_STORE: the encoded secret */
} Op;

typedef struct
{
  char *secret_access_key;
  char *session_token;
} Found;

struct _DdSecretStore
{
  GObject     parent_instance;
  Mode        mode;
  GHashTable *memory;   /* source id -> encoded secret */
};

enum {
  PROP_0,
  PROP_PERSISTENT,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdSecretStore, dd_secret_store, G_TYPE_OBJECT)

static const SecretSchema schema = {
  DD_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "source-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

const void *
dd_secret_store_get_schema (void)
{
  return &schema;
}

void
dd_secret_store_free_secret (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
op_free (Op *op)
{
  g_free (op->source_id);
  g_free (op->label);
  dd_secret_store_free_secret (op->value);
  g_free (op);
}

static void
found_free (Found *found)
{
  dd_secret_store_free_secret (found->secret_access_key);
  dd_secret_store_free_secret (found->session_token);
  g_free (found);
}

/* The item's value: {"secret_access_key": "...", "session_token": "..."}. */
static char *
encode_secret (const char *secret_access_key,
               const char *session_token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret_access_key");
  json_builder_add_string_value (builder, secret_access_key);
  if (session_token != NULL && *session_token)
    {
      json_builder_set_member_name (builder, "session_token");
      json_builder_add_string_value (builder, session_token);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static Found *
decode_secret (const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Found *found = g_new0 (Found, 1);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, value, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Not ours: take the whole value as the secret key. */
      found->secret_access_key = g_strdup (value);
      return found;
    }
  found->secret_access_key =
    g_strdup (dd_json_member_string (json_node_get_object (root), "secret_access_key"));
  found->session_token =
    g_strdup (dd_json_member_string (json_node_get_object (root), "session_token"));
  return found;
}

/* Ends task with the secret of value (a stored item's value; NULL: none). */
static void
return_found (GTask      *task,
              const char *value)
{
  g_task_return_pointer (task, value != NULL ? decode_secret (value) : NULL,
                         (GDestroyNotify) found_free);
}

static void
switch_to_memory (DdSecretStore *self)
{
  if (self->mode == MODE_MEMORY)
    return;
  g_debug ("no Secret Service: secrets stay in memory");
  self->mode = MODE_MEMORY;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/* Errors that mean there is no Secret Service at all, as opposed to one
 * that refused (a locked keyring, a dismissed prompt). */
static gboolean
is_no_service_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return error->code == G_DBUS_ERROR_SERVICE_UNKNOWN
           || error->code == G_DBUS_ERROR_NAME_HAS_NO_OWNER
           || error->code == G_DBUS_ERROR_NO_SERVER
           || error->code == G_DBUS_ERROR_DISCONNECTED
           || error->code == G_DBUS_ERROR_FILE_NOT_FOUND
           || error->code == G_DBUS_ERROR_SPAWN_EXEC_FAILED
           || error->code == G_DBUS_ERROR_SPAWN_CHILD_EXITED
           || error->code == G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND
           || error->code == G_DBUS_ERROR_SPAWN_FAILED;
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
run_in_memory (DdSecretStore *self,
               GTask         *task)
{
  Op *op = g_task_get_task_data (task);
  const char *value;

  switch (op->kind)
    {
    case OP_STORE:
      g_hash_table_replace (self->memory, g_strdup (op->source_id), g_steal_pointer (&op->value));
      g_task_return_boolean (task, TRUE);
      break;
    case OP_LOOKUP:
      value = g_hash_table_lookup (self->memory, op->source_id);
      return_found (task, value);
      break;
    case OP_CLEAR:
      g_hash_table_remove (self->memory, op->source_id);
      g_task_return_boolean (task, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Finishes the task after a libsecret error: in memory when there is no
 * service after all, else with the error. */
static void
handle_keyring_error (GTask  *task,
                      GError *error)
{
  DdSecretStore *self = g_task_get_source_object (task);
  char *message;

  if (is_no_service_error (error))
    {
      g_error_free (error);
      switch_to_memory (self);
      run_in_memory (self, task);
      return;
    }
  /* Translators: %s is the keyring's reason. */
  message = g_strdup_printf (_("The keyring refused: %s"), error->message);
  g_free (error->message);
  error->message = message;
  g_task_return_error (task, error);
}

/* Store and clear end with a boolean. */
static void
password_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (op->kind == OP_STORE)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);
  if (error != NULL)
    handle_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
password_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *value = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      handle_keyring_error (task, error);
      return;
    }
  return_found (task, value);
  secret_password_free (value);
}

static void
run_in_keyring (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (op->kind)
    {
    case OP_STORE:
      secret_password_store (&schema, SECRET_COLLECTION_DEFAULT, op->label, op->value,
                             cancellable, password_done_cb, task,
                             "source-id", op->source_id, NULL);
      break;
    case OP_LOOKUP:
      secret_password_lookup (&schema, cancellable, password_lookup_cb, task,
                              "source-id", op->source_id, NULL);
      break;
    case OP_CLEAR:
      secret_password_clear (&schema, cancellable, password_done_cb, task,
                             "source-id", op->source_id, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
run (GTask *task)
{
  DdSecretStore *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task))
    g_object_unref (task);
  else if (self->mode == MODE_MEMORY)
    {
      run_in_memory (self, task);
      g_object_unref (task);
    }
  else
    run_in_keyring (task);
}

static void
list_activatable_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  DdSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **names = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(^a&s)", &names);
  if (self->mode == MODE_UNKNOWN)
    {
      if (names != NULL && g_strv_contains (names, SECRETS_BUS_NAME))
        self->mode = MODE_KEYRING;
      else
        switch_to_memory (self);
    }
  run (task);
}

static void
name_has_owner_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  DdSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    {
      if (self->mode == MODE_UNKNOWN)
        self->mode = MODE_KEYRING;
      run (task);
      return;
    }
  /* Not running: the bus may still start it on the first call. */
  g_dbus_connection_call (G_DBUS_CONNECTION (object), "org.freedesktop.DBus",
                          "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          list_activatable_cb, task);
}

static void
bus_get_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  DdSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_debug ("no session bus: %s", error->message);
      switch_to_memory (self);
      run (task);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", SECRETS_BUS_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          name_has_owner_cb, task);
}

/* Takes the task's reference: finds out once whether there is a Secret
 * Service, then runs the operation. */
static void
start (DdSecretStore *self,
       GTask         *task)
{
  if (self->mode != MODE_UNKNOWN)
    {
      run (task);
      return;
    }
  g_bus_get (G_BUS_TYPE_SESSION, g_task_get_cancellable (task), bus_get_cb, task);
}

static GTask *
new_task (DdSecretStore       *self,
          OpKind               kind,
          const char          *source_id,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  op->kind = kind;
  op->source_id = g_strdup (source_id);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

void
dd_secret_store_store_async (DdSecretStore       *self,
                             const char          *source_id,
                             const char          *label,
                             const char          *secret_access_key,
                             const char          *session_token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (DD_IS_SECRET_STORE (self));
  g_return_if_fail (source_id != NULL);
  g_return_if_fail (secret_access_key != NULL);

  task = new_task (self, OP_STORE, source_id, dd_secret_store_store_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->label = g_strdup (label != NULL ? label : _("Dynamo Desk data source"));
  op->value = encode_secret (secret_access_key, session_token);
  start (self, task);
}

gboolean
dd_secret_store_store_finish (DdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_secret_store_lookup_async (DdSecretStore       *self,
                              const char          *source_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (DD_IS_SECRET_STORE (self));
  g_return_if_fail (source_id != NULL);

  start (self, new_task (self, OP_LOOKUP, source_id, dd_secret_store_lookup_async, cancellable, callback, user_data));
}

gboolean
dd_secret_store_lookup_finish (DdSecretStore  *self,
                               GAsyncResult   *result,
                               char          **secret_access_key,
                               char          **session_token,
                               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  Found *found;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (secret_access_key != NULL)
    *secret_access_key = found != NULL ? g_steal_pointer (&found->secret_access_key) : NULL;
  if (session_token != NULL)
    *session_token = found != NULL ? g_steal_pointer (&found->session_token) : NULL;
  if (found != NULL)
    found_free (found);
  return TRUE;
}

void
dd_secret_store_clear_async (DdSecretStore       *self,
                             const char          *source_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (DD_IS_SECRET_STORE (self));
  g_return_if_fail (source_id != NULL);

  start (self, new_task (self, OP_CLEAR, source_id, dd_secret_store_clear_async, cancellable, callback, user_data));
}

gboolean
dd_secret_store_clear_finish (DdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
dd_secret_store_get_persistent (DdSecretStore *self)
{
  g_return_val_if_fail (DD_IS_SECRET_STORE (self), FALSE);
  return self->mode != MODE_MEMORY;
}

const char *
dd_secret_store_get_message (DdSecretStore *self)
{
  g_return_val_if_fail (DD_IS_SECRET_STORE (self), NULL);
  return self->mode == MODE_MEMORY ? _(NO_KEYRING_MESSAGE) : NULL;
}

static void
dd_secret_store_finalize (GObject *object)
{
  DdSecretStore *self = DD_SECRET_STORE (object);

  g_clear_pointer (&self->memory, g_hash_table_unref);
  G_OBJECT_CLASS (dd_secret_store_parent_class)->finalize (object);
}

static void
dd_secret_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdSecretStore *self = DD_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      g_value_set_boolean (value, dd_secret_store_get_persistent (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, dd_secret_store_get_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_secret_store_class_init (DdSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_secret_store_finalize;
  object_class->get_property = dd_secret_store_get_property;

  properties[PROP_PERSISTENT] =
    g_param_spec_boolean ("persistent", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_secret_store_init (DdSecretStore *self)
{
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) dd_secret_store_free_secret);
}

DdSecretStore *
dd_secret_store_new (void)
{
  return g_object_new (DD_TYPE_SECRET_STORE, NULL);
}

DdSecretStore *
dd_secret_store_new_in_memory (void)
{
  DdSecretStore *self = g_object_new (DD_TYPE_SECRET_STORE, NULL);

  self->mode = MODE_MEMORY;
  return self;
}
