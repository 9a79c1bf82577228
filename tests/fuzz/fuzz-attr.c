/* fuzz-attr.c: the attribute-value converter (dd-attr) in both directions.
 *
 * The input is taken as an item and as a request document, read plain,
 * typed and by detection, and as wire text to make plain. Checked: every
 * output is valid JSON; whatever was made typed converts back to plain;
 * plain -> typed -> plain -> typed gives the same typed text twice; typed
 * -> typed is the identity on what it produced; errors are DD_ERROR errors.
 * Nothing made typed may fail on the way back: plain text whose typed
 * form would pass the reader's nesting limit (each plain level is two
 * typed levels) is refused on the way in.
 */
#define G_LOG_DOMAIN "fuzz-attr"

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "dd-attr.h"
#include "dd-error.h"
#include "dd-json.h"

static const char * const paths[] = {
  "Item", "Items.[]", "Key", "ExpressionAttributeValues",
  "RequestItems.*.[].PutRequest.Item", "RequestItems.*.Keys.[]", "Parameters.[]@", NULL,
};

/* Valid JSON, within the reader's nesting limit. */
static void
assert_json (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!dd_json_validate (text, -1, &error))
    g_error ("not JSON: %s\n%s", error->message, text);
}

static void
assert_dd_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == DD_ERROR);
  g_assert_true (error->code == DD_ERROR_INVALID_JSON || error->code == DD_ERROR_INVALID_INPUT);
}

/* Typed text the converter made: back to plain, and typed again. */
static char *
back_to_plain (const char *typed,
               gboolean    document)
{
  g_autoptr(GError) error = NULL;
  char *plain;

  assert_json (typed);
  plain = document ? dd_attr_document_to_plain (typed, -1, paths, &error)
                   : dd_attr_item_to_plain (typed, -1, &error);
  if (plain == NULL)
    g_error ("typed text the converter made does not convert back: %s\n%s", error->message, typed);
  assert_json (plain);
  return plain;
}

static void
check_item (const char *text,
            gsize       len)
{
  static const DdAttrReading readings[] = { DD_ATTR_READING_DETECT, DD_ATTR_READING_PLAIN, DD_ATTR_READING_TYPED };

  for (guint i = 0; i < G_N_ELEMENTS (readings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *typed = dd_attr_item_to_typed (text, len, readings[i], &error);
      g_autofree char *plain = NULL;
      g_autofree char *again = NULL;

      if (typed == NULL)
        {
          assert_dd_error (error);
          continue;
        }
      plain = back_to_plain (typed, FALSE);
      /* Typed text read as typed is itself. */
      again = dd_attr_item_to_typed (typed, -1, DD_ATTR_READING_TYPED, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, typed);
      if (readings[i] == DD_ATTR_READING_PLAIN && plain != NULL)
        {
          g_autofree char *typed2 = dd_attr_item_to_typed (plain, -1, DD_ATTR_READING_PLAIN, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (typed2, ==, typed);
        }
    }
}

static void
check_document (const char *text,
                gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = dd_attr_document_to_typed (text, len, paths, DD_ATTR_READING_DETECT, &error);
  g_autofree char *plain = NULL;
  g_autofree char *wire_plain = NULL;

  if (typed != NULL)
    plain = back_to_plain (typed, TRUE);
  else
    assert_dd_error (error);
  g_clear_error (&error);
  wire_plain = dd_attr_document_to_plain (text, len, paths, &error);
  if (wire_plain != NULL)
    assert_json (wire_plain);
  else
    assert_dd_error (error);
}

static void
check_value (const char *text,
             gsize       len)
{
  g_autoptr(GString) out = g_string_new ("[");
  g_autoptr(GError) error = NULL;

  if (dd_attr_value_append_plain (out, text, len, &error))
    {
      g_string_append_c (out, ']');
      assert_json (out->str);
    }
  else
    assert_dd_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  const char *reason = NULL;

  fuzz_init_once ();
  check_item (text, size);
  check_document (text, size);
  check_value (text, size);
  plain = dd_attr_item_to_plain (text, size, &error);
  if (plain != NULL)
    assert_json (plain);
  else
    assert_dd_error (error);
  if (!dd_attr_number_is_valid (text, size, &reason))
    g_assert_nonnull (reason);
  return 0;
}
