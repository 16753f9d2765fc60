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

/**
 * gsctp_socket_get_pr_status:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @stream: one of its outbound streams, or -1 for the whole association
 * @policy: the PR-SCTP policy whose abandoned messages to count;
 *   %GSCTP_PR_POLICY_NONE counts every policy
 * @abandoned_unsent: (out) (optional): messages abandoned before they
 *   were ever sent
 * @abandoned_sent: (out) (optional): messages abandoned after they were
 *   sent at least once
 * @error: return location for a #GError
 *
 * Reads how many messages partial reliability (RFC 7496) gave up on:
 * `SCTP_PR_ASSOC_STATUS`, or `SCTP_PR_STREAM_STATUS` for one stream.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_get_pr_status (GSctpSocket *self,
                            GSctpAssocId assoc_id,
                            int stream,
                            GSctpPrPolicy policy,
                            guint64 *abandoned_unsent,
                            guint64 *abandoned_sent,
                            GError **error)
{
  const GSctpAssocChange *assoc;
  GSctpEndpoint *endpoint;
  guint64 unsent = 0, sent = 0;
  guint16 outbound = 0;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (stream >= -1 && stream <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (policy >= GSCTP_PR_POLICY_NONE && policy <= GSCTP_PR_POLICY_PRIO, FALSE);

  g_mutex_lock (&self->lock);
  endpoint = gsctp_socket_endpoint (self, error);
  assoc = gsctp_associations_lookup (self, self->type == GSCTP_SOCKET_TYPE_STREAM
                                             ? gsctp_associations_stream_id (self) : assoc_id);
  if (assoc != NULL)
    outbound = assoc->outbound_streams;
  g_mutex_unlock (&self->lock);
  if (endpoint == NULL)
    return FALSE;
  /* The stack says EINVAL for a stream it does not have, as for an
   * association it does not have. */
  if (stream >= 0 && assoc != NULL && stream >= outbound)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM,
                   "Stream %d is not below the %u outbound streams of association %d",
                   stream, outbound, assoc_id);
      return FALSE;
    }
  if (!endpoint->backend->get_pr_status (endpoint, assoc_id, stream, policy, &unsent, &sent, error))
    return FALSE;
  if (abandoned_unsent != NULL)
    *abandoned_unsent = unsent;
  if (abandoned_sent != NULL)
    *abandoned_sent = sent;
  return TRUE;
}
