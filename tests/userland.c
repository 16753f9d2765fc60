/* userland.c: what is the userland backend's own
 *
 * The choice of backend (property, environment), its UDP ports, SCTP
 * really carried in UDP datagrams (RFC 6951: read off a plain UDP socket
 * here), what it refuses with GSCTP_ERROR_NOT_SUPPORTED, and sockets in
 * several threads sharing the one stack. The rest of the suite runs on
 * this backend as the *-userland tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

static GSctpSocket *
userland_socket (GSctpSocketType type,
                 guint udp_port,
                 guint udp_remote_port)
{
  g_autoptr(GError) error = NULL;
  GSctpSocket *socket = g_initable_new (GSCTP_TYPE_SOCKET, NULL, &error,
                                        "family", G_SOCKET_FAMILY_IPV4,
                                        "socket-type", type,
                                        "backend", GSCTP_BACKEND_TYPE_USERLAND,
                                        "udp-port", udp_port,
                                        "udp-remote-port", udp_remote_port,
                                        NULL);

  g_assert_no_error (error);
  return socket;
}

/* A UDP port nobody uses, for a test's own. */
static guint16
free_udp_port (void)
{
  g_autoptr(GSocket) probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                           G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (probe, local, FALSE, NULL));
  bound = g_socket_get_local_address (probe, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_choice (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("GSCTP_BACKEND"));
  GSctpBackendType backend = GSCTP_BACKEND_TYPE_DEFAULT;

  socket = gsctp_socket_new_with_backend (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET,
                                          GSCTP_BACKEND_TYPE_USERLAND, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gsctp_socket_get_backend (socket), ==, GSCTP_BACKEND_TYPE_USERLAND);
  g_object_get (socket, "backend", &backend, NULL);
  g_assert_cmpint (backend, ==, GSCTP_BACKEND_TYPE_USERLAND);
  /* No file descriptor: the stack is in the process. */
  g_assert_cmpint (gsctp_socket_get_fd (socket), ==, -1);
  g_clear_object (&socket);

  /* The environment makes the default, resolved when a socket is made. */
  g_setenv ("GSCTP_BACKEND", "userland", TRUE);
  socket = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_STREAM, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gsctp_socket_get_backend (socket), ==, GSCTP_BACKEND_TYPE_USERLAND);
  g_clear_object (&socket);

  g_setenv ("GSCTP_BACKEND", "kernel", TRUE);
  socket = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  if (socket != NULL)
    g_assert_cmpint (gsctp_socket_get_backend (socket), ==, GSCTP_BACKEND_TYPE_KERNEL);
  else
    {
      /* A host without kernel SCTP: the error says what to do. */
      g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, "modprobe sctp"));
      g_assert_nonnull (strstr (error->message, "GSCTP_BACKEND=userland"));
      g_clear_error (&error);
    }
  g_clear_object (&socket);

  g_setenv ("GSCTP_BACKEND", "quantum", TRUE);
  g_assert_null (gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "GSCTP_BACKEND=quantum"));
  g_clear_error (&error);

  g_setenv ("GSCTP_BACKEND", "userland", TRUE);
  {
    g_autofree char *saved_port = g_strdup (g_getenv ("GSCTP_UDP_PORT"));

    g_setenv ("GSCTP_UDP_PORT", "70000", TRUE);
    g_assert_null (gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "GSCTP_UDP_PORT=70000"));
    g_clear_error (&error);
    if (saved_port != NULL)
      g_setenv ("GSCTP_UDP_PORT", saved_port, TRUE);
    else
      g_unsetenv ("GSCTP_UDP_PORT");
  }
  if (saved != NULL)
    g_setenv ("GSCTP_BACKEND", saved, TRUE);
  else
    g_unsetenv ("GSCTP_BACKEND");
}

/* Two sockets that find each other by the ports they are given alone. */
static void
test_udp_ports (void)
{
  guint16 udp_port = free_udp_port ();
  g_autoptr(GSctpSocket) server = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, udp_port, 0);
  g_autoptr(GSctpSocket) client = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, 0, udp_port);
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GBytes) data = test_bytes ("over UDP");
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { .stream = 1, .ppid = 46, .flags = GSCTP_SEND_FLAGS_UNORDERED };
  guint port_read = 0;

  g_object_get (server, "udp-port", &port_read, NULL);
  g_assert_cmpuint (port_read, ==, udp_port);
  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 4, &error));
  g_assert_no_error (error);
  to = test_address ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  change = gsctp_socket_associate (client, &to, 1, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  info.assoc_id = change->assoc_id;
  g_assert_true (gsctp_socket_send (client, &info, NULL, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
  g_assert_cmpuint (gsctp_message_get_info (message)->stream, ==, 1);
  g_assert_cmpuint (gsctp_message_get_info (message)->ppid, ==, 46);
  g_assert_cmpint (gsctp_message_get_info (message)->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, !=, 0);
  /* The peer is named by its IP address, as on the kernel backend. */
  {
    g_autofree char *peer = g_inet_address_to_string (g_inet_socket_address_get_address (
                              G_INET_SOCKET_ADDRESS (gsctp_message_get_address (message))));

    g_assert_cmpstr (peer, ==, "127.0.0.1");
  }
}

static guint32
crc32c (const guint8 *data,
        gsize size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0x82f63b78 & -(crc & 1));
    }
  return ~crc;
}

/* What leaves is an SCTP packet in a UDP datagram, to the remote UDP
 * port: read here off a plain UDP socket standing in for the peer. */
static void
test_wire (void)
{
  g_autoptr(GSocket) peer = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                          G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GSocketAddress) peer_local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) peer_bound = NULL;
  g_autoptr(GSocketAddress) from = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) to = test_address ("127.0.0.1", 4321);
  g_autoptr(GError) error = NULL;
  guint8 packet[2048];
  guint32 crc;
  gssize got;

  g_assert_true (g_socket_bind (peer, peer_local, FALSE, NULL));
  peer_bound = g_socket_get_local_address (peer, NULL);
  client = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, 0,
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (peer_bound)));
  gsctp_socket_associate_init (client, &to, 1, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (peer, 5);
  got = g_socket_receive_from (peer, &from, (char *) packet, sizeof packet, NULL, &error);
  g_assert_no_error (error);
  /* Common header (12 bytes), then the INIT chunk. */
  g_assert_cmpint (got, >=, 12 + 20);
  g_assert_cmpuint ((packet[2] << 8) | packet[3], ==, 4321);
  g_assert_cmpuint (packet[12], ==, 1);           /* INIT */
  memcpy (&crc, packet + 8, 4);
  memset (packet + 8, 0, 4);
  g_assert_cmpuint (GUINT32_FROM_LE (crc), ==, crc32c (packet, got));
}

/* What the stack cannot do over UDP is refused, naming the backend. */
static void
test_not_supported (void)
{
  g_autoptr(GSctpSocket) socket = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, 0, 0);
  GSocketAddress *two[] = { test_address ("127.0.0.1", 0), test_address ("127.0.0.2", 0) };
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_false (gsctp_socket_bind (socket, two, 2, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "userland"));
  g_assert_nonnull (strstr (error->message, "multi-homing"));
  g_clear_error (&error);

  g_assert_false (gsctp_socket_unbind (socket, two, 1, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "userland"));
  g_clear_error (&error);

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 0x10);
  g_assert_false (gsctp_socket_set_option (socket, "tos", 0, &value, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* An address that is not this host's, as the kernel refuses it. */
  {
    g_autoptr(GSocketAddress) elsewhere = test_address ("192.0.2.1", 0);

    g_assert_false (gsctp_socket_bind (socket, &elsewhere, 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "Could not bind"));
    g_clear_error (&error);
  }
  g_object_unref (two[0]);
  g_object_unref (two[1]);
}

typedef struct {
  guint16 udp_port;
  guint index;
  gboolean ok;
} ThreadJob;

/* Each thread with its own context, sockets and messages; one stack. */
static gpointer
thread_run (gpointer user_data)
{
  ThreadJob *job = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  server = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, job->udp_port, 0);
  client = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, 0, job->udp_port);
  if (gsctp_socket_bind (server, &local, 1, &error) && gsctp_socket_listen (server, 4, &error))
    {
      to = test_address ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
      change = gsctp_socket_associate (client, &to, 1, NULL, 10000, NULL, &error);
    }
  job->ok = change != NULL;
  for (guint i = 0; job->ok && i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("thread %u message %u", job->index, i);
      g_autoptr(GBytes) data = test_bytes (text);
      g_autoptr(GSctpMessage) message = NULL;

      job->ok = gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error);
      while (job->ok && (message == NULL || gsctp_message_is_event (message)))
        {
          g_clear_pointer (&message, gsctp_message_unref);
          message = gsctp_socket_receive (server, 10000, NULL, &error);
          job->ok = message != NULL;
        }
      job->ok = job->ok && g_bytes_equal (gsctp_message_get_data (message), data);
    }
  if (error != NULL)
    g_printerr ("thread %u: %s\n", job->index, error->message);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_threads (void)
{
  guint16 udp_port = free_udp_port ();
  ThreadJob jobs[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      jobs[i] = (ThreadJob) { .udp_port = udp_port, .index = i };
      threads[i] = g_thread_new ("userland", thread_run, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (jobs[i].ok);
    }
}

/* Blocking calls in one thread, the socket's context never iterated:
 * the stack still runs (its timers retransmit, its packets get in). */
static void
test_without_main_loop (void)
{
  guint16 udp_port = free_udp_port ();
  g_autoptr(GSctpSocket) server = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, udp_port, 0);
  g_autoptr(GSctpSocket) client = userland_socket (GSCTP_SOCKET_TYPE_STREAM, 0, udp_port);
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GBytes) data = test_bytes ("no loop");
  g_autoptr(GError) error = NULL;

  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 1, &error));
  to = test_address ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  change = gsctp_socket_associate (client, &to, 1, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_send_to_stream (client, 0, 0, data, NULL, &error));
  g_assert_no_error (error);
  message = test_receive (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
}

/* Two sockets whose packets the test carries in memory, as an application
 * carries them over DTLS. */
typedef struct {
  GSctpSocket *peer;
  guint packets;
  gboolean lose;
} Carrier;

static void
carry (GSctpSocket *socket,
       GBytes *packet,
       Carrier *carrier)
{
  g_autoptr(GError) error = NULL;

  carrier->packets++;
  if (carrier->lose)
    return;
  g_assert_true (gsctp_socket_input_packet (carrier->peer, packet, &error));
  g_assert_no_error (error);
}

static void
associated_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  GSctpAssocChange **change = user_data;
  g_autoptr(GError) error = NULL;

  *change = gsctp_socket_associate_finish (GSCTP_SOCKET (source), result, &error);
  g_assert_no_error (error);
}

static void
received_cb (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  GSctpMessage **message = user_data;
  g_autoptr(GError) error = NULL;

  *message = gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, &error);
  g_assert_no_error (error);
}

static GSctpMessage *
receive_data_async (GSctpSocket *socket)
{
  for (;;)
    {
      GSctpMessage *message = NULL;
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      gsctp_socket_receive_async (socket, NULL, received_cb, &message);
      while (message == NULL && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (message);
      if (!gsctp_message_is_event (message))
        return message;
      gsctp_message_unref (message);
    }
}

static void
test_lower_transport (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) local = test_address ("0.0.0.0", 5000);
  g_autoptr(GSocketAddress) to = test_address ("0.0.0.0", 5000);
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) got = NULL;
  g_autoptr(GSctpMessage) back = NULL;
  g_autoptr(GBytes) hello = test_bytes ("over the application's transport");
  g_autoptr(GError) error = NULL;
  Carrier to_client = { 0 }, to_server = { 0 };
  gboolean lower = FALSE;
  GSctpSndInfo info = { .stream = 3, .ppid = 51 };
  gint64 deadline;

  server = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_assert_no_error (error);
  client = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_assert_no_error (error);
  g_object_get (client, "lower-transport", &lower, NULL);
  g_assert_true (lower);
  g_assert_cmpint (gsctp_socket_get_backend (client), ==, GSCTP_BACKEND_TYPE_USERLAND);
  to_client.peer = client;
  to_server.peer = server;
  g_signal_connect (server, "packet-out", G_CALLBACK (carry), &to_client);
  g_signal_connect (client, "packet-out", G_CALLBACK (carry), &to_server);
  /* WebRTC uses port 5000 on both sides; in one process (one stack) the
   * ports differ. */
  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 1, &error));
  {
    g_autoptr(GSocketAddress) client_local = test_address ("0.0.0.0", 5001);

    g_assert_true (gsctp_socket_bind (client, &client_local, 1, &error));
  }
  g_assert_no_error (error);

  gsctp_socket_associate_async (client, &to, 1, NULL, NULL, associated_cb, &change);
  for (deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       change == NULL && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (change);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  /* INIT, COOKIE-ECHO one way; INIT-ACK, COOKIE-ACK the other. */
  g_assert_cmpuint (to_server.packets, >=, 2);
  g_assert_cmpuint (to_client.packets, >=, 2);

  info.assoc_id = change->assoc_id;
  g_assert_true (gsctp_socket_send (client, &info, NULL, hello, NULL, &error));
  g_assert_no_error (error);
  got = receive_data_async (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (got), hello));
  g_assert_cmpuint (gsctp_message_get_stream (got), ==, 3);
  g_assert_cmpuint (gsctp_message_get_ppid (got), ==, 51);
  /* The peer is the transport's other end: no address. */
  g_assert_null (gsctp_message_get_address (got));
  info.assoc_id = gsctp_message_get_assoc_id (got);
  g_assert_true (gsctp_socket_send (server, &info, NULL, hello, NULL, &error));
  g_assert_no_error (error);
  back = receive_data_async (client);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (back), hello));
}

/* A lossy transport: the stack retransmits what the application lost. */
static void
test_lower_transport_loss (void)
{
  g_autoptr(GSctpSocket) server = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, NULL);
  g_autoptr(GSctpSocket) client = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, NULL);
  g_autoptr(GSocketAddress) local = test_address ("0.0.0.0", 5002);
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) got = NULL;
  g_autoptr(GBytes) data = test_bytes ("lost once");
  g_autoptr(GError) error = NULL;
  Carrier to_client = { .peer = client }, to_server = { .peer = server };
  guint before;
  gint64 deadline;

  g_signal_connect (server, "packet-out", G_CALLBACK (carry), &to_client);
  g_signal_connect (client, "packet-out", G_CALLBACK (carry), &to_server);
  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 1, &error));
  g_assert_no_error (error);
  gsctp_socket_associate_async (client, &local, 1, NULL, NULL, associated_cb, &change);
  for (deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       change == NULL && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (change);

  /* The first transmission of the data is lost. */
  to_server.lose = TRUE;
  before = to_server.packets;
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
  g_assert_no_error (error);
  for (deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       to_server.packets == before && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (to_server.packets, >, before);
  to_server.lose = FALSE;
  got = receive_data_async (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (got), data));
}

/* Bytes that are not SCTP, and sockets that take no packets. */
static void
test_input_refusals (void)
{
  g_autoptr(GSctpSocket) lower = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, NULL);
  g_autoptr(GSctpSocket) udp = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, 0, 0);
  g_autoptr(GBytes) short_packet = g_bytes_new ("SCTP", 4);
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(GError) error = NULL;
  guint8 noise[200];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) (i * 37 + 11);
  garbage = g_bytes_new (noise, sizeof noise);

  g_assert_false (gsctp_socket_input_packet (lower, short_packet, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (70000), 70000);

    g_assert_false (gsctp_socket_input_packet (lower, huge, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }
  /* Not SCTP a stack would take (a bad checksum): dropped, quietly. */
  g_assert_true (gsctp_socket_input_packet (lower, garbage, &error));
  g_assert_no_error (error);
  g_assert_false (gsctp_socket_input_packet (udp, garbage, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  gsctp_socket_close (lower, NULL);
  g_assert_false (gsctp_socket_input_packet (lower, garbage, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  /* The kernel's packets are its own. */
  g_assert_null (g_initable_new (GSCTP_TYPE_SOCKET, NULL, &error, "backend", GSCTP_BACKEND_TYPE_KERNEL,
                                 "lower-transport", TRUE, NULL));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Many sockets in one process: each waits on its own eventfd beside the
 * stack's descriptor (a set per socket nesting the stack's stopped at
 * 500). */
static void
test_many_sockets (void)
{
  guint16 udp_port = free_udp_port ();
  g_autoptr(GSctpSocket) server = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, udp_port, 0);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GError) error = NULL;
  guint up = 0;

  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 128, &error));
  to = test_address ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  for (guint i = 0; i < 600; i++)
    {
      GSctpSocket *client = g_initable_new (GSCTP_TYPE_SOCKET, NULL, &error,
                                            "backend", GSCTP_BACKEND_TYPE_USERLAND,
                                            "udp-remote-port", (guint) udp_port, NULL);

      g_assert_no_error (error);
      g_ptr_array_add (clients, client);
      gsctp_socket_associate_init (client, &to, 1, NULL, &error);
      g_assert_no_error (error);
    }
  /* The server hears from every one of them. */
  while (up < 600)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 20000, NULL, &error);
      const GSctpAssocChange *change;

      g_assert_no_error (error);
      change = gsctp_message_get_assoc_change (message);
      if (change != NULL && change->state == GSCTP_ASSOC_STATE_COMM_UP)
        up++;
    }
}

#define CLOSE_MESSAGES 300

/* The child of test_send_and_close: sends, closes its only socket at once,
 * and keeps its main context running, as an application does. */
static int
send_and_close (guint16 sctp_port,
                guint16 udp_port)
{
  g_autoptr(GSocketAddress) to = test_address ("127.0.0.1", sctp_port);
  g_autoptr(GSctpSocket) client = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, 0, udp_port);
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *payload = g_malloc0 (2000);
  g_autoptr(GBytes) data = g_bytes_new (payload, 2000);
  gint64 until;

  g_object_set (client, "send-buffer-size", 4 * 1024 * 1024, NULL);
  change = gsctp_socket_associate (client, &to, 1, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < CLOSE_MESSAGES; i++)
    g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
  g_assert_true (gsctp_socket_close (client, NULL));
  g_clear_object (&client);
  for (until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return 0;
}

/* What a process sent before it closed its last userland socket is
 * delivered, and the association shuts down gracefully: the stack runs on
 * after its sockets, as the kernel does. */
static void
test_send_and_close (void)
{
  guint16 udp_port = free_udp_port ();
  g_autoptr(GSctpSocket) server = userland_socket (GSCTP_SOCKET_TYPE_SEQPACKET, udp_port, 0);
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sctp_text = NULL;
  g_autofree char *udp_text = g_strdup_printf ("%u", udp_port);
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "userland", NULL);
  guint received = 0;
  gboolean done = FALSE;

  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 1, &error));
  sctp_text = g_strdup_printf ("%u", gsctp_socket_get_local_port (server, NULL));
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, "--send-and-close", sctp_text,
                            udp_text, NULL);
  g_assert_no_error (error);
  while (!done)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 20000, NULL, &error);
      const GSctpAssocChange *change;

      g_assert_no_error (error);
      change = gsctp_message_get_assoc_change (message);
      if (!gsctp_message_is_event (message))
        received++;
      else if (change != NULL && change->state != GSCTP_ASSOC_STATE_COMM_UP)
        {
          g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_SHUTDOWN_COMP);
          done = TRUE;
        }
    }
  g_assert_cmpuint (received, ==, CLOSE_MESSAGES);
  g_assert_true (g_subprocess_wait_check (child, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--send-and-close"))
    return send_and_close ((guint16) atoi (argv[2]), (guint16) atoi (argv[3]));
  test_init (&argc, &argv);
  g_test_add_func ("/userland/choice", test_choice);
  g_test_add_func ("/userland/udp-ports", test_udp_ports);
  g_test_add_func ("/userland/wire", test_wire);
  g_test_add_func ("/userland/not-supported", test_not_supported);
  g_test_add_func ("/userland/threads", test_threads);
  g_test_add_func ("/userland/without-main-loop", test_without_main_loop);
  g_test_add_func ("/userland/lower-transport", test_lower_transport);
  g_test_add_func ("/userland/lower-transport-loss", test_lower_transport_loss);
  g_test_add_func ("/userland/input-refusals", test_input_refusals);
  g_test_add_func ("/userland/many-sockets", test_many_sockets);
  g_test_add_func ("/userland/send-and-close", test_send_and_close);
  return g_test_run ();
}
