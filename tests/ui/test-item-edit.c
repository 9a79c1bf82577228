/* test-item-edit.c: the item editor's pure helpers: plain JSON read back
 * with the types it had, type changes found, exact numbers, key checks,
 * conversions the person asks for, the diff dialog's lines. */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-item-diff-dialog.h"
#include "dd-item-edit.h"
#include "dd-item-compare.h"
#include "dd-safe-write.h"
#include "dd-test-dynamo.h"

#define BIG "12345678901234567890123456789012345678"

static JsonObject *
typed (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *item = dd_item_edit_parse_typed (text, -1, &error);

  g_assert_no_error (error);
  return item;
}

static char *
compact (JsonObject *item)
{
  return dd_item_edit_to_typed_text (item);
}

static void
test_read_keeps_types (void)
{
  static const struct
  {
    const char *hint;
    const char *plain;
    const char *expected;
    const char *changes;
  } cases[] = {
    /* a set stays a set, binary stays binary, numbers keep their digits */
    { "{\"t\":{\"SS\":[\"a\"]}}", "{\"t\":[\"b\",\"c\"]}", "{\"t\":{\"SS\":[\"b\",\"c\"]}}", "" },
    { "{\"t\":{\"NS\":[\"1\"]}}", "{\"t\":[" BIG ",2]}", "{\"t\":{\"NS\":[\"" BIG "\",\"2\"]}}", "" },
    { "{\"t\":{\"BS\":[\"AQ==\"]}}", "{\"t\":[\"Ag==\"]}", "{\"t\":{\"BS\":[\"Ag==\"]}}", "" },
    { "{\"b\":{\"B\":\"AQ==\"}}", "{\"b\":\"AAEC/w==\"}", "{\"b\":{\"B\":\"AAEC/w==\"}}", "" },
    { "{\"n\":{\"N\":\"1\"}}", "{\"n\":1.50}", "{\"n\":{\"N\":\"1.50\"}}", "" },
    { NULL, "{\"n\":" BIG "}", "{\"n\":{\"N\":\"" BIG "\"}}", "" },
    /* nested: the hint reaches into maps and lists */
    { "{\"m\":{\"M\":{\"s\":{\"SS\":[\"x\"]}}}}", "{\"m\":{\"s\":[\"y\"]}}",
      "{\"m\":{\"M\":{\"s\":{\"SS\":[\"y\"]}}}}", "" },
    { "{\"l\":{\"L\":[{\"B\":\"AQ==\"}]}}", "{\"l\":[\"Ag==\",\"x\"]}",
      "{\"l\":{\"L\":[{\"B\":\"Ag==\"},{\"S\":\"x\"}]}}", "" },
    /* what does not fit is a change to ask about */
    { "{\"t\":{\"SS\":[\"a\"]}}", "{\"t\":[\"a\",\"a\"]}", "{\"t\":{\"L\":[{\"S\":\"a\"},{\"S\":\"a\"}]}}", "t:SS>L;" },
    { "{\"t\":{\"SS\":[\"a\"]}}", "{\"t\":[]}", "{\"t\":{\"L\":[]}}", "t:SS>L;" },
    { "{\"b\":{\"B\":\"AQ==\"}}", "{\"b\":\"not base64!\"}", "{\"b\":{\"S\":\"not base64!\"}}", "b:B>S;" },
    { "{\"n\":{\"N\":\"1\"}}", "{\"n\":\"1\"}", "{\"n\":{\"S\":\"1\"}}", "n:N>S;" },
    { "{\"m\":{\"M\":{\"x\":{\"N\":\"1\"}}}}", "{\"m\":{\"x\":true}}", "{\"m\":{\"M\":{\"x\":{\"BOOL\":true}}}}",
      "m.x:N>BOOL;" },
    /* a new attribute is no change */
    { "{}", "{\"new\":[\"a\"]}", "{\"new\":{\"L\":[{\"S\":\"a\"}]}}", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) hint = cases[i].hint ? typed (cases[i].hint) : NULL;
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_type_change_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) item = dd_item_edit_read_text (cases[i].plain, TRUE, hint, changes, &error);
      g_autofree char *text = NULL;
      g_autoptr(GString) seen = g_string_new (NULL);

      g_assert_no_error (error);
      text = compact (item);
      g_assert_cmpstr (text, ==, cases[i].expected);
      for (guint c = 0; c < changes->len; c++)
        {
          DdTypeChange *change = changes->pdata[c];
          g_string_append_printf (seen, "%s:%s>%s;", change->path, change->old_type, change->new_type);
        }
      g_assert_cmpstr (seen->str, ==, cases[i].changes);
    }
}

static void
test_read_typed_reports_changes (void)
{
  g_autoptr(JsonObject) hint = typed ("{\"t\":{\"SS\":[\"a\"]}}");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_type_change_free);
  g_autoptr(JsonObject) item = dd_item_edit_read_text ("{\"t\":{\"L\":[{\"S\":\"a\"}]}}", FALSE, hint, changes, NULL);

  /* typed text says what it means: not coerced, but asked about */
  g_assert_nonnull (item);
  g_assert_cmpuint (changes->len, ==, 1);
}

static void
test_read_errors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (dd_item_edit_read_text ("{\"a\": ", TRUE, NULL, NULL, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_clear_error (&error);
  g_assert_null (dd_item_edit_read_text ("{\"a\": {\"X\": 1}}", FALSE, NULL, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_write_text (void)
{
  g_autoptr(JsonObject) item = typed ("{\"n\":{\"N\":\"" BIG "\"},\"s\":{\"SS\":[\"a\"]},\"b\":{\"B\":\"AQ==\"}}");
  g_autofree char *plain = dd_item_edit_write_text (item, TRUE);
  g_autofree char *wire = dd_item_edit_write_text (item, FALSE);
  g_autoptr(JsonObject) back = dd_item_edit_read_text (plain, TRUE, item, NULL, NULL);
  g_autofree char *again = compact (back);
  g_autofree char *original = compact (item);

  g_assert_nonnull (strstr (plain, "\"n\": " BIG));
  g_assert_nonnull (strstr (wire, "\"N\": \"" BIG "\""));
  /* plain text read back with its hint is the same item */
  g_assert_cmpstr (again, ==, original);
}

static void
test_scalars (void)
{
  static const struct { const char *type, *text; gboolean ok; } cases[] = {
    { "N", "1", TRUE }, { "N", BIG, TRUE }, { "N", BIG "9", FALSE }, { "N", "", FALSE }, { "N", "1e126", FALSE },
    { "N", "abc", FALSE }, { "B", "AAEC/w==", TRUE }, { "B", "AQ=", FALSE }, { "B", "A=Q=", FALSE },
    { "B", "", TRUE }, { "BOOL", "true", TRUE }, { "BOOL", "yes", FALSE }, { "S", "", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *reason = NULL;

      g_assert_cmpint (dd_item_edit_scalar_is_valid (cases[i].type, cases[i].text, &reason), ==, cases[i].ok);
      g_assert_true (cases[i].ok == (reason == NULL));
    }
}

static void
test_check_key (void)
{
  const char *names[] = { "pk", "sk", NULL };
  const char *types[] = { "S", "N", NULL };
  static const struct { const char *item; guint n; const char *first; } cases[] = {
    { "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}", 0, NULL },
    { "{\"pk\":{\"S\":\"a\"}}", 1, "The key attribute “sk” is missing" },
    { "{\"pk\":{\"S\":\"\"},\"sk\":{\"N\":\"1\"}}", 1, "The key attribute “pk” cannot be empty" },
    { "{\"pk\":{\"N\":\"1\"},\"sk\":{\"N\":\"x\"}}", 2, "The key attribute “pk” must be of type S, not N" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) item = typed (cases[i].item);
      g_autoptr(GPtrArray) problems = dd_item_edit_check_key (item, names, types);

      g_assert_cmpuint (problems->len, ==, cases[i].n);
      if (cases[i].first)
        g_assert_cmpstr (problems->pdata[0], ==, cases[i].first);
    }
}

static void
test_convert (void)
{
  static const struct { const char *value, *type, *expected; } cases[] = {
    { "{\"S\":\"12\"}", "N", "{\"N\":\"12\"}" },
    { "{\"S\":\"a\"}", "SS", "{\"SS\":[\"a\"]}" },
    { "{\"SS\":[\"a\",\"b\"]}", "L", "{\"L\":[{\"S\":\"a\"},{\"S\":\"b\"}]}" },
    { "{\"NS\":[\"" BIG "\"]}", "L", "{\"L\":[{\"N\":\"" BIG "\"}]}" },
    { "{\"L\":[{\"S\":\"a\"},{\"S\":\"a\"},{\"M\":{}}]}", "SS", "{\"SS\":[\"a\"]}" },
    { "{\"L\":[{\"S\":\"a\"}]}", "M", "{\"M\":{\"0\":{\"S\":\"a\"}}}" },
    { "{\"M\":{\"x\":{\"N\":\"1\"}}}", "L", "{\"L\":[{\"N\":\"1\"}]}" },
    { "{\"BOOL\":true}", "S", "{\"S\":\"true\"}" },
    { "{\"S\":\"true\"}", "BOOL", "{\"BOOL\":true}" },
    { "{\"S\":\"x\"}", "NULL", "{\"NULL\":true}" },
    { "{\"NULL\":true}", "S", "{\"S\":\"\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) value = json_from_string (cases[i].value, NULL);
      g_autoptr(JsonNode) converted = dd_item_edit_convert (value, cases[i].type);
      g_autofree char *text = json_to_string (converted, FALSE);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_diff_lines (void)
{
  g_autofree char *added = dd_item_diff_format_line (DD_ITEM_DIFF_ADDED, "a", NULL, "{\"N\":\"" BIG "\"}");
  g_autofree char *removed = dd_item_diff_format_line (DD_ITEM_DIFF_REMOVED, "b", "{\"SS\":[\"x\"]}", NULL);
  g_autofree char *changed = dd_item_diff_format_line (DD_ITEM_DIFF_CHANGED, "c", "{\"B\":\"AQ==\"}", "{\"B\":\"Ag==\"}");

  g_assert_cmpstr (added, ==, "+ a: " BIG " (N)");
  g_assert_cmpstr (removed, ==, "- b: [\"x\"] (SS)");
  g_assert_cmpstr (changed, ==, "~ c: \"AQ==\" (B) → \"Ag==\" (B)");
}

static void
test_diff_expand (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diffs =
    dd_item_diff ("{\"m\":{\"M\":{\"a\":{\"M\":{\"x\":{\"N\":\"1\"}}},\"b\":{\"S\":\"same\"}}},\"s\":{\"S\":\"1\"}}",
                        "{\"m\":{\"M\":{\"a\":{\"M\":{\"x\":{\"N\":\"2\"},\"y\":{\"NULL\":true}}},\"b\":{\"S\":\"same\"}}},\"s\":{\"N\":\"1\"}}",
                        &error);
  g_autoptr(GPtrArray) expanded = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);

  g_assert_no_error (error);
  expanded = dd_item_diff_expand (diffs);
  for (guint i = 0; i < expanded->len; i++)
    {
      DdItemDiff *diff = expanded->pdata[i];
      g_autofree char *line = dd_item_diff_format_line (diff->kind, diff->name, diff->old_value, diff->new_value);

      g_string_append_printf (lines, "%s\n", line);
    }
  /* a map changed in place shows its members; a type change stays whole */
  g_assert_cmpstr (lines->str, ==, "~ m.a.x: 1 (N) → 2 (N)\n+ m.a.y: null (NULL)\n~ s: \"1\" (S) → 1 (N)\n");
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/ui/item-edit/read-keeps-types", test_read_keeps_types);
  g_test_add_func ("/dd/ui/item-edit/read-typed-reports-changes", test_read_typed_reports_changes);
  g_test_add_func ("/dd/ui/item-edit/read-errors", test_read_errors);
  g_test_add_func ("/dd/ui/item-edit/write-text", test_write_text);
  g_test_add_func ("/dd/ui/item-edit/scalars", test_scalars);
  g_test_add_func ("/dd/ui/item-edit/check-key", test_check_key);
  g_test_add_func ("/dd/ui/item-edit/convert", test_convert);
  g_test_add_func ("/dd/ui/item-edit/diff-lines", test_diff_lines);
  g_test_add_func ("/dd/ui/item-edit/diff-expand", test_diff_expand);
  return g_test_run ();
}
