/* active.c: gen_sctp's active modes and moving a socket between main
 * contexts, against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

typedef struct {
  GMainLoop *loop;
  GPtrArray *data;          /* data messages, in order */
  guint events;
  guint passive;
  guint wanted;
  GThread *thread;
} Collector;

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            gpointer user_data)
{
  Collector *c = user_data;

  if (c->thread != NULL)
    g_assert_true (g_thread_self () == c->thread);
  if (gsctp_message_is_event (message))
    c->events++;
  else
    g_ptr_array_add (c->data, gsctp_message_ref (message));
  if (c->data->len == c->wanted && c->loop != NULL)
    g_main_loop_quit (c->loop);
}

static void
on_passive (GSctpSocket *socket,
            gpointer user_data)
{
  Collector *c = user_data;

  c->passive++;
  if (c->loop != NULL)
    g_main_loop_quit (c->loop);
}

/* A collector whose handlers the test connects itself. */
static void
collector_prepare (Collector *c, guint wanted)
{
  c->loop = g_main_loop_new (NULL, FALSE);
  c->data = g_ptr_array_new_with_free_func ((GDestroyNotify) gsctp_message_unref);
  c->wanted = wanted;
  c->events = c->passive = 0;
  c->thread = NULL;
}

static void
collector_init (Collector *c, GSctpSocket *socket, guint wanted)
{
  collector_prepare (c, wanted);
  g_signal_connect (socket, "message", G_CALLBACK (on_message), c);
  g_signal_connect (socket, "passive", G_CALLBACK (on_passive), c);
}

static void
collector_clear (Collector *c)
{
  g_clear_pointer (&c->loop, g_main_loop_unref);
  g_clear_pointer (&c->data, g_ptr_array_unref);
}

static gboolean
give_up (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
run (Collector *c)
{
  guint timeout = g_timeout_add_seconds (10, give_up, c->loop);

  g_main_loop_run (c->loop);
  g_source_remove (timeout);
}

static void
test_active_true (void)
{
  g_autoptr(GError) error = NULL;
  Collector c;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  collector_init (&c, p.server, 5);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  g_assert_cmpint (gsctp_socket_get_active (p.server), ==, GSCTP_ACTIVE_MODE_ACTIVE);
  test_pair_send (&p, 5, "active");
  run (&c);
  g_assert_cmpuint (c.data->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("active %u", i);

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (g_ptr_array_index (c.data, i)), text));
    }
  /* The server's comm-up came the same way, before the data. */
  g_assert_cmpuint (c.events, >=, 1);
  g_assert_cmpuint (c.passive, ==, 0);

  /* In an active mode, receives are refused. */
  g_assert_null (gsctp_socket_receive (p.server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  collector_clear (&c);
out:
  test_pair_clear (&p);
}

typedef struct {
  GSctpSocket *socket;
  Collector *collector;
  guint calls;
} Second;

/* Connected swapped: the user data comes first, the socket last. */
static void
on_message_swapped (Second *second,
                    GSctpMessage *message,
                    GSctpSocket *socket)
{
  g_assert_true (socket == second->socket);
  second->calls++;
  on_message (socket, message, second->collector);
}

static void
on_message_counted (GSctpSocket *socket,
                    GSctpMessage *message,
                    gpointer user_data)
{
  Second *second = user_data;

  g_assert_true (socket == second->socket);
  if (!gsctp_message_is_event (message))
    second->calls++;
}

/* ::message to one handler connected swapped (GLib's single-handler path,
 * gsctp's own marshaller), then to two (GLib's GValue path): each gets the
 * socket, its data and every message, whole. */
static void
test_handlers (void)
{
  Second second = { 0 };
  Collector c;
  TestPair p;
  gulong id;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  collector_prepare (&c, 3);
  second.socket = p.server;
  second.collector = &c;
  id = g_signal_connect_swapped (p.server, "message", G_CALLBACK (on_message_swapped), &second);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  test_pair_send (&p, 3, "swapped");
  run (&c);
  g_assert_cmpuint (c.data->len, ==, 3);
  g_assert_cmpuint (second.calls, >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("swapped %u", i);

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (g_ptr_array_index (c.data, i)), text));
    }

  g_signal_handler_disconnect (p.server, id);
  g_ptr_array_set_size (c.data, 0);
  second.calls = 0;
  g_signal_connect (p.server, "message", G_CALLBACK (on_message), &c);
  g_signal_connect (p.server, "message", G_CALLBACK (on_message_counted), &second);
  test_pair_send (&p, 3, "two");
  run (&c);
  g_assert_cmpuint (c.data->len, ==, 3);
  g_assert_cmpuint (second.calls, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("two %u", i);

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (g_ptr_array_index (c.data, i)), text));
    }
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  collector_clear (&c);
out:
  test_pair_clear (&p);
}

static void
test_active_once (void)
{
  g_autoptr(GSctpMessage) rest = NULL;
  Collector c;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  collector_init (&c, p.server, 1);
  test_pair_send (&p, 3, "once");
  /* Past the comm-up event, so that "once" meets data. */
  {
    g_autoptr(GSctpMessage) first = test_receive (p.server);

    g_assert_true (test_bytes_equal_string (gsctp_message_get_data (first), "once 0"));
  }
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ONCE);
  run (&c);
  g_assert_cmpuint (c.data->len, ==, 1);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (g_ptr_array_index (c.data, 0)), "once 1"));
  /* Then passive, without ::passive (that is for the count mode). */
  g_assert_cmpint (gsctp_socket_get_active (p.server), ==, GSCTP_ACTIVE_MODE_PASSIVE);
  g_assert_cmpuint (c.passive, ==, 0);
  rest = test_receive (p.server);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (rest), "once 2"));
  collector_clear (&c);
out:
  test_pair_clear (&p);
}

static void
test_active_count (void)
{
  Collector c;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  collector_init (&c, p.server, 100);
  {
    /* Past the comm-up. */
    g_autoptr(GSctpMessage) first = NULL;

    test_pair_send (&p, 1, "warm-up");
    first = test_receive (p.server);
  }
  test_pair_send (&p, 6, "count");
  gsctp_socket_set_active_count (p.server, 2);
  gsctp_socket_set_active_count (p.server, 2);
  g_assert_cmpint (gsctp_socket_get_active (p.server), ==, GSCTP_ACTIVE_MODE_COUNT);
  g_assert_cmpint (gsctp_socket_get_active_count (p.server), ==, 4);
  run (&c);           /* until ::passive */
  g_assert_cmpuint (c.passive, ==, 1);
  g_assert_cmpuint (c.data->len, ==, 4);
  g_assert_cmpint (gsctp_socket_get_active (p.server), ==, GSCTP_ACTIVE_MODE_PASSIVE);
  g_assert_cmpint (gsctp_socket_get_active_count (p.server), ==, 0);
  {
    g_autoptr(GSctpMessage) fifth = test_receive (p.server);

    g_assert_true (test_bytes_equal_string (gsctp_message_get_data (fifth), "count 4"));
  }

  /* A negative count that reaches 0 turns the socket passive at once. */
  gsctp_socket_set_active_count (p.server, 3);
  gsctp_socket_set_active_count (p.server, -5);
  g_assert_cmpint (gsctp_socket_get_active (p.server), ==, GSCTP_ACTIVE_MODE_PASSIVE);
  g_assert_cmpuint (c.passive, ==, 2);
  /* The count is capped at 32767. */
  gsctp_socket_set_active_count (p.server, 30000);
  gsctp_socket_set_active_count (p.server, 30000);
  g_assert_cmpint (gsctp_socket_get_active_count (p.server), ==, 32767);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  collector_clear (&c);
out:
  test_pair_clear (&p);
}

typedef struct {
  GSctpSocket *a;
  GArray *order;       /* 0 for a, 1 for b */
  guint total;
  GMainLoop *loop;
} Fairness;

static void
on_fair_message (GSctpSocket *socket,
                 GSctpMessage *message,
                 gpointer user_data)
{
  Fairness *f = user_data;
  guint8 who = socket == f->a ? 0 : 1;

  if (gsctp_message_is_event (message))
    return;
  g_array_append_val (f->order, who);
  if (f->order->len == f->total)
    g_main_loop_quit (f->loop);
}

/* Sends @n messages of @size bytes on @pair without blocking on a reader. */
static void
send_sized (TestPair *pair,
            guint n,
            gsize size)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_take (g_malloc0 (size), size);
      g_autoptr(GError) error = NULL;

      g_assert_true (gsctp_socket_send_to_stream (pair->client, pair->change->assoc_id, 0, data,
                                                  NULL, &error));
      g_assert_no_error (error);
    }
}

/* Two busy sockets on one main context take turns: while both had
 * messages waiting, neither ran for more than one dispatch, whose
 * budget is @per_dispatch messages of @size (plus a comm-up event). */
static void
assert_turns_taken (guint n,
                    gsize size,
                    guint per_dispatch)
{
  Fairness f = { NULL, g_array_new (FALSE, FALSE, 1), 2 * n, g_main_loop_new (NULL, FALSE) };
  guint longest = 0, run_length = 0;
  guint8 last = 2;
  TestPair a = { 0 }, b = { 0 };

  /* Buffers that hold what is sent before anything is read. */
  if (!test_pair_setup (&a, 2, 4 * 1024 * 1024) || !test_pair_setup (&b, 2, 4 * 1024 * 1024))
    goto out;
  send_sized (&a, n, size);
  send_sized (&b, n, size);
  g_usleep (200 * 1000);   /* both queues full before either is read */
  f.a = a.server;
  g_signal_connect (a.server, "message", G_CALLBACK (on_fair_message), &f);
  g_signal_connect (b.server, "message", G_CALLBACK (on_fair_message), &f);
  gsctp_socket_set_active (a.server, GSCTP_ACTIVE_MODE_ACTIVE);
  gsctp_socket_set_active (b.server, GSCTP_ACTIVE_MODE_ACTIVE);
  g_main_loop_run (f.loop);

  for (guint i = 0; i < f.order->len; i++)
    {
      guint8 who = g_array_index (f.order, guint8, i);

      run_length = who == last ? run_length + 1 : 1;
      last = who;
      if (i < f.total - n / 2)
        longest = MAX (longest, run_length);
    }
  g_assert_cmpuint (longest, <=, per_dispatch);
  /* Turns, not one socket then the other. */
  g_assert_cmpuint (longest, <, n);
out:
  g_array_unref (f.order);
  g_main_loop_unref (f.loop);
  test_pair_clear (&a);
  test_pair_clear (&b);
}

static void
test_fairness (void)
{
  assert_turns_taken (200, 16, 64);
}

/* A message of 16 KiB or more holds a pooled buffer until it is emitted:
 * it weighs 4 small ones. */
static void
test_fairness_large (void)
{
  assert_turns_taken (48, 20 * 1024, 16);
}

typedef struct {
  GMainContext *context;
  GMainLoop *loop;
  Collector *collector;
  gint ready;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;

  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (10);

  g_main_context_push_thread_default (w->context);
  g_source_set_callback (timeout, give_up, w->loop, NULL);
  g_source_attach (timeout, w->context);
  w->collector->thread = g_thread_self ();
  g_atomic_int_set (&w->ready, 1);
  g_main_loop_run (w->loop);
  g_main_context_pop_thread_default (w->context);
  return NULL;
}

/* gen_sctp's controlling_process: after the move, signals arrive only in
 * the new context's thread. */
static void
test_move_context (void)
{
  Worker w = { g_main_context_new (), NULL, NULL, 0 };
  GThread *thread;
  Collector c;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    {
      g_main_context_unref (w.context);
      goto out;
    }
  collector_init (&c, p.server, 3);
  g_clear_pointer (&c.loop, g_main_loop_unref);
  w.loop = g_main_loop_new (w.context, FALSE);
  c.loop = g_main_loop_ref (w.loop);
  w.collector = &c;
  thread = g_thread_new ("worker", worker_thread, &w);
  while (!g_atomic_int_get (&w.ready))
    g_usleep (1000);

  gsctp_socket_set_context (p.server, w.context);
  g_assert_true (gsctp_socket_get_context (p.server) == w.context);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  test_pair_send (&p, 3, "moved");
  g_thread_join (thread);   /* the worker's loop quits after 3 messages */
  g_assert_cmpuint (c.data->len, ==, 3);

  /* Nothing runs here meanwhile (the userland stack's pump of the
   * client, which stayed here, does). */
  if (!test_userland ())
    g_assert_false (g_main_context_pending (NULL));
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  g_main_loop_unref (w.loop);
  g_main_context_unref (w.context);
  collector_clear (&c);
out:
  test_pair_clear (&p);
}

/* A peeled-off socket keeps the active mode of its parent. */
static void
test_peeloff_keeps_active (void)
{
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GError) error = NULL;
  GSctpAssocId server_assoc;
  Collector c;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  test_pair_send (&p, 1, "first");
  {
    g_autoptr(GSctpMessage) first = test_receive (p.server);

    server_assoc = gsctp_message_get_assoc_id (first);
  }
  gsctp_socket_set_active_count (p.server, 7);
  peeled = gsctp_socket_peeloff (p.server, server_assoc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gsctp_socket_get_active (peeled), ==, GSCTP_ACTIVE_MODE_COUNT);
  g_assert_cmpint (gsctp_socket_get_active_count (peeled), ==, 7);
  collector_init (&c, peeled, 2);
  test_pair_send (&p, 2, "peeled");
  run (&c);
  g_assert_cmpuint (c.data->len, ==, 2);
  g_assert_cmpint (gsctp_socket_get_active_count (peeled), ==, 5);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  gsctp_socket_set_active (peeled, GSCTP_ACTIVE_MODE_PASSIVE);
  collector_clear (&c);
out:
  test_pair_clear (&p);
}

typedef struct {
  Collector collector;
  guint nested_dispatches;
  gboolean nested;
} Nesting;

/* The first data message's handler runs the main loop inside it, as a
 * handler that waits for something else does. */
static void
on_message_nesting (GSctpSocket *socket,
                    GSctpMessage *message,
                    gpointer user_data)
{
  Nesting *n = user_data;

  on_message (socket, message, &n->collector);
  if (n->nested || gsctp_message_is_event (message))
    return;
  n->nested = TRUE;
  while (n->nested_dispatches < 1000 && g_main_context_iteration (NULL, FALSE))
    n->nested_dispatches++;
}

/* A main loop run inside a ::message handler emits nothing of the socket
 * before the handler returns (the messages after it in its dispatch are
 * not emitted yet), and does not spin on the socket that stays readable;
 * the rest comes in order afterwards. */
static void
test_nested_loop (void)
{
  Nesting n = { 0 };
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  /* More than one dispatch reads: some wait in the kernel while the
   * handler runs. */
  test_pair_send (&p, 3 * 64, "nested");
  collector_prepare (&n.collector, 3 * 64);
  g_signal_connect (p.server, "message", G_CALLBACK (on_message_nesting), &n);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  run (&n.collector);
  g_assert_true (n.nested);
  g_assert_cmpuint (n.nested_dispatches, <, 1000);
  g_assert_cmpuint (n.collector.data->len, ==, 3 * 64);
  for (guint i = 0; i < n.collector.data->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("nested %u", i);

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (g_ptr_array_index (n.collector.data, i)),
                                              text));
    }
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  collector_clear (&n.collector);
out:
  test_pair_clear (&p);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/active/true", test_active_true);
  g_test_add_func ("/active/handlers", test_handlers);
  g_test_add_func ("/active/once", test_active_once);
  g_test_add_func ("/active/count", test_active_count);
  g_test_add_func ("/active/fairness", test_fairness);
  g_test_add_func ("/active/fairness-large", test_fairness_large);
  g_test_add_func ("/active/move-context", test_move_context);
  g_test_add_func ("/active/peeloff-keeps-active", test_peeloff_keeps_active);
  g_test_add_func ("/active/nested-loop", test_nested_loop);
  return g_test_run ();
}
