/* bench.c: gsctp against a raw libsctp loop and GIO's GSocket, in one run.
 *
 * One-way: a sender thread pushes messages as fast as it can over a
 * one-to-many association on loopback and the main thread receives them,
 * for a few seconds: raw sctp_sendv()/sctp_recvv() on blocking sockets,
 * GSocket with G_SOCKET_PROTOCOL_SCTP (no per-message info), gsctp with a
 * blocking receive, and gsctp in active mode on a main loop. Round trips:
 * one message out, its echo back, for raw and gsctp. Prints messages/s,
 * MB/s and the ratio to raw.
 *
 *   gsctp-bench [SECONDS]           the table; 3 seconds per run
 *   gsctp-bench --count N MODE SIZE exactly N messages of SIZE bytes in MODE
 *                                   (raw, gio, gsctp, gsctp-active), for
 *                                   instruction counts under callgrind
 *   gsctp-bench --scale N           1 KiB messages spread over 1, 10, …, N
 *                                   associations of one server socket, raw
 *                                   and gsctp (one client socket each; as
 *                                   root the file limit is raised to fit)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <gsctp/gsctp.h>

#define BUFFERS (4 * 1024 * 1024)

typedef struct {
  guint64 messages;
  guint64 bytes;
  double seconds;
} Result;

/* How long, or how many: a run stops at whichever is set. */
typedef struct {
  double seconds;
  guint64 count;
} Limit;

static void
set_buffers (int fd)
{
  int size = BUFFERS;

  if (setsockopt (fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) < 0)
    setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  if (setsockopt (fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

/* The receiver's clock: read now and then, the clock being a system call
 * in the guest. Returns TRUE when the run is over. */
typedef struct {
  Limit limit;
  gint64 start;
  gint64 deadline;
  guint polls;
  Result result;
  gint stop;            /* tells the sender */
} Meter;

static void
meter_start (Meter *m, Limit limit)
{
  memset (m, 0, sizeof *m);
  m->limit = limit;
  m->start = g_get_monotonic_time ();
  m->deadline = m->start + (gint64) (limit.seconds * G_USEC_PER_SEC);
}

static gboolean
meter_count (Meter *m, gsize bytes)
{
  m->result.messages++;
  m->result.bytes += bytes;
  if (m->limit.count > 0 ? m->result.messages >= m->limit.count
                         : (++m->polls % 32 == 0 && g_get_monotonic_time () >= m->deadline))
    {
      m->result.seconds = (g_get_monotonic_time () - m->start) / (double) G_USEC_PER_SEC;
      g_atomic_int_set (&m->stop, 1);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ raw */

typedef struct {
  int server, client;
  sctp_assoc_t assoc_id;
  gsize size;
  Meter *meter;
  gint done;
} Raw;

static void
raw_setup (Raw *r, gsize size)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int on = 1;
  struct timeval tv = { 0, 200 * 1000 };

  memset (r, 0, sizeof *r);
  r->size = size;
  r->server = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  r->client = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  if (r->server < 0 || r->client < 0)
    g_error ("no kernel SCTP: %s", g_strerror (errno));
  set_buffers (r->server);
  set_buffers (r->client);
  setsockopt (r->server, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on);
  setsockopt (r->client, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on);
  setsockopt (r->server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (bind (r->server, (struct sockaddr *) &addr, sizeof addr) < 0 || listen (r->server, 1) < 0 ||
      getsockname (r->server, (struct sockaddr *) &addr, &len) < 0)
    g_error ("raw server: %s", g_strerror (errno));
  if (sctp_connectx (r->client, (struct sockaddr *) &addr, 1, &r->assoc_id) < 0)
    g_error ("raw connect: %s", g_strerror (errno));
}

static ssize_t
raw_send (int fd, sctp_assoc_t assoc_id, const void *data, gsize size)
{
  struct iovec iov = { (void *) data, size };
  struct sctp_sndinfo info = { .snd_assoc_id = assoc_id, .snd_ppid = htonl (1) };

  return sctp_sendv (fd, &iov, 1, NULL, 0, &info, sizeof info, SCTP_SENDV_SNDINFO, 0);
}

/* Whole message, or -1; notifications are skipped. */
static ssize_t
raw_receive (int fd, guint8 *buffer, gsize size, sctp_assoc_t *assoc_id)
{
  gsize used = 0;

  for (;;)
    {
      struct iovec iov = { buffer + used, size - used };
      struct sctp_rcvinfo rcv;
      socklen_t infolen = sizeof rcv;
      unsigned int infotype;
      int flags = 0;
      ssize_t got = sctp_recvv (fd, &iov, 1, NULL, NULL, &rcv, &infolen, &infotype, &flags);

      if (got < 0)
        return -1;
      if (flags & MSG_NOTIFICATION)
        {
          used = 0;
          continue;
        }
      used += got;
      if (assoc_id != NULL && infotype == SCTP_RECVV_RCVINFO)
        *assoc_id = rcv.rcv_assoc_id;
      if (flags & MSG_EOR)
        return used;
    }
}

static gpointer
raw_send_thread (gpointer data)
{
  Raw *r = data;
  g_autofree char *payload = g_malloc0 (r->size);
  guint64 sent = 0;

  while (!g_atomic_int_get (&r->meter->stop) &&
         (r->meter->limit.count == 0 || sent < r->meter->limit.count))
    if (raw_send (r->client, r->assoc_id, payload, r->size) >= 0)
      sent++;
    else if (errno != EINTR)
      g_error ("raw send: %s", g_strerror (errno));
  g_atomic_int_set (&r->done, 1);
  return NULL;
}

static Result
run_raw (gsize size, Limit limit)
{
  g_autofree guint8 *buffer = g_malloc (size + 1024);
  Meter meter;
  GThread *thread;
  Raw r;

  raw_setup (&r, size);
  r.meter = &meter;
  meter_start (&meter, limit);
  thread = g_thread_new ("raw-sender", raw_send_thread, &r);
  while (!g_atomic_int_get (&meter.stop))
    {
      ssize_t got = raw_receive (r.server, buffer, size + 1024, NULL);

      if (got >= 0)
        meter_count (&meter, got);
    }
  /* Drain, so that a blocked sender can finish. */
  while (!g_atomic_int_get (&r.done))
    raw_receive (r.server, buffer, size + 1024, NULL);
  g_thread_join (thread);
  close (r.client);
  close (r.server);
  return meter.result;
}

static Result
run_raw_rtt (gsize size, Limit limit)
{
  g_autofree guint8 *buffer = g_malloc (size + 1024);
  g_autofree char *payload = g_malloc0 (size);
  Meter meter;
  Raw r;

  raw_setup (&r, size);
  meter_start (&meter, limit);
  do
    {
      sctp_assoc_t from = 0;

      raw_send (r.client, r.assoc_id, payload, size);
      if (raw_receive (r.server, buffer, size + 1024, &from) < 0)
        g_error ("raw echo: %s", g_strerror (errno));
      raw_send (r.server, from, buffer, size);
      if (raw_receive (r.client, buffer, size + 1024, NULL) < 0)
        g_error ("raw echo back: %s", g_strerror (errno));
    }
  while (!meter_count (&meter, size));
  close (r.client);
  close (r.server);
  return meter.result;
}

/* ------------------------------------------------------------ gio */

typedef struct {
  GSocket *client;
  GSocketAddress *server;
  gsize size;
  Meter *meter;
  gint done;
} Gio;

static gpointer
gio_send_thread (gpointer data)
{
  Gio *g = data;
  g_autofree char *payload = g_malloc0 (g->size);
  guint64 sent = 0;

  while (!g_atomic_int_get (&g->meter->stop) &&
         (g->meter->limit.count == 0 || sent < g->meter->limit.count))
    {
      g_autoptr(GError) error = NULL;

      /* A one-to-many socket names its peer on every send. */
      if (g_socket_send_to (g->client, g->server, payload, g->size, NULL, &error) < 0)
        g_error ("gio send: %s", error->message);
      sent++;
    }
  g_atomic_int_set (&g->done, 1);
  return NULL;
}

static Result
run_gio (gsize size, Limit limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_SEQPACKET,
                                            G_SOCKET_PROTOCOL_SCTP, &error);
  g_autoptr(GSocket) client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_SEQPACKET,
                                            G_SOCKET_PROTOCOL_SCTP, &error);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *buffer = g_malloc (size + 1024);
  Meter meter;
  GThread *thread;
  Gio g = { NULL, NULL, size, &meter, 0 };

  if (server == NULL || client == NULL)
    g_error ("%s", error->message);
  set_buffers (g_socket_get_fd (server));
  set_buffers (g_socket_get_fd (client));
  g_socket_set_timeout (server, 1);
  if (!g_socket_bind (server, any, TRUE, &error) || !g_socket_listen (server, &error))
    g_error ("%s", error->message);
  bound = g_socket_get_local_address (server, &error);
  g.client = client;
  g.server = bound;
  meter_start (&meter, limit);
  thread = g_thread_new ("gio-sender", gio_send_thread, &g);
  /* GSocket has no end-of-record: it counts datagrams as the kernel hands
   * them over, which for messages under the receive size is one each. */
  while (!g_atomic_int_get (&meter.stop))
    {
      gssize got = g_socket_receive (server, buffer, size + 1024, NULL, NULL);

      if (got > 0)
        meter_count (&meter, got);
    }
  while (!g_atomic_int_get (&g.done))
    g_socket_receive (server, buffer, size + 1024, NULL, NULL);
  g_thread_join (thread);
  return meter.result;
}

/* ------------------------------------------------------------ gsctp */

typedef struct {
  GSctpSocket *server;
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  gsize size;
  Meter *meter;
  gint done;
  GMainLoop *loop;
} Gsctp;

static void
gsctp_setup (Gsctp *s, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) assoc = NULL;

  memset (s, 0, sizeof *s);
  s->size = size;
  s->server = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  s->client = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  if (s->server == NULL || s->client == NULL)
    g_error ("%s", error->message);
  set_buffers (gsctp_socket_get_fd (s->server));
  set_buffers (gsctp_socket_get_fd (s->client));
  if (!gsctp_socket_bind (s->server, &any, 1, &error) || !gsctp_socket_listen (s->server, 1, &error))
    g_error ("%s", error->message);
  to = g_inet_socket_address_new_from_string ("127.0.0.1", gsctp_socket_get_local_port (s->server, NULL));
  assoc = gsctp_socket_associate (s->client, &to, 1, NULL, 5000, NULL, &error);
  if (assoc == NULL)
    g_error ("%s", error->message);
  s->assoc_id = assoc->assoc_id;
}

static void
gsctp_teardown (Gsctp *s)
{
  g_clear_object (&s->client);
  g_clear_object (&s->server);
}

static gpointer
gsctp_send_thread (gpointer data)
{
  Gsctp *s = data;
  g_autoptr(GBytes) payload = g_bytes_new_take (g_malloc0 (s->size), s->size);
  GSctpSndInfo info = { .assoc_id = s->assoc_id, .ppid = 1 };
  guint64 sent = 0;

  while (!g_atomic_int_get (&s->meter->stop) &&
         (s->meter->limit.count == 0 || sent < s->meter->limit.count))
    {
      g_autoptr(GError) error = NULL;

      if (!gsctp_socket_send (s->client, &info, NULL, payload, NULL, &error))
        g_error ("gsctp send: %s", error->message);
      sent++;
    }
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

static void
discard (GSctpMessage *message)
{
  if (message != NULL)
    gsctp_message_unref (message);
}

static gsize
message_size (GSctpMessage *message)
{
  gsize size;

  gsctp_message_peek_data (message, &size);
  return size;
}

static void
gsctp_drain (Gsctp *s)
{
  while (!g_atomic_int_get (&s->done))
    discard (gsctp_socket_receive (s->server, 200, NULL, NULL));
}

static Result
run_gsctp (gsize size, Limit limit)
{
  Meter meter;
  GThread *thread;
  Gsctp s;

  gsctp_setup (&s, size);
  s.meter = &meter;
  meter_start (&meter, limit);
  thread = g_thread_new ("gsctp-sender", gsctp_send_thread, &s);
  while (!g_atomic_int_get (&meter.stop))
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (s.server, 200, NULL, NULL);

      if (message != NULL && !gsctp_message_is_event (message))
        meter_count (&meter, message_size (message));
    }
  gsctp_drain (&s);
  g_thread_join (thread);
  gsctp_teardown (&s);
  return meter.result;
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            gpointer user_data)
{
  Gsctp *s = user_data;

  if (gsctp_message_is_event (message) || g_atomic_int_get (&s->meter->stop))
    return;
  if (meter_count (s->meter, message_size (message)))
    g_main_loop_quit (s->loop);
}

static Result
run_gsctp_active (gsize size, Limit limit)
{
  Meter meter;
  GThread *thread;
  Gsctp s;

  gsctp_setup (&s, size);
  s.meter = &meter;
  s.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (s.server, "message", G_CALLBACK (on_message), &s);
  meter_start (&meter, limit);
  gsctp_socket_set_active (s.server, GSCTP_ACTIVE_MODE_ACTIVE);
  thread = g_thread_new ("gsctp-sender", gsctp_send_thread, &s);
  g_main_loop_run (s.loop);
  gsctp_socket_set_active (s.server, GSCTP_ACTIVE_MODE_PASSIVE);
  gsctp_drain (&s);
  g_thread_join (thread);
  g_main_loop_unref (s.loop);
  gsctp_teardown (&s);
  return meter.result;
}

static GSctpMessage *
gsctp_next_data (GSctpSocket *socket)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GSctpMessage *message = gsctp_socket_receive (socket, 5000, NULL, &error);

      if (message == NULL)
        g_error ("gsctp echo: %s", error->message);
      if (!gsctp_message_is_event (message))
        return message;
      gsctp_message_unref (message);
    }
}

static Result
run_gsctp_rtt (gsize size, Limit limit)
{
  g_autoptr(GBytes) payload = g_bytes_new_take (g_malloc0 (size), size);
  Meter meter;
  Gsctp s;

  gsctp_setup (&s, size);
  meter_start (&meter, limit);
  do
    {
      g_autoptr(GSctpMessage) there = NULL;
      g_autoptr(GSctpMessage) back = NULL;
      GSctpSndInfo out = { .assoc_id = s.assoc_id, .ppid = 1 };
      GSctpSndInfo echo = { .ppid = 1 };

      gsctp_socket_send (s.client, &out, NULL, payload, NULL, NULL);
      there = gsctp_next_data (s.server);
      echo.assoc_id = gsctp_message_get_assoc_id (there);
      gsctp_socket_send (s.server, &echo, NULL, gsctp_message_get_data (there), NULL, NULL);
      back = gsctp_next_data (s.client);
    }
  while (!meter_count (&meter, size));
  gsctp_teardown (&s);
  return meter.result;
}

/* ------------------------------------------------------------ scale */

typedef struct {
  GPtrArray *clients;           /* GSctpSocket */
  GArray *assoc_ids;
  Meter *meter;
  gint done;
} Scale;

static gpointer
scale_send_thread (gpointer data)
{
  Scale *s = data;
  g_autoptr(GBytes) payload = g_bytes_new_take (g_malloc0 (1024), 1024);

  for (guint i = 0; !g_atomic_int_get (&s->meter->stop); i = (i + 1) % s->clients->len)
    {
      GSctpSndInfo info = { .assoc_id = g_array_index (s->assoc_ids, GSctpAssocId, i), .ppid = 1 };
      g_autoptr(GError) error = NULL;

      if (!gsctp_socket_send (g_ptr_array_index (s->clients, i), &info, NULL, payload, NULL, &error))
        g_error ("scale send: %s", error->message);
    }
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

/* One server socket, @n associations (one client socket each), messages
 * sent round-robin across them. */
static Result
run_scale (guint n, Limit limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) server = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) assoc_ids = g_array_new (FALSE, FALSE, sizeof (GSctpAssocId));
  Meter meter;
  Scale scale = { clients, assoc_ids, &meter, 0 };
  GThread *thread;

  set_buffers (gsctp_socket_get_fd (server));
  if (!gsctp_socket_bind (server, &any, 1, &error) || !gsctp_socket_listen (server, 4096, &error))
    g_error ("%s", error->message);
  to = g_inet_socket_address_new_from_string ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  for (guint i = 0; i < n; i++)
    {
      GSctpSocket *client = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
      g_autoptr(GSctpAssocChange) assoc = NULL;

      if (client == NULL)
        g_error ("%s", error->message);
      assoc = gsctp_socket_associate (client, &to, 1, NULL, 30000, NULL, &error);
      if (assoc == NULL)
        g_error ("association %u: %s", i, error->message);
      g_ptr_array_add (clients, client);
      g_array_append_val (assoc_ids, assoc->assoc_id);
    }
  /* The server's association and peer address changes first, so that the
   * timed run measures messages, not the backlog of 2 × n events. */
  for (GSctpMessage *event; (event = gsctp_socket_receive (server, 500, NULL, NULL)) != NULL;)
    gsctp_message_unref (event);
  meter_start (&meter, limit);
  thread = g_thread_new ("scale-sender", scale_send_thread, &scale);
  while (!g_atomic_int_get (&meter.stop))
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 200, NULL, NULL);

      if (message != NULL && !gsctp_message_is_event (message))
        meter_count (&meter, message_size (message));
    }
  while (!g_atomic_int_get (&scale.done))
    discard (gsctp_socket_receive (server, 200, NULL, NULL));
  g_thread_join (thread);
  return meter.result;
}

typedef struct {
  GArray *clients;              /* int */
  GArray *assoc_ids;            /* sctp_assoc_t */
  Meter *meter;
  gint done;
} RawScale;

static gpointer
raw_scale_send_thread (gpointer data)
{
  RawScale *s = data;
  g_autofree char *payload = g_malloc0 (1024);

  for (guint i = 0; !g_atomic_int_get (&s->meter->stop); i = (i + 1) % s->clients->len)
    if (raw_send (g_array_index (s->clients, int, i), g_array_index (s->assoc_ids, sctp_assoc_t, i),
                  payload, 1024) < 0 && errno != EINTR)
      g_error ("raw scale send: %s", g_strerror (errno));
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

/* The same with raw sockets: what the kernel's own cost per message does
 * as the associations grow. */
static Result
run_scale_raw (guint n, Limit limit)
{
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) assoc_ids = g_array_new (FALSE, FALSE, sizeof (sctp_assoc_t));
  g_autofree guint8 *buffer = g_malloc (2048);
  Meter meter;
  RawScale scale = { clients, assoc_ids, &meter, 0 };
  GThread *thread;
  Raw r;

  raw_setup (&r, 1024);
  if (listen (r.server, 4096) < 0)
    g_error ("raw listen: %s", g_strerror (errno));
  g_array_append_val (clients, r.client);
  g_array_append_val (assoc_ids, r.assoc_id);
  for (guint i = 1; i < n; i++)
    {
      struct sockaddr_in addr;
      socklen_t len = sizeof addr;
      int fd = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
      sctp_assoc_t assoc_id;

      if (fd < 0 || getsockname (r.server, (struct sockaddr *) &addr, &len) < 0 ||
          sctp_connectx (fd, (struct sockaddr *) &addr, 1, &assoc_id) < 0)
        g_error ("raw association %u: %s", i, g_strerror (errno));
      g_array_append_val (clients, fd);
      g_array_append_val (assoc_ids, assoc_id);
    }
  meter_start (&meter, limit);
  thread = g_thread_new ("raw-scale-sender", raw_scale_send_thread, &scale);
  while (!g_atomic_int_get (&meter.stop))
    {
      ssize_t got = raw_receive (r.server, buffer, 2048, NULL);

      if (got >= 0)
        meter_count (&meter, got);
    }
  while (!g_atomic_int_get (&scale.done))
    raw_receive (r.server, buffer, 2048, NULL);
  g_thread_join (thread);
  for (guint i = 0; i < clients->len; i++)
    close (g_array_index (clients, int, i));
  close (r.server);
  return meter.result;
}

/* ------------------------------------------------------------ main */

typedef Result (*Runner) (gsize size, Limit limit);

static const struct {
  const char *name;
  Runner run;
} modes[] = {
  { "raw", run_raw },
  { "gio", run_gio },
  { "gsctp", run_gsctp },
  { "gsctp-active", run_gsctp_active },
  { "raw-rtt", run_raw_rtt },
  { "gsctp-rtt", run_gsctp_rtt },
};

static Runner
find_mode (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (modes[i].name, name))
      return modes[i].run;
  g_printerr ("unknown mode %s\n", name);
  exit (2);
}

static void
report_against (const char *name, gsize size, Result r, const Result *base, const char *unit,
                const char *base_name)
{
  double rate = r.messages / r.seconds;

  g_print ("%-13s %6" G_GSIZE_FORMAT " B  %10.0f %-7s %9.1f MB/s", name, size, rate, unit,
           r.bytes / r.seconds / 1e6);
  if (base != NULL)
    g_print ("   x%.2f of %s", rate / (base->messages / base->seconds), base_name);
  g_print ("\n");
}

/* The guest's timing wanders from run to run: each mode runs ROUNDS
 * times, the modes taking turns, and its median run is reported. */
#define ROUNDS 3

static double
rate_of (const Result *r)
{
  return r->messages / r->seconds;
}

static int
compare_rates (gconstpointer a, gconstpointer b)
{
  double x = rate_of (a), y = rate_of (b);

  return (x > y) - (x < y);
}

static void
run_rounds (const char *const *names, gsize n_names, gsize size, Limit limit, Result *medians)
{
  Result runs[8][ROUNDS];

  g_assert (n_names <= G_N_ELEMENTS (runs));
  for (guint round = 0; round < ROUNDS; round++)
    for (gsize m = 0; m < n_names; m++)
      runs[m][round] = find_mode (names[m]) (size, limit);
  for (gsize m = 0; m < n_names; m++)
    {
      qsort (runs[m], ROUNDS, sizeof (Result), compare_rates);
      medians[m] = runs[m][ROUNDS / 2];
    }
}

static void
report (const char *name, gsize size, Result r, const Result *base, const char *unit)
{
  report_against (name, size, r, base, unit, "raw");
}

int
main (int argc,
      char *argv[])
{
  const gsize sizes[] = { 1024, 64 * 1024 };
  Limit limit = { 3.0, 0 };

  if (argc == 5 && g_str_equal (argv[1], "--count"))
    {
      Limit counted = { 0, g_ascii_strtoull (argv[2], NULL, 10) };
      Result r = find_mode (argv[3]) (g_ascii_strtoull (argv[4], NULL, 10), counted);

      g_print ("%s: %" G_GUINT64_FORMAT " messages, %.0f msg/s\n", argv[3], r.messages,
               r.messages / r.seconds);
      return 0;
    }
  if (argc == 3 && g_str_equal (argv[1], "--scale"))
    {
      /* Per-message cost against the number of associations. */
      guint64 most = g_ascii_strtoull (argv[2], NULL, 10);
      struct rlimit files;
      Result base_raw = { 0 };

      /* One client socket per association: as root (the test guest),
       * raise the limit itself; otherwise go as far as it allows. */
      getrlimit (RLIMIT_NOFILE, &files);
      if (files.rlim_max < most + 64)
        {
          struct rlimit wanted = { most + 64, most + 64 };

          if (setrlimit (RLIMIT_NOFILE, &wanted) == 0)
            files = wanted;
        }
      files.rlim_cur = files.rlim_max;
      setrlimit (RLIMIT_NOFILE, &files);
      g_print ("one server socket, 1 KiB messages round-robin over n associations\n");
      for (guint64 n = 1; n <= most; n *= 10)
        {
          g_autofree char *name = g_strdup_printf ("%" G_GUINT64_FORMAT " assoc", n);
          g_autofree char *raw_name = g_strconcat ("raw ", name, NULL);
          Result raw, r;

          if (n + 64 > files.rlim_cur)
            {
              g_print ("%s: skipped, one client socket each needs more than the %lu file "
                       "descriptors allowed here\n", name, (unsigned long) files.rlim_cur);
              break;
            }
          /* A pause after each run: closing n associations goes on in the
           * kernel after close() returns, and would slow the next run. */
          raw = run_scale_raw (n, limit);
          g_usleep (2 * G_USEC_PER_SEC);
          r = run_scale (n, limit);
          g_usleep (2 * G_USEC_PER_SEC);
          report_against (raw_name, 1024, raw, n == 1 ? NULL : &base_raw,
                          "msg/s", "1 assoc");
          report_against (name, 1024, r, &raw, "msg/s", "raw");
          if (n == 1)
            base_raw = raw;
        }
      return 0;
    }
  if (argc > 1)
    limit.seconds = g_ascii_strtod (argv[1], NULL);

  g_print ("one-to-many, loopback, %.1f s per run, median of %d rounds; one way: sender and "
           "receiver threads\n", limit.seconds, ROUNDS);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      static const char *const one_way[] = { "raw", "gio", "gsctp", "gsctp-active" };
      Result r[G_N_ELEMENTS (one_way)];

      run_rounds (one_way, G_N_ELEMENTS (one_way), sizes[i], limit, r);
      report ("raw", sizes[i], r[0], NULL, "msg/s");
      report ("gio GSocket", sizes[i], r[1], &r[0], "msg/s");
      report ("gsctp", sizes[i], r[2], &r[0], "msg/s");
      report ("gsctp active", sizes[i], r[3], &r[0], "msg/s");
    }
  {
    static const char *const rtt[] = { "raw-rtt", "gsctp-rtt" };
    Result r[G_N_ELEMENTS (rtt)];

    run_rounds (rtt, G_N_ELEMENTS (rtt), 1024, limit, r);
    report ("raw rtt", 1024, r[0], NULL, "rt/s");
    report ("gsctp rtt", 1024, r[1], &r[0], "rt/s");
  }
  return 0;
}
