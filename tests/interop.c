/* interop.c: gsctp against real peers, in the guest: Erlang/OTP's gen_sctp
 * and lksctp-tools' sctp_test both ways, OpenJDK's com.sun.nio.sctp, and
 * socat and ncat as clients of a one-to-one gsctp server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "test-util.h"

typedef struct {
  GSubprocess *process;
  GDataInputStream *out;
  GString *seen;
} Peer;

static char *
escript_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "interop", "peer.escript", NULL);
}

static gboolean
peer_start_with (Peer *peer, const char *const *argv, GSubprocessFlags flags)
{
  g_autoptr(GError) error = NULL;

  peer->process = g_subprocess_newv (argv, flags | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                             G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  if (peer->process == NULL)
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("No %s: %s", argv[0], error->message);
      else
        g_test_skip_printf ("No %s (apt-get install erlang-base lksctp-tools openjdk-17-jdk-headless "
                            "socat ncat): %s", argv[0], error->message);
      return FALSE;
    }
  peer->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  peer->seen = g_string_new (NULL);
  return TRUE;
}

static gboolean
peer_start (Peer *peer, const char *const *argv)
{
  return peer_start_with (peer, argv, G_SUBPROCESS_FLAGS_NONE);
}

static void
line_read_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Reads the peer's lines until one starts with @prefix. The main context
 * runs meanwhile: on the userland backend, gsctp's stack runs there (its
 * acknowledgements, its shutdowns), as a GLib application's would. */
static void
peer_expect (Peer *peer, const char *prefix)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *line = NULL;

      g_data_input_stream_read_line_async (peer->out, G_PRIORITY_DEFAULT, NULL, line_read_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      line = g_data_input_stream_read_line_finish_utf8 (peer->out, result, NULL, &error);
      g_assert_no_error (error);
      if (line == NULL)
        g_error ("gen_sctp peer ended before “%s”; it said:\n%s", prefix, peer->seen->str);
      g_string_append_printf (peer->seen, "%s\n", line);
      if (g_str_has_prefix (line, prefix))
        return;
    }
}

static void
peer_stop (Peer *peer)
{
  if (peer->process == NULL)
    return;
  g_subprocess_force_exit (peer->process);
  g_subprocess_wait (peer->process, NULL, NULL);
  g_clear_object (&peer->out);
  g_clear_object (&peer->process);
  g_string_free (peer->seen, TRUE);
}

static guint16
free_port (void)
{
  g_autoptr(GSctpSocket) probe = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);
  g_autoptr(GSocketAddress) any = test_address ("127.0.0.1", 0);
  guint16 port;

  g_assert_true (gsctp_socket_bind (probe, &any, 1, NULL));
  port = gsctp_socket_get_local_port (probe, NULL);
  gsctp_socket_close (probe, NULL);
  return port;
}

/* gsctp clients, one-to-many and one-to-one, against a gen_sctp echo
 * server: stream, PPID and the unordered flag both ways, then eof and
 * abort seen by gen_sctp as the right events. */
static void
test_gsctp_client_gen_sctp_server (void)
{
  g_autofree char *script = escript_path ();
  g_autofree char *port_text = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) probe = NULL;
  Peer peer = { 0 };
  guint16 port;

  if (!(probe = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  if (!peer_start (&peer, (const char *[]) { "escript", script, "server", port_text, NULL }))
    return;
  peer_expect (&peer, "listening");
  address = test_address ("127.0.0.1", port);

  for (guint i = 0; i < 2; i++)
    {
      GSctpSocketType type = i ? GSCTP_SOCKET_TYPE_STREAM : GSCTP_SOCKET_TYPE_SEQPACKET;
      g_autoptr(GSctpSocket) client = test_socket_new (type);
      g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (5, 0);
      g_autoptr(GSctpAssocChange) change = NULL;
      g_autoptr(GBytes) ping = test_bytes (i ? "ping-stream" : "ping");
      g_autoptr(GSctpMessage) echo = NULL;
      GSctpSndInfo info = { .stream = 2, .ppid = 46, .flags = GSCTP_SEND_FLAGS_UNORDERED };

      change = gsctp_socket_associate (client, &address, 1, init, 10000, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (change->outbound_streams, ==, 5);
      peer_expect (&peer, "assoc_change comm_up");
      info.assoc_id = change->assoc_id;
      g_assert_true (gsctp_socket_send (client, &info, NULL, ping, NULL, &error));
      g_assert_no_error (error);
      /* gen_sctp sees what gsctp was given. */
      peer_expect (&peer, i ? "data stream=2 ppid=46 unordered=true ping-stream"
                            : "data stream=2 ppid=46 unordered=true ping");
      echo = test_receive (client);
      g_assert_true (g_bytes_equal (gsctp_message_get_data (echo), ping));
      g_assert_cmpuint (gsctp_message_get_stream (echo), ==, 2);
      g_assert_cmpuint (gsctp_message_get_ppid (echo), ==, 46);
      g_assert_cmpuint (gsctp_message_get_info (echo)->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, !=, 0);

      if (i == 0)
        {
          g_assert_true (gsctp_socket_shutdown (client, change->assoc_id, &error));
          peer_expect (&peer, "shutdown_event");
          peer_expect (&peer, "assoc_change shutdown_comp");
        }
      else
        {
          g_assert_true (gsctp_socket_abort (client, 0, &error));
          peer_expect (&peer, "assoc_change comm_lost");
        }
      g_assert_no_error (error);
    }
  peer_stop (&peer);
}

/* A gen_sctp client, one-to-many or one-to-one, against a gsctp server that
 * echoes. */
static void
gen_sctp_client (const char *type)
{
  g_autofree char *script = escript_path ();
  g_autofree char *port_text = NULL;
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  Peer peer = { 0 };
  gboolean shutdown_seen = FALSE;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    return;
  test_changes_watch (&changes, server);
  port_text = g_strdup_printf ("%u", port);
  if (!peer_start (&peer, (const char *[]) { "escript", script, "client", port_text, "4", type, NULL }))
    return;
  peer_expect (&peer, "comm_up comm_up 4");
  {
    g_autoptr(GSctpMessage) hello = test_receive (server);
    GSctpSndInfo info = { .assoc_id = gsctp_message_get_assoc_id (hello),
                          .stream = gsctp_message_get_stream (hello),
                          .ppid = gsctp_message_get_ppid (hello) };

    g_assert_true (test_bytes_equal_string (gsctp_message_get_data (hello), "hello"));
    g_assert_cmpuint (info.stream, ==, 3);
    g_assert_cmpuint (info.ppid, ==, 7);
    g_assert_true (gsctp_socket_send (server, &info, NULL, gsctp_message_get_data (hello), NULL, &error));
    g_assert_no_error (error);
  }
  peer_expect (&peer, "echo stream=3 ppid=7 hello");
  /* gen_sctp's eof: a shutdown event, then shutdown-comp, here too. */
  while (test_changes_find (&changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP) == NULL)
    {
      g_autoptr(GSctpMessage) event = gsctp_socket_receive (server, 10000, NULL, &error);

      g_assert_no_error (error);
      shutdown_seen |= gsctp_message_get_event_type (event) == GSCTP_EVENT_TYPE_SHUTDOWN;
    }
  g_assert_true (shutdown_seen);
  /* gen_sctp's eof is refused on a one-to-one socket (as the kernel
   * refuses SCTP_EOF there); the peer closes instead. */
  peer_expect (&peer, g_str_equal (type, "stream") ? "closed" : "assoc_change shutdown_comp");
  peer_stop (&peer);
  test_changes_clear (&changes);
}

static const gsize lksctp_sizes[] = { 1, 1000, 2000, 3000, 5000, 10000, 15000, 20000, 25000, 32768 };

/* lksctp-tools' sctp_test sends its size sequence (test case 4, ordered)
 * to a gsctp server, whole and in order. */
static void
test_sctp_test_client_gsctp_server (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autofree char *port_text = NULL;
  Peer peer = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    return;
  port_text = g_strdup_printf ("%u", port);
  if (!peer_start (&peer, (const char *[]) { "sctp_test", "-H", "127.0.0.1", "-P", "0", "-h", "127.0.0.1",
                                             "-p", port_text, "-s", "-c", "4", "-x", "1", "-o", "1", NULL }))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (lksctp_sizes); i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (server);

      g_assert_cmpuint (g_bytes_get_size (gsctp_message_get_data (message)), ==, lksctp_sizes[i]);
    }
  peer_stop (&peer);
}

/* A gsctp client sends the same sizes to sctp_test as a server, which
 * prints each message's length as it receives it. */
static void
test_gsctp_client_sctp_test_server (void)
{
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autofree char *port_text = NULL;
  g_autoptr(GError) error = NULL;
  Peer peer = { 0 };
  guint16 port;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  if (!peer_start (&peer, (const char *[]) { "sctp_test", "-H", "127.0.0.1", "-P", port_text, "-l", NULL }))
    return;
  peer_expect (&peer, "Server: Receiving packets.");
  change = test_connect (client, port, 1);
  for (gsize i = 0; i < G_N_ELEMENTS (lksctp_sizes); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_take (g_malloc0 (lksctp_sizes[i]), lksctp_sizes[i]);
      g_autofree char *expected = g_strdup_printf ("\trecvmsg(sk=3) Data %" G_GSIZE_FORMAT " bytes.",
                                                   lksctp_sizes[i]);

      g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
      g_assert_no_error (error);
      peer_expect (&peer, expected);
    }
  peer_stop (&peer);
}

/* OpenJDK's com.sun.nio.sctp echoes stream, PPID and the unordered flag;
 * an abort is a lost association there. */
static void
test_gsctp_client_java_server (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "interop", "Peer.java", NULL);
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) ping = test_bytes ("ping-java");
  g_autoptr(GSctpMessage) echo = NULL;
  g_autofree char *port_text = NULL;
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { .stream = 3, .ppid = 46, .flags = GSCTP_SEND_FLAGS_UNORDERED };
  Peer peer = { 0 };
  guint16 port;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  if (!peer_start (&peer, (const char *[]) { "java", source, port_text, NULL }))
    return;
  peer_expect (&peer, "listening");
  change = test_connect (client, port, 5);
  info.assoc_id = change->assoc_id;
  g_assert_true (gsctp_socket_send (client, &info, NULL, ping, NULL, &error));
  g_assert_no_error (error);
  peer_expect (&peer, "data stream=3 ppid=46 unordered=true ping-java");
  echo = test_receive (client);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (echo), ping));
  g_assert_cmpuint (gsctp_message_get_stream (echo), ==, 3);
  g_assert_cmpuint (gsctp_message_get_ppid (echo), ==, 46);
  g_assert_cmpuint (gsctp_message_get_info (echo)->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, !=, 0);
  g_assert_true (gsctp_socket_abort (client, change->assoc_id, &error));
  peer_expect (&peer, "assoc_change COMM_LOST");
  peer_stop (&peer);
}

static void test_gen_sctp_client_gsctp_server (void) { gen_sctp_client ("seqpacket"); }
static void test_gen_sctp_stream_client_gsctp_server (void) { gen_sctp_client ("stream"); }

/* The next message (data or event) of @socket, the default main context
 * running meanwhile: a userland socket in this process may be the peer,
 * and its stack runs there. */
static GSctpMessage *
receive_running (GSctpSocket *socket)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      GSctpMessage *message = gsctp_socket_receive (socket, 5, NULL, &error);

      if (message != NULL)
        return message;
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_error ("Nothing received in 10 s");
  return NULL;
}

static void
expect_change (GSctpSocket *socket,
               GSctpAssocState state)
{
  for (;;)
    {
      g_autoptr(GSctpMessage) message = receive_running (socket);
      const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);

      if (change != NULL && change->state == state)
        return;
    }
}

static GSctpMessage *
receive_data_running (GSctpSocket *socket)
{
  for (;;)
    {
      GSctpMessage *message = receive_running (socket);

      if (!gsctp_message_is_event (message))
        return message;
      gsctp_message_unref (message);
    }
}

/* gsctp on the kernel and gsctp on the userland stack, in this process,
 * over the kernel's SCTP over UDP: @userland_serves says which serves.
 * One-to-many then one-to-one clients: stream, PPID and the unordered
 * flag both ways, then eof and abort seen as the right events. */
static void
gsctp_kernel_and_userland (gboolean userland_serves)
{
  GSctpBackendType server_backend = userland_serves ? GSCTP_BACKEND_TYPE_USERLAND : GSCTP_BACKEND_TYPE_KERNEL;
  GSctpBackendType client_backend = userland_serves ? GSCTP_BACKEND_TYPE_KERNEL : GSCTP_BACKEND_TYPE_USERLAND;
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  server = gsctp_socket_new_with_backend (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET,
                                          server_backend, &error);
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 4, &error));
  g_assert_no_error (error);
  address = test_address ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));

  for (guint i = 0; i < 2; i++)
    {
      GSctpSocketType type = i ? GSCTP_SOCKET_TYPE_STREAM : GSCTP_SOCKET_TYPE_SEQPACKET;
      g_autoptr(GSctpSocket) client = gsctp_socket_new_with_backend (G_SOCKET_FAMILY_IPV4, type,
                                                                     client_backend, &error);
      g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (5, 0);
      g_autoptr(GSctpAssocChange) change = NULL;
      g_autoptr(GBytes) ping = test_bytes (i ? "ping-stream" : "ping");
      g_autoptr(GSctpMessage) got = NULL;
      g_autoptr(GSctpMessage) echo = NULL;
      GSctpSndInfo info = { .stream = 2, .ppid = 46, .flags = GSCTP_SEND_FLAGS_UNORDERED };

      g_assert_no_error (error);
      gsctp_socket_associate_init (client, &address, 1, init, &error);
      g_assert_no_error (error);
      {
        g_autoptr(GSctpMessage) up = NULL;

        do
          {
            g_clear_pointer (&up, gsctp_message_unref);
            up = receive_running (client);
          }
        while (gsctp_message_get_assoc_change (up) == NULL);
        change = gsctp_assoc_change_copy (gsctp_message_get_assoc_change (up));
      }
      g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
      g_assert_cmpuint (change->outbound_streams, ==, 5);
      info.assoc_id = change->assoc_id;
      g_assert_true (gsctp_socket_send (client, &info, NULL, ping, NULL, &error));
      g_assert_no_error (error);

      got = receive_data_running (server);
      g_assert_true (g_bytes_equal (gsctp_message_get_data (got), ping));
      g_assert_cmpuint (gsctp_message_get_stream (got), ==, 2);
      g_assert_cmpuint (gsctp_message_get_ppid (got), ==, 46);
      g_assert_cmpuint (gsctp_message_get_info (got)->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, !=, 0);
      {
        GSctpSndInfo back = { .assoc_id = gsctp_message_get_assoc_id (got), .stream = 2, .ppid = 46,
                              .flags = GSCTP_SEND_FLAGS_UNORDERED };

        g_assert_true (gsctp_socket_send (server, &back, NULL, ping, NULL, &error));
        g_assert_no_error (error);
      }
      echo = receive_data_running (client);
      g_assert_true (g_bytes_equal (gsctp_message_get_data (echo), ping));
      g_assert_cmpuint (gsctp_message_get_stream (echo), ==, 2);
      g_assert_cmpuint (gsctp_message_get_ppid (echo), ==, 46);
      g_assert_cmpuint (gsctp_message_get_info (echo)->flags & GSCTP_RECEIVE_FLAGS_UNORDERED, !=, 0);

      if (i == 0)
        {
          g_assert_true (gsctp_socket_shutdown (client, change->assoc_id, &error));
          g_assert_no_error (error);
          expect_change (server, GSCTP_ASSOC_STATE_SHUTDOWN_COMP);
          expect_change (client, GSCTP_ASSOC_STATE_SHUTDOWN_COMP);
        }
      else
        {
          g_assert_true (gsctp_socket_abort (client, 0, &error));
          g_assert_no_error (error);
          expect_change (server, GSCTP_ASSOC_STATE_COMM_LOST);
        }
    }
}

static void test_userland_client_kernel_server (void) { gsctp_kernel_and_userland (FALSE); }
static void test_kernel_client_userland_server (void) { gsctp_kernel_and_userland (TRUE); }

/* A one-to-one gsctp server accepts a client program that sends its
 * standard input and prints what it receives: socat and ncat, as a user
 * would try a server. The request arrives whole, the reply reaches the
 * client, and the client's end of input ends the association. */
static void
one_to_one_client_program (const char *const *argv_template)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) connection = NULL;
  g_autoptr(GSctpMessage) request = NULL;
  g_autoptr(GBytes) reply = test_bytes ("hello from gsctp\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *target = NULL;
  GOutputStream *in;
  const char *argv[8] = { NULL };
  Peer peer = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_STREAM, &port)))
    return;
  port_text = g_strdup_printf ("%u", port);
  target = g_strdup_printf ("SCTP-CONNECT:127.0.0.1:%u", port);
  for (guint i = 0; argv_template[i] != NULL && i < G_N_ELEMENTS (argv) - 1; i++)
    argv[i] = g_str_equal (argv_template[i], "PORT") ? port_text
            : g_str_equal (argv_template[i], "TARGET") ? target
            : argv_template[i];
  if (!peer_start_with (&peer, argv, G_SUBPROCESS_FLAGS_STDIN_PIPE))
    return;
  in = g_subprocess_get_stdin_pipe (peer.process);

  connection = gsctp_socket_accept (server, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (in, "hello from a client\n", 20, NULL, NULL, &error));
  g_assert_true (g_output_stream_flush (in, NULL, &error));
  g_assert_no_error (error);
  request = test_receive (connection);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (request), "hello from a client\n"));
  g_assert_true (gsctp_socket_send_to_stream (connection, 0, 0, reply, NULL, &error));
  g_assert_no_error (error);
  peer_expect (&peer, "hello from gsctp");

  g_assert_true (g_output_stream_close (in, NULL, &error));
  g_assert_no_error (error);
  test_receive_end (connection);
  peer_stop (&peer);
}

static void
test_socat_client_gsctp_server (void)
{
  one_to_one_client_program ((const char *[]) { "socat", "-", "TARGET", NULL });
}

static void
test_ncat_client_gsctp_server (void)
{
  one_to_one_client_program ((const char *[]) { "ncat", "--sctp", "127.0.0.1", "PORT", NULL });
}

/* Written in place: /proc files cannot be replaced. */
static gboolean
write_sysctl (const char *path,
              const char *value)
{
  FILE *file = fopen (path, "w");

  if (file == NULL)
    return FALSE;
  fputs (value, file);
  return fclose (file) == 0;
}

/* A kernel socket told by its own option (SCTP_REMOTE_UDP_ENCAPS_PORT),
 * not the host's net.sctp.encap_port, to reach its peer over UDP: a
 * gsctp-kernel client of a gsctp-userland server. */
static void
test_per_socket_encapsulation (void)
{
  guint16 udp_port = (guint16) atoi (g_getenv ("GSCTP_UDP_PORT"));
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) local = test_address ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) got = NULL;
  g_autoptr(GBytes) ping = test_bytes ("over UDP by the socket's option");
  g_autoptr(GError) error = NULL;
  guint port_set = 0;

  g_assert_true (write_sysctl ("/proc/sys/net/sctp/encap_port", "0"));
  server = gsctp_socket_new_with_backend (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET,
                                          GSCTP_BACKEND_TYPE_USERLAND, &error);
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_bind (server, &local, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 4, &error));
  address = test_address ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  client = gsctp_socket_new_with_backend (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET,
                                          GSCTP_BACKEND_TYPE_KERNEL, &error);
  g_assert_no_error (error);
  g_object_set (client, "remote-udp-encaps-port", (guint) udp_port, NULL);
  g_object_get (client, "remote-udp-encaps-port", &port_set, NULL);
  g_assert_cmpuint (port_set, ==, udp_port);

  gsctp_socket_associate_init (client, &address, 1, NULL, &error);
  g_assert_no_error (error);
  for (;;)
    {
      g_autoptr(GSctpMessage) up = receive_running (client);

      if (gsctp_message_get_assoc_change (up) != NULL)
        {
          change = gsctp_assoc_change_copy (gsctp_message_get_assoc_change (up));
          break;
        }
    }
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, ping, NULL, &error));
  g_assert_no_error (error);
  got = receive_data_running (server);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (got), ping));
  g_assert_true (write_sysctl ("/proc/sys/net/sctp/encap_port", g_getenv ("GSCTP_UDP_PORT")));
}

/* On the userland backend, gsctp speaks SCTP over UDP (RFC 6951) to the
 * kernel's SCTP, whose peers (gen_sctp, sctp_test, Java) are unchanged:
 * the kernel takes UDP-encapsulated SCTP on net.sctp.udp_port, and sends
 * its own new associations encapsulated to net.sctp.encap_port — here the
 * UDP port of gsctp's servers. */
static void
encapsulate_kernel_sctp (void)
{
  const char *userland_port = g_getenv ("GSCTP_UDP_PORT");

  g_assert_nonnull (userland_port);
  if (!write_sysctl ("/proc/sys/net/sctp/udp_port", "9899") ||
      !write_sysctl ("/proc/sys/net/sctp/encap_port", userland_port))
    g_error ("Could not turn on the kernel's SCTP over UDP (as root, in the guest): %s",
             g_strerror (errno));
  g_setenv ("GSCTP_UDP_REMOTE_PORT", "9899", TRUE);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  if (test_userland ())
    {
      encapsulate_kernel_sctp ();
      g_test_add_func ("/interop/gsctp-kernel/userland-client", test_userland_client_kernel_server);
      g_test_add_func ("/interop/gsctp-kernel/userland-server", test_kernel_client_userland_server);
      g_test_add_func ("/interop/gsctp-kernel/per-socket-encapsulation", test_per_socket_encapsulation);
    }
  g_test_add_func ("/interop/gen-sctp/gsctp-client", test_gsctp_client_gen_sctp_server);
  g_test_add_func ("/interop/gen-sctp/gen-sctp-client", test_gen_sctp_client_gsctp_server);
  g_test_add_func ("/interop/gen-sctp/gen-sctp-stream-client", test_gen_sctp_stream_client_gsctp_server);
  g_test_add_func ("/interop/lksctp/sctp-test-client", test_sctp_test_client_gsctp_server);
  g_test_add_func ("/interop/lksctp/sctp-test-server", test_gsctp_client_sctp_test_server);
  g_test_add_func ("/interop/java/gsctp-client", test_gsctp_client_java_server);
  g_test_add_func ("/interop/socat/one-to-one-server", test_socat_client_gsctp_server);
  g_test_add_func ("/interop/ncat/one-to-one-server", test_ncat_client_gsctp_server);
  return g_test_run ();
}
