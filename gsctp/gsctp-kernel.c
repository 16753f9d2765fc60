/* gsctp-kernel.c: the Linux kernel SCTP backend
 *
 * An endpoint is one kernel SCTP socket. This file makes, adopts, peels
 * off and closes them, watches them for readiness, and makes the system
 * calls of addresses, associations and sends: per-message info is built
 * here around sendmsg() and sendmmsg(). Receives are in
 * gsctp-kernel-receive.c, options in gsctp-kernel-options.c, the
 * translation of bytes in gsctp-kernel-translate.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "gsctp-kernel-private.h"

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

/* What every gsctp socket needs, fresh or peeled off: non-blocking I/O,
 * receive info with each message, and association changes, which connects
 * depend on. */
static gboolean
prepare (GSctpEndpoint *endpoint,
         GSctpSocketType type,
         GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

  if (!set_nonblocking (fd, error))
    return FALSE;
#ifdef GSCTP_RFC6458_API
  if (!set_int_option (fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1,
                       "Could not enable SCTP receive info", error))
    return FALSE;
#endif
  return gsctp_kernel_subscribe (endpoint, type, 0, GSCTP_EVENT_TYPE_ASSOC_CHANGE, TRUE, error);
}

static gboolean
query (int fd,
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

static gboolean
bindx (GSctpEndpoint *endpoint,
       GSocketAddress * const *addresses,
       guint n_addresses,
       int flags,
       const char *what,
       GError **error)
{
  g_autofree guint8 *packed = pack_addresses (addresses, n_addresses, error);

  if (packed == NULL)
    return FALSE;
  if (sctp_bindx (gsctp_kernel_fd (endpoint), (struct sockaddr *) packed, n_addresses, flags) < 0)
    {
      gsctp_kernel_set_error (error, errno, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
kernel_bind (GSctpEndpoint *endpoint,
             GSocketAddress * const *addresses,
             guint n_addresses,
             GError **error)
{
  return bindx (endpoint, addresses, n_addresses, SCTP_BINDX_ADD_ADDR,
                "Could not bind the SCTP socket", error);
}

static gboolean
kernel_unbind (GSctpEndpoint *endpoint,
               GSocketAddress * const *addresses,
               guint n_addresses,
               GError **error)
{
  return bindx (endpoint, addresses, n_addresses, SCTP_BINDX_REM_ADDR,
                "Could not remove an address of the SCTP socket", error);
}

static GList *
kernel_get_addresses (GSctpEndpoint *endpoint,
                      GSctpAssocId assoc_id,
                      gboolean peer,
                      GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
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
      gsize size = gsctp_kernel_native_size ((const struct sockaddr *) p);

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

static gboolean
kernel_listen (GSctpEndpoint *endpoint,
               int backlog,
               GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

  if (listen (fd, backlog) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not listen on the SCTP socket");
      return FALSE;
    }
  return TRUE;
}

static gboolean
kernel_connect (GSctpEndpoint *endpoint,
                GSocketAddress * const *addresses,
                guint n_addresses,
                GSctpAssocId *assoc_id,
                GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  g_autofree guint8 *packed = pack_addresses (addresses, n_addresses, error);
  sctp_assoc_t id = 0;

  if (packed == NULL)
    return FALSE;
  /* Non-blocking: the association's change tells how it went. */
  if (sctp_connectx (fd, (struct sockaddr *) packed, n_addresses, &id) < 0 && errno != EINPROGRESS)
    {
      gsctp_kernel_set_error (error, errno, "Could not connect");
      return FALSE;
    }
  *assoc_id = id;
  return TRUE;
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
  sndinfo->snd_flags = gsctp_kernel_send_flags (info->flags);
  sndinfo->snd_ppid = g_htonl (info->ppid);
  sndinfo->snd_context = info->context;
  sndinfo->snd_assoc_id = info->assoc_id;
  if (info->pr_policy != GSCTP_PR_POLICY_NONE)
    {
      static const guint16 kernel_policies[] = {
        [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
        [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
        [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_PRIO,
      };
      struct sctp_prinfo *prinfo;

      cmsg = (struct cmsghdr *) (control->buf + used);
      memset (cmsg, 0, CMSG_SPACE (sizeof *prinfo));
      cmsg->cmsg_level = IPPROTO_SCTP;
      cmsg->cmsg_type = SCTP_PRINFO;
      cmsg->cmsg_len = CMSG_LEN (sizeof *prinfo);
      prinfo = (struct sctp_prinfo *) CMSG_DATA (cmsg);
      prinfo->pr_policy = kernel_policies[MIN ((guint) info->pr_policy, G_N_ELEMENTS (kernel_policies) - 1)];
      prinfo->pr_value = info->pr_value;
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
  sinfo->sinfo_flags = gsctp_kernel_send_flags (info->flags);
  sinfo->sinfo_ppid = g_htonl (info->ppid);
  sinfo->sinfo_context = info->context;
  /* Only a lifetime, without RFC 6458's policies. */
  sinfo->sinfo_timetolive = info->pr_policy == GSCTP_PR_POLICY_TTL ? info->pr_value : 0;
  sinfo->sinfo_assoc_id = info->assoc_id;
  return CMSG_SPACE (sizeof *sinfo);
#endif
}

static gssize
send_failed (int errsv,
             gsize size,
             GError **error)
{
  /* The common case of a busy socket: no GError to make and free. */
  if (errsv == EAGAIN || errsv == EWOULDBLOCK)
    return GSCTP_WOULD_BLOCK;
  if (errsv == EMSGSIZE)
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE,
                 "Could not send a message of %" G_GSIZE_FORMAT " bytes: it must fit in the "
                 "socket's send buffer (SO_SNDBUF), or in one packet when fragmentation is off",
                 size);
  else
    gsctp_kernel_set_error (error, errsv, "Could not send");
  return -1;
}

static gssize
kernel_send (GSctpEndpoint *endpoint,
             const GSctpSndInfo *info,
             GSocketAddress *address,
             const void *data,
             gsize size,
             GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
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
  return sent < 0 ? send_failed (errno, size, error) : sent;
}

/* Several messages in one sendmmsg(): how many went, from the first;
 * GSCTP_WOULD_BLOCK when none did, or -1 with the first one's error. The
 * kernel says nothing of a message after the first that fails: it comes
 * first in the caller's next call, and fails there. */
static gssize
kernel_send_batch (GSctpEndpoint *endpoint,
                   const GSctpSendItem *items,
                   guint n_items,
                   GError **error)
{
  struct mmsghdr msgs[GSCTP_SEND_BATCH];
  struct iovec iov[GSCTP_SEND_BATCH];
  struct sockaddr_storage to[GSCTP_SEND_BATCH];
  SendControl control[GSCTP_SEND_BATCH];
  int sent;

  n_items = MIN (n_items, GSCTP_SEND_BATCH);
  for (guint i = 0; i < n_items; i++)
    {
      iov[i] = (struct iovec) { (void *) items[i].data, items[i].size };
      msgs[i] = (struct mmsghdr) {
        .msg_hdr = { .msg_iov = &iov[i], .msg_iovlen = 1, .msg_control = control[i].buf },
      };
      if (items[i].address != NULL)
        {
          /* A bad address fails where the kernel would: as the first. */
          if (!g_socket_address_to_native (items[i].address, &to[i], sizeof to[i],
                                           i == 0 ? error : NULL))
            {
              if (i == 0)
                return -1;
              n_items = i;
              break;
            }
          msgs[i].msg_hdr.msg_name = &to[i];
          msgs[i].msg_hdr.msg_namelen = g_socket_address_get_native_size (items[i].address);
        }
      msgs[i].msg_hdr.msg_controllen = build_send_control (items[i].info, &control[i]);
    }
  sent = sendmmsg (gsctp_kernel_fd (endpoint), msgs, n_items, MSG_NOSIGNAL);
  return sent < 0 ? send_failed (errno, items[0].size, error) : sent;
}

static gboolean
kernel_shutdown_write (GSctpEndpoint *endpoint,
                       GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

  if (shutdown (fd, SHUT_WR) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not shut the association down");
      return FALSE;
    }
  return TRUE;
}

static gboolean
kernel_get_assoc_ids (GSctpEndpoint *endpoint,
                      GArray *ids,
                      GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autofree struct sctp_assoc_ids *list = NULL;
      guint32 number = 0;
      socklen_t len = sizeof number;

      if (getsockopt (fd, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &number, &len) < 0)
        break;
      /* Room for a few that come up meanwhile. */
      len = sizeof *list + (number + 4) * sizeof (sctp_assoc_t);
      list = g_malloc0 (len);
      if (getsockopt (fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, list, &len) < 0)
        {
          if (errno == EINVAL)
            continue;
          break;
        }
      for (guint32 i = 0; i < list->gaids_number_of_ids; i++)
        {
          GSctpAssocId id = list->gaids_assoc_id[i];

          g_array_append_val (ids, id);
        }
      return TRUE;
    }
  /* A one-to-one socket has no list: its association, if connected. */
  if (errno == EOPNOTSUPP)
    {
      struct sctp_status status = { 0 };
      socklen_t len = sizeof status;

      if (getsockopt (fd, IPPROTO_SCTP, SCTP_STATUS, &status, &len) == 0)
        {
          GSctpAssocId id = status.sstat_assoc_id;

          g_array_append_val (ids, id);
        }
      return TRUE;
    }
  gsctp_kernel_set_error (error, errno, "Could not list the associations");
  return FALSE;
}

static GSctpEndpoint *endpoint_new (int fd, GSctpSocketType type, gboolean close_on_failure,
                                    GError **error);

static GSctpEndpoint *
kernel_peeloff (GSctpEndpoint *endpoint,
                GSctpAssocId assoc_id,
                GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  GSctpEndpoint *peeled;
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
      return NULL;
    }
  /* Prepared as what the kernel says it is: SOCK_SEQPACKET. */
  peeled = endpoint_new (new_fd, GSCTP_SOCKET_TYPE_SEQPACKET, TRUE, error);
  if (peeled != NULL)
    gsctp_kernel_batch_move ((GSctpKernelEndpoint *) endpoint, (GSctpKernelEndpoint *) peeled,
                             assoc_id);
  return peeled;
}

static GSctpEndpoint *
kernel_accept (GSctpEndpoint *endpoint,
               GError **error)
{
  int fd = accept4 (gsctp_kernel_fd (endpoint), NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

  if (fd < 0)
    {
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "No association waiting");
      else if (errno == EINVAL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                             "Could not accept an association: the socket is not listening");
      else
        gsctp_kernel_set_error (error, errno, "Could not accept an association");
      return NULL;
    }
  /* The kernel gave it the listener's options and subscriptions. */
  return endpoint_new (fd, GSCTP_SOCKET_TYPE_STREAM, TRUE, error);
}


/* ------------------------------------------------------------------ */
/* Endpoints                                                           */

/* Takes @fd on success, and closes it on failure if asked. */
static GSctpEndpoint *
endpoint_new (int fd,
              GSctpSocketType type,
              gboolean close_on_failure,
              GError **error)
{
  GSctpKernelEndpoint *kernel = g_new0 (GSctpKernelEndpoint, 1);

  kernel->parent.backend = &gsctp_kernel_backend;
  kernel->fd = fd;
  if (!prepare (&kernel->parent, type, error))
    {
      if (close_on_failure)
        close (fd);
      g_free (kernel);
      return NULL;
    }
  return &kernel->parent;
}

/* Measured in a guest with Linux's defaults (net.core.[rw]mem_default
 * 212,992 bytes), a one-way stream on loopback crawled: 64 KiB messages at
 * about 20 a second, 1 KiB at about 300, against thousands with bigger
 * buffers. Asking for GSCTP_KERNEL_DEFAULT_BUFFER gets what the system
 * allows an unprivileged socket (twice net.core.[rw]mem_max), which
 * already runs 64 KiB messages at full speed; 1 KiB messages also need
 * Nagle's algorithm off, which telecom signalling wants anyway. Only a
 * socket gsctp makes gets these: an adopted one keeps its own settings,
 * accepted and peeled-off ones inherit their parent's. */
#define GSCTP_KERNEL_DEFAULT_BUFFER (4 * 1024 * 1024)

static void
set_defaults (int fd)
{
  /* A refusal leaves the kernel's default, which still works. */
  set_int_option (fd, SOL_SOCKET, SO_SNDBUF, GSCTP_KERNEL_DEFAULT_BUFFER, NULL, NULL);
  set_int_option (fd, SOL_SOCKET, SO_RCVBUF, GSCTP_KERNEL_DEFAULT_BUFFER, NULL, NULL);
  set_int_option (fd, IPPROTO_SCTP, SCTP_NODELAY, 1, NULL, NULL);
}

static GSctpEndpoint *
kernel_open (GSocketFamily family,
             GSctpSocketType type,
             GError **error)
{
  int domain = family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  int style = type == GSCTP_SOCKET_TYPE_STREAM ? SOCK_STREAM : SOCK_SEQPACKET;
  int fd = socket (domain, style | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_SCTP);

  if (fd < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not create an SCTP socket");
      return NULL;
    }
  set_defaults (fd);
  return endpoint_new (fd, type, TRUE, error);
}

/* Takes @fd on success only: the caller keeps it otherwise. */
static GSctpEndpoint *
kernel_adopt (int fd,
              GSocketFamily *family,
              GSctpSocketType *type,
              GError **error)
{
  if (!query (fd, family, type, error))
    return NULL;
  return endpoint_new (fd, *type, FALSE, error);
}

static void
kernel_close (GSctpEndpoint *endpoint)
{
  GSctpKernelEndpoint *kernel = (GSctpKernelEndpoint *) endpoint;

  if (kernel->fd >= 0)
    close (kernel->fd);
  kernel->fd = -1;
}

static void
kernel_free (GSctpEndpoint *endpoint)
{
  kernel_close (endpoint);
  gsctp_kernel_batch_free (((GSctpKernelEndpoint *) endpoint)->batch);
  g_free (endpoint);
}

static gboolean
kernel_has_read_ahead (GSctpEndpoint *endpoint)
{
  return g_atomic_int_get (&((GSctpKernelEndpoint *) endpoint)->read_ahead) > 0;
}

static int
kernel_get_fd (GSctpEndpoint *endpoint)
{
  return gsctp_kernel_fd (endpoint);
}

/* ------------------------------------------------------------------ */
/* Readiness                                                           */

/* Ready when the descriptor is, or, for reading, when pieces read ahead
 * wait in the endpoint (gsctp-kernel-receive.c). */
typedef struct {
  GSource source;
  gpointer tag;
  GSctpKernelEndpoint *kernel;  /* for reading; NULL otherwise */
} ReadySource;

static gboolean
ready_source_has_read_ahead (GSource *source)
{
  ReadySource *ready = (ReadySource *) source;

  return ready->kernel != NULL && g_atomic_int_get (&ready->kernel->read_ahead) > 0;
}

static gboolean
ready_source_prepare (GSource *source,
                      gint *timeout)
{
  *timeout = -1;
  return ready_source_has_read_ahead (source);
}

static gboolean
ready_source_dispatch (GSource *source,
                       GSourceFunc callback,
                       gpointer user_data)
{
  ReadySource *ready = (ReadySource *) source;
  GSctpReadyFunc func = (GSctpReadyFunc) (void (*) (void)) callback;
  GIOCondition condition = g_source_query_unix_fd (source, ready->tag);

  if (ready_source_has_read_ahead (source))
    condition |= G_IO_IN;
  return func (condition, user_data);
}

static GSourceFuncs ready_source_funcs = {
  .prepare = ready_source_prepare,
  .check = ready_source_has_read_ahead,
  .dispatch = ready_source_dispatch,
};

static GSource *
kernel_create_source (GSctpEndpoint *endpoint,
                      GIOCondition condition)
{
  GSource *source = g_source_new (&ready_source_funcs, sizeof (ReadySource));
  ReadySource *ready = (ReadySource *) source;

  ready->tag = g_source_add_unix_fd (source, gsctp_kernel_fd (endpoint), condition);
  if (condition & G_IO_IN)
    ready->kernel = (GSctpKernelEndpoint *) endpoint;
  return source;
}

static guint
kernel_get_pollfds (GSctpEndpoint *endpoint,
                    GIOCondition condition,
                    GPollFD *pollfds)
{
  pollfds[0].fd = gsctp_kernel_fd (endpoint);
  pollfds[0].events = condition;
  pollfds[0].revents = 0;
  return 1;
}

const GSctpBackend gsctp_kernel_backend = {
  .name = "kernel",
  .open = kernel_open,
  .adopt = kernel_adopt,
  .peeloff = kernel_peeloff,
  .accept = kernel_accept,
  .get_assoc_ids = kernel_get_assoc_ids,
  .close = kernel_close,
  .free = kernel_free,
  .get_fd = kernel_get_fd,
  .create_source = kernel_create_source,
  .has_read_ahead = kernel_has_read_ahead,
  .get_pollfds = kernel_get_pollfds,
  .bind = kernel_bind,
  .unbind = kernel_unbind,
  .listen = kernel_listen,
  .connect = kernel_connect,
  .get_addresses = kernel_get_addresses,
  .shutdown_write = kernel_shutdown_write,
  .send = kernel_send,
  .send_batch = kernel_send_batch,
  .receive = gsctp_kernel_receive,
  .decode_notification = gsctp_kernel_decode_notification,
  .subscribe = gsctp_kernel_subscribe,
  .is_subscribed = gsctp_kernel_is_subscribed,
  .get_plain = gsctp_kernel_get_plain,
  .set_plain = gsctp_kernel_set_plain,
  .get_linger = gsctp_kernel_get_linger,
  .set_linger = gsctp_kernel_set_linger,
  .get_struct = gsctp_kernel_get_struct,
  .set_struct = gsctp_kernel_set_struct,
  .enable_stream_reset = gsctp_kernel_enable_stream_reset,
  .reset_streams = gsctp_kernel_reset_streams,
  .add_streams = gsctp_kernel_add_streams,
  .get_stream_value = gsctp_kernel_get_stream_value,
  .set_stream_value = gsctp_kernel_set_stream_value,
  .get_pr_status = gsctp_kernel_get_pr_status,
  .auth = gsctp_kernel_auth,
  .get_active_key = gsctp_kernel_get_active_key,
  .get_auth_chunks = gsctp_kernel_get_auth_chunks,
};
