/* dd-query-parse.c: a Query or Scan request back into a form's fields.
 * The expressions a form writes are conditions joined by AND; this reads
 * that grammar (with or without #name placeholders) and nothing more. */
#define G_LOG_DOMAIN "dd-query-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-query-parse.h"

typedef struct
{
  GPtrArray  *tokens;
  guint       pos;
  JsonObject *names;   /* nullable */
  JsonObject *values;  /* nullable */
  const char *field;
} Parser;

static gboolean G_GNUC_PRINTF (3, 4)
refuse (GError    **error,
        const char *field,
        const char *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (field != NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s: %s", field, reason);
  else
    g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, reason);
  return FALSE;
}

static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p)
    {
      gsize n;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (strchr ("(),=", *p))
        n = 1;
      else if (*p == '<' || *p == '>')
        n = (p[1] == '=' || (*p == '<' && p[1] == '>')) ? 2 : 1;
      else
        for (n = 0; p[n] && !g_ascii_isspace (p[n]) && !strchr ("(),=<>", p[n]); n++)
          ;
      g_ptr_array_add (tokens, g_strndup (p, n));
      p += n;
    }
  return tokens;
}

static const char *
peek (Parser *p)
{
  return p->pos < p->tokens->len ? g_ptr_array_index (p->tokens, p->pos) : NULL;
}

static const char *
peek_after (Parser *p)
{
  return p->pos + 1 < p->tokens->len ? g_ptr_array_index (p->tokens, p->pos + 1) : NULL;
}

static const char *
next (Parser *p)
{
  const char *token = peek (p);

  if (token != NULL)
    p->pos++;
  return token;
}

static gboolean
expect (Parser     *p,
        const char *want,
        GError    **error)
{
  const char *token = next (p);

  if (g_strcmp0 (token, want) == 0 || (token != NULL && g_ascii_strcasecmp (token, want) == 0))
    return TRUE;
  return refuse (error, p->field, _("“%s” expected where the form found “%s”"), want, token ? token : _("the end"));
}

static gboolean
read_name (Parser      *p,
           char       **out,
           GError     **error)
{
  const char *token = next (p);
  JsonNode *node;

  if (token != NULL && token[0] == '#')
    {
      node = p->names ? json_object_get_member (p->names, token) : NULL;
      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
        return refuse (error, p->field, _("the name %s is not in ExpressionAttributeNames"), token);
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  for (const char *c = token; c != NULL && *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return refuse (error, p->field, _("“%s” is not an attribute name the form can show (nested paths are not)"),
                     token);
  if (token == NULL || *token == '\0')
    return refuse (error, p->field, _("an attribute name is missing"));
  *out = g_strdup (token);
  return TRUE;
}

/* A typed value ({"N": "1"}) or a plain string or boolean. */
static gboolean
decode_value (JsonNode    *node,
              char       **type,
              char       **text)
{
  JsonObject *object;
  JsonNode *inner;
  g_autoptr(GList) members = NULL;
  const char *member;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return (*type = g_strdup ("S"), *text = g_strdup (json_node_get_string (node)), TRUE);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return (*type = g_strdup ("BOOL"), *text = g_strdup (json_node_get_boolean (node) ? "true" : "false"), TRUE);
  if (!JSON_NODE_HOLDS_OBJECT (node) || json_object_get_size (object = json_node_get_object (node)) != 1)
    return FALSE;
  members = json_object_get_members (object);
  member = members->data;
  inner = json_object_get_member (object, member);
  if (g_strv_contains ((const char * const[]) { "S", "N", "B", NULL }, member) && JSON_NODE_HOLDS_VALUE (inner)
      && json_node_get_value_type (inner) == G_TYPE_STRING)
    *text = g_strdup (json_node_get_string (inner));
  else if (strcmp (member, "BOOL") == 0 && JSON_NODE_HOLDS_VALUE (inner)
           && json_node_get_value_type (inner) == G_TYPE_BOOLEAN)
    *text = g_strdup (json_node_get_boolean (inner) ? "true" : "false");
  else if (strcmp (member, "NULL") == 0 && JSON_NODE_HOLDS_VALUE (inner))
    *text = g_strdup ("");
  else
    return FALSE;
  *type = g_strdup (member);
  return TRUE;
}

/* A value placeholder; its type must be the condition's (set by the first). */
static gboolean
read_value (Parser            *p,
            DdQueryCondition  *c,
            GStrvBuilder      *values,
            GError           **error)
{
  const char *token = next (p);
  JsonNode *node = token && token[0] == ':' && p->values ? json_object_get_member (p->values, token) : NULL;
  g_autofree char *type = NULL;
  g_autofree char *text = NULL;

  if (node == NULL)
    return refuse (error, p->field, _("the value %s is not in ExpressionAttributeValues"), token ? token : "");
  if (!decode_value (node, &type, &text))
    return refuse (error, p->field, _("the value %s is of a type the form cannot edit"), token);
  if (c->type != NULL && strcmp (c->type, type) != 0)
    return refuse (error, p->field, _("the values of one condition must have one type"));
  g_free (c->type);
  c->type = g_strdup (type);
  g_strv_builder_add (values, text);
  return TRUE;
}

static gboolean
read_comparison (Parser            *p,
                 DdQueryCondition  *c,
                 DdQueryOp         *op,
                 gboolean           allow_in,
                 GStrvBuilder      *values,
                 GError           **error)
{
  const char *token = next (p);

  *op = dd_query_op_from_string (token);
  if (*op == DD_QUERY_OP_BETWEEN)
    return read_value (p, c, values, error) && expect (p, "AND", error) && read_value (p, c, values, error);
  if (*op >= DD_QUERY_OP_EQ && *op <= DD_QUERY_OP_GE)
    return read_value (p, c, values, error);
  if (*op == DD_QUERY_OP_IN && allow_in)
    {
      if (!expect (p, "(", error) || !read_value (p, c, values, error))
        return FALSE;
      while (g_strcmp0 (peek (p), ",") == 0 && next (p))
        if (!read_value (p, c, values, error))
          return FALSE;
      return expect (p, ")", error);
    }
  return refuse (error, p->field, _("“%s” is not an operator the form has"), token ? token : _("the end"));
}

static gboolean
read_function (Parser            *p,
               DdQueryCondition  *c,
               GStrvBuilder      *values,
               GError           **error)
{
  if (!expect (p, "(", error) || !read_name (p, &c->name, error))
    return FALSE;
  if (c->op == DD_QUERY_OP_EXISTS || c->op == DD_QUERY_OP_NOT_EXISTS)
    return expect (p, ")", error);
  if (c->op == DD_QUERY_OP_SIZE)
    {
      if (!expect (p, ")", error) || !read_comparison (p, c, &c->size_op, FALSE, values, error))
        return FALSE;
      if (g_strcmp0 (c->type, "N") != 0)
        return refuse (error, p->field, _("size() is compared with a number"));
      g_clear_pointer (&c->type, g_free);
      return TRUE;
    }
  if (!expect (p, ",", error) || !read_value (p, c, values, error) || !expect (p, ")", error))
    return FALSE;
  if (c->op == DD_QUERY_OP_TYPE)
    g_clear_pointer (&c->type, g_free);
  return TRUE;
}

static DdQueryCondition *
read_condition (Parser  *p,
                GError **error)
{
  g_autoptr(DdQueryCondition) c = g_new0 (DdQueryCondition, 1);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  const char *token = peek (p);
  DdQueryOp function = dd_query_op_from_string (token);
  gboolean ok;

  if (g_strcmp0 (token, "(") == 0 || (token && g_ascii_strcasecmp (token, "NOT") == 0))
    return refuse (error, p->field, _("the form joins conditions with AND only, without parentheses or NOT")), NULL;
  if (function >= DD_QUERY_OP_BEGINS_WITH && function != DD_QUERY_OP_IN
      && g_strcmp0 (peek_after (p), "(") == 0)
    {
      next (p);
      c->op = function;
      ok = read_function (p, c, values, error);
    }
  else
    ok = read_name (p, &c->name, error) && read_comparison (p, c, &c->op, TRUE, values, error);
  if (!ok)
    return NULL;
  c->values = g_strv_builder_end (values);
  return g_steal_pointer (&c);
}

/* Conditions joined by AND into out. */
static gboolean
read_expression (Parser     *p,
                 const char *text,
                 GPtrArray  *out,
                 GError    **error)
{
  g_autoptr(GPtrArray) tokens = tokenize (text);

  p->tokens = tokens;
  p->pos = 0;
  if (tokens->len == 0)
    return refuse (error, p->field, _("the expression is empty"));
  for (;;)
    {
      DdQueryCondition *c = read_condition (p, error);

      if (c == NULL)
        return FALSE;
      g_ptr_array_add (out, c);
      if (peek (p) == NULL)
        return TRUE;
      if (g_ascii_strcasecmp (peek (p), "AND") != 0)
        return refuse (error, p->field, _("the form joins conditions with AND only, not “%s”"), peek (p));
      next (p);
    }
}

static void
move_condition (DdQueryCondition *to,
                DdQueryCondition *from)
{
  dd_query_condition_clear (to);
  *to = *from;
  memset (from, 0, sizeof *from);
}

static gboolean
read_key_condition (Parser      *p,
                    DdQuerySpec *spec,
                    const char  *text,
                    GError     **error)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_query_condition_free);
  guint first;

  p->field = "KeyConditionExpression";
  if (!read_expression (p, text, conditions, error))
    return FALSE;
  if (conditions->len > 2)
    return refuse (error, p->field, _("a key condition has a partition key and at most a sort key"));
  first = ((DdQueryCondition *) conditions->pdata[0])->op == DD_QUERY_OP_EQ ? 0 : 1;
  if (first >= conditions->len || ((DdQueryCondition *) conditions->pdata[first])->op != DD_QUERY_OP_EQ)
    return refuse (error, p->field, _("the partition key is compared with ="));
  move_condition (&spec->partition, conditions->pdata[first]);
  if (conditions->len == 2)
    move_condition (&spec->sort, conditions->pdata[1 - first]);
  if (spec->sort.op > DD_QUERY_OP_BEGINS_WITH || spec->sort.op == DD_QUERY_OP_NE)
    return refuse (error, p->field, _("a sort key takes =, <, <=, >, >=, BETWEEN or begins_with"));
  return TRUE;
}

static gboolean
read_projection (Parser      *p,
                 DdQuerySpec *spec,
                 const char  *text,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  p->field = "ProjectionExpression";
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) tokens = tokenize (parts[i]);
      g_autofree char *name = NULL;

      p->tokens = tokens;
      p->pos = 0;
      if (tokens->len != 1)
        return refuse (error, p->field, _("the form shows a list of attribute names"));
      if (!read_name (p, &name, error))
        return FALSE;
      g_strv_builder_add (names, name);
    }
  spec->projection = g_strv_builder_end (names);
  return TRUE;
}

static gboolean
read_scalars (JsonObject  *root,
              DdQuerySpec *spec,
              GError     **error)
{
  JsonNode *limit = json_object_get_member (root, "Limit");
  JsonNode *consistent = json_object_get_member (root, "ConsistentRead");
  JsonNode *index = json_object_get_member (root, "IndexName");
  JsonNode *table = json_object_get_member (root, "TableName");

  if (table == NULL || json_node_get_value_type (table) != G_TYPE_STRING)
    return refuse (error, "TableName", _("a table name is needed"));
  spec->table = g_strdup (json_node_get_string (table));
  if (index != NULL && json_node_get_value_type (index) != G_TYPE_STRING)
    return refuse (error, "IndexName", _("not a string"));
  spec->index = index ? g_strdup (json_node_get_string (index)) : NULL;
  if (limit != NULL && (json_node_get_value_type (limit) != G_TYPE_INT64 || json_node_get_int (limit) <= 0))
    return refuse (error, "Limit", _("not a positive whole number"));
  spec->limit = limit ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (limit)) : NULL;
  if (consistent != NULL && json_node_get_value_type (consistent) != G_TYPE_BOOLEAN)
    return refuse (error, "ConsistentRead", _("not true or false"));
  spec->consistent_read = consistent ? json_node_get_boolean (consistent) : FALSE;
  return TRUE;
}

static const char * const known_members[] = {
  "TableName", "IndexName", "KeyConditionExpression", "FilterExpression", "ProjectionExpression",
  "ExpressionAttributeNames", "ExpressionAttributeValues", "Limit", "ConsistentRead", NULL
};

static gboolean
check_members (JsonObject  *root,
               DdQueryKind  kind,
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (root);
  const char *name;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_members, l->data)
        || (kind == DD_QUERY_KIND_SCAN && strcmp (l->data, "KeyConditionExpression") == 0))
      return refuse (error, NULL, _("The form has no place for “%s”."), (const char *) l->data);
  for (guint i = 2; i < 5; i++)
    if (json_object_has_member (root, (name = known_members[i]))
        && json_node_get_value_type (json_object_get_member (root, name)) != G_TYPE_STRING)
      return refuse (error, name, _("not a string"));
  for (guint i = 5; i < 7; i++)
    if (json_object_has_member (root, (name = known_members[i]))
        && !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, name)))
      return refuse (error, name, _("not an object"));
  if (kind == DD_QUERY_KIND_QUERY && !json_object_has_member (root, "KeyConditionExpression"))
    return refuse (error, "KeyConditionExpression", _("a Query needs a key condition"));
  return TRUE;
}

DdQuerySpec *
dd_query_spec_from_json (DdQueryKind   kind,
                         const char   *json,
                         GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DdQuerySpec) spec = dd_query_spec_new (kind);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  Parser p = { 0 };
  const char *text;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_JSON, "%s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return refuse (error, NULL, _("The request is not a JSON object.")), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!check_members (root, kind, error) || !read_scalars (root, spec, error))
    return NULL;
  if (json_object_has_member (root, "ExpressionAttributeNames"))
    p.names = json_object_get_object_member (root, "ExpressionAttributeNames");
  if (json_object_has_member (root, "ExpressionAttributeValues"))
    p.values = json_object_get_object_member (root, "ExpressionAttributeValues");
  if ((text = dd_json_member_string (root, "KeyConditionExpression")) != NULL
      && !read_key_condition (&p, spec, text, error))
    return NULL;
  p.field = "FilterExpression";
  if ((text = dd_json_member_string (root, "FilterExpression")) != NULL
      && !read_expression (&p, text, spec->filters, error))
    return NULL;
  if ((text = dd_json_member_string (root, "ProjectionExpression")) != NULL
      && !read_projection (&p, spec, text, error))
    return NULL;
  return g_steal_pointer (&spec);
}
