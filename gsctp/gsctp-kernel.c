/* gsctp-kernel.c: Linux kernel SCTP glue
 *
 * The only file of gsctp that includes <netinet/sctp.h>. It translates
 * between GLib values (GSocketAddress, boxed option and event structs,
 * GError) and the kernel's socket API, and keeps no state of its own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

#include "gsctp-kernel.h"
#include "gsctp-events-private.h"

/* RFC 6458's per-message info: SCTP_SNDINFO and SCTP_PRINFO on send,
 * SCTP_RCVINFO on receive, built and parsed here around sendmsg() and
 * recvmsg() (what sctp_sendv() and sctp_recvv() do, without their copies).
 * Without it, the older SCTP_SNDRCV. */
#if defined(GSCTP_HAVE_STRUCT_SCTP_SNDINFO) && defined(GSCTP_HAVE_STRUCT_SCTP_RCVINFO) && \
    defined(GSCTP_HAVE_STRUCT_SCTP_PRINFO) && defined(GSCTP_HAVE_SCTP_RECVRCVINFO)
#define GSCTP_RFC6458_API 1
#endif

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
                   "%s: the kernel has no SCTP (%s); load it with “modprobe sctp”",
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

static gboolean
set_int_option (int fd, int level, int name, int value, const char *what, GError **error)
{
  if (setsockopt (fd, level, name, &value, sizeof value) < 0)
    {
      gsctp_kernel_set_error (error, errno, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_nonblocking (int fd, GError **error)
{
  int flags = fcntl (fd, F_GETFL);

  if (flags < 0 || fcntl (fd, F_SETFL, flags | O_NONBLOCK) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not make the socket non-blocking");
      return FALSE;
    }
  return TRUE;
}

int
gsctp_kernel_open (GSocketFamily family,
                   GSctpSocketType type,
                   GError **error)
{
  int domain = family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  int style = type == GSCTP_SOCKET_TYPE_STREAM ? SOCK_STREAM : SOCK_SEQPACKET;
  int fd = socket (domain, style | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_SCTP);

  if (fd < 0)
    gsctp_kernel_set_error (error, errno, "Could not create an SCTP socket");
  return fd;
}

static guint16
kernel_event_type (GSctpEventType event)
{
  switch (event)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return SCTP_ASSOC_CHANGE;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return SCTP_PEER_ADDR_CHANGE;
#ifdef SCTP_SEND_FAILED_EVENT
    case GSCTP_EVENT_TYPE_SEND_FAILED: return SCTP_SEND_FAILED_EVENT;
#else
    case GSCTP_EVENT_TYPE_SEND_FAILED: return SCTP_SEND_FAILED;
#endif
    case GSCTP_EVENT_TYPE_REMOTE_ERROR: return SCTP_REMOTE_ERROR;
    case GSCTP_EVENT_TYPE_SHUTDOWN: return SCTP_SHUTDOWN_EVENT;
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: return SCTP_PARTIAL_DELIVERY_EVENT;
    case GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: return SCTP_ADAPTATION_INDICATION;
    case GSCTP_EVENT_TYPE_AUTHENTICATION: return SCTP_AUTHENTICATION_EVENT;
    case GSCTP_EVENT_TYPE_SENDER_DRY: return SCTP_SENDER_DRY_EVENT;
    case GSCTP_EVENT_TYPE_STREAM_RESET: return SCTP_STREAM_RESET_EVENT;
    case GSCTP_EVENT_TYPE_ASSOC_RESET: return SCTP_ASSOC_RESET_EVENT;
    case GSCTP_EVENT_TYPE_STREAM_CHANGE: return SCTP_STREAM_CHANGE_EVENT;
    case GSCTP_EVENT_TYPE_NONE:
    default:
      return 0;
    }
}

/* The old all-in-one subscription struct, for kernels without SCTP_EVENT:
 * endpoint-wide only. */
static guint8 *
old_subscription_field (struct sctp_event_subscribe *events,
                        GSctpEventType event)
{
  switch (event)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return &events->sctp_association_event;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return &events->sctp_address_event;
    case GSCTP_EVENT_TYPE_SEND_FAILED: return &events->sctp_send_failure_event;
    case GSCTP_EVENT_TYPE_REMOTE_ERROR: return &events->sctp_peer_error_event;
    case GSCTP_EVENT_TYPE_SHUTDOWN: return &events->sctp_shutdown_event;
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: return &events->sctp_partial_delivery_event;
    case GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: return &events->sctp_adaptation_layer_event;
    case GSCTP_EVENT_TYPE_AUTHENTICATION: return &events->sctp_authentication_event;
    case GSCTP_EVENT_TYPE_SENDER_DRY: return &events->sctp_sender_dry_event;
    default: return NULL;
    }
}

static gboolean
old_subscribe (int fd, GSctpAssocId assoc_id, GSctpEventType event, gboolean on,
               gboolean *was_on, GError **error)
{
  struct sctp_event_subscribe events;
  socklen_t len = sizeof events;
  guint8 *field;

  memset (&events, 0, sizeof events);
  field = old_subscription_field (&events, event);
  if (field == NULL || assoc_id != 0)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                   "This kernel cannot subscribe to that event%s",
                   assoc_id != 0 ? " per association" : "");
      return FALSE;
    }
  if (getsockopt (fd, IPPROTO_SCTP, SCTP_EVENTS, &events, &len) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not read the SCTP event subscriptions");
      return FALSE;
    }
  if (was_on != NULL)
    {
      *was_on = *field != 0;
      return TRUE;
    }
  *field = on ? 1 : 0;
#ifndef GSCTP_RFC6458_API
  events.sctp_data_io_event = 1;
#endif
  if (setsockopt (fd, IPPROTO_SCTP, SCTP_EVENTS, &events, len) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not subscribe to SCTP events");
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_subscribe (int fd,
                        GSctpSocketType type,
                        GSctpAssocId assoc_id,
                        GSctpEventType event,
                        gboolean on,
                        GError **error)
{
#ifdef GSCTP_HAVE_SCTP_EVENT
  struct sctp_event param;

  /* Cleared whole: the struct has padding the kernel is handed too. */
  memset (&param, 0, sizeof param);
  /* The endpoint (0) of a one-to-many socket means its current and future
   * associations. */
  param.se_assoc_id = (assoc_id == 0 && type == GSCTP_SOCKET_TYPE_SEQPACKET) ? SCTP_ALL_ASSOC : assoc_id;
  param.se_type = kernel_event_type (event);
  param.se_on = on ? 1 : 0;
  if (setsockopt (fd, IPPROTO_SCTP, SCTP_EVENT, &param, sizeof param) == 0)
    return TRUE;
  if (errno != ENOPROTOOPT)
    {
      if (errno == EINVAL && assoc_id != 0)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                     "Could not subscribe to events: no association %d", assoc_id);
      else
        gsctp_kernel_set_error (error, errno, "Could not subscribe to SCTP events");
      return FALSE;
    }
#endif
  return old_subscribe (fd, assoc_id, event, on, NULL, error);
}

gboolean
gsctp_kernel_is_subscribed (int fd,
                            GSctpAssocId assoc_id,
                            GSctpEventType event,
                            gboolean *on,
                            GError **error)
{
#ifdef GSCTP_HAVE_SCTP_EVENT
  struct sctp_event param;
  socklen_t len = sizeof param;

  memset (&param, 0, sizeof param);
  param.se_assoc_id = assoc_id;
  param.se_type = kernel_event_type (event);
  if (getsockopt (fd, IPPROTO_SCTP, SCTP_EVENT, &param, &len) == 0)
    {
      *on = param.se_on != 0;
      return TRUE;
    }
  if (errno != ENOPROTOOPT)
    {
      gsctp_kernel_set_error (error, errno, "Could not read an SCTP event subscription");
      return FALSE;
    }
#endif
  return old_subscribe (fd, assoc_id, event, FALSE, on, error);
}

/* What every gsctp socket needs, fresh or peeled off: non-blocking I/O,
 * receive info with each message, and association changes, which connects
 * depend on. */
gboolean
gsctp_kernel_prepare (int fd,
                      GSctpSocketType type,
                      GError **error)
{
  if (!set_nonblocking (fd, error))
    return FALSE;
#ifdef GSCTP_RFC6458_API
  if (!set_int_option (fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1,
                       "Could not enable SCTP receive info", error))
    return FALSE;
#endif
  return gsctp_kernel_subscribe (fd, type, 0, GSCTP_EVENT_TYPE_ASSOC_CHANGE, TRUE, error);
}

gboolean
gsctp_kernel_query (int fd,
                    GSocketFamily *family,
                    GSctpSocketType *type,
                    GError **error)
{
  int domain, style, protocol;
  socklen_t len = sizeof (int);

  if (getsockopt (fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) < 0 ||
      getsockopt (fd, SOL_SOCKET, SO_TYPE, &style, &len) < 0 ||
      getsockopt (fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Not a socket");
      return FALSE;
    }
  if (protocol != IPPROTO_SCTP || (domain != AF_INET && domain != AF_INET6) ||
      (style != SOCK_STREAM && style != SOCK_SEQPACKET))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "File descriptor %d is not an IPv4 or IPv6 SCTP socket", fd);
      return FALSE;
    }
  *family = domain == AF_INET6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4;
  *type = style == SOCK_STREAM ? GSCTP_SOCKET_TYPE_STREAM : GSCTP_SOCKET_TYPE_SEQPACKET;
  return TRUE;
}

/* sctp_bindx() and sctp_connectx() take addresses packed back to back,
 * each as long as its family's sockaddr. */
static guint8 *
pack_addresses (GSocketAddress * const *addresses,
                guint n_addresses,
                GError **error)
{
  gsize total = 0, offset = 0;
  guint8 *packed;

  if (n_addresses == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "No address given");
      return NULL;
    }
  for (guint i = 0; i < n_addresses; i++)
    {
      if (!G_IS_INET_SOCKET_ADDRESS (addresses[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Address %u is not an IPv4 or IPv6 socket address", i);
          return NULL;
        }
      total += g_socket_address_get_native_size (addresses[i]);
    }
  packed = g_malloc0 (total);
  for (guint i = 0; i < n_addresses; i++)
    {
      gssize size = g_socket_address_get_native_size (addresses[i]);

      if (!g_socket_address_to_native (addresses[i], packed + offset, size, error))
        {
          g_free (packed);
          return NULL;
        }
      offset += size;
    }
  return packed;
}

gboolean
gsctp_kernel_bind (int fd,
                   GSocketAddress * const *addresses,
                   guint n_addresses,
                   GError **error)
{
  g_autofree guint8 *packed = pack_addresses (addresses, n_addresses, error);

  if (packed == NULL)
    return FALSE;
  if (sctp_bindx (fd, (struct sockaddr *) packed, n_addresses, SCTP_BINDX_ADD_ADDR) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not bind the SCTP socket");
      return FALSE;
    }
  return TRUE;
}

static gsize
native_size (const struct sockaddr *sa)
{
  switch (sa->sa_family)
    {
    case AF_INET: return sizeof (struct sockaddr_in);
    case AF_INET6: return sizeof (struct sockaddr_in6);
    default: return 0;
    }
}

GList *
gsctp_kernel_get_addresses (int fd,
                            GSctpAssocId assoc_id,
                            gboolean peer,
                            GError **error)
{
  struct sockaddr *addrs = NULL;
  GList *list = NULL;
  const guint8 *p;
  int n;

  n = peer ? sctp_getpaddrs (fd, assoc_id, &addrs) : sctp_getladdrs (fd, assoc_id, &addrs);
  if (n < 0)
    {
      gsctp_kernel_set_error (error, errno, peer ? "Could not read the peer addresses"
                                                 : "Could not read the local addresses");
      return NULL;
    }
  p = (const guint8 *) addrs;
  for (int i = 0; i < n; i++)
    {
      gsize size = native_size ((const struct sockaddr *) p);

      if (size == 0)
        break;
      list = g_list_prepend (list, g_socket_address_new_from_native ((gpointer) p, size));
      p += size;
    }
  if (addrs != NULL)
    {
      if (peer)
        sctp_freepaddrs (addrs);
      else
        sctp_freeladdrs (addrs);
    }
  return g_list_reverse (list);
}

gboolean
gsctp_kernel_listen (int fd,
                     int backlog,
                     GError **error)
{
  if (listen (fd, backlog) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not listen on the SCTP socket");
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_connect (int fd,
                      GSocketAddress * const *addresses,
                      guint n_addresses,
                      GSctpAssocId *assoc_id,
                      gboolean *in_progress,
                      GError **error)
{
  g_autofree guint8 *packed = pack_addresses (addresses, n_addresses, error);
  sctp_assoc_t id = 0;

  if (packed == NULL)
    return FALSE;
  *in_progress = FALSE;
  if (sctp_connectx (fd, (struct sockaddr *) packed, n_addresses, &id) < 0)
    {
      if (errno != EINPROGRESS)
        {
          gsctp_kernel_set_error (error, errno, "Could not connect");
          return FALSE;
        }
      *in_progress = TRUE;
    }
  *assoc_id = id;
  return TRUE;
}

int
gsctp_kernel_get_socket_error (int fd)
{
  int value = 0;
  socklen_t len = sizeof value;

  if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &value, &len) < 0)
    return errno;
  return value;
}

gboolean
gsctp_kernel_set_init_msg (int fd,
                           const GSctpInitMsg *msg,
                           GError **error)
{
  struct sctp_initmsg init = {
    .sinit_num_ostreams = msg->num_ostreams,
    .sinit_max_instreams = msg->max_instreams,
    .sinit_max_attempts = msg->max_attempts,
    .sinit_max_init_timeo = msg->max_init_timeo,
  };

  if (setsockopt (fd, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not set SCTP_INITMSG");
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_set_linger (int fd,
                         gboolean enabled,
                         guint seconds,
                         GError **error)
{
  struct linger linger = { .l_onoff = enabled, .l_linger = (int) MIN (seconds, G_MAXINT) };

  if (setsockopt (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not set SO_LINGER");
      return FALSE;
    }
  return TRUE;
}

static guint16
kernel_send_flags (GSctpSendFlags flags)
{
  return ((flags & GSCTP_SEND_FLAGS_UNORDERED) ? SCTP_UNORDERED : 0) |
         ((flags & GSCTP_SEND_FLAGS_ADDR_OVER) ? SCTP_ADDR_OVER : 0) |
         ((flags & GSCTP_SEND_FLAGS_ABORT) ? SCTP_ABORT : 0) |
         ((flags & GSCTP_SEND_FLAGS_EOF) ? SCTP_EOF : 0) |
         ((flags & GSCTP_SEND_FLAGS_SENDALL) ? SCTP_SENDALL : 0);
}

/* The control data of one send: what sctp_sendv() builds, made here in
 * place on the stack, which saves its copies of whole structs. */
#ifdef GSCTP_RFC6458_API
#define SEND_CONTROL_SPACE (CMSG_SPACE (sizeof (struct sctp_sndinfo)) + \
                            CMSG_SPACE (sizeof (struct sctp_prinfo)))
#else
#define SEND_CONTROL_SPACE CMSG_SPACE (sizeof (struct sctp_sndrcvinfo))
#endif

typedef union {
  struct cmsghdr align;
  char buf[SEND_CONTROL_SPACE];
} SendControl;

static gsize
build_send_control (const GSctpSndInfo *info,
                    SendControl *control)
{
  struct cmsghdr *cmsg = &control->align;

#ifdef GSCTP_RFC6458_API
  struct sctp_sndinfo *sndinfo;
  gsize used = CMSG_SPACE (sizeof *sndinfo);

  /* Only the headers and the structs' padding need clearing; the fields
   * are all set below. */
  memset (control, 0, used);
  cmsg->cmsg_level = IPPROTO_SCTP;
  cmsg->cmsg_type = SCTP_SNDINFO;
  cmsg->cmsg_len = CMSG_LEN (sizeof *sndinfo);
  sndinfo = (struct sctp_sndinfo *) CMSG_DATA (cmsg);
  sndinfo->snd_sid = info->stream;
  sndinfo->snd_flags = kernel_send_flags (info->flags);
  sndinfo->snd_ppid = g_htonl (info->ppid);
  sndinfo->snd_context = info->context;
  sndinfo->snd_assoc_id = info->assoc_id;
  if (info->time_to_live != 0)
    {
      struct sctp_prinfo *prinfo;

      cmsg = (struct cmsghdr *) (control->buf + used);
      memset (cmsg, 0, CMSG_SPACE (sizeof *prinfo));
      cmsg->cmsg_level = IPPROTO_SCTP;
      cmsg->cmsg_type = SCTP_PRINFO;
      cmsg->cmsg_len = CMSG_LEN (sizeof *prinfo);
      prinfo = (struct sctp_prinfo *) CMSG_DATA (cmsg);
      prinfo->pr_policy = SCTP_PR_SCTP_TTL;
      prinfo->pr_value = info->time_to_live;
      used += CMSG_SPACE (sizeof *prinfo);
    }
  return used;
#else
  struct sctp_sndrcvinfo *sinfo;

  memset (control, 0, sizeof *control);
  cmsg->cmsg_level = IPPROTO_SCTP;
  cmsg->cmsg_type = SCTP_SNDRCV;
  cmsg->cmsg_len = CMSG_LEN (sizeof *sinfo);
  sinfo = (struct sctp_sndrcvinfo *) CMSG_DATA (cmsg);
  sinfo->sinfo_stream = info->stream;
  sinfo->sinfo_flags = kernel_send_flags (info->flags);
  sinfo->sinfo_ppid = g_htonl (info->ppid);
  sinfo->sinfo_context = info->context;
  sinfo->sinfo_timetolive = info->time_to_live;
  sinfo->sinfo_assoc_id = info->assoc_id;
  return CMSG_SPACE (sizeof *sinfo);
#endif
}

gssize
gsctp_kernel_send (int fd,
                   const GSctpSndInfo *info,
                   GSocketAddress *address,
                   const void *data,
                   gsize size,
                   GError **error)
{
  struct iovec iov = { (void *) data, size };
  struct sockaddr_storage to;
  SendControl control;
  struct msghdr msg = {
    .msg_iov = &iov,
    .msg_iovlen = 1,
    .msg_control = control.buf,
  };
  ssize_t sent;

  if (address != NULL)
    {
      if (!g_socket_address_to_native (address, &to, sizeof to, error))
        return -1;
      msg.msg_name = &to;
      msg.msg_namelen = g_socket_address_get_native_size (address);
    }
  msg.msg_controllen = build_send_control (info, &control);
  sent = sendmsg (fd, &msg, MSG_NOSIGNAL);

  if (sent < 0)
    {
      int errsv = errno;

      /* The common case of a busy socket: no GError to make and free. */
      if (errsv == EAGAIN || errsv == EWOULDBLOCK)
        return GSCTP_KERNEL_WOULD_BLOCK;
      if (errsv == EMSGSIZE)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE,
                     "Could not send a message of %" G_GSIZE_FORMAT " bytes: it must fit in the "
                     "socket's send buffer (SO_SNDBUF), or in one packet when fragmentation is off",
                     size);
      else
        gsctp_kernel_set_error (error, errsv, "Could not send");
      return -1;
    }
  return sent;
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
 * SCTP_RCVINFO (RFC 6458) or the older SCTP_SNDRCV; anything else, such as
 * SCTP_NXTINFO, is skipped. Headers are checked against @size and read by
 * copy, so any bytes are safe to hand it. */
gboolean
gsctp_kernel_parse_receive_info (const guint8 *control,
                                 gsize size,
                                 GSctpRcvInfo *info)
{
  gboolean found = FALSE;
  gsize offset = 0;

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
          found = TRUE;
        }
#endif
      else if (header.cmsg_type == SCTP_SNDRCV && payload_size >= sizeof (struct sctp_sndrcvinfo))
        {
          struct sctp_sndrcvinfo sinfo;

          memcpy (&sinfo, payload, sizeof sinfo);
          rcv_info_from_kernel (info, sinfo.sinfo_stream, sinfo.sinfo_ssn, sinfo.sinfo_flags,
                                sinfo.sinfo_ppid, sinfo.sinfo_tsn, sinfo.sinfo_cumtsn,
                                sinfo.sinfo_context, sinfo.sinfo_assoc_id);
          found = TRUE;
        }
      if (CMSG_ALIGN (header.cmsg_len) >= size - offset)
        break;
      offset += CMSG_ALIGN (header.cmsg_len);
    }
  return found;
}

/* Receives into @head, then @buffer: one message, or its next piece. */
gssize
gsctp_kernel_receive (int fd,
                      void *head,
                      gsize head_size,
                      void *buffer,
                      gsize size,
                      GSctpSockaddr *from,
                      GSctpRcvInfo *info,
                      GSctpRecvFlags *flags,
                      GError **error)
{
  /* Room for the receive info, the next message's when SCTP_RECVNXTINFO
   * is on, and the old SCTP_SNDRCV info should SCTP_EVENTS ask for it. */
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE (sizeof (struct sctp_sndrcvinfo)) * 3];
  } control;
  struct iovec iov[2] = { { head, head_size }, { buffer, size } };
  struct msghdr msg = {
    .msg_name = &from->storage,
    .msg_namelen = sizeof from->storage,
    .msg_iov = head_size > 0 ? iov : iov + 1,
    .msg_iovlen = head_size > 0 ? 2 : 1,
    .msg_control = control.buf,
    .msg_controllen = sizeof control.buf,
  };
  ssize_t got = recvmsg (fd, &msg, 0);

  if (got < 0)
    {
      int errsv = errno;

      if (errsv == EAGAIN || errsv == EWOULDBLOCK)
        return GSCTP_KERNEL_WOULD_BLOCK;
      gsctp_kernel_set_error (error, errsv, "Could not receive");
      return -1;
    }
  from->len = msg.msg_namelen;
  *flags = 0;
  if (gsctp_kernel_parse_receive_info ((const guint8 *) control.buf, msg.msg_controllen, info))
    *flags |= GSCTP_RECV_HAVE_INFO;
  if (msg.msg_flags & MSG_EOR)
    *flags |= GSCTP_RECV_EOR;
  if (msg.msg_flags & MSG_NOTIFICATION)
    *flags |= GSCTP_RECV_NOTIFICATION;
  return got;
}

static GSocketAddress *address_from_storage (const void *src);

/* Each decoder is handed the bytes the notification's own length covers
 * (already checked against what was received) and checks that its struct
 * fits before reading it. */
static gboolean
check_size (gsize size,
            gsize needed,
            const char *what,
            GError **error)
{
  if (size >= needed)
    return TRUE;
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
               "%s notification of %" G_GSIZE_FORMAT " bytes, expected at least %" G_GSIZE_FORMAT,
               what, size, needed);
  return FALSE;
}

static gboolean
unknown_value (const char *what,
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

  if (!check_size (size, sizeof sac, "Association-change", error))
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
      unknown_value ("association state", sac.sac_state, error);
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

  if (!check_size (size, sizeof spc, "Peer-address-change", error))
    return NULL;
  memcpy (&spc, buffer, sizeof spc);
  if (spc.spc_state < SCTP_ADDR_AVAILABLE || spc.spc_state > SCTP_ADDR_POTENTIALLY_FAILED)
    {
      unknown_value ("peer address state", spc.spc_state, error);
      return NULL;
    }
  change = g_new0 (GSctpPeerAddrChange, 1);
  /* The kernel's states and ours are in the same order. */
  change->state = GSCTP_PEER_ADDR_STATE_AVAILABLE + (spc.spc_state - SCTP_ADDR_AVAILABLE);
  change->error = spc.spc_error;
  change->assoc_id = spc.spc_assoc_id;
  change->address = address_from_storage (buffer + offsetof (struct sctp_paddr_change, spc_aaddr));
  return change;
}

static gpointer
decode_send_failed (const guint8 *buffer, gsize size, GError **error)
{
  GSctpSendFailed *failed;

#ifdef SCTP_SEND_FAILED_EVENT
  struct sctp_send_failed_event ssf;

  if (!check_size (size, sizeof ssf, "Send-failed", error))
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

  if (!check_size (size, sizeof ssf, "Send-failed", error))
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

  if (!check_size (size, sizeof sre, "Remote-error", error))
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

  if (!check_size (size, sizeof sse, "Shutdown", error))
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

  if (!check_size (size, sizeof pdapi, "Partial-delivery", error))
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

  if (!check_size (size, sizeof sai, "Adaptation-indication", error))
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

  if (!check_size (size, sizeof auth, "Authentication", error))
    return NULL;
  memcpy (&auth, buffer, sizeof auth);
  switch (auth.auth_indication)
    {
    case SCTP_AUTH_NEW_KEY: indication = GSCTP_AUTH_INDICATION_NEW_KEY; break;
    case SCTP_AUTH_FREE_KEY: indication = GSCTP_AUTH_INDICATION_FREE_KEY; break;
    case SCTP_AUTH_NO_AUTH: indication = GSCTP_AUTH_INDICATION_NO_AUTH; break;
    default:
      unknown_value ("authentication indication", auth.auth_indication, error);
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

  if (!check_size (size, sizeof dry, "Sender-dry", error))
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

  if (!check_size (size, sizeof reset, "Stream-reset", error))
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

  if (!check_size (size, sizeof reset, "Association-reset", error))
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

  if (!check_size (size, sizeof change, "Stream-change", error))
    return NULL;
  memcpy (&change, buffer, sizeof change);
  stream_change = g_new0 (GSctpStreamChange, 1);
  stream_change->flags = reset_flags (change.strchange_flags);
  stream_change->inbound_streams = change.strchange_instrms;
  stream_change->outbound_streams = change.strchange_outstrms;
  stream_change->assoc_id = change.strchange_assoc_id;
  return stream_change;
}

typedef gpointer (*Decoder) (const guint8 *buffer, gsize size, GError **error);

static const struct {
  guint16 kernel_type;
  GSctpEventType type;
  Decoder decode;
} decoders[] = {
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
  struct { guint16 sn_type; guint16 sn_flags; guint32 sn_length; } header;

  G_STATIC_ASSERT (sizeof header == sizeof ((union sctp_notification *) NULL)->sn_header);

  notification->type = GSCTP_EVENT_TYPE_NONE;
  notification->event = NULL;
  if (size < sizeof header)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
                   "Notification of %" G_GSIZE_FORMAT " bytes is shorter than its header", size);
      return FALSE;
    }
  memcpy (&header, buffer, sizeof header);
  if (header.sn_length < sizeof header || header.sn_length > size)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
                   "Notification claims %u bytes but %" G_GSIZE_FORMAT " were received",
                   header.sn_length, size);
      return FALSE;
    }
  notification->kernel_type = header.sn_type;
  for (gsize i = 0; i < G_N_ELEMENTS (decoders); i++)
    if (decoders[i].kernel_type == header.sn_type)
      {
        notification->event = decoders[i].decode (buffer, header.sn_length, error);
        if (notification->event == NULL)
          return FALSE;
        notification->type = decoders[i].type;
        return TRUE;
      }
  /* A kind gsctp does not know (a newer kernel's): not an error. */
  return TRUE;
}

gboolean
gsctp_kernel_shutdown_write (int fd,
                             GError **error)
{
  if (shutdown (fd, SHUT_WR) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not shut the association down");
      return FALSE;
    }
  return TRUE;
}

int
gsctp_kernel_peeloff (int fd,
                      GSctpAssocId assoc_id,
                      GError **error)
{
  int new_fd;

#ifdef GSCTP_HAVE_SCTP_PEELOFF_FLAGS
  new_fd = sctp_peeloff_flags (fd, assoc_id, SOCK_CLOEXEC | SOCK_NONBLOCK);
#else
  new_fd = sctp_peeloff (fd, assoc_id);
  if (new_fd >= 0)
    fcntl (new_fd, F_SETFD, FD_CLOEXEC);
#endif
  if (new_fd < 0)
    {
      if (errno == EINVAL)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                     "Could not peel off association %d: no such association on a one-to-many socket",
                     assoc_id);
      else
        gsctp_kernel_set_error (error, errno, "Could not peel off the association");
    }
  return new_fd;
}

/* ------------------------------------------------------------------ */
/* Options                                                             */

static gboolean
get_option (int fd, int level, int name, void *value, socklen_t size, const char *what,
            GError **error)
{
  socklen_t len = size;

  if (getsockopt (fd, level, name, value, &len) < 0)
    {
      if (errno == EINVAL && level == IPPROTO_SCTP)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                     "Could not read %s: no such association", what);
      else
        {
          g_autofree char *message = g_strdup_printf ("Could not read %s", what);

          gsctp_kernel_set_error (error, errno, message);
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_option (int fd, int level, int name, const void *value, socklen_t size, const char *what,
            GError **error)
{
  if (setsockopt (fd, level, name, value, size) < 0)
    {
      g_autofree char *message = g_strdup_printf ("Could not set %s", what);

      gsctp_kernel_set_error (error, errno, message);
      return FALSE;
    }
  return TRUE;
}

typedef enum { KIND_INT, KIND_ASSOC_VALUE, KIND_ADAPTATION } PlainKind;

static const struct {
  const char *name;
  int level;
  int option;
  PlainKind kind;
} plain_options[GSCTP_N_PLAIN_OPTIONS] = {
  [GSCTP_PLAIN_NODELAY] = { "SCTP_NODELAY", IPPROTO_SCTP, SCTP_NODELAY, KIND_INT },
  [GSCTP_PLAIN_AUTOCLOSE] = { "SCTP_AUTOCLOSE", IPPROTO_SCTP, SCTP_AUTOCLOSE, KIND_INT },
  [GSCTP_PLAIN_DISABLE_FRAGMENTS] = { "SCTP_DISABLE_FRAGMENTS", IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, KIND_INT },
  [GSCTP_PLAIN_MAPPED_V4] = { "SCTP_I_WANT_MAPPED_V4_ADDR", IPPROTO_SCTP, SCTP_I_WANT_MAPPED_V4_ADDR, KIND_INT },
  [GSCTP_PLAIN_MAXSEG] = { "SCTP_MAXSEG", IPPROTO_SCTP, SCTP_MAXSEG, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_ADAPTATION_LAYER] = { "SCTP_ADAPTATION_LAYER", IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, KIND_ADAPTATION },
  [GSCTP_PLAIN_FRAGMENT_INTERLEAVE] = { "SCTP_FRAGMENT_INTERLEAVE", IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, KIND_INT },
  [GSCTP_PLAIN_INTERLEAVING_SUPPORTED] = { "SCTP_INTERLEAVING_SUPPORTED", IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_RECVNXTINFO] = { "SCTP_RECVNXTINFO", IPPROTO_SCTP, SCTP_RECVNXTINFO, KIND_INT },
  [GSCTP_PLAIN_PR_SUPPORTED] = { "SCTP_PR_SUPPORTED", IPPROTO_SCTP, SCTP_PR_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_RECONFIG_SUPPORTED] = { "SCTP_RECONFIG_SUPPORTED", IPPROTO_SCTP, SCTP_RECONFIG_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_STREAM_SCHEDULER] = { "SCTP_STREAM_SCHEDULER", IPPROTO_SCTP, SCTP_STREAM_SCHEDULER, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_SNDBUF] = { "SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, KIND_INT },
  [GSCTP_PLAIN_RCVBUF] = { "SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, KIND_INT },
  [GSCTP_PLAIN_REUSEADDR] = { "SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, KIND_INT },
  [GSCTP_PLAIN_PRIORITY] = { "SO_PRIORITY", SOL_SOCKET, SO_PRIORITY, KIND_INT },
  [GSCTP_PLAIN_DONTROUTE] = { "SO_DONTROUTE", SOL_SOCKET, SO_DONTROUTE, KIND_INT },
  [GSCTP_PLAIN_TOS] = { "IP_TOS", IPPROTO_IP, IP_TOS, KIND_INT },
  [GSCTP_PLAIN_V6ONLY] = { "IPV6_V6ONLY", IPPROTO_IPV6, IPV6_V6ONLY, KIND_INT },
};

static void
plain_location (GSctpPlainOption option, GSocketFamily family, int *level, int *name)
{
  *level = plain_options[option].level;
  *name = plain_options[option].option;
  /* An IPv6 socket's traffic class is its TOS. */
  if (option == GSCTP_PLAIN_TOS && family == G_SOCKET_FAMILY_IPV6)
    {
      *level = IPPROTO_IPV6;
      *name = IPV6_TCLASS;
    }
}

gboolean
gsctp_kernel_get_plain (int fd,
                        GSocketFamily family,
                        GSctpPlainOption option,
                        GSctpAssocId assoc_id,
                        int *value,
                        GError **error)
{
  const char *what = plain_options[option].name;
  int level, name;

  plain_location (option, family, &level, &name);
  switch (plain_options[option].kind)
    {
    case KIND_ASSOC_VALUE:
      {
        struct sctp_assoc_value av = { .assoc_id = assoc_id };

        if (!get_option (fd, level, name, &av, sizeof av, what, error))
          return FALSE;
        *value = (int) av.assoc_value;
        return TRUE;
      }
    case KIND_ADAPTATION:
      {
        struct sctp_setadaptation ad = { 0 };

        if (!get_option (fd, level, name, &ad, sizeof ad, what, error))
          return FALSE;
        *value = (int) ad.ssb_adaptation_ind;
        return TRUE;
      }
    case KIND_INT:
    default:
      return get_option (fd, level, name, value, sizeof *value, what, error);
    }
}

gboolean
gsctp_kernel_set_plain (int fd,
                        GSocketFamily family,
                        GSctpPlainOption option,
                        GSctpAssocId assoc_id,
                        int value,
                        GError **error)
{
  const char *what = plain_options[option].name;
  int level, name;

  plain_location (option, family, &level, &name);
  switch (plain_options[option].kind)
    {
    case KIND_ASSOC_VALUE:
      {
        struct sctp_assoc_value av = { .assoc_id = assoc_id, .assoc_value = (guint32) value };

        return set_option (fd, level, name, &av, sizeof av, what, error);
      }
    case KIND_ADAPTATION:
      {
        struct sctp_setadaptation ad = { .ssb_adaptation_ind = (guint32) value };

        return set_option (fd, level, name, &ad, sizeof ad, what, error);
      }
    case KIND_INT:
    default:
      return set_option (fd, level, name, &value, sizeof value, what, error);
    }
}

gboolean
gsctp_kernel_get_linger (int fd,
                         gboolean *enabled,
                         guint *seconds,
                         GError **error)
{
  struct linger linger = { 0 };

  if (!get_option (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger, "SO_LINGER", error))
    return FALSE;
  *enabled = linger.l_onoff != 0;
  *seconds = (guint) MAX (linger.l_linger, 0);
  return TRUE;
}

gboolean
gsctp_kernel_get_init_msg (int fd,
                           GSctpInitMsg *msg,
                           GError **error)
{
  struct sctp_initmsg init = { 0 };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init, "SCTP_INITMSG", error))
    return FALSE;
  msg->num_ostreams = init.sinit_num_ostreams;
  msg->max_instreams = init.sinit_max_instreams;
  msg->max_attempts = init.sinit_max_attempts;
  msg->max_init_timeo = init.sinit_max_init_timeo;
  return TRUE;
}

gboolean
gsctp_kernel_get_rto_info (int fd,
                           GSctpRtoInfo *info,
                           GError **error)
{
  struct sctp_rtoinfo rto = { .srto_assoc_id = info->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto, "SCTP_RTOINFO", error))
    return FALSE;
  info->initial = rto.srto_initial;
  info->max = rto.srto_max;
  info->min = rto.srto_min;
  return TRUE;
}

gboolean
gsctp_kernel_set_rto_info (int fd,
                           const GSctpRtoInfo *info,
                           GError **error)
{
  struct sctp_rtoinfo rto = {
    .srto_assoc_id = info->assoc_id,
    .srto_initial = info->initial,
    .srto_max = info->max,
    .srto_min = info->min,
  };

  return set_option (fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto, "SCTP_RTOINFO", error);
}

gboolean
gsctp_kernel_get_assoc_params (int fd,
                               GSctpAssocParams *params,
                               GError **error)
{
  struct sctp_assocparams ap = { .sasoc_assoc_id = params->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof ap, "SCTP_ASSOCINFO", error))
    return FALSE;
  params->max_retransmissions = ap.sasoc_asocmaxrxt;
  params->peer_destinations = ap.sasoc_number_peer_destinations;
  params->peer_rwnd = ap.sasoc_peer_rwnd;
  params->local_rwnd = ap.sasoc_local_rwnd;
  params->cookie_life = ap.sasoc_cookie_life;
  return TRUE;
}

gboolean
gsctp_kernel_set_assoc_params (int fd,
                               const GSctpAssocParams *params,
                               GError **error)
{
  struct sctp_assocparams ap = {
    .sasoc_assoc_id = params->assoc_id,
    .sasoc_asocmaxrxt = params->max_retransmissions,
    .sasoc_cookie_life = params->cookie_life,
  };

  return set_option (fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof ap, "SCTP_ASSOCINFO", error);
}

/* A GSocketAddress into the (possibly unaligned, in a packed struct)
 * sockaddr_storage at @dest; NULL stays all zero: "every address" for the
 * kernel. */
static gboolean
address_to_storage (GSocketAddress *address,
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

static GSocketAddress *
address_from_storage (const void *src)
{
  struct sockaddr_storage storage;
  gsize size;

  memcpy (&storage, src, sizeof storage);
  size = native_size ((const struct sockaddr *) &storage);
  return size ? g_socket_address_new_from_native (&storage, size) : NULL;
}

G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_ENABLE == (int) SPP_HB_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_DISABLE == (int) SPP_HB_DISABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_DEMAND == (int) SPP_HB_DEMAND);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_PMTUD_ENABLE == (int) SPP_PMTUD_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_PMTUD_DISABLE == (int) SPP_PMTUD_DISABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_SACKDELAY_ENABLE == (int) SPP_SACKDELAY_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE == (int) SPP_SACKDELAY_DISABLE);
#define PEER_ADDR_FLAGS_MASK 0x7f

gboolean
gsctp_kernel_get_peer_addr_params (int fd,
                                   GSctpPeerAddrParams *params,
                                   GError **error)
{
  struct sctp_paddrparams spp = { .spp_assoc_id = params->assoc_id };

  if (!address_to_storage (params->address, (guint8 *) &spp + offsetof (struct sctp_paddrparams, spp_address), error) ||
      !get_option (fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &spp, sizeof spp,
                   "SCTP_PEER_ADDR_PARAMS", error))
    return FALSE;
  params->hb_interval = spp.spp_hbinterval;
  params->path_max_rxt = spp.spp_pathmaxrxt;
  params->path_mtu = spp.spp_pathmtu;
  params->sack_delay = spp.spp_sackdelay;
  params->flags = spp.spp_flags & PEER_ADDR_FLAGS_MASK;
  return TRUE;
}

gboolean
gsctp_kernel_set_peer_addr_params (int fd,
                                   const GSctpPeerAddrParams *params,
                                   GError **error)
{
  struct sctp_paddrparams spp;

  memset (&spp, 0, sizeof spp);
  spp.spp_assoc_id = params->assoc_id;
  spp.spp_hbinterval = params->hb_interval;
  spp.spp_pathmaxrxt = params->path_max_rxt;
  spp.spp_pathmtu = params->path_mtu;
  spp.spp_sackdelay = params->sack_delay;
  spp.spp_flags = params->flags & PEER_ADDR_FLAGS_MASK;

  if (!address_to_storage (params->address, (guint8 *) &spp + offsetof (struct sctp_paddrparams, spp_address), error))
    return FALSE;
  return set_option (fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &spp, sizeof spp,
                     "SCTP_PEER_ADDR_PARAMS", error);
}

static void
peer_addr_info_from_kernel (const struct sctp_paddrinfo *spi,
                            GSctpPeerAddrInfo *info)
{
  info->assoc_id = spi->spinfo_assoc_id;
  g_clear_object (&info->address);
  info->address = address_from_storage ((const guint8 *) spi + offsetof (struct sctp_paddrinfo, spinfo_address));
  switch (spi->spinfo_state)
    {
    case SCTP_INACTIVE: info->state = GSCTP_PATH_STATE_INACTIVE; break;
    case SCTP_PF: info->state = GSCTP_PATH_STATE_POTENTIALLY_FAILED; break;
    case SCTP_ACTIVE: info->state = GSCTP_PATH_STATE_ACTIVE; break;
    case SCTP_UNCONFIRMED: info->state = GSCTP_PATH_STATE_UNCONFIRMED; break;
    default: info->state = GSCTP_PATH_STATE_UNKNOWN; break;
    }
  info->cwnd = spi->spinfo_cwnd;
  info->srtt = spi->spinfo_srtt;
  info->rto = spi->spinfo_rto;
  info->mtu = spi->spinfo_mtu;
}

gboolean
gsctp_kernel_get_peer_addr_info (int fd,
                                 GSctpPeerAddrInfo *info,
                                 GError **error)
{
  struct sctp_paddrinfo spi = { .spinfo_assoc_id = info->assoc_id };

  if (!address_to_storage (info->address, (guint8 *) &spi + offsetof (struct sctp_paddrinfo, spinfo_address), error) ||
      !get_option (fd, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &spi, sizeof spi,
                   "SCTP_GET_PEER_ADDR_INFO", error))
    return FALSE;
  peer_addr_info_from_kernel (&spi, info);
  return TRUE;
}

gboolean
gsctp_kernel_get_status (int fd,
                         GSctpStatus *status,
                         GError **error)
{
  struct sctp_status ss = { .sstat_assoc_id = status->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_STATUS, &ss, sizeof ss, "SCTP_STATUS", error))
    return FALSE;
  if (ss.sstat_state < SCTP_EMPTY || ss.sstat_state > SCTP_SHUTDOWN_ACK_SENT)
    return unknown_value ("association state", ss.sstat_state, error);
  status->assoc_id = ss.sstat_assoc_id;
  /* The kernel's states and ours are in the same order. */
  status->state = GSCTP_PROTOCOL_STATE_EMPTY + (ss.sstat_state - SCTP_EMPTY);
  status->rwnd = ss.sstat_rwnd;
  status->unacked_data = ss.sstat_unackdata;
  status->pending_data = ss.sstat_penddata;
  status->inbound_streams = ss.sstat_instrms;
  status->outbound_streams = ss.sstat_outstrms;
  status->fragmentation_point = ss.sstat_fragmentation_point;
  peer_addr_info_from_kernel (&ss.sstat_primary, &status->primary);
  return TRUE;
}

gboolean
gsctp_kernel_get_primary_addr (int fd,
                               GSctpPrimaryAddr *prim,
                               GError **error)
{
  struct sctp_prim sp = { .ssp_assoc_id = prim->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &sp, sizeof sp, "SCTP_PRIMARY_ADDR", error))
    return FALSE;
  g_clear_object (&prim->address);
  prim->address = address_from_storage ((guint8 *) &sp + offsetof (struct sctp_prim, ssp_addr));
  return TRUE;
}

gboolean
gsctp_kernel_set_primary_addr (int fd,
                               const GSctpPrimaryAddr *prim,
                               gboolean peer,
                               GError **error)
{
  if (peer)
    {
      struct sctp_setpeerprim sp = { .sspp_assoc_id = prim->assoc_id };

      if (!address_to_storage (prim->address, (guint8 *) &sp + offsetof (struct sctp_setpeerprim, sspp_addr), error))
        return FALSE;
      return set_option (fd, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &sp, sizeof sp,
                         "SCTP_SET_PEER_PRIMARY_ADDR", error);
    }
  else
    {
      struct sctp_prim sp = { .ssp_assoc_id = prim->assoc_id };

      if (!address_to_storage (prim->address, (guint8 *) &sp + offsetof (struct sctp_prim, ssp_addr), error))
        return FALSE;
      return set_option (fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &sp, sizeof sp,
                         "SCTP_PRIMARY_ADDR", error);
    }
}

gboolean
gsctp_kernel_get_delayed_ack (int fd,
                              GSctpDelayedAck *ack,
                              GError **error)
{
  struct sctp_sack_info sack = { .sack_assoc_id = ack->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack, "SCTP_DELAYED_SACK", error))
    return FALSE;
  ack->delay = sack.sack_delay;
  ack->frequency = sack.sack_freq;
  return TRUE;
}

gboolean
gsctp_kernel_set_delayed_ack (int fd,
                              const GSctpDelayedAck *ack,
                              GError **error)
{
  struct sctp_sack_info sack = {
    .sack_assoc_id = ack->assoc_id,
    .sack_delay = ack->delay,
    .sack_freq = ack->frequency,
  };

  return set_option (fd, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack, "SCTP_DELAYED_SACK", error);
}

gboolean
gsctp_kernel_get_default_send (int fd,
                               GSctpSndInfo *info,
                               GError **error)
{
  struct sctp_sndrcvinfo sinfo = { .sinfo_assoc_id = info->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &sinfo, sizeof sinfo,
                   "SCTP_DEFAULT_SEND_PARAM", error))
    return FALSE;
  info->stream = sinfo.sinfo_stream;
  info->flags = ((sinfo.sinfo_flags & SCTP_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0) |
                ((sinfo.sinfo_flags & SCTP_ADDR_OVER) ? GSCTP_SEND_FLAGS_ADDR_OVER : 0);
  info->ppid = g_ntohl (sinfo.sinfo_ppid);
  info->context = sinfo.sinfo_context;
  info->time_to_live = sinfo.sinfo_timetolive;
  return TRUE;
}

gboolean
gsctp_kernel_set_default_send (int fd,
                               const GSctpSndInfo *info,
                               GError **error)
{
  struct sctp_sndrcvinfo sinfo;

  memset (&sinfo, 0, sizeof sinfo);
  sinfo.sinfo_assoc_id = info->assoc_id;
  sinfo.sinfo_stream = info->stream;
  sinfo.sinfo_flags = kernel_send_flags (info->flags);
  sinfo.sinfo_ppid = g_htonl (info->ppid);
  sinfo.sinfo_context = info->context;
  sinfo.sinfo_timetolive = info->time_to_live;

  return set_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &sinfo, sizeof sinfo,
                     "SCTP_DEFAULT_SEND_PARAM", error);
}

static const guint16 pr_policies[] = {
  [GSCTP_PR_POLICY_NONE] = SCTP_PR_SCTP_NONE,
  [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
  [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
  [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_PRIO,
};

gboolean
gsctp_kernel_get_default_pr_info (int fd,
                                  GSctpPrInfo *info,
                                  GError **error)
{
  struct sctp_default_prinfo pr = { .pr_assoc_id = info->assoc_id };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, "SCTP_DEFAULT_PRINFO", error))
    return FALSE;
  info->policy = GSCTP_PR_POLICY_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (pr_policies); i++)
    if (pr_policies[i] == SCTP_PR_POLICY (pr.pr_policy))
      info->policy = i;
  info->value = pr.pr_value;
  return TRUE;
}

gboolean
gsctp_kernel_set_default_pr_info (int fd,
                                  const GSctpPrInfo *info,
                                  GError **error)
{
  struct sctp_default_prinfo pr;

  /* Field by field on a cleared struct: its padding goes to the kernel. */
  memset (&pr, 0, sizeof pr);
  pr.pr_assoc_id = info->assoc_id;
  pr.pr_value = info->value;
  pr.pr_policy = pr_policies[MIN ((guint) info->policy, G_N_ELEMENTS (pr_policies) - 1)];
  return set_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, "SCTP_DEFAULT_PRINFO", error);
}

gboolean
gsctp_kernel_enable_stream_reset (int fd,
                                  GSctpAssocId assoc_id,
                                  GSctpStreamResetFlags flags,
                                  GError **error)
{
  struct sctp_assoc_value av = {
    .assoc_id = assoc_id,
    .assoc_value = ((flags & GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS) ? SCTP_ENABLE_RESET_STREAM_REQ : 0) |
                   ((flags & GSCTP_STREAM_RESET_FLAGS_RESET_ASSOC) ? SCTP_ENABLE_RESET_ASSOC_REQ : 0) |
                   ((flags & GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC) ? SCTP_ENABLE_CHANGE_ASSOC_REQ : 0),
  };

  return set_option (fd, IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, &av, sizeof av,
                     "SCTP_ENABLE_STREAM_RESET", error);
}

gboolean
gsctp_kernel_reset_streams (int fd,
                            GSctpAssocId assoc_id,
                            gboolean incoming,
                            gboolean outgoing,
                            const guint16 *streams,
                            guint n_streams,
                            GError **error)
{
  gsize size = sizeof (struct sctp_reset_streams) + n_streams * sizeof (guint16);
  g_autofree struct sctp_reset_streams *srs = g_malloc0 (size);

  srs->srs_assoc_id = assoc_id;
  srs->srs_flags = (incoming ? SCTP_STREAM_RESET_INCOMING : 0) | (outgoing ? SCTP_STREAM_RESET_OUTGOING : 0);
  srs->srs_number_streams = n_streams;
  if (n_streams > 0)
    memcpy (srs->srs_stream_list, streams, n_streams * sizeof (guint16));
  return set_option (fd, IPPROTO_SCTP, SCTP_RESET_STREAMS, srs, size, "SCTP_RESET_STREAMS", error);
}

gboolean
gsctp_kernel_add_streams (int fd,
                          GSctpAssocId assoc_id,
                          guint16 inbound,
                          guint16 outbound,
                          GError **error)
{
  struct sctp_add_streams sas = {
    .sas_assoc_id = assoc_id,
    .sas_instrms = inbound,
    .sas_outstrms = outbound,
  };

  return set_option (fd, IPPROTO_SCTP, SCTP_ADD_STREAMS, &sas, sizeof sas, "SCTP_ADD_STREAMS", error);
}

gboolean
gsctp_kernel_get_stream_value (int fd,
                               GSctpAssocId assoc_id,
                               guint16 stream,
                               guint16 *value,
                               GError **error)
{
  struct sctp_stream_value sv = { .assoc_id = assoc_id, .stream_id = stream };

  if (!get_option (fd, IPPROTO_SCTP, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv,
                   "SCTP_STREAM_SCHEDULER_VALUE", error))
    return FALSE;
  *value = sv.stream_value;
  return TRUE;
}

gboolean
gsctp_kernel_set_stream_value (int fd,
                               GSctpAssocId assoc_id,
                               guint16 stream,
                               guint16 value,
                               GError **error)
{
  struct sctp_stream_value sv = { .assoc_id = assoc_id, .stream_id = stream, .stream_value = value };

  return set_option (fd, IPPROTO_SCTP, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv,
                     "SCTP_STREAM_SCHEDULER_VALUE", error);
}
