/* dd-table-spec.c: the create-table form's request. */
#define G_LOG_DOMAIN "dd-table-spec"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "dd-shared-closures.h"
#include "dd-table-spec.h"

#define MAX_GSI 20
#define MAX_LSI 5

DdTableSpec *
dd_table_spec_new (void)
{
  DdTableSpec *spec = g_new0 (DdTableSpec, 1);

  spec->partition_type = g_strdup ("S");
  spec->sort_type = g_strdup ("S");
  spec->read_units = spec->write_units = 5;
  spec->indexes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_index_spec_free);
  spec->tags = g_ptr_array_new_with_free_func (g_free);
  return spec;
}

void
dd_table_spec_free (DdTableSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->name);
  g_free (spec->partition_key);
  g_free (spec->partition_type);
  g_free (spec->sort_key);
  g_free (spec->sort_type);
  g_ptr_array_unref (spec->indexes);
  g_free (spec->stream);
  g_ptr_array_unref (spec->tags);
  g_free (spec);
}

DdIndexSpec *
dd_index_spec_new (gboolean global)
{
  DdIndexSpec *index = g_new0 (DdIndexSpec, 1);

  index->global = global;
  index->partition_type = g_strdup ("S");
  index->sort_type = g_strdup ("S");
  index->projection = g_strdup ("ALL");
  index->read_units = index->write_units = 5;
  return index;
}

void
dd_index_spec_free (DdIndexSpec *index)
{
  if (index == NULL)
    return;
  g_free (index->name);
  g_free (index->partition_key);
  g_free (index->partition_type);
  g_free (index->sort_key);
  g_free (index->sort_type);
  g_free (index->projection);
  g_strfreev (index->non_key);
  g_free (index);
}

static gboolean
has (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Attribute definitions */

static void
define (GPtrArray  *names,
        GPtrArray  *types,
        const char *name,
        const char *type)
{
  if (!has (name))
    return;
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return;
  g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_add (types, (gpointer) type);
}

static void
collect_definitions (const DdTableSpec *spec,
                     GPtrArray         *names,
                     GPtrArray         *types)
{
  define (names, types, spec->partition_key, spec->partition_type);
  define (names, types, spec->sort_key, spec->sort_type);
  for (guint i = 0; i < spec->indexes->len; i++)
    {
      DdIndexSpec *index = spec->indexes->pdata[i];

      if (index->global)
        define (names, types, index->partition_key, index->partition_type);
      define (names, types, index->sort_key, index->sort_type);
    }
}

/* JSON */

static void
add_key_schema (JsonBuilder *b,
                const char  *partition,
                const char  *sort)
{
  json_builder_set_member_name (b, "KeySchema");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "AttributeName");
  json_builder_add_string_value (b, partition ? partition : "");
  json_builder_set_member_name (b, "KeyType");
  json_builder_add_string_value (b, "HASH");
  json_builder_end_object (b);
  if (has (sort))
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "AttributeName");
      json_builder_add_string_value (b, sort);
      json_builder_set_member_name (b, "KeyType");
      json_builder_add_string_value (b, "RANGE");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_throughput (JsonBuilder *b,
                gint64       read_units,
                gint64       write_units)
{
  json_builder_set_member_name (b, "ProvisionedThroughput");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ReadCapacityUnits");
  json_builder_add_int_value (b, read_units);
  json_builder_set_member_name (b, "WriteCapacityUnits");
  json_builder_add_int_value (b, write_units);
  json_builder_end_object (b);
}

static void
add_index (JsonBuilder       *b,
           const DdTableSpec *spec,
           DdIndexSpec       *index)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "IndexName");
  json_builder_add_string_value (b, index->name ? index->name : "");
  add_key_schema (b, index->global ? index->partition_key : spec->partition_key, index->sort_key);
  json_builder_set_member_name (b, "Projection");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ProjectionType");
  json_builder_add_string_value (b, index->projection);
  if (g_strcmp0 (index->projection, "INCLUDE") == 0)
    {
      json_builder_set_member_name (b, "NonKeyAttributes");
      json_builder_begin_array (b);
      for (guint i = 0; index->non_key != NULL && index->non_key[i] != NULL; i++)
        json_builder_add_string_value (b, index->non_key[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  if (index->global && spec->provisioned)
    add_throughput (b, index->read_units, index->write_units);
  json_builder_end_object (b);
}

static void
add_indexes (JsonBuilder       *b,
             const DdTableSpec *spec,
             gboolean           global)
{
  guint n = 0;

  for (guint i = 0; i < spec->indexes->len; i++)
    n += ((DdIndexSpec *) spec->indexes->pdata[i])->global == global;
  if (n == 0)
    return;
  json_builder_set_member_name (b, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
  json_builder_begin_array (b);
  for (guint i = 0; i < spec->indexes->len; i++)
    if (((DdIndexSpec *) spec->indexes->pdata[i])->global == global)
      add_index (b, spec, spec->indexes->pdata[i]);
  json_builder_end_array (b);
}

static void
add_stream_and_tags (JsonBuilder       *b,
                     const DdTableSpec *spec)
{
  if (has (spec->stream))
    {
      json_builder_set_member_name (b, "StreamSpecification");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "StreamEnabled");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_set_member_name (b, "StreamViewType");
      json_builder_add_string_value (b, spec->stream);
      json_builder_end_object (b);
    }
  if (spec->tags->len == 0)
    return;
  json_builder_set_member_name (b, "Tags");
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < spec->tags->len; i += 2)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "Key");
      json_builder_add_string_value (b, spec->tags->pdata[i]);
      json_builder_set_member_name (b, "Value");
      json_builder_add_string_value (b, spec->tags->pdata[i + 1]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
dd_table_spec_to_json (const DdTableSpec *spec)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *compact = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  collect_definitions (spec, names, types);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "TableName");
  json_builder_add_string_value (b, spec->name ? spec->name : "");
  json_builder_set_member_name (b, "AttributeDefinitions");
  json_builder_begin_array (b);
  for (guint i = 0; i < names->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "AttributeName");
      json_builder_add_string_value (b, names->pdata[i]);
      json_builder_set_member_name (b, "AttributeType");
      json_builder_add_string_value (b, types->pdata[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_key_schema (b, spec->partition_key, spec->sort_key);
  json_builder_set_member_name (b, "BillingMode");
  json_builder_add_string_value (b, spec->provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
  if (spec->provisioned)
    add_throughput (b, spec->read_units, spec->write_units);
  add_indexes (b, spec, TRUE);
  add_indexes (b, spec, FALSE);
  add_stream_and_tags (b, spec);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  compact = json_to_string (root, FALSE);
  return dd_json_reindent (compact, -1);
}

/* Checks */

static void
check_type (GPtrArray  *problems,
            GHashTable *seen,
            const char *name,
            const char *type)
{
  const char *known;

  if (!has (name))
    return;
  known = g_hash_table_lookup (seen, name);
  if (known == NULL)
    g_hash_table_insert (seen, (gpointer) name, (gpointer) type);
  else if (!g_str_equal (known, type))
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” is given two types, %s and %s"), name, known, type));
}

static void
check_index (GPtrArray         *problems,
             const DdTableSpec *spec,
             DdIndexSpec       *index,
             GHashTable        *names)
{
  if (!has (index->name))
    g_ptr_array_add (problems, g_strdup (_("An index needs a name")));
  else if (!g_hash_table_add (names, index->name))
    g_ptr_array_add (problems, g_strdup_printf (_("Two indexes are named “%s”"), index->name));
  if (index->global && !has (index->partition_key))
    g_ptr_array_add (problems, g_strdup_printf (_("The index “%s” needs a partition key"), index->name ? index->name : ""));
  if (!index->global && !has (index->sort_key))
    g_ptr_array_add (problems, g_strdup_printf (_("The local index “%s” needs a sort key"), index->name ? index->name : ""));
  if (!index->global && !has (spec->sort_key))
    g_ptr_array_add (problems, g_strdup (_("A local secondary index needs a table with a sort key")));
  if (g_strcmp0 (index->projection, "INCLUDE") == 0 && (index->non_key == NULL || index->non_key[0] == NULL))
    g_ptr_array_add (problems, g_strdup_printf (_("The index “%s” includes no attributes"), index->name ? index->name : ""));
}

GPtrArray *
dd_table_spec_check (const DdTableSpec *spec)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_global = 0, n_local = 0;

  if (!has (spec->name))
    g_ptr_array_add (problems, g_strdup (_("The table needs a name")));
  else if (strlen (spec->name) < 3 || strlen (spec->name) > 255)
    g_ptr_array_add (problems, g_strdup (_("A table name has 3 to 255 characters")));
  if (!has (spec->partition_key))
    g_ptr_array_add (problems, g_strdup (_("The table needs a partition key")));
  check_type (problems, types, spec->partition_key, spec->partition_type);
  check_type (problems, types, spec->sort_key, spec->sort_type);
  for (guint i = 0; i < spec->indexes->len; i++)
    {
      DdIndexSpec *index = spec->indexes->pdata[i];

      check_index (problems, spec, index, names);
      if (index->global)
        check_type (problems, types, index->partition_key, index->partition_type);
      check_type (problems, types, index->sort_key, index->sort_type);
      index->global ? n_global++ : n_local++;
    }
  if (n_global > MAX_GSI)
    g_ptr_array_add (problems, g_strdup_printf (_("A table has at most %d global secondary indexes"), MAX_GSI));
  if (n_local > MAX_LSI)
    g_ptr_array_add (problems, g_strdup_printf (_("A table has at most %d local secondary indexes"), MAX_LSI));
  return problems;
}

gboolean
dd_table_spec_parse_tags (DdTableSpec *spec,
                          const char  *text)
{
  g_auto(GStrv) pairs = g_strsplit (text ? text : "", ",", -1);

  g_ptr_array_set_size (spec->tags, 0);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      char *eq;

      if (*pair == '\0')
        continue;
      eq = strchr (pair, '=');
      if (eq == NULL || eq == pair)
        return FALSE;
      *eq = '\0';
      g_ptr_array_add (spec->tags, g_strdup (g_strstrip (pair)));
      g_ptr_array_add (spec->tags, g_strdup (g_strstrip (eq + 1)));
    }
  return TRUE;
}
