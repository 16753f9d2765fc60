/* gsctp-kernel-translate.c: kernel SCTP bytes and numbers to GLib values
 *
 * No system calls: errno to GError, sockaddr to and from GSocketAddress,
 * the receive info of recvmsg()'s control data, and notification bytes to
 * boxed events. What the unit tests and the fuzz targets drive on bytes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gsctp-kernel-private.h"
#include "gsctp-events-private.h"

/* The kernel's association ids are signed 32-bit, ours too. */
G_STATIC_ASSERT (sizeof (sctp_assoc_t) == sizeof (GSctpAssocId));

void
gsctp_kernel_set_error (GError **error,
                        int errsv,
                        const char *what)
{
  GQuark domain = G_IO_ERROR;
  int code = g_io_error_from_errno (errsv);

  switch (errsv)
    {
    case EPROTONOSUPPORT:
    case ESOCKTNOSUPPORT:
    case EAFNOSUPPORT:
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                   "%s: the kernel has no SCTP (%s); load it with “modprobe sctp”, "
                   "or use gsctp's userland SCTP (GSCTP_BACKEND=userland)",
                   what, g_strerror (errsv));
      return;
    case EMSGSIZE:
      domain = GSCTP_ERROR;
      code = GSCTP_ERROR_MESSAGE_TOO_LARGE;
      break;
    default:
      break;
    }
  g_set_error (error, domain, code, "%s: %s", what, g_strerror (errsv));
}

gsize
gsctp_kernel_native_size (const struct sockaddr *sa)
{
  switch (sa->sa_family)
    {
    case AF_INET: return sizeof (struct sockaddr_in);
    case AF_INET6: return sizeof (struct sockaddr_in6);
    default: return 0;
    }
}

static void
rcv_info_from_kernel (GSctpRcvInfo *info,
                      guint16 stream,
                      guint16 ssn,
                      guint16 kernel_flags,
                      guint32 ppid,
                      guint32 tsn,
                      guint32 cumulative_tsn,
                      guint32 context,
                      sctp_assoc_t assoc_id)
{
  info->stream = stream;
  info->ssn = ssn;
  info->flags = (kernel_flags & SCTP_UNORDERED) ? GSCTP_RECEIVE_FLAGS_UNORDERED : 0;
  info->ppid = g_ntohl (ppid);
  info->tsn = tsn;
  info->cumulative_tsn = cumulative_tsn;
  info->context = context;
  info->assoc_id = assoc_id;
}

/* Reads the receive info out of the control data of one recvmsg():
 * SCTP_RCVINFO (RFC 6458) or the older SCTP_SNDRCV, and the next
 * message's SCTP_NXTINFO; anything else is skipped. Headers are checked
 * against @size and read by copy, so any bytes are safe to hand it.
 * Returns which it found: GSCTP_RECV_HAVE_INFO, GSCTP_RECV_HAVE_NEXT. */
GSctpRecvFlags
gsctp_kernel_parse_receive_info (const guint8 *control,
                                 gsize size,
                                 GSctpRcvInfo *info,
                                 GSctpNxtInfo *next)
{
  GSctpRecvFlags found = 0;
  gsize offset = 0;

#ifdef GSCTP_HAVE_STRUCT_SCTP_RCVINFO
  /* What nearly every data message brings: one SCTP_RCVINFO, alone. */
  if (size == CMSG_SPACE (sizeof (struct sctp_rcvinfo)))
    {
      struct cmsghdr header;

      memcpy (&header, control, sizeof header);
      if (header.cmsg_len == CMSG_LEN (sizeof (struct sctp_rcvinfo)) &&
          header.cmsg_level == IPPROTO_SCTP && header.cmsg_type == SCTP_RCVINFO)
        {
          struct sctp_rcvinfo rcv;

          memcpy (&rcv, control + CMSG_LEN (0), sizeof rcv);
          rcv_info_from_kernel (info, rcv.rcv_sid, rcv.rcv_ssn, rcv.rcv_flags, rcv.rcv_ppid,
                                rcv.rcv_tsn, rcv.rcv_cumtsn, rcv.rcv_context, rcv.rcv_assoc_id);
          return GSCTP_RECV_HAVE_INFO;
        }
    }
#endif
  while (size - offset >= sizeof (struct cmsghdr))
    {
      struct cmsghdr header;
      const guint8 *payload = control + offset + CMSG_LEN (0);
      gsize payload_size;

      memcpy (&header, control + offset, sizeof header);
      if (header.cmsg_len < CMSG_LEN (0) || header.cmsg_len > size - offset)
        break;
      payload_size = header.cmsg_len - CMSG_LEN (0);
      if (header.cmsg_level != IPPROTO_SCTP)
        ;
#ifdef GSCTP_HAVE_STRUCT_SCTP_RCVINFO
      else if (header.cmsg_type == SCTP_RCVINFO && payload_size >= sizeof (struct sctp_rcvinfo))
        {
          struct sctp_rcvinfo rcv;

          memcpy (&rcv, payload, sizeof rcv);
          rcv_info_from_kernel (info, rcv.rcv_sid, rcv.rcv_ssn, rcv.rcv_flags, rcv.rcv_ppid,
                                rcv.rcv_tsn, rcv.rcv_cumtsn, rcv.rcv_context, rcv.rcv_assoc_id);
          found |= GSCTP_RECV_HAVE_INFO;
        }
      else if (header.cmsg_type == SCTP_NXTINFO && payload_size >= sizeof (struct sctp_nxtinfo))
        {
          struct sctp_nxtinfo nxt;

          memcpy (&nxt, payload, sizeof nxt);
          next->stream = nxt.nxt_sid;
          next->flags = (nxt.nxt_flags & SCTP_UNORDERED) ? GSCTP_RECEIVE_FLAGS_UNORDERED : 0;
          next->ppid = g_ntohl (nxt.nxt_ppid);
          next->length = nxt.nxt_length;
#ifdef SCTP_COMPLETE
          next->complete = (nxt.nxt_flags & SCTP_COMPLETE) != 0;
#else
          /* Linux does not say (no SCTP_COMPLETE in its nxt_flags). */
          next->complete = FALSE;
#endif
          next->is_event = (nxt.nxt_flags & SCTP_NOTIFICATION) != 0;
          next->assoc_id = nxt.nxt_assoc_id;
          found |= GSCTP_RECV_HAVE_NEXT;
        }
#endif
      else if (header.cmsg_type == SCTP_SNDRCV && payload_size >= sizeof (struct sctp_sndrcvinfo))
        {
          struct sctp_sndrcvinfo sinfo;

          memcpy (&sinfo, payload, sizeof sinfo);
          rcv_info_from_kernel (info, sinfo.sinfo_stream, sinfo.sinfo_ssn, sinfo.sinfo_flags,
                                sinfo.sinfo_ppid, sinfo.sinfo_tsn, sinfo.sinfo_cumtsn,
                                sinfo.sinfo_context, sinfo.sinfo_assoc_id);
          found |= GSCTP_RECV_HAVE_INFO;
        }
      if (CMSG_ALIGN (header.cmsg_len) >= size - offset)
        break;
      offset += CMSG_ALIGN (header.cmsg_len);
    }
  return found;
}


/* The decoders: each checks that its struct fits in the bytes it is
 * handed (gsctp-notification.c frames them) before reading it. The
 * kernel's header is RFC 6458's, as gsctp_notification_decode() reads it. */
G_STATIC_ASSERT (sizeof ((union sctp_notification *) NULL)->sn_header == 8);

gboolean
gsctp_kernel_unknown_value (const char *what,
                            int value,
                            GError **error)
{
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL, "Unknown %s %d", what, value);
  return FALSE;
}

static gpointer
decode_assoc_change (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_assoc_change sac;
  GSctpAssocChange *change;
  GSctpAssocState state;

  if (!gsctp_notification_check_size (size, sizeof sac, "Association-change", error))
    return NULL;
  memcpy (&sac, buffer, sizeof sac);
  switch (sac.sac_state)
    {
    case SCTP_COMM_UP: state = GSCTP_ASSOC_STATE_COMM_UP; break;
    case SCTP_COMM_LOST: state = GSCTP_ASSOC_STATE_COMM_LOST; break;
    case SCTP_RESTART: state = GSCTP_ASSOC_STATE_RESTART; break;
    case SCTP_SHUTDOWN_COMP: state = GSCTP_ASSOC_STATE_SHUTDOWN_COMP; break;
    case SCTP_CANT_STR_ASSOC: state = GSCTP_ASSOC_STATE_CANT_ASSOC; break;
    default:
      gsctp_kernel_unknown_value ("association state", sac.sac_state, error);
      return NULL;
    }
  change = g_new0 (GSctpAssocChange, 1);
  change->state = state;
  /* The kernel copies the cause code from the chunk unconverted. */
  change->error = g_ntohs (sac.sac_error);
  change->outbound_streams = sac.sac_outbound_streams;
  change->inbound_streams = sac.sac_inbound_streams;
  change->assoc_id = sac.sac_assoc_id;
  return change;
}

static gpointer
decode_peer_addr_change (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_paddr_change spc;
  GSctpPeerAddrChange *change;

  if (!gsctp_notification_check_size (size, sizeof spc, "Peer-address-change", error))
    return NULL;
  memcpy (&spc, buffer, sizeof spc);
  if (spc.spc_state < SCTP_ADDR_AVAILABLE || spc.spc_state > SCTP_ADDR_POTENTIALLY_FAILED)
    {
      gsctp_kernel_unknown_value ("peer address state", spc.spc_state, error);
      return NULL;
    }
  change = g_new0 (GSctpPeerAddrChange, 1);
  /* The kernel's states and ours are in the same order. */
  change->state = GSCTP_PEER_ADDR_STATE_AVAILABLE + (spc.spc_state - SCTP_ADDR_AVAILABLE);
  change->error = spc.spc_error;
  change->assoc_id = spc.spc_assoc_id;
  change->address = gsctp_kernel_address_from_storage (buffer + offsetof (struct sctp_paddr_change, spc_aaddr));
  return change;
}

static gpointer
decode_send_failed (const guint8 *buffer, gsize size, GError **error)
{
  GSctpSendFailed *failed;

#ifdef SCTP_SEND_FAILED_EVENT
  struct sctp_send_failed_event ssf;

  if (!gsctp_notification_check_size (size, sizeof ssf, "Send-failed", error))
    return NULL;
  memcpy (&ssf, buffer, sizeof ssf);
  failed = g_new0 (GSctpSendFailed, 1);
  failed->info.stream = ssf.ssfe_info.snd_sid;
  failed->info.ppid = g_ntohl (ssf.ssfe_info.snd_ppid);
  failed->info.context = ssf.ssfe_info.snd_context;
  failed->info.assoc_id = ssf.ssfe_info.snd_assoc_id;
  failed->info.flags = ((ssf.ssfe_info.snd_flags & SCTP_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0);
#else
  struct sctp_send_failed ssf;

  if (!gsctp_notification_check_size (size, sizeof ssf, "Send-failed", error))
    return NULL;
  memcpy (&ssf, buffer, sizeof ssf);
  failed = g_new0 (GSctpSendFailed, 1);
  failed->info.stream = ssf.ssf_info.sinfo_stream;
  failed->info.ppid = g_ntohl (ssf.ssf_info.sinfo_ppid);
  failed->info.context = ssf.ssf_info.sinfo_context;
  failed->info.assoc_id = ssf.ssf_info.sinfo_assoc_id;
  failed->info.flags = ((ssf.ssf_info.sinfo_flags & SCTP_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0);
#endif
  failed->flags = ssf.ssf_flags == SCTP_DATA_UNSENT ? GSCTP_SEND_FAILED_FLAGS_UNSENT
                                                    : GSCTP_SEND_FAILED_FLAGS_SENT;
  failed->error = ssf.ssf_error;
  failed->assoc_id = ssf.ssf_assoc_id;
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
  remote->error = g_ntohs (sre.sre_error);
  remote->assoc_id = sre.sre_assoc_id;
  remote->data = g_bytes_new (buffer + sizeof sre, size - sizeof sre);
  return remote;
}

static gpointer
decode_shutdown (const guint8 *buffer, gsize size, GError **error)
{
  struct sctp_shutdown_event sse;
  GSctpShutdownEvent *shutdown_event;

  if (!gsctp_notification_check_size (size, sizeof sse, "Shutdown", error))
    return NULL;
  memcpy (&sse, buffer, sizeof sse);
  shutdown_event = g_new0 (GSctpShutdownEvent, 1);
  shutdown_event->assoc_id = sse.sse_assoc_id;
  return shutdown_event;
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
  pd->assoc_id = pdapi.pdapi_assoc_id;
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
  adaptation->assoc_id = sai.sai_assoc_id;
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
      gsctp_kernel_unknown_value ("authentication indication", auth.auth_indication, error);
      return NULL;
    }
  authentication = g_new0 (GSctpAuthentication, 1);
  authentication->indication = indication;
  authentication->key_number = auth.auth_keynumber;
  authentication->assoc_id = auth.auth_assoc_id;
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
  sender_dry->assoc_id = dry.sender_dry_assoc_id;
  return sender_dry;
}

static GSctpResetFlags
reset_flags (guint16 flags)
{
  return ((flags & SCTP_STREAM_RESET_INCOMING_SSN) ? GSCTP_RESET_FLAGS_INCOMING : 0) |
         ((flags & SCTP_STREAM_RESET_OUTGOING_SSN) ? GSCTP_RESET_FLAGS_OUTGOING : 0) |
         ((flags & SCTP_STREAM_RESET_DENIED) ? GSCTP_RESET_FLAGS_DENIED : 0) |
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
  stream_reset->assoc_id = reset.strreset_assoc_id;
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
  assoc_reset->assoc_id = reset.assocreset_assoc_id;
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
  stream_change->assoc_id = change.strchange_assoc_id;
  return stream_change;
}

static const GSctpNotificationKind decoders[] = {
  { SCTP_ASSOC_CHANGE, GSCTP_EVENT_TYPE_ASSOC_CHANGE, decode_assoc_change },
  { SCTP_PEER_ADDR_CHANGE, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, decode_peer_addr_change },
#ifdef SCTP_SEND_FAILED_EVENT
  { SCTP_SEND_FAILED_EVENT, GSCTP_EVENT_TYPE_SEND_FAILED, decode_send_failed },
#else
  { SCTP_SEND_FAILED, GSCTP_EVENT_TYPE_SEND_FAILED, decode_send_failed },
#endif
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

/* Notification bytes as the kernel queued them: every length is checked
 * against what was actually received before a field is read. */
gboolean
gsctp_kernel_decode_notification (const guint8 *buffer,
                                  gsize size,
                                  GSctpNotification *notification,
                                  GError **error)
{
  return gsctp_notification_decode (decoders, G_N_ELEMENTS (decoders), buffer, size,
                                    notification, error);
}

/* A GSocketAddress into the (possibly unaligned, in a packed struct)
 * sockaddr_storage at @dest; NULL stays all zero: "every address" for the
 * kernel. */
gboolean
gsctp_kernel_address_to_storage (GSocketAddress *address,
                                 void *dest,
                                 GError **error)
{
  struct sockaddr_storage storage;

  memset (&storage, 0, sizeof storage);
  if (address != NULL)
    {
      if (!G_IS_INET_SOCKET_ADDRESS (address))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Not an IPv4 or IPv6 socket address");
          return FALSE;
        }
      if (!g_socket_address_to_native (address, &storage, sizeof storage, error))
        return FALSE;
    }
  memcpy (dest, &storage, sizeof storage);
  return TRUE;
}

GSocketAddress *
gsctp_kernel_address_from_storage (const void *src)
{
  struct sockaddr_storage storage;
  gsize size;

  memcpy (&storage, src, sizeof storage);
  size = gsctp_kernel_native_size ((const struct sockaddr *) &storage);
  return size ? g_socket_address_new_from_native (&storage, size) : NULL;
}

#ifdef SCTP_GET_ASSOC_STATS
/* SCTP_GET_ASSOC_STATS's counters, named for what they count. */
void
gsctp_kernel_assoc_stats_from_kernel (const struct sctp_assoc_stats *sas,
                                      GSctpAssocStats *stats)
{
  stats->assoc_id = sas->sas_assoc_id;
  g_clear_object (&stats->max_rto_address);
  stats->max_rto_address = gsctp_kernel_address_from_storage (&sas->sas_obs_rto_ipaddr);
  stats->max_rto = sas->sas_maxrto;
  stats->sacks_received = sas->sas_isacks;
  stats->sacks_sent = sas->sas_osacks;
  stats->packets_sent = sas->sas_opackets;
  stats->packets_received = sas->sas_ipackets;
  stats->retransmitted_chunks = sas->sas_rtxchunks;
  stats->out_of_sequence_tsns = sas->sas_outofseqtsns;
  stats->duplicate_chunks = sas->sas_idupchunks;
  stats->gap_ack_blocks = sas->sas_gapcnt;
  stats->unordered_chunks_sent = sas->sas_ouodchunks;
  stats->unordered_chunks_received = sas->sas_iuodchunks;
  stats->ordered_chunks_sent = sas->sas_oodchunks;
  stats->ordered_chunks_received = sas->sas_iodchunks;
  stats->control_chunks_sent = sas->sas_octrlchunks;
  stats->control_chunks_received = sas->sas_ictrlchunks;
}
#endif
