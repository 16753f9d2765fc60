/* gsctp-socket-options.c: GSctpSocket's structured options, stream
 * reconfiguration, linger, the init message and event subscriptions
 *
 * Each typed getter and setter is one call of the backend's options.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

/**
 * gsctp_socket_set_init_msg:
 * @self: a #GSctpSocket
 * @init_msg: the parameters of associations made from now on
 * @error: return location for a #GError
 *
 * Sets the `SCTP_INITMSG` option: how many streams new associations ask
 * for and accept, and how INIT is retransmitted.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_init_msg (GSctpSocket *self,
                           const GSctpInitMsg *init_msg,
                           GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (init_msg != NULL, FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  return self->endpoint->backend->set_struct (self->endpoint, GSCTP_STRUCT_INIT_MSG, init_msg, error);
}

/**
 * gsctp_socket_set_linger:
 * @self: a #GSctpSocket
 * @enabled: whether [method@Gsctp.Socket.close] lingers
 * @seconds: how long a one-to-one socket's close waits for the graceful
 *   shutdown; 0 with @enabled makes close abort every association instead
 * @error: return location for a #GError
 *
 * Sets `SO_LINGER`, gen_sctp's `{linger, {Enabled, Seconds}}`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_linger (GSctpSocket *self,
                         gboolean enabled,
                         guint seconds,
                         GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  return self->endpoint->backend->set_linger (self->endpoint, enabled, seconds, error);
}

/**
 * gsctp_socket_subscribe:
 * @self: a #GSctpSocket
 * @event: the kind of event
 * @assoc_id: one association, or 0 for the socket's current and future
 *   associations
 * @enabled: whether to receive the event
 * @error: return location for a #GError
 *
 * Subscribes to an event, or unsubscribes from it, with `SCTP_EVENT` (the
 * old `SCTP_EVENTS` struct on kernels without it, endpoint-wide only).
 * Subscribed events are returned by receives in order with the data and
 * emitted as signals.
 *
 * A new socket is subscribed to what gen_sctp subscribes to:
 * association changes, peer-address changes, send failures, remote errors,
 * shutdowns and partial-delivery events; not to adaptation indications,
 * authentication, sender-dry (it fires each time the send queue drains)
 * or the stream reconfiguration events.
 *
 * Association changes are always read, because connects depend on them;
 * unsubscribing hides them from receives and signals (and only for the
 * whole socket).
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_subscribe (GSctpSocket *self,
                        GSctpEventType event,
                        GSctpAssocId assoc_id,
                        gboolean enabled,
                        GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (event > GSCTP_EVENT_TYPE_NONE && event < GSCTP_N_EVENT_TYPES, FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  if (event == GSCTP_EVENT_TYPE_ASSOC_CHANGE)
    {
      if (assoc_id != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Association changes are subscribed for the whole socket");
          return FALSE;
        }
      g_mutex_lock (&self->lock);
      self->assoc_change_hidden = !enabled;
      g_mutex_unlock (&self->lock);
      return TRUE;
    }
  return self->endpoint->backend->subscribe (self->endpoint, self->type, assoc_id, event,
                                            enabled, error);
}

/**
 * gsctp_socket_get_subscribed:
 * @self: a #GSctpSocket
 * @event: the kind of event
 * @assoc_id: one association, or 0 for the socket's future associations
 * @error: return location for a #GError
 *
 * Reads back a subscription from the kernel.
 *
 * Returns: whether the event is subscribed; %FALSE with @error set if it
 *   could not be read
 */
gboolean
gsctp_socket_get_subscribed (GSctpSocket *self,
                             GSctpEventType event,
                             GSctpAssocId assoc_id,
                             GError **error)
{
  gboolean enabled = FALSE;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (event > GSCTP_EVENT_TYPE_NONE && event < GSCTP_N_EVENT_TYPES, FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  if (event == GSCTP_EVENT_TYPE_ASSOC_CHANGE)
    {
      g_mutex_lock (&self->lock);
      enabled = !self->assoc_change_hidden;
      g_mutex_unlock (&self->lock);
      return enabled;
    }
  if (!self->endpoint->backend->is_subscribed (self->endpoint, assoc_id, event, &enabled, error))
    return FALSE;
  return enabled;
}

/* ------------------------------------------------------------------ */
/* Structured options                                                  */

#define ENDPOINT_OR_RETURN(self, error, value)                          \
  GSctpEndpoint *endpoint = gsctp_socket_endpoint ((self), (error));    \
  if (endpoint == NULL)                                                 \
    return (value)

/**
 * gsctp_socket_get_init_msg:
 * @self: a #GSctpSocket
 * @error: return location for a #GError
 *
 * Reads `SCTP_INITMSG`: the parameters of new associations.
 *
 * Returns: (transfer full): the parameters, or %NULL on error
 */
GSctpInitMsg *
gsctp_socket_get_init_msg (GSctpSocket *self,
                           GError **error)
{
  g_autoptr(GSctpInitMsg) msg = gsctp_init_msg_new (0, 0);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_INIT_MSG, msg, error))
    return NULL;
  return g_steal_pointer (&msg);
}

/**
 * gsctp_socket_get_rto_info:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @error: return location for a #GError
 *
 * Reads `SCTP_RTOINFO`, gen_sctp's `sctp_rtoinfo`.
 *
 * Returns: (transfer full): the retransmission timeouts, or %NULL on error
 */
GSctpRtoInfo *
gsctp_socket_get_rto_info (GSctpSocket *self,
                           GSctpAssocId assoc_id,
                           GError **error)
{
  g_autoptr(GSctpRtoInfo) info = gsctp_rto_info_new (assoc_id);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_RTO_INFO, info, error))
    return NULL;
  return g_steal_pointer (&info);
}

/**
 * gsctp_socket_set_rto_info:
 * @self: a #GSctpSocket
 * @info: the retransmission timeouts; zero values are left as they are
 * @error: return location for a #GError
 *
 * Sets `SCTP_RTOINFO` for the association or endpoint in @info.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_rto_info (GSctpSocket *self,
                           const GSctpRtoInfo *info,
                           GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_RTO_INFO, info, error);
}

/**
 * gsctp_socket_get_assoc_params:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @error: return location for a #GError
 *
 * Reads `SCTP_ASSOCINFO`, gen_sctp's `sctp_associnfo`.
 *
 * Returns: (transfer full): the parameters, or %NULL on error
 */
GSctpAssocParams *
gsctp_socket_get_assoc_params (GSctpSocket *self,
                               GSctpAssocId assoc_id,
                               GError **error)
{
  g_autoptr(GSctpAssocParams) params = gsctp_assoc_params_new (assoc_id);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_ASSOC_PARAMS, params, error))
    return NULL;
  return g_steal_pointer (&params);
}

/**
 * gsctp_socket_set_assoc_params:
 * @self: a #GSctpSocket
 * @params: the parameters; zero values and read-only fields are ignored
 * @error: return location for a #GError
 *
 * Sets `SCTP_ASSOCINFO`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_assoc_params (GSctpSocket *self,
                               const GSctpAssocParams *params,
                               GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_ASSOC_PARAMS, params, error);
}

/**
 * gsctp_socket_get_peer_addr_params:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @address: (nullable): one peer address of the association, or %NULL
 * @error: return location for a #GError
 *
 * Reads `SCTP_PEER_ADDR_PARAMS`, gen_sctp's `sctp_peer_addr_params`.
 *
 * Returns: (transfer full): the parameters, or %NULL on error
 */
GSctpPeerAddrParams *
gsctp_socket_get_peer_addr_params (GSctpSocket *self,
                                   GSctpAssocId assoc_id,
                                   GSocketAddress *address,
                                   GError **error)
{
  g_autoptr(GSctpPeerAddrParams) params = gsctp_peer_addr_params_new (assoc_id, address);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_PEER_ADDR_PARAMS, params, error))
    return NULL;
  return g_steal_pointer (&params);
}

/**
 * gsctp_socket_set_peer_addr_params:
 * @self: a #GSctpSocket
 * @params: the parameters, for one address or all of an association's or
 *   the endpoint's
 * @error: return location for a #GError
 *
 * Sets `SCTP_PEER_ADDR_PARAMS`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_peer_addr_params (GSctpSocket *self,
                                   const GSctpPeerAddrParams *params,
                                   GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_PEER_ADDR_PARAMS, params, error);
}

/**
 * gsctp_socket_get_peer_addr_thresholds:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @address: (nullable): one peer address of the association, or %NULL
 * @error: return location for a #GError
 *
 * Reads `SCTP_PEER_ADDR_THLDS_V2`: after how many timeouts a path is
 * potentially failed, failed, and no longer the primary.
 *
 * Returns: (transfer full): the thresholds, or %NULL on error
 */
GSctpPeerAddrThresholds *
gsctp_socket_get_peer_addr_thresholds (GSctpSocket *self,
                                       GSctpAssocId assoc_id,
                                       GSocketAddress *address,
                                       GError **error)
{
  g_autoptr(GSctpPeerAddrThresholds) thresholds = gsctp_peer_addr_thresholds_new (assoc_id, address);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_PEER_ADDR_THRESHOLDS, thresholds, error))
    return NULL;
  return g_steal_pointer (&thresholds);
}

/**
 * gsctp_socket_set_peer_addr_thresholds:
 * @self: a #GSctpSocket
 * @thresholds: the thresholds, for one address or all of an association's
 *   or the endpoint's
 * @error: return location for a #GError
 *
 * Sets `SCTP_PEER_ADDR_THLDS_V2`. A potentially-failed threshold below the
 * failed one turns on RFC 7829's quick failover: data leaves a path at
 * its first timeouts instead of after all of them. A threshold the kernel
 * refuses (a potentially-failed one above the failed one) is an error
 * naming the option.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_peer_addr_thresholds (GSctpSocket *self,
                                       const GSctpPeerAddrThresholds *thresholds,
                                       GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (thresholds != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_PEER_ADDR_THRESHOLDS, thresholds,
                                        error);
}

/**
 * gsctp_socket_get_peer_addr_info:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @address: one of its peer addresses
 * @error: return location for a #GError
 *
 * Reads `SCTP_GET_PEER_ADDR_INFO`, gen_sctp's `sctp_get_peer_addr_info`.
 *
 * Returns: (transfer full): the state of the path, or %NULL on error
 */
GSctpPeerAddrInfo *
gsctp_socket_get_peer_addr_info (GSctpSocket *self,
                                 GSctpAssocId assoc_id,
                                 GSocketAddress *address,
                                 GError **error)
{
  g_autoptr(GSctpPeerAddrInfo) info = g_new0 (GSctpPeerAddrInfo, 1);
  ENDPOINT_OR_RETURN (self, error, NULL);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), NULL);

  info->assoc_id = assoc_id;
  info->address = g_object_ref (address);
  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_PEER_ADDR_INFO, info, error))
    return NULL;
  return g_steal_pointer (&info);
}

/**
 * gsctp_socket_get_status:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Reads `SCTP_STATUS`, gen_sctp's `sctp_status`.
 *
 * Returns: (transfer full): the association's state, or %NULL on error
 */
GSctpStatus *
gsctp_socket_get_status (GSctpSocket *self,
                         GSctpAssocId assoc_id,
                         GError **error)
{
  g_autoptr(GSctpStatus) status = g_new0 (GSctpStatus, 1);
  ENDPOINT_OR_RETURN (self, error, NULL);

  status->assoc_id = assoc_id;
  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_STATUS, status, error))
    return NULL;
  return g_steal_pointer (&status);
}

/**
 * gsctp_socket_get_primary_addr:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Reads `SCTP_PRIMARY_ADDR`, gen_sctp's `sctp_primary_addr`.
 *
 * Returns: (transfer full): the association and its primary peer address,
 *   or %NULL on error
 */
GSctpPrimaryAddr *
gsctp_socket_get_primary_addr (GSctpSocket *self,
                               GSctpAssocId assoc_id,
                               GError **error)
{
  g_autoptr(GSctpPrimaryAddr) prim = gsctp_primary_addr_new (assoc_id, NULL);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_PRIMARY_ADDR, prim, error))
    return NULL;
  return g_steal_pointer (&prim);
}

/**
 * gsctp_socket_set_primary_addr:
 * @self: a #GSctpSocket
 * @prim: an association and one of its peer addresses
 * @error: return location for a #GError
 *
 * Sets `SCTP_PRIMARY_ADDR`: the path this end sends on.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_primary_addr (GSctpSocket *self,
                               const GSctpPrimaryAddr *prim,
                               GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (prim != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_PRIMARY_ADDR, prim, error);
}

/**
 * gsctp_socket_set_peer_primary_addr:
 * @self: a #GSctpSocket
 * @prim: an association and one of this end's addresses
 * @error: return location for a #GError
 *
 * Sets `SCTP_SET_PEER_PRIMARY_ADDR`, gen_sctp's
 * `sctp_set_peer_primary_addr`: asks the peer to send to that address.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_peer_primary_addr (GSctpSocket *self,
                                    const GSctpPrimaryAddr *prim,
                                    GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (prim != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_PEER_PRIMARY_ADDR, prim, error);
}

/**
 * gsctp_socket_get_delayed_ack:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @error: return location for a #GError
 *
 * Reads `SCTP_DELAYED_SACK`, gen_sctp's `sctp_delayed_ack_time`.
 *
 * Returns: (transfer full): the delayed-SACK settings, or %NULL on error
 */
GSctpDelayedAck *
gsctp_socket_get_delayed_ack (GSctpSocket *self,
                              GSctpAssocId assoc_id,
                              GError **error)
{
  g_autoptr(GSctpDelayedAck) ack = gsctp_delayed_ack_new (assoc_id, 0, 0);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_DELAYED_ACK, ack, error))
    return NULL;
  return g_steal_pointer (&ack);
}

/**
 * gsctp_socket_set_delayed_ack:
 * @self: a #GSctpSocket
 * @ack: the delayed-SACK settings
 * @error: return location for a #GError
 *
 * Sets `SCTP_DELAYED_SACK`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_delayed_ack (GSctpSocket *self,
                              const GSctpDelayedAck *ack,
                              GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (ack != NULL, FALSE);
  return endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_DELAYED_ACK, ack, error);
}

/**
 * gsctp_socket_get_default_send_param:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @error: return location for a #GError
 *
 * Reads `SCTP_DEFAULT_SEND_PARAM`, gen_sctp's `sctp_default_send_param`:
 * what [method@Gsctp.Socket.send_to_stream] and sends without send info
 * use.
 *
 * Returns: (transfer full): the default send info, or %NULL on error
 */
GSctpSndInfo *
gsctp_socket_get_default_send_param (GSctpSocket *self,
                                     GSctpAssocId assoc_id,
                                     GError **error)
{
  g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (assoc_id, 0, 0);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_DEFAULT_SEND, info, error))
    return NULL;
  return g_steal_pointer (&info);
}

/**
 * gsctp_socket_set_default_send_param:
 * @self: a #GSctpSocket
 * @info: the default stream, flags, PPID, context and time-to-live, for
 *   the association (or endpoint) in its @assoc_id
 * @error: return location for a #GError
 *
 * Sets `SCTP_DEFAULT_SEND_PARAM`. [method@Gsctp.Socket.send_to_stream]
 * sends with this PPID, context and time-to-live.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_default_send_param (GSctpSocket *self,
                                     const GSctpSndInfo *info,
                                     GError **error)
{
  gboolean set;

  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  set = endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_DEFAULT_SEND, info, error);
  /* After the stack has them: a send_to_stream() that read the old ones
   * meanwhile does not keep them. Whatever the stack made of a failed
   * set, what was kept may be old. */
  gsctp_send_forget_defaults (self);
  return set;
}

/**
 * gsctp_socket_get_default_pr_info:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's defaults
 * @error: return location for a #GError
 *
 * Reads `SCTP_DEFAULT_PRINFO`.
 *
 * Returns: (transfer full): the default PR-SCTP policy, or %NULL on error
 */
GSctpPrInfo *
gsctp_socket_get_default_pr_info (GSctpSocket *self,
                                  GSctpAssocId assoc_id,
                                  GError **error)
{
  g_autoptr(GSctpPrInfo) info = gsctp_pr_info_new (assoc_id, GSCTP_PR_POLICY_NONE, 0);
  ENDPOINT_OR_RETURN (self, error, NULL);

  if (!endpoint->backend->get_struct (endpoint, GSCTP_STRUCT_DEFAULT_PR_INFO, info, error))
    return NULL;
  return g_steal_pointer (&info);
}

/**
 * gsctp_socket_set_default_pr_info:
 * @self: a #GSctpSocket
 * @info: the policy for messages sent without one
 * @error: return location for a #GError
 *
 * Sets `SCTP_DEFAULT_PRINFO`: the policy of messages sent on the
 * association (or, with 0, on the socket's) with no policy and no time to
 * live of their own.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_default_pr_info (GSctpSocket *self,
                                  const GSctpPrInfo *info,
                                  GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  if (!endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_DEFAULT_PR_INFO, info, error))
    return FALSE;
  gsctp_send_set_default_pr (self, info);
  return TRUE;
}

/**
 * gsctp_socket_get_linger:
 * @self: a #GSctpSocket
 * @error: return location for a #GError
 *
 * Reads `SO_LINGER`, gen_sctp's `linger`.
 *
 * Returns: how many seconds close lingers, or -1 when it does not (or with
 *   @error set when it could not be read)
 */
int
gsctp_socket_get_linger (GSctpSocket *self,
                         GError **error)
{
  gboolean enabled;
  guint seconds;
  ENDPOINT_OR_RETURN (self, error, -1);

  if (!endpoint->backend->get_linger (endpoint, &enabled, &seconds, error))
    return -1;
  return enabled ? (int) MIN (seconds, G_MAXINT) : -1;
}

/**
 * gsctp_socket_enable_stream_reset:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the endpoint's future associations
 * @flags: which reconfiguration requests of the peer to accept
 * @error: return location for a #GError
 *
 * Sets `SCTP_ENABLE_STREAM_RESET` (RFC 6525). Both ends must enable a
 * request for it to succeed; the results arrive as
 * [signal@Gsctp.Socket::stream-reset], [signal@Gsctp.Socket::association-reset]
 * and [signal@Gsctp.Socket::stream-change] events.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_enable_stream_reset (GSctpSocket *self,
                                  GSctpAssocId assoc_id,
                                  GSctpStreamResetFlags flags,
                                  GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  return endpoint->backend->enable_stream_reset (endpoint, assoc_id, flags, error);
}

/**
 * gsctp_socket_reset_streams:
 * @self: a #GSctpSocket
 * @assoc_id: the association
 * @direction: %GSCTP_RESET_FLAGS_INCOMING, %GSCTP_RESET_FLAGS_OUTGOING or
 *   both
 * @streams: (array length=n_streams) (nullable): the streams to reset;
 *   none for all
 * @n_streams: the number of @streams
 * @error: return location for a #GError
 *
 * Asks for a stream reset (`SCTP_RESET_STREAMS`, RFC 6525): the stream
 * sequence numbers start again at 0.
 *
 * Returns: %TRUE if the request was sent
 */
gboolean
gsctp_socket_reset_streams (GSctpSocket *self,
                            GSctpAssocId assoc_id,
                            GSctpResetFlags direction,
                            const guint16 *streams,
                            guint n_streams,
                            GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  g_return_val_if_fail (streams != NULL || n_streams == 0, FALSE);
  return endpoint->backend->reset_streams (endpoint, assoc_id, (direction & GSCTP_RESET_FLAGS_INCOMING) != 0,
                                     (direction & GSCTP_RESET_FLAGS_OUTGOING) != 0,
                                     streams, n_streams, error);
}

/**
 * gsctp_socket_add_streams:
 * @self: a #GSctpSocket
 * @assoc_id: the association
 * @inbound: inbound streams to add
 * @outbound: outbound streams to add
 * @error: return location for a #GError
 *
 * Asks for more streams (`SCTP_ADD_STREAMS`, RFC 6525).
 *
 * Returns: %TRUE if the request was sent
 */
gboolean
gsctp_socket_add_streams (GSctpSocket *self,
                          GSctpAssocId assoc_id,
                          guint16 inbound,
                          guint16 outbound,
                          GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  return endpoint->backend->add_streams (endpoint, assoc_id, inbound, outbound, error);
}

/**
 * gsctp_socket_get_stream_value:
 * @self: a #GSctpSocket
 * @assoc_id: the association
 * @stream: an outbound stream
 * @error: return location for a #GError
 *
 * Reads `SCTP_STREAM_SCHEDULER_VALUE`: a stream's priority under the
 * priority scheduler, or its weight under weighted fair queueing (see
 * [property@Gsctp.Socket:stream-scheduler]).
 *
 * Returns: the stream's value, or 0 with @error set
 */
guint16
gsctp_socket_get_stream_value (GSctpSocket *self,
                               GSctpAssocId assoc_id,
                               guint16 stream,
                               GError **error)
{
  guint16 value = 0;
  ENDPOINT_OR_RETURN (self, error, 0);

  if (!endpoint->backend->get_stream_value (endpoint, assoc_id, stream, &value, error))
    return 0;
  return value;
}

/**
 * gsctp_socket_set_stream_value:
 * @self: a #GSctpSocket
 * @assoc_id: the association
 * @stream: an outbound stream
 * @value: its priority (lower first) or weight
 * @error: return location for a #GError
 *
 * Sets `SCTP_STREAM_SCHEDULER_VALUE`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_stream_value (GSctpSocket *self,
                               GSctpAssocId assoc_id,
                               guint16 stream,
                               guint16 value,
                               GError **error)
{
  ENDPOINT_OR_RETURN (self, error, FALSE);
  return endpoint->backend->set_stream_value (endpoint, assoc_id, stream, value, error);
}
