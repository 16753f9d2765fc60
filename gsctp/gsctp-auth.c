/* gsctp-auth.c: SCTP-AUTH (RFC 4895) on a GSctpSocket
 *
 * Which chunk types the peer must authenticate, with which HMAC
 * algorithms, under which shared keys; rolling over from one key to the
 * next. The ::authentication signal tells when the peer uses a new key
 * and when an old one may be deleted.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

static gboolean
auth (GSctpSocket *self,
      GSctpAuthOp op,
      GSctpAssocId assoc_id,
      guint16 key_number,
      gconstpointer data,
      gsize size,
      GError **error)
{
  GSctpEndpoint *endpoint = gsctp_socket_endpoint (self, error);

  return endpoint != NULL &&
         endpoint->backend->auth (endpoint, op, assoc_id, key_number, data, size, error);
}

/**
 * gsctp_socket_add_auth_chunk:
 * @self: a #GSctpSocket
 * @chunk_type: an SCTP chunk type (0 for DATA, 3 for SACK, …)
 * @error: return location for a #GError
 *
 * Asks peers to authenticate chunks of @chunk_type (`SCTP_AUTH_CHUNK`):
 * from new associations on, the peer sends them only behind an AUTH
 * chunk, and chunks of that type without one are dropped. Needs SCTP-AUTH
 * on: [property@Gsctp.Socket:auth-supported], or Linux's
 * `net.sctp.auth_enable`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_add_auth_chunk (GSctpSocket *self,
                             guint8 chunk_type,
                             GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  return auth (self, GSCTP_AUTH_ADD_CHUNK, 0, 0, &chunk_type, 1, error);
}

/**
 * gsctp_socket_set_hmac_idents:
 * @self: a #GSctpSocket
 * @idents: (array length=n_idents): HMAC identifiers, preferred first: 1
 *   for SHA-1 (which must be among them), 3 for SHA-256
 * @n_idents: the number of @idents
 * @error: return location for a #GError
 *
 * Sets the HMAC algorithms the socket offers (`SCTP_HMAC_IDENT`). One the
 * stack does not have is an error that says so.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_hmac_idents (GSctpSocket *self,
                              const guint16 *idents,
                              gsize n_idents,
                              GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (idents != NULL || n_idents == 0, FALSE);

  if (n_idents == 0 || n_idents > 64)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Could not set SCTP_HMAC_IDENT: %" G_GSIZE_FORMAT " identifiers (1 to 64)",
                   n_idents);
      return FALSE;
    }
  return auth (self, GSCTP_AUTH_HMAC_IDENTS, 0, 0, idents, n_idents * sizeof (guint16), error);
}

/**
 * gsctp_socket_set_auth_key:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint (its future
 *   associations)
 * @key_number: the key's number, which both ends use for it
 * @key: the shared secret (at most 65535 bytes; may be empty)
 * @error: return location for a #GError
 *
 * Adds or replaces a shared key (`SCTP_AUTH_KEY`). Both ends must have
 * the same bytes under the same number; the active key signs what this
 * end sends.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_auth_key (GSctpSocket *self,
                           GSctpAssocId assoc_id,
                           guint16 key_number,
                           GBytes *key,
                           GError **error)
{
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  data = g_bytes_get_data (key, &size);
  if (size > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Could not set SCTP_AUTH_KEY: a key of %" G_GSIZE_FORMAT " bytes (at most 65535)",
                   size);
      return FALSE;
    }
  return auth (self, GSCTP_AUTH_SET_KEY, assoc_id, key_number, data, size, error);
}

/**
 * gsctp_socket_set_active_key:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint
 * @key_number: a key set with [method@Gsctp.Socket.set_auth_key]
 * @error: return location for a #GError
 *
 * Signs what this end sends with key @key_number from now on
 * (`SCTP_AUTH_ACTIVE_KEY`). An unknown key is an error that names it.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_active_key (GSctpSocket *self,
                             GSctpAssocId assoc_id,
                             guint16 key_number,
                             GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  return auth (self, GSCTP_AUTH_ACTIVATE_KEY, assoc_id, key_number, NULL, 0, error);
}

/**
 * gsctp_socket_get_active_key:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint
 * @key_number: (out): where to store the active key's number
 * @error: return location for a #GError
 *
 * Reads which key signs what this end sends (`SCTP_AUTH_ACTIVE_KEY`).
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_get_active_key (GSctpSocket *self,
                             GSctpAssocId assoc_id,
                             guint16 *key_number,
                             GError **error)
{
  GSctpEndpoint *endpoint;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (key_number != NULL, FALSE);

  endpoint = gsctp_socket_endpoint (self, error);
  return endpoint != NULL && endpoint->backend->get_active_key (endpoint, assoc_id, key_number, error);
}

/**
 * gsctp_socket_deactivate_key:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint
 * @key_number: a key that is no longer the active one
 * @error: return location for a #GError
 *
 * Stops using a key (`SCTP_AUTH_DEACTIVATE_KEY`); once the stack no
 * longer needs it, [signal@Gsctp.Socket::authentication] says
 * %GSCTP_AUTH_INDICATION_FREE_KEY and it may be deleted.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_deactivate_key (GSctpSocket *self,
                             GSctpAssocId assoc_id,
                             guint16 key_number,
                             GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  return auth (self, GSCTP_AUTH_DEACTIVATE_KEY, assoc_id, key_number, NULL, 0, error);
}

/**
 * gsctp_socket_delete_key:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint
 * @key_number: a deactivated key
 * @error: return location for a #GError
 *
 * Deletes a key (`SCTP_AUTH_DELETE_KEY`). The active key, or one still in
 * use, cannot be deleted: an error says so.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_delete_key (GSctpSocket *self,
                         GSctpAssocId assoc_id,
                         guint16 key_number,
                         GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  return auth (self, GSCTP_AUTH_DELETE_KEY, assoc_id, key_number, NULL, 0, error);
}

/**
 * gsctp_socket_get_auth_chunks:
 * @self: a #GSctpSocket
 * @assoc_id: an association
 * @peer: %TRUE for the chunk types the peer asked this end to
 *   authenticate (`SCTP_PEER_AUTH_CHUNKS`), %FALSE for those this end asks
 *   of the peer (`SCTP_LOCAL_AUTH_CHUNKS`)
 * @error: return location for a #GError
 *
 * Reads which chunk types are authenticated on an association.
 *
 * Returns: (transfer full): the chunk types, one byte each, or %NULL on
 *   error
 */
GBytes *
gsctp_socket_get_auth_chunks (GSctpSocket *self,
                              GSctpAssocId assoc_id,
                              gboolean peer,
                              GError **error)
{
  g_autoptr(GByteArray) chunks = g_byte_array_new ();
  GSctpEndpoint *endpoint;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  endpoint = gsctp_socket_endpoint (self, error);
  if (endpoint == NULL ||
      !endpoint->backend->get_auth_chunks (endpoint, assoc_id, peer, chunks, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&chunks));
}
