/* gsctp-statistics.c: how a socket and its associations are doing: the
 * list of its associations, the stack's counters of one association, and
 * gsctp's own counters of what the socket received and sent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

/**
 * gsctp_socket_get_associations:
 * @self: a #GSctpSocket
 * @n_associations: (out): where to store how many there are
 * @error: return location for a #GError
 *
 * Lists the associations of the socket as the stack knows them
 * (`SCTP_GET_ASSOC_ID_LIST`): on a one-to-many socket every live one, on a
 * connected one-to-one socket its one association, and none otherwise.
 *
 * Returns: (array length=n_associations) (transfer full): the association
 *   ids (#GSctpAssocId), or %NULL on error
 */
gint32 *
gsctp_socket_get_associations (GSctpSocket *self,
                               gsize *n_associations,
                               GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (GSctpAssocId));
  GSctpEndpoint *endpoint;
  gboolean ok;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (n_associations != NULL, NULL);

  *n_associations = 0;
  g_mutex_lock (&self->lock);
  endpoint = gsctp_socket_endpoint (self, error);
  ok = endpoint != NULL && endpoint->backend->get_assoc_ids (endpoint, ids, error);
  g_mutex_unlock (&self->lock);
  if (!ok)
    return NULL;
  *n_associations = ids->len;
  /* Not NULL when there are none: NULL says it failed. */
  g_array_set_size (ids, ids->len + 1);
  return (gint32 *) g_array_free (g_steal_pointer (&ids), FALSE);
}

/**
 * gsctp_socket_get_assoc_stats:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Reads what the stack counted for an association since it began
 * (`SCTP_GET_ASSOC_STATS`): packets, SACKs, retransmitted and duplicate
 * chunks, chunks out of sequence, gap-ack blocks, ordered, unordered and
 * control chunks each way, and the largest retransmission timeout since
 * the last read with the address of its path. Rising retransmissions are
 * the first sign of a lossy path.
 *
 * The kernel backend has it; the userland backend fails with
 * %GSCTP_ERROR_NOT_SUPPORTED.
 *
 * Returns: (transfer full): the association's counters, or %NULL on error
 */
GSctpAssocStats *
gsctp_socket_get_assoc_stats (GSctpSocket *self,
                              GSctpAssocId assoc_id,
                              GError **error)
{
  g_autoptr(GSctpAssocStats) stats = g_new0 (GSctpAssocStats, 1);
  GSctpEndpoint *endpoint;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  endpoint = gsctp_socket_endpoint (self, error);
  if (endpoint == NULL)
    return NULL;
  stats->assoc_id = assoc_id;
  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_ASSOC_STATS, stats, error))
    return NULL;
  return g_steal_pointer (&stats);
}

/**
 * gsctp_socket_get_statistics:
 * @self: a #GSctpSocket
 *
 * Reads gsctp's counters of the data messages the socket received and
 * sent since it was made, over all its associations, and the bytes its
 * async sends still queue: gen_sctp's `inet:getstat/1`. Events are not
 * counted, nor aborts and shutdowns.
 *
 * Returns: (transfer full): the socket's counters
 */
GSctpSocketStats *
gsctp_socket_get_statistics (GSctpSocket *self)
{
  GSctpSocketStats *stats;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  stats = g_new0 (GSctpSocketStats, 1);
  stats->messages_received = atomic_load (&self->received.messages);
  stats->bytes_received = atomic_load (&self->received.bytes);
  stats->largest_received = atomic_load (&self->received.largest);
  stats->messages_sent = atomic_load (&self->sent.messages);
  stats->bytes_sent = atomic_load (&self->sent.bytes);
  stats->largest_sent = atomic_load (&self->sent.largest);
  g_mutex_lock (&self->lock);
  stats->pending_bytes = self->queued_bytes;
  g_mutex_unlock (&self->lock);
  return stats;
}
