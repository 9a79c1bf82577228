/* dd-item-editor.c: the item editor window. */
#define G_LOG_DOMAIN "dd-item-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dd-item-edit.h"
#include "dd-item-editor.h"

struct _DdItemEditor
{
  AdwWindow             parent_instance;

  /* template */
  AdwViewSwitcherTitle *switcher_title;
  GtkButton            *save_button;
  GtkSpinner           *spinner;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
  AdwViewStack         *view_stack;
  GtkBox               *rows_box;
  GtkToggleButton      *typed_toggle;
  GtkSourceView        *json_view;

  char                 *table;
  char                **key_names;
  char                **key_types;
  char                 *loaded;
  JsonObject           *hint;       /* the form's item when the JSON page was opened */
  AdwMessageDialog     *question;
  char                 *page;       /* the page the person is on, as far as the editor knows */
  guint                 switching : 1;
  guint                 busy : 1;
};

enum { SIGNAL_SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdItemEditor, dd_item_editor, ADW_TYPE_WINDOW)

static GtkTextBuffer *
json_buffer (DdItemEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));
}

char *
dd_item_editor_get_json_text (DdItemEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  gtk_text_buffer_get_bounds (json_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (json_buffer (self), &start, &end, FALSE);
}

void
dd_item_editor_set_json_text (DdItemEditor *self,
                              const char   *text)
{
  g_return_if_fail (DD_IS_ITEM_EDITOR (self));
  gtk_text_buffer_set_text (json_buffer (self), text, -1);
}

void
dd_item_editor_set_message (DdItemEditor *self,
                            const char   *message)
{
  g_return_if_fail (DD_IS_ITEM_EDITOR (self));
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

const char *
dd_item_editor_get_message (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/* The form */

static int
key_position (DdItemEditor *self,
              const char   *name)
{
  for (guint i = 0; self->key_names != NULL && self->key_names[i] != NULL; i++)
    if (g_str_equal (self->key_names[i], name))
      return (int) i;
  return -1;
}

static void
update_checks (DdItemEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (g_strcmp0 (self->page, "form") != 0)
    return;
  problems = dd_item_editor_check (self);
  dd_item_editor_set_message (self, problems->len > 0 ? problems->pdata[0] : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", problems->len == 0 && !self->busy);
}

static void row_remove_cb (DdItemEditor   *self,
                           DdAttributeRow *row);

DdAttributeRow *
dd_item_editor_add_attribute (DdItemEditor *self,
                              const char   *name,
                              JsonNode     *value)
{
  GtkWidget *row;
  int key;

  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);

  row = dd_attribute_row_new (name, value, -1);
  key = name ? key_position (self, name) : -1;
  if (key >= 0)
    {
      dd_attribute_row_set_key (DD_ATTRIBUTE_ROW (row), key == 0 ? _("Partition key") : _("Sort key"),
                                self->key_types ? self->key_types[key] : NULL, self->loaded != NULL);
      gtk_box_insert_child_after (self->rows_box, row, key == 0 ? NULL : gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)));
    }
  else
    gtk_box_append (self->rows_box, row);
  g_signal_connect_object (row, "changed", G_CALLBACK (update_checks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, G_CONNECT_SWAPPED);
  update_checks (self);
  return DD_ATTRIBUTE_ROW (row);
}

static void
row_remove_cb (DdItemEditor   *self,
               DdAttributeRow *row)
{
  gtk_box_remove (self->rows_box, GTK_WIDGET (row));
  update_checks (self);
}

DdAttributeRow *
dd_item_editor_find_row (DdItemEditor *self,
                         const char   *name)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)); c; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (dd_attribute_row_get_name (DD_ATTRIBUTE_ROW (c)), name) == 0)
      return DD_ATTRIBUTE_ROW (c);
  return NULL;
}

gboolean
dd_item_editor_remove_attribute (DdItemEditor *self,
                                 const char   *name)
{
  DdAttributeRow *row = dd_item_editor_find_row (self, name);

  if (row == NULL || dd_attribute_row_get_is_key (row))
    return FALSE;
  row_remove_cb (self, row);
  return TRUE;
}

static void
show_item (DdItemEditor *self,
           JsonObject   *item)
{
  GtkWidget *c;
  g_autoptr(GList) names = NULL;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, c);
  /* the key first, even when the item lacks it */
  for (guint i = 0; self->key_names != NULL && self->key_names[i] != NULL; i++)
    if (item == NULL || !json_object_has_member (item, self->key_names[i]))
      {
        const char *type = self->key_types && self->key_types[i] ? self->key_types[i] : "S";
        g_autoptr(JsonNode) value = dd_item_edit_new_value (type);

        json_object_set_string_member (json_node_get_object (value), type, "");
        dd_item_editor_add_attribute (self, self->key_names[i], value);
      }
  names = item ? json_object_get_members (item) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    dd_item_editor_add_attribute (self, l->data, json_object_get_member (item, l->data));
  update_checks (self);
}

static JsonObject *
form_item (DdItemEditor *self)
{
  JsonObject *item = json_object_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)); c; c = gtk_widget_get_next_sibling (c))
    json_object_set_member (item, dd_attribute_row_get_name (DD_ATTRIBUTE_ROW (c)),
                            dd_attribute_row_dup_value (DD_ATTRIBUTE_ROW (c)));
  return item;
}

GPtrArray *
dd_item_editor_check (DdItemEditor *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(GPtrArray) key_problems = NULL;

  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), problems);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *name = dd_attribute_row_get_name (DD_ATTRIBUTE_ROW (c));

      dd_attribute_row_check (DD_ATTRIBUTE_ROW (c), problems);
      if (*name != '\0' && !g_hash_table_add (names, (gpointer) name))
        g_ptr_array_add (problems, g_strdup_printf (_("“%s” is in the item twice"), name));
    }
  item = form_item (self);
  key_problems = dd_item_edit_check_key (item, (const char * const *) self->key_names,
                                         (const char * const *) self->key_types);
  for (guint i = 0; i < key_problems->len; i++)
    g_ptr_array_insert (problems, (int) i, g_strdup (key_problems->pdata[i]));
  return problems;
}

/* The JSON page */

static void
show_json (DdItemEditor *self,
           JsonObject   *item)
{
  g_autofree char *text = dd_item_edit_write_text (item, !gtk_toggle_button_get_active (self->typed_toggle));

  dd_item_editor_set_json_text (self, text);
}

static JsonObject *
read_json (DdItemEditor  *self,
           GPtrArray     *changes,
           GError       **error)
{
  g_autofree char *text = dd_item_editor_get_json_text (self);

  return dd_item_edit_read_text (text, !gtk_toggle_button_get_active (self->typed_toggle), self->hint,
                                 changes, error);
}

static void
set_page (DdItemEditor *self,
          const char   *page)
{
  g_free (self->page);
  self->page = g_strdup (page);
  self->switching = TRUE;
  adw_view_stack_set_visible_child_name (self->view_stack, page);
  self->switching = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->typed_toggle), g_str_equal (page, "json"));
}

typedef enum { AFTER_SHOW_FORM, AFTER_SAVE } AfterQuestion;

static void emit_save (DdItemEditor *self);

static void
question_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DdItemEditor     *self)
{
  AfterQuestion after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "dd-after"));
  JsonObject *item = g_object_get_data (G_OBJECT (dialog), "dd-item");

  self->question = NULL;
  if (g_strcmp0 (response, "change") != 0)
    return;
  show_item (self, item);
  set_page (self, "form");
  update_checks (self);
  if (after == AFTER_SAVE)
    emit_save (self);
}

static void
ask_about_types (DdItemEditor  *self,
                 JsonObject    *item,
                 GPtrArray     *changes,
                 AfterQuestion  after)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      DdTypeChange *change = changes->pdata[i];

      /* TRANSLATORS: an attribute and its old and new type: "tags: SS → L" */
      g_string_append_printf (body, _("%s: %s → %s"), change->path, change->old_type, change->new_type);
      g_string_append_c (body, '\n');
    }
  self->question = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Change Types?"), NULL));
  adw_message_dialog_format_body (self->question, "%s", body->str);
  adw_message_dialog_add_responses (self->question, "keep", _("_Keep Editing"), "change", _("_Change Types"), NULL);
  adw_message_dialog_set_response_appearance (self->question, "change", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (self->question, "keep");
  adw_message_dialog_set_close_response (self->question, "keep");
  g_object_set_data_full (G_OBJECT (self->question), "dd-item", json_object_ref (item),
                          (GDestroyNotify) json_object_unref);
  g_object_set_data (G_OBJECT (self->question), "dd-after", GINT_TO_POINTER (after));
  g_signal_connect_object (self->question, "response", G_CALLBACK (question_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->question));
}

/* Leaves the JSON page for the form: TRUE when the form shows the JSON's
 * item now; FALSE when it cannot be read or a question was asked. */
static gboolean
leave_json (DdItemEditor  *self,
            AfterQuestion  after)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_type_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) item = read_json (self, changes, &error);

  if (item == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The JSON cannot be read: %s"), error->message);

      set_page (self, "json");
      dd_item_editor_set_message (self, message);
      return FALSE;
    }
  if (changes->len > 0)
    {
      set_page (self, "json");
      ask_about_types (self, item, changes, after);
      return FALSE;
    }
  show_item (self, item);
  set_page (self, "form");
  return TRUE;
}

static void
page_changed_cb (DdItemEditor *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->switching || page == NULL || g_strcmp0 (page, self->page) == 0)
    return;
  if (g_str_equal (page, "json"))
    {
      g_clear_pointer (&self->hint, json_object_unref);
      self->hint = form_item (self);
      show_json (self, self->hint);
      dd_item_editor_set_message (self, NULL);
      set_page (self, "json");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !self->busy);
      return;
    }
  if (leave_json (self, AFTER_SHOW_FORM))
    update_checks (self);
}

static void
typed_toggled_cb (DdItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) item = NULL;
  g_autofree char *text = dd_item_editor_get_json_text (self);

  if (self->switching || g_strcmp0 (self->page, "json") != 0)
    return;
  /* the text was written in the other form */
  item = dd_item_edit_read_text (text, gtk_toggle_button_get_active (self->typed_toggle), self->hint, NULL, &error);
  if (item == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The JSON cannot be read: %s"), error->message);

      dd_item_editor_set_message (self, message);
      self->switching = TRUE;
      gtk_toggle_button_set_active (self->typed_toggle, !gtk_toggle_button_get_active (self->typed_toggle));
      self->switching = FALSE;
      return;
    }
  dd_item_editor_set_message (self, NULL);
  show_json (self, item);
}

/* Saving */

static void
emit_save (DdItemEditor *self)
{
  g_autoptr(GPtrArray) problems = dd_item_editor_check (self);
  g_autoptr(JsonObject) item = NULL;
  g_autofree char *text = NULL;

  if (problems->len > 0)
    {
      dd_item_editor_set_message (self, problems->pdata[0]);
      return;
    }
  item = form_item (self);
  text = dd_item_edit_to_typed_text (item);
  g_signal_emit (self, signals[SIGNAL_SAVE], 0, text);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DdItemEditor *self = DD_ITEM_EDITOR (widget);

  if (self->busy || self->question != NULL)
    return;
  if (g_strcmp0 (self->page, "json") == 0 && !leave_json (self, AFTER_SAVE))
    return;
  emit_save (self);
}

static void
add_attribute_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DdItemEditor *self = DD_ITEM_EDITOR (widget);
  g_autoptr(JsonNode) value = dd_item_edit_new_value ("S");
  DdAttributeRow *row = dd_item_editor_add_attribute (self, "", value);

  gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

/* Public */

const char *
dd_item_editor_get_table (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  return self->table;
}

const char *
dd_item_editor_get_loaded (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  return self->loaded;
}

const char * const *
dd_item_editor_get_key_names (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  return (const char * const *) self->key_names;
}

static void
update_title (DdItemEditor *self)
{
  adw_view_switcher_title_set_title (self->switcher_title, self->loaded ? _("Edit Item") : _("New Item"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, self->table);
  gtk_window_set_title (GTK_WINDOW (self), self->loaded ? _("Edit Item") : _("New Item"));
}

void
dd_item_editor_set_loaded (DdItemEditor *self,
                           const char   *loaded)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DD_IS_ITEM_EDITOR (self));

  g_free (self->loaded);
  self->loaded = g_strdup (loaded);
  update_title (self);
  if (loaded != NULL && (item = dd_item_edit_parse_typed (loaded, -1, &error)) == NULL)
    g_warning ("The item to edit is not DynamoDB JSON: %s", error->message);
  set_page (self, "form");
  show_item (self, item);
}

void
dd_item_editor_set_item (DdItemEditor *self,
                         const char   *item)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DD_IS_ITEM_EDITOR (self));

  if (item != NULL && (object = dd_item_edit_parse_typed (item, -1, &error)) == NULL)
    g_warning ("The item to show is not DynamoDB JSON: %s", error->message);
  set_page (self, "form");
  show_item (self, object);
}

void
dd_item_editor_set_busy (DdItemEditor *self,
                         gboolean      busy)
{
  g_return_if_fail (DD_IS_ITEM_EDITOR (self));
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view_stack), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy);
  if (!busy)
    update_checks (self);
}

gboolean
dd_item_editor_get_busy (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), FALSE);
  return self->busy;
}

JsonObject *
dd_item_editor_dup_item (DdItemEditor  *self,
                         GError       **error)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  if (g_strcmp0 (self->page, "json") == 0)
    return read_json (self, NULL, error);
  return form_item (self);
}

const char *
dd_item_editor_get_page (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  return self->page;
}

void
dd_item_editor_set_page (DdItemEditor *self,
                         const char   *page)
{
  g_return_if_fail (DD_IS_ITEM_EDITOR (self));
  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

gboolean
dd_item_editor_get_typed (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), FALSE);
  return gtk_toggle_button_get_active (self->typed_toggle);
}

void
dd_item_editor_set_typed (DdItemEditor *self,
                          gboolean      typed)
{
  g_return_if_fail (DD_IS_ITEM_EDITOR (self));
  gtk_toggle_button_set_active (self->typed_toggle, typed);
}

AdwMessageDialog *
dd_item_editor_get_question (DdItemEditor *self)
{
  g_return_val_if_fail (DD_IS_ITEM_EDITOR (self), NULL);
  return self->question;
}

/* Class */

static void
style_dark_cb (DdItemEditor    *self,
               GParamSpec      *pspec,
               AdwStyleManager *style)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style) ? "Adwaita-dark" : "Adwaita";
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (json_buffer (self));

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
dd_item_editor_dispose (GObject *object)
{
  DdItemEditor *self = DD_ITEM_EDITOR (object);

  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (self->question));
  self->question = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_ITEM_EDITOR);
  G_OBJECT_CLASS (dd_item_editor_parent_class)->dispose (object);
}

static void
dd_item_editor_finalize (GObject *object)
{
  DdItemEditor *self = DD_ITEM_EDITOR (object);

  g_free (self->table);
  g_strfreev (self->key_names);
  g_strfreev (self->key_types);
  g_free (self->loaded);
  g_free (self->page);
  g_clear_pointer (&self->hint, json_object_unref);
  G_OBJECT_CLASS (dd_item_editor_parent_class)->finalize (object);
}

static void
dd_item_editor_class_init (DdItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_item_editor_dispose;
  object_class->finalize = dd_item_editor_finalize;

  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dynamodesk/DynamoDesk/ui/dd-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, rows_box);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, typed_toggle);
  gtk_widget_class_bind_template_child (widget_class, DdItemEditor, json_view);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-attribute", NULL, add_attribute_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_item_editor_init (DdItemEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceLanguage *json = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                                      "json");

  gtk_widget_init_template (GTK_WIDGET (self));
  if (json != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (json_buffer (self)), json);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);
  style_dark_cb (self, NULL, style);
  self->page = g_strdup ("form");
  gtk_widget_set_visible (GTK_WIDGET (self->typed_toggle), FALSE);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (page_changed_cb), self);
  g_signal_connect_swapped (self->typed_toggle, "toggled", G_CALLBACK (typed_toggled_cb), self);
}

DdItemEditor *
dd_item_editor_new (GtkWindow          *parent,
                    const char         *table,
                    const char * const *key_names,
                    const char * const *key_types,
                    const char         *loaded,
                    const char         *template_item)
{
  DdItemEditor *self = g_object_new (DD_TYPE_ITEM_EDITOR, "transient-for", parent, NULL);

  self->table = g_strdup (table);
  self->key_names = g_strdupv ((char **) key_names);
  self->key_types = g_strdupv ((char **) key_types);
  dd_item_editor_set_loaded (self, loaded);
  if (loaded == NULL && template_item != NULL)
    {
      g_autoptr(JsonObject) item = dd_item_edit_parse_typed (template_item, -1, NULL);

      show_item (self, item);
    }
  return self;
}
