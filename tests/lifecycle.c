/* lifecycle.c: abort, shutdown, peeloff and close, against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

#define BLACKHOLE "192.0.2.99"

static void
test_abort (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpAssocChange) again = NULL;
  g_autoptr(GBytes) data = test_bytes ("after abort");
  g_autoptr(GError) error = NULL;
  TestChanges server_changes = { 0 };
  TestChanges client_changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&server_changes, server);
  test_changes_watch (&client_changes, client);
  change = test_connect (client, port, 5);

  g_assert_true (gsctp_socket_abort (client, change->assoc_id, &error));
  g_assert_no_error (error);
  test_wait_for_change (server, &server_changes, GSCTP_ASSOC_STATE_COMM_LOST, 5000);
  test_wait_for_change (client, &client_changes, GSCTP_ASSOC_STATE_COMM_LOST, 5000);
  g_assert_cmpuint (test_changes_find (&server_changes, GSCTP_ASSOC_STATE_COMM_LOST)->error, ==, 12);
  g_assert_cmpstr (gsctp_cause_string (12), ==, "User-Initiated Abort");

  /* The association is gone ... */
  g_assert_false (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION);
  g_clear_error (&error);
  /* ... the socket is not. */
  again = test_connect (client, port, 5);
  g_assert_cmpint (again->assoc_id, !=, change->assoc_id);
  g_assert_true (gsctp_socket_send_to_stream (client, again->assoc_id, 0, data, NULL, &error));
  g_assert_no_error (error);

  test_changes_clear (&server_changes);
  test_changes_clear (&client_changes);
}

static void
test_shutdown (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) data = test_bytes ("last words");
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges server_changes = { 0 };
  TestChanges client_changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&server_changes, server);
  test_changes_watch (&client_changes, client);
  change = test_connect (client, port, 1);

  /* Data queued before the shutdown is still delivered. */
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
  g_assert_true (gsctp_socket_shutdown (client, change->assoc_id, &error));
  g_assert_no_error (error);
  message = test_receive (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  test_wait_for_change (server, &server_changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP, 5000);
  test_wait_for_change (client, &client_changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP, 5000);
  g_assert_null (test_changes_find (&client_changes, GSCTP_ASSOC_STATE_COMM_LOST));

  test_changes_clear (&server_changes);
  test_changes_clear (&client_changes);
}

static void
test_peeloff (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) a = NULL;
  g_autoptr(GSctpSocket) b = NULL;
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GSctpAssocChange) change_a = NULL;
  g_autoptr(GSctpAssocChange) change_b = NULL;
  g_autoptr(GSctpMessage) first = NULL;
  g_autoptr(GBytes) hello = test_bytes ("hello");
  g_autoptr(GError) error = NULL;
  GSctpAssocId server_a;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(a = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) ||
      !(b = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  change_a = test_connect (a, port, 4);
  change_b = test_connect (b, port, 4);

  g_assert_true (gsctp_socket_send_to_stream (a, change_a->assoc_id, 0, hello, NULL, &error));
  g_assert_no_error (error);
  first = test_receive (server);
  server_a = gsctp_message_get_assoc_id (first);

  peeled = gsctp_socket_peeloff (server, server_a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peeled);
  g_assert_cmpint (gsctp_socket_get_socket_type (peeled), ==, GSCTP_SOCKET_TYPE_STREAM);
  g_assert_cmpint (gsctp_socket_get_family (peeled), ==, G_SOCKET_FAMILY_IPV4);

  /* Traffic of a goes to the peeled socket, with its receive info. */
  {
    g_autoptr(GBytes) data = test_bytes ("to the peeled socket");
    GSctpSndInfo info = { .assoc_id = change_a->assoc_id, .stream = 3, .ppid = 1234 };
    g_autoptr(GSctpMessage) message = NULL;

    g_assert_true (gsctp_socket_send (a, &info, NULL, data, NULL, &error));
    g_assert_no_error (error);
    message = test_receive (peeled);
    g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
    g_assert_cmpuint (gsctp_message_get_stream (message), ==, 3);
    g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 1234);
  }
  /* The peeled socket sends on the association, and knows its streams. */
  {
    g_autoptr(GBytes) data = test_bytes ("from the peeled socket");
    g_autoptr(GSctpMessage) message = NULL;

    g_assert_true (gsctp_socket_send_to_stream (peeled, 0, 1, data, NULL, &error));
    g_assert_no_error (error);
    message = test_receive (a);
    g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
    g_assert_false (gsctp_socket_send_to_stream (peeled, 0, 200, data, NULL, &error));
    g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM);
    g_clear_error (&error);
  }
  /* The parent still serves b, and no longer a. */
  {
    g_autoptr(GBytes) data = test_bytes ("still here");
    g_autoptr(GSctpMessage) message = NULL;

    g_assert_true (gsctp_socket_send_to_stream (b, change_b->assoc_id, 0, data, NULL, &error));
    g_assert_no_error (error);
    message = test_receive (server);
    g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
    g_assert_cmpint (gsctp_message_get_assoc_id (message), !=, server_a);
    g_assert_false (gsctp_socket_send_to_stream (server, server_a, 0, data, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* Nothing to peel off: a clear error. */
  g_assert_null (gsctp_socket_peeloff (server, 12345, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION);
}

typedef struct {
  GSctpSocket *socket;
  GError *error;
  GSctpMessage *message;
} Blocked;

static gpointer
blocked_receive (gpointer data)
{
  Blocked *blocked = data;

  blocked->message = gsctp_socket_receive (blocked->socket, -1, NULL, &blocked->error);
  return NULL;
}

static void
test_close_wakes_receive (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  Blocked blocked = { 0 };
  GThread *thread;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    return;
  blocked.socket = server;
  thread = g_thread_new ("receive", blocked_receive, &blocked);
  g_usleep (200 * 1000);
  g_assert_true (gsctp_socket_close (server, NULL));
  g_thread_join (thread);
  g_assert_null (blocked.message);
  g_assert_error (blocked.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&blocked.error);

  /* Everything after close fails the same way, and closing again is fine. */
  g_assert_true (gsctp_socket_close (server, NULL));
  g_assert_true (gsctp_socket_is_closed (server));
  g_assert_null (gsctp_socket_receive (server, 0, NULL, &blocked.error));
  g_assert_error (blocked.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&blocked.error);
}

typedef struct {
  GSctpSocket *socket;
  GError *error;
} BlockedConnect;

static gpointer
blocked_connect (gpointer data)
{
  BlockedConnect *blocked = data;
  g_autoptr(GSocketAddress) address = test_address (BLACKHOLE, 9);

  g_assert_null (gsctp_socket_associate (blocked->socket, &address, 1, NULL, -1, NULL,
                                       &blocked->error));
  return NULL;
}

static void
test_close_wakes_connect (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  BlockedConnect blocked = { 0 };
  GThread *thread;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  blocked.socket = client;
  thread = g_thread_new ("connect", blocked_connect, &blocked);
  g_usleep (200 * 1000);
  gsctp_socket_close (client, NULL);
  g_thread_join (thread);
  g_assert_error (blocked.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&blocked.error);
}

static void
closed_receive_cb (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  GError **error = user_data;

  g_assert_null (gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, error));
}

static void
test_close_wakes_async (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  GError *errors[3] = { NULL };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    gsctp_socket_receive_async (server, NULL, closed_receive_cb, &errors[i]);
  gsctp_socket_close (server, NULL);
  while (errors[G_N_ELEMENTS (errors) - 1] == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_assert_error (errors[i], G_IO_ERROR, G_IO_ERROR_CLOSED);
      g_clear_error (&errors[i]);
    }
}

/* linger {true, 0}: close aborts the associations. */
static void
test_close_linger_aborts (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges server_changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&server_changes, server);
  change = test_connect (client, port, 1);
  g_assert_true (gsctp_socket_set_linger (client, TRUE, 0, &error));
  g_assert_no_error (error);
  gsctp_socket_close (client, NULL);
  test_wait_for_change (server, &server_changes, GSCTP_ASSOC_STATE_COMM_LOST, 5000);
  g_assert_null (test_changes_find (&server_changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP));
  test_changes_clear (&server_changes);
}

/* Without linger, close shuts the associations down gracefully. */
static void
test_close_graceful (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  TestChanges server_changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&server_changes, server);
  change = test_connect (client, port, 1);
  g_clear_object (&client);   /* the last unref closes */
  test_wait_for_change (server, &server_changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP, 5000);
  g_assert_null (test_changes_find (&server_changes, GSCTP_ASSOC_STATE_COMM_LOST));
  test_changes_clear (&server_changes);
}

static void
test_stream_end (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) data = test_bytes ("bye");
  g_autoptr(GSctpMessage) first = NULL;
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    return;
  change = test_connect (client, port, 1);
  g_assert_true (gsctp_socket_send_to_stream (client, 0, 0, data, NULL, &error));
  first = test_receive (server);
  peeled = gsctp_socket_peeloff (server, gsctp_message_get_assoc_id (first), &error);
  g_assert_no_error (error);

  /* The one-to-one client ends its association: the peeled socket reads
   * the end of it. */
  g_assert_true (gsctp_socket_shutdown (client, 0, &error));
  g_assert_no_error (error);
  test_receive_end (peeled);
  test_receive_end (client);
}

/* A peeled-off socket ends its association with eof, and its one-to-one
 * peer reads the end. */
static void
test_peeled_shutdown (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) data = test_bytes ("hi");
  g_autoptr(GSctpMessage) first = NULL;
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges peeled_changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    return;
  change = test_connect (client, port, 1);
  g_assert_true (gsctp_socket_send_to_stream (client, 0, 0, data, NULL, &error));
  first = test_receive (server);
  peeled = gsctp_socket_peeloff (server, gsctp_message_get_assoc_id (first), &error);
  g_assert_no_error (error);
  test_changes_watch (&peeled_changes, peeled);

  g_assert_true (gsctp_socket_send_to_stream (peeled, 0, 0, data, NULL, &error));
  g_assert_true (gsctp_socket_shutdown (peeled, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&first, gsctp_message_unref);
  first = test_receive (client);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (first), data));
  test_receive_end (client);
  test_receive_end (peeled);
  g_assert_nonnull (test_changes_find (&peeled_changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP));
  test_changes_clear (&peeled_changes);
}

/* On a one-to-one socket, abort is a zero-linger close. */
static void
test_stream_abort (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) data = test_bytes ("x");
  g_autoptr(GError) error = NULL;
  TestChanges server_changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    return;
  test_changes_watch (&server_changes, server);
  change = test_connect (client, port, 1);
  g_assert_true (gsctp_socket_abort (client, 0, &error));
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_is_closed (client));
  test_wait_for_change (server, &server_changes, GSCTP_ASSOC_STATE_COMM_LOST, 5000);
  g_assert_false (gsctp_socket_send_to_stream (client, 0, 0, data, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  test_changes_clear (&server_changes);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/lifecycle/abort", test_abort);
  g_test_add_func ("/lifecycle/shutdown", test_shutdown);
  g_test_add_func ("/lifecycle/peeloff", test_peeloff);
  g_test_add_func ("/lifecycle/close-wakes-receive", test_close_wakes_receive);
  g_test_add_func ("/lifecycle/close-wakes-connect", test_close_wakes_connect);
  g_test_add_func ("/lifecycle/close-wakes-async", test_close_wakes_async);
  g_test_add_func ("/lifecycle/close-linger-aborts", test_close_linger_aborts);
  g_test_add_func ("/lifecycle/close-graceful", test_close_graceful);
  g_test_add_func ("/lifecycle/stream-end", test_stream_end);
  g_test_add_func ("/lifecycle/peeled-shutdown", test_peeled_shutdown);
  g_test_add_func ("/lifecycle/stream-abort", test_stream_abort);
  return g_test_run ();
}
