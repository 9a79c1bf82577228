/* dd-query-editor.c: the request editor of the selected data source. */
#define G_LOG_DOMAIN "dd-query-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-json.h"
#include "dd-query-editor.h"
#include "dd-query-form.h"
#include "dd-query-parse.h"
#include "dd-shared-closures.h"

#define CHECK_DELAY_MS 250

struct _DdQueryEditor
{
  AdwBin           parent_instance;

  GtkDropDown     *operation_dropdown;
  GtkDropDown     *table_dropdown;
  GtkLabel        *table_label;
  GtkSourceView   *source_view;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkButton       *run_button;
  GtkButton       *cancel_button;
  GtkSpinner      *spinner;
  GtkMenuButton   *history_button;
  GtkStack        *mode_stack;
  GtkStackSwitcher *mode_switcher;
  DdQueryForm     *form;

  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GtkStringList   *operation_labels;
  GListModel      *tables;
  char            *wanted_table;
  char            *form_text;      /* the JSON the form wrote last */
  char            *form_error;     /* why the form's fields make no request */
  guint            check_source;
  guint            language_source;
  gulong           paint_handler;
  GdkFrameClock   *paint_clock;
  guint            setting_text : 1;
  guint            edited : 1;
  guint            running : 1;
};

enum { PROP_0, PROP_EDITED, PROP_RUNNING, PROP_VALID, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_DESCRIBE_TABLE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdQueryEditor, dd_query_editor, ADW_TYPE_BIN)

static void tables_changed_cb (DdQueryEditor *self);

static void
replace_text (DdQueryEditor *self,
              const char    *text,
              gboolean       edited)
{
  self->setting_text = TRUE;
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  self->setting_text = FALSE;
  if (self->edited != edited)
    {
      self->edited = edited;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
    }
}

static void
mark_error (DdQueryEditor *self,
            const char    *message)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *stripped = NULL;
  g_autofree char *label = NULL;
  GtkTextIter start, end;
  guint line, column;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  if (message == NULL)
    {
      gtk_label_set_text (self->error_label, "");
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      return;
    }
  stripped = dd_strip_error_location (message);
  if (dd_parse_error_location (message, &line, &column))
    {
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, (int) line - 1, 0);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, (int) line - 1,
                                               MIN ((int) column - 1,
                                                    gtk_text_iter_get_chars_in_line (&start)));
      end = start;
      if (gtk_text_iter_ends_line (&end) && !gtk_text_iter_starts_line (&start))
        gtk_text_iter_backward_char (&start);
      else if (!gtk_text_iter_forward_to_line_end (&end) || gtk_text_iter_equal (&start, &end))
        gtk_text_iter_forward_char (&end);
      gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
      label = g_strdup_printf (_("Line %u, column %u: %s"), line, column, stripped);
    }
  else
    label = g_strdup (stripped);
  gtk_label_set_text (self->error_label, label);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The core's strict reader: the same verdict, with line and column, as
 * the request builder gives at Run. */
static gboolean
check_text (DdQueryEditor  *self,
            GError        **error)
{
  g_autofree char *text = dd_query_editor_get_text (self);
  const char *p = text;

  if (self->form_error != NULL && dd_query_editor_get_form_mode (self))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s", self->form_error);
      return FALSE;
    }
  if (!dd_json_validate (text, -1, error))
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '{')
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_JSON,
                           _("line 1, column 1: the request must be a JSON object { … }"));
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_query_editor_check (DdQueryEditor  *self,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean valid;

  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), FALSE);

  g_clear_handle_id (&self->check_source, g_source_remove);
  valid = check_text (self, &local_error);
  mark_error (self, valid ? NULL : local_error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  if (!valid)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return valid;
}

void
dd_query_editor_show_error (DdQueryEditor *self,
                            const GError  *error)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));
  mark_error (self, error ? error->message : NULL);
}

const char *
dd_query_editor_get_error_text (DdQueryEditor *self)
{
  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

static gboolean
check_timeout_cb (gpointer data)
{
  DdQueryEditor *self = data;

  self->check_source = 0;
  dd_query_editor_check (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (DdQueryEditor *self,
                   GtkTextBuffer *buffer)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
  if (!self->setting_text && !self->edited)
    {
      self->edited = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
    }
}

static void
update_table_sensitivity (DdQueryEditor *self)
{
  const DdOperation *op = dd_query_editor_get_operation (self);
  gboolean takes_table = op != NULL && (op->flags & DD_OPERATION_FLAG_TAKES_TABLE) != 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->table_dropdown), takes_table);
  gtk_widget_set_sensitive (GTK_WIDGET (self->table_label), takes_table);
}

/* The form: Query and Scan only. It writes the JSON after each edit; the
 * JSON edited by hand is read back when the form is shown again. */

static gboolean
form_kind (DdQueryEditor *self,
           DdQueryKind   *kind)
{
  const DdOperation *op = dd_query_editor_get_operation (self);

  if (op == NULL || (g_strcmp0 (op->action, "Query") != 0 && g_strcmp0 (op->action, "Scan") != 0))
    return FALSE;
  *kind = g_str_equal (op->action, "Query") ? DD_QUERY_KIND_QUERY : DD_QUERY_KIND_SCAN;
  return TRUE;
}

static void
form_write (DdQueryEditor *self)
{
  g_autoptr(DdQuerySpec) spec = dd_query_form_dup_spec (self->form);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dd_query_spec_to_json (spec, &error);

  g_clear_pointer (&self->form_error, g_free);
  if (json == NULL)
    {
      self->form_error = g_strdup (error->message);
      dd_query_form_set_message (self->form, error->message, FALSE);
      dd_query_editor_check (self, NULL);
      return;
    }
  dd_query_form_set_message (self->form, NULL, FALSE);
  replace_text (self, json, TRUE);
  g_free (self->form_text);
  self->form_text = g_steal_pointer (&json);
  dd_query_editor_check (self, NULL);
}

static void
form_changed_cb (DdQueryEditor *self)
{
  if (dd_query_editor_get_form_mode (self))
    form_write (self);
}

static void
form_table (DdQueryEditor *self)
{
  const char *table = dd_query_editor_get_table (self);

  dd_query_form_set_table (self->form, table);
  if (table != NULL && !dd_query_form_has_describe (self->form, table))
    g_signal_emit (self, signals[SIGNAL_DESCRIBE_TABLE], 0, table);
}

/* Shows the JSON in the form, or says why it cannot. */
static void
form_read (DdQueryEditor *self,
           DdQueryKind    kind)
{
  g_autofree char *text = dd_query_editor_get_text (self);
  g_autoptr(DdQuerySpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_pointer (&self->form_error, g_free);
  if (!self->edited || g_strcmp0 (text, self->form_text) == 0)
    {
      form_write (self);
      return;
    }
  spec = dd_query_spec_from_json (kind, text, &error);
  if (spec != NULL && g_strcmp0 (spec->table, dd_query_editor_get_table (self)) != 0)
    {
      dd_query_editor_set_table (self, spec->table);
      form_table (self);
    }
  if (spec != NULL && dd_query_form_set_spec (self->form, spec, &error))
    {
      dd_query_form_set_message (self->form, NULL, FALSE);
      g_free (self->form_text);
      self->form_text = g_steal_pointer (&text);
      return;
    }
  /* Translators: %s says why */
  message = g_strdup_printf (_("The form cannot show this request: %s. The JSON is kept as it is "
                               "until the form is changed."), error->message);
  dd_query_form_set_message (self->form, message, TRUE);
}

static void
form_mode_cb (DdQueryEditor *self)
{
  DdQueryKind kind;

  if (!dd_query_editor_get_form_mode (self) || !form_kind (self, &kind))
    {
      g_clear_pointer (&self->form_error, g_free);
      dd_query_editor_check (self, NULL);
      return;
    }
  dd_query_form_set_kind (self->form, kind);
  form_table (self);
  form_read (self, kind);
}

static void
form_operation_changed (DdQueryEditor *self)
{
  DdQueryKind kind;
  gboolean has_form = form_kind (self, &kind);

  gtk_widget_set_visible (GTK_WIDGET (self->mode_switcher), has_form);
  if (!has_form)
    gtk_stack_set_visible_child_name (self->mode_stack, "json");
  else if (dd_query_editor_get_form_mode (self))
    form_mode_cb (self);
}

static void
form_table_cb (DdQueryEditor *self)
{
  if (dd_query_editor_get_form_mode (self))
    form_table (self);
}

static void
operation_selected_cb (DdQueryEditor *self)
{
  const DdOperation *op = dd_query_editor_get_operation (self);

  update_table_sensitivity (self);
  if (op != NULL && !self->edited)
    {
      replace_text (self, op->template_json, FALSE);
      dd_query_editor_check (self, NULL);
    }
  form_operation_changed (self);
}

static void
style_dark_cb (DdQueryEditor   *self,
               GParamSpec      *pspec,
               AdwStyleManager *manager)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "oblivion" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
fill_operations (DdQueryEditor *self)
{
  const DdOperation *ops;
  guint n_ops = 0;

  ops = dd_operation_get_all (&n_ops);
  self->operation_labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < n_ops; i++)
    gtk_string_list_append (self->operation_labels, _(ops[i].label));
  gtk_drop_down_set_model (self->operation_dropdown, G_LIST_MODEL (self->operation_labels));
}

/* The JSON language: reading its definition (libxml2, with a check
 * against its RelaxNG schema) is the largest part of building the window,
 * so it is set in an idle after the editor's first frame: the window is
 * drawn with a plain buffer and the highlighting follows a moment later. */
static void
disconnect_paint (DdQueryEditor *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
set_language (DdQueryEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  disconnect_paint (self);
  g_clear_handle_id (&self->language_source, g_source_remove);
  if (gtk_source_buffer_get_language (self->buffer) == NULL)
    gtk_source_buffer_set_language (self->buffer,
                                    gtk_source_language_manager_get_language (languages, "json"));
}

static gboolean
language_idle_cb (gpointer data)
{
  DdQueryEditor *self = data;

  self->language_source = 0;
  set_language (self);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                DdQueryEditor *self)
{
  disconnect_paint (self);
  if (self->language_source == 0 && gtk_source_buffer_get_language (self->buffer) == NULL)
    self->language_source = g_idle_add (language_idle_cb, self);
}

static void
editor_map_cb (DdQueryEditor *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (gtk_source_buffer_get_language (self->buffer) != NULL || self->language_source != 0
      || (clock != NULL && clock == self->paint_clock))
    return;
  /* mapped again, in another window, before a first frame */
  disconnect_paint (self);
  if (clock == NULL)
    {
      self->language_source = g_idle_add (language_idle_cb, self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), self);
}

static void
setup_buffer (DdQueryEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "dd-json-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                                NULL);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_cb), self,
                           G_CONNECT_SWAPPED);
  style_dark_cb (self, NULL, style);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (editor_map_cb), NULL);
}

static void
dd_query_editor_dispose (GObject *object)
{
  DdQueryEditor *self = DD_QUERY_EDITOR (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->language_source, g_source_remove);
  disconnect_paint (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_QUERY_EDITOR);
  g_clear_object (&self->operation_labels);
  if (self->tables != NULL)
    g_signal_handlers_disconnect_by_func (self->tables, tables_changed_cb, self);
  g_clear_object (&self->tables);
  g_clear_pointer (&self->wanted_table, g_free);
  g_clear_pointer (&self->form_text, g_free);
  g_clear_pointer (&self->form_error, g_free);
  G_OBJECT_CLASS (dd_query_editor_parent_class)->dispose (object);
}

static void
dd_query_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdQueryEditor *self = DD_QUERY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EDITED:
      g_value_set_boolean (value, self->edited);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, dd_query_editor_get_error_text (self) == NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_query_editor_class_init (DdQueryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_query_editor_dispose;
  object_class->get_property = dd_query_editor_get_property;

  properties[PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "describe-table" (const char *table): the form needs the table's
   * description (dd_query_editor_set_table_description) */
  signals[SIGNAL_DESCRIBE_TABLE] = g_signal_new ("describe-table", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (DD_TYPE_QUERY_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-query-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, operation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, table_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, table_label);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, run_button);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, mode_switcher);
  gtk_widget_class_bind_template_child (widget_class, DdQueryEditor, form);
}

static void
dd_query_editor_init (DdQueryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_buffer (self);
  fill_operations (self);
  g_signal_connect_object (self->operation_dropdown, "notify::selected",
                           G_CALLBACK (operation_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_stack, "notify::visible-child-name",
                           G_CALLBACK (form_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table_dropdown, "notify::selected",
                           G_CALLBACK (form_table_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "changed", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "reset", G_CALLBACK (form_write), self, G_CONNECT_SWAPPED);
  operation_selected_cb (self);
}

GtkWidget *
dd_query_editor_new (void)
{
  return g_object_new (DD_TYPE_QUERY_EDITOR, NULL);
}

const DdOperation *
dd_query_editor_get_operation (DdQueryEditor *self)
{
  const DdOperation *ops;
  guint n_ops = 0;
  guint selected;

  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), NULL);

  ops = dd_operation_get_all (&n_ops);
  selected = gtk_drop_down_get_selected (self->operation_dropdown);
  return selected < n_ops ? &ops[selected] : NULL;
}

gboolean
dd_query_editor_set_operation (DdQueryEditor *self,
                               const char    *action)
{
  const DdOperation *ops;
  guint n_ops = 0;

  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), FALSE);

  ops = dd_operation_get_all (&n_ops);
  for (guint i = 0; i < n_ops; i++)
    if (g_strcmp0 (ops[i].action, action) == 0)
      {
        gtk_drop_down_set_selected (self->operation_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
select_table (DdQueryEditor *self,
              const char    *table)
{
  GListModel *model = gtk_drop_down_get_model (self->table_dropdown);
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), table) == 0)
        {
          gtk_drop_down_set_selected (self->table_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
tables_changed_cb (DdQueryEditor *self)
{
  if (self->wanted_table != NULL && select_table (self, self->wanted_table))
    g_clear_pointer (&self->wanted_table, g_free);
}

void
dd_query_editor_set_tables (DdQueryEditor *self,
                            GListModel    *tables)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));

  if (self->tables != NULL)
    g_signal_handlers_disconnect_by_func (self->tables, tables_changed_cb, self);
  g_set_object (&self->tables, tables);
  g_clear_pointer (&self->wanted_table, g_free);
  gtk_drop_down_set_model (self->table_dropdown, tables);
  if (tables != NULL)
    g_signal_connect_swapped (tables, "items-changed", G_CALLBACK (tables_changed_cb), self);
}

const char *
dd_query_editor_get_table (DdQueryEditor *self)
{
  const DdOperation *op;
  gpointer item;

  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), NULL);

  op = dd_query_editor_get_operation (self);
  if (op == NULL || !(op->flags & DD_OPERATION_FLAG_TAKES_TABLE))
    return NULL;
  item = gtk_drop_down_get_selected_item (self->table_dropdown);
  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (item) : NULL;
}

void
dd_query_editor_set_table (DdQueryEditor *self,
                           const char    *table)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));

  g_clear_pointer (&self->wanted_table, g_free);
  if (table != NULL && !select_table (self, table))
    self->wanted_table = g_strdup (table);
}

char *
dd_query_editor_get_text (DdQueryEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

void
dd_query_editor_set_text (DdQueryEditor *self,
                          const char    *text)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));

  replace_text (self, text ? text : "", TRUE);
  dd_query_editor_check (self, NULL);
}

gboolean
dd_query_editor_get_edited (DdQueryEditor *self)
{
  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), FALSE);
  return self->edited;
}

void
dd_query_editor_set_running (DdQueryEditor *self,
                             gboolean       running)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));

  running = !!running;
  if (self->running == running)
    return;
  self->running = running;
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  if (running)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
dd_query_editor_get_running (DdQueryEditor *self)
{
  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), FALSE);
  return self->running;
}

GtkSourceBuffer *
dd_query_editor_get_buffer (DdQueryEditor *self)
{
  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), NULL);
  return self->buffer;
}

void
dd_query_editor_set_history (DdQueryEditor *self,
                             GMenuModel    *menu)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));

  gtk_menu_button_set_menu_model (self->history_button, menu);
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_button),
                            menu != NULL && g_menu_model_get_n_items (menu) > 0);
}

DdQueryForm *
dd_query_editor_get_form (DdQueryEditor *self)
{
  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), NULL);
  return self->form;
}

gboolean
dd_query_editor_get_form_mode (DdQueryEditor *self)
{
  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "form") == 0;
}

gboolean
dd_query_editor_set_form_mode (DdQueryEditor *self,
                               gboolean       form)
{
  DdQueryKind kind;

  g_return_val_if_fail (DD_IS_QUERY_EDITOR (self), FALSE);

  if (form && !form_kind (self, &kind))
    return FALSE;
  gtk_stack_set_visible_child_name (self->mode_stack, form ? "form" : "json");
  return TRUE;
}

void
dd_query_editor_set_table_description (DdQueryEditor *self,
                                       const char    *table,
                                       const char    *describe)
{
  g_return_if_fail (DD_IS_QUERY_EDITOR (self));

  if (g_strcmp0 (table, dd_query_editor_get_table (self)) == 0)
    dd_query_form_set_describe (self->form, describe);
}
