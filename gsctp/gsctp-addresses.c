/* gsctp-addresses.c: GSctpSocket's local and peer addresses: binding,
 * listening, reading them back, and which addresses a socket takes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

/* An IPv4 socket takes IPv4 addresses only; an IPv6 one takes both. */
gboolean
gsctp_check_families (GSocketFamily family,
                      GSocketAddress * const *addresses,
                      guint n_addresses,
                      GError **error)
{
  for (guint i = 0; i < n_addresses; i++)
    if (!G_IS_INET_SOCKET_ADDRESS (addresses[i]))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             "Not an IPv4 or IPv6 socket address");
        return FALSE;
      }
    else if (family == G_SOCKET_FAMILY_IPV4 &&
             g_socket_address_get_family (addresses[i]) == G_SOCKET_FAMILY_IPV6)
      {
        g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (addresses[i]));

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "%s is an IPv6 address and the socket is IPv4", text);
        return FALSE;
      }
  return TRUE;
}

/**
 * gsctp_socket_bind:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): local addresses, all with the
 *   same port; port 0 picks a free one
 * @n_addresses: the number of @addresses
 * @error: return location for a #GError
 *
 * Binds the socket to one or several local addresses (`sctp_bindx()`):
 * with several, associations are multi-homed over all of them. A wildcard
 * address (`0.0.0.0`, `::`) binds to every address of the host.
 *
 * May be called again to add addresses to a bound socket; on a live
 * association the peer is told of them (RFC 5061's ASCONF, where both
 * sides have [property@Gsctp.Socket:asconf-supported] and Linux's
 * `net.sctp.addip_enable`) and emits
 * [signal@Gsctp.Socket::peer-address-change] with
 * %GSCTP_PEER_ADDR_STATE_ADDED. [method@Gsctp.Socket.unbind] removes them.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_bind (GSctpSocket *self,
                   GSocketAddress * const *addresses,
                   guint n_addresses,
                   GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (addresses != NULL || n_addresses == 0, FALSE);

  if (!gsctp_socket_check_open (self, error) || !gsctp_check_families (self->family, addresses, n_addresses, error))
    return FALSE;
  return self->endpoint->backend->bind (self->endpoint, addresses, n_addresses, error);
}

/**
 * gsctp_socket_unbind:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): local addresses the socket is
 *   bound to, with its port
 * @n_addresses: the number of @addresses
 * @error: return location for a #GError
 *
 * Removes local addresses of a socket bound to several (`sctp_bindx()`
 * with `SCTP_BINDX_REM_ADDR`); on a live association the peer is told
 * (RFC 5061), and emits [signal@Gsctp.Socket::peer-address-change] with
 * %GSCTP_PEER_ADDR_STATE_REMOVED. The last address cannot be removed.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_unbind (GSctpSocket *self,
                     GSocketAddress * const *addresses,
                     guint n_addresses,
                     GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (addresses != NULL || n_addresses == 0, FALSE);

  if (!gsctp_socket_check_open (self, error) || !gsctp_check_families (self->family, addresses, n_addresses, error))
    return FALSE;
  if (n_addresses == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No address given");
      return FALSE;
    }
  return self->endpoint->backend->unbind (self->endpoint, addresses, n_addresses, error);
}

/**
 * gsctp_socket_get_local_addresses:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the addresses the socket is bound to
 * @error: return location for a #GError
 *
 * Reads the local addresses (`sctp_getladdrs()`) of the socket or of one
 * of its associations.
 *
 * Returns: (transfer full) (element-type Gio.SocketAddress): the addresses;
 *   %NULL with @error unset when there are none
 */
GList *
gsctp_socket_get_local_addresses (GSctpSocket *self,
                                  GSctpAssocId assoc_id,
                                  GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  if (!gsctp_socket_check_open (self, error))
    return NULL;
  return self->endpoint->backend->get_addresses (self->endpoint, assoc_id, FALSE, error);
}

/**
 * gsctp_socket_get_peer_addresses:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Reads the addresses of the peer of an association (`sctp_getpaddrs()`):
 * every address the peer is reachable at.
 *
 * Returns: (transfer full) (element-type Gio.SocketAddress): the addresses
 */
GList *
gsctp_socket_get_peer_addresses (GSctpSocket *self,
                                 GSctpAssocId assoc_id,
                                 GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  if (!gsctp_socket_check_open (self, error))
    return NULL;
  return self->endpoint->backend->get_addresses (self->endpoint, assoc_id, TRUE, error);
}

/**
 * gsctp_socket_get_local_port:
 * @self: a #GSctpSocket
 * @error: return location for a #GError
 *
 * Reads the socket's local port.
 *
 * Returns: the port the socket is bound to, or 0 with @error set
 */
guint16
gsctp_socket_get_local_port (GSctpSocket *self,
                             GError **error)
{
  g_autolist(GSocketAddress) addresses = NULL;

  addresses = gsctp_socket_get_local_addresses (self, 0, error);
  if (addresses == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                             "The socket is not bound");
      return 0;
    }
  return g_inet_socket_address_get_port (addresses->data);
}

/**
 * gsctp_socket_listen:
 * @self: a #GSctpSocket
 * @backlog: on a one-to-many socket, any positive value accepts new
 *   associations and 0 stops accepting them (gen_sctp's `listen(S, true |
 *   false)`); on a one-to-one socket, the length of the accept queue, and
 *   0 stops listening
 * @error: return location for a #GError
 *
 * Accepts associations from peers. A one-to-many socket takes them as
 * its own; a one-to-one socket hands each over as a new socket of its
 * own: see [method@Gsctp.Socket.accept] and, in an active mode,
 * [signal@Gsctp.Socket::incoming]. A one-to-one socket that listens
 * receives no messages itself.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_listen (GSctpSocket *self,
                     int backlog,
                     GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (backlog >= 0, FALSE);

  if (!gsctp_socket_check_open (self, error) ||
      !self->endpoint->backend->listen (self->endpoint, backlog, error))
    return FALSE;
  if (self->type == GSCTP_SOCKET_TYPE_STREAM)
    {
      g_mutex_lock (&self->lock);
      self->listening = backlog > 0;
      gsctp_accept_update (self);
      g_mutex_unlock (&self->lock);
    }
  return TRUE;
}
