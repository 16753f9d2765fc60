/* dtls-channel.c: SCTP over DTLS over UDP between two processes, as a
 * WebRTC data channel carries it (RFC 8261): gsctp's userland stack in
 * lower-transport mode, its packets carried by GLib's GDtlsConnection
 * (glib-networking). Port 5000 at both ends, PPID 51 (WebRTC string).
 *
 *   dtls-channel server UDP-PORT CERT.pem   CERT.pem: certificate and key
 *   dtls-channel client HOST UDP-PORT       sends "hello over DTLS" and
 *                                           prints the echo
 *
 * The client accepts any certificate and prints its SHA-256 fingerprint:
 * WebRTC checks it against the one the signalling channel gave.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <gsctp/gsctp.h>

typedef struct {
  GMainLoop *loop;
  GDatagramBased *dtls;
  GSctpSocket *sctp;
  gboolean server;
  int status;
} Channel;

/* The stack's packets, over DTLS. */
static void
on_packet_out (GSctpSocket *socket,
               GBytes *packet,
               Channel *channel)
{
  gsize size;
  GOutputVector vector = { g_bytes_get_data (packet, &size), 0 };
  GOutputMessage message = { NULL, &vector, 1, 0, NULL, 0 };
  g_autoptr(GError) error = NULL;

  vector.size = size;
  /* A packet DTLS cannot take now is lost, as on a wire: SCTP resends. */
  if (g_datagram_based_send_messages (channel->dtls, &message, 1, 0, 0, NULL, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    g_printerr ("DTLS send: %s\n", error->message);
}

/* What came over DTLS, into the stack. */
static gboolean
on_dtls_readable (GDatagramBased *dtls,
                  GIOCondition condition,
                  Channel *channel)
{
  for (;;)
    {
      guint8 buffer[65536];
      GInputVector vector = { buffer, sizeof buffer };
      GInputMessage message = { NULL, &vector, 1, 0, 0, NULL, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) packet = NULL;

      if (g_datagram_based_receive_messages (dtls, &message, 1, 0, 0, NULL, &error) <= 0)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_printerr ("DTLS receive: %s\n", error ? error->message : "closed");
              g_main_loop_quit (channel->loop);
              return G_SOURCE_REMOVE;
            }
          return G_SOURCE_CONTINUE;
        }
      packet = g_bytes_new (buffer, message.bytes_received);
      if (!gsctp_socket_input_packet (channel->sctp, packet, &error))
        g_printerr ("SCTP input: %s\n", error->message);
    }
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            Channel *channel)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data;

  if (gsctp_message_is_event (message))
    {
      const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);

      if (change != NULL && change->state == GSCTP_ASSOC_STATE_COMM_UP)
        g_print ("%s: SCTP association %d up over DTLS\n", channel->server ? "server" : "client",
                 change->assoc_id);
      return;
    }
  data = gsctp_message_peek_data (message, &size);
  g_print ("%s: received \"%.*s\" on stream %u, PPID %u\n", channel->server ? "server" : "client",
           (int) size, data, gsctp_message_get_stream (message), gsctp_message_get_ppid (message));
  if (channel->server)
    {
      GSctpSndInfo echo = { .assoc_id = gsctp_message_get_assoc_id (message),
                            .stream = gsctp_message_get_stream (message),
                            .ppid = gsctp_message_get_ppid (message) };

      if (!gsctp_socket_send (socket, &echo, NULL, gsctp_message_get_data (message), NULL, &error))
        g_printerr ("echo: %s\n", error->message);
    }
  else
    {
      channel->status = 0;
      g_main_loop_quit (channel->loop);
    }
}

static void
associated (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  Channel *channel = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpAssocChange) change = gsctp_socket_associate_finish (GSCTP_SOCKET (source), result, &error);
  g_autoptr(GBytes) hello = g_bytes_new_static ("hello over DTLS", 15);
  GSctpSndInfo info = { .stream = 0, .ppid = 51 };

  if (change == NULL)
    {
      g_printerr ("associate: %s\n", error->message);
      g_main_loop_quit (channel->loop);
      return;
    }
  info.assoc_id = change->assoc_id;
  if (!gsctp_socket_send (channel->sctp, &info, NULL, hello, NULL, &error))
    {
      g_printerr ("send: %s\n", error->message);
      g_main_loop_quit (channel->loop);
    }
}

static gboolean
accept_any (GDtlsConnection *connection,
            GTlsCertificate *certificate,
            GTlsCertificateFlags errors,
            gpointer user_data)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);

  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (sha256, der->data, der->len);
  g_print ("client: server certificate sha-256 %s\n", g_checksum_get_string (sha256));
  return TRUE;
}

static int
usage (void)
{
  g_printerr ("usage: dtls-channel server UDP-PORT CERT.pem | client HOST UDP-PORT\n");
  return 2;
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) udp = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) sctp_port = g_inet_socket_address_new_from_string ("0.0.0.0", 5000);
  g_autoptr(GSource) readable = NULL;
  Channel channel = { .status = 1 };

  if (argc != 4 || (!g_str_equal (argv[1], "server") && !g_str_equal (argv[1], "client")))
    return usage ();
  channel.server = g_str_equal (argv[1], "server");
  udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  if (udp == NULL)
    goto failed;

  if (channel.server)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (argv[3], &error);
      g_autoptr(GSocketAddress) peer = NULL;
      gchar first;

      if (certificate == NULL)
        goto failed;
      local = g_inet_socket_address_new_from_string ("0.0.0.0", (guint) atoi (argv[2]));
      if (!g_socket_bind (udp, local, TRUE, &error))
        goto failed;
      g_print ("server: waiting for DTLS on UDP port %s\n", argv[2]);
      /* One peer: the one whose first datagram comes, for DTLS's sake. */
      if (g_socket_receive_message (udp, &peer, &(GInputVector) { &first, 1 }, 1, NULL, NULL,
                                    &(int) { G_SOCKET_MSG_PEEK }, NULL, &error) < 0 ||
          !g_socket_connect (udp, peer, NULL, &error))
        goto failed;
      channel.dtls = G_DATAGRAM_BASED (g_dtls_server_connection_new (G_DATAGRAM_BASED (udp), certificate,
                                                                     &error));
    }
  else
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();
      GList *addresses = g_resolver_lookup_by_name (resolver, argv[2], NULL, &error);
      g_autoptr(GSocketAddress) server = NULL;

      if (addresses == NULL)
        goto failed;
      server = g_inet_socket_address_new (addresses->data, (guint) atoi (argv[3]));
      g_resolver_free_addresses (addresses);
      if (!g_socket_connect (udp, server, NULL, &error))
        goto failed;
      channel.dtls = G_DATAGRAM_BASED (g_dtls_client_connection_new (G_DATAGRAM_BASED (udp), NULL, &error));
      if (channel.dtls != NULL)
        g_signal_connect (channel.dtls, "accept-certificate", G_CALLBACK (accept_any), NULL);
    }
  if (channel.dtls == NULL ||
      !g_dtls_connection_handshake (G_DTLS_CONNECTION (channel.dtls), NULL, &error))
    goto failed;
  g_print ("%s: DTLS up\n", argv[1]);

  /* SCTP whose packets are DTLS records. */
  channel.loop = g_main_loop_new (NULL, FALSE);
  channel.sctp = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  if (channel.sctp == NULL || !gsctp_socket_bind (channel.sctp, &sctp_port, 1, &error))
    goto failed;
  g_signal_connect (channel.sctp, "packet-out", G_CALLBACK (on_packet_out), &channel);
  g_signal_connect (channel.sctp, "message", G_CALLBACK (on_message), &channel);
  gsctp_socket_set_active (channel.sctp, GSCTP_ACTIVE_MODE_ACTIVE);
  readable = g_datagram_based_create_source (channel.dtls, G_IO_IN, NULL);
  g_source_set_callback (readable, G_SOURCE_FUNC (on_dtls_readable), &channel, NULL);
  g_source_attach (readable, NULL);
  if (channel.server)
    {
      if (!gsctp_socket_listen (channel.sctp, 1, &error))
        goto failed;
    }
  else
    gsctp_socket_associate_async (channel.sctp, &sctp_port, 1, NULL, NULL, associated, &channel);
  g_main_loop_run (channel.loop);

  g_clear_object (&channel.sctp);
  g_clear_object (&channel.dtls);
  g_main_loop_unref (channel.loop);
  return channel.status;

failed:
  g_printerr ("%s: %s\n", argv[1], error->message);
  g_clear_object (&channel.sctp);
  g_clear_object (&channel.dtls);
  return 1;
}
