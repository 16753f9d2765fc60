/* test-util.c: shared helpers of the gsctp tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

#include <sys/socket.h>

/* Test programs run side by side, each with its servers: on the userland
 * backend, each program takes a UDP port of its own (a free one), for its
 * servers and as its clients' peers' port. */
static void
choose_udp_port (void)
{
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GInetAddress) any = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *port = NULL;

  if (g_strcmp0 (g_getenv ("GSCTP_BACKEND"), "userland") != 0 || g_getenv ("GSCTP_UDP_PORT") != NULL)
    return;
  probe = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  if (probe == NULL)
    probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_assert_nonnull (probe);
  any = g_inet_address_new_any (g_socket_get_family (probe));
  local = g_inet_socket_address_new (any, 0);
  g_assert_true (g_socket_bind (probe, local, FALSE, NULL));
  bound = g_socket_get_local_address (probe, NULL);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_setenv ("GSCTP_UDP_PORT", port, TRUE);
  g_setenv ("GSCTP_UDP_REMOTE_PORT", port, TRUE);
}

void
test_init (int *argc,
           char ***argv)
{
  g_test_init (argc, argv, NULL);
  choose_udp_port ();
}

gboolean
test_userland (void)
{
  return g_strcmp0 (g_getenv ("GSCTP_BACKEND"), "userland") == 0;
}

/* What only the kernel backend has (multi-homing, a file descriptor to
 * reach with system calls, a peer process's kernel that answers for it
 * after it died): not part of a userland run, whose backend says
 * GSCTP_ERROR_NOT_SUPPORTED to it (tests/userland.c checks that). */
void
test_add_kernel_only (const char *path,
                      GTestFunc func)
{
  if (!test_userland ())
    g_test_add_func (path, func);
}

/* Where the kernel has no SCTP, the test is skipped with the fix, except in
 * CI, where an SCTP test that cannot run is a failure. */
GSctpSocket *
test_socket_new (GSctpSocketType type)
{
  g_autoptr(GError) error = NULL;
  GSctpSocket *socket = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, type, &error);

  if (socket != NULL)
    return socket;
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No kernel SCTP in CI: %s", error->message);
  else
    g_test_skip_printf ("%s (or run the tests with tools/sctp-run)", error->message);
  return NULL;
}

GSocketAddress *
test_address (const char *ip,
              guint16 port)
{
  return g_inet_socket_address_new_from_string (ip, port);
}

GSctpSocket *
test_server_new (GSctpSocketType type,
                 guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = test_address ("127.0.0.1", 0);
  GSctpSocket *server = test_socket_new (type);

  if (server == NULL)
    return NULL;
  g_assert_true (gsctp_socket_bind (server, &address, 1, &error));
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_listen (server, 8, &error));
  g_assert_no_error (error);
  *port = gsctp_socket_get_local_port (server, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*port, >, 0);
  return server;
}

/* A listening one-to-many server bound to every address of @ips, on one
 * free port; NULL with @error when the host lacks an address. */
GSctpSocket *
test_multihomed_server_new (GSocketFamily family,
                            const char *const *ips,
                            guint n_ips,
                            guint16 *port,
                            GError **error)
{
  g_autoptr(GSctpSocket) server = gsctp_socket_new (family, GSCTP_SOCKET_TYPE_SEQPACKET, error);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);

  if (server == NULL)
    return NULL;
  for (guint i = 0; i < n_ips; i++)
    g_ptr_array_add (addresses, test_address (ips[i], 0));
  if (!gsctp_socket_bind (server, (GSocketAddress **) addresses->pdata, n_ips, error) ||
      !gsctp_socket_listen (server, 8, error))
    return NULL;
  *port = gsctp_socket_get_local_port (server, error);
  return *port ? g_steal_pointer (&server) : NULL;
}

GSctpAssocChange *
test_connect (GSctpSocket *client,
              guint16 port,
              guint16 ostreams)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = test_address ("127.0.0.1", port);
  g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (ostreams, 0);
  GSctpAssocChange *change;

  change = gsctp_socket_associate (client, &address, 1, init, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  return change;
}

GBytes *
test_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

gboolean
test_bytes_equal_string (GBytes *bytes,
                         const char *text)
{
  g_autoptr(GBytes) expected = test_bytes (text);

  return g_bytes_equal (bytes, expected);
}

/* Volume tests need buffers larger than the defaults: with them the
 * guest's single CPU stalls on retransmission timeouts. */
void
test_set_buffers (GSctpSocket *socket,
                  int bytes)
{
  int fd = gsctp_socket_get_fd (socket);
  int got;
  socklen_t len = sizeof got;

  if (fd < 0)
    {
      g_object_set (socket, "send-buffer-size", bytes, "receive-buffer-size", bytes, NULL);
      return;
    }
  /* Root (as in the guest) may pass net.core.wmem_max. */
  if (setsockopt (fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) < 0)
    g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes), ==, 0);
  if (setsockopt (fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) < 0)
    g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes), ==, 0);
  g_assert_cmpint (getsockopt (fd, SOL_SOCKET, SO_SNDBUF, &got, &len), ==, 0);
  if (got < bytes)
    g_test_message ("SO_SNDBUF is %d, not %d: run as root for large buffers", got, bytes);
}

/* The next data message; events on the way (a peer address confirmed,
 * an association up) are skipped. */
GSctpMessage *
test_receive (GSctpSocket *socket)
{
  return test_receive_within (socket, 10000);
}

/* The same, waiting up to @timeout_ms for each. */
GSctpMessage *
test_receive_within (GSctpSocket *socket,
                     int timeout_ms)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GSctpMessage *message = gsctp_socket_receive (socket, timeout_ms, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (message);
      if (!gsctp_message_is_event (message))
        return message;
      gsctp_message_unref (message);
    }
}

/* No data arrives for @timeout_ms; events may. */
void
test_no_data (GSctpSocket *socket,
              int timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = NULL;
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        return;
      /* At least 1 ms: 0 would mean "do not wait" (would-block). */
      message = gsctp_socket_receive (socket, (int) MAX (left / 1000, 1), NULL, &error);
      if (message == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
          return;
        }
      g_assert_true (gsctp_message_is_event (message));
    }
}

/* Receives (events only) until @changes has @state. */
void
test_wait_for_change (GSctpSocket *socket,
                      TestChanges *changes,
                      GSctpAssocState state,
                      int timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (test_changes_find (changes, state) == NULL && g_get_monotonic_time () < deadline)
    test_no_data (socket, 100);
  g_assert_nonnull (test_changes_find (changes, state));
}

static void
on_association_change (GSctpSocket *socket,
                       GSctpAssocChange *change,
                       gpointer user_data)
{
  TestChanges *changes = user_data;

  /* Signals run in the socket's context: here, the test's main thread. */
  g_assert_true (g_thread_self () == changes->thread);
  g_ptr_array_add (changes->changes, gsctp_assoc_change_copy (change));
}

void
test_changes_watch (TestChanges *changes,
                    GSctpSocket *socket)
{
  if (changes->changes == NULL)
    changes->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsctp_assoc_change_free);
  changes->thread = g_thread_self ();
  g_signal_connect (socket, "association-change", G_CALLBACK (on_association_change), changes);
}

void
test_changes_clear (TestChanges *changes)
{
  g_clear_pointer (&changes->changes, g_ptr_array_unref);
}

const GSctpAssocChange *
test_changes_find (TestChanges *changes,
                   GSctpAssocState state)
{
  for (guint i = 0; changes->changes != NULL && i < changes->changes->len; i++)
    {
      const GSctpAssocChange *change = g_ptr_array_index (changes->changes, i);

      if (change->state == state)
        return change;
    }
  return NULL;
}

/* Events until the one-to-one association ends. */
void
test_receive_end (GSctpSocket *socket)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (socket, 5000, NULL, &error);

      if (message == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
          return;
        }
      g_assert_true (gsctp_message_is_event (message));
    }
}

/* @buffers: socket buffer size for volume tests, set before the
 * association so that its receive window is large from the start; 0 keeps
 * the defaults. FALSE when the test is skipped. */
gboolean
test_pair_setup (TestPair *pair,
                 guint16 ostreams,
                 int buffers)
{
  memset (pair, 0, sizeof *pair);
  if (!(pair->server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &pair->port)) ||
      !(pair->client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return FALSE;
  if (buffers > 0)
    {
      test_set_buffers (pair->server, buffers);
      test_set_buffers (pair->client, buffers);
    }
  pair->change = test_connect (pair->client, pair->port, ostreams);
  return TRUE;
}

void
test_pair_clear (TestPair *pair)
{
  g_clear_object (&pair->client);
  g_clear_object (&pair->server);
  g_clear_pointer (&pair->change, gsctp_assoc_change_free);
}

/* @n messages "@prefix 0", "@prefix 1"… from the client on stream 0. */
void
test_pair_send (TestPair *pair,
                guint n,
                const char *prefix)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %u", prefix, i);
      g_autoptr(GBytes) data = test_bytes (text);
      g_autoptr(GError) error = NULL;

      g_assert_true (gsctp_socket_send_to_stream (pair->client, pair->change->assoc_id, 0, data,
                                                  NULL, &error));
      g_assert_no_error (error);
    }
}

/* The next event of @type; other events on the way are skipped, data is
 * a failure. */
GSctpMessage *
test_next_event (GSctpSocket *socket,
                 GSctpEventType type)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GSctpMessage *message = gsctp_socket_receive (socket, 10000, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (gsctp_message_is_event (message));
      if (gsctp_message_get_event_type (message) == type)
        return message;
      gsctp_message_unref (message);
    }
}

typedef struct {
  GCancellable *cancellable;
  guint ms;
} CancelLater;

static gpointer
cancel_later_thread (gpointer data)
{
  CancelLater *later = data;

  g_usleep ((gulong) later->ms * 1000);
  g_cancellable_cancel (later->cancellable);
  g_object_unref (later->cancellable);
  g_free (later);
  return NULL;
}

/* Cancels @cancellable from another thread after @ms, while this one is
 * blocked in a call; join the thread returned. */
GThread *
test_cancel_later (GCancellable *cancellable,
                   guint ms)
{
  CancelLater *later = g_new (CancelLater, 1);

  later->cancellable = g_object_ref (cancellable);
  later->ms = ms;
  return g_thread_new ("cancel", cancel_later_thread, later);
}
