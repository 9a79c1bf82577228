/* dd-mfa-prompt.c: asking the person for MFA codes and IAM Identity
 * Center sign-ins, without blocking the window. */
#define G_LOG_DOMAIN "dd-mfa-prompt"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-mfa.h"
#include "dd-mfa-prompt.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-cache.h"
#include "dd-provider-profile.h"
#include "dd-provider-sso.h"
#include "dd-sso-page.h"
#include "dd-sso-relogin.h"

typedef struct
{
  DdMfaPrompt  *self;         /* weak: the prompt outlives no provider it made */
  char         *source_id;
  char         *source_name;
  DdSource     *source;       /* weak */
} Context;

typedef struct
{
  GTask        *task;
  GCancellable *cancellable;
  gulong        cancel_handler;
  char         *source_name;
  char         *serial;
  char         *previous_error;
  guint         attempt;
  guint         max_attempts;
  gboolean      background;
  DdProviderSso *sso;         /* a sign-in question, else an MFA one */
  GCancellable  *login_cancellable;
} Question;

struct _DdMfaPrompt
{
  GObject           parent_instance;
  GtkWindow        *parent;          /* weak */
  GtkWidget        *banner;
  GtkWidget        *banner_label;    /* floor path */
  GtkWidget        *banner_button_label; /* floor path: the text of its button */
  GQueue            questions;
  AdwMessageDialog *dialog;
  GtkEditable      *entry;
  GtkLabel         *code_label;      /* sign-in dialog */
  char             *user_code;
  gboolean          open_browser;
};

G_DEFINE_FINAL_TYPE (DdMfaPrompt, dd_mfa_prompt, G_TYPE_OBJECT)

static void present (DdMfaPrompt *self);

static void
question_free (Question *q)
{
  if (q->cancel_handler != 0)
    g_signal_handler_disconnect (q->cancellable, q->cancel_handler);
  g_clear_object (&q->cancellable);
  g_clear_object (&q->task);
  g_clear_object (&q->sso);
  if (q->login_cancellable != NULL)
    g_cancellable_cancel (q->login_cancellable);
  g_clear_object (&q->login_cancellable);
  g_free (q->source_name);
  g_free (q->serial);
  g_free (q->previous_error);
  g_free (q);
}

static void
context_free (gpointer data)
{
  Context *ctx = data;

  g_clear_weak_pointer (&ctx->self);
  g_clear_weak_pointer (&ctx->source);
  g_free (ctx->source_id);
  g_free (ctx->source_name);
  g_free (ctx);
}

/* The bar */

static void
set_banner (DdMfaPrompt *self,
            const char  *text,
            const char  *button)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  if (text != NULL)
    {
      adw_banner_set_title (ADW_BANNER (self->banner), text);
      adw_banner_set_button_label (ADW_BANNER (self->banner), button);
    }
  adw_banner_set_revealed (ADW_BANNER (self->banner), text != NULL);
#else
  if (text != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->banner_label), text);
      gtk_label_set_text_with_mnemonic (GTK_LABEL (self->banner_button_label), button);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), text != NULL);
#endif
}

/* Ends the question in front: with error, or else with code (an MFA
 * code; any text for a sign-in that succeeded), or cancelled when code is
 * NULL. */
static void
finish_head_full (DdMfaPrompt  *self,
                  const char   *code,
                  GError       *error)
{
  Question *q = g_queue_pop_head (&self->questions);

  if (q == NULL)
    return;
  if (self->dialog != NULL)
    {
      AdwMessageDialog *dialog = g_steal_pointer (&self->dialog);

      self->entry = NULL;
      self->code_label = NULL;
      g_clear_pointer (&self->user_code, g_free);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  set_banner (self, NULL, NULL);
  if (error != NULL)
    g_task_return_error (q->task, error);
  else if (code != NULL && *code != '\0' && q->sso != NULL)
    g_task_return_boolean (q->task, TRUE);
  else if (code != NULL && *code != '\0')
    g_task_return_pointer (q->task, g_strdup (code), g_free);
  else
    g_task_return_new_error (q->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  question_free (q);
  present (self);
}

static void
finish_head (DdMfaPrompt *self,
             const char  *code)
{
  finish_head_full (self, code, NULL);
}

/* The dialog */

static gboolean
code_is_complete (const char *text)
{
  if (strlen (text) != 6)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
entry_changed_cb (DdMfaPrompt *self)
{
  if (self->dialog != NULL)
    adw_message_dialog_set_response_enabled (self->dialog, "ok",
                                             code_is_complete (gtk_editable_get_text (self->entry)));
}

static void
entry_activate_cb (DdMfaPrompt *self)
{
  if (code_is_complete (gtk_editable_get_text (self->entry)))
    adw_message_dialog_response (self->dialog, "ok");
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DdMfaPrompt      *self)
{
  g_autofree char *code = NULL;

  if (dialog != self->dialog)
    return;
  if (g_strcmp0 (response, "ok") == 0)
    code = g_strdup (gtk_editable_get_text (self->entry));
  finish_head (self, code);
}

static char *
dialog_body (Question *q)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_printf (body, _("“%s” assumes a role that needs the current code of the MFA device\n%s"),
                   q->source_name, q->serial);
  if (q->previous_error != NULL)
    g_string_append_printf (body, _("\n\nThe code was refused (attempt %u of %u): %s"),
                            q->attempt, q->max_attempts, q->previous_error);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
open_dialog (DdMfaPrompt *self,
             Question    *q)
{
  g_autofree char *body = dialog_body (q);
  GtkWidget *entry = gtk_entry_new ();

  set_banner (self, NULL, NULL);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 6);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("6-digit code"));
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 0.5);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("MFA code"), -1);
  self->entry = GTK_EDITABLE (entry);
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent, _("MFA Code"), body));
  /* Non-modal: the rest of the window stays usable while it asks. */
  gtk_window_set_modal (GTK_WINDOW (self->dialog), FALSE);
  adw_message_dialog_set_extra_child (self->dialog, entry);
  adw_message_dialog_add_responses (self->dialog, "cancel", _("_Cancel"), "ok", _("_Confirm"), NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (self->dialog, "ok", FALSE);
  adw_message_dialog_set_default_response (self->dialog, "ok");
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
  gtk_widget_grab_focus (entry);
}

/* The sign-in dialog */

static void
sso_code_cb (const DdSsoDeviceAuthorization *authorization,
             gpointer                        user_data)
{
  DdMfaPrompt *self = user_data;
  const char *uri = authorization->verification_uri_complete ? authorization->verification_uri_complete
                                                             : authorization->verification_uri;

  if (self->dialog == NULL)
    return;
  g_free (self->user_code);
  self->user_code = g_strdup (authorization->user_code);
  gtk_label_set_text (self->code_label, authorization->user_code);
  adw_message_dialog_set_body (self->dialog, _("Confirm this code on the page opened in your browser."));
  if (self->open_browser && uri != NULL)
    dd_sso_open_uri (GTK_WIDGET (self->dialog), uri);
}

static void
sso_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DdMfaPrompt) self = user_data;
  g_autoptr(DdSsoToken) token = NULL;
  GError *error = NULL;
  Question *q = g_queue_peek_head (&self->questions);

  token = dd_provider_sso_login_finish (DD_PROVIDER_SSO (object), result, &error);
  if (q == NULL || q->sso != DD_PROVIDER_SSO (object) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      return;
    }
  if (token != NULL)
    finish_head (self, "signed-in");
  else
    finish_head_full (self, NULL, error);
}

static void
copy_user_code_cb (DdMfaPrompt *self)
{
  if (self->user_code != NULL && self->dialog != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->dialog)), self->user_code);
}

static GtkWidget *
sso_code_box (DdMfaPrompt *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new ("…");
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy the Code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the Code"), -1);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_user_code_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  self->code_label = GTK_LABEL (label);
  return box;
}

static void
open_sso_dialog (DdMfaPrompt *self,
                 Question    *q)
{
  g_autofree char *heading = g_strdup_printf (_("Sign In to “%s” Again"), q->source_name);
  const DdSsoConfig *config = dd_provider_sso_get_config (q->sso);
  g_autofree char *body = g_strdup_printf (_("The IAM Identity Center sign-in to %s has expired. Starting a new one…"),
                                           config->start_url);

  set_banner (self, NULL, NULL);
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent, heading, body));
  gtk_window_set_modal (GTK_WINDOW (self->dialog), FALSE);
  adw_message_dialog_set_extra_child (self->dialog, sso_code_box (self));
  adw_message_dialog_add_responses (self->dialog, "cancel", _("_Cancel"), NULL);
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
  q->login_cancellable = g_cancellable_new ();
  dd_provider_sso_login_async (q->sso, sso_code_cb, self, q->login_cancellable, sso_done_cb, g_object_ref (self));
}

static void
present (DdMfaPrompt *self)
{
  Question *q = g_queue_peek_head (&self->questions);
  g_autofree char *text = NULL;

  if (q == NULL || self->dialog != NULL)
    return;
  if (!q->background)
    {
      if (q->sso != NULL)
        open_sso_dialog (self, q);
      else
        open_dialog (self, q);
      return;
    }
  if (q->sso != NULL)
    text = g_strdup_printf (_("“%s” needs a new IAM Identity Center sign-in"), q->source_name);
  else
    text = g_strdup_printf (_("“%s” needs an MFA code to renew its credentials"), q->source_name);
  set_banner (self, text, q->sso != NULL ? _("_Sign In") : _("_Enter Code"));
}

/* The prompt function DdMfa calls */

static void
cancelled_cb (GCancellable *cancellable,
              Question     *q)
{
  DdMfaPrompt *self = g_object_get_data (G_OBJECT (q->task), "dd-mfa-prompt");

  if (self == NULL)
    return;
  if (g_queue_peek_head (&self->questions) == q)
    finish_head (self, NULL);
  else
    {
      g_queue_remove (&self->questions, q);
      g_task_return_new_error (q->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      question_free (q);
    }
}

/* A question for the person, or NULL (the task answered) when the
 * window is gone. */
static Question *
new_question (Context      *ctx,
              GTask        *task)
{
  Question *q;

  if (ctx->self == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_object_unref (task);
      return NULL;
    }
  q = g_new0 (Question, 1);
  q->task = task;
  q->source_name = g_strdup (ctx->source != NULL ? dd_source_get_name (ctx->source) : ctx->source_name);
  q->background = ctx->source != NULL && dd_source_get_connected (ctx->source);
  g_object_set_data (G_OBJECT (task), "dd-mfa-prompt", ctx->self);
  return q;
}

static void
ask (Context      *ctx,
     Question     *q,
     GCancellable *cancellable)
{
  g_queue_push_tail (&ctx->self->questions, q);
  if (cancellable != NULL)
    {
      q->cancellable = g_object_ref (cancellable);
      q->cancel_handler = g_signal_connect (cancellable, "cancelled", G_CALLBACK (cancelled_cb), q);
    }
  present (ctx->self);
}

static void
prompt_cb (const DdMfaRequest *request,
           GCancellable       *cancellable,
           GTask              *task,
           gpointer            user_data)
{
  Context *ctx = user_data;
  Question *q = new_question (ctx, task);

  if (q == NULL)
    return;
  q->serial = g_strdup (request->mfa_serial);
  q->previous_error = g_strdup (request->previous_error);
  q->attempt = request->attempt;
  q->max_attempts = request->max_attempts;
  q->background = q->background && request->attempt <= 1;
  ask (ctx, q, cancellable);
}

static void
sign_in_cb (DdProviderSso *sso,
            GCancellable  *cancellable,
            GTask         *task,
            gpointer       user_data)
{
  Context *ctx = user_data;
  Question *q = new_question (ctx, task);

  if (q == NULL)
    return;
  q->sso = g_object_ref (sso);
  ask (ctx, q, cancellable);
}

/* Wrapping */

static gboolean
may_need_mfa (DdSource              *source,
              DdCredentialsProvider *inner)
{
  if (DD_IS_PROVIDER_ASSUME_ROLE (inner))
    return dd_source_get_mfa_serial (source) != NULL
           || dd_provider_assume_role_get_mfa_serial (DD_PROVIDER_ASSUME_ROLE (inner)) != NULL;
  return DD_IS_PROVIDER_PROFILE (inner);
}

DdCredentialsProvider *
dd_mfa_prompt_wrap (DdMfaPrompt           *self,
                    DdSource              *source,
                    DdCredentialsProvider *provider)
{
  DdCredentialsProvider *inner;
  g_autoptr(DdCredentialsProvider) mfa = NULL;
  Context *ctx;

  g_return_val_if_fail (DD_IS_MFA_PROMPT (self), NULL);
  g_return_val_if_fail (DD_IS_SOURCE (source), NULL);
  g_return_val_if_fail (DD_IS_CREDENTIALS_PROVIDER (provider), NULL);

  if (!DD_IS_PROVIDER_CACHE (provider))
    return g_object_ref (provider);
  inner = dd_provider_cache_get_inner (DD_PROVIDER_CACHE (provider));
  if (!DD_IS_PROVIDER_SSO (inner) && !may_need_mfa (source, inner))
    return g_object_ref (provider);
  ctx = g_new0 (Context, 1);
  g_set_weak_pointer (&ctx->self, self);
  g_set_weak_pointer (&ctx->source, source);
  ctx->source_id = g_strdup (dd_source_get_id (source));
  ctx->source_name = g_strdup (dd_source_get_name (source));
  if (DD_IS_PROVIDER_SSO (inner))
    return dd_sso_relogin_new (DD_PROVIDER_CACHE (provider), sign_in_cb, ctx, context_free);
  mfa = dd_mfa_new (inner, prompt_cb, ctx, context_free);
  return dd_provider_cache_new (mfa);
}

/* Life cycle */

#if !ADW_CHECK_VERSION (1, 3, 0)
static void
cancel_clicked_cb (DdMfaPrompt *self)
{
  finish_head (self, NULL);
}

/* A button whose text (with a mnemonic) is a child label pointing back at
 * it: with gtk_button_new_with_mnemonic GTK 4.8 names the button by its
 * raw label and the label's text together ("_Cancel Cancel"). */
static GtkWidget *
mnemonic_button (const char  *text,
                 GtkWidget  **label_out)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "text-button");
  if (label_out != NULL)
    *label_out = label;
  return button;
}
#endif

static GtkWidget *
build_banner (DdMfaPrompt *self)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  GtkWidget *banner = adw_banner_new ("");

  adw_banner_set_button_label (ADW_BANNER (banner), _("_Enter Code"));
  g_signal_connect_object (banner, "button-clicked", G_CALLBACK (dd_mfa_prompt_open), self, G_CONNECT_SWAPPED);
  return banner;
#else
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *open = mnemonic_button (_("_Enter Code"), &self->banner_button_label);
  GtkWidget *cancel = mnemonic_button (_("_Cancel"), NULL);

  self->banner_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->banner_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->banner_label), 0);
  gtk_widget_set_hexpand (self->banner_label, TRUE);
  gtk_widget_add_css_class (box, "dd-banner");
  gtk_widget_add_css_class (open, "suggested-action");
  gtk_box_append (GTK_BOX (box), self->banner_label);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_box_append (GTK_BOX (box), open);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  g_signal_connect_object (open, "clicked", G_CALLBACK (dd_mfa_prompt_open), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self, G_CONNECT_SWAPPED);
  return revealer;
#endif
}

static void
dd_mfa_prompt_dispose (GObject *object)
{
  DdMfaPrompt *self = DD_MFA_PROMPT (object);

  while (!g_queue_is_empty (&self->questions))
    finish_head (self, NULL);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->banner);
  G_OBJECT_CLASS (dd_mfa_prompt_parent_class)->dispose (object);
}

static void
dd_mfa_prompt_class_init (DdMfaPromptClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dd_mfa_prompt_dispose;
}

static void
dd_mfa_prompt_init (DdMfaPrompt *self)
{
  self->open_browser = TRUE;
  g_queue_init (&self->questions);
  self->banner = g_object_ref_sink (build_banner (self));
}

DdMfaPrompt *
dd_mfa_prompt_new (GtkWindow *parent)
{
  DdMfaPrompt *self = g_object_new (DD_TYPE_MFA_PROMPT, NULL);

  g_set_weak_pointer (&self->parent, parent);
  return self;
}

GtkWidget *
dd_mfa_prompt_get_banner (DdMfaPrompt *self)
{
  g_return_val_if_fail (DD_IS_MFA_PROMPT (self), NULL);
  return self->banner;
}

AdwMessageDialog *
dd_mfa_prompt_get_dialog (DdMfaPrompt *self)
{
  g_return_val_if_fail (DD_IS_MFA_PROMPT (self), NULL);
  return self->dialog;
}

gboolean
dd_mfa_prompt_get_banner_revealed (DdMfaPrompt *self)
{
  g_return_val_if_fail (DD_IS_MFA_PROMPT (self), FALSE);
#if ADW_CHECK_VERSION (1, 3, 0)
  return adw_banner_get_revealed (ADW_BANNER (self->banner));
#else
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->banner));
#endif
}

void
dd_mfa_prompt_answer (DdMfaPrompt *self,
                      const char  *code)
{
  g_return_if_fail (DD_IS_MFA_PROMPT (self));

  if (code != NULL && self->dialog != NULL)
    {
      gtk_editable_set_text (self->entry, code);
      adw_message_dialog_response (self->dialog, "ok");
      return;
    }
  finish_head (self, NULL);
}

void
dd_mfa_prompt_open (DdMfaPrompt *self)
{
  Question *q;

  g_return_if_fail (DD_IS_MFA_PROMPT (self));

  q = g_queue_peek_head (&self->questions);
  if (q != NULL && self->dialog == NULL && q->sso != NULL)
    open_sso_dialog (self, q);
  else if (q != NULL && self->dialog == NULL)
    open_dialog (self, q);
}

void
dd_mfa_prompt_set_open_browser (DdMfaPrompt *self,
                                gboolean     open_browser)
{
  g_return_if_fail (DD_IS_MFA_PROMPT (self));
  self->open_browser = !!open_browser;
}

const char *
dd_mfa_prompt_get_user_code (DdMfaPrompt *self)
{
  g_return_val_if_fail (DD_IS_MFA_PROMPT (self), NULL);
  return self->user_code;
}
