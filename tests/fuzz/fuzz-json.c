/* fuzz-json.c: the strict JSON reader and tokenizer (dd-json) on any bytes.
 *
 * Checked: dd_json_validate, dd_json_tokenize and a walk with the pull
 * reader agree on whether the text is JSON; an error carries a line and
 * column inside the text; every token lies inside the text, after its
 * parent, and a container's size is its number of children.
 */
#define G_LOG_DOMAIN "fuzz-json"

#include "config.h"

#include "fuzz.h"
#include "dd-error.h"
#include "dd-json.h"

static gboolean
walk (const char *text,
      gsize       len)
{
  DdJsonReader reader;
  g_autoptr(GError) error = NULL;
  DdJsonEvent event;
  guint n = 0;

  dd_json_reader_init (&reader, text, len);
  do
    {
      event = dd_json_reader_next (&reader, &error);
      if (event != DD_JSON_ERROR && event != DD_JSON_END)
        {
          g_assert_cmpuint (dd_json_reader_token_start (&reader) + dd_json_reader_token_length (&reader), <=, len);
          g_assert_cmpuint (dd_json_reader_get_depth (&reader), <=, DD_JSON_MAX_DEPTH);
        }
      g_assert_cmpuint (++n, <=, len + 2);
    }
  while (event != DD_JSON_ERROR && event != DD_JSON_END);
  if (event == DD_JSON_ERROR)
    {
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
      /* An error stays. */
      g_clear_error (&error);
      g_assert_cmpint (dd_json_reader_next (&reader, &error), ==, DD_JSON_ERROR);
    }
  return event == DD_JSON_END;
}

static void
check_tokens (GArray *tokens,
              gsize   len)
{
  g_autofree guint *children = g_new0 (guint, tokens->len + 1);

  for (guint i = 0; i < tokens->len; i++)
    {
      const DdJsonToken *token = &g_array_index (tokens, DdJsonToken, i);

      g_assert_cmpuint (token->start, <=, token->end);
      g_assert_cmpuint (token->end, <=, len);
      g_assert_cmpint (token->parent, <, (gint) i);
      g_assert_cmpint (token->parent, >=, -1);
      if (token->parent >= 0)
        {
          const DdJsonToken *parent = &g_array_index (tokens, DdJsonToken, token->parent);

          children[token->parent]++;
          /* A key spans its name only; its value follows it. */
          g_assert_cmpuint (token->start, >=, parent->start);
          if (parent->type != DD_JSON_TOKEN_KEY)
            g_assert_cmpuint (token->end, <=, parent->end);
          g_assert_true (parent->type == DD_JSON_TOKEN_OBJECT || parent->type == DD_JSON_TOKEN_ARRAY
                         || parent->type == DD_JSON_TOKEN_KEY);
          if (parent->type == DD_JSON_TOKEN_OBJECT)
            g_assert_cmpint (token->type, ==, DD_JSON_TOKEN_KEY);
        }
      else
        g_assert_cmpuint (i, ==, 0);
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      const DdJsonToken *token = &g_array_index (tokens, DdJsonToken, i);

      if (token->type == DD_JSON_TOKEN_OBJECT || token->type == DD_JSON_TOKEN_ARRAY
          || token->type == DD_JSON_TOKEN_KEY)
        g_assert_cmpuint (token->size, ==, children[i]);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tokenize_error = NULL;
  g_autoptr(GArray) tokens = NULL;
  gboolean valid;
  guint line = 0, column = 0;

  fuzz_init_once ();
  valid = dd_json_validate (text, size, &error);
  if (!valid)
    {
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
      g_assert_true (dd_json_error_get_location (error, &line, &column));
      g_assert_cmpuint (line, >=, 1);
      g_assert_cmpuint (column, >=, 1);
      g_assert_cmpuint (line, <=, size + 1);
    }
  else
    g_assert_no_error (error);
  g_assert_cmpint (walk (text, size), ==, valid);
  tokens = dd_json_tokenize (text, size, &tokenize_error);
  g_assert_cmpint (tokens != NULL, ==, valid);
  if (tokens != NULL)
    check_tokens (tokens, size);
  else
    g_assert_error (tokenize_error, DD_ERROR, DD_ERROR_INVALID_JSON);
  return 0;
}
