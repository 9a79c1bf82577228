/* bench-ceiling.c: the fastest a Scan client can be against the replay
 * server of bench/run.sh: it posts each Scan request on one kept-alive
 * loopback connection, reads the response bytes, picks LastEvaluatedKey
 * out of them to ask for the next page, and does nothing else (no
 * signing, no parsing, no output).
 *
 *   bench-ceiling PORT TABLE
 *
 * Prints the pages and bytes read. Only 127.0.0.1.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

static int
connect_loopback (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    g_error ("connect 127.0.0.1:%u: %s", port, g_strerror (errno));
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("write: %s", g_strerror (errno));
      data += n;
      len -= (gsize) n;
    }
}

/* Reads one response into buf (reused): headers, then Content-Length
 * bytes of body. Returns the body's offset in buf. */
static gsize
read_response (int         fd,
               GByteArray *buf,
               gsize      *body_len)
{
  gsize header_end = 0, need = 0;
  guint8 chunk[65536];

  g_byte_array_set_size (buf, 0);
  for (;;)
    {
      ssize_t n;

      if (header_end == 0)
        {
          const char *end = g_strstr_len ((const char *) buf->data, (gssize) buf->len, "\r\n\r\n");

          if (end != NULL)
            {
              g_autofree char *headers = g_ascii_strdown ((const char *) buf->data,
                                                          end - (const char *) buf->data);
              const char *cl = strstr (headers, "content-length:");

              if (cl == NULL || strncmp ((const char *) buf->data, "HTTP/1.1 200", 12) != 0)
                g_error ("unexpected response: %.*s", (int) MIN (buf->len, 300), buf->data);
              header_end = (gsize) (end + 4 - (const char *) buf->data);
              need = header_end + g_ascii_strtoull (cl + strlen ("content-length:"), NULL, 10);
            }
        }
      if (header_end != 0 && buf->len >= need)
        break;
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("read: %s", n == 0 ? "connection closed" : g_strerror (errno));
      g_byte_array_append (buf, chunk, (guint) n);
    }
  *body_len = need - header_end;
  return header_end;
}

/* The JSON object after "LastEvaluatedKey": in body, or NULL. */
static char *
last_evaluated_key (const char *body,
                    gsize       len)
{
  static const char member[] = "\"LastEvaluatedKey\":";
  const char *p = g_strstr_len (body, (gssize) len, member);
  const char *start, *end = body + len;
  int depth = 0;

  if (p == NULL)
    return NULL;
  start = p + strlen (member);
  for (p = start; p < end; p++)
    {
      if (*p == '"')
        {
          for (p++; p < end && *p != '"'; p++)
            if (*p == '\\')
              p++;
        }
      else if (*p == '{')
        depth++;
      else if (*p == '}' && --depth == 0)
        return g_strndup (start, (gsize) (p + 1 - start));
    }
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (4 << 20);
  g_autofree char *start_key = NULL;
  guint16 port;
  const char *table;
  guint pages = 0;
  guint64 bytes = 0;
  int fd;

  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-ceiling PORT TABLE\n");
      return 2;
    }
  port = (guint16) atoi (argv[1]);
  table = argv[2];
  fd = connect_loopback (port);
  do
    {
      g_autofree char *body = NULL;
      g_autofree char *request = NULL;
      gsize offset, len;

      body = start_key == NULL ? g_strdup_printf ("{\"TableName\":\"%s\"}", table)
                               : g_strdup_printf ("{\"TableName\":\"%s\",\"ExclusiveStartKey\":%s}",
                                                  table, start_key);
      request = g_strdup_printf ("POST / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                 "Content-Type: application/x-amz-json-1.0\r\n"
                                 "X-Amz-Target: DynamoDB_20120810.Scan\r\n"
                                 "Content-Length: %zu\r\n\r\n%s",
                                 port, strlen (body), body);
      write_all (fd, request, strlen (request));
      offset = read_response (fd, buf, &len);
      g_free (start_key);
      start_key = last_evaluated_key ((const char *) buf->data + offset, len);
      pages++;
      bytes += len;
    }
  while (start_key != NULL);
  close (fd);
  printf ("bench-ceiling: %u pages, %" G_GUINT64_FORMAT " bytes\n", pages, bytes);
  return 0;
}
