/* dd-query-builder.c: a Query or Scan form's fields to the request JSON.
 * Reading a request back is in dd-query-parse.c. */
#define G_LOG_DOMAIN "dd-query-builder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-json.h"
#include "dd-query-builder.h"

static const struct
{
  DdQueryOp   op;
  const char *text;
} op_names[] = {
  { DD_QUERY_OP_EQ, "=" },
  { DD_QUERY_OP_NE, "<>" },
  { DD_QUERY_OP_LT, "<" },
  { DD_QUERY_OP_LE, "<=" },
  { DD_QUERY_OP_GT, ">" },
  { DD_QUERY_OP_GE, ">=" },
  { DD_QUERY_OP_BETWEEN, "BETWEEN" },
  { DD_QUERY_OP_BEGINS_WITH, "begins_with" },
  { DD_QUERY_OP_CONTAINS, "contains" },
  { DD_QUERY_OP_EXISTS, "attribute_exists" },
  { DD_QUERY_OP_NOT_EXISTS, "attribute_not_exists" },
  { DD_QUERY_OP_TYPE, "attribute_type" },
  { DD_QUERY_OP_IN, "IN" },
  { DD_QUERY_OP_SIZE, "size" },
};

const char *
dd_query_op_to_string (DdQueryOp op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (op_names[i].op == op)
      return op_names[i].text;
  return NULL;
}

DdQueryOp
dd_query_op_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (op_names); i++)
    if (g_ascii_strcasecmp (op_names[i].text, text) == 0)
      return op_names[i].op;
  return DD_QUERY_OP_NONE;
}

/* Spec and conditions */

static void
set_text (char       **field,
          const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
dd_query_condition_set (DdQueryCondition   *condition,
                        const char         *name,
                        DdQueryOp           op,
                        const char         *type,
                        const char * const *values)
{
  g_return_if_fail (condition != NULL);

  set_text (&condition->name, name);
  condition->op = op;
  set_text (&condition->type, type);
  g_strfreev (condition->values);
  condition->values = values ? g_strdupv ((char **) values) : g_new0 (char *, 1);
}

void
dd_query_condition_clear (DdQueryCondition *condition)
{
  g_clear_pointer (&condition->name, g_free);
  g_clear_pointer (&condition->type, g_free);
  g_clear_pointer (&condition->values, g_strfreev);
  condition->op = condition->size_op = DD_QUERY_OP_NONE;
}

DdQueryCondition *
dd_query_condition_new (const char         *name,
                        DdQueryOp           op,
                        const char         *type,
                        const char * const *values)
{
  DdQueryCondition *condition = g_new0 (DdQueryCondition, 1);

  dd_query_condition_set (condition, name, op, type, values);
  return condition;
}

void
dd_query_condition_free (DdQueryCondition *condition)
{
  if (condition == NULL)
    return;
  dd_query_condition_clear (condition);
  g_free (condition);
}

DdQuerySpec *
dd_query_spec_new (DdQueryKind kind)
{
  DdQuerySpec *spec = g_new0 (DdQuerySpec, 1);

  spec->kind = kind;
  spec->partition.op = DD_QUERY_OP_EQ;
  spec->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_query_condition_free);
  return spec;
}

void
dd_query_spec_free (DdQuerySpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->table);
  g_free (spec->index);
  dd_query_condition_clear (&spec->partition);
  dd_query_condition_clear (&spec->sort);
  g_ptr_array_unref (spec->filters);
  g_strfreev (spec->projection);
  g_free (spec->limit);
  g_free (spec);
}

/* Writing */

typedef struct
{
  GString    *expression;
  GString    *names;        /* members of ExpressionAttributeNames */
  GString    *values;       /* members of ExpressionAttributeValues */
  GHashTable *placeholders; /* attribute name -> "#name" */
  GHashTable *taken;        /* placeholders in use */
  guint       n_values;
} Writer;

static void
writer_clear (Writer *w)
{
  g_string_free (w->expression, TRUE);
  g_string_free (w->names, TRUE);
  g_string_free (w->values, TRUE);
  g_hash_table_unref (w->placeholders);
  g_hash_table_unref (w->taken);
}

static void
writer_init (Writer *w)
{
  w->expression = g_string_new (NULL);
  w->names = g_string_new (NULL);
  w->values = g_string_new (NULL);
  w->placeholders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->taken = g_hash_table_new (g_str_hash, g_str_equal);
  w->n_values = 0;
}

/* "#" and the name's letters, digits and underscores (the others become
 * '_'), numbered when that is taken by another name. */
static const char *
name_placeholder (Writer     *w,
                  const char *name)
{
  const char *found = g_hash_table_lookup (w->placeholders, name);
  g_autoptr(GString) base = NULL;
  char *placeholder;

  if (found != NULL)
    return found;
  base = g_string_new ("#");
  for (const char *p = name; *p && base->len < 32; p++)
    g_string_append_c (base, g_ascii_isalnum (*p) ? *p : '_');
  placeholder = g_strdup (base->str);
  for (guint n = 2; g_hash_table_contains (w->taken, placeholder); n++)
    {
      g_free (placeholder);
      placeholder = g_strdup_printf ("%s%u", base->str, n);
    }
  g_hash_table_insert (w->placeholders, g_strdup (name), placeholder);
  g_hash_table_add (w->taken, placeholder);
  g_string_append (w->names, w->names->len ? ",\n    " : "\n    ");
  g_string_append_printf (w->names, "\"%s\": ", placeholder);
  dd_json_append_string (w->names, name, -1);
  return placeholder;
}

static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text), pad = 0;

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=' && i >= len - 2)
        pad++;
      else if (pad > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  return TRUE;
}

/* Appends one typed value ({"N": "1.5"}) to out. */
static gboolean
append_typed (GString     *out,
              const char  *type,
              const char  *text,
              const char  *field,
              GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *reason = NULL;

  if (g_strcmp0 (type, "S") == 0 || type == NULL)
    {
      g_string_append (out, "{ \"S\": ");
      dd_json_append_string (out, text, -1);
    }
  else if (g_strcmp0 (type, "N") == 0)
    {
      if (!dd_attr_number_is_valid (trimmed, strlen (trimmed), &reason))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: “%s” is not a number (%s)"),
                       field, text, reason ? reason : _("not a decimal number"));
          return FALSE;
        }
      g_string_append_printf (out, "{ \"N\": \"%s\"", trimmed);
    }
  else if (g_strcmp0 (type, "B") == 0)
    {
      if (*trimmed == '\0' || !is_base64 (trimmed))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: binary values are written in base64"), field);
          return FALSE;
        }
      g_string_append_printf (out, "{ \"B\": \"%s\"", trimmed);
    }
  else if (g_strcmp0 (type, "BOOL") == 0)
    {
      if (g_ascii_strcasecmp (trimmed, "true") != 0 && g_ascii_strcasecmp (trimmed, "false") != 0)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: a BOOL is true or false"), field);
          return FALSE;
        }
      g_string_append_printf (out, "{ \"BOOL\": %s", g_ascii_strcasecmp (trimmed, "true") == 0 ? "true" : "false");
    }
  else if (g_strcmp0 (type, "NULL") == 0)
    g_string_append (out, "{ \"NULL\": true");
  else
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: a form cannot write values of type %s"),
                   field, type);
      return FALSE;
    }
  g_string_append (out, " }");
  return TRUE;
}

static const char * const type_names[] = { "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS", NULL };

/* Adds a value placeholder to the expression. */
static gboolean
add_value (Writer      *w,
           const char  *type,
           const char  *text,
           const char  *field,
           GError     **error)
{
  g_autofree char *placeholder = g_strdup_printf (":v%u", w->n_values);
  g_autoptr(GString) value = g_string_new (NULL);

  if (!append_typed (value, type, text, field, error))
    return FALSE;
  w->n_values++;
  g_string_append (w->values, w->values->len ? ",\n    " : "\n    ");
  g_string_append_printf (w->values, "\"%s\": %s", placeholder, value->str);
  g_string_append (w->expression, placeholder);
  return TRUE;
}

static guint
count_values (DdQueryOp op)
{
  if (op == DD_QUERY_OP_EXISTS || op == DD_QUERY_OP_NOT_EXISTS)
    return 0;
  if (op == DD_QUERY_OP_BETWEEN)
    return 2;
  if (op == DD_QUERY_OP_IN)
    return G_MAXUINT;
  return 1;
}

static gboolean
check_values (const DdQueryCondition  *c,
              DdQueryOp                op,
              const char              *field,
              GError                 **error)
{
  guint want = count_values (op);
  guint have = c->values ? g_strv_length (c->values) : 0;
  g_autofree char *type_name = have > 0 ? g_strstrip (g_strdup (c->values[0])) : NULL;

  if (c->name == NULL || *c->name == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: the attribute name is missing"), field);
      return FALSE;
    }
  if ((want == G_MAXUINT && have == 0) || (want != G_MAXUINT && have < want))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: %s needs a value"), field, c->name);
      return FALSE;
    }
  if (op == DD_QUERY_OP_IN && have > 100)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: IN takes at most 100 values"), field);
      return FALSE;
    }
  if (c->op == DD_QUERY_OP_TYPE && !g_strv_contains (type_names, type_name))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not a type (S, N, B, BOOL, NULL, M, L, SS, NS, BS)"), field, c->values[0]);
      return FALSE;
    }
  return TRUE;
}

/* name op value(s), for a comparison or BETWEEN (after size(...) too). */
static gboolean
write_comparison (Writer                 *w,
                  const DdQueryCondition *c,
                  DdQueryOp               op,
                  const char             *type,
                  const char             *field,
                  GError                **error)
{
  if (op == DD_QUERY_OP_BETWEEN)
    {
      g_string_append (w->expression, " BETWEEN ");
      if (!add_value (w, type, c->values[0], field, error))
        return FALSE;
      g_string_append (w->expression, " AND ");
      return add_value (w, type, c->values[1], field, error);
    }
  if (op < DD_QUERY_OP_EQ || op > DD_QUERY_OP_GE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: size() is compared with =, <>, <, <=, >, >= or BETWEEN"),
                   field);
      return FALSE;
    }
  g_string_append_printf (w->expression, " %s ", dd_query_op_to_string (op));
  return add_value (w, type, c->values[0], field, error);
}

static gboolean
write_function (Writer                 *w,
                const DdQueryCondition *c,
                const char             *field,
                GError                **error)
{
  const char *name = name_placeholder (w, c->name);
  g_autofree char *type_name = c->values[0] ? g_strstrip (g_strdup (c->values[0])) : NULL;

  g_string_append_printf (w->expression, "%s(%s", dd_query_op_to_string (c->op), name);
  if (c->op == DD_QUERY_OP_SIZE)
    {
      g_string_append_c (w->expression, ')');
      return write_comparison (w, c, c->size_op, "N", field, error);
    }
  if (c->op == DD_QUERY_OP_BEGINS_WITH || c->op == DD_QUERY_OP_CONTAINS || c->op == DD_QUERY_OP_TYPE)
    {
      g_string_append (w->expression, ", ");
      if (!add_value (w, c->op == DD_QUERY_OP_TYPE ? "S" : c->type,
                      c->op == DD_QUERY_OP_TYPE ? type_name : c->values[0], field, error))
        return FALSE;
    }
  g_string_append_c (w->expression, ')');
  return TRUE;
}

static gboolean
write_condition (Writer                 *w,
                 const DdQueryCondition *c,
                 const char             *field,
                 GError                **error)
{
  if (!check_values (c, c->op == DD_QUERY_OP_SIZE ? c->size_op : c->op, field, error))
    return FALSE;
  if (w->expression->len > 0)
    g_string_append (w->expression, " AND ");
  if (c->op >= DD_QUERY_OP_BEGINS_WITH && c->op != DD_QUERY_OP_IN)
    return write_function (w, c, field, error);
  if (c->op == DD_QUERY_OP_IN)
    {
      g_string_append_printf (w->expression, "%s IN (", name_placeholder (w, c->name));
      for (guint i = 0; c->values[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (w->expression, ", ");
          if (!add_value (w, c->type, c->values[i], field, error))
            return FALSE;
        }
      g_string_append_c (w->expression, ')');
      return TRUE;
    }
  if (c->op == DD_QUERY_OP_NONE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s: no operator"), field);
      return FALSE;
    }
  g_string_append (w->expression, name_placeholder (w, c->name));
  return write_comparison (w, c, c->op, c->type, field, error);
}

static gboolean
write_key_condition (Writer            *w,
                     const DdQuerySpec *spec,
                     GError           **error)
{
  DdQueryCondition partition = spec->partition;

  partition.op = DD_QUERY_OP_EQ;
  if (!write_condition (w, &partition, _("Partition key"), error))
    return FALSE;
  if (spec->sort.op == DD_QUERY_OP_NONE)
    return TRUE;
  if (spec->sort.op > DD_QUERY_OP_BEGINS_WITH || spec->sort.op == DD_QUERY_OP_NE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("Sort key: takes =, <, <=, >, >=, BETWEEN or begins_with, not %s"),
                   dd_query_op_to_string (spec->sort.op));
      return FALSE;
    }
  return write_condition (w, &spec->sort, _("Sort key"), error);
}

static gboolean
write_filters (Writer            *w,
               const DdQuerySpec *spec,
               GError           **error)
{
  for (guint i = 0; i < spec->filters->len; i++)
    {
      g_autofree char *field = g_strdup_printf (_("Filter %u"), i + 1);

      if (!write_condition (w, g_ptr_array_index (spec->filters, i), field, error))
        return FALSE;
    }
  return TRUE;
}

static void
append_member (GString    *out,
               const char *name,
               const char *value_json)
{
  g_string_append_printf (out, ",\n  \"%s\": %s", name, value_json);
}

static void
append_string_member (GString    *out,
                      const char *name,
                      const char *value)
{
  g_autoptr(GString) json = g_string_new (NULL);

  dd_json_append_string (json, value, -1);
  append_member (out, name, json->str);
}

/* The limit's digits without leading zeros, or NULL with error. */
static char *
parse_limit (const char  *limit,
             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (limit));
  const char *p = trimmed;

  while (*p == '0')
    p++;
  if (*trimmed == '\0' || *p == '\0' || strspn (p, "0123456789") != strlen (p) || strlen (p) > 9)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Limit: “%s” is not a number of items"), limit);
      return NULL;
    }
  return g_strdup (p);
}

static gboolean
write_projection (Writer            *w,
                  const DdQuerySpec *spec,
                  GString           *out)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; spec->projection != NULL && spec->projection[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (spec->projection[i]));

      if (*name == '\0')
        continue;
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, name_placeholder (w, name));
    }
  if (list->len > 0)
    append_string_member (out, "ProjectionExpression", list->str);
  return list->len > 0;
}

static gboolean
write_expressions (const DdQuerySpec *spec,
                   GString           *out,
                   GError           **error)
{
  Writer w;
  gboolean ok = TRUE;

  writer_init (&w);
  if (spec->kind == DD_QUERY_KIND_QUERY)
    {
      ok = write_key_condition (&w, spec, error);
      if (ok)
        append_string_member (out, "KeyConditionExpression", w.expression->str);
      g_string_truncate (w.expression, 0);
    }
  if (ok && (ok = write_filters (&w, spec, error)) && w.expression->len > 0)
    append_string_member (out, "FilterExpression", w.expression->str);
  if (ok)
    write_projection (&w, spec, out);
  if (ok && w.names->len > 0)
    g_string_append_printf (out, ",\n  \"ExpressionAttributeNames\": {%s\n  }", w.names->str);
  if (ok && w.values->len > 0)
    g_string_append_printf (out, ",\n  \"ExpressionAttributeValues\": {%s\n  }", w.values->str);
  writer_clear (&w);
  return ok;
}

char *
dd_query_spec_to_json (const DdQuerySpec  *spec,
                       GError            **error)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"TableName\": ");
  g_autofree char *limit = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->table == NULL || *spec->table == '\0')
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Table: choose a table"));
      return NULL;
    }
  if (spec->limit != NULL && *spec->limit != '\0' && (limit = parse_limit (spec->limit, error)) == NULL)
    return NULL;
  dd_json_append_string (out, spec->table, -1);
  if (spec->index != NULL && *spec->index != '\0')
    append_string_member (out, "IndexName", spec->index);
  if (!write_expressions (spec, out, error))
    return NULL;
  if (limit != NULL)
    append_member (out, "Limit", limit);
  if (spec->consistent_read)
    append_member (out, "ConsistentRead", "true");
  g_string_append (out, "\n}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
