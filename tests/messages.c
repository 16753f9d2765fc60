/* messages.c: sending and receiving whole messages, against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

static void
test_ppid_stream_round_trip (void)
{
  g_autoptr(GBytes) data = test_bytes ("payload");
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autolist(GSocketAddress) locals = NULL;
  GSctpSndInfo info = { 0 };
  const GSctpRcvInfo *rcv;
  GInetSocketAddress *from;
  TestPair pair;

  if (!test_pair_setup (&pair, 5, 0))
    goto out;

  info.assoc_id = pair.change->assoc_id;
  info.stream = 3;
  info.ppid = 0x12345678;   /* host order in, host order out */
  g_assert_true (gsctp_socket_send (pair.client, &info, NULL, data, NULL, &error));
  g_assert_no_error (error);

  message = test_receive (pair.server);
  rcv = gsctp_message_get_info (message);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  g_assert_cmpuint (rcv->stream, ==, 3);
  g_assert_cmpuint (gsctp_message_get_stream (message), ==, 3);
  g_assert_cmphex (rcv->ppid, ==, 0x12345678);
  g_assert_cmphex (gsctp_message_get_ppid (message), ==, 0x12345678);
  g_assert_cmpuint (rcv->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, ==, 0);
  g_assert_cmpint (rcv->assoc_id, >, 0);
  g_assert_cmpint (gsctp_message_get_assoc_id (message), ==, rcv->assoc_id);

  /* The sender is the client's address and port. */
  locals = gsctp_socket_get_local_addresses (pair.client, pair.change->assoc_id, &error);
  g_assert_no_error (error);
  from = G_INET_SOCKET_ADDRESS (gsctp_message_get_address (message));
  g_assert_nonnull (from);
  g_assert_cmpuint (g_inet_socket_address_get_port (from), ==,
                    g_inet_socket_address_get_port (locals->data));
out:
  test_pair_clear (&pair);
}

static void
test_unordered (void)
{
  g_autoptr(GBytes) data = test_bytes ("unordered");
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { 0 };
  TestPair pair;

  if (!test_pair_setup (&pair, 2, 0))
    goto out;
  info.assoc_id = pair.change->assoc_id;
  info.stream = 1;
  info.flags = GSCTP_SEND_FLAGS_UNORDERED;
  info.ppid = 46;
  g_assert_true (gsctp_socket_send (pair.client, &info, NULL, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (pair.server);
  g_assert_cmpuint (gsctp_message_get_info (message)->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, !=, 0);
  g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 46);
out:
  test_pair_clear (&pair);
}

/* A time-to-live makes the message PR-SCTP timed; delivered in time, it
 * arrives like any other. */
static void
test_time_to_live (void)
{
  g_autoptr(GBytes) data = test_bytes ("timed");
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { 0 };
  TestPair pair;

  if (!test_pair_setup (&pair, 2, 0))
    goto out;
  info.assoc_id = pair.change->assoc_id;
  info.stream = 1;
  info.time_to_live = 5000;
  info.context = 77;
  info.ppid = 5;
  g_assert_true (gsctp_socket_send (pair.client, &info, NULL, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (pair.server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 5);
out:
  test_pair_clear (&pair);
}

/* The seed's client: 5 outbound streams, so stream 5 fails. */
static void
test_invalid_stream (void)
{
  g_autoptr(GBytes) data = test_bytes ("Test 5");
  g_autoptr(GError) error = NULL;
  TestPair pair;

  if (!test_pair_setup (&pair, 5, 0))
    goto out;
  g_assert_false (gsctp_socket_send_to_stream (pair.client, pair.change->assoc_id, 5, data,
                                               NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM);
  g_clear_error (&error);
  g_assert_true (gsctp_socket_send_to_stream (pair.client, pair.change->assoc_id, 4, data,
                                              NULL, &error));
  g_assert_no_error (error);
out:
  test_pair_clear (&pair);
}

typedef struct {
  GSctpSocket *socket;
  GSctpAssocId assoc_id;
  GBytes *data;
  guint count;
} SendJob;

static gpointer
send_thread (gpointer user_data)
{
  SendJob *job = user_data;
  GSctpSndInfo info = { .assoc_id = job->assoc_id, .ppid = 7 };

  for (guint i = 0; i < job->count; i++)
    {
      g_autoptr(GError) error = NULL;

      info.stream = i % 2;
      gsctp_socket_send (job->socket, &info, NULL, job->data, NULL, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

/* A message far larger than one recvmsg() reaches the user whole. */
static void
test_large_message (void)
{
  const gsize size = 1024 * 1024;
  g_autofree guint8 *payload = g_malloc (size);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  SendJob job;
  GThread *thread;
  TestPair pair;

  if (!test_pair_setup (&pair, 2, 4 * 1024 * 1024))
    goto out;
  for (gsize i = 0; i < size; i++)
    payload[i] = (guint8) (i * 7 + i / 251);
  data = g_bytes_new (payload, size);

  job = (SendJob) { pair.client, pair.change->assoc_id, data, 3 };
  thread = g_thread_new ("sender", send_thread, &job);
  for (guint i = 0; i < job.count; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (pair.server);

      gsize peeked_size;
      const guint8 *peeked = gsctp_message_peek_data (message, &peeked_size);

      /* Received without a copy: peeking shows the GBytes's own bytes. */
      g_assert_cmpmem (peeked, peeked_size, payload, size);
      g_assert_true (peeked == g_bytes_get_data (gsctp_message_get_data (message), NULL));
      g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
      g_assert_cmpuint (gsctp_message_get_stream (message), ==, i % 2);
      g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 7);
    }
  g_thread_join (thread);
  /* Nothing left over: the pieces were not delivered as messages. */
  test_no_data (pair.server, 200);
out:
  test_pair_clear (&pair);
}

/* Many small messages in order, one after the other. */
static void
test_many_in_order (void)
{
  g_autoptr(GError) error = NULL;
  GSocketAddress *first_address = NULL;
  TestPair pair;

  if (!test_pair_setup (&pair, 1, 0))
    goto out;
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *text = g_strdup_printf ("message %u", i);
      g_autoptr(GBytes) data = test_bytes (text);

      g_assert_true (gsctp_socket_send_to_stream (pair.client, pair.change->assoc_id, 0, data,
                                                  NULL, &error));
      g_assert_no_error (error);
      if (i % 50 == 49)
        for (guint j = i - 49; j <= i; j++)
          {
            g_autoptr(GSctpMessage) message = test_receive (pair.server);
            g_autofree char *expected = g_strdup_printf ("message %u", j);

            gsize size;
            const guint8 *peeked = gsctp_message_peek_data (message, &size);

            g_assert_cmpmem (peeked, size, expected, strlen (expected));
            /* The GBytes, made on the first call, is the same after. */
            g_assert_true (test_bytes_equal_string (gsctp_message_get_data (message), expected));
            g_assert_true (gsctp_message_get_data (message) == gsctp_message_get_data (message));
            GSocketAddress *address = gsctp_message_get_address (message);

            /* One address object per message, made once; one sender. */
            g_assert_true (gsctp_message_get_address (message) == address);
            if (first_address == NULL)
              first_address = g_object_ref (address);
            g_assert_true (g_inet_address_equal (
                g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)),
                g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (first_address))));
            g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)), ==,
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (first_address)));
          }
    }
  g_clear_object (&first_address);
out:
  test_pair_clear (&pair);
}

static void
test_two_associations (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) a = NULL;
  g_autoptr(GSctpSocket) b = NULL;
  g_autoptr(GSctpAssocChange) change_a = NULL;
  g_autoptr(GSctpAssocChange) change_b = NULL;
  g_autoptr(GBytes) from_a = test_bytes ("from a");
  g_autoptr(GBytes) from_b = test_bytes ("from b");
  g_autoptr(GError) error = NULL;
  GSctpAssocId server_a = 0, server_b = 0;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(a = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) ||
      !(b = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  change_a = test_connect (a, port, 2);
  change_b = test_connect (b, port, 2);
  g_assert_true (gsctp_socket_send_to_stream (a, change_a->assoc_id, 0, from_a, NULL, &error));
  g_assert_true (gsctp_socket_send_to_stream (b, change_b->assoc_id, 1, from_b, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (server);
      GBytes *data = gsctp_message_get_data (message);

      if (g_bytes_equal (data, from_a))
        server_a = gsctp_message_get_assoc_id (message);
      else if (g_bytes_equal (data, from_b))
        server_b = gsctp_message_get_assoc_id (message);
      else
        g_assert_not_reached ();
    }
  g_assert_cmpint (server_a, >, 0);
  g_assert_cmpint (server_b, >, 0);
  g_assert_cmpint (server_a, !=, server_b);

  /* Replies go to the association they are addressed to, and only there. */
  {
    g_autoptr(GBytes) to_a = test_bytes ("to a");
    g_autoptr(GBytes) to_b = test_bytes ("to b");
    g_autoptr(GSctpMessage) at_a = NULL;
    g_autoptr(GSctpMessage) at_b = NULL;

    g_assert_true (gsctp_socket_send_to_stream (server, server_b, 0, to_b, NULL, &error));
    g_assert_true (gsctp_socket_send_to_stream (server, server_a, 0, to_a, NULL, &error));
    g_assert_no_error (error);
    at_a = test_receive (a);
    at_b = test_receive (b);
    g_assert_true (g_bytes_equal (gsctp_message_get_data (at_a), to_a));
    g_assert_true (g_bytes_equal (gsctp_message_get_data (at_b), to_b));
    g_assert_cmpint (gsctp_message_get_assoc_id (at_a), ==, change_a->assoc_id);
    test_no_data (a, 100);
  }
}

static void
test_receive_timeout (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    return;
  start = g_get_monotonic_time ();
  g_assert_null (gsctp_socket_receive (server, 250, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed, >=, 240 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_clear_error (&error);

  g_assert_null (gsctp_socket_receive (server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *messages;
  GError *error;
  guint sends_done;
  guint wanted;
} Async;

static void
received_cb (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  Async *async = user_data;
  GSctpMessage *message;

  message = gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, &async->error);
  if (message != NULL && gsctp_message_is_event (message))
    {
      /* The server's comm-up, in order before the data: ask again. */
      gsctp_message_unref (message);
      gsctp_socket_receive_async (GSCTP_SOCKET (source), NULL, received_cb, async);
      return;
    }
  if (message != NULL)
    g_ptr_array_add (async->messages, message);
  if (async->error != NULL || async->messages->len == async->wanted)
    g_main_loop_quit (async->loop);
}

static void
sent_cb (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  Async *async = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gsctp_socket_send_finish (GSCTP_SOCKET (source), result, &error));
  g_assert_no_error (error);
  async->sends_done++;
}

/* Async sends keep their order; async receives get messages in the order
 * they were started. */
static void
test_async_send_receive (void)
{
  Async async = { g_main_loop_new (NULL, FALSE), g_ptr_array_new_with_free_func ((GDestroyNotify) gsctp_message_unref), NULL, 0, 20 };
  TestPair pair;

  if (!test_pair_setup (&pair, 2, 0))
    goto out;
  for (guint i = 0; i < async.wanted; i++)
    gsctp_socket_receive_async (pair.server, NULL, received_cb, &async);
  for (guint i = 0; i < async.wanted; i++)
    {
      g_autofree char *text = g_strdup_printf ("async %u", i);
      g_autoptr(GBytes) data = test_bytes (text);
      g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (pair.change->assoc_id, 1, i);

      gsctp_socket_send_async (pair.client, info, NULL, data, NULL, sent_cb, &async);
    }
  g_main_loop_run (async.loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.sends_done, ==, async.wanted);
  for (guint i = 0; i < async.wanted; i++)
    {
      GSctpMessage *message = g_ptr_array_index (async.messages, i);
      g_autofree char *text = g_strdup_printf ("async %u", i);

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (message), text));
      g_assert_cmpuint (gsctp_message_get_ppid (message), ==, i);
    }
out:
  g_ptr_array_unref (async.messages);
  g_main_loop_unref (async.loop);
  test_pair_clear (&pair);
}

typedef struct {
  guint done;
  guint failed_at;              /* the one that failed, or G_MAXUINT */
  GError *error;
} Backlog;

typedef struct {
  Backlog *backlog;
  guint index;
} BacklogSend;

static void
backlog_sent_cb (GObject *source,
                 GAsyncResult *result,
                 gpointer user_data)
{
  BacklogSend *send = user_data;
  GError *error = NULL;

  g_assert_cmpuint (send->backlog->done, ==, send->index);
  if (!gsctp_socket_send_finish (GSCTP_SOCKET (source), result, &error))
    {
      g_assert_cmpuint (send->backlog->failed_at, ==, G_MAXUINT);
      send->backlog->failed_at = send->index;
      send->backlog->error = error;
    }
  send->backlog->done++;
  g_free (send);
}

/* Receives @server's next data message (events skipped) while the
 * default context flushes the client's queued sends, and checks it. */
static void
assert_next_message (GSctpSocket *server,
                     const char *text,
                     guint32 ppid)
{
  for (;;)
    {
      g_autoptr(GSctpMessage) message = NULL;
      g_autoptr(GError) error = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      message = gsctp_socket_receive (server, 50, NULL, &error);
      if (message == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
          continue;
        }
      if (gsctp_message_is_event (message))
        continue;
      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (message), text));
      g_assert_cmpuint (gsctp_message_get_ppid (message), ==, ppid);
      return;
    }
}

/* Async sends behind a full buffer go out in batches once it drains: in
 * order, each completed once, and one that fails (a stream the
 * association does not have) fails alone. */
static void
test_async_backlog (void)
{
  enum { N = 300, BAD = 150 };
  Backlog backlog = { 0, G_MAXUINT, NULL };
  TestPair pair;

  if (!test_pair_setup (&pair, 2, 0))
    return;
  g_object_set (pair.client, "send-buffer-size", 16384, NULL);
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *text = g_strdup_printf ("backlog %u %0800u", i, 0);
      g_autoptr(GBytes) data = test_bytes (text);
      g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (pair.change->assoc_id, i == BAD ? 50 : 1, i);
      BacklogSend *send = g_new (BacklogSend, 1);

      send->backlog = &backlog;
      send->index = i;
      gsctp_socket_send_async (pair.client, info, NULL, data, NULL, backlog_sent_cb, send);
    }
  /* The buffer filled: some wait. */
  g_assert_cmpuint (backlog.done, <, N);
  for (guint received = 0; received < N - 1; received++)
    {
      guint i = received < BAD ? received : received + 1;
      g_autofree char *text = g_strdup_printf ("backlog %u %0800u", i, 0);

      assert_next_message (pair.server, text, i);
    }
  while (backlog.done < N)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (backlog.failed_at, ==, BAD);
  g_assert_error (backlog.error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM);
  g_clear_error (&backlog.error);
  test_no_data (pair.server, 100);
  test_pair_clear (&pair);
}

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  guint next;
  guint n;
  guint notified;
} FireSender;

/* Sends until the queue is full; called again when it is not. */
static void
fire (FireSender *sender)
{
  gboolean full = FALSE;

  while (sender->next < sender->n && !full)
    {
      g_autofree char *text = g_strdup_printf ("fire %u %0*u", sender->next,
                                               (int) (sender->next * 7 % 900), 0);
      g_autoptr(GBytes) data = test_bytes (text);
      g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (sender->assoc_id, 1, sender->next);

      gsctp_socket_send_async (sender->client, info, NULL, data, NULL, NULL, NULL);
      sender->next++;
      g_object_get (sender->client, "send-queue-full", &full, NULL);
    }
}

static void
on_queue_full (GObject *object,
               GParamSpec *pspec,
               FireSender *sender)
{
  gboolean full;

  sender->notified++;
  g_object_get (object, "send-queue-full", &full, NULL);
  if (!full)
    fire (sender);
}

/* Sends without a callback, paced by send-queue-full alone: those that go
 * out at once and those that wait in the queue arrive all, in order; a
 * failed one (a stream the association lacks) troubles nothing. */
static void
test_send_async_no_callback (void)
{
  FireSender sender = { 0 };
  g_autoptr(GSctpSndInfo) bad = NULL;
  g_autoptr(GBytes) lost = test_bytes ("no such stream");
  g_autoptr(GSctpSocketStats) stats = NULL;
  TestPair pair;

  /* The receiver's window small from the start (gsctp's default buffer
   * is the largest allowed, which some kernels would not fill with all of
   * these), so that it closes and the sender's queue fills. */
  if (!test_pair_setup (&pair, 2, 65536))
    return;
  g_object_set (pair.client, "send-buffer-size", 16384, "high-watermark", 8192,
                "low-watermark", 2048, NULL);
  sender.client = pair.client;
  sender.assoc_id = pair.change->assoc_id;
  sender.n = 2000;
  g_signal_connect (pair.client, "notify::send-queue-full", G_CALLBACK (on_queue_full), &sender);

  bad = gsctp_snd_info_new (pair.change->assoc_id, 50, 0);
  gsctp_socket_send_async (pair.client, bad, NULL, lost, NULL, NULL, NULL);
  fire (&sender);
  /* The buffer filled and the queue with it: the rest waits for room. */
  g_assert_cmpuint (sender.next, <, sender.n);
  for (guint received = 0; received < sender.n; received++)
    {
      g_autofree char *text = g_strdup_printf ("fire %u %0*u", received, (int) (received * 7 % 900), 0);

      assert_next_message (pair.server, text, received);
    }
  g_assert_cmpuint (sender.next, ==, sender.n);
  /* Full, then free, at least once each. */
  g_assert_cmpuint (sender.notified, >=, 2);
  stats = gsctp_socket_get_statistics (pair.client);
  g_assert_cmpuint (stats->messages_sent, ==, sender.n);
  g_assert_cmpuint (stats->pending_bytes, ==, 0);
  test_no_data (pair.server, 100);
  test_pair_clear (&pair);
}

/* Async sends made in one dispatch of the socket's context. */
typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  guint n;                      /* sends to make */
  guint first;                  /* the number of the first */
  guint completed;
  guint64 held;                 /* bytes waiting as the dispatch ended */
  void (*after) (GSctpSocket *client, GSctpAssocId assoc_id, guint next);
  gboolean ran;
} Burst;

static GBytes *
burst_message (guint i)
{
  g_autofree char *text = g_strdup_printf ("burst %03u", i);

  return test_bytes (text);
}

/* Messages *next up to @until, the next ones @server receives. */
static void
assert_burst_received (GSctpSocket *server,
                       guint *next,
                       guint until)
{
  for (; *next < until; (*next)++)
    {
      g_autofree char *text = g_strdup_printf ("burst %03u", *next);

      assert_next_message (server, text, *next);
    }
}

static void
burst_sent_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  Burst *burst = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gsctp_socket_send_finish (GSCTP_SOCKET (source), result, &error));
  g_assert_no_error (error);
  burst->completed++;
}

static gboolean
burst_dispatch (gpointer user_data)
{
  Burst *burst = user_data;
  g_autoptr(GSctpSocketStats) stats = NULL;

  for (guint i = burst->first; i < burst->first + burst->n; i++)
    {
      g_autoptr(GBytes) data = burst_message (i);
      g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (burst->assoc_id, 1, i);

      /* Every other one with a callback: both kinds wait alike. */
      gsctp_socket_send_async (burst->client, info, NULL, data, NULL,
                               i % 2 ? burst_sent_cb : NULL, burst);
    }
  stats = gsctp_socket_get_statistics (burst->client);
  burst->held = stats->pending_bytes;
  if (burst->after != NULL)
    burst->after (burst->client, burst->assoc_id, burst->first + burst->n);
  burst->ran = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_burst (Burst *burst)
{
  g_idle_add (burst_dispatch, burst);
  while (!burst->ran)
    g_main_context_iteration (NULL, TRUE);
}

static void
send_blocking (GSctpSocket *client,
               GSctpAssocId assoc_id,
               guint next)
{
  g_autoptr(GBytes) data = burst_message (next);
  g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (assoc_id, 1, next);
  g_autoptr(GError) error = NULL;

  g_assert_true (gsctp_socket_send (client, info, NULL, data, NULL, &error));
  g_assert_no_error (error);
}

static void
receive_briefly (GSctpSocket *client,
                 GSctpAssocId assoc_id,
                 guint next)
{
  g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 10, NULL, NULL);
  g_autoptr(GSctpSocketStats) stats = NULL;

  /* Nothing but an event of the association can come. */
  g_assert_true (message == NULL || gsctp_message_is_event (message));
  stats = gsctp_socket_get_statistics (client);
  g_assert_cmpuint (stats->pending_bytes, ==, 0);
}

static void
close_now (GSctpSocket *client,
           GSctpAssocId assoc_id,
           guint next)
{
  g_assert_true (gsctp_socket_close (client, NULL));
}

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  GError *error;
  gboolean ran;
} HeldCancel;

static void
held_cancelled_cb (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  HeldCancel *held = user_data;

  g_assert_false (gsctp_socket_send_finish (GSCTP_SOCKET (source), result, &held->error));
}

/* Three sends in one dispatch, the second cancelled while its burst holds
 * it: the others go. */
static gboolean
held_cancel_dispatch (gpointer user_data)
{
  HeldCancel *held = user_data;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSctpSocketStats) stats = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) data = burst_message (100 + i);
      g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (held->assoc_id, 1, 100 + i);

      gsctp_socket_send_async (held->client, info, NULL, data, i == 1 ? cancellable : NULL,
                               i == 1 ? held_cancelled_cb : NULL, held);
    }
  g_cancellable_cancel (cancellable);
  held->ran = TRUE;
  return G_SOURCE_REMOVE;
}

/* The async sends one dispatch makes go together: the first at once, the
 * rest held until the dispatch is over (or a batch of 16 is full), then in
 * order, each completed once. A blocking send after them, a blocking
 * receive and close do not leave them waiting. */
static void
test_send_async_burst (void)
{
  const gsize size = strlen ("burst 000");
  Burst burst = { 0 };
  TestPair pair;
  guint next = 0;

  if (!test_pair_setup (&pair, 2, 0))
    return;
  burst.client = pair.client;
  burst.assoc_id = pair.change->assoc_id;

  /* 40: one at once, two batches of 16 as they filled, 7 held. */
  burst.n = 40;
  run_burst (&burst);
  g_assert_cmpuint (burst.held, ==, 7 * size);
  assert_burst_received (pair.server, &next, 40);
  while (burst.completed < 20)
    g_main_context_iteration (NULL, TRUE);

  /* A blocking send goes after what the burst held. */
  burst = (Burst) { pair.client, pair.change->assoc_id, 3, next, 0, 0, send_blocking, FALSE };
  run_burst (&burst);
  g_assert_cmpuint (burst.held, ==, 2 * size);
  assert_burst_received (pair.server, &next, 44);
  while (burst.completed < 1)
    g_main_context_iteration (NULL, TRUE);

  /* A blocking receive sends what the burst held before it waits. */
  burst = (Burst) { pair.client, pair.change->assoc_id, 3, next, 0, 0, receive_briefly, FALSE };
  run_burst (&burst);
  assert_burst_received (pair.server, &next, 47);
  while (burst.completed < 1)
    g_main_context_iteration (NULL, TRUE);

  /* A held send cancelled: the one behind it still goes. */
  {
    HeldCancel held = { pair.client, pair.change->assoc_id, NULL, FALSE };
    g_autoptr(GSctpSocketStats) stats = NULL;

    g_idle_add (held_cancel_dispatch, &held);
    while (!held.ran || held.error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (held.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&held.error);
    assert_next_message (pair.server, "burst 100", 100);
    assert_next_message (pair.server, "burst 102", 102);
    stats = gsctp_socket_get_statistics (pair.client);
    g_assert_cmpuint (stats->pending_bytes, ==, 0);
  }

  /* Close sends what the burst held: it would have gone already. */
  burst = (Burst) { pair.client, pair.change->assoc_id, 3, next, 0, 0, close_now, FALSE };
  run_burst (&burst);
  assert_burst_received (pair.server, &next, 50);
  while (burst.completed < 2)
    g_main_context_iteration (NULL, TRUE);
  test_pair_clear (&pair);
}

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  guint n;
  guint n_sent;
} ManySender;

static GBytes *
numbered (guint i)
{
  g_autofree char *text = g_strdup_printf ("many %u %0*u", i, (int) (i * 13 % 1500), 0);

  return test_bytes (text);
}

static gpointer
send_many_thread (gpointer data)
{
  ManySender *sender = data;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (sender->assoc_id, 1, 77);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < sender->n; i++)
    g_ptr_array_add (messages, numbered (i));
  g_assert_true (gsctp_socket_send_many (sender->client, info, NULL,
                                         (GBytes * const *) messages->pdata, messages->len,
                                         &sender->n_sent, NULL, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Many messages in one call: all arrive, in order, with the info; a send
 * buffer far smaller than they are makes the call wait for room. */
static void
test_send_many (void)
{
  ManySender sender = { NULL, 0, 2000, 0 };
  GThread *thread;
  TestPair pair;

  if (!test_pair_setup (&pair, 2, 0))
    return;
  g_object_set (pair.client, "send-buffer-size", 16384, NULL);
  sender.client = pair.client;
  sender.assoc_id = pair.change->assoc_id;
  thread = g_thread_new ("send-many", send_many_thread, &sender);
  for (guint i = 0; i < sender.n; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (pair.server);
      g_autoptr(GBytes) expected = numbered (i);

      g_assert_true (g_bytes_equal (gsctp_message_get_data (message), expected));
      g_assert_cmpuint (gsctp_message_get_stream (message), ==, 1);
      g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 77);
    }
  g_thread_join (thread);
  g_assert_cmpuint (sender.n_sent, ==, sender.n);
  test_no_data (pair.server, 100);
  test_pair_clear (&pair);
}

/* What stops a send_many: an empty message before anything is sent, a
 * stream the association does not have at the first. */
static void
test_send_many_refused (void)
{
  g_autoptr(GBytes) one = test_bytes ("one");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  TestPair pair;
  guint n_sent = 99;

  if (!test_pair_setup (&pair, 2, 0))
    return;
  {
    GBytes *messages[] = { one, empty, one };
    g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (pair.change->assoc_id, 0, 0);

    g_assert_false (gsctp_socket_send_many (pair.client, info, NULL, messages, 3, &n_sent, NULL,
                                            &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_cmpuint (n_sent, ==, 0);
    g_clear_error (&error);
  }
  {
    GBytes *messages[] = { one, one, one };
    g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (pair.change->assoc_id, 9, 0);

    g_assert_false (gsctp_socket_send_many (pair.client, info, NULL, messages, 3, &n_sent, NULL,
                                            &error));
    g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM);
    g_assert_cmpuint (n_sent, ==, 0);
  }
  test_no_data (pair.server, 100);
  test_pair_clear (&pair);
}

static void
test_async_receive_cancelled (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Async async = { g_main_loop_new (NULL, FALSE), g_ptr_array_new (), NULL, 0, 1 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    goto out;
  gsctp_socket_receive_async (server, cancellable, received_cb, &async);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (async.loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);
out:
  g_ptr_array_unref (async.messages);
  g_main_loop_unref (async.loop);
}

/* A one-to-many socket sets up an association implicitly when it sends to
 * a new peer address. */
static void
test_implicit_association (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GBytes) data = test_bytes ("implicit");
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { .ppid = 99 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  address = test_address ("127.0.0.1", port);
  g_assert_true (gsctp_socket_send (client, &info, address, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 99);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Messages sent one at a time, each received before the next is sent (a
 * stream of notifications, say), each while the one before may still be
 * unacknowledged: with Nagle's algorithm on, each would wait for the
 * peer's delayed SACK (200 ms). The median counts, so that a stall of the
 * machine does not. */
static void
test_one_at_a_time_promptly (void)
{
  gint64 took[21];
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (took); i++)
    {
      g_autoptr(GBytes) data = test_bytes ("one at a time");
      g_autoptr(GSctpMessage) message = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 0, data, NULL,
                                                  &error));
      g_assert_no_error (error);
      message = test_receive (p.server);
      g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
      took[i] = g_get_monotonic_time () - start;
    }
  qsort (took, G_N_ELEMENTS (took), sizeof took[0], compare_gint64);
  g_assert_cmpint (took[G_N_ELEMENTS (took) / 2], <, 100 * 1000);
  test_pair_clear (&p);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/messages/ppid-stream", test_ppid_stream_round_trip);
  g_test_add_func ("/messages/unordered", test_unordered);
  g_test_add_func ("/messages/invalid-stream", test_invalid_stream);
  g_test_add_func ("/messages/time-to-live", test_time_to_live);
  g_test_add_func ("/messages/large", test_large_message);
  g_test_add_func ("/messages/many-in-order", test_many_in_order);
  g_test_add_func ("/messages/one-at-a-time-promptly", test_one_at_a_time_promptly);
  g_test_add_func ("/messages/two-associations", test_two_associations);
  g_test_add_func ("/messages/receive-timeout", test_receive_timeout);
  g_test_add_func ("/messages/async", test_async_send_receive);
  g_test_add_func ("/messages/async-backlog", test_async_backlog);
  g_test_add_func ("/messages/send-async-no-callback", test_send_async_no_callback);
  g_test_add_func ("/messages/send-async-burst", test_send_async_burst);
  g_test_add_func ("/messages/send-many", test_send_many);
  g_test_add_func ("/messages/send-many-refused", test_send_many_refused);
  g_test_add_func ("/messages/async-receive-cancelled", test_async_receive_cancelled);
  g_test_add_func ("/messages/implicit-association", test_implicit_association);
  return g_test_run ();
}
