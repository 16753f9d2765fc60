/* server.c: receives SCTP messages and prints them, with their stream and
 * PPID, and every event (gen_sctp's sctp_server example).
 *
 *   server [HOST] [PORT]      HOST: any (default), loopback, a name or an
 *                             address; PORT: 2006 by default
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <gsctp/gsctp.h>

static GInetAddress *
resolve_local (const char *host,
               GError **error)
{
  g_autoptr(GResolver) resolver = NULL;
  GList *addresses;
  GInetAddress *address;

  if (g_strcmp0 (host, "any") == 0)
    return g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  if (g_strcmp0 (host, "loopback") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);
  if (addresses == NULL)
    return NULL;
  address = g_object_ref (addresses->data);
  g_resolver_free_addresses (addresses);
  return address;
}

static const char *
nick (GType type,
      int value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  return g_enum_get_value (klass, value)->value_nick;
}

static void
print_event (GSctpMessage *message)
{
  const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);
  const GSctpPeerAddrChange *paddr = gsctp_message_get_peer_addr_change (message);
  g_autoptr(GError) error = NULL;

  g_print ("Received: event %s assoc=%d",
           nick (GSCTP_TYPE_EVENT_TYPE, gsctp_message_get_event_type (message)),
           gsctp_message_get_assoc_id (message));
  if (change != NULL)
    g_print (" state=%s error=%u outbound-streams=%u inbound-streams=%u",
             nick (GSCTP_TYPE_ASSOC_STATE, change->state), change->error,
             change->outbound_streams, change->inbound_streams);
  if (paddr != NULL)
    {
      g_autofree char *address = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (paddr->address));

      g_print (" address=%s state=%s", address, nick (GSCTP_TYPE_PEER_ADDR_STATE, paddr->state));
    }
  if (!gsctp_message_check_error (message, &error))
    g_print (" (%s)", error->message);
  g_print ("\n");
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GInetAddress) ip = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *ip_text = NULL;
  const char *host = argc > 1 ? argv[1] : "any";
  guint16 port = argc > 2 ? (guint16) atoi (argv[2]) : 2006;

  ip = resolve_local (host, &error);
  if (ip == NULL)
    goto fail;
  ip_text = g_inet_address_to_string (ip);
  g_print ("%s -> %s\n", host, ip_text);

  socket = gsctp_socket_new (g_inet_address_get_family (ip), GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  if (socket == NULL)
    goto fail;
  address = g_inet_socket_address_new (ip, port);
  if (!gsctp_socket_bind (socket, &address, 1, &error) ||
      !gsctp_socket_listen (socket, 1, &error))
    goto fail;
  g_print ("Listening on %s:%u\n", ip_text, port);

  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (socket, -1, NULL, &error);
      g_autofree char *from = NULL;
      const GSctpRcvInfo *info;
      gsize size;
      const char *data;

      if (message == NULL)
        {
          g_printerr ("SCTP RECV ERROR: %s\n", error->message);
          return EXIT_FAILURE;
        }
      if (gsctp_message_is_event (message))
        {
          print_event (message);
          continue;
        }
      info = gsctp_message_get_info (message);
      data = g_bytes_get_data (gsctp_message_get_data (message), &size);
      from = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (gsctp_message_get_address (message)));
      g_print ("Received: \"%.*s\" from %s assoc=%d stream=%u ppid=%u\n",
               (int) size, data, from, info->assoc_id, info->stream, info->ppid);
    }

fail:
  g_printerr ("server: %s\n", error->message);
  return EXIT_FAILURE;
}
