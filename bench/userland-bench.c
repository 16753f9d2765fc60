/* userland-bench.c: gsctp's userland backend against a raw usrsctp loop,
 * on the same transport (SCTP in UDP datagrams on loopback), in one run.
 *
 * One-way: a client pushes messages of SIZE bytes over one association as
 * fast as it can and a server counts them, one thread each side's work:
 *
 *   raw     usrsctp (AF_CONN, no threads) driven by hand: sendv until the
 *           buffer is full, poll the two UDP sockets, conninput, timers,
 *           recvv; the least a program on usrsctp can do
 *   gsctp   two userland GSctpSockets on one main loop: async sends kept
 *           in flight, the server in active mode (::message)
 *   gsctp-fire
 *           the same with sends without a callback, paced by the send
 *           queue's watermarks (send-queue-full)
 *   gsctp-blocking
 *           the same sockets with blocking calls: a sender thread, the
 *           receiver in the main thread
 *
 *   userland-bench [SECONDS [SIZE]]   interleaved rounds (3 each), medians
 *                                     and spread, and the ratio to raw
 *   userland-bench --count N MODE SIZE
 *                                     exactly N messages (for callgrind)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <usrsctp.h>
#include <gsctp/gsctp.h>

typedef struct {
  guint64 messages;
  double seconds;
} Result;

typedef struct {
  double seconds;
  guint64 count;
} Limit;

static gboolean
limit_reached (const Limit *limit, gint64 start, guint64 messages)
{
  if (limit->count > 0)
    return messages >= limit->count;
  return (g_get_monotonic_time () - start) / 1e6 >= limit->seconds;
}

/* ------------------------------------------------------------------ */
/* Raw usrsctp                                                         */

typedef struct {
  int fd;
  struct sockaddr_in to;
} RawLink;

static int
raw_output (void *address, void *packet, size_t length, uint8_t tos, uint8_t set_df)
{
  RawLink *link = address;

  (void) tos;
  (void) set_df;
  (void) sendto (link->fd, packet, length, MSG_DONTWAIT, (struct sockaddr *) &link->to, sizeof link->to);
  return 0;
}

static int
udp_socket (struct sockaddr_in *bound)
{
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  socklen_t len = sizeof *bound;
  int size = 4 * 1024 * 1024;

  memset (bound, 0, sizeof *bound);
  bound->sin_family = AF_INET;
  bound->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert (bind (fd, (struct sockaddr *) bound, sizeof *bound) == 0);
  g_assert (getsockname (fd, (struct sockaddr *) bound, &len) == 0);
  setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  return fd;
}

static void
raw_pump (RawLink *links, guint8 *datagram, gint64 *last_tick)
{
  struct pollfd fds[2] = { { links[0].fd, POLLIN, 0 }, { links[1].fd, POLLIN, 0 } };
  gint64 now;

  poll (fds, 2, 1);
  for (int i = 0; i < 2; i++)
    for (;;)
      {
        ssize_t got = recv (links[i].fd, datagram, 65536, MSG_DONTWAIT);

        if (got < 0)
          break;
        usrsctp_conninput (&links[i], datagram, got, 0);
      }
  now = g_get_monotonic_time ();
  if (now - *last_tick >= 10000)
    {
      usrsctp_handle_timers ((uint32_t) ((now - *last_tick) / 1000));
      *last_tick = now;
    }
}

static Result
run_raw (gsize size, Limit limit)
{
  static gboolean initialised;
  RawLink links[2];
  struct sockaddr_in a, b;
  struct sockaddr_conn sconn = { .sconn_family = AF_CONN };
  struct socket *server, *client, *accepted = NULL;
  g_autofree guint8 *payload = g_malloc0 (size);
  g_autofree guint8 *buffer = g_malloc (size + 65536);
  g_autofree guint8 *datagram = g_malloc (65536);
  struct sctp_sndinfo info = { 0 };
  gint64 last_tick = g_get_monotonic_time (), start;
  guint64 messages = 0;
  int on = 1, buffers = 4 * 1024 * 1024;
  Result result;

  if (!initialised)
    {
      usrsctp_init_nothreads (0, raw_output, NULL);
      usrsctp_sysctl_set_sctp_blackhole (0);
      usrsctp_sysctl_set_sctp_ecn_enable (0);
      initialised = TRUE;
    }
  links[0].fd = udp_socket (&a);        /* the client's */
  links[1].fd = udp_socket (&b);        /* the server's */
  links[0].to = b;
  links[1].to = a;
  usrsctp_register_address (&links[0]);
  usrsctp_register_address (&links[1]);

  server = usrsctp_socket (AF_CONN, SOCK_SEQPACKET, IPPROTO_SCTP, NULL, NULL, 0, NULL);
  client = usrsctp_socket (AF_CONN, SOCK_SEQPACKET, IPPROTO_SCTP, NULL, NULL, 0, NULL);
  usrsctp_set_non_blocking (server, 1);
  usrsctp_set_non_blocking (client, 1);
  for (int i = 0; i < 2; i++)
    {
      struct socket *so = i ? client : server;

      usrsctp_setsockopt (so, SOL_SOCKET, SO_SNDBUF, &buffers, sizeof buffers);
      usrsctp_setsockopt (so, SOL_SOCKET, SO_RCVBUF, &buffers, sizeof buffers);
      usrsctp_setsockopt (so, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on);
    }
  sconn.sconn_port = htons (5001);
  g_assert (usrsctp_bind (server, (struct sockaddr *) &sconn, sizeof sconn) == 0);
  g_assert (usrsctp_listen (server, 1) == 0);
  sconn.sconn_addr = &links[0];
  if (usrsctp_connect (client, (struct sockaddr *) &sconn, sizeof sconn) < 0)
    g_assert (errno == EINPROGRESS);
  info.snd_assoc_id = usrsctp_getassocid (client, (struct sockaddr *) &sconn);
  (void) accepted;

  start = g_get_monotonic_time ();
  while (!limit_reached (&limit, start, messages))
    {
      for (guint i = 0; i < 64; i++)
        if (usrsctp_sendv (client, payload, size, NULL, 0, &info, sizeof info, SCTP_SENDV_SNDINFO, 0) < 0)
          break;
      raw_pump (links, datagram, &last_tick);
      for (;;)
        {
          struct sockaddr_storage from;
          socklen_t from_len = sizeof from;
          struct sctp_rcvinfo rcv;
          socklen_t rcv_len = sizeof rcv;
          unsigned int type = 0;
          int flags = 0;
          ssize_t got = usrsctp_recvv (server, buffer, size + 65536, (struct sockaddr *) &from, &from_len,
                                       &rcv, &rcv_len, &type, &flags);

          if (got < 0)
            break;
          if ((flags & MSG_EOR) && !(flags & MSG_NOTIFICATION))
            messages++;
        }
    }
  result.seconds = (g_get_monotonic_time () - start) / 1e6;
  result.messages = messages;
  usrsctp_close (client);
  usrsctp_close (server);
  for (int i = 0; i < 100; i++)
    raw_pump (links, datagram, &last_tick);
  usrsctp_deregister_address (&links[0]);
  usrsctp_deregister_address (&links[1]);
  close (links[0].fd);
  close (links[1].fd);
  return result;
}

/* ------------------------------------------------------------------ */
/* gsctp's userland backend                                            */

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  GBytes *payload;
  guint in_flight;
  guint64 messages;
  gboolean stop;
  gboolean fire;
  gboolean full;
  guint fire_source;
} Run;

static void sent_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* Send and forget, 64 a main-loop iteration (the receiver shares the
 * loop), until the queue is full; notify::send-queue-full says when it is,
 * and when it is not any more. */
static gboolean
fire_some (gpointer user_data)
{
  Run *run = user_data;
  GSctpSndInfo info = { .assoc_id = run->assoc_id };

  for (int i = 0; i < 64 && !run->stop && !run->full; i++)
    gsctp_socket_send_async (run->client, &info, NULL, run->payload, NULL, NULL, NULL);
  if (!run->stop && !run->full)
    return G_SOURCE_CONTINUE;
  run->fire_source = 0;
  return G_SOURCE_REMOVE;
}

static void
fill (Run *run)
{
  if (run->fire && run->fire_source == 0 && !run->stop && !run->full)
    run->fire_source = g_idle_add_full (G_PRIORITY_DEFAULT, fire_some, run, NULL);
  /* Enough queued to keep the association busy, not more: the queue's
   * watermark is where a sender would pause. */
  while (!run->fire && !run->stop && run->in_flight < 64)
    {
      GSctpSndInfo info = { .assoc_id = run->assoc_id };

      run->in_flight++;
      gsctp_socket_send_async (run->client, &info, NULL, run->payload, NULL, sent_cb, run);
    }
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  gsctp_socket_send_finish (GSCTP_SOCKET (source), result, NULL);
  run->in_flight--;
  fill (run);
}

static void
on_queue_full (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Run *run = user_data;

  g_object_get (object, "send-queue-full", &run->full, NULL);
  if (!run->full)
    fill (run);
}

static void
on_message (GSctpSocket *socket, GSctpMessage *message, gpointer user_data)
{
  Run *run = user_data;

  if (!gsctp_message_is_event (message))
    run->messages++;
}

static GSctpSocket *
userland_socket (guint udp_port, guint udp_remote_port)
{
  g_autoptr(GError) error = NULL;
  GSctpSocket *socket = g_initable_new (GSCTP_TYPE_SOCKET, NULL, &error,
                                        "backend", GSCTP_BACKEND_TYPE_USERLAND,
                                        "udp-port", udp_port, "udp-remote-port", udp_remote_port,
                                        NULL);

  g_assert_no_error (error);
  /* The raw loop's buffers, and its Nagle's algorithm (usrsctp's default,
   * which gsctp turns off). */
  g_object_set (socket, "send-buffer-size", 4 * 1024 * 1024, "receive-buffer-size", 4 * 1024 * 1024,
                "high-watermark", 1024 * 1024, "low-watermark", 512 * 1024, "nodelay", FALSE, NULL);
  return socket;
}

/* A server on a free UDP port of its own and a client associated with it. */
static GSctpAssocId
pair_setup (GSctpSocket **server,
            GSctpSocket **client)
{
  struct sockaddr_in probe_address;
  int probe = udp_socket (&probe_address);
  guint udp_port = ntohs (probe_address.sin_port);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;

  close (probe);
  *server = userland_socket (udp_port, 0);
  *client = userland_socket (0, udp_port);
  g_assert (gsctp_socket_bind (*server, &local, 1, &error));
  g_assert (gsctp_socket_listen (*server, 1, &error));
  to = g_inet_socket_address_new_from_string ("127.0.0.1", gsctp_socket_get_local_port (*server, NULL));
  change = gsctp_socket_associate (*client, &to, 1, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  return change->assoc_id;
}

static Result
run_gsctp (gsize size, Limit limit, gboolean fire)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  GSctpAssocId assoc_id;
  Run run = { 0 };
  gint64 start;
  Result result;

  assoc_id = pair_setup (&server, &client);
  run.client = client;
  run.assoc_id = assoc_id;
  run.payload = g_bytes_new_take (g_malloc0 (size), size);
  run.fire = fire;
  g_signal_connect (client, "notify::send-queue-full", G_CALLBACK (on_queue_full), &run);
  g_signal_connect (server, "message", G_CALLBACK (on_message), &run);
  gsctp_socket_set_active (server, GSCTP_ACTIVE_MODE_ACTIVE);

  start = g_get_monotonic_time ();
  fill (&run);
  while (!limit_reached (&limit, start, run.messages))
    g_main_context_iteration (NULL, TRUE);
  result.seconds = (g_get_monotonic_time () - start) / 1e6;
  result.messages = run.messages;
  run.stop = TRUE;
  if (run.fire_source != 0)
    g_source_remove (run.fire_source);
  gsctp_socket_close (client, NULL);
  gsctp_socket_close (server, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_bytes_unref (run.payload);
  return result;
}

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  GBytes *payload;
  gint stop;
} Sender;

static gpointer
send_thread (gpointer data)
{
  Sender *sender = data;
  GSctpSndInfo info = { .assoc_id = sender->assoc_id };

  while (!g_atomic_int_get (&sender->stop))
    if (!gsctp_socket_send (sender->client, &info, NULL, sender->payload, NULL, NULL))
      break;
  return NULL;
}

/* Blocking calls: a sender thread, the receiver in this one. */
static Result
run_gsctp_blocking (gsize size, Limit limit)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  GSctpAssocId assoc_id;
  Sender sender = { 0 };
  GThread *thread;
  guint64 messages = 0;
  gint64 start;
  Result result;

  assoc_id = pair_setup (&server, &client);
  sender.client = client;
  sender.assoc_id = assoc_id;
  sender.payload = g_bytes_new_take (g_malloc0 (size), size);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("sender", send_thread, &sender);
  while (!limit_reached (&limit, start, messages))
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 1000, NULL, NULL);

      if (message != NULL && !gsctp_message_is_event (message))
        messages++;
    }
  result.seconds = (g_get_monotonic_time () - start) / 1e6;
  result.messages = messages;
  g_atomic_int_set (&sender.stop, 1);
  gsctp_socket_close (client, NULL);
  g_thread_join (thread);
  gsctp_socket_close (server, NULL);
  g_bytes_unref (sender.payload);
  return result;
}

/* ------------------------------------------------------------------ */

static double
rate (Result r)
{
  return r.messages / r.seconds;
}

static int
compare (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* @mode for @limit, in @r; FALSE for a mode there is not. */
static gboolean
run_mode (const char *mode, gsize size, Limit limit, Result *r)
{
  if (g_str_equal (mode, "raw"))
    *r = run_raw (size, limit);
  else if (g_str_equal (mode, "gsctp") || g_str_equal (mode, "gsctp-fire"))
    *r = run_gsctp (size, limit, g_str_equal (mode, "gsctp-fire"));
  else if (g_str_equal (mode, "gsctp-blocking"))
    *r = run_gsctp_blocking (size, limit);
  else
    return FALSE;
  return TRUE;
}

/* One mode in a process of its own: usrsctp's state is global, and the
 * raw loop and gsctp each set it up their own way. */
static double
run_in_process (const char *self, const char *mode, double seconds, gsize size)
{
  g_autofree char *seconds_text = g_strdup_printf ("%g", seconds);
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  const char *argv[] = { self, "--one", mode, seconds_text, size_text, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert (g_spawn_check_wait_status (status, NULL));
  return g_ascii_strtod (out, NULL);
}

int
main (int argc, char *argv[])
{
  double seconds = argc > 1 && argv[1][0] != '-' ? g_ascii_strtod (argv[1], NULL) : 3;
  gsize size = argc > 2 && argv[1][0] != '-' ? (gsize) g_ascii_strtoull (argv[2], NULL, 10) : 1024;
  enum { ROUNDS = 5 };
  double raw[ROUNDS], gsctp[ROUNDS], fire[ROUNDS], blocking[ROUNDS], ratio[ROUNDS], fire_ratio[ROUNDS],
    blocking_ratio[ROUNDS];

  if (argc == 5 && (g_str_equal (argv[1], "--count") || g_str_equal (argv[1], "--one")))
    {
      gboolean count = g_str_equal (argv[1], "--count");
      Limit limit = { 0 };
      gsize one_size = (gsize) g_ascii_strtoull (argv[4], NULL, 10);
      Result r;

      if (count)
        limit.count = g_ascii_strtoull (argv[2], NULL, 10);
      else
        limit.seconds = g_ascii_strtod (argv[3], NULL);
      const char *mode = argv[count ? 3 : 2];

      if (!run_mode (mode, one_size, limit, &r))
        {
          g_printerr ("unknown mode %s (raw, gsctp, gsctp-fire, gsctp-blocking)\n", mode);
          return 2;
        }
      if (count)
        g_print ("%" G_GUINT64_FORMAT " messages in %.2f s\n", r.messages, r.seconds);
      else
        g_print ("%.1f\n", rate (r));
      return 0;
    }
  if (argc > 3 || (argc > 1 && !g_ascii_isdigit (argv[1][0])) ||
      (argc > 2 && !g_ascii_isdigit (argv[2][0])))
    {
      g_printerr ("usage: gsctp-userland-bench [SECONDS [SIZE]]\n"
                  "       gsctp-userland-bench --count N MODE SIZE\n"
                  "       gsctp-userland-bench --one MODE SECONDS SIZE\n");
      return 2;
    }
  /* Interleaved, so that the machine's swings hit all alike. */
  for (int i = 0; i < ROUNDS; i++)
    {
      raw[i] = run_in_process (argv[0], "raw", seconds, size);
      gsctp[i] = run_in_process (argv[0], "gsctp", seconds, size);
      fire[i] = run_in_process (argv[0], "gsctp-fire", seconds, size);
      blocking[i] = run_in_process (argv[0], "gsctp-blocking", seconds, size);
      ratio[i] = gsctp[i] / raw[i];
      fire_ratio[i] = fire[i] / raw[i];
      blocking_ratio[i] = blocking[i] / raw[i];
      g_print ("round %d: raw %.0f msg/s, gsctp %.0f msg/s (x%.2f), without callbacks %.0f msg/s (x%.2f), "
               "blocking %.0f msg/s (x%.2f)\n",
               i + 1, raw[i], gsctp[i], ratio[i], fire[i], fire_ratio[i], blocking[i], blocking_ratio[i]);
    }
  qsort (raw, ROUNDS, sizeof (double), compare);
  qsort (gsctp, ROUNDS, sizeof (double), compare);
  qsort (fire, ROUNDS, sizeof (double), compare);
  qsort (fire_ratio, ROUNDS, sizeof (double), compare);
  qsort (blocking, ROUNDS, sizeof (double), compare);
  qsort (ratio, ROUNDS, sizeof (double), compare);
  qsort (blocking_ratio, ROUNDS, sizeof (double), compare);
  g_autofree char *size_key = size % 1024 == 0 ? g_strdup_printf ("%" G_GSIZE_FORMAT "k", size / 1024)
                                               : g_strdup_printf ("%" G_GSIZE_FORMAT, size);

  g_print ("%" G_GSIZE_FORMAT " B over UDP on loopback, median (min-max) of %d rounds:\n", size, ROUNDS);
  g_print ("  raw usrsctp loop        %8.0f msg/s  %7.1f MB/s (%.0f-%.0f)\n", raw[ROUNDS / 2], raw[ROUNDS / 2] * size / 1e6,
           raw[0], raw[ROUNDS - 1]);
  g_print ("  gsctp userland, active  %8.0f msg/s  %7.1f MB/s (%.0f-%.0f)\n", gsctp[ROUNDS / 2], gsctp[ROUNDS / 2] * size / 1e6,
           gsctp[0], gsctp[ROUNDS - 1]);
  g_print ("  gsctp, no callbacks     %8.0f msg/s  %7.1f MB/s (%.0f-%.0f)\n", fire[ROUNDS / 2],
           fire[ROUNDS / 2] * size / 1e6, fire[0], fire[ROUNDS - 1]);
  g_print ("  gsctp userland, blocking%8.0f msg/s  %7.1f MB/s (%.0f-%.0f)\n", blocking[ROUNDS / 2],
           blocking[ROUNDS / 2] * size / 1e6, blocking[0], blocking[ROUNDS - 1]);
  g_print ("  gsctp userland active against raw usrsctp: x%.2f (x%.2f-x%.2f), blocking x%.2f "
           "(x%.2f-x%.2f)\n", ratio[ROUNDS / 2], ratio[0], ratio[ROUNDS - 1], blocking_ratio[ROUNDS / 2], blocking_ratio[0],
           blocking_ratio[ROUNDS - 1]);
  g_print ("RESULT userland_active_%s_vs_usrsctp=%.3f\n", size_key, ratio[ROUNDS / 2]);
  g_print ("  without callbacks (send and forget, send-queue-full) x%.2f (x%.2f-x%.2f)\n",
           fire_ratio[ROUNDS / 2], fire_ratio[0], fire_ratio[ROUNDS - 1]);
  g_print ("RESULT userland_blocking_%s_vs_usrsctp=%.3f\n", size_key, blocking_ratio[ROUNDS / 2]);
  g_print ("RESULT userland_fire_%s_vs_usrsctp=%.3f\n", size_key, fire_ratio[ROUNDS / 2]);
  g_print ("RESULT userland_active_%s_rate=%.0f\n", size_key, gsctp[ROUNDS / 2]);
  return 0;
}
