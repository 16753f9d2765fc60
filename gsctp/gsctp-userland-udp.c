/* gsctp-userland-udp.c: SCTP packets in UDP datagrams (RFC 6951)
 *
 * A transport is one UDP socket that gsctp owns, shared by an endpoint
 * and the endpoints peeled off it. Each peer (IP address and UDP port)
 * it has sent to or heard from is a link; what arrives from a peer goes
 * into the stack as that link's packet, and the stack's packets for a
 * link leave from this socket to the peer's address.
 *
 * The UDP socket is bound when first needed: to the local UDP port
 * (9899 unless told otherwise) for an endpoint that binds a fixed SCTP
 * port — a server, which peers must find — and to a free port otherwise,
 * as a client's source port: RFC 6951 has a peer answer to the port a
 * packet came from.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "gsctp-userland-private.h"

/* Datagrams read per pump: enough to drain a window without starving the
 * other sources of a main context. */
#define PUMP_BATCH 64
#define MAX_DATAGRAM 65536
#define MAX_LINKS 4096

typedef struct {
  GSctpLink link;
  GSctpUdpTransport *transport;
} UdpLink;

struct _GSctpUdpTransport {
  gatomicrefcount ref_count;
  GSocketFamily family;
  guint16 local_port;
  guint16 remote_port;

  GMutex lock;
  GSocket *socket;
  /* "address:port" → UdpLink */
  GHashTable *links;
  guint8 *datagram;
};

GSctpUdpTransport *
gsctp_udp_transport_new (GSocketFamily family,
                         guint16 local_port,
                         guint16 remote_port)
{
  GSctpUdpTransport *transport = g_new0 (GSctpUdpTransport, 1);

  g_atomic_ref_count_init (&transport->ref_count);
  transport->family = family;
  transport->local_port = local_port;
  transport->remote_port = remote_port;
  g_mutex_init (&transport->lock);
  transport->links = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                            (GDestroyNotify) g_bytes_unref, NULL);
  return transport;
}

GSctpUdpTransport *
gsctp_udp_transport_ref (GSctpUdpTransport *transport)
{
  g_atomic_ref_count_inc (&transport->ref_count);
  return transport;
}

static void
link_free (gpointer data)
{
  UdpLink *link = data;

  gsctp_userland_link_unregister (&link->link);
  usrsctp_deregister_address (link);
  g_free (link);
}

void
gsctp_udp_transport_unref (GSctpUdpTransport *transport)
{
  GHashTableIter iter;
  gpointer link;

  if (!g_atomic_ref_count_dec (&transport->ref_count))
    return;
  g_hash_table_iter_init (&iter, transport->links);
  while (g_hash_table_iter_next (&iter, NULL, &link))
    link_free (link);
  g_hash_table_unref (transport->links);
  if (transport->socket != NULL)
    {
      g_socket_close (transport->socket, NULL);
      g_object_unref (transport->socket);
    }
  g_free (transport->datagram);
  g_mutex_clear (&transport->lock);
  g_free (transport);
}

static void
udp_output (GSctpLink *link,
            const void *packet,
            gsize size)
{
  UdpLink *udp = (UdpLink *) link;
  int fd = g_socket_get_fd (udp->transport->socket);

  /* Like a packet lost on the wire when the socket's buffer is full:
   * SCTP retransmits. */
  (void) sendto (fd, packet, size, MSG_DONTWAIT | MSG_NOSIGNAL,
                 (const struct sockaddr *) &link->peer, link->peer_len);
}

/* A peer as its family, port and address alone: what recvfrom() reports
 * besides them (IPv6 flow labels) does not make another peer. */
static GBytes *
peer_key (const struct sockaddr_storage *peer)
{
  guint8 key[2 + 2 + 16] = { 0 };

  memcpy (key, &peer->ss_family, 2);
  if (peer->ss_family == AF_INET6)
    {
      const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) peer;

      memcpy (key + 2, &sin6->sin6_port, 2);
      memcpy (key + 4, &sin6->sin6_addr, 16);
    }
  else
    {
      const struct sockaddr_in *sin = (const struct sockaddr_in *) peer;

      memcpy (key + 2, &sin->sin_port, 2);
      memcpy (key + 4, &sin->sin_addr, 4);
    }
  return g_bytes_new (key, sizeof key);
}

/* Called with the lock held, the socket bound. NULL when the transport
 * has as many links as it keeps. */
static GSctpLink *
link_for_native (GSctpUdpTransport *transport,
                 const struct sockaddr_storage *peer,
                 socklen_t peer_len)
{
  g_autoptr(GBytes) key = peer_key (peer);
  UdpLink *link = g_hash_table_lookup (transport->links, key);

  if (link != NULL)
    return &link->link;
  /* Every source a hostile sender makes up would be a link: a bound. */
  if (g_hash_table_size (transport->links) >= MAX_LINKS)
    return NULL;
  link = g_new0 (UdpLink, 1);
  link->link.output = udp_output;
  link->link.owner = transport;
  memcpy (&link->link.peer, peer, peer_len);
  link->link.peer_len = peer_len;
  link->transport = transport;
  g_hash_table_insert (transport->links, g_steal_pointer (&key), link);
  usrsctp_register_address (link);
  gsctp_userland_link_register (&link->link);
  return &link->link;
}

static gboolean
bind_locked (GSctpUdpTransport *transport,
             GInetAddress *address,
             gboolean fixed_port,
             GError **error)
{
  g_autoptr(GInetAddress) any = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;
  guint16 port = fixed_port ? transport->local_port : 0;

  if (transport->socket != NULL)
    return TRUE;
  socket = g_socket_new (transport->family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_blocking (socket, FALSE);
  if (address == NULL)
    address = any = g_inet_address_new_any (transport->family);
  local = g_inet_socket_address_new (address, port);
  if (!g_socket_bind (socket, local, FALSE, error))
    {
      g_prefix_error (error, "Could not bind the UDP port %u that carries SCTP: ", port);
      return FALSE;
    }
  transport->socket = g_steal_pointer (&socket);
  transport->datagram = g_malloc (MAX_DATAGRAM);
  return TRUE;
}

gboolean
gsctp_udp_transport_bind (GSctpUdpTransport *transport,
                          GInetAddress *address,
                          gboolean fixed_port,
                          GError **error)
{
  gboolean ok;

  g_mutex_lock (&transport->lock);
  ok = bind_locked (transport, address, fixed_port, error);
  g_mutex_unlock (&transport->lock);
  return ok;
}

int
gsctp_udp_transport_get_fd (GSctpUdpTransport *transport)
{
  int fd;

  g_mutex_lock (&transport->lock);
  fd = transport->socket != NULL ? g_socket_get_fd (transport->socket) : -1;
  g_mutex_unlock (&transport->lock);
  return fd;
}

/* The link to the peer at @address and the remote UDP port; binds the
 * UDP socket to a free port first if nothing bound it. */
GSctpLink *
gsctp_udp_transport_link_for (GSctpUdpTransport *transport,
                              GInetAddress *address,
                              GError **error)
{
  g_autoptr(GSocketAddress) peer = NULL;
  struct sockaddr_storage native;
  GSctpLink *link = NULL;

  if (g_inet_address_get_family (address) != transport->family &&
      !(transport->family == G_SOCKET_FAMILY_IPV6))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "An IPv4 socket cannot reach an IPv6 address");
      return NULL;
    }
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4 &&
      transport->family == G_SOCKET_FAMILY_IPV6)
    {
      /* A dual-stack UDP socket names IPv4 peers as mapped addresses. */
      guint8 mapped[16] = { [10] = 0xff, [11] = 0xff };
      g_autoptr(GInetAddress) as_v6 = NULL;

      memcpy (mapped + 12, g_inet_address_to_bytes (address), 4);
      as_v6 = g_inet_address_new_from_bytes (mapped, G_SOCKET_FAMILY_IPV6);
      peer = g_inet_socket_address_new (as_v6, transport->remote_port);
    }
  else
    peer = g_inet_socket_address_new (address, transport->remote_port);
  memset (&native, 0, sizeof native);
  if (!g_socket_address_to_native (peer, &native, sizeof native, error))
    return NULL;
  g_mutex_lock (&transport->lock);
  if (bind_locked (transport, NULL, FALSE, error))
    {
      link = link_for_native (transport, &native, g_socket_address_get_native_size (peer));
      if (link == NULL)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                     "The userland backend's UDP socket has as many peers as it keeps (%d)",
                     MAX_LINKS);
    }
  g_mutex_unlock (&transport->lock);
  return link;
}

GInetAddress *
gsctp_udp_transport_get_local_address (GSctpUdpTransport *transport)
{
  g_autoptr(GSocketAddress) local = NULL;
  GInetAddress *address = NULL;

  g_mutex_lock (&transport->lock);
  if (transport->socket != NULL)
    local = g_socket_get_local_address (transport->socket, NULL);
  g_mutex_unlock (&transport->lock);
  if (local != NULL)
    address = g_object_ref (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  return address;
}

/* Hands what the UDP socket has to the stack, without waiting. */
void
gsctp_udp_transport_pump (GSctpUdpTransport *transport)
{
  g_mutex_lock (&transport->lock);
  for (guint i = 0; transport->socket != NULL && i < PUMP_BATCH; i++)
    {
      struct sockaddr_storage from;
      socklen_t from_len = sizeof from;
      ssize_t got = recvfrom (g_socket_get_fd (transport->socket), transport->datagram,
                              MAX_DATAGRAM, MSG_DONTWAIT, (struct sockaddr *) &from, &from_len);
      GSctpLink *link;

      if (got < 0)
        break;
      /* Shorter than SCTP's common header: not SCTP. */
      if (got < 12)
        continue;
      link = link_for_native (transport, &from, from_len);
      if (link != NULL)
        usrsctp_conninput (link, transport->datagram, got, 0);
    }
  g_mutex_unlock (&transport->lock);
}
