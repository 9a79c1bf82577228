/* dd-provider-chain.h: providers tried in order until one answers.
 *
 * The default chain follows the AWS CLI: environment, web identity,
 * profile (AWS_PROFILE or default), container, instance metadata. When
 * every provider fails, the error lists what each one said.
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_CHAIN (dd_provider_chain_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderChain, dd_provider_chain, DD, PROVIDER_CHAIN, GObject)

DdCredentialsProvider *dd_provider_chain_new         (void);
DdCredentialsProvider *dd_provider_chain_new_default (void);
/* name labels the provider in the summary of errors. */
void                   dd_provider_chain_append      (DdProviderChain       *self,
                                                      const char            *name,
                                                      DdCredentialsProvider *provider);
guint                  dd_provider_chain_get_length  (DdProviderChain       *self);

G_END_DECLS
