/* gsctp-options.c: SCTP socket options as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-options.h"

G_DEFINE_BOXED_TYPE (GSctpInitMsg, gsctp_init_msg, gsctp_init_msg_copy, gsctp_init_msg_free)

/**
 * gsctp_init_msg_copy:
 * @value: an init message
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpInitMsg *
gsctp_init_msg_copy (const GSctpInitMsg *value)
{
  GSctpInitMsg *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  return copy;
}

/**
 * gsctp_init_msg_free:
 * @value: (transfer full): an init message
 *
 * Frees @value.
 */
void
gsctp_init_msg_free (GSctpInitMsg *value)
{
  if (value == NULL)
    return;
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpRtoInfo, gsctp_rto_info, gsctp_rto_info_copy, gsctp_rto_info_free)

/**
 * gsctp_rto_info_copy:
 * @value: retransmission timeouts
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpRtoInfo *
gsctp_rto_info_copy (const GSctpRtoInfo *value)
{
  GSctpRtoInfo *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  return copy;
}

/**
 * gsctp_rto_info_free:
 * @value: (transfer full): retransmission timeouts
 *
 * Frees @value.
 */
void
gsctp_rto_info_free (GSctpRtoInfo *value)
{
  if (value == NULL)
    return;
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpAssocParams, gsctp_assoc_params, gsctp_assoc_params_copy, gsctp_assoc_params_free)

/**
 * gsctp_assoc_params_copy:
 * @value: association parameters
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpAssocParams *
gsctp_assoc_params_copy (const GSctpAssocParams *value)
{
  GSctpAssocParams *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  return copy;
}

/**
 * gsctp_assoc_params_free:
 * @value: (transfer full): association parameters
 *
 * Frees @value.
 */
void
gsctp_assoc_params_free (GSctpAssocParams *value)
{
  if (value == NULL)
    return;
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpPeerAddrParams, gsctp_peer_addr_params, gsctp_peer_addr_params_copy, gsctp_peer_addr_params_free)

/**
 * gsctp_peer_addr_params_copy:
 * @value: peer address parameters
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpPeerAddrParams *
gsctp_peer_addr_params_copy (const GSctpPeerAddrParams *value)
{
  GSctpPeerAddrParams *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  if (copy->address != NULL)
    g_object_ref (copy->address);
  return copy;
}

/**
 * gsctp_peer_addr_params_free:
 * @value: (transfer full): peer address parameters
 *
 * Frees @value.
 */
void
gsctp_peer_addr_params_free (GSctpPeerAddrParams *value)
{
  if (value == NULL)
    return;
  g_clear_object (&value->address);
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpPeerAddrInfo, gsctp_peer_addr_info, gsctp_peer_addr_info_copy, gsctp_peer_addr_info_free)

/**
 * gsctp_peer_addr_info_copy:
 * @value: peer address information
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpPeerAddrInfo *
gsctp_peer_addr_info_copy (const GSctpPeerAddrInfo *value)
{
  GSctpPeerAddrInfo *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  if (copy->address != NULL)
    g_object_ref (copy->address);
  return copy;
}

/**
 * gsctp_peer_addr_info_free:
 * @value: (transfer full): peer address information
 *
 * Frees @value.
 */
void
gsctp_peer_addr_info_free (GSctpPeerAddrInfo *value)
{
  if (value == NULL)
    return;
  g_clear_object (&value->address);
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpStatus, gsctp_status, gsctp_status_copy, gsctp_status_free)

/**
 * gsctp_status_copy:
 * @value: an association status
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpStatus *
gsctp_status_copy (const GSctpStatus *value)
{
  GSctpStatus *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  if (copy->primary.address != NULL)
    g_object_ref (copy->primary.address);
  return copy;
}

/**
 * gsctp_status_free:
 * @value: (transfer full): an association status
 *
 * Frees @value.
 */
void
gsctp_status_free (GSctpStatus *value)
{
  if (value == NULL)
    return;
  g_clear_object (&value->primary.address);
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpPrimaryAddr, gsctp_primary_addr, gsctp_primary_addr_copy, gsctp_primary_addr_free)

/**
 * gsctp_primary_addr_copy:
 * @value: an association and address
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpPrimaryAddr *
gsctp_primary_addr_copy (const GSctpPrimaryAddr *value)
{
  GSctpPrimaryAddr *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  if (copy->address != NULL)
    g_object_ref (copy->address);
  return copy;
}

/**
 * gsctp_primary_addr_free:
 * @value: (transfer full): an association and address
 *
 * Frees @value.
 */
void
gsctp_primary_addr_free (GSctpPrimaryAddr *value)
{
  if (value == NULL)
    return;
  g_clear_object (&value->address);
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpDelayedAck, gsctp_delayed_ack, gsctp_delayed_ack_copy, gsctp_delayed_ack_free)

/**
 * gsctp_delayed_ack_copy:
 * @value: delayed-SACK settings
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpDelayedAck *
gsctp_delayed_ack_copy (const GSctpDelayedAck *value)
{
  GSctpDelayedAck *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  return copy;
}

/**
 * gsctp_delayed_ack_free:
 * @value: (transfer full): delayed-SACK settings
 *
 * Frees @value.
 */
void
gsctp_delayed_ack_free (GSctpDelayedAck *value)
{
  if (value == NULL)
    return;
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpPrInfo, gsctp_pr_info, gsctp_pr_info_copy, gsctp_pr_info_free)

/**
 * gsctp_pr_info_copy:
 * @value: a partial-reliability policy
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpPrInfo *
gsctp_pr_info_copy (const GSctpPrInfo *value)
{
  GSctpPrInfo *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  return copy;
}

/**
 * gsctp_pr_info_free:
 * @value: (transfer full): a partial-reliability policy
 *
 * Frees @value.
 */
void
gsctp_pr_info_free (GSctpPrInfo *value)
{
  if (value == NULL)
    return;
  g_free (value);
}

/**
 * gsctp_init_msg_new:
 * @num_ostreams: outbound streams to ask for, 0 for the default
 * @max_instreams: most inbound streams to accept, 0 for the default
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a new #GSctpInitMsg that keeps the kernel's
 *   default INIT retransmission settings
 */
GSctpInitMsg *
gsctp_init_msg_new (guint16 num_ostreams,
                    guint16 max_instreams)
{
  GSctpInitMsg *msg = g_new0 (GSctpInitMsg, 1);

  msg->num_ostreams = num_ostreams;
  msg->max_instreams = max_instreams;
  return msg;
}

/**
 * gsctp_rto_info_new:
 * @assoc_id: the association, or 0 for the endpoint
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a #GSctpRtoInfo whose zero values leave the
 *   kernel's as they are
 */
GSctpRtoInfo *
gsctp_rto_info_new (GSctpAssocId assoc_id)
{
  GSctpRtoInfo *info = g_new0 (GSctpRtoInfo, 1);

  info->assoc_id = assoc_id;
  return info;
}

/**
 * gsctp_assoc_params_new:
 * @assoc_id: the association, or 0 for the endpoint
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a #GSctpAssocParams whose zero values leave the
 *   kernel's as they are
 */
GSctpAssocParams *
gsctp_assoc_params_new (GSctpAssocId assoc_id)
{
  GSctpAssocParams *params = g_new0 (GSctpAssocParams, 1);

  params->assoc_id = assoc_id;
  return params;
}

/**
 * gsctp_peer_addr_params_new:
 * @assoc_id: the association, or 0 for the endpoint
 * @address: (nullable): one peer address, or %NULL for all
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a #GSctpPeerAddrParams whose zero values leave
 *   the kernel's as they are
 */
GSctpPeerAddrParams *
gsctp_peer_addr_params_new (GSctpAssocId assoc_id,
                            GSocketAddress *address)
{
  GSctpPeerAddrParams *params = g_new0 (GSctpPeerAddrParams, 1);

  params->assoc_id = assoc_id;
  params->address = address ? g_object_ref (address) : NULL;
  return params;
}

/**
 * gsctp_primary_addr_new:
 * @assoc_id: the association
 * @address: (nullable): the address
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a new #GSctpPrimaryAddr
 */
GSctpPrimaryAddr *
gsctp_primary_addr_new (GSctpAssocId assoc_id,
                        GSocketAddress *address)
{
  GSctpPrimaryAddr *prim = g_new0 (GSctpPrimaryAddr, 1);

  prim->assoc_id = assoc_id;
  prim->address = address ? g_object_ref (address) : NULL;
  return prim;
}

/**
 * gsctp_delayed_ack_new:
 * @assoc_id: the association, or 0 for the endpoint
 * @delay: the delayed-SACK timeout in milliseconds
 * @frequency: packets per SACK
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a new #GSctpDelayedAck
 */
GSctpDelayedAck *
gsctp_delayed_ack_new (GSctpAssocId assoc_id,
                       guint32 delay,
                       guint32 frequency)
{
  GSctpDelayedAck *ack = g_new0 (GSctpDelayedAck, 1);

  ack->assoc_id = assoc_id;
  ack->delay = delay;
  ack->frequency = frequency;
  return ack;
}

/**
 * gsctp_pr_info_new:
 * @assoc_id: the association, or 0 for the endpoint
 * @policy: the PR-SCTP policy
 * @value: its value
 *
 * Makes a new value.
 *
 * Returns: (transfer full): a new #GSctpPrInfo
 */
GSctpPrInfo *
gsctp_pr_info_new (GSctpAssocId assoc_id,
                   GSctpPrPolicy policy,
                   guint32 value)
{
  GSctpPrInfo *info = g_new0 (GSctpPrInfo, 1);

  info->assoc_id = assoc_id;
  info->policy = policy;
  info->value = value;
  return info;
}

G_DEFINE_BOXED_TYPE (GSctpAssocStats, gsctp_assoc_stats, gsctp_assoc_stats_copy, gsctp_assoc_stats_free)

/**
 * gsctp_assoc_stats_copy:
 * @value: association statistics
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpAssocStats *
gsctp_assoc_stats_copy (const GSctpAssocStats *value)
{
  GSctpAssocStats *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  if (copy->max_rto_address != NULL)
    g_object_ref (copy->max_rto_address);
  return copy;
}

/**
 * gsctp_assoc_stats_free:
 * @value: (transfer full): association statistics
 *
 * Frees @value.
 */
void
gsctp_assoc_stats_free (GSctpAssocStats *value)
{
  if (value == NULL)
    return;
  g_clear_object (&value->max_rto_address);
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpSocketStats, gsctp_socket_stats, gsctp_socket_stats_copy, gsctp_socket_stats_free)

/**
 * gsctp_socket_stats_copy:
 * @value: a socket's counters
 *
 * Copies the value.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpSocketStats *
gsctp_socket_stats_copy (const GSctpSocketStats *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  return g_memdup2 (value, sizeof *value);
}

/**
 * gsctp_socket_stats_free:
 * @value: (transfer full): a socket's counters
 *
 * Frees @value.
 */
void
gsctp_socket_stats_free (GSctpSocketStats *value)
{
  g_free (value);
}

G_DEFINE_BOXED_TYPE (GSctpPeerAddrThresholds, gsctp_peer_addr_thresholds,
                     gsctp_peer_addr_thresholds_copy, gsctp_peer_addr_thresholds_free)

/**
 * gsctp_peer_addr_thresholds_new:
 * @assoc_id: the association, or 0 for the endpoint
 * @address: (nullable): one peer address, or %NULL for all
 *
 * Makes a new value, with Linux's defaults: a path fails after 5
 * timeouts, potentially-failed is off (its threshold is 5 too), and the
 * primary never switches on its own.
 *
 * Returns: (transfer full): a new #GSctpPeerAddrThresholds
 */
GSctpPeerAddrThresholds *
gsctp_peer_addr_thresholds_new (GSctpAssocId assoc_id,
                                GSocketAddress *address)
{
  GSctpPeerAddrThresholds *thresholds = g_new0 (GSctpPeerAddrThresholds, 1);

  thresholds->assoc_id = assoc_id;
  thresholds->address = address ? g_object_ref (address) : NULL;
  thresholds->path_max_retransmissions = 5;
  thresholds->pf_threshold = 5;
  thresholds->primary_switchover = G_MAXUINT16;
  return thresholds;
}

/**
 * gsctp_peer_addr_thresholds_copy:
 * @value: path thresholds
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @value
 */
GSctpPeerAddrThresholds *
gsctp_peer_addr_thresholds_copy (const GSctpPeerAddrThresholds *value)
{
  GSctpPeerAddrThresholds *copy;

  g_return_val_if_fail (value != NULL, NULL);
  copy = g_memdup2 (value, sizeof *value);
  if (copy->address != NULL)
    g_object_ref (copy->address);
  return copy;
}

/**
 * gsctp_peer_addr_thresholds_free:
 * @value: (transfer full): path thresholds
 *
 * Frees @value.
 */
void
gsctp_peer_addr_thresholds_free (GSctpPeerAddrThresholds *value)
{
  if (value == NULL)
    return;
  g_clear_object (&value->address);
  g_free (value);
}
