/* gsctp-userland-translate.c: the userland stack's bytes to gsctp's values
 *
 * No stack calls: errno to GError, usrsctp_recvv()'s info to gsctp's, and
 * usrsctp's notifications to boxed events. usrsctp lays its notifications out as RFC 6458 does, with
 * FreeBSD's constants (not Linux's) and cause codes in host order.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "gsctp-userland-private.h"

G_STATIC_ASSERT (sizeof (sctp_assoc_t) == sizeof (GSctpAssocId));

void
gsctp_userland_set_error (GError **error,
                          int errsv,
                          const char *what)
{
  GQuark domain = G_IO_ERROR;
  int code = g_io_error_from_errno (errsv);

  if (errsv == EMSGSIZE)
    {
      domain = GSCTP_ERROR;
      code = GSCTP_ERROR_MESSAGE_TOO_LARGE;
    }
  g_set_error (error, domain, code, "%s: %s", what, g_strerror (errsv));
}

void
gsctp_userland_not_supported (GError **error,
                              const char *what)
{
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
               "The userland SCTP backend does not support %s", what);
}

/* What usrsctp_recvv() gave in @rn (@info_type, @rcv_len bytes): the
 * receive info, the next message's, or both. */
GSctpRecvFlags
gsctp_userland_parse_receive_info (const struct sctp_recvv_rn *rn,
                                   socklen_t rcv_len,
                                   unsigned int info_type,
                                   GSctpRcvInfo *info,
                                   GSctpNxtInfo *next)
{
  const struct sctp_rcvinfo *rcv = &rn->recvv_rcvinfo;
  const struct sctp_nxtinfo *nxt = &rn->recvv_nxtinfo;
  GSctpRecvFlags flags = 0;

  /* The next message's info alone comes where the receive info would. */
  if (info_type == SCTP_RECVV_NXTINFO)
    nxt = (const struct sctp_nxtinfo *) rn;
  if ((info_type == SCTP_RECVV_RCVINFO && rcv_len >= sizeof *rcv) || info_type == SCTP_RECVV_RN)
    {
      memset (info, 0, sizeof *info);
      info->stream = rcv->rcv_sid;
      info->ssn = rcv->rcv_ssn;
      info->flags = (rcv->rcv_flags & SCTP_UNORDERED) ? GSCTP_RECEIVE_FLAGS_UNORDERED : 0;
      info->ppid = g_ntohl (rcv->rcv_ppid);
      info->tsn = rcv->rcv_tsn;
      info->cumulative_tsn = rcv->rcv_cumtsn;
      info->context = rcv->rcv_context;
      info->assoc_id = (GSctpAssocId) rcv->rcv_assoc_id;
      flags |= GSCTP_RECV_HAVE_INFO;
    }
  if (info_type == SCTP_RECVV_RN || info_type == SCTP_RECVV_NXTINFO)
    {
      next->stream = nxt->nxt_sid;
      next->flags = (nxt->nxt_flags & SCTP_UNORDERED) ? GSCTP_RECEIVE_FLAGS_UNORDERED : 0;
      next->ppid = g_ntohl (nxt->nxt_ppid);
      next->length = nxt->nxt_length;
      next->complete = (nxt->nxt_flags & SCTP_COMPLETE) != 0;
      next->is_event = (nxt->nxt_flags & SCTP_NOTIFICATION) != 0;
      next->assoc_id = (GSctpAssocId) nxt->nxt_assoc_id;
      flags |= GSCTP_RECV_HAVE_NEXT;
    }
  return flags;
}


static gpointer
unknown_value (const char *what, guint value, GError **error)
{
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL, "Unknown %s %u", what, value);
  return NULL;
}

static gpointer
decode_assoc_change (const guint8 *buffer, gsize size, GError **error)
{
  static const GSctpAssocState states[] = {
    [SCTP_COMM_UP] = GSCTP_ASSOC_STATE_COMM_UP,
    [SCTP_COMM_LOST] = GSCTP_ASSOC_STATE_COMM_LOST,
    [SCTP_RESTART] = GSCTP_ASSOC_STATE_RESTART,
    [SCTP_SHUTDOWN_COMP] = GSCTP_ASSOC_STATE_SHUTDOWN_COMP,
    [SCTP_CANT_STR_ASSOC] = GSCTP_ASSOC_STATE_CANT_ASSOC,
  };
  struct sctp_assoc_change sac;
  GSctpAssocChange *change;

  if (!gsctp_notification_check_size (size, sizeof sac, "Association-change", error))
    return NULL;
  memcpy (&sac, buffer, sizeof sac);
  if (sac.sac_state < SCTP_COMM_UP || sac.sac_state > SCTP_CANT_STR_ASSOC)
    return unknown_value ("association state", sac.sac_state, error);
  change = g_new0 (GSctpAssocChange, 1);
  change->state = states[sac.sac_state];
  change->error = sac.sac_error;
  change->outbound_streams = sac.sac_outbound_streams;
  change->inbound_streams = sac.sac_inbound_streams;
  change->assoc_id = (GSctpAssocId) sac.sac_assoc_id;
  return change;
}

/* The address was rewritten from a link to an IP address on receipt
 * (gsctp-userland.c); all zero when the link was gone. */
static gpointer
decode_peer_addr_change (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_paddr_change spc;
  GSctpPeerAddrChange *change;
  gsize native;

  if (!gsctp_notification_check_size (size, sizeof spc, "Peer-address-change", error))
    return NULL;
  memcpy (&spc, buffer, sizeof spc);
  if (spc.spc_state < SCTP_ADDR_AVAILABLE || spc.spc_state > SCTP_ADDR_CONFIRMED)
    return unknown_value ("peer address state", spc.spc_state, error);
  change = g_new0 (GSctpPeerAddrChange, 1);
  /* Ours are in the same order, from AVAILABLE. */
  change->state = GSCTP_PEER_ADDR_STATE_AVAILABLE + (spc.spc_state - SCTP_ADDR_AVAILABLE);
  change->error = spc.spc_error;
  change->assoc_id = (GSctpAssocId) spc.spc_assoc_id;
  native = spc.spc_aaddr.ss_family == AF_INET ? sizeof (struct sockaddr_in)
         : spc.spc_aaddr.ss_family == AF_INET6 ? sizeof (struct sockaddr_in6) : 0;
  if (native > 0)
    change->address = g_socket_address_new_from_native (&spc.spc_aaddr, native);
  return change;
}

static gpointer
decode_send_failed (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_send_failed_event ssf;
  GSctpSendFailed *failed;

  if (!gsctp_notification_check_size (size, sizeof ssf, "Send-failed", error))
    return NULL;
  memcpy (&ssf, buffer, sizeof ssf);
  failed = g_new0 (GSctpSendFailed, 1);
  failed->info.stream = ssf.ssfe_info.snd_sid;
  failed->info.ppid = g_ntohl (ssf.ssfe_info.snd_ppid);
  failed->info.context = ssf.ssfe_info.snd_context;
  failed->info.assoc_id = (GSctpAssocId) ssf.ssfe_info.snd_assoc_id;
  failed->info.flags = (ssf.ssfe_info.snd_flags & SCTP_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0;
  failed->flags = (ssf.ssfe_flags & SCTP_DATA_SENT) ? GSCTP_SEND_FAILED_FLAGS_SENT
                                                     : GSCTP_SEND_FAILED_FLAGS_UNSENT;
  failed->error = ssf.ssfe_error;
  failed->assoc_id = (GSctpAssocId) ssf.ssfe_assoc_id;
  failed->data = g_bytes_new (buffer + sizeof ssf, size - sizeof ssf);
  return failed;
}

static gpointer
decode_remote_error (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_remote_error sre;
  GSctpRemoteError *remote;

  if (!gsctp_notification_check_size (size, sizeof sre, "Remote-error", error))
    return NULL;
  memcpy (&sre, buffer, sizeof sre);
  remote = g_new0 (GSctpRemoteError, 1);
  remote->error = sre.sre_error;
  remote->assoc_id = (GSctpAssocId) sre.sre_assoc_id;
  remote->data = g_bytes_new (buffer + sizeof sre, size - sizeof sre);
  return remote;
}

static gpointer
decode_shutdown (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_shutdown_event sse;
  GSctpShutdownEvent *event;

  if (!gsctp_notification_check_size (size, sizeof sse, "Shutdown", error))
    return NULL;
  memcpy (&sse, buffer, sizeof sse);
  event = g_new0 (GSctpShutdownEvent, 1);
  event->assoc_id = (GSctpAssocId) sse.sse_assoc_id;
  return event;
}

static gpointer
decode_partial_delivery (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_pdapi_event pdapi;
  GSctpPartialDelivery *pd;

  if (!gsctp_notification_check_size (size, sizeof pdapi, "Partial-delivery", error))
    return NULL;
  memcpy (&pdapi, buffer, sizeof pdapi);
  pd = g_new0 (GSctpPartialDelivery, 1);
  pd->aborted = pdapi.pdapi_indication == SCTP_PARTIAL_DELIVERY_ABORTED;
  pd->stream = pdapi.pdapi_stream;
  pd->sequence = pdapi.pdapi_seq;
  pd->assoc_id = (GSctpAssocId) pdapi.pdapi_assoc_id;
  return pd;
}

static gpointer
decode_adaptation (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_adaptation_event sai;
  GSctpAdaptationIndication *adaptation;

  if (!gsctp_notification_check_size (size, sizeof sai, "Adaptation-indication", error))
    return NULL;
  memcpy (&sai, buffer, sizeof sai);
  adaptation = g_new0 (GSctpAdaptationIndication, 1);
  adaptation->adaptation_indication = sai.sai_adaptation_ind;
  adaptation->assoc_id = (GSctpAssocId) sai.sai_assoc_id;
  return adaptation;
}

static gpointer
decode_authentication (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_authkey_event auth;
  GSctpAuthentication *authentication;
  GSctpAuthIndication indication;

  if (!gsctp_notification_check_size (size, sizeof auth, "Authentication", error))
    return NULL;
  memcpy (&auth, buffer, sizeof auth);
  switch (auth.auth_indication)
    {
    case SCTP_AUTH_NEW_KEY: indication = GSCTP_AUTH_INDICATION_NEW_KEY; break;
    case SCTP_AUTH_FREE_KEY: indication = GSCTP_AUTH_INDICATION_FREE_KEY; break;
    case SCTP_AUTH_NO_AUTH: indication = GSCTP_AUTH_INDICATION_NO_AUTH; break;
    default:
      return unknown_value ("authentication indication", auth.auth_indication, error);
    }
  authentication = g_new0 (GSctpAuthentication, 1);
  authentication->indication = indication;
  authentication->key_number = auth.auth_keynumber;
  authentication->assoc_id = (GSctpAssocId) auth.auth_assoc_id;
  return authentication;
}

static gpointer
decode_sender_dry (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_sender_dry_event dry;
  GSctpSenderDry *sender_dry;

  if (!gsctp_notification_check_size (size, sizeof dry, "Sender-dry", error))
    return NULL;
  memcpy (&dry, buffer, sizeof dry);
  sender_dry = g_new0 (GSctpSenderDry, 1);
  sender_dry->assoc_id = (GSctpAssocId) dry.sender_dry_assoc_id;
  return sender_dry;
}

static GSctpResetFlags
reset_flags (guint16 flags)
{
  return ((flags & SCTP_STREAM_RESET_INCOMING_SSN) ? GSCTP_RESET_FLAGS_INCOMING : 0) |
         ((flags & SCTP_STREAM_RESET_OUTGOING_SSN) ? GSCTP_RESET_FLAGS_OUTGOING : 0) |
         ((flags & (SCTP_STREAM_RESET_DENIED | SCTP_STREAM_CHANGED_DENIED)) ? GSCTP_RESET_FLAGS_DENIED : 0) |
         ((flags & SCTP_STREAM_RESET_FAILED) ? GSCTP_RESET_FLAGS_FAILED : 0);
}

static gpointer
decode_stream_reset (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_stream_reset_event reset;
  GSctpStreamReset *stream_reset;
  guint n_streams;

  if (!gsctp_notification_check_size (size, sizeof reset, "Stream-reset", error))
    return NULL;
  memcpy (&reset, buffer, sizeof reset);
  n_streams = (size - sizeof reset) / sizeof (guint16);
  stream_reset = g_new0 (GSctpStreamReset, 1);
  stream_reset->flags = reset_flags (reset.strreset_flags);
  stream_reset->assoc_id = (GSctpAssocId) reset.strreset_assoc_id;
  stream_reset->streams = g_array_sized_new (FALSE, FALSE, sizeof (guint16), n_streams);
  g_array_append_vals (stream_reset->streams, buffer + sizeof reset, n_streams);
  return stream_reset;
}

static gpointer
decode_assoc_reset (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_assoc_reset_event reset;
  GSctpAssocReset *assoc_reset;

  if (!gsctp_notification_check_size (size, sizeof reset, "Association-reset", error))
    return NULL;
  memcpy (&reset, buffer, sizeof reset);
  assoc_reset = g_new0 (GSctpAssocReset, 1);
  assoc_reset->flags = reset_flags (reset.assocreset_flags);
  assoc_reset->local_tsn = reset.assocreset_local_tsn;
  assoc_reset->remote_tsn = reset.assocreset_remote_tsn;
  assoc_reset->assoc_id = (GSctpAssocId) reset.assocreset_assoc_id;
  return assoc_reset;
}

static gpointer
decode_stream_change (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_stream_change_event change;
  GSctpStreamChange *stream_change;

  if (!gsctp_notification_check_size (size, sizeof change, "Stream-change", error))
    return NULL;
  memcpy (&change, buffer, sizeof change);
  stream_change = g_new0 (GSctpStreamChange, 1);
  stream_change->flags = reset_flags (change.strchange_flags);
  stream_change->inbound_streams = change.strchange_instrms;
  stream_change->outbound_streams = change.strchange_outstrms;
  stream_change->assoc_id = (GSctpAssocId) change.strchange_assoc_id;
  return stream_change;
}

static const GSctpNotificationKind decoders[] = {
  { SCTP_ASSOC_CHANGE, GSCTP_EVENT_TYPE_ASSOC_CHANGE, decode_assoc_change },
  { SCTP_PEER_ADDR_CHANGE, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, decode_peer_addr_change },
  { SCTP_SEND_FAILED_EVENT, GSCTP_EVENT_TYPE_SEND_FAILED, decode_send_failed },
  { SCTP_REMOTE_ERROR, GSCTP_EVENT_TYPE_REMOTE_ERROR, decode_remote_error },
  { SCTP_SHUTDOWN_EVENT, GSCTP_EVENT_TYPE_SHUTDOWN, decode_shutdown },
  { SCTP_PARTIAL_DELIVERY_EVENT, GSCTP_EVENT_TYPE_PARTIAL_DELIVERY, decode_partial_delivery },
  { SCTP_ADAPTATION_INDICATION, GSCTP_EVENT_TYPE_ADAPTATION_INDICATION, decode_adaptation },
  { SCTP_AUTHENTICATION_EVENT, GSCTP_EVENT_TYPE_AUTHENTICATION, decode_authentication },
  { SCTP_SENDER_DRY_EVENT, GSCTP_EVENT_TYPE_SENDER_DRY, decode_sender_dry },
  { SCTP_STREAM_RESET_EVENT, GSCTP_EVENT_TYPE_STREAM_RESET, decode_stream_reset },
  { SCTP_ASSOC_RESET_EVENT, GSCTP_EVENT_TYPE_ASSOC_RESET, decode_assoc_reset },
  { SCTP_STREAM_CHANGE_EVENT, GSCTP_EVENT_TYPE_STREAM_CHANGE, decode_stream_change },
};

/* Every length is checked against what was received before a field is
 * read. */
gboolean
gsctp_userland_decode_notification (const guint8 *buffer,
                                    gsize size,
                                    GSctpNotification *notification,
                                    GError **error)
{
  return gsctp_notification_decode (decoders, G_N_ELEMENTS (decoders), buffer, size,
                                    notification, error);
}
