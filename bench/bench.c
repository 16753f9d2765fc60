/* bench.c: gsctp against raw loops and GIO's GSocket, in one run.
 *
 * One-way: a sender thread pushes messages as fast as it can over a
 * one-to-many association on loopback and the main thread receives them,
 * for a few seconds: the raw loops of bench-raw.c (per message, batched,
 * untuned), GSocket with G_SOCKET_PROTOCOL_SCTP (no per-message info),
 * gsctp with a blocking receive, in active mode on a main loop (a
 * ::message emission per message, or a ::messages one per batch, also
 * from a send_many() sender), and untuned (the sockets as gsctp makes
 * them). Round trips: one message
 * out, its echo back, for raw and gsctp. Prints each mode's messages/s
 * and MB/s, the ratios, and a "RESULT key=value" line per ratio.
 *
 *   gsctp-bench [SECONDS [ROUNDS]]  the table; 3 seconds per run, 5 rounds
 *   gsctp-bench --count N MODE SIZE exactly N messages of SIZE bytes in MODE
 *                                   (raw, raw-batched, gio, gsctp,
 *                                   gsctp-active, …), for instruction
 *                                   counts under callgrind
 *   gsctp-bench --modes A,B,… SIZE [SECONDS [ROUNDS]]
 *                                   only these modes, in turns, SIZE bytes;
 *                                   each one's rate in every round, and
 *                                   each against the first
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

#include "bench.h"

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
  bench_set_buffers (g_socket_get_fd (server));
  bench_set_buffers (g_socket_get_fd (client));
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

/* Tuned: 4 MiB buffers, as the raw loops have them; untuned: as gsctp
 * makes the sockets. */
static void
gsctp_setup_as (Gsctp *s, gsize size, gboolean tuned)
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
  if (tuned)
    {
      bench_set_buffers (gsctp_socket_get_fd (s->server));
      bench_set_buffers (gsctp_socket_get_fd (s->client));
    }
  if (!gsctp_socket_bind (s->server, &any, 1, &error) || !gsctp_socket_listen (s->server, 1, &error))
    g_error ("%s", error->message);
  to = g_inet_socket_address_new_from_string ("127.0.0.1", gsctp_socket_get_local_port (s->server, NULL));
  assoc = gsctp_socket_associate (s->client, &to, 1, NULL, 5000, NULL, &error);
  if (assoc == NULL)
    g_error ("%s", error->message);
  s->assoc_id = assoc->assoc_id;
}

static void
gsctp_setup (Gsctp *s, gsize size)
{
  gsctp_setup_as (s, size, TRUE);
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

/* Async sends from a thread of their own, up to WINDOW not yet
 * completed: the queue builds when the buffer is full and drains in
 * batches. */
#define WINDOW 256

typedef struct {
  Gsctp *s;
  GBytes *payload;
  GSctpSndInfo info;
  guint64 started;
  guint outstanding;
} AsyncSender;

static void async_send_more (AsyncSender *a);

static void
async_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncSender *a = user_data;
  g_autoptr(GError) error = NULL;

  if (!gsctp_socket_send_finish (GSCTP_SOCKET (source), result, &error))
    g_error ("gsctp async send: %s", error->message);
  a->outstanding--;
  async_send_more (a);
}

static void
async_send_more (AsyncSender *a)
{
  Limit *limit = &a->s->meter->limit;

  while (a->outstanding < WINDOW && !g_atomic_int_get (&a->s->meter->stop) &&
         (limit->count == 0 || a->started < limit->count))
    {
      a->outstanding++;
      a->started++;
      gsctp_socket_send_async (a->s->client, &a->info, NULL, a->payload, NULL, async_sent, a);
    }
}

static gpointer
gsctp_async_send_thread (gpointer data)
{
  Gsctp *s = data;
  GMainContext *context = g_main_context_new ();
  AsyncSender a = { s, g_bytes_new_take (g_malloc0 (s->size), s->size),
                    { .assoc_id = s->assoc_id, .ppid = 1 }, 0, 0 };

  g_main_context_push_thread_default (context);
  gsctp_socket_set_context (s->client, context);
  async_send_more (&a);
  while (a.outstanding > 0 || (!g_atomic_int_get (&s->meter->stop) &&
                               (s->meter->limit.count == 0 || a.started < s->meter->limit.count)))
    {
      g_main_context_iteration (context, TRUE);
      async_send_more (&a);
    }
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  g_bytes_unref (a.payload);
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

/* Async sends without a callback, from an idle callback of a thread's
 * own main loop as a main-loop program streams: up to FIRE_BURST each
 * dispatch, paced by the send queue's watermarks alone
 * (send-queue-full). */
#define FIRE_BURST 256

typedef struct {
  Gsctp *s;
  GMainContext *context;
  GBytes *payload;
  GSctpSndInfo info;
  GSource *idle;
  gboolean full;
  guint64 started;
} FireSender;

static gboolean
fire_finished (FireSender *f)
{
  Limit *limit = &f->s->meter->limit;

  return g_atomic_int_get (&f->s->meter->stop) || (limit->count > 0 && f->started >= limit->count);
}

static gboolean
fire_more (gpointer user_data)
{
  FireSender *f = user_data;

  for (guint i = 0; i < FIRE_BURST && !f->full && !fire_finished (f); i++)
    {
      gsctp_socket_send_async (f->s->client, &f->info, NULL, f->payload, NULL, NULL, NULL);
      f->started++;
    }
  if (f->full || fire_finished (f))
    {
      g_clear_pointer (&f->idle, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
fire_schedule (FireSender *f)
{
  if (f->idle != NULL || f->full || fire_finished (f))
    return;
  f->idle = g_idle_source_new ();
  g_source_set_callback (f->idle, fire_more, f, NULL);
  g_source_attach (f->idle, f->context);
}

static void
on_queue_full (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  FireSender *f = user_data;

  g_object_get (object, "send-queue-full", &f->full, NULL);
  fire_schedule (f);
}

static guint64
pending_bytes (GSctpSocket *socket)
{
  g_autoptr(GSctpSocketStats) stats = gsctp_socket_get_statistics (socket);

  return stats->pending_bytes;
}

static gpointer
gsctp_fire_send_thread (gpointer data)
{
  Gsctp *s = data;
  FireSender f = { s, g_main_context_new (), g_bytes_new_take (g_malloc0 (s->size), s->size),
                   { .assoc_id = s->assoc_id, .ppid = 1 }, NULL, FALSE, 0 };
  gulong handler;

  g_main_context_push_thread_default (f.context);
  gsctp_socket_set_context (s->client, f.context);
  handler = g_signal_connect (s->client, "notify::send-queue-full", G_CALLBACK (on_queue_full), &f);
  fire_schedule (&f);
  while (!fire_finished (&f))
    g_main_context_iteration (f.context, TRUE);
  /* What waits in the queue goes out from this context. */
  while (pending_bytes (s->client) > 0 && !g_atomic_int_get (&s->meter->stop))
    g_main_context_iteration (f.context, TRUE);
  g_signal_handler_disconnect (s->client, handler);
  if (f.idle != NULL)
    {
      g_source_destroy (f.idle);
      g_source_unref (f.idle);
    }
  g_main_context_pop_thread_default (f.context);
  g_main_context_unref (f.context);
  g_bytes_unref (f.payload);
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

/* send_many() of 16 messages at a time. */
static gpointer
gsctp_send_many_thread (gpointer data)
{
  Gsctp *s = data;
  g_autoptr(GBytes) payload = g_bytes_new_take (g_malloc0 (s->size), s->size);
  GBytes *batch[16];
  GSctpSndInfo info = { .assoc_id = s->assoc_id, .ppid = 1 };
  guint64 sent = 0;

  for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
    batch[i] = payload;
  while (!g_atomic_int_get (&s->meter->stop) &&
         (s->meter->limit.count == 0 || sent < s->meter->limit.count))
    {
      g_autoptr(GError) error = NULL;
      guint n = G_N_ELEMENTS (batch);

      if (s->meter->limit.count > 0)
        n = MIN (n, s->meter->limit.count - sent);
      if (!gsctp_socket_send_many (s->client, &info, NULL, batch, n, NULL, NULL, &error))
        g_error ("gsctp send_many: %s", error->message);
      sent += n;
    }
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

static Result
run_gsctp_one_way (gsize size, Limit limit, gboolean tuned, GThreadFunc sender)
{
  Meter meter;
  GThread *thread;
  Gsctp s;

  gsctp_setup_as (&s, size, tuned);
  s.meter = &meter;
  meter_start (&meter, limit);
  thread = g_thread_new ("gsctp-sender", sender, &s);
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

static Result
run_gsctp (gsize size, Limit limit)
{
  return run_gsctp_one_way (size, limit, TRUE, gsctp_send_thread);
}

/* Blocking receives, send_many() of 16. */
static Result
run_gsctp_many (gsize size, Limit limit)
{
  return run_gsctp_one_way (size, limit, TRUE, gsctp_send_many_thread);
}

static Result
run_gsctp_untuned (gsize size, Limit limit)
{
  return run_gsctp_one_way (size, limit, FALSE, gsctp_send_thread);
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

static void
on_messages (GSctpSocket *socket,
             GPtrArray *messages,
             gpointer user_data)
{
  Gsctp *s = user_data;

  for (guint i = 0; i < messages->len; i++)
    on_message (socket, g_ptr_array_index (messages, i), s);
}

/* Active receives on a main loop, from a sender thread: a ::message
 * emission per message, or a ::messages one per batch. */
static Result
run_active_with_handler (gsize size, Limit limit, GThreadFunc sender, gboolean batches)
{
  Meter meter;
  GThread *thread;
  Gsctp s;

  gsctp_setup (&s, size);
  s.meter = &meter;
  s.loop = g_main_loop_new (NULL, FALSE);
  if (batches)
    g_signal_connect (s.server, "messages", G_CALLBACK (on_messages), &s);
  else
    g_signal_connect (s.server, "message", G_CALLBACK (on_message), &s);
  meter_start (&meter, limit);
  gsctp_socket_set_active (s.server, GSCTP_ACTIVE_MODE_ACTIVE);
  thread = g_thread_new ("gsctp-sender", sender, &s);
  g_main_loop_run (s.loop);
  gsctp_socket_set_active (s.server, GSCTP_ACTIVE_MODE_PASSIVE);
  gsctp_drain (&s);
  g_thread_join (thread);
  g_main_loop_unref (s.loop);
  gsctp_teardown (&s);
  return meter.result;
}

static Result
run_active_with (gsize size, Limit limit, GThreadFunc sender)
{
  return run_active_with_handler (size, limit, sender, FALSE);
}

/* ::messages, from a sender of one send per message. */
static Result
run_gsctp_batches (gsize size, Limit limit)
{
  return run_active_with_handler (size, limit, gsctp_send_thread, TRUE);
}

/* ::messages, from a send_many() sender: gsctp batched at both ends. */
static Result
run_gsctp_batches_many (gsize size, Limit limit)
{
  return run_active_with_handler (size, limit, gsctp_send_many_thread, TRUE);
}

static Result
run_gsctp_active (gsize size, Limit limit)
{
  return run_active_with (size, limit, gsctp_send_thread);
}

/* Active receives, async sends. */
static Result
run_gsctp_async (gsize size, Limit limit)
{
  return run_active_with (size, limit, gsctp_async_send_thread);
}

/* Active receives, async sends without callbacks. */
static Result
run_gsctp_fire (gsize size, Limit limit)
{
  return run_active_with (size, limit, gsctp_fire_send_thread);
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

  bench_set_buffers (gsctp_socket_get_fd (server));
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

/* ------------------------------------------------------------ main */

typedef Result (*Runner) (gsize size, Limit limit);

static const struct {
  const char *name;
  Runner run;
} modes[] = {
  { "raw", run_raw },
  { "raw-poll", run_raw_poll },
  { "raw-batched", run_raw_batched },
  { "raw-recv-batched", run_raw_receive_batched },
  { "raw-untuned", run_raw_untuned },
  { "gio", run_gio },
  { "gsctp", run_gsctp },
  { "gsctp-active", run_gsctp_active },
  { "gsctp-batches", run_gsctp_batches },
  { "gsctp-batches-many", run_gsctp_batches_many },
  { "gsctp-async", run_gsctp_async },
  { "gsctp-fire", run_gsctp_fire },
  { "gsctp-many", run_gsctp_many },
  { "gsctp-untuned", run_gsctp_untuned },
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

static double
rate_of (const Result *r)
{
  return r->seconds > 0 ? r->messages / r->seconds : 0;
}

static void
report_against (const char *name, gsize size, Result r, const Result *base, const char *unit,
                const char *base_name)
{
  double rate = rate_of (&r);

  g_print ("%-13s %6" G_GSIZE_FORMAT " B  %10.0f %-7s %9.1f MB/s", name, size, rate, unit,
           r.bytes / r.seconds / 1e6);
  if (base != NULL)
    g_print ("   x%.2f of %s", rate / rate_of (base), base_name);
  g_print ("\n");
}

/* The machine's timing wanders by 2x from run to run: each mode runs
 * `rounds` times, the modes taking turns, and every figure is the median
 * of its rounds, printed with its spread; a ratio is the median of the
 * ratios within each round. */
#define MAX_MODES G_N_ELEMENTS (modes)
#define MAX_ROUNDS 15

typedef struct {
  const char *const *names;
  gsize n_modes;
  guint rounds;
  gsize size;
  double rates[MAX_MODES][MAX_ROUNDS];
  double mb[MAX_MODES][MAX_ROUNDS];
} Rounds;

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median, min and max of @n values. */
static void
spread (const double *values, guint n, double out[3])
{
  double sorted[MAX_ROUNDS];

  memcpy (sorted, values, n * sizeof *values);
  qsort (sorted, n, sizeof *sorted, compare_doubles);
  out[0] = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  out[1] = sorted[0];
  out[2] = sorted[n - 1];
}

static void
run_rounds (Rounds *r, Limit limit)
{
  g_assert (r->n_modes <= MAX_MODES && r->rounds <= MAX_ROUNDS);
  for (guint round = 0; round < r->rounds; round++)
    for (gsize m = 0; m < r->n_modes; m++)
      {
        Result one = find_mode (r->names[m]) (r->size, limit);

        r->rates[m][round] = rate_of (&one);
        r->mb[m][round] = one.seconds > 0 ? one.bytes / one.seconds / 1e6 : 0;
      }
}

static gsize
mode_index (const Rounds *r, const char *name)
{
  for (gsize m = 0; m < r->n_modes; m++)
    if (g_str_equal (r->names[m], name))
      return m;
  g_assert_not_reached ();
}

static void
print_rate (const Rounds *r, const char *name, const char *unit)
{
  gsize m = mode_index (r, name);
  double rate[3], mb[3];

  spread (r->rates[m], r->rounds, rate);
  spread (r->mb[m], r->rounds, mb);
  g_autofree char *key = g_strdelimit (g_strdup_printf ("%s_%" G_GSIZE_FORMAT "k_rate", name,
                                                       r->size / 1024), "-", '_');

  g_print ("%-16s %6" G_GSIZE_FORMAT " B %10.0f %-5s (%.0f-%.0f) %9.1f MB/s\n", name, r->size,
           rate[0], unit, rate[1], rate[2], mb[0]);
  g_print ("RESULT %s=%.0f\n", key, rate[0]);
}

/* "RESULT key=median" for scripts, after a line with the spread. */
static void
print_ratio (const Rounds *r, const char *key, const char *name, const char *base)
{
  gsize m = mode_index (r, name), b = mode_index (r, base);
  double ratios[MAX_ROUNDS], out[3];

  for (guint i = 0; i < r->rounds; i++)
    ratios[i] = r->rates[b][i] > 0 ? r->rates[m][i] / r->rates[b][i] : 0;
  spread (ratios, r->rounds, out);
  g_print ("  %s against %s: x%.2f (x%.2f-x%.2f over %u rounds)\n", name, base, out[0], out[1],
           out[2], r->rounds);
  g_print ("RESULT %s=%.3f\n", key, out[0]);
}

static void
run_table (Limit limit, guint rounds)
{
  static const char *const one_way[] = { "raw", "raw-batched", "raw-recv-batched", "raw-untuned",
                                         "gio", "gsctp", "gsctp-active", "gsctp-batches",
                                         "gsctp-batches-many", "gsctp-async", "gsctp-fire",
                                         "gsctp-many", "gsctp-untuned" };
  static const char *const rtt[] = { "raw-rtt", "gsctp-rtt" };
  const gsize sizes[] = { 1024, 64 * 1024 };

  g_print ("one-to-many, loopback, %.1f s per run, median (min-max) of %u rounds; one way: "
           "sender and receiver threads\n", limit.seconds, rounds);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Rounds r = { one_way, G_N_ELEMENTS (one_way), rounds, sizes[i] };
      const char *k = sizes[i] == 1024 ? "1k" : "64k";
      g_autofree char *key = NULL;

      run_rounds (&r, limit);
      for (gsize m = 0; m < r.n_modes; m++)
        print_rate (&r, one_way[m], "msg/s");
#define RATIO(fmt, name, base) \
      (g_free (key), key = g_strdup_printf (fmt, k), print_ratio (&r, key, name, base))
      RATIO ("gsctp_%s_vs_raw", "gsctp", "raw");
      RATIO ("gsctp_active_%s_vs_raw", "gsctp-active", "raw");
      RATIO ("gsctp_%s_vs_raw_batched", "gsctp", "raw-batched");
      RATIO ("gsctp_active_%s_vs_raw_batched", "gsctp-active", "raw-batched");
      RATIO ("gsctp_batches_%s_vs_raw", "gsctp-batches", "raw");
      RATIO ("gsctp_batches_%s_vs_gsctp_active", "gsctp-batches", "gsctp-active");
      RATIO ("gsctp_batches_many_%s_vs_raw_batched", "gsctp-batches-many", "raw-batched");
      RATIO ("gsctp_async_%s_vs_raw", "gsctp-async", "raw");
      RATIO ("gsctp_async_%s_vs_raw_batched", "gsctp-async", "raw-batched");
      RATIO ("gsctp_fire_%s_vs_raw", "gsctp-fire", "raw");
      RATIO ("gsctp_fire_%s_vs_raw_batched", "gsctp-fire", "raw-batched");
      RATIO ("gsctp_many_%s_vs_raw", "gsctp-many", "raw");
      RATIO ("gsctp_many_%s_vs_raw_batched", "gsctp-many", "raw-batched");
      RATIO ("gsctp_active_%s_vs_raw_recv_batched", "gsctp-active", "raw-recv-batched");
      RATIO ("raw_batched_%s_vs_raw", "raw-batched", "raw");
      RATIO ("raw_recv_batched_%s_vs_raw", "raw-recv-batched", "raw");
      RATIO ("gio_%s_vs_raw", "gio", "raw");
      RATIO ("gsctp_%s_untuned_vs_tuned", "gsctp-untuned", "gsctp");
      RATIO ("raw_%s_untuned_vs_tuned", "raw-untuned", "raw");
#undef RATIO
    }
  {
    Rounds r = { rtt, G_N_ELEMENTS (rtt), rounds, 1024 };

    run_rounds (&r, limit);
    print_rate (&r, "raw-rtt", "rt/s");
    print_rate (&r, "gsctp-rtt", "rt/s");
    print_ratio (&r, "gsctp_rtt_vs_raw", "gsctp-rtt", "raw-rtt");
  }
}

/* A few modes against the first, for looking into one figure. */
static int
run_some (const char *list,
          gsize size,
          double seconds,
          guint64 rounds)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);
  Rounds r = { (const char *const *) names, g_strv_length (names), CLAMP (rounds, 1, MAX_ROUNDS), size };
  Limit limit = { seconds, 0 };
  g_autofree char *size_key = size % 1024 == 0 ? g_strdup_printf ("%" G_GSIZE_FORMAT "k", size / 1024)
                                               : g_strdup_printf ("%" G_GSIZE_FORMAT, size);

  if (r.n_modes == 0 || r.n_modes > MAX_MODES || size == 0 || seconds <= 0)
    {
      g_printerr ("gsctp-bench --modes: 1 to %u modes, a size and a time above zero\n",
                  (guint) MAX_MODES);
      return 2;
    }
  for (gsize m = 0; m < r.n_modes; m++)
    find_mode (names[m]);
  g_print ("%s, %" G_GSIZE_FORMAT " B, %g s per run, median (min-max) of %u rounds\n", list, size,
           seconds, r.rounds);
  run_rounds (&r, limit);
  for (gsize m = 0; m < r.n_modes; m++)
    {
      print_rate (&r, names[m], "msg/s");
      g_print ("  rounds:");
      for (guint i = 0; i < r.rounds; i++)
        g_print (" %.0f", r.rates[m][i]);
      g_print ("\n");
    }
  for (gsize m = 1; m < r.n_modes; m++)
    {
      g_autofree char *key = g_strdelimit (g_strdup_printf ("%s_%s_vs_%s", names[m], size_key,
                                                            names[0]), "-", '_');

      print_ratio (&r, key, names[m], names[0]);
    }
  return 0;
}

int
main (int argc,
      char *argv[])
{
  Limit limit = { 3.0, 0 };
  guint rounds = 5;

  if (argc == 5 && g_str_equal (argv[1], "--count"))
    {
      Limit counted = { 0, g_ascii_strtoull (argv[2], NULL, 10) };
      Result r = find_mode (argv[3]) (g_ascii_strtoull (argv[4], NULL, 10), counted);

      g_print ("%s: %" G_GUINT64_FORMAT " messages, %.0f msg/s\n", argv[3], r.messages,
               rate_of (&r));
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
  if (argc >= 4 && argc <= 6 && g_str_equal (argv[1], "--modes"))
    return run_some (argv[2], g_ascii_strtoull (argv[3], NULL, 10),
                     argc > 4 ? g_ascii_strtod (argv[4], NULL) : limit.seconds,
                     argc > 5 ? g_ascii_strtoull (argv[5], NULL, 10) : rounds);
  if (argc > 3 || (argc > 1 && !g_ascii_isdigit (argv[1][0])) ||
      (argc > 2 && !g_ascii_isdigit (argv[2][0])))
    {
      g_printerr ("usage: gsctp-bench [SECONDS [ROUNDS]]\n"
                  "       gsctp-bench --count N MODE SIZE\n"
                  "       gsctp-bench --modes MODE,MODE,… SIZE [SECONDS [ROUNDS]]\n"
                  "       gsctp-bench --scale N\n");
      return 2;
    }
  if (argc > 1)
    limit.seconds = g_ascii_strtod (argv[1], NULL);
  if (argc > 2)
    rounds = CLAMP (g_ascii_strtoull (argv[2], NULL, 10), 1, MAX_ROUNDS);
  run_table (limit, rounds);
  return 0;
}
