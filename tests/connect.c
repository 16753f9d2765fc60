/* connect.c: setting up associations, against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "test-util.h"

/* An address on the guest's dummy0 network that nobody answers: INIT
 * chunks sent there vanish, so a connect to it can only time out. */
#define BLACKHOLE "192.0.2.99"

static void
test_connect_sync (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autolist(GSocketAddress) peers = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&changes, client);

  change = test_connect (client, port, 5);
  g_assert_cmpuint (change->outbound_streams, ==, 5);
  g_assert_cmpuint (change->inbound_streams, >, 0);
  g_assert_cmpint (change->assoc_id, >, 0);
  g_assert_cmpuint (change->error, ==, 0);

  /* The association change is emitted as well as returned. */
  g_assert_cmpuint (changes.changes->len, ==, 1);
  g_assert_cmpint (test_changes_find (&changes, GSCTP_ASSOC_STATE_COMM_UP)->assoc_id, ==,
                   change->assoc_id);

  peers = gsctp_socket_get_peer_addresses (client, change->assoc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (peers), ==, 1);
  g_assert_cmpuint (g_inet_socket_address_get_port (peers->data), ==, port);
  test_changes_clear (&changes);
}

static void
test_connect_refused (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  guint16 port;

  /* A port that was just free: bound, read back, closed. */
  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  gsctp_socket_close (server, NULL);
  test_changes_watch (&changes, client);

  address = test_address ("127.0.0.1", port);
  change = gsctp_socket_associate (client, &address, 1, NULL, 10000, NULL, &error);
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE);
  /* Says what happened, not "error cause 0: No error". */
  g_assert_nonnull (strstr (error->message, "refused it or did not answer"));
  g_assert_null (change);
  g_assert_nonnull (test_changes_find (&changes, GSCTP_ASSOC_STATE_CANT_ASSOC));
  test_changes_clear (&changes);
}

static void
test_connect_refused_stream (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    return;
  gsctp_socket_close (server, NULL);

  address = test_address ("127.0.0.1", port);
  change = gsctp_socket_associate (client, &address, 1, NULL, 10000, NULL, &error);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
                 g_error_matches (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE));
  g_assert_null (change);
}

static void
test_connect_stream (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GBytes) data = test_bytes ("one-to-one");
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    return;
  change = test_connect (client, port, 3);
  g_assert_cmpuint (change->outbound_streams, ==, 3);

  g_assert_true (gsctp_socket_send_to_stream (client, 0, 2, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  g_assert_cmpuint (gsctp_message_get_stream (message), ==, 2);
}

static void
test_connect_cancelled (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSocketAddress) address = test_address (BLACKHOLE, 9);
  g_autoptr(GError) error = NULL;
  GSctpAssocChange *change;
  GThread *thread;
  gint64 start;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  start = g_get_monotonic_time ();
  thread = test_cancel_later (cancellable, 200);
  change = gsctp_socket_associate (client, &address, 1, NULL, -1, cancellable, &error);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (change);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_connect_timeout (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = test_address (BLACKHOLE, 9);
  g_autoptr(GError) error = NULL;
  GSctpAssocChange *change;
  gint64 start, elapsed;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  start = g_get_monotonic_time ();
  change = gsctp_socket_associate (client, &address, 1, NULL, 300, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (change);
  g_assert_cmpint (elapsed, >=, 290 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
}

typedef struct {
  GMainLoop *loop;
  GSctpAssocChange *change;
  GError *error;
} AsyncResult;

static void
connected_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  AsyncResult *r = user_data;

  r->change = gsctp_socket_associate_finish (GSCTP_SOCKET (source), result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
host_connected_cb (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  AsyncResult *r = user_data;

  r->change = gsctp_socket_associate_to_host_finish (GSCTP_SOCKET (source), result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_connect_async (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (7, 0);
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  address = test_address ("127.0.0.1", port);
  gsctp_socket_associate_async (client, &address, 1, init, NULL, connected_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_cmpuint (r.change->outbound_streams, ==, 7);
  gsctp_assoc_change_free (r.change);
  g_main_loop_unref (r.loop);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_connect_async_cancelled (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = test_address (BLACKHOLE, 9);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  gsctp_socket_associate_async (client, &address, 1, NULL, cancellable, connected_cb, &r);
  g_timeout_add (200, cancel_cb, cancellable);
  g_main_loop_run (r.loop);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.change);
  g_clear_error (&r.error);
  g_main_loop_unref (r.loop);
}

static void
test_connect_async_closed (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = test_address (BLACKHOLE, 9);
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  gsctp_socket_associate_async (client, &address, 1, NULL, NULL, connected_cb, &r);
  gsctp_socket_close (client, NULL);
  g_main_loop_run (r.loop);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&r.error);
  g_main_loop_unref (r.loop);
}

static void
on_change_quit (GSctpSocket *socket,
                GSctpAssocChange *change,
                gpointer loop)
{
  g_main_loop_quit (loop);
}

static void
test_connect_init (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (5, 0);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  const GSctpAssocChange *up;
  GSctpAssocId assoc_id = 0;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&changes, client);
  g_signal_connect (client, "association-change", G_CALLBACK (on_change_quit), loop);

  address = test_address ("127.0.0.1", port);
  assoc_id = gsctp_socket_associate_init (client, &address, 1, init, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assoc_id, >, 0);
  /* Nothing is read before the main loop runs. */
  g_assert_cmpuint (changes.changes->len, ==, 0);

  g_main_loop_run (loop);
  up = test_changes_find (&changes, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_nonnull (up);
  g_assert_cmpint (up->assoc_id, ==, assoc_id);
  g_assert_cmpuint (up->outbound_streams, ==, 5);
  test_changes_clear (&changes);
}

static void
test_connect_multihomed (void)
{
  const char *const ips[] = { "127.0.0.1", "127.0.0.2" };
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autolist(GSocketAddress) locals = NULL;
  g_autolist(GSocketAddress) peers = NULL;
  g_autoptr(GError) error = NULL;
  GSocketAddress *addresses[2];
  guint16 port;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  /* Port 0 on the first address picks the port for both. */
  server = test_multihomed_server_new (G_SOCKET_FAMILY_IPV4, ips, 2, &port, &error);
  g_assert_no_error (error);

  locals = gsctp_socket_get_local_addresses (server, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (locals), ==, 2);
  for (GList *l = locals; l != NULL; l = l->next)
    g_assert_cmpuint (g_inet_socket_address_get_port (l->data), ==, port);

  /* sctp_connectx() with both of the server's addresses. */
  addresses[0] = test_address ("127.0.0.2", port);
  addresses[1] = test_address ("127.0.0.1", port);
  change = gsctp_socket_associate (client, addresses, 2, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (addresses[0]);
  g_object_unref (addresses[1]);

  peers = gsctp_socket_get_peer_addresses (client, change->assoc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (peers), ==, 2);
}

static void
test_connect_to_host (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpSocket) second = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;

  change = gsctp_socket_associate_to_host (client, "localhost", port, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);

  /* A second association from the same socket, to a second server. */
  second = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port);
  gsctp_socket_associate_to_host_async (client, "127.0.0.1", port, NULL, NULL, host_connected_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.change->assoc_id, !=, change->assoc_id);
  gsctp_assoc_change_free (r.change);
  g_main_loop_unref (r.loop);

  g_assert_null (gsctp_socket_associate_to_host (client, "no-such-host.invalid", port, NULL,
                                               1000, NULL, &error));
  /* Not found, or no name service at all (as in the test guest). */
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_RESOLVER_ERROR);
}

static void
connectable_connected_cb (GObject *source,
                          GAsyncResult *result,
                          gpointer user_data)
{
  AsyncResult *r = user_data;

  r->change = gsctp_socket_associate_to_connectable_finish (GSCTP_SOCKET (source), result, &r->error);
  g_main_loop_quit (r->loop);
}

/* What a GSocketConnectable names: "host:port" parsed by
 * GNetworkAddress, whose addresses are tried in turn; one that refuses is
 * the error. */
static void
test_connect_to_connectable (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpSocket) closed = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketConnectable) by_name = NULL;
  g_autoptr(GSocketConnectable) parsed = NULL;
  g_autoptr(GSocketConnectable) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  guint16 port, closed_port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) ||
      !(closed = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &closed_port)))
    return;
  gsctp_socket_close (closed, NULL);

  /* localhost names ::1 too, which an IPv4 socket skips. */
  by_name = g_network_address_new ("localhost", port);
  change = gsctp_socket_associate_to_connectable (client, by_name, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);

  text = g_strdup_printf ("127.0.0.1:%u", port);
  parsed = g_network_address_parse (text, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GSctpSocket) other = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);

    gsctp_socket_associate_to_connectable_async (other, parsed, NULL, NULL, connectable_connected_cb, &r);
    g_main_loop_run (r.loop);
    g_assert_no_error (r.error);
    g_assert_cmpint (r.change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
    gsctp_assoc_change_free (r.change);
  }

  refused = g_network_address_new ("127.0.0.1", closed_port);
  g_assert_null (gsctp_socket_associate_to_connectable (client, refused, NULL, 10000, NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE);
  g_clear_error (&error);

  /* An IPv4 socket and only IPv6 addresses: said so. */
  {
    g_autoptr(GSocketConnectable) v6 = g_network_address_new ("::1", port);

    g_assert_null (gsctp_socket_associate_to_connectable (client, v6, NULL, 1000, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE);
  }
  g_main_loop_unref (r.loop);
}

static void
test_connect_bad_input (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) unix_address = NULL;
  g_autoptr(GError) error = NULL;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  unix_address = g_unix_socket_address_new ("/nonexistent");
  g_assert_null (gsctp_socket_associate (client, &unix_address, 1, NULL, 1000, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_associate (client, &unix_address, 0, NULL, 1000, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    g_autoptr(GSocketAddress) v6 = test_address ("::1", 9);

    /* An IPv6 peer for an IPv4 socket: said plainly, not EINVAL. */
    g_assert_null (gsctp_socket_associate (client, &v6, 1, NULL, 1000, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "IPv6"));
    g_clear_error (&error);
    g_assert_false (gsctp_socket_bind (client, &v6, 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

/* gen_sctp api_listen: a bound socket that does not listen, or no longer
 * does, refuses associations. */
static void
test_connect_not_listening (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) any = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_assert_true (gsctp_socket_bind (server, &any, 1, &error));
  port = gsctp_socket_get_local_port (server, &error);
  g_assert_no_error (error);
  address = test_address ("127.0.0.1", port);

  g_assert_null (gsctp_socket_associate (client, &address, 1, NULL, 10000, NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE);
  g_clear_error (&error);

  g_assert_true (gsctp_socket_listen (server, 1, &error));
  change = gsctp_socket_associate (client, &address, 1, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_clear_pointer (&change, gsctp_assoc_change_free);

  /* listen(S, false) */
  g_assert_true (gsctp_socket_listen (server, 0, &error));
  g_clear_object (&client);
  client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);
  g_assert_null (gsctp_socket_associate (client, &address, 1, NULL, 10000, NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE);
}

/* gen_sctp implicit_inet6: IPv6 sockets on ::1 and by name. */
static void
test_connect_ipv6 (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) loopback6 = test_address ("::1", 0);
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GBytes) data = test_bytes ("over IPv6");
  g_autoptr(GError) error = NULL;
  GInetAddress *from;
  guint16 port;

  if (!(server = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_clear_object (&server);
  server = gsctp_socket_new (G_SOCKET_FAMILY_IPV6, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_assert_no_error (error);
  client = gsctp_socket_new (G_SOCKET_FAMILY_IPV6, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gsctp_socket_get_family (client), ==, G_SOCKET_FAMILY_IPV6);
  g_assert_true (gsctp_socket_bind (server, &loopback6, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 1, &error));
  port = gsctp_socket_get_local_port (server, &error);
  g_assert_no_error (error);

  change = gsctp_socket_associate_to_host (client, "::1", port, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  from = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (gsctp_message_get_address (message)));
  g_assert_cmpint (g_inet_address_get_family (from), ==, G_SOCKET_FAMILY_IPV6);
  g_assert_true (g_inet_address_get_is_loopback (from));
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/connect/sync", test_connect_sync);
  g_test_add_func ("/connect/stream", test_connect_stream);
  g_test_add_func ("/connect/refused", test_connect_refused);
  g_test_add_func ("/connect/refused-stream", test_connect_refused_stream);
  g_test_add_func ("/connect/cancelled", test_connect_cancelled);
  g_test_add_func ("/connect/timeout", test_connect_timeout);
  g_test_add_func ("/connect/async", test_connect_async);
  g_test_add_func ("/connect/async-cancelled", test_connect_async_cancelled);
  g_test_add_func ("/connect/async-closed", test_connect_async_closed);
  g_test_add_func ("/connect/init", test_connect_init);
  test_add_kernel_only ("/connect/multihomed", test_connect_multihomed);
  g_test_add_func ("/connect/to-host", test_connect_to_host);
  g_test_add_func ("/connect/to-connectable", test_connect_to_connectable);
  g_test_add_func ("/connect/bad-input", test_connect_bad_input);
  g_test_add_func ("/connect/not-listening", test_connect_not_listening);
  g_test_add_func ("/connect/ipv6", test_connect_ipv6);
  return g_test_run ();
}
