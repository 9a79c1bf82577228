/* dd-test-fake-sso.h: a loopback fake of IAM Identity Center for the
 * tests: the OIDC service (/client/register, /device_authorization,
 * /token) and the portal (/federation/credentials, /assignment/...), on
 * one server, with the knobs a test turns; and the helpers the SSO tests
 * share.
 */
#pragma once

#include <libsoup/soup.h>

#include "dd-provider-sso.h"
#include "dd-sso-config.h"

G_BEGIN_DECLS

#define DD_TEST_SSO_START_URL "https://d-test123.awsapps.com/start"

typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *hits;              /* path -> count */
  char       *valid_token;       /* the bearer token the portal accepts */
  char       *refresh_token;     /* the one /token accepts */
  guint       pending;           /* device polls answered "pending" */
  gboolean    slow_down;         /* answer the first poll with SlowDown */
  char       *poll_error;        /* answer the polls with this OAuth error */
  gint64      poll_times[16];    /* monotonic µs of each device poll */
  guint       polls;
  char       *last_scopes;       /* RegisterClient's scopes, joined by ' ' */
  char       *last_client_name;
  GHashTable *last_query;
  /* a replayed answer for /federation/credentials */
  guint       replay_status;
  char       *replay_body;
} DdTestFakeSso;

DdTestFakeSso *dd_test_fake_sso_new       (void);
void           dd_test_fake_sso_free      (DdTestFakeSso *fake);
/* How many requests reached path. */
guint          dd_test_fake_sso_hits      (DdTestFakeSso *fake,
                                           const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTestFakeSso, dd_test_fake_sso_free)

/* $HOME/.aws/sso/cache. */
char          *dd_test_sso_cache_dir      (void);
/* Writes the AWS CLI's cache file for key (a session name or a start URL)
 * under $HOME/.aws/sso/cache; returns its path. */
char          *dd_test_sso_write_cache    (const char    *key,
                                           const char    *json);
/* Now plus seconds, as the cache writes times ("2026-11-24T12:00:00Z"). */
char          *dd_test_iso_from_now       (gint64         seconds);
/* Session (NULL: the legacy form), DD_TEST_SSO_START_URL, eu-west-1,
 * account 111111111111, role ReadOnly. */
DdSsoConfig   *dd_test_sso_session_config (const char    *session);
/* A provider for config whose OIDC and portal are the fake, one second
 * lasting 10 ms. */
DdProviderSso *dd_test_sso_provider       (DdTestFakeSso     *fake,
                                           const DdSsoConfig *config);

G_END_DECLS
