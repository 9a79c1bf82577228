/* dd-mfa-prompt.h: asking the person for MFA codes and IAM Identity
 * Center sign-ins, without blocking the window.
 *
 * Wraps the provider of a source whose role has an MFA device (a role ARN
 * with an MFA device ARN, a profile with mfa_serial) in DdMfa inside a
 * DdProviderCache, so that a code is asked at first use and again when the
 * assumed role's credentials expire. The question is a non-modal dialog
 * showing the device ARN (and, after a refused code, STS's error); when
 * the source was already connected (a refresh in the background), a bar
 * asks first, and the request waits until the person answers. Cancelling
 * ends the waiting request with "MFA cancelled".
 *
 * The provider of an "sso" source is wrapped in DdSsoRelogin: when its
 * sign-in expired, the same bar (or, for a source not yet connected, the
 * dialog at once) asks for a new one; the dialog runs the device sign-in,
 * showing the code with a copy button and opening the page in the browser.
 */
#pragma once

#include <adwaita.h>

#include "dd-credentials-provider.h"
#include "dd-source.h"

G_BEGIN_DECLS

#define DD_TYPE_MFA_PROMPT (dd_mfa_prompt_get_type ())

G_DECLARE_FINAL_TYPE (DdMfaPrompt, dd_mfa_prompt, DD, MFA_PROMPT, GObject)

DdMfaPrompt           *dd_mfa_prompt_new         (GtkWindow             *parent);
/* The bar that asks for a code during a refresh, to pack in the window. */
GtkWidget             *dd_mfa_prompt_get_banner  (DdMfaPrompt           *self);
/* The provider to use for source: provider itself (a new reference) or,
 * when it may need MFA codes, a cache around DdMfa around its inner one. */
DdCredentialsProvider *dd_mfa_prompt_wrap        (DdMfaPrompt           *self,
                                                  DdSource              *source,
                                                  DdCredentialsProvider *provider);

/* The dialog asking now, or NULL; whether the bar is shown (tests). */
AdwMessageDialog      *dd_mfa_prompt_get_dialog  (DdMfaPrompt           *self);
gboolean               dd_mfa_prompt_get_banner_revealed (DdMfaPrompt   *self);
/* Types code into the MFA dialog and confirms it; code NULL cancels (an
 * MFA question or a sign-in). */
void                   dd_mfa_prompt_answer      (DdMfaPrompt           *self,
                                                  const char            *code);
/* Tests: no browser is opened; the code a sign-in dialog shows, or NULL. */
void                   dd_mfa_prompt_set_open_browser (DdMfaPrompt      *self,
                                                       gboolean          open_browser);
const char            *dd_mfa_prompt_get_user_code    (DdMfaPrompt      *self);
/* Opens the dialog for the question the bar holds. */
void                   dd_mfa_prompt_open        (DdMfaPrompt           *self);

G_END_DECLS
