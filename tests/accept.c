/* accept.c: one-to-one servers: accept, blocking and async, and
 * ::incoming on a listener in an active mode
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

static GSctpSocket *
one_to_one_server (guint16 *port)
{
  return test_server_new (GSCTP_SOCKET_TYPE_STREAM, port);
}

/* A one-to-one client associated with @port. */
static GSctpSocket *
one_to_one_client (guint16 port)
{
  GSctpSocket *client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM);
  g_autoptr(GSctpAssocChange) change = NULL;

  if (client != NULL)
    change = test_connect (client, port, 4);
  return client;
}

static GSctpSocket *
accept_one (GSctpSocket *server)
{
  g_autoptr(GError) error = NULL;
  GSctpSocket *connection = gsctp_socket_accept (server, 10000, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);
  return connection;
}

static void
send_text (GSctpSocket *socket,
           guint16 stream,
           guint32 ppid,
           const char *text)
{
  g_autoptr(GBytes) data = test_bytes (text);
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { .stream = stream, .ppid = ppid };

  g_assert_true (gsctp_socket_send (socket, &info, NULL, data, NULL, &error));
  g_assert_no_error (error);
}

static void
test_blocking (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpSocket) connection = NULL;
  g_autoptr(GSctpMessage) first = NULL;
  g_autoptr(GSctpMessage) request = NULL;
  g_autoptr(GSctpMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  GList *peers;
  guint16 port;

  if (!(server = one_to_one_server (&port)) || !(client = one_to_one_client (port)))
    return;
  connection = accept_one (server);
  g_assert_cmpint (gsctp_socket_get_socket_type (connection), ==, GSCTP_SOCKET_TYPE_STREAM);
  g_assert_cmpint (gsctp_socket_get_family (connection), ==, G_SOCKET_FAMILY_IPV4);
  g_assert_cmpint (gsctp_socket_get_backend (connection), ==, gsctp_socket_get_backend (server));

  /* Its association coming up is its first message. */
  first = gsctp_socket_receive (connection, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gsctp_message_is_event (first));
  g_assert_cmpint (gsctp_message_get_event_type (first), ==, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_cmpint (gsctp_message_get_assoc_change (first)->state, ==, GSCTP_ASSOC_STATE_COMM_UP);

  /* Both ways, with stream and PPID. */
  send_text (client, 3, 42, "request");
  request = test_receive (connection);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (request), "request"));
  g_assert_cmpuint (gsctp_message_get_stream (request), ==, 3);
  g_assert_cmpuint (gsctp_message_get_ppid (request), ==, 42);
  send_text (connection, 1, 7, "reply");
  reply = test_receive (client);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (reply), "reply"));
  g_assert_cmpuint (gsctp_message_get_stream (reply), ==, 1);
  g_assert_cmpuint (gsctp_message_get_ppid (reply), ==, 7);

  /* The peer is the client's address and port. */
  peers = gsctp_socket_get_peer_addresses (connection, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peers);
  g_assert_cmpuint (g_inet_socket_address_get_port (peers->data), ==,
                    gsctp_socket_get_local_port (client, NULL));
  g_list_free_full (peers, g_object_unref);

  /* The client's graceful end reaches the accepted socket as its end. */
  g_assert_true (gsctp_socket_shutdown (client, 0, &error));
  g_assert_no_error (error);
  test_receive_end (connection);
}

static void
test_errors (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) unbound = NULL;
  g_autoptr(GSctpSocket) many = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint16 port, many_port;

  if (!(server = one_to_one_server (&port)) ||
      !(unbound = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)) ||
      !(many = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &many_port)))
    return;

  g_assert_null (gsctp_socket_accept (server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_accept (server, 100, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  g_assert_null (gsctp_socket_accept (server, -1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A listener has no messages of its own. */
  g_assert_null (gsctp_socket_receive (server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  g_assert_null (gsctp_socket_accept (unbound, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_accept (many, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Listening with a backlog of 0 stops it. */
  g_assert_true (gsctp_socket_listen (server, 0, &error));
  g_assert_no_error (error);
  g_assert_null (gsctp_socket_accept (server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  gsctp_socket_set_active (server, GSCTP_ACTIVE_MODE_ACTIVE);
  g_assert_true (gsctp_socket_listen (server, 4, &error));
  g_assert_null (gsctp_socket_accept (server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (gsctp_socket_close (server, NULL));
  g_assert_null (gsctp_socket_accept (server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

/* The listener's options and subscriptions, and gsctp's own settings, go
 * with what it accepts. */
static void
test_keeps_options (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpSocket) connection = NULL;
  g_autoptr(GError) error = NULL;
  gboolean nodelay = TRUE;
  guint high = 0, low = 0;
  guint16 port;

  if (!(server = one_to_one_server (&port)))
    return;
  g_object_set (server, "nodelay", FALSE, "high-watermark", 123456, "low-watermark", 1234, NULL);
  g_assert_true (gsctp_socket_subscribe (server, GSCTP_EVENT_TYPE_SENDER_DRY, 0, TRUE, &error));
  g_assert_no_error (error);
  if (!(client = one_to_one_client (port)))
    return;
  connection = accept_one (server);

  g_object_get (connection, "nodelay", &nodelay, "high-watermark", &high, "low-watermark", &low,
                NULL);
  g_assert_false (nodelay);
  g_assert_cmpuint (high, ==, 123456);
  g_assert_cmpuint (low, ==, 1234);
  g_assert_true (gsctp_socket_get_subscribed (connection, GSCTP_EVENT_TYPE_SENDER_DRY, 0, &error));
  g_assert_no_error (error);
}

typedef struct {
  GSctpSocket *server;
  GError *error;
} BlockedAccept;

static gpointer
blocked_accept_thread (gpointer data)
{
  BlockedAccept *blocked = data;

  g_assert_null (gsctp_socket_accept (blocked->server, 20000, NULL, &blocked->error));
  return NULL;
}

/* Close wakes an accept blocked in another thread. */
static void
test_close_wakes (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  BlockedAccept blocked = { NULL };
  GThread *thread;
  guint16 port;
  gint64 start;

  if (!(server = one_to_one_server (&port)))
    return;
  blocked.server = server;
  thread = g_thread_new ("accept", blocked_accept_thread, &blocked);
  g_usleep (200 * 1000);
  start = g_get_monotonic_time ();
  gsctp_socket_close (server, NULL);
  g_thread_join (thread);
  g_assert_error (blocked.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&blocked.error);
}

typedef struct {
  GSctpSocket *connection;
  GError *error;
  guint calls;
} AcceptResult;

static void
accepted_cb (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  AcceptResult *accepted = user_data;

  accepted->calls++;
  accepted->connection = gsctp_socket_accept_finish (GSCTP_SOCKET (source), result, &accepted->error);
  g_main_context_wakeup (NULL);
}

static void
iterate_until (guint *calls,
               guint wanted)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*calls < wanted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (*calls, ==, wanted);
}

/* Async accepts get associations in the order they were started; a
 * cancelled one and one pending at close each complete once. */
static void
test_async (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) a = NULL;
  g_autoptr(GSctpSocket) b = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSctpMessage) from_a = NULL;
  g_autoptr(GSctpMessage) from_b = NULL;
  AcceptResult first = { NULL }, second = { NULL }, cancelled = { NULL }, closed = { NULL };
  guint16 port;

  if (!(server = one_to_one_server (&port)))
    return;
  gsctp_socket_accept_async (server, NULL, accepted_cb, &first);
  gsctp_socket_accept_async (server, cancellable, accepted_cb, &cancelled);
  gsctp_socket_accept_async (server, NULL, accepted_cb, &second);
  g_cancellable_cancel (cancellable);
  iterate_until (&cancelled.calls, 1);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (first.calls, ==, 0);

  if (!(a = one_to_one_client (port)))
    return;
  iterate_until (&first.calls, 1);
  g_assert_no_error (first.error);
  if (!(b = one_to_one_client (port)))
    return;
  iterate_until (&second.calls, 1);
  g_assert_no_error (second.error);

  send_text (a, 0, 1, "from a");
  send_text (b, 0, 2, "from b");
  from_a = test_receive (first.connection);
  from_b = test_receive (second.connection);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (from_a), "from a"));
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (from_b), "from b"));

  gsctp_socket_accept_async (server, NULL, accepted_cb, &closed);
  gsctp_socket_close (server, NULL);
  iterate_until (&closed.calls, 1);
  g_assert_error (closed.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  /* Nothing completes twice. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (first.calls + second.calls + cancelled.calls + closed.calls, ==, 4);

  g_clear_object (&first.connection);
  g_clear_object (&second.connection);
  g_clear_error (&cancelled.error);
  g_clear_error (&closed.error);
}

typedef struct {
  GPtrArray *connections;
  GPtrArray *messages;
  guint incoming;
} Incoming;

static void
on_message (GSctpSocket *connection,
            GSctpMessage *message,
            gpointer user_data)
{
  Incoming *seen = user_data;

  if (!gsctp_message_is_event (message))
    g_ptr_array_add (seen->messages, gsctp_message_ref (message));
  g_main_context_wakeup (NULL);
}

static void
on_incoming (GSctpSocket *server,
             GSctpSocket *connection,
             gpointer user_data)
{
  Incoming *seen = user_data;

  seen->incoming++;
  g_assert_cmpint (gsctp_socket_get_active (connection), ==, GSCTP_ACTIVE_MODE_ACTIVE);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), seen);
  g_ptr_array_add (seen->connections, g_object_ref (connection));
  g_main_context_wakeup (NULL);
}

/* A listener in an active mode accepts on its own and hands each
 * association over as ::incoming; the new socket is active too. */
static void
test_incoming (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) a = NULL;
  g_autoptr(GSctpSocket) b = NULL;
  g_autoptr(GSctpSocket) late = NULL;
  Incoming seen = { g_ptr_array_new_with_free_func (g_object_unref),
                    g_ptr_array_new_with_free_func ((GDestroyNotify) gsctp_message_unref), 0 };
  guint16 port;

  if (!(server = one_to_one_server (&port)))
    return;
  g_signal_connect (server, "incoming", G_CALLBACK (on_incoming), &seen);
  gsctp_socket_set_active (server, GSCTP_ACTIVE_MODE_ACTIVE);
  if (!(a = one_to_one_client (port)) || !(b = one_to_one_client (port)))
    return;
  iterate_until (&seen.incoming, 2);

  send_text (a, 0, 0, "hello from a");
  send_text (b, 0, 0, "hello from b");
  iterate_until (&seen.messages->len, 2);

  /* After close no ::incoming; the association is refused. */
  gsctp_socket_close (server, NULL);
  late = test_socket_new (GSCTP_SOCKET_TYPE_STREAM);
  {
    g_autoptr(GSocketAddress) address = test_address ("127.0.0.1", port);
    g_autoptr(GError) error = NULL;
    g_autoptr(GSctpAssocChange) change =
      gsctp_socket_associate (late, &address, 1, NULL, 3000, NULL, &error);

    g_assert_null (change);
    g_assert_nonnull (error);
  }
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen.incoming, ==, 2);

  g_ptr_array_unref (seen.connections);
  g_ptr_array_unref (seen.messages);
}

/* A connection no ::incoming handler keeps is closed: its peer sees the
 * association end. */
static void
test_incoming_unkept (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint16 port;

  g_main_context_push_thread_default (context);
  if ((server = one_to_one_server (&port)) != NULL)
    {
      gsctp_socket_set_active (server, GSCTP_ACTIVE_MODE_ACTIVE);
      if ((client = one_to_one_client (port)) != NULL)
        {
          gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
          g_autoptr(GError) error = NULL;
          g_autoptr(GSctpMessage) message = NULL;

          /* The listener's context accepts while the client waits. */
          while (message == NULL && g_get_monotonic_time () < deadline)
            {
              g_main_context_iteration (context, FALSE);
              g_clear_error (&error);
              message = gsctp_socket_receive (client, 50, NULL, &error);
              if (message != NULL && gsctp_message_is_event (message) &&
                  gsctp_message_get_event_type (message) != GSCTP_EVENT_TYPE_SHUTDOWN &&
                  gsctp_message_get_event_type (message) != GSCTP_EVENT_TYPE_ASSOC_CHANGE)
                g_clear_pointer (&message, gsctp_message_unref);
              if (message == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
                break;
            }
          g_assert_true (message != NULL ||
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED));
        }
    }
  g_clear_object (&server);
  g_clear_object (&client);
  g_main_context_pop_thread_default (context);
}

/* Many clients, each answered on its own accepted socket. */
static void
test_many (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  guint16 port;

  if (!(server = one_to_one_server (&port)))
    return;
  g_assert_true (gsctp_socket_listen (server, 64, NULL));
  for (guint i = 0; i < 20; i++)
    {
      GSctpSocket *client = one_to_one_client (port);

      if (client == NULL)
        return;
      g_ptr_array_add (clients, client);
    }
  for (guint i = 0; i < clients->len; i++)
    g_ptr_array_add (connections, accept_one (server));
  for (guint i = 0; i < connections->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("to client %u", i);

      send_text (connections->pdata[i], 0, i, text);
    }
  /* Each client gets the one message of the connection it matches. */
  for (guint i = 0; i < clients->len; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (clients->pdata[i]);
      g_autofree char *text = g_strdup_printf ("to client %u", gsctp_message_get_ppid (message));

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (message), text));
    }
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);

  g_test_add_func ("/accept/blocking", test_blocking);
  g_test_add_func ("/accept/errors", test_errors);
  g_test_add_func ("/accept/keeps-options", test_keeps_options);
  g_test_add_func ("/accept/close-wakes", test_close_wakes);
  g_test_add_func ("/accept/async", test_async);
  g_test_add_func ("/accept/incoming", test_incoming);
  g_test_add_func ("/accept/incoming-unkept", test_incoming_unkept);
  g_test_add_func ("/accept/many", test_many);
  return g_test_run ();
}
