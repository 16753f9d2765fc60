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
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

#include "gsctp-kernel.h"

#if defined(GSCTP_HAVE_SCTP_SENDV) && defined(GSCTP_HAVE_SCTP_RECVV) && defined(GSCTP_HAVE_SCTP_RECVRCVINFO)
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

static gboolean
subscribe (int fd, GSctpSocketType type, guint16 event_type, GError **error)
{
#ifdef GSCTP_HAVE_SCTP_EVENT
  struct sctp_event event;

  /* Cleared whole: the struct has padding the kernel is handed too. */
  memset (&event, 0, sizeof event);
  event.se_assoc_id = type == GSCTP_SOCKET_TYPE_SEQPACKET ? SCTP_ALL_ASSOC : 0;
  event.se_type = event_type;
  event.se_on = 1;
  if (setsockopt (fd, IPPROTO_SCTP, SCTP_EVENT, &event, sizeof event) == 0)
    return TRUE;
  if (errno != ENOPROTOOPT && errno != EINVAL)
    {
      gsctp_kernel_set_error (error, errno, "Could not subscribe to SCTP events");
      return FALSE;
    }
#endif
  /* Kernels without SCTP_EVENT: the whole old subscription struct. */
  {
    struct sctp_event_subscribe events;
    socklen_t len = sizeof events;

    memset (&events, 0, sizeof events);
    if (getsockopt (fd, IPPROTO_SCTP, SCTP_EVENTS, &events, &len) < 0)
      len = sizeof events;
    if (event_type == SCTP_ASSOC_CHANGE)
      events.sctp_association_event = 1;
#ifndef GSCTP_RFC6458_API
    events.sctp_data_io_event = 1;
#endif
    if (setsockopt (fd, IPPROTO_SCTP, SCTP_EVENTS, &events, len) < 0)
      {
        gsctp_kernel_set_error (error, errno, "Could not subscribe to SCTP events");
        return FALSE;
      }
  }
  return TRUE;
}

/* What every gsctp socket needs, fresh or peeled off: non-blocking I/O,
 * receive info with each message, and the events the socket layer
 * depends on. */
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
  return subscribe (fd, type, SCTP_ASSOC_CHANGE, error);
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
  socklen_t tolen = 0;
  ssize_t sent;

  if (address != NULL)
    {
      if (!G_IS_INET_SOCKET_ADDRESS (address) ||
          !g_socket_address_to_native (address, &to, sizeof to, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                 "Not an IPv4 or IPv6 socket address");
          return -1;
        }
      tolen = g_socket_address_get_native_size (address);
    }

#ifdef GSCTP_RFC6458_API
  {
    struct sctp_sendv_spa spa = {
      .sendv_flags = SCTP_SEND_SNDINFO_VALID,
      .sendv_sndinfo = {
        .snd_sid = info->stream,
        .snd_flags = kernel_send_flags (info->flags),
        .snd_ppid = g_htonl (info->ppid),
        .snd_context = info->context,
        .snd_assoc_id = info->assoc_id,
      },
    };

    if (info->time_to_live != 0)
      {
        spa.sendv_flags |= SCTP_SEND_PRINFO_VALID;
        spa.sendv_prinfo.pr_policy = SCTP_PR_SCTP_TTL;
        spa.sendv_prinfo.pr_value = info->time_to_live;
      }
    sent = sctp_sendv (fd, &iov, 1, tolen ? (struct sockaddr *) &to : NULL, tolen ? 1 : 0,
                       &spa, sizeof spa, SCTP_SENDV_SPA, MSG_NOSIGNAL);
  }
#else
  {
    union {
      struct cmsghdr align;
      char buf[CMSG_SPACE (sizeof (struct sctp_sndrcvinfo))];
    } control;
    struct msghdr msg = {
      .msg_name = tolen ? &to : NULL,
      .msg_namelen = tolen,
      .msg_iov = &iov,
      .msg_iovlen = 1,
      .msg_control = control.buf,
      .msg_controllen = sizeof control.buf,
    };
    struct cmsghdr *cmsg = CMSG_FIRSTHDR (&msg);
    struct sctp_sndrcvinfo *sinfo;

    memset (&control, 0, sizeof control);
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
    sent = sendmsg (fd, &msg, MSG_NOSIGNAL);
  }
#endif

  if (sent < 0)
    {
      int errsv = errno;

      if (errsv == EAGAIN || errsv == EWOULDBLOCK)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                             "Send buffer full");
      else if (errsv == EMSGSIZE)
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

gssize
gsctp_kernel_receive (int fd,
                      void *buffer,
                      gsize size,
                      GSctpSockaddr *from,
                      GSctpRcvInfo *info,
                      GSctpRecvFlags *flags,
                      GError **error)
{
  struct iovec iov = { buffer, size };
  int msg_flags = 0;
  ssize_t got;

  from->len = sizeof from->storage;
  *flags = 0;

#ifdef GSCTP_RFC6458_API
  {
    struct sctp_rcvinfo rcv;
    socklen_t infolen = sizeof rcv;
    unsigned int infotype = SCTP_RECVV_NOINFO;

    got = sctp_recvv (fd, &iov, 1, (struct sockaddr *) &from->storage, &from->len,
                      &rcv, &infolen, &infotype, &msg_flags);
    if (got >= 0 && infotype == SCTP_RECVV_RCVINFO)
      {
        info->stream = rcv.rcv_sid;
        info->ssn = rcv.rcv_ssn;
        info->flags = (rcv.rcv_flags & SCTP_UNORDERED) ? GSCTP_RECEIVE_FLAGS_UNORDERED : 0;
        info->ppid = g_ntohl (rcv.rcv_ppid);
        info->tsn = rcv.rcv_tsn;
        info->cumulative_tsn = rcv.rcv_cumtsn;
        info->context = rcv.rcv_context;
        info->assoc_id = rcv.rcv_assoc_id;
        *flags |= GSCTP_RECV_HAVE_INFO;
      }
  }
#else
  {
    union {
      struct cmsghdr align;
      char buf[CMSG_SPACE (sizeof (struct sctp_sndrcvinfo))];
    } control;
    struct msghdr msg = {
      .msg_name = &from->storage,
      .msg_namelen = from->len,
      .msg_iov = &iov,
      .msg_iovlen = 1,
      .msg_control = control.buf,
      .msg_controllen = sizeof control.buf,
    };

    got = recvmsg (fd, &msg, 0);
    from->len = msg.msg_namelen;
    msg_flags = msg.msg_flags;
    for (struct cmsghdr *cmsg = CMSG_FIRSTHDR (&msg); got >= 0 && cmsg != NULL;
         cmsg = CMSG_NXTHDR (&msg, cmsg))
      {
        const struct sctp_sndrcvinfo *sinfo;

        if (cmsg->cmsg_level != IPPROTO_SCTP || cmsg->cmsg_type != SCTP_SNDRCV ||
            cmsg->cmsg_len < CMSG_LEN (sizeof *sinfo))
          continue;
        sinfo = (const struct sctp_sndrcvinfo *) CMSG_DATA (cmsg);
        info->stream = sinfo->sinfo_stream;
        info->ssn = sinfo->sinfo_ssn;
        info->flags = (sinfo->sinfo_flags & SCTP_UNORDERED) ? GSCTP_RECEIVE_FLAGS_UNORDERED : 0;
        info->ppid = g_ntohl (sinfo->sinfo_ppid);
        info->tsn = sinfo->sinfo_tsn;
        info->cumulative_tsn = sinfo->sinfo_cumtsn;
        info->context = sinfo->sinfo_context;
        info->assoc_id = sinfo->sinfo_assoc_id;
        *flags |= GSCTP_RECV_HAVE_INFO;
      }
  }
#endif

  if (got < 0)
    {
      int errsv = errno;

      if (errsv == EAGAIN || errsv == EWOULDBLOCK)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                             "No message waiting");
      else
        gsctp_kernel_set_error (error, errsv, "Could not receive");
      return -1;
    }
  if (msg_flags & MSG_EOR)
    *flags |= GSCTP_RECV_EOR;
  if (msg_flags & MSG_NOTIFICATION)
    *flags |= GSCTP_RECV_NOTIFICATION;
  return got;
}

static gboolean
decode_assoc_change (const guint8 *buffer,
                     gsize size,
                     GSctpAssocChange *change,
                     GError **error)
{
  struct sctp_assoc_change sac;

  if (size < sizeof sac)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
                   "Association-change notification of %" G_GSIZE_FORMAT " bytes, expected at least %"
                   G_GSIZE_FORMAT, size, sizeof sac);
      return FALSE;
    }
  memcpy (&sac, buffer, sizeof sac);
  switch (sac.sac_state)
    {
    case SCTP_COMM_UP: change->state = GSCTP_ASSOC_STATE_COMM_UP; break;
    case SCTP_COMM_LOST: change->state = GSCTP_ASSOC_STATE_COMM_LOST; break;
    case SCTP_RESTART: change->state = GSCTP_ASSOC_STATE_RESTART; break;
    case SCTP_SHUTDOWN_COMP: change->state = GSCTP_ASSOC_STATE_SHUTDOWN_COMP; break;
    case SCTP_CANT_STR_ASSOC: change->state = GSCTP_ASSOC_STATE_CANT_ASSOC; break;
    default:
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
                   "Unknown association state %u", sac.sac_state);
      return FALSE;
    }
  /* The kernel copies the cause code from the chunk unconverted. */
  change->error = g_ntohs (sac.sac_error);
  change->outbound_streams = sac.sac_outbound_streams;
  change->inbound_streams = sac.sac_inbound_streams;
  change->assoc_id = sac.sac_assoc_id;
  return TRUE;
}

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
  switch (header.sn_type)
    {
    case SCTP_ASSOC_CHANGE:
      notification->type = GSCTP_NOTIFICATION_ASSOC_CHANGE;
      return decode_assoc_change (buffer, header.sn_length, &notification->assoc_change, error);
    default:
      notification->type = GSCTP_NOTIFICATION_OTHER;
      return TRUE;
    }
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
