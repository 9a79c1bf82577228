/* dd-item-filter.c: the filter expressions of the results view. */
#define G_LOG_DOMAIN "dd-item-filter"

#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-item-filter.h"

typedef enum { KIND_ALL, KIND_TEXT, KIND_EXISTS, KIND_COMPARE } Kind;
typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } Op;
typedef enum { OPERAND_NUMBER, OPERAND_STRING, OPERAND_BOOL, OPERAND_NULL } Operand;

struct _DdItemFilter
{
  Kind     kind;
  char    *attribute;
  char    *text;       /* the text searched for, or the operand */
  gsize    text_len;
  Op       op;
  Operand  operand;
};

void
dd_item_filter_free (DdItemFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->attribute);
  g_free (self->text);
  g_free (self);
}

/* Parsing ------------------------------------------------------------------ */

static const char *
skip_spaces (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
is_name_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && strchr ("=!<>()\"", c) == NULL;
}

/* A "quoted" string (\" and \\ escape) or a bare name at *p; NULL when
 * there is none or the quote is not closed. */
static char *
read_name (const char **p)
{
  const char *s = *p;
  GString *out = g_string_new (NULL);

  if (*s == '"')
    {
      for (s++; *s != '\0' && *s != '"'; s++)
        {
          if (*s == '\\' && s[1] != '\0')
            s++;
          g_string_append_c (out, *s);
        }
      if (*s != '"')
        return (g_string_free (out, TRUE), NULL);
      s++;
    }
  else
    while (is_name_char (*s))
      g_string_append_c (out, *s++);
  if (out->len == 0 && s == *p)
    return (g_string_free (out, TRUE), NULL);
  *p = s;
  return g_string_free (out, FALSE);
}

static gboolean
read_op (const char **p,
         Op          *op)
{
  static const struct { const char *text; Op op; } ops[] = {
    { "==", OP_EQ }, { "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE },
    { "=", OP_EQ }, { "<", OP_LT }, { ">", OP_GT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_str_has_prefix (*p, ops[i].text))
      {
        *p += strlen (ops[i].text);
        *op = ops[i].op;
        return TRUE;
      }
  return FALSE;
}

static gboolean
looks_like_number (const char *s)
{
  gboolean digits = FALSE;

  if (*s == '-' || *s == '+')
    s++;
  for (; g_ascii_isdigit (*s); s++)
    digits = TRUE;
  if (*s == '.')
    for (s++; g_ascii_isdigit (*s); s++)
      digits = TRUE;
  if (digits && (*s == 'e' || *s == 'E'))
    {
      s++;
      if (*s == '-' || *s == '+')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  return digits && *s == '\0';
}

static gboolean
parse_operand (DdItemFilter  *self,
               const char    *p,
               GError       **error)
{
  g_autofree char *rest = g_strchomp (g_strdup (skip_spaces (p)));
  const char *q = rest;

  if (*rest == '\0')
    return g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                        "“%s” needs a value to compare with", self->attribute), FALSE;
  if (*rest == '"')
    {
      self->text = read_name (&q);
      if (self->text == NULL || *q != '\0')
        return g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                            "unterminated string in the filter: %s", rest), FALSE;
      self->operand = OPERAND_STRING;
    }
  else
    {
      self->text = g_strdup (rest);
      if (g_str_equal (rest, "true") || g_str_equal (rest, "false"))
        self->operand = OPERAND_BOOL;
      else if (g_str_equal (rest, "null"))
        self->operand = OPERAND_NULL;
      else
        self->operand = looks_like_number (rest) ? OPERAND_NUMBER : OPERAND_STRING;
    }
  self->text_len = strlen (self->text);
  return TRUE;
}

/* exists(attr); FALSE with error when it starts so but is not one, FALSE
 * without error when the text is something else. */
static gboolean
parse_exists (DdItemFilter  *self,
              const char    *p,
              GError       **error)
{
  if (!g_str_has_prefix (p, "exists"))
    return FALSE;
  p = skip_spaces (p + strlen ("exists"));
  if (*p != '(')
    return FALSE;
  p = skip_spaces (p + 1);
  self->attribute = read_name (&p);
  p = skip_spaces (p);
  if (self->attribute == NULL || *p != ')' || *skip_spaces (p + 1) != '\0')
    return g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                                "exists() takes one attribute name: exists(name)"), FALSE;
  self->kind = KIND_EXISTS;
  return TRUE;
}

static gboolean
parse (DdItemFilter  *self,
       const char    *expression,
       GError       **error)
{
  const char *p = skip_spaces (expression);
  g_autofree char *name = NULL;

  if (*p == '\0')
    return TRUE;
  if (parse_exists (self, p, error))
    return TRUE;
  if (error != NULL && *error != NULL)
    return FALSE;
  name = read_name (&p);
  p = skip_spaces (p);
  if (name != NULL && read_op (&p, &self->op))
    {
      self->kind = KIND_COMPARE;
      self->attribute = g_steal_pointer (&name);
      return parse_operand (self, p, error);
    }
  self->kind = KIND_TEXT;
  self->text = g_strchomp (g_strdup (skip_spaces (expression)));
  self->text_len = strlen (self->text);
  return TRUE;
}

DdItemFilter *
dd_item_filter_new (const char  *expression,
                    GError     **error)
{
  g_autoptr(DdItemFilter) self = g_new0 (DdItemFilter, 1);

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  self->kind = KIND_ALL;
  if (!parse (self, expression, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
dd_item_filter_get_attribute (DdItemFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->attribute;
}

/* Matching ----------------------------------------------------------------- */

static gboolean
op_holds (Op  op,
          int c)
{
  switch (op)
    {
    case OP_EQ: return c == 0;
    case OP_NE: return c != 0;
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    case OP_GE: return c >= 0;
    default: return FALSE;
    }
}

/* Compares value with the operand; FALSE when they cannot be compared. */
static gboolean
compare_operand (DdItemFilter      *self,
                 const DdItemValue *value,
                 int               *c)
{
  DdItemValue operand = { DD_ITEM_TYPE_S, self->text, self->text_len, FALSE };

  switch (self->operand)
    {
    case OPERAND_NUMBER:
      if (value->type == DD_ITEM_TYPE_N)
        return *c = dd_item_value_compare_numbers (value->text, value->len,
                                                   self->text, self->text_len), TRUE;
      /* A number is an S's text only for = and !=: "v > 9.5" is about
       * numbers, not about words that sort after "9.5". */
      if (self->op != OP_EQ && self->op != OP_NE)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case OPERAND_STRING:
      if (value->type != DD_ITEM_TYPE_S)
        return FALSE;
      return *c = dd_item_value_compare (value, &operand), TRUE;
    case OPERAND_BOOL:
      if (value->type != DD_ITEM_TYPE_BOOL)
        return FALSE;
      operand.type = DD_ITEM_TYPE_BOOL;
      return *c = dd_item_value_compare (value, &operand), TRUE;
    case OPERAND_NULL:
      return *c = 0, value->type == DD_ITEM_TYPE_NULL;
    default:
      return FALSE;
    }
}

gboolean
dd_item_filter_match_value (DdItemFilter      *self,
                            const DdItemValue *value)
{
  int c = 0;

  g_return_val_if_fail (self != NULL && value != NULL, FALSE);
  if (self->kind == KIND_ALL)
    return TRUE;
  if (self->kind != KIND_EXISTS && self->kind != KIND_COMPARE)
    return FALSE;
  if (value->type == DD_ITEM_TYPE_MISSING)
    return FALSE;
  if (self->kind == KIND_EXISTS)
    return TRUE;
  if (!compare_operand (self, value, &c))
    return self->op == OP_NE;
  return op_holds (self->op, c);
}

gboolean
dd_item_filter_match_item (DdItemFilter *self,
                           const char   *item,
                           gsize         len)
{
  DdItemValue value = { DD_ITEM_TYPE_MISSING, NULL, 0, FALSE };
  gssize offset;

  g_return_val_if_fail (self != NULL, FALSE);
  if (self->kind == KIND_ALL)
    return TRUE;
  if (self->kind == KIND_TEXT)
    return dd_item_value_contains_text (item, len, self->text, self->text_len);
  offset = dd_item_value_find (item, len, self->attribute);
  if (offset >= 0)
    dd_item_value_read (item + offset, len - (gsize) offset, &value);
  return dd_item_filter_match_value (self, &value);
}
