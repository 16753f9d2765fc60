/* gsctp-events.c: SCTP notifications as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-events-private.h"

G_DEFINE_BOXED_TYPE (GSctpAssocChange, gsctp_assoc_change, gsctp_assoc_change_copy, gsctp_assoc_change_free)

/**
 * gsctp_assoc_change_copy:
 * @event: an association change
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpAssocChange *
gsctp_assoc_change_copy (const GSctpAssocChange *event)
{
  GSctpAssocChange *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_assoc_change_free:
 * @event: (transfer full): an association change
 *
 * Frees @event.
 */
void
gsctp_assoc_change_free (GSctpAssocChange *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpShutdownEvent, gsctp_shutdown_event, gsctp_shutdown_event_copy, gsctp_shutdown_event_free)

/**
 * gsctp_shutdown_event_copy:
 * @event: a shutdown event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpShutdownEvent *
gsctp_shutdown_event_copy (const GSctpShutdownEvent *event)
{
  GSctpShutdownEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_shutdown_event_free:
 * @event: (transfer full): a shutdown event
 *
 * Frees @event.
 */
void
gsctp_shutdown_event_free (GSctpShutdownEvent *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpPartialDelivery, gsctp_partial_delivery, gsctp_partial_delivery_copy, gsctp_partial_delivery_free)

/**
 * gsctp_partial_delivery_copy:
 * @event: a partial-delivery event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpPartialDelivery *
gsctp_partial_delivery_copy (const GSctpPartialDelivery *event)
{
  GSctpPartialDelivery *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_partial_delivery_free:
 * @event: (transfer full): a partial-delivery event
 *
 * Frees @event.
 */
void
gsctp_partial_delivery_free (GSctpPartialDelivery *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpAdaptationIndication, gsctp_adaptation_indication, gsctp_adaptation_indication_copy, gsctp_adaptation_indication_free)

/**
 * gsctp_adaptation_indication_copy:
 * @event: an adaptation indication
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpAdaptationIndication *
gsctp_adaptation_indication_copy (const GSctpAdaptationIndication *event)
{
  GSctpAdaptationIndication *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_adaptation_indication_free:
 * @event: (transfer full): an adaptation indication
 *
 * Frees @event.
 */
void
gsctp_adaptation_indication_free (GSctpAdaptationIndication *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpAuthentication, gsctp_authentication, gsctp_authentication_copy, gsctp_authentication_free)

/**
 * gsctp_authentication_copy:
 * @event: an authentication event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpAuthentication *
gsctp_authentication_copy (const GSctpAuthentication *event)
{
  GSctpAuthentication *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_authentication_free:
 * @event: (transfer full): an authentication event
 *
 * Frees @event.
 */
void
gsctp_authentication_free (GSctpAuthentication *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpSenderDry, gsctp_sender_dry, gsctp_sender_dry_copy, gsctp_sender_dry_free)

/**
 * gsctp_sender_dry_copy:
 * @event: a sender-dry event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpSenderDry *
gsctp_sender_dry_copy (const GSctpSenderDry *event)
{
  GSctpSenderDry *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_sender_dry_free:
 * @event: (transfer full): a sender-dry event
 *
 * Frees @event.
 */
void
gsctp_sender_dry_free (GSctpSenderDry *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpAssocReset, gsctp_assoc_reset, gsctp_assoc_reset_copy, gsctp_assoc_reset_free)

/**
 * gsctp_assoc_reset_copy:
 * @event: an association-reset event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpAssocReset *
gsctp_assoc_reset_copy (const GSctpAssocReset *event)
{
  GSctpAssocReset *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_assoc_reset_free:
 * @event: (transfer full): an association-reset event
 *
 * Frees @event.
 */
void
gsctp_assoc_reset_free (GSctpAssocReset *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpStreamChange, gsctp_stream_change, gsctp_stream_change_copy, gsctp_stream_change_free)

/**
 * gsctp_stream_change_copy:
 * @event: a stream-change event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpStreamChange *
gsctp_stream_change_copy (const GSctpStreamChange *event)
{
  GSctpStreamChange *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  return copy;
}

/**
 * gsctp_stream_change_free:
 * @event: (transfer full): a stream-change event
 *
 * Frees @event.
 */
void
gsctp_stream_change_free (GSctpStreamChange *event)
{
  if (event == NULL)
    return;
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpPeerAddrChange, gsctp_peer_addr_change, gsctp_peer_addr_change_copy, gsctp_peer_addr_change_free)

/**
 * gsctp_peer_addr_change_copy:
 * @event: a peer-address change
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpPeerAddrChange *
gsctp_peer_addr_change_copy (const GSctpPeerAddrChange *event)
{
  GSctpPeerAddrChange *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  if (copy->address != NULL)
    g_object_ref (copy->address);
  return copy;
}

/**
 * gsctp_peer_addr_change_free:
 * @event: (transfer full): a peer-address change
 *
 * Frees @event.
 */
void
gsctp_peer_addr_change_free (GSctpPeerAddrChange *event)
{
  if (event == NULL)
    return;
  g_clear_object (&event->address);
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpSendFailed, gsctp_send_failed, gsctp_send_failed_copy, gsctp_send_failed_free)

/**
 * gsctp_send_failed_copy:
 * @event: a send-failed event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpSendFailed *
gsctp_send_failed_copy (const GSctpSendFailed *event)
{
  GSctpSendFailed *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  if (copy->data != NULL)
    g_bytes_ref (copy->data);
  return copy;
}

/**
 * gsctp_send_failed_free:
 * @event: (transfer full): a send-failed event
 *
 * Frees @event.
 */
void
gsctp_send_failed_free (GSctpSendFailed *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->data, g_bytes_unref);
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpRemoteError, gsctp_remote_error, gsctp_remote_error_copy, gsctp_remote_error_free)

/**
 * gsctp_remote_error_copy:
 * @event: a remote-error event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpRemoteError *
gsctp_remote_error_copy (const GSctpRemoteError *event)
{
  GSctpRemoteError *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  if (copy->data != NULL)
    g_bytes_ref (copy->data);
  return copy;
}

/**
 * gsctp_remote_error_free:
 * @event: (transfer full): a remote-error event
 *
 * Frees @event.
 */
void
gsctp_remote_error_free (GSctpRemoteError *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->data, g_bytes_unref);
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GSctpStreamReset, gsctp_stream_reset, gsctp_stream_reset_copy, gsctp_stream_reset_free)

/**
 * gsctp_stream_reset_copy:
 * @event: a stream-reset event
 *
 * Copies the value, with new references to what it points to.
 *
 * Returns: (transfer full): a copy of @event
 */
GSctpStreamReset *
gsctp_stream_reset_copy (const GSctpStreamReset *event)
{
  GSctpStreamReset *copy;

  g_return_val_if_fail (event != NULL, NULL);
  copy = g_memdup2 (event, sizeof *event);
  if (copy->streams != NULL)
    g_array_ref (copy->streams);
  return copy;
}

/**
 * gsctp_stream_reset_free:
 * @event: (transfer full): a stream-reset event
 *
 * Frees @event.
 */
void
gsctp_stream_reset_free (GSctpStreamReset *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->streams, g_array_unref);
  g_free (event);
}

GType
gsctp_event_boxed_type (GSctpEventType type)
{
  switch (type)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return GSCTP_TYPE_ASSOC_CHANGE;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return GSCTP_TYPE_PEER_ADDR_CHANGE;
    case GSCTP_EVENT_TYPE_SEND_FAILED: return GSCTP_TYPE_SEND_FAILED;
    case GSCTP_EVENT_TYPE_REMOTE_ERROR: return GSCTP_TYPE_REMOTE_ERROR;
    case GSCTP_EVENT_TYPE_SHUTDOWN: return GSCTP_TYPE_SHUTDOWN_EVENT;
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: return GSCTP_TYPE_PARTIAL_DELIVERY;
    case GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: return GSCTP_TYPE_ADAPTATION_INDICATION;
    case GSCTP_EVENT_TYPE_AUTHENTICATION: return GSCTP_TYPE_AUTHENTICATION;
    case GSCTP_EVENT_TYPE_SENDER_DRY: return GSCTP_TYPE_SENDER_DRY;
    case GSCTP_EVENT_TYPE_STREAM_RESET: return GSCTP_TYPE_STREAM_RESET;
    case GSCTP_EVENT_TYPE_ASSOC_RESET: return GSCTP_TYPE_ASSOC_RESET;
    case GSCTP_EVENT_TYPE_STREAM_CHANGE: return GSCTP_TYPE_STREAM_CHANGE;
    case GSCTP_EVENT_TYPE_NONE:
    default:
      return G_TYPE_NONE;
    }
}

GSctpAssocId
gsctp_event_get_assoc_id (GSctpEventType type,
                          gconstpointer event)
{
  switch (type)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return ((const GSctpAssocChange *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return ((const GSctpPeerAddrChange *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_SEND_FAILED: return ((const GSctpSendFailed *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_REMOTE_ERROR: return ((const GSctpRemoteError *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_SHUTDOWN: return ((const GSctpShutdownEvent *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: return ((const GSctpPartialDelivery *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: return ((const GSctpAdaptationIndication *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_AUTHENTICATION: return ((const GSctpAuthentication *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_SENDER_DRY: return ((const GSctpSenderDry *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_STREAM_RESET: return ((const GSctpStreamReset *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_ASSOC_RESET: return ((const GSctpAssocReset *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_STREAM_CHANGE: return ((const GSctpStreamChange *) event)->assoc_id;
    case GSCTP_EVENT_TYPE_NONE:
    default:
      return 0;
    }
}
