/* client.c: talks to the example server (gen_sctp's sctp_client example).
 *
 * Associates with 5 outbound streams, so "Test 0" on stream 0 is sent but
 * "Test 5" on stream 5 fails; then aborts the association, which the server
 * reports as an association change.
 *
 *   client [HOST] [PORT]      HOST: localhost by default; PORT: 2006
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <gsctp/gsctp.h>

static void
report (const char *what,
        gboolean ok,
        GError **error)
{
  if (ok)
    g_print ("%s: ok\n", what);
  else
    g_print ("%s: error: %s\n", what, (*error)->message);
  g_clear_error (error);
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSctpAssocChange) assoc = NULL;
  g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (5, 0);
  g_autoptr(GBytes) test0 = g_bytes_new_static ("Test 0", 6);
  g_autoptr(GBytes) test5 = g_bytes_new_static ("Test 5", 6);
  const char *host = argc > 1 ? argv[1] : "localhost";
  guint16 port = argc > 2 ? (guint16) atoi (argv[2]) : 2006;
  gboolean ok;

  socket = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  if (socket == NULL)
    goto fail;
  assoc = gsctp_socket_associate_to_host (socket, host, port, init, 10000, NULL, &error);
  if (assoc == NULL)
    goto fail;
  g_print ("Connection Successful, Assoc=%d outbound-streams=%u inbound-streams=%u\n",
           assoc->assoc_id, assoc->outbound_streams, assoc->inbound_streams);

  ok = gsctp_socket_send_to_stream (socket, assoc->assoc_id, 0, test0, NULL, &error);
  report ("send \"Test 0\" on stream 0", ok, &error);
  g_usleep (G_USEC_PER_SEC / 2);
  ok = gsctp_socket_send_to_stream (socket, assoc->assoc_id, 5, test5, NULL, &error);
  report ("send \"Test 5\" on stream 5", ok, &error);
  g_usleep (G_USEC_PER_SEC / 2);
  ok = gsctp_socket_abort (socket, assoc->assoc_id, &error);
  report ("abort", ok, &error);
  g_usleep (G_USEC_PER_SEC / 2);
  gsctp_socket_close (socket, NULL);
  return EXIT_SUCCESS;

fail:
  g_printerr ("client: %s\n", error->message);
  return EXIT_FAILURE;
}
