/* echo-server.c [PORT]: a one-to-one SCTP server that sends every message
 * back to its client, on the stream and with the PPID it came with.
 *
 * The listener is in an active mode: it accepts each association as it
 * comes and hands it over as ::incoming; each connection, active too,
 * emits its messages as ::message. A connection is kept in a table until
 * its association ends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include <gsctp/gsctp.h>

static GHashTable *connections;   /* GSctpSocket, owned */

static void
on_message (GSctpSocket *connection,
            GSctpMessage *message,
            gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { 0 };

  (void) user_data;
  if (gsctp_message_is_event (message))
    {
      const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);

      if (change != NULL && change->state != GSCTP_ASSOC_STATE_COMM_UP)
        {
          g_print ("Connection ended\n");
          gsctp_socket_close (connection, NULL);
          g_hash_table_remove (connections, connection);
        }
      return;
    }
  info.stream = gsctp_message_get_stream (message);
  info.ppid = gsctp_message_get_ppid (message);
  if (!gsctp_socket_send (connection, &info, NULL, gsctp_message_get_data (message), NULL, &error))
    g_print ("Could not echo: %s\n", error->message);
  else
    g_print ("Echoed %" G_GSIZE_FORMAT " bytes on stream %u\n",
             g_bytes_get_size (gsctp_message_get_data (message)), info.stream);
}

static void
on_incoming (GSctpSocket *listener,
             GSctpSocket *connection,
             gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  GList *peers = gsctp_socket_get_peer_addresses (connection, 0, &error);

  (void) listener;
  (void) user_data;
  if (peers != NULL)
    {
      g_autofree char *peer = g_inet_address_to_string (
        g_inet_socket_address_get_address (peers->data));

      g_print ("Connection from %s:%u\n", peer, g_inet_socket_address_get_port (peers->data));
    }
  g_list_free_full (peers, g_object_unref);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), NULL);
  /* Kept: a connection nobody keeps is closed when the signal returns. */
  g_hash_table_add (connections, g_object_ref (connection));
}

int
main (int argc,
      char *argv[])
{
  guint16 port = argc > 1 ? (guint16) atoi (argv[1]) : 2007;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) listener = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  listener = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_STREAM, &error);
  if (listener == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  address = g_inet_socket_address_new (any, port);
  if (!gsctp_socket_bind (listener, &address, 1, &error) ||
      !gsctp_socket_listen (listener, 16, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  connections = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_signal_connect (listener, "incoming", G_CALLBACK (on_incoming), NULL);
  gsctp_socket_set_active (listener, GSCTP_ACTIVE_MODE_ACTIVE);
  g_print ("Listening on port %u\n", port);
  g_main_loop_run (loop);
  g_hash_table_unref (connections);
  return 0;
}
