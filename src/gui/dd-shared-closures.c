/* dd-shared-closures.c: small pure presentation helpers. */
#define G_LOG_DOMAIN "dd-shared-closures"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-shared-closures.h"

char *
dd_format_item_count (guint64 n_items)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n_items);

  /* Translators: %s is a number of items */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item", "%s items", n_items > G_MAXULONG ? G_MAXULONG : (gulong) n_items),
                          number);
}

char *
dd_format_elapsed (gint64 usec)
{
  gint64 ms = MAX (usec, 0) / 1000;

  if (ms < 1000)
    return g_strdup_printf (_("%d ms"), (int) ms);
  if (ms < 60000)
    return g_strdup_printf (_("%d.%02d s"), (int) (ms / 1000), (int) ((ms % 1000) / 10));
  return g_strdup_printf (_("%d min %d s"), (int) MIN (ms / 60000, G_MAXINT), (int) ((ms % 60000) / 1000));
}

char *
dd_format_status_line (guint64     n_items,
                       gint64      scanned,
                       const char *capacity,
                       gint64      usec)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *items = dd_format_item_count (n_items);
  g_autofree char *elapsed = dd_format_elapsed (usec);

  g_string_append (line, items);
  if (scanned >= 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, scanned);

      g_string_append (line, " · ");
      /* Translators: %s is how many items a Scan or Query read */
      g_string_append_printf (line, _("%s scanned"), number);
    }
  if (capacity != NULL && *capacity != '\0')
    {
      g_string_append (line, " · ");
      g_string_append_printf (line, _("%s capacity units"), capacity);
    }
  g_string_append (line, " · ");
  g_string_append (line, elapsed);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

char *
dd_format_binary_short (const char *base64)
{
  g_autofree char *shown = NULL;
  gsize len;
  gsize n_bytes;
  const char *p;
  guint pad = 0;

  if (base64 == NULL)
    return g_strdup ("");
  len = strlen (base64);
  for (p = base64 + len; p > base64 && p[-1] == '=' && pad < 2; p--)
    pad++;
  n_bytes = len / 4 * 3 - pad;
  shown = len <= 12 ? g_strdup (base64) : g_strdup_printf ("%.12s…", base64);
  /* Translators: a short form of a binary value, then its size */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%lu byte)", "%s (%lu bytes)", (gulong) n_bytes),
                          shown, (gulong) n_bytes);
}

const char *
dd_attr_type_label (const char *type_code)
{
  static const struct { const char *code; const char *label; } types[] = {
    { "S", N_("String") }, { "N", N_("Number") }, { "B", N_("Binary") },
    { "BOOL", N_("Boolean") }, { "NULL", N_("Null") }, { "M", N_("Map") },
    { "L", N_("List") }, { "SS", N_("String Set") }, { "NS", N_("Number Set") },
    { "BS", N_("Binary Set") },
  };

  if (type_code == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (types[i].code, type_code) == 0)
      return _(types[i].label);
  return type_code;
}

char *
dd_format_source_subtitle (const char *region,
                           const char *endpoint,
                           const char *auth_label)
{
  const char *where = (endpoint != NULL && *endpoint != '\0') ? endpoint : region;

  if (where == NULL || *where == '\0')
    where = _("Default region");
  if (auth_label == NULL || *auth_label == '\0')
    return g_strdup (where);
  return g_strdup_printf ("%s · %s", where, auth_label);
}

static gboolean
all_chars (const char *s,
           gsize       len,
           gboolean  (*accept) (char))
{
  for (gsize i = 0; i < len; i++)
    if (!accept (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_upper_alnum (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

gboolean
dd_validate_access_key_id (const char  *text,
                           const char **reason)
{
  gsize len = text ? strlen (text) : 0;

  if (!g_str_has_prefix (text ? text : "", "AKIA") && !g_str_has_prefix (text ? text : "", "ASIA"))
    {
      *reason = _("An access key id starts with AKIA or ASIA");
      return FALSE;
    }
  if (len != 20)
    {
      *reason = _("An access key id is 20 characters long");
      return FALSE;
    }
  if (!all_chars (text + 4, 16, is_upper_alnum))
    {
      *reason = _("An access key id has only capital letters and digits");
      return FALSE;
    }
  return TRUE;
}

static gboolean
arn_partition_ok (const char *partition)
{
  return g_strcmp0 (partition, "aws") == 0
         || g_strcmp0 (partition, "aws-cn") == 0
         || g_strcmp0 (partition, "aws-us-gov") == 0;
}

gboolean
dd_validate_role_arn (const char  *text,
                      const char **reason)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ":", 6);

  if (g_strv_length (parts) != 6 || g_strcmp0 (parts[0], "arn") != 0)
    {
      *reason = _("A role ARN reads arn:aws:iam::123456789012:role/NAME");
      return FALSE;
    }
  if (!arn_partition_ok (parts[1]))
    {
      *reason = _("The partition must be aws, aws-cn or aws-us-gov");
      return FALSE;
    }
  if (g_strcmp0 (parts[2], "iam") != 0 || parts[3][0] != '\0')
    {
      *reason = _("A role ARN names the iam service and no region");
      return FALSE;
    }
  if (strlen (parts[4]) != 12 || !all_chars (parts[4], 12, is_digit))
    {
      *reason = _("The account id is 12 digits");
      return FALSE;
    }
  if (!g_str_has_prefix (parts[5], "role/") || parts[5][5] == '\0')
    {
      *reason = _("The resource must be role/ followed by the role's name");
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_validate_endpoint_url (const char  *text,
                          const char **reason)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (text ? text : "", G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      *reason = _("Not a URL; for example http://localhost:8000");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      *reason = _("The URL must start with http:// or https://");
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      *reason = _("The URL has no host");
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      *reason = _("An endpoint URL has no query or fragment");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_lower (char c)
{
  return c >= 'a' && c <= 'z';
}

gboolean
dd_validate_region (const char  *text,
                    const char **reason)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", "-", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    if (parts[i][0] == '\0' || !all_chars (parts[i], strlen (parts[i]), is_lower))
      goto bad;
  if (n < 3 || parts[n - 1][0] == '\0' || !all_chars (parts[n - 1], strlen (parts[n - 1]), is_digit))
    goto bad;
  return TRUE;

bad:
  *reason = _("A region reads like us-east-1 or eu-central-2");
  return FALSE;
}

gboolean
dd_parse_error_location (const char *message,
                         guint      *line,
                         guint      *column)
{
  const char *p;
  unsigned int l, c;

  if (message == NULL)
    return FALSE;
  if ((p = strstr (message, "line ")) != NULL
      && sscanf (p, "line %u, column %u", &l, &c) == 2)
    goto found;
  if (g_str_has_prefix (message, "<data>:")
      && sscanf (message, "<data>:%u:%u", &l, &c) == 2)
    goto found;
  return FALSE;

found:
  if (l == 0 || c == 0)
    return FALSE;
  *line = l;
  *column = c;
  return TRUE;
}

char *
dd_strip_error_location (const char *message)
{
  const char *p;
  unsigned int l, c;
  int consumed = 0;

  if (message == NULL)
    return g_strdup ("");
  if (sscanf (message, "<data>:%u:%u: %n", &l, &c, &consumed) == 2 && consumed > 0)
    message += consumed;
  else if (sscanf (message, "line %u, column %u: %n", &l, &c, &consumed) == 2 && consumed > 0)
    message += consumed;
  if (g_str_has_prefix (message, "Parse error: "))
    message += strlen ("Parse error: ");
  p = message;
  return g_strdup (p);
}

typedef struct
{
  int         sign;     /* -1, 0 (zero), 1 */
  const char *digits;   /* significant digits, leading zeros skipped */
  gsize       n_digits; /* up to the last non-zero digit */
  gint64      exponent; /* position of the decimal point after digits[0] */
} DecimalParts;

static gboolean
decimal_parse (const char   *s,
               DecimalParts *out)
{
  const char *p = s;
  gint64 point = 0, first = -1, last = -1, i = 0, exp = 0;
  gboolean seen_point = FALSE, any = FALSE;

  out->sign = 1;
  if (*p == '-' || *p == '+')
    out->sign = *p++ == '-' ? -1 : 1;
  out->digits = NULL;
  for (; *p != '\0' && *p != 'e' && *p != 'E'; p++)
    {
      if (*p == '.' && !seen_point)
        {
          seen_point = TRUE;
          continue;
        }
      if (*p < '0' || *p > '9')
        return FALSE;
      any = TRUE;
      if (!seen_point)
        point++;
      if (*p != '0')
        {
          if (first < 0)
            {
              first = i;
              out->digits = p;
            }
          last = i;
        }
      i++;
    }
  if (!any)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      char *end;
      exp = g_ascii_strtoll (p + 1, &end, 10);
      if (end == p + 1 || *end != '\0')
        return FALSE;
    }
  if (first < 0)
    {
      out->sign = 0;
      out->n_digits = 0;
      out->exponent = 0;
      return TRUE;
    }
  out->n_digits = (gsize) (last - first + 1);
  out->exponent = point - first + exp;
  return TRUE;
}

static int
digits_compare (const DecimalParts *a,
                const DecimalParts *b)
{
  const char *pa = a->digits, *pb = b->digits;
  gsize na = 0, nb = 0;

  if (a->exponent != b->exponent)
    return a->exponent < b->exponent ? -1 : 1;
  while (na < a->n_digits || nb < b->n_digits)
    {
      char ca, cb;

      if (*pa == '.')
        pa++;
      if (*pb == '.')
        pb++;
      ca = na < a->n_digits ? *pa : '0';
      cb = nb < b->n_digits ? *pb : '0';
      if (ca != cb)
        return ca < cb ? -1 : 1;
      if (na < a->n_digits)
        pa++, na++;
      if (nb < b->n_digits)
        pb++, nb++;
    }
  return 0;
}

int
dd_number_compare (const char *a,
                   const char *b)
{
  DecimalParts da, db;
  gboolean ok_a = decimal_parse (a ? a : "", &da);
  gboolean ok_b = decimal_parse (b ? b : "", &db);
  int magnitude;

  if (!ok_a || !ok_b)
    return ok_a == ok_b ? g_strcmp0 (a, b) : (ok_a ? 1 : -1);
  if (da.sign != db.sign)
    return da.sign < db.sign ? -1 : 1;
  if (da.sign == 0)
    return 0;
  magnitude = digits_compare (&da, &db);
  return da.sign > 0 ? magnitude : -magnitude;
}

static char *
cut_line (const char *text,
          guint       max_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
dd_format_cell (const char *type_code,
                const char *text,
                guint       max_chars,
                DdCellKind *kind)
{
  if (type_code == NULL)
    {
      *kind = DD_CELL_MISSING;
      return g_strdup ("");
    }
  if (g_str_equal (type_code, "N"))
    {
      *kind = DD_CELL_NUMBER;
      return g_strdup (text);
    }
  if (g_str_equal (type_code, "BOOL"))
    {
      *kind = DD_CELL_BOOL;
      return g_strdup (g_strcmp0 (text, "true") == 0 ? "true" : "false");
    }
  if (g_str_equal (type_code, "NULL"))
    {
      *kind = DD_CELL_NULL;
      return g_strdup ("null");
    }
  if (g_str_equal (type_code, "B"))
    {
      *kind = DD_CELL_BINARY;
      return dd_format_binary_short (text);
    }
  *kind = g_str_equal (type_code, "S") ? DD_CELL_TEXT : DD_CELL_COMPOSITE;
  return cut_line (text ? text : "", max_chars);
}

static void
newline_indent (GString *out,
                guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

char *
dd_json_reindent (const char *text,
                  gssize      len)
{
  g_autoptr(GString) out = NULL;
  const char *p, *end;
  guint depth = 0;
  gboolean in_string = FALSE;

  if (text == NULL)
    return g_strdup ("");
  end = text + (len < 0 ? strlen (text) : (gsize) len);
  out = g_string_sized_new ((gsize) (end - text) * 2);
  for (p = text; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          g_string_append_c (out, c);
          if (c == '\\' && p + 1 < end)
            g_string_append_c (out, *++p);
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case ' ': case '\t': case '\n': case '\r':
          break;
        case '"':
          in_string = TRUE;
          g_string_append_c (out, c);
          break;
        case '{': case '[':
          g_string_append_c (out, c);
          if (p + 1 < end && (p[1] == '}' || p[1] == ']'))
            g_string_append_c (out, *++p);
          else
            newline_indent (out, ++depth);
          break;
        case '}': case ']':
          newline_indent (out, depth > 0 ? --depth : 0);
          g_string_append_c (out, c);
          break;
        case ',':
          g_string_append_c (out, c);
          newline_indent (out, depth);
          break;
        case ':':
          g_string_append (out, ": ");
          break;
        default:
          g_string_append_c (out, c);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_pair (GPtrArray  *rows,
          const char *title,
          char       *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (rows, g_strdup (title));
  g_ptr_array_add (rows, value);
}

static char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static char *
key_attribute (JsonObject *table,
               const char *key_type)
{
  JsonArray *schema = array_member (table, "KeySchema");
  JsonArray *definitions = array_member (table, "AttributeDefinitions");

  for (guint i = 0; schema != NULL && i < json_array_get_length (schema); i++)
    {
      JsonObject *key = json_array_get_object_element (schema, i);
      g_autofree char *type = string_member (key, "KeyType");
      g_autofree char *name = string_member (key, "AttributeName");

      if (g_strcmp0 (type, key_type) != 0 || name == NULL)
        continue;
      for (guint j = 0; definitions != NULL && j < json_array_get_length (definitions); j++)
        {
          JsonObject *definition = json_array_get_object_element (definitions, j);
          g_autofree char *def_name = string_member (definition, "AttributeName");
          g_autofree char *def_type = string_member (definition, "AttributeType");

          if (g_strcmp0 (def_name, name) == 0 && def_type != NULL)
            return g_strdup_printf ("%s (%s)", name, dd_attr_type_label (def_type));
        }
      return g_steal_pointer (&name);
    }
  return NULL;
}

static char *
index_names (JsonObject *table,
             const char *member)
{
  JsonArray *indexes = array_member (table, member);
  g_autoptr(GString) names = NULL;

  if (indexes == NULL || json_array_get_length (indexes) == 0)
    return NULL;
  names = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (indexes); i++)
    {
      g_autofree char *name = string_member (json_array_get_object_element (indexes, i), "IndexName");

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name ? name : "?");
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
size_member (JsonObject *table)
{
  JsonNode *node = json_object_get_member (table, "TableSizeBytes");

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return NULL;
  return g_format_size ((guint64) MAX (json_node_get_int (node), 0));
}

static char *
created_member (JsonObject *table)
{
  JsonNode *node = json_object_get_member (table, "CreationDateTime");
  g_autoptr(GDateTime) when = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    return NULL;
  when = g_date_time_new_from_unix_utc ((gint64) json_node_get_double (node));
  return when ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : NULL;
}

static char *
billing_member (JsonObject *table)
{
  g_autofree char *mode = string_member (object_member (table, "BillingModeSummary"), "BillingMode");
  JsonObject *throughput = object_member (table, "ProvisionedThroughput");
  g_autofree char *rcu = string_member (throughput, "ReadCapacityUnits");
  g_autofree char *wcu = string_member (throughput, "WriteCapacityUnits");

  if (g_strcmp0 (mode, "PAY_PER_REQUEST") == 0)
    return g_strdup (_("On demand"));
  if (rcu == NULL || wcu == NULL)
    return g_steal_pointer (&mode);
  return g_strdup_printf (_("Provisioned: %s read, %s write capacity units"), rcu, wcu);
}

GPtrArray *
dd_describe_table_summary (const char *json,
                           gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  JsonObject *table;
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, (gssize) len, NULL))
    return rows;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (table = object_member (json_node_get_object (root), "Table")) == NULL)
    return rows;
  add_pair (rows, _("Table"), string_member (table, "TableName"));
  add_pair (rows, _("Status"), string_member (table, "TableStatus"));
  add_pair (rows, _("Partition Key"), key_attribute (table, "HASH"));
  add_pair (rows, _("Sort Key"), key_attribute (table, "RANGE"));
  add_pair (rows, _("Items"), string_member (table, "ItemCount"));
  add_pair (rows, _("Size"), size_member (table));
  add_pair (rows, _("Capacity"), billing_member (table));
  add_pair (rows, _("Global Secondary Indexes"), index_names (table, "GlobalSecondaryIndexes"));
  add_pair (rows, _("Local Secondary Indexes"), index_names (table, "LocalSecondaryIndexes"));
  add_pair (rows, _("Created"), created_member (table));
  add_pair (rows, _("ARN"), string_member (table, "TableArn"));
  return rows;
}
