/* dd-test-client.c: a client on the local DynamoDB with dummy credentials. */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-provider-static.h"
#include "dd-test-dynamo.h"

DdClient *
dd_test_dynamo_new_client (DdTestDynamo *self)
{
  g_autoptr(DdCredentials) creds = dd_credentials_new ("AKIDLOCALTEST", "local-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (creds);

  return dd_client_new ("us-east-1", dd_test_dynamo_get_endpoint (self), provider);
}
