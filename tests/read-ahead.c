/* read-ahead.c: messages the stack read ahead, in batches, reach whoever
 * asks next — whole, in order, with the events where they came — and wake
 * every way of waiting: a receive, a receive of many, an async receive,
 * the active modes, and a socket peeled off with them
 *
 * On kernel SCTP a receive takes up to 16 pieces per system call (8 of
 * messages over 4 KiB, none of those over 66 KiB); the
 * messages of each test are queued before the first receive, so that the
 * batches are full, except where a test has them come one by one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "test-util.h"

/* Message @i of a test: its size varies, under 1,000 from SMALL on; below
 * it some are over the 4 KiB a piece read ahead holds, one far over, and
 * some between 1,800 and 4,000 bytes: read ahead, they fill the message
 * block they are read into (2 KiB with its header) and go on into a
 * slot. */
#define SMALL 1000
/* From MID on, messages are all 1,800 to 3,999 bytes long. */
#define MID 2000
/* From LARGE on, most are 4,200 to 66,199 bytes long (read ahead into
 * large slots), 64 KiB among them; every fifth is small, and every
 * seventh over a large slot's 66 KiB (read in place). */
#define LARGE 3000

static gsize
size_of (guint i)
{
  if (i >= LARGE && i % 7 == 3)
    return 70 * 1024 + i % 1000;
  if (i >= LARGE && i % 5 == 1)
    return 20 + i % 900;
  if (i >= LARGE && i % 11 == 0)
    return 64 * 1024;
  if (i >= LARGE)
    return 4200 + (i * 7919) % 62000;
  if (i >= MID)
    return 1800 + (i * 53) % 2200;
  if (i < SMALL && i == 37)
    return 200 * 1024;
  if (i < SMALL && i % 10 == 3)
    return 6000;
  if (i < SMALL && i % 10 == 7)
    return 1800 + (i * 53) % 2200;
  return 20 + (i * 37) % 900;
}

static GBytes *
make_message (guint i)
{
  gsize size = size_of (i);
  guint8 *data = g_malloc (size);

  /* Not periodic in 256: a piece copied from the wrong offset shows. */
  for (gsize k = 0; k < size; k++)
    data[k] = (guint8) (i + k + 3 * (k >> 8));
  memcpy (data, &i, sizeof i);
  return g_bytes_new_take (data, size);
}

static void
send_messages (TestPair *p, guint first, guint n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(GBytes) data = make_message (i);
      g_autoptr(GError) error = NULL;

      g_assert_true (gsctp_socket_send_to_stream (p->client, p->change->assoc_id, 0, data, NULL,
                                                  &error));
      g_assert_no_error (error);
    }
}

static void
assert_message (GSctpMessage *message, guint i)
{
  g_autoptr(GBytes) expected = make_message (i);

  g_assert_false (gsctp_message_is_event (message));
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), expected));
}

/* Mixed sizes, read with the usual buffer and with one smaller than the
 * pieces read ahead (handed over in parts). */
static void
check_order (guint buffer,
             guint first)
{
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  if (buffer > 0)
    g_object_set (p.server, "buffer", buffer, NULL);
  send_messages (&p, first, 60);
  for (guint i = first; i < first + 60; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (p.server);

      assert_message (message, i);
    }
  test_no_data (p.server, 100);
  test_pair_clear (&p);
}

static void
test_order (void)
{
  check_order (0, 0);
}

static void
test_order_small_buffer (void)
{
  check_order (1024, 0);
}

/* Pieces read ahead past their message block, handed over whole and, to
 * a reader with a small buffer, in parts. */
static void
test_order_past_block (void)
{
  check_order (0, MID);
  check_order (1024, MID);
}

/* Large messages, read ahead and copied out whole, in parts to a reader
 * with a buffer smaller than a large slot, and read in place where they
 * are over a slot. */
static void
test_order_large (void)
{
  check_order (0, LARGE);
  check_order (1024, LARGE);
  check_order (16 * 1024, LARGE);
}

/* Until the peer has all of the client's messages (each acknowledged). */
static void
wait_delivered (TestPair *p)
{
  for (guint tries = 0;; tries++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpStatus) status = gsctp_socket_get_status (p->client, p->change->assoc_id, &error);

      g_assert_no_error (error);
      if (status->unacked_data == 0)
        return;
      g_assert_cmpuint (tries, <, 500);
      g_usleep (10 * 1000);
    }
}

/* Large messages are taken from the kernel in batches too: once receives
 * have asked for a few, the rest of those queued are read ahead, and the
 * socket's descriptor shows no more data while messages are still to be
 * handed over. Read one at a time, each in place, the descriptor would
 * show data until the last was received. */
static void
test_large_in_batches (void)
{
  guint first = LARGE + 100;
  gboolean drained_early = FALSE;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  send_messages (&p, first, 12);
  wait_delivered (&p);
  for (guint i = first; i < first + 12; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (p.server);
      GPollFD fd = { gsctp_socket_get_fd (p.server), G_IO_IN, 0 };

      assert_message (message, i);
      if (i < first + 11 && g_poll (&fd, 1, 0) == 0)
        drained_early = TRUE;
    }
  g_assert_true (drained_early);
  test_no_data (p.server, 100);
  test_pair_clear (&p);
}

/* Messages one at a time, as a round trip's answers come (each read then
 * finds one: reads go plain for a while, longer the longer it lasts),
 * then many at once (batches again), then one at a time, briefly and
 * long, with a burst after each: whole and in order across the changes. */
static void
test_one_at_a_time_then_batches (void)
{
  static const guint sizes[] = { 9, 50, 200, 50, 9, 50 };
  guint next = SMALL;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  for (guint round = 0; round < G_N_ELEMENTS (sizes); round++)
    {
      guint n = sizes[round];

      for (guint i = 0; i < n; i++, next++)
        {
          g_autoptr(GSctpMessage) message = NULL;

          if (round % 2 == 0)
            send_messages (&p, next, 1);
          else if (i == 0)
            send_messages (&p, next, n);
          message = test_receive (p.server);
          assert_message (message, next);
        }
    }
  test_no_data (p.server, 100);
  test_pair_clear (&p);
}

/* Receives that wait: each message comes a moment after the receive
 * began (more of them than the reader's longest run of plain reads); then
 * many that are there already, then waits again, and receives with
 * nothing coming (a timeout each, and a cancellation) — whole, in order,
 * every wait ended as it should. */
typedef struct {
  TestPair *pair;
  guint first;
  guint n_waited;               /* sent one at a time, each after a pause */
  guint n_burst;                /* then sent at once */
} Trickle;

static gpointer
trickle_thread (gpointer data)
{
  Trickle *trickle = data;

  for (guint i = 0; i < trickle->n_waited; i++)
    {
      g_usleep (2000);
      send_messages (trickle->pair, trickle->first + i, 1);
    }
  send_messages (trickle->pair, trickle->first + trickle->n_waited, trickle->n_burst);
  return NULL;
}

/* Fails naming what came: an event's type, or a message's number. */
static void
assert_no_message (GSctpMessage *message)
{
  if (message == NULL)
    return;
  if (gsctp_message_is_event (message))
    g_error ("An event of type %d came", gsctp_message_get_event_type (message));
  else
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (gsctp_message_get_data (message), &size);
      guint i = 0;

      memcpy (&i, data, MIN (size, sizeof i));
      g_error ("Message %u (%" G_GSIZE_FORMAT " bytes) came again", i, size);
    }
}

static void
assert_nothing_comes (GSctpSocket *server)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GSctpMessage *message;
  GThread *canceller;
  gint64 start;

  for (guint i = 0; i < 3; i++)
    {
      start = g_get_monotonic_time ();
      message = gsctp_socket_receive (server, 50, NULL, &error);
      assert_no_message (message);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 49 * 1000);
      g_clear_error (&error);
    }
  message = gsctp_socket_receive (server, 0, NULL, &error);
  assert_no_message (message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_clear_error (&error);
  canceller = test_cancel_later (cancellable, 100);
  message = gsctp_socket_receive (server, -1, cancellable, &error);
  assert_no_message (message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_thread_join (canceller);
}

static void
test_waits_then_bursts (void)
{
  static const guint waited[] = { 80, 3, 20 };
  guint next = SMALL;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  for (guint round = 0; round < G_N_ELEMENTS (waited); round++)
    {
      Trickle trickle = { &p, next, waited[round], 40 };
      GThread *sender = g_thread_new ("trickle", trickle_thread, &trickle);

      for (guint i = 0; i < trickle.n_waited + trickle.n_burst; i++, next++)
        {
          g_autoptr(GSctpMessage) message = test_receive (p.server);

          assert_message (message, next);
        }
      g_thread_join (sender);
      assert_nothing_comes (p.server);
    }
  test_pair_clear (&p);
}

/* Active once: each message is a dispatch of its own, the next only once
 * the socket is made active again; what was read ahead must not wait for
 * more to arrive on the wire. */
typedef struct {
  guint count;                  /* emissions, events included */
  GSctpMessage *last;
} Once;

static void
on_once_message (GSctpSocket *socket, GSctpMessage *message, gpointer user_data)
{
  Once *once = user_data;

  once->count++;
  g_clear_pointer (&once->last, gsctp_message_unref);
  once->last = gsctp_message_ref (message);
}

/* Read ahead, a message is there at once; without a wake-up it would wait
 * for the next packet (the stack's own, after seconds). */
#define PROMPTLY_MS 1500

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_active_once (void)
{
  Once once = { 0 };
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  send_messages (&p, SMALL, 20);
  g_signal_connect (p.server, "message", G_CALLBACK (on_once_message), &once);
  for (guint i = SMALL; i < SMALL + 20;)
    {
      gboolean timed_out = FALSE;
      guint timeout = g_timeout_add (PROMPTLY_MS, on_timeout, &timed_out);
      guint count = once.count;

      gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ONCE);
      while (once.count == count && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (timed_out);
      g_source_remove (timeout);
      g_assert_cmpuint (once.count, ==, count + 1);
      /* The association's coming up may come first. */
      if (!gsctp_message_is_event (once.last))
        assert_message (once.last, i++);
    }
  g_clear_pointer (&once.last, gsctp_message_unref);
  g_signal_handlers_disconnect_by_data (p.server, &once);
  test_pair_clear (&p);
}

/* Active: a bounded number of messages per dispatch; the rest, read
 * ahead, come in the next ones. */
static void
on_data (GSctpSocket *socket, GSctpMessage *message, gpointer user_data)
{
  if (!gsctp_message_is_event (message))
    g_ptr_array_add (user_data, gsctp_message_ref (message));
}

static void
test_active (void)
{
  g_autoptr(GPtrArray) data = g_ptr_array_new_with_free_func ((GDestroyNotify) gsctp_message_unref);
  gboolean timed_out = FALSE;
  guint timeout;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  send_messages (&p, SMALL, 50);
  g_signal_connect (p.server, "message", G_CALLBACK (on_data), data);
  timeout = g_timeout_add (PROMPTLY_MS, on_timeout, &timed_out);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  while (data->len < 50 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  g_signal_handlers_disconnect_by_data (p.server, data);
  g_assert_cmpuint (data->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    assert_message (g_ptr_array_index (data, i), SMALL + i);
  test_pair_clear (&p);
}

static void
on_received (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GSctpMessage **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, &error);
  g_assert_no_error (error);
}

/* A blocking receive reads ahead; async receives started after it get the
 * rest without more coming. */
static void
test_async_after_blocking (void)
{
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  send_messages (&p, SMALL, 20);
  {
    g_autoptr(GSctpMessage) first = test_receive (p.server);

    assert_message (first, SMALL);
  }
  for (guint i = SMALL + 1; i < SMALL + 20; i++)
    {
      g_autoptr(GSctpMessage) message = NULL;
      gboolean timed_out = FALSE;
      guint timeout = g_timeout_add (PROMPTLY_MS, on_timeout, &timed_out);

      /* Events first: the async receive returns them too. */
      do
        {
          g_clear_pointer (&message, gsctp_message_unref);
          gsctp_socket_receive_async (p.server, NULL, on_received, &message);
          while (message == NULL && !timed_out)
            g_main_context_iteration (NULL, TRUE);
          g_assert_false (timed_out);
        }
      while (gsctp_message_is_event (message));
      g_source_remove (timeout);
      assert_message (message, i);
    }
  test_pair_clear (&p);
}

/* Messages of an association read ahead by the one-to-many socket go with
 * it when it is peeled off, ahead of what comes later. */
static void
check_peeloff (guint first,
               guint n_before)
{
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GError) error = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  send_messages (&p, first, 20);
  for (guint i = first; i < first + n_before; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (p.server);

      assert_message (message, i);
      if (peeled == NULL && i == first + n_before - 1)
        {
          peeled = gsctp_socket_peeloff (p.server, gsctp_message_get_assoc_id (message), &error);
          g_assert_no_error (error);
        }
    }
  send_messages (&p, first + 20, 5);
  for (guint i = first + n_before; i < first + 25; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (peeled);

      assert_message (message, i);
    }
  test_no_data (p.server, 200);
  test_pair_clear (&p);
}

static void
test_peeloff (void)
{
  check_peeloff (0, 2);
}

/* Pieces read ahead past their message block: the blocks move, and what
 * went on into the slots is copied. */
static void
test_peeloff_past_block (void)
{
  check_peeloff (MID, 4);
}

/* Large pieces read ahead: the slots they were read into are copied. */
static void
test_peeloff_large (void)
{
  check_peeloff (LARGE, 3);
  check_peeloff (LARGE + 40, 5);
}

/* The end of the association comes after its last message. */
static void
test_events_in_order (void)
{
  g_autoptr(GError) error = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  g_assert_true (gsctp_socket_subscribe (p.server, GSCTP_EVENT_TYPE_SHUTDOWN, 0, TRUE, &error));
  g_assert_no_error (error);
  send_messages (&p, 0, 30);
  g_assert_true (gsctp_socket_shutdown (p.client, p.change->assoc_id, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 30;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (p.server, 10000, NULL, &error);

      g_assert_no_error (error);
      if (gsctp_message_is_event (message))
        {
          /* Only the association's coming up may precede the data. */
          g_assert_cmpint (gsctp_message_get_event_type (message), !=, GSCTP_EVENT_TYPE_SHUTDOWN);
          continue;
        }
      assert_message (message, i++);
    }
  {
    g_autoptr(GSctpMessage) shutdown = test_next_event (p.server, GSCTP_EVENT_TYPE_SHUTDOWN);

    g_assert_nonnull (shutdown);
  }
  test_pair_clear (&p);
}

/* A one-to-one association that ends after its messages: they all come,
 * then every receive says it ended. */
static void
test_end_of_association (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpSocket) connection = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_STREAM, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    return;
  change = test_connect (client, port, 1);
  connection = gsctp_socket_accept (server, 10000, NULL, &error);
  g_assert_no_error (error);
  for (guint i = SMALL; i < SMALL + 20; i++)
    {
      g_autoptr(GBytes) data = make_message (i);
      GSctpSndInfo info = { .ppid = i };

      g_assert_true (gsctp_socket_send (client, &info, NULL, data, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gsctp_socket_close (client, &error));
  g_assert_no_error (error);
  for (guint i = SMALL; i < SMALL + 20; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (connection);

      assert_message (message, i);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GSctpMessage) message = NULL;

      /* The association's end may come as events first. */
      do
        {
          g_clear_pointer (&message, gsctp_message_unref);
          message = gsctp_socket_receive (connection, 10000, NULL, &error);
        }
      while (message != NULL && gsctp_message_is_event (message));
      g_assert_null (message);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
      g_clear_error (&error);
    }
}

static void
test_receive_many (void)
{
  g_autoptr(GError) error = NULL;
  guint got = 0, calls = 0, largest = 0;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  /* The association's events first: data only from here on. */
  test_no_data (p.server, 100);
  send_messages (&p, 0, 60);
  while (got < 60)
    {
      GList *messages = gsctp_socket_receive_many (p.server, 16, 5000, NULL, &error);
      guint n = g_list_length (messages);

      g_assert_no_error (error);
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, MIN (16, 60 - got));
      for (GList *l = messages; l != NULL; l = l->next)
        assert_message (l->data, got++);
      g_list_free_full (messages, (GDestroyNotify) gsctp_message_unref);
      largest = MAX (largest, n);
      calls++;
    }
  /* The messages were all there before the first call: they come many
   * at a time, not one per call. */
  g_assert_cmpuint (largest, >, 1);
  g_assert_cmpuint (calls, <, 60);

  g_assert_null (gsctp_socket_receive_many (p.server, 16, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_receive_many (p.server, 0, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  test_pair_clear (&p);
}

/* A message over the limit behind one that a receive of many returns:
 * the error is the next receive's, not lost. */
static void
test_receive_many_error_next (void)
{
  g_autoptr(GError) error = NULL;
  GList *messages;
  TestPair p;

  if (!test_pair_setup (&p, 1, 4 * 1024 * 1024))
    return;
  test_no_data (p.server, 100);
  g_object_set (p.server, "max-message-size", 4000, NULL);
  /* 94 bytes, then 6,000. */
  send_messages (&p, 2, 1);
  send_messages (&p, 13, 1);
  /* Both queued at the receiver before the call. */
  g_usleep (300 * 1000);
  messages = gsctp_socket_receive_many (p.server, 16, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (messages), ==, 1);
  assert_message (messages->data, 2);
  g_list_free_full (messages, (GDestroyNotify) gsctp_message_unref);
  g_assert_null (gsctp_socket_receive (p.server, 5000, NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE);
  test_pair_clear (&p);
}

int
main (int argc, char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/read-ahead/order", test_order);
  g_test_add_func ("/read-ahead/order-small-buffer", test_order_small_buffer);
  g_test_add_func ("/read-ahead/order-past-block", test_order_past_block);
  g_test_add_func ("/read-ahead/order-large", test_order_large);
  test_add_kernel_only ("/read-ahead/large-in-batches", test_large_in_batches);
  g_test_add_func ("/read-ahead/one-at-a-time-then-batches", test_one_at_a_time_then_batches);
  g_test_add_func ("/read-ahead/waits-then-bursts", test_waits_then_bursts);
  g_test_add_func ("/read-ahead/active", test_active);
  g_test_add_func ("/read-ahead/active-once", test_active_once);
  g_test_add_func ("/read-ahead/async-after-blocking", test_async_after_blocking);
  g_test_add_func ("/read-ahead/peeloff", test_peeloff);
  g_test_add_func ("/read-ahead/peeloff-past-block", test_peeloff_past_block);
  g_test_add_func ("/read-ahead/peeloff-large", test_peeloff_large);
  g_test_add_func ("/read-ahead/events-in-order", test_events_in_order);
  g_test_add_func ("/read-ahead/end-of-association", test_end_of_association);
  g_test_add_func ("/read-ahead/receive-many", test_receive_many);
  g_test_add_func ("/read-ahead/receive-many-error-next", test_receive_many_error_next);
  return g_test_run ();
}
