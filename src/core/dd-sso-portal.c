/* dd-sso-portal.c: the IAM Identity Center portal. */
#define G_LOG_DOMAIN "dd-sso-portal"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-provider-util.h"
#include "dd-sso-oidc.h"
#include "dd-sso-portal.h"
#include "dd-wipe.h"

/* A list longer than this many pages is taken for a service that repeats
 * itself. */
#define MAX_PAGES 1000

void
dd_sso_account_free (DdSsoAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->account_id);
  g_free (account->account_name);
  g_free (account->email_address);
  g_free (account);
}

void
dd_sso_role_free (DdSsoRole *role)
{
  if (role == NULL)
    return;
  g_free (role->account_id);
  g_free (role->role_name);
  g_free (role);
}

struct _DdSsoPortal
{
  GObject      parent_instance;
  SoupSession *session;
  char        *endpoint;
};

G_DEFINE_FINAL_TYPE (DdSsoPortal, dd_sso_portal, G_TYPE_OBJECT)

static void
dd_sso_portal_finalize (GObject *object)
{
  DdSsoPortal *self = DD_SSO_PORTAL (object);

  g_clear_object (&self->session);
  g_free (self->endpoint);
  G_OBJECT_CLASS (dd_sso_portal_parent_class)->finalize (object);
}

static void
dd_sso_portal_class_init (DdSsoPortalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_sso_portal_finalize;
}

static void
dd_sso_portal_init (DdSsoPortal *self)
{
  self->session = dd_sso_session_new ();
}

DdSsoPortal *
dd_sso_portal_new (const char *region,
                   const char *endpoint)
{
  DdSsoPortal *self = g_object_new (DD_TYPE_SSO_PORTAL, NULL);

  self->endpoint = endpoint != NULL ? g_strdup (endpoint) : dd_sso_endpoint ("sso", region);
  return self;
}

const char *
dd_sso_portal_get_endpoint (DdSsoPortal *self)
{
  g_return_val_if_fail (DD_IS_SSO_PORTAL (self), NULL);
  return self->endpoint;
}

static char *
escape (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/* GetRoleCredentials. */

static DdCredentials *
parse_role_credentials (JsonObject  *object,
                        const char  *provider,
                        GError     **error)
{
  JsonObject *credentials = json_object_has_member (object, "roleCredentials") &&
                            JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "roleCredentials"))
                            ? json_object_get_object_member (object, "roleCredentials") : NULL;
  JsonNode *expiration = credentials ? json_object_get_member (credentials, "expiration") : NULL;
  g_autoptr(GDateTime) expires = NULL;
  const char *key = dd_json_member_string (credentials, "accessKeyId");
  const char *secret = dd_json_member_string (credentials, "secretAccessKey");

  if (key == NULL || secret == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
                   _("GetRoleCredentials' answer has no roleCredentials with accessKeyId and secretAccessKey"));
      return NULL;
    }
  if (expiration != NULL && JSON_NODE_HOLDS_VALUE (expiration) &&
      json_node_get_value_type (expiration) == G_TYPE_INT64)
    {
      gint64 ms = json_node_get_int (expiration);

      /* milliseconds since the epoch, kept exact */
      expires = g_date_time_new_from_unix_utc (ms / 1000);
    }
  return dd_credentials_new (key, secret, dd_json_member_string (credentials, "sessionToken"),
                             expires, provider);
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) object = dd_sso_request_finish (result, &error);
  DdCredentials *credentials;

  if (object == NULL)
    {
      g_prefix_error (&error, "GetRoleCredentials: ");
      g_task_return_error (task, error);
      return;
    }
  credentials = parse_role_credentials (object, g_task_get_task_data (task), &error);
  dd_provider_util_return_credentials (task, credentials, error);
}

void
dd_sso_portal_get_role_credentials_async (DdSsoPortal         *self,
                                          const char          *access_token,
                                          const char          *account_id,
                                          const char          *role_name,
                                          const char          *provider,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  g_autofree char *role = NULL;
  g_autofree char *account = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (DD_IS_SSO_PORTAL (self));
  g_return_if_fail (access_token != NULL && account_id != NULL && role_name != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_sso_portal_get_role_credentials_async);
  g_task_set_task_data (task, g_strdup (provider != NULL ? provider : "sso"), g_free);
  role = escape (role_name);
  account = escape (account_id);
  path = g_strdup_printf ("/federation/credentials?role_name=%s&account_id=%s", role, account);
  dd_sso_request_async (self->session, self->endpoint, "GET", path, access_token, NULL,
                        cancellable, credentials_cb, task);
}

DdCredentials *
dd_sso_portal_get_role_credentials_finish (DdSsoPortal   *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The lists. */

typedef gpointer (*ParseItem) (JsonObject *item);

typedef struct
{
  char      *access_token;
  char      *path;          /* with its query, without next_token */
  char      *member;        /* "accountList" */
  ParseItem  parse;
  GPtrArray *items;
  guint      pages;
} Listing;

static void
listing_free (Listing *listing)
{
  dd_wipe_free (listing->access_token);
  g_free (listing->path);
  g_free (listing->member);
  g_ptr_array_unref (listing->items);
  g_free (listing);
}

static gpointer
parse_account (JsonObject *item)
{
  DdSsoAccount *account;

  if (dd_json_member_string (item, "accountId") == NULL)
    return NULL;
  account = g_new0 (DdSsoAccount, 1);
  account->account_id = g_strdup (dd_json_member_string (item, "accountId"));
  account->account_name = g_strdup (dd_json_member_string (item, "accountName"));
  account->email_address = g_strdup (dd_json_member_string (item, "emailAddress"));
  return account;
}

static gpointer
parse_role (JsonObject *item)
{
  DdSsoRole *role;

  if (dd_json_member_string (item, "roleName") == NULL)
    return NULL;
  role = g_new0 (DdSsoRole, 1);
  role->account_id = g_strdup (dd_json_member_string (item, "accountId"));
  role->role_name = g_strdup (dd_json_member_string (item, "roleName"));
  return role;
}

static void fetch_page (GTask *task, const char *next_token);

static void
collect (Listing    *listing,
         JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, listing->member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gpointer item = JSON_NODE_HOLDS_OBJECT (element) ? listing->parse (json_node_get_object (element)) : NULL;

      if (item != NULL)
        g_ptr_array_add (listing->items, item);
    }
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Listing *listing = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) object = dd_sso_request_finish (result, &error);
  const char *next;

  if (object == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  collect (listing, object);
  next = dd_json_member_string (object, "nextToken");
  if (next != NULL && *next && listing->pages < MAX_PAGES)
    {
      fetch_page (task, next);
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (listing->items), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
fetch_page (GTask      *task,
            const char *next_token)
{
  DdSsoPortal *self = g_task_get_source_object (task);
  Listing *listing = g_task_get_task_data (task);
  g_autofree char *token = next_token != NULL ? escape (next_token) : NULL;
  g_autofree char *path = NULL;

  listing->pages++;
  path = g_strdup_printf ("%s%s%s", listing->path, token ? "&next_token=" : "", token ? token : "");
  dd_sso_request_async (self->session, self->endpoint, "GET", path, listing->access_token, NULL,
                        g_task_get_cancellable (task), page_cb, task);
}

static void
list_async (DdSsoPortal         *self,
            const char          *access_token,
            char                *path,
            const char          *member,
            ParseItem            parse,
            GDestroyNotify       free_item,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Listing *listing = g_new0 (Listing, 1);

  g_task_set_source_tag (task, source_tag);
  listing->access_token = g_strdup (access_token);
  listing->path = path;
  listing->member = g_strdup (member);
  listing->parse = parse;
  listing->items = g_ptr_array_new_with_free_func (free_item);
  g_task_set_task_data (task, listing, (GDestroyNotify) listing_free);
  fetch_page (task, NULL);
}

void
dd_sso_portal_list_accounts_async (DdSsoPortal         *self,
                                   const char          *access_token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (DD_IS_SSO_PORTAL (self));
  g_return_if_fail (access_token != NULL);
  list_async (self, access_token, g_strdup ("/assignment/accounts?max_result=100"), "accountList",
              parse_account, (GDestroyNotify) dd_sso_account_free, dd_sso_portal_list_accounts_async,
              cancellable, callback, user_data);
}

GPtrArray *
dd_sso_portal_list_accounts_finish (DdSsoPortal   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_sso_portal_list_account_roles_async (DdSsoPortal         *self,
                                        const char          *access_token,
                                        const char          *account_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *account = NULL;

  g_return_if_fail (DD_IS_SSO_PORTAL (self));
  g_return_if_fail (access_token != NULL && account_id != NULL);
  account = escape (account_id);
  list_async (self, access_token, g_strdup_printf ("/assignment/roles?account_id=%s&max_result=100", account),
              "roleList", parse_role, (GDestroyNotify) dd_sso_role_free, dd_sso_portal_list_account_roles_async,
              cancellable, callback, user_data);
}

GPtrArray *
dd_sso_portal_list_account_roles_finish (DdSsoPortal   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
