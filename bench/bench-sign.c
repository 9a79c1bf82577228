/* bench-sign.c: how many DynamoDB-shaped requests SigV4 signs a second.
 *
 * Each request is a POST / with host, x-amz-date, x-amz-target and
 * content-type and a ~200-byte JSON body whose hash is computed, as the
 * client does for every attempt. The example keys are the AWS suite's.
 */
#define G_LOG_DOMAIN "bench-sign"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dd-sigv4.h"

#define DEFAULT_REQUESTS 100000

static gsize
format_body (char  *buf,
             gsize  size,
             guint  i)
{
  int n = g_snprintf (buf, size,
                      "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"No One You Know %u\"},"
                      "\"SongTitle\":{\"S\":\"Call Me Today\"}},\"ProjectionExpression\":"
                      "\"#a, #t, Price\",\"ExpressionAttributeNames\":{\"#a\":\"Artist\","
                      "\"#t\":\"SongTitle\"},\"ConsistentRead\":true}",
                      i);

  g_assert (n > 0 && (gsize) n < size);
  return n;
}

int
main (int    argc,
      char **argv)
{
  guint n_requests = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : DEFAULT_REQUESTS;
  g_autoptr (GDateTime) when = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  g_autofree char *amz_date = dd_sigv4_format_amz_date (when);
  const DdSigv4Header headers[] = {
    { "host", "dynamodb.us-east-1.amazonaws.com" },
    { "x-amz-date", amz_date },
    { "x-amz-target", "DynamoDB_20120810.GetItem" },
    { "content-type", "application/x-amz-json-1.0" },
  };
  const DdSigv4Scope scope = {
    "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "dynamodb", when
  };
  char body[512];
  gsize total_len = 0;
  gint64 start;
  double seconds;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_requests; i++)
    {
      gsize len = format_body (body, sizeof body, i);
      DdSigv4Request request = {
        "POST", "/", NULL, headers, G_N_ELEMENTS (headers), (const guint8 *) body, len, NULL, TRUE
      };
      g_autofree char *authorization = dd_sigv4_authorization (&request, &scope);

      total_len += len;
      g_assert (authorization != NULL);
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  printf ("sign: %u requests in %.3f s, %.0f requests/s\n", n_requests, seconds, n_requests / seconds);
  g_debug ("%" G_GSIZE_FORMAT " body bytes hashed", total_len);
  return 0;
}
