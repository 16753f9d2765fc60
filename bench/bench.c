/* bench.c: gsctp against a raw libsctp loop, in one run.
 *
 * For each message size, a sender thread pushes messages as fast as it can
 * over a one-to-many association on loopback and the main thread receives
 * them, for a few seconds: first with raw sctp_sendv()/sctp_recvv() on
 * blocking sockets, then with GSctpSocket. Prints messages/s, MB/s and the
 * ratio gsctp/raw.
 *
 *   gsctp-bench [SECONDS]          default 3 seconds per run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <gsctp/gsctp.h>

#define BUFFERS (4 * 1024 * 1024)

typedef struct {
  guint64 messages;
  guint64 bytes;
  double seconds;
} Result;

static void
set_buffers (int fd)
{
  int size = BUFFERS;

  if (setsockopt (fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) < 0)
    setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  if (setsockopt (fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

/* ------------------------------------------------------------ raw */

typedef struct {
  int fd;
  sctp_assoc_t assoc_id;
  gsize size;
  gint stop;
  gint done;
} RawSender;

static gpointer
raw_send_thread (gpointer data)
{
  RawSender *s = data;
  g_autofree char *payload = g_malloc0 (s->size);
  struct iovec iov = { payload, s->size };
  struct sctp_sndinfo info = { .snd_assoc_id = s->assoc_id, .snd_ppid = htonl (1) };

  while (!g_atomic_int_get (&s->stop))
    if (sctp_sendv (s->fd, &iov, 1, NULL, 0, &info, sizeof info, SCTP_SENDV_SNDINFO, 0) < 0 &&
        errno != EINTR)
      g_error ("raw send: %s", g_strerror (errno));
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

static Result
run_raw (gsize size, double seconds)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int server = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  int client = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  int on = 1;
  struct timeval tv = { 0, 100 * 1000 };
  g_autofree char *buffer = g_malloc (size + 1024);
  RawSender sender = { .fd = client, .size = size };
  Result result = { 0 };
  GThread *thread;
  gint64 start, deadline;
  guint polls = 0;

  if (server < 0 || client < 0)
    g_error ("no kernel SCTP: %s", g_strerror (errno));
  set_buffers (server);
  set_buffers (client);
  setsockopt (server, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on);
  setsockopt (server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (bind (server, (struct sockaddr *) &addr, sizeof addr) < 0 || listen (server, 1) < 0 ||
      getsockname (server, (struct sockaddr *) &addr, &len) < 0)
    g_error ("raw server: %s", g_strerror (errno));
  if (sctp_connectx (client, (struct sockaddr *) &addr, 1, &sender.assoc_id) < 0)
    g_error ("raw connect: %s", g_strerror (errno));

  thread = g_thread_new ("raw-sender", raw_send_thread, &sender);
  start = g_get_monotonic_time ();
  deadline = start + (gint64) (seconds * G_USEC_PER_SEC);
  for (;;)
    {
      struct iovec iov = { buffer, size + 1024 };
      struct sctp_rcvinfo rcv;
      socklen_t infolen = sizeof rcv;
      unsigned int infotype;
      int flags = 0;
      ssize_t got;
      /* The clock is a system call in the guest: read it now and then. */
      gint64 now = (++polls % 32) ? start : g_get_monotonic_time ();

      if (now >= deadline && !g_atomic_int_get (&sender.stop))
        {
          result.seconds = (now - start) / (double) G_USEC_PER_SEC;
          g_atomic_int_set (&sender.stop, 1);
        }
      got = sctp_recvv (server, &iov, 1, NULL, NULL, &rcv, &infolen, &infotype, &flags);
      if (got < 0)
        {
          if (g_atomic_int_get (&sender.done))
            break;
          continue;
        }
      if (!(flags & MSG_NOTIFICATION) && !g_atomic_int_get (&sender.stop))
        {
          result.bytes += got;
          if (flags & MSG_EOR)
            result.messages++;
        }
    }
  g_thread_join (thread);
  close (client);
  close (server);
  return result;
}

/* ------------------------------------------------------------ gsctp */

typedef struct {
  GSctpSocket *socket;
  GSctpAssocId assoc_id;
  gsize size;
  gint stop;
  gint done;
} GsctpSender;

static gpointer
gsctp_send_thread (gpointer data)
{
  GsctpSender *s = data;
  g_autoptr(GBytes) payload = g_bytes_new_take (g_malloc0 (s->size), s->size);
  GSctpSndInfo info = { .assoc_id = s->assoc_id, .ppid = 1 };

  while (!g_atomic_int_get (&s->stop))
    {
      g_autoptr(GError) error = NULL;

      if (!gsctp_socket_send (s->socket, &info, NULL, payload, NULL, &error))
        g_error ("gsctp send: %s", error->message);
    }
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

static Result
run_gsctp (gsize size, double seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) server = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_autoptr(GSctpSocket) client = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) assoc = NULL;
  GsctpSender sender = { .size = size };
  Result result = { 0 };
  GThread *thread;
  gint64 start, deadline;
  guint polls = 0;

  if (server == NULL || client == NULL)
    g_error ("%s", error->message);
  set_buffers (gsctp_socket_get_fd (server));
  set_buffers (gsctp_socket_get_fd (client));
  if (!gsctp_socket_bind (server, &any, 1, &error) || !gsctp_socket_listen (server, 1, &error))
    g_error ("%s", error->message);
  to = g_inet_socket_address_new_from_string ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  assoc = gsctp_socket_associate (client, &to, 1, NULL, 5000, NULL, &error);
  if (assoc == NULL)
    g_error ("%s", error->message);

  sender.socket = client;
  sender.assoc_id = assoc->assoc_id;
  thread = g_thread_new ("gsctp-sender", gsctp_send_thread, &sender);
  start = g_get_monotonic_time ();
  deadline = start + (gint64) (seconds * G_USEC_PER_SEC);
  for (;;)
    {
      g_autoptr(GSctpMessage) message = NULL;
      gint64 now = (++polls % 32) ? start : g_get_monotonic_time ();

      if (now >= deadline && !g_atomic_int_get (&sender.stop))
        {
          result.seconds = (now - start) / (double) G_USEC_PER_SEC;
          g_atomic_int_set (&sender.stop, 1);
        }
      message = gsctp_socket_receive (server, 100, NULL, NULL);
      if (message == NULL)
        {
          if (g_atomic_int_get (&sender.done))
            break;
          continue;
        }
      if (!g_atomic_int_get (&sender.stop))
        {
          result.messages++;
          result.bytes += g_bytes_get_size (gsctp_message_get_data (message));
        }
    }
  g_thread_join (thread);
  return result;
}

static void
report (const char *name, gsize size, Result r, const Result *base)
{
  double rate = r.messages / r.seconds;
  double mbps = r.bytes / r.seconds / 1e6;

  g_print ("%-6s %6" G_GSIZE_FORMAT " B  %10.0f msg/s  %9.1f MB/s", name, size, rate, mbps);
  if (base != NULL)
    g_print ("   gsctp/raw %.2f", rate / (base->messages / base->seconds));
  g_print ("\n");
}

int
main (int argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 3.0;
  const gsize sizes[] = { 1024, 64 * 1024 };

  g_print ("one-to-many, loopback, %.1f s per run, sender and receiver threads\n", seconds);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Result raw = run_raw (sizes[i], seconds);
      Result gs = run_gsctp (sizes[i], seconds);

      report ("raw", sizes[i], raw, NULL);
      report ("gsctp", sizes[i], gs, &raw);
    }
  return 0;
}
