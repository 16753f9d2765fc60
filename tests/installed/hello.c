/* Built against the installed gsctp-1.pc: a loopback round trip.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gsctp/gsctp.h>

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) server = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_autoptr(GSctpSocket) client = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GSctpAssocChange) assoc = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("installed", 9);

  g_assert_no_error (error);
  g_assert_true (gsctp_socket_bind (server, &any, 1, &error));
  g_assert_true (gsctp_socket_listen (server, 1, &error));
  to = g_inet_socket_address_new_from_string ("127.0.0.1", gsctp_socket_get_local_port (server, NULL));
  assoc = gsctp_socket_associate (client, &to, 1, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_send_to_stream (client, assoc->assoc_id, 0, data, NULL, &error));
  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 5000, NULL, &error);

      g_assert_no_error (error);
      if (!gsctp_message_is_event (message))
        {
          g_assert_true (g_bytes_equal (gsctp_message_get_data (message), data));
          break;
        }
    }
  g_print ("c: ok\n");
  return 0;
}
