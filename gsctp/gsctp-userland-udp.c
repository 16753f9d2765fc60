/* gsctp-userland-udp.c: SCTP packets in UDP datagrams (RFC 6951)
 *
 * A transport is one UDP socket that gsctp owns. As Linux has one UDP
 * port for all its SCTP sockets (net.sctp.udp_port), a process has one
 * transport per local UDP port, shared by every userland endpoint on it:
 * the stack tells their associations apart by SCTP ports. Each peer (IP
 * address and UDP port) a transport has sent to or heard from is a link;
 * what arrives from a peer goes into the stack as that link's packet, and
 * the stack's packets for a link leave from this socket to the peer.
 *
 * The UDP socket listens on every address, IPv6 and IPv4 (one socket:
 * the two families cannot each bind the port), or IPv4 alone where the
 * host has no IPv6.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "gsctp-userland-private.h"

/* Datagrams read per pump: enough to drain a window without starving the
 * other sources of a main context; read RECV_BATCH at a time with one
 * recvmmsg(). */
#define PUMP_BATCH 64
#define RECV_BATCH 16
#define MAX_DATAGRAM 65536
#define UDP_BUFFER (4 * 1024 * 1024)
/* Every source address a hostile sender makes up would be a link. */
#define MAX_LINKS 4096

typedef struct {
  GSctpLink link;
  GSctpUdpTransport *transport;
  /* The peer in the UDP socket's family. */
  struct sockaddr_storage to;
  socklen_t to_len;
} UdpLink;

typedef struct {
  guint16 family;
  guint16 port;
  guint8 address[16];
} PeerKey;

struct _GSctpUdpTransport {
  guint16 requested_port;
  GSocket *socket;
  int fd;

  GMutex lock;
  /* PeerKey → UdpLink */
  GHashTable *links;
  /* The last peer looked up: a stream of datagrams comes from one peer
   * at a time, and links live as long as the transport. */
  PeerKey last_key;
  UdpLink *last_link;
  guint8 *datagrams;             /* RECV_BATCH of MAX_DATAGRAM */
};

/* requested port → transport */
static GMutex transports_lock;
static GHashTable *transports;

/* A peer as its family, port and address alone: what recvfrom() reports
 * besides them (IPv6 flow labels) does not make another peer. */
static void
peer_key (const struct sockaddr_storage *peer,
          PeerKey *key)
{
  memset (key, 0, sizeof *key);
  key->family = peer->ss_family;
  if (peer->ss_family == AF_INET6)
    {
      const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) peer;

      key->port = sin6->sin6_port;
      memcpy (key->address, &sin6->sin6_addr, 16);
    }
  else
    {
      const struct sockaddr_in *sin = (const struct sockaddr_in *) peer;

      key->port = sin->sin_port;
      memcpy (key->address, &sin->sin_addr, 4);
    }
}

static guint
peer_key_hash (gconstpointer data)
{
  const PeerKey *key = data;
  guint hash = key->family * 31u + key->port;

  for (gsize i = 0; i < sizeof key->address; i++)
    hash = hash * 31u + key->address[i];
  return hash;
}

static gboolean
peer_key_equal (gconstpointer a,
                gconstpointer b)
{
  return memcmp (a, b, sizeof (PeerKey)) == 0;
}

static void
udp_output (GSctpLink *link,
            const void *packet,
            gsize size)
{
  UdpLink *udp = (UdpLink *) link;

  /* Like a packet lost on the wire when the socket's buffer is full:
   * SCTP retransmits. */
  (void) sendto (udp->transport->fd, packet, size, MSG_DONTWAIT | MSG_NOSIGNAL,
                 (const struct sockaddr *) &udp->to, udp->to_len);
}

/* An IPv4 peer as the UDP socket names it: mapped, on a dual-stack one. */
static socklen_t
to_socket_family (GSctpUdpTransport *transport,
                  const struct sockaddr_storage *peer,
                  struct sockaddr_storage *out)
{
  const struct sockaddr_in *sin = (const struct sockaddr_in *) peer;
  struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) out;

  memset (out, 0, sizeof *out);
  if (peer->ss_family == AF_INET6 || g_socket_get_family (transport->socket) != G_SOCKET_FAMILY_IPV6)
    {
      socklen_t len = peer->ss_family == AF_INET6 ? sizeof (struct sockaddr_in6)
                                                  : sizeof (struct sockaddr_in);

      memcpy (out, peer, len);
      return len;
    }
  sin6->sin6_family = AF_INET6;
  sin6->sin6_port = sin->sin_port;
  sin6->sin6_addr.s6_addr[10] = 0xff;
  sin6->sin6_addr.s6_addr[11] = 0xff;
  memcpy (&sin6->sin6_addr.s6_addr[12], &sin->sin_addr, 4);
  return sizeof *sin6;
}

/* What the socket layer is told of a peer: a mapped IPv4 address as the
 * IPv4 address it is. */
static socklen_t
to_reported (const struct sockaddr_storage *peer,
             struct sockaddr_storage *out)
{
  const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) peer;
  struct sockaddr_in *sin = (struct sockaddr_in *) out;

  memset (out, 0, sizeof *out);
  if (peer->ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED (&sin6->sin6_addr))
    {
      sin->sin_family = AF_INET;
      sin->sin_port = sin6->sin6_port;
      memcpy (&sin->sin_addr, &sin6->sin6_addr.s6_addr[12], 4);
      return sizeof *sin;
    }
  if (peer->ss_family == AF_INET6)
    {
      memcpy (out, peer, sizeof (struct sockaddr_in6));
      return sizeof (struct sockaddr_in6);
    }
  memcpy (out, peer, sizeof (struct sockaddr_in));
  return sizeof (struct sockaddr_in);
}

/* Called with the lock held. NULL when the transport has as many links as
 * it keeps. @peer is in the UDP socket's family. */
static GSctpLink *
link_for_native (GSctpUdpTransport *transport,
                 const struct sockaddr_storage *peer,
                 socklen_t peer_len)
{
  PeerKey key;
  UdpLink *link;

  /* Every datagram looks its sender up: no allocation for it. */
  peer_key (peer, &key);
  if (transport->last_link != NULL && memcmp (&key, &transport->last_key, sizeof key) == 0)
    return &transport->last_link->link;
  link = g_hash_table_lookup (transport->links, &key);
  if (link != NULL)
    {
      transport->last_key = key;
      transport->last_link = link;
      return &link->link;
    }
  if (g_hash_table_size (transport->links) >= MAX_LINKS)
    return NULL;
  link = g_new0 (UdpLink, 1);
  link->link.output = udp_output;
  link->link.peer_len = to_reported (peer, &link->link.peer);
  link->transport = transport;
  memcpy (&link->to, peer, peer_len);
  link->to_len = peer_len;
  g_hash_table_insert (transport->links, g_memdup2 (&key, sizeof key), link);
  usrsctp_register_address (link);
  gsctp_userland_link_register (&link->link);
  return &link->link;
}

/* One UDP socket carries every association of the port: a datagram that
 * finds its buffer full is lost, and SCTP waits a retransmission timeout
 * for it. Large buffers, as far as the system allows (all of it for root,
 * as gsctp's kernel tests run). */
static void
set_buffers (int fd)
{
  int size = UDP_BUFFER;

  if (setsockopt (fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    (void) setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  if (setsockopt (fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) < 0)
    (void) setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

static GSocket *
open_socket (guint16 port,
             GError **error)
{
  g_autoptr(GError) v6_error = NULL;
  GSocketFamily families[] = { G_SOCKET_FAMILY_IPV6, G_SOCKET_FAMILY_IPV4 };

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autoptr(GSocket) socket = NULL;
      g_autoptr(GInetAddress) any = g_inet_address_new_any (families[i]);
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new (any, port);
      GError **attempt_error = i == 0 ? &v6_error : error;

      socket = g_socket_new (families[i], G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP,
                             attempt_error);
      if (socket == NULL)
        continue;
      if (families[i] == G_SOCKET_FAMILY_IPV6 &&
          !g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, 0, attempt_error))
        continue;
      g_socket_set_blocking (socket, FALSE);
      set_buffers (g_socket_get_fd (socket));
      if (g_socket_bind (socket, local, FALSE, attempt_error))
        return g_steal_pointer (&socket);
      /* A port in use is in use for both families. */
      if (g_error_matches (*attempt_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          if (i == 0)
            g_propagate_error (error, g_steal_pointer (&v6_error));
          break;
        }
    }
  g_prefix_error (error, "Could not open the UDP port %u that carries SCTP: ", port);
  return NULL;
}

/* The process's transport on local UDP port @port (0: a free port,
 * shared by the endpoints that only start associations), made and bound
 * on first use; it stays until gsctp_udp_transport_close_all(). */
GSctpUdpTransport *
gsctp_udp_transport_get (guint16 port,
                         GError **error)
{
  GSctpUdpTransport *transport;
  GSocket *socket;

  g_mutex_lock (&transports_lock);
  if (transports == NULL)
    transports = g_hash_table_new (NULL, NULL);
  transport = g_hash_table_lookup (transports, GUINT_TO_POINTER (port));
  if (transport != NULL)
    {
      g_mutex_unlock (&transports_lock);
      return transport;
    }
  socket = open_socket (port, error);
  if (socket == NULL)
    {
      g_mutex_unlock (&transports_lock);
      return NULL;
    }
  transport = g_new0 (GSctpUdpTransport, 1);
  transport->requested_port = port;
  transport->socket = socket;
  transport->fd = g_socket_get_fd (socket);
  g_mutex_init (&transport->lock);
  transport->links = g_hash_table_new_full (peer_key_hash, peer_key_equal, g_free, NULL);
  transport->datagrams = g_malloc ((gsize) RECV_BATCH * MAX_DATAGRAM);
  g_hash_table_insert (transports, GUINT_TO_POINTER (port), transport);
  gsctp_userland_stack_watch (transport->fd);
  g_mutex_unlock (&transports_lock);
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

/* With the stack stopping: its descriptor, which watches this one's, is
 * about to go. */
static void
transport_free (GSctpUdpTransport *transport)
{
  GHashTableIter iter;
  gpointer link;

  g_hash_table_iter_init (&iter, transport->links);
  while (g_hash_table_iter_next (&iter, NULL, &link))
    link_free (link);
  g_hash_table_unref (transport->links);
  g_socket_close (transport->socket, NULL);
  g_object_unref (transport->socket);
  g_free (transport->datagrams);
  g_mutex_clear (&transport->lock);
  g_free (transport);
}

/* Transports outlive the sockets that made them: an association goes on
 * shutting down gracefully in the stack after its socket is closed, and
 * needs its packets. They close with the stack, when the process's last
 * userland socket goes. */
void
gsctp_udp_transport_close_all (void)
{
  g_mutex_lock (&transports_lock);
  if (transports != NULL)
    {
      GHashTableIter iter;
      gpointer transport;

      g_hash_table_iter_init (&iter, transports);
      while (g_hash_table_iter_next (&iter, NULL, &transport))
        transport_free (transport);
      g_clear_pointer (&transports, g_hash_table_unref);
    }
  g_mutex_unlock (&transports_lock);
}

/* The link to the peer at @address and UDP port @udp_port. */
GSctpLink *
gsctp_udp_transport_link_for (GSctpUdpTransport *transport,
                              GInetAddress *address,
                              guint16 udp_port,
                              GError **error)
{
  g_autoptr(GSocketAddress) peer = g_inet_socket_address_new (address, udp_port);
  struct sockaddr_storage native, in_family;
  socklen_t len;
  GSctpLink *link;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      g_socket_get_family (transport->socket) != G_SOCKET_FAMILY_IPV6)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "This host has no IPv6 to carry SCTP to an IPv6 address");
      return NULL;
    }
  memset (&native, 0, sizeof native);
  if (!g_socket_address_to_native (peer, &native, sizeof native, error))
    return NULL;
  len = to_socket_family (transport, &native, &in_family);
  g_mutex_lock (&transport->lock);
  link = link_for_native (transport, &in_family, len);
  g_mutex_unlock (&transport->lock);
  if (link == NULL)
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                 "The userland backend's UDP socket has as many peers as it keeps (%d)",
                 MAX_LINKS);
  return link;
}

/* Hands what the UDP socket has to the stack, without waiting; returns
 * how many datagrams. */
static guint
pump (GSctpUdpTransport *transport)
{
  struct mmsghdr messages[RECV_BATCH];
  struct iovec iov[RECV_BATCH];
  struct sockaddr_storage from[RECV_BATCH];

  guint read = 0;

  if (!g_mutex_trylock (&transport->lock))
    return 0;
  while (read < PUMP_BATCH)
    {
      int got;

      for (guint i = 0; i < RECV_BATCH; i++)
        {
          iov[i].iov_base = transport->datagrams + (gsize) i * MAX_DATAGRAM;
          iov[i].iov_len = MAX_DATAGRAM;
          memset (&messages[i].msg_hdr, 0, sizeof messages[i].msg_hdr);
          messages[i].msg_hdr.msg_name = &from[i];
          messages[i].msg_hdr.msg_namelen = sizeof from[i];
          messages[i].msg_hdr.msg_iov = &iov[i];
          messages[i].msg_hdr.msg_iovlen = 1;
        }
      got = recvmmsg (transport->fd, messages, RECV_BATCH, MSG_DONTWAIT, NULL);
      if (got <= 0)
        break;
      for (int i = 0; i < got; i++)
        {
          GSctpLink *link;

          /* Shorter than SCTP's common header: not SCTP; cut short: not
           * whole. */
          if (messages[i].msg_len < 12 || (messages[i].msg_hdr.msg_flags & MSG_TRUNC))
            continue;
          link = link_for_native (transport, &from[i], messages[i].msg_hdr.msg_namelen);
          if (link != NULL)
            usrsctp_conninput (link, iov[i].iov_base, messages[i].msg_len, 0);
        }
      read += got;
      if (got < RECV_BATCH)
        break;
    }
  g_mutex_unlock (&transport->lock);
  return read;
}

/* Every transport of the process: a packet for any socket may wait in
 * any of them, and whoever runs the stack runs it for all. A transport
 * another thread is reading is left to it: what it reads for this one's
 * sockets wakes them (their upcalls), so no thread waits on another's
 * pump. Transports go only with the stack, when nothing runs it. */
guint
gsctp_udp_transport_pump_all (void)
{
  guint datagrams = 0;
  GSctpUdpTransport *few[16];
  GSctpUdpTransport **some = few;
  guint n = 0;
  GHashTableIter iter;
  gpointer transport;

  g_mutex_lock (&transports_lock);
  if (transports != NULL)
    {
      /* Most processes have one or two: a heap copy only past that. */
      if (g_hash_table_size (transports) > G_N_ELEMENTS (few))
        some = g_new (GSctpUdpTransport *, g_hash_table_size (transports));
      g_hash_table_iter_init (&iter, transports);
      while (g_hash_table_iter_next (&iter, NULL, &transport))
        some[n++] = transport;
    }
  g_mutex_unlock (&transports_lock);
  for (guint i = 0; i < n; i++)
    datagrams += pump (some[i]);
  if (some != few)
    g_free (some);
  return datagrams;
}
