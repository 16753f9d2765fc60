/* gsctp-userland.c: the userland SCTP backend (usrsctp over UDP)
 *
 * An endpoint is one usrsctp socket (AF_CONN) and the UDP transport that
 * carries its packets. This file makes, peels off and closes endpoints,
 * keeps the stack running on the socket's main context (a pump source:
 * datagrams in, timers), reports readiness, and turns the socket layer's
 * addresses into links and back. Options are in gsctp-userland-options.c,
 * the translation of the stack's bytes in gsctp-userland-translate.c.
 *
 * Readiness: usrsctp tells of new data or room through an upcall, on the
 * thread that fed it a packet. The upcall only writes the endpoint's
 * eventfd; a readiness source and a blocking wait watch it and the
 * stack's descriptor (its tick and UDP sockets), so that whoever waits
 * runs the stack. (Not one epoll set per endpoint holding the stack's:
 * Linux refuses a descriptor to more than 500 such nested sets.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "gsctp-message-private.h"
#include "gsctp-userland-private.h"

static inline GSctpUserlandEndpoint *
userland (GSctpEndpoint *endpoint)
{
  return (GSctpUserlandEndpoint *) endpoint;
}

/* ------------------------------------------------------------------ */
/* Running the stack                                                   */

static void
upcall (struct socket *so,
        void *arg,
        int flags)
{
  GSctpUserlandEndpoint *self = arg;
  guint64 one = 1;

  (void) so;
  (void) flags;
  if (g_atomic_int_compare_and_exchange (&self->signaled, 0, 1))
    (void) write (self->event_fd, &one, sizeof one);
}

static void
clear_signal (GSctpUserlandEndpoint *self)
{
  guint64 count;

  if (g_atomic_int_get (&self->signaled))
    {
      g_atomic_int_set (&self->signaled, 0);
      (void) read (self->event_fd, &count, sizeof count);
    }
}

/* Everything the stack has waiting: timers due, datagrams in. */
static void
run_stack (GSctpUserlandEndpoint *self)
{
  (void) self;
  gsctp_userland_stack_tick ();
  gsctp_udp_transport_pump_all ();
}

/* The transport of an endpoint that serves (binds or listens) is the
 * local UDP port's, which peers know; one that only starts associations
 * sends from a free port and is answered there. Chosen once. */
static gboolean
ensure_transport (GSctpUserlandEndpoint *self,
                  gboolean serving,
                  GError **error)
{
  GSctpUdpTransport *transport = NULL;

  /* Packets go to the application: no UDP. */
  if (self->packet_link != NULL)
    return TRUE;
  g_mutex_lock (&self->transport_lock);
  if (self->transport == NULL)
    {
      transport = gsctp_udp_transport_get (serving ? self->local_udp_port : 0, error);
      self->transport = transport;
    }
  g_mutex_unlock (&self->transport_lock);
  return self->transport != NULL;
}

static gboolean
pump_dispatch (GSource *source,
               GSourceFunc callback,
               gpointer user_data)
{
  GSctpUserlandEndpoint *self = user_data;

  (void) callback;
  g_source_set_ready_time (source, -1);
  run_stack (self);
  if (self->packet_link != NULL)
    {
      GBytes *packet;

      while ((packet = gsctp_packet_link_pop (self->packet_link)) != NULL)
        {
          self->packet_func (packet, self->packet_data);
          g_bytes_unref (packet);
        }
    }
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs pump_funcs = {
  .dispatch = pump_dispatch,
};

/* The stack needs its packets read and its timers run whether or not the
 * socket layer is waiting for anything: a pump on the socket's context. */
static void
userland_set_context (GSctpEndpoint *endpoint,
                      GMainContext *context)
{
  GSctpUserlandEndpoint *self = userland (endpoint);

  if (self->so == NULL)
    return;
  g_mutex_lock (&self->watch_lock);
  if (self->pump != NULL)
    {
      g_source_destroy (self->pump);
      g_source_unref (self->pump);
    }
  self->pump = g_source_new (&pump_funcs, sizeof (GSource));
  g_source_set_name (self->pump, "gsctp userland stack");
  g_source_set_callback (self->pump, NULL, self, NULL);
  /* Behind I/O the application waits for, ahead of idles. */
  g_source_set_priority (self->pump, G_PRIORITY_DEFAULT);
  g_source_add_unix_fd (self->pump, gsctp_userland_stack_fd (), G_IO_IN);
  g_source_attach (self->pump, context);
  if (self->context != context)
    {
      g_clear_pointer (&self->context, g_main_context_unref);
      self->context = g_main_context_ref (context);
    }
  g_mutex_unlock (&self->watch_lock);
}

/* ------------------------------------------------------------------ */
/* Readiness                                                           */

static GIOCondition
ready_conditions (GSctpUserlandEndpoint *self)
{
  int events = self->so != NULL ? usrsctp_get_events (self->so) : SCTP_EVENT_ERROR;

  return ((events & SCTP_EVENT_READ) ? G_IO_IN : 0) |
         ((events & SCTP_EVENT_WRITE) ? G_IO_OUT : 0) |
         ((events & SCTP_EVENT_ERROR) ? G_IO_ERR : 0);
}

typedef struct {
  GSource source;
  GSctpUserlandEndpoint *endpoint;
  GIOCondition condition;
  gpointer event_tag;
  gpointer stack_tag;
} ReadySource;

/* Level-triggered, as a kernel socket's readiness: what the stack holds
 * counts, not only what woke the descriptor. */
static gboolean
ready_prepare (GSource *source,
               gint *timeout)
{
  ReadySource *ready = (ReadySource *) source;

  *timeout = -1;
  return (ready_conditions (ready->endpoint) & (ready->condition | G_IO_ERR)) != 0;
}

static gboolean
ready_check (GSource *source)
{
  ReadySource *ready = (ReadySource *) source;

  return g_source_query_unix_fd (source, ready->event_tag) != 0 ||
         g_source_query_unix_fd (source, ready->stack_tag) != 0 ||
         (ready_conditions (ready->endpoint) & (ready->condition | G_IO_ERR)) != 0;
}

static gboolean
ready_dispatch (GSource *source,
                GSourceFunc callback,
                gpointer user_data)
{
  ReadySource *ready = (ReadySource *) source;
  GSctpReadyFunc func = (GSctpReadyFunc) (void (*) (void)) callback;
  GIOCondition now;

  clear_signal (ready->endpoint);
  run_stack (ready->endpoint);
  now = ready_conditions (ready->endpoint) & (ready->condition | G_IO_ERR);
  /* usrsctp does not tell a one-to-many socket's room for more
   * (usrsctp_get_events() has no write event for it): whatever the stack
   * did may have made room, and a send that finds none waits again. */
  if (ready->condition & G_IO_OUT)
    now |= G_IO_OUT;
  /* Woken for the stack's own work only: nothing for the socket layer.
   * A ready time is the socket layer's own kick, which it must see. */
  if (now == 0 && g_source_get_ready_time (source) < 0)
    return G_SOURCE_CONTINUE;
  return func (now, user_data);
}

static GSourceFuncs ready_funcs = {
  .prepare = ready_prepare,
  .check = ready_check,
  .dispatch = ready_dispatch,
};

static GSource *
userland_create_source (GSctpEndpoint *endpoint,
                        GIOCondition condition)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  GSource *source = g_source_new (&ready_funcs, sizeof (ReadySource));
  ReadySource *ready = (ReadySource *) source;

  ready->endpoint = self;
  ready->condition = condition;
  ready->event_tag = g_source_add_unix_fd (source, self->event_fd, G_IO_IN);
  ready->stack_tag = g_source_add_unix_fd (source, gsctp_userland_stack_fd (), G_IO_IN);
  return source;
}

/* A blocking wait polls the eventfd and the stack; the socket layer then
 * retries the call, which runs the stack. */
static guint
userland_get_pollfds (GSctpEndpoint *endpoint,
                      GIOCondition condition,
                      GPollFD *pollfds)
{
  GSctpUserlandEndpoint *self = userland (endpoint);

  if (ready_conditions (self) & (condition | G_IO_ERR))
    {
      /* Already ready: the eventfd makes the poll return at once. */
      g_atomic_int_set (&self->signaled, 0);
      upcall (NULL, self, 0);
    }
  pollfds[0].fd = self->event_fd;
  pollfds[1].fd = gsctp_userland_stack_fd ();
  for (guint i = 0; i < 2; i++)
    {
      pollfds[i].events = G_IO_IN;
      pollfds[i].revents = 0;
    }
  return 2;
}

/* ------------------------------------------------------------------ */
/* Endpoints                                                           */

static gboolean
set_int (struct socket *so, int level, int name, int value, const char *what, GError **error)
{
  if (usrsctp_setsockopt (so, level, name, &value, sizeof value) < 0)
    {
      gsctp_userland_set_error (error, errno, what);
      return FALSE;
    }
  return TRUE;
}

static void endpoint_free (GSctpUserlandEndpoint *self);

/* Takes @so and @transport (nullable, a reference); frees both on
 * failure. */
static GSctpEndpoint *
endpoint_new (struct socket *so,
              GSctpUdpTransport *transport,
              GSocketFamily family,
              GSctpSocketType type,
              GError **error)
{
  GSctpUserlandEndpoint *self = g_new0 (GSctpUserlandEndpoint, 1);

  self->parent.backend = &gsctp_userland_backend;
  self->so = so;
  self->transport = transport;
  self->family = family;
  self->type = type;
  self->local_udp_port = GSCTP_DEFAULT_UDP_PORT;
  self->remote_udp_port = GSCTP_DEFAULT_UDP_PORT;
  g_mutex_init (&self->watch_lock);
  g_mutex_init (&self->transport_lock);
  self->event_fd = eventfd (0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (self->event_fd < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not watch the userland SCTP socket");
      endpoint_free (self);
      return NULL;
    }
  usrsctp_set_upcall (so, upcall, self);
  if (usrsctp_set_non_blocking (so, 1) < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not make the SCTP socket non-blocking");
      endpoint_free (self);
      return NULL;
    }
  if (!set_int (so, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1, "Could not enable SCTP receive info", error) ||
      !gsctp_userland_subscribe (&self->parent, type, 0, GSCTP_EVENT_TYPE_ASSOC_CHANGE, TRUE, error))
    {
      endpoint_free (self);
      return NULL;
    }
  return &self->parent;
}

/* usrsctp starts with Nagle's algorithm on: with the peer's delayed
 * SACK, a message sent while the one before is unacknowledged waits for
 * the SACK timer — measured here, each of a run of messages sent one at a
 * time arrived 200 ms after it was sent. A socket gsctp makes turns it
 * off, as on kernel SCTP; accepted and peeled-off sockets inherit their
 * parent's setting. A refusal leaves usrsctp's default, which still
 * works. */
static void
set_defaults (struct socket *so)
{
  set_int (so, IPPROTO_SCTP, SCTP_NODELAY, 1, NULL, NULL);
}

static GSctpEndpoint *
userland_open (GSocketFamily family,
               GSctpSocketType type,
               GError **error)
{
  struct socket *so;

  if (!gsctp_userland_stack_ref (error))
    return NULL;
  so = usrsctp_socket (AF_CONN, type == GSCTP_SOCKET_TYPE_STREAM ? SOCK_STREAM : SOCK_SEQPACKET,
                       IPPROTO_SCTP, NULL, NULL, 0, NULL);
  if (so == NULL)
    {
      gsctp_userland_set_error (error, errno, "Could not create a userland SCTP socket");
      gsctp_userland_stack_release (NULL);
      return NULL;
    }
  set_defaults (so);
  return endpoint_new (so, NULL, family, type, error);
}

static GSctpEndpoint *
userland_adopt (int fd,
                GSocketFamily *family,
                GSctpSocketType *type,
                GError **error)
{
  (void) fd;
  (void) family;
  (void) type;
  gsctp_userland_not_supported (error, "adopting a file descriptor: its sockets have none");
  return NULL;
}

/* An endpoint for an association of @parent's that the stack gave a
 * socket of its own: its packets go @parent's way. */
static GSctpEndpoint *
endpoint_new_child (GSctpUserlandEndpoint *parent,
                    struct socket *so,
                    GSctpSocketType type,
                    GError **error)
{
  GSctpEndpoint *endpoint = endpoint_new (so, parent->transport, parent->family, type, error);
  GSctpUserlandEndpoint *child;

  if (endpoint == NULL)
    return NULL;
  child = userland (endpoint);
  child->local_udp_port = parent->local_udp_port;
  child->remote_udp_port = parent->remote_udp_port;
  g_set_object (&child->bound_address, parent->bound_address);
  return endpoint;
}

static GSctpEndpoint *
userland_peeloff (GSctpEndpoint *endpoint,
                  GSctpAssocId assoc_id,
                  GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  struct socket *so;

  if (self->packet_link != NULL)
    {
      gsctp_userland_not_supported (error, "peeling off an association carried over the "
                                           "application's transport");
      return NULL;
    }
  if (!gsctp_userland_stack_ref (error))
    return NULL;
  so = usrsctp_peeloff (self->so, (sctp_assoc_t) assoc_id);
  if (so == NULL)
    {
      if (errno == ENOENT || errno == EINVAL)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                     "Could not peel off association %d: no such association on a one-to-many socket",
                     assoc_id);
      else
        gsctp_userland_set_error (error, errno, "Could not peel off the association");
      gsctp_userland_stack_release (NULL);
      return NULL;
    }
  return endpoint_new_child (self, so, GSCTP_SOCKET_TYPE_SEQPACKET, error);
}

static GSctpEndpoint *
userland_accept (GSctpEndpoint *endpoint,
                 GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  struct socket *so;

  if (self->packet_link != NULL)
    {
      gsctp_userland_not_supported (error, "accepting an association carried over the "
                                           "application's transport");
      return NULL;
    }
  if (!gsctp_userland_stack_ref (error))
    return NULL;
  clear_signal (self);
  so = usrsctp_accept (self->so, NULL, NULL);
  if (so == NULL && (errno == EWOULDBLOCK || errno == EAGAIN))
    {
      /* Nothing in the stack: perhaps in the UDP socket. */
      run_stack (self);
      so = usrsctp_accept (self->so, NULL, NULL);
    }
  if (so == NULL)
    {
      if (errno == EWOULDBLOCK || errno == EAGAIN)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "No association waiting");
      else if (errno == EINVAL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                             "Could not accept an association: the socket is not listening");
      else
        gsctp_userland_set_error (error, errno, "Could not accept an association");
      gsctp_userland_stack_release (NULL);
      return NULL;
    }
  /* The stack gave it the listener's options and subscriptions. */
  return endpoint_new_child (self, so, GSCTP_SOCKET_TYPE_STREAM, error);
}

/* The endpoint's last use of the stack: what its associations still do
 * (deliver, shut down) the stack does on its own. */
static void
userland_close (GSctpEndpoint *endpoint)
{
  GSctpUserlandEndpoint *self = userland (endpoint);

  if (self->so == NULL)
    return;
  usrsctp_set_upcall (self->so, NULL, NULL);
  /* Graceful unless lingering says otherwise, through the transports,
   * which stay. */
  usrsctp_close (self->so);
  self->so = NULL;
  g_mutex_lock (&self->watch_lock);
  if (self->pump != NULL)
    {
      g_source_destroy (self->pump);
      g_clear_pointer (&self->pump, g_source_unref);
    }
  g_mutex_unlock (&self->watch_lock);
  /* No more ::packet-out after close: the application's link goes. */
  g_clear_pointer (&self->packet_link, gsctp_packet_link_free);
  gsctp_userland_stack_release (self->context);
}

static void
endpoint_free (GSctpUserlandEndpoint *self)
{
  if (self->so != NULL)
    userland_close (&self->parent);
  if (self->packet_data_free != NULL)
    self->packet_data_free (self->packet_data);
  if (self->event_fd >= 0)
    close (self->event_fd);
  g_clear_object (&self->bound_address);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->watch_lock);
  g_mutex_clear (&self->transport_lock);
  g_free (self);
}

static void
userland_free (GSctpEndpoint *endpoint)
{
  endpoint_free (userland (endpoint));
}

static int
userland_get_fd (GSctpEndpoint *endpoint)
{
  (void) endpoint;
  return -1;
}

void
gsctp_userland_set_udp_ports (GSctpEndpoint *endpoint,
                              guint16 local_port,
                              guint16 remote_port)
{
  GSctpUserlandEndpoint *self = userland (endpoint);

  self->local_udp_port = local_port;
  self->remote_udp_port = remote_port;
}

/* ------------------------------------------------------------------ */
/* Addresses and associations                                          */

/* The socket layer checked that each address is an IP address of the
 * socket's family; here, how many. */
static gboolean
some_addresses (guint n_addresses,
                gboolean only_one,
                GError **error)
{
  if (n_addresses == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No address given");
      return FALSE;
    }
  if (only_one && n_addresses > 1)
    {
      gsctp_userland_not_supported (error, "multi-homing: an association over UDP has one address per side");
      return FALSE;
    }
  return TRUE;
}

/* The UDP socket listens on every address: a bind to one that is not
 * this host's fails here, as the kernel's would. */
static gboolean
check_local (GInetAddress *address,
             GError **error)
{
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GSocketAddress) local = NULL;

  if (g_inet_address_get_is_any (address))
    return TRUE;
  probe = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_DATAGRAM,
                        G_SOCKET_PROTOCOL_UDP, error);
  if (probe == NULL)
    return FALSE;
  local = g_inet_socket_address_new (address, 0);
  if (!g_socket_bind (probe, local, FALSE, error))
    {
      g_prefix_error (error, "Could not bind the SCTP socket: ");
      return FALSE;
    }
  return TRUE;
}

static gboolean
userland_bind (GSctpEndpoint *endpoint,
               GSocketAddress * const *addresses,
               guint n_addresses,
               GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  GInetSocketAddress *address;
  struct sockaddr_conn sconn = { .sconn_family = AF_CONN };
  GInetAddress *ip;
  guint16 port;

  if (!some_addresses (n_addresses, TRUE, error))
    return FALSE;
  address = G_INET_SOCKET_ADDRESS (addresses[0]);
  ip = g_inet_socket_address_get_address (address);
  port = g_inet_socket_address_get_port (address);
  if (!check_local (ip, error))
    return FALSE;
  /* The SCTP port is the stack's; the IP address is the UDP socket's. */
  sconn.sconn_port = g_htons (port);
  if (usrsctp_bind (self->so, (struct sockaddr *) &sconn, sizeof sconn) < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not bind the SCTP socket");
      return FALSE;
    }
  g_set_object (&self->bound_address, ip);
  /* A bound socket is found by its peers as a kernel one is, at its
   * address: at the local UDP port. */
  return ensure_transport (self, TRUE, error);
}

static gboolean
userland_unbind (GSctpEndpoint *endpoint,
                 GSocketAddress * const *addresses,
                 guint n_addresses,
                 GError **error)
{
  (void) endpoint;
  (void) addresses;
  (void) n_addresses;
  gsctp_userland_not_supported (error, "removing a local address: an association over UDP has "
                                       "one address per side");
  return FALSE;
}

static gboolean
userland_listen (GSctpEndpoint *endpoint,
                 int backlog,
                 GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);

  if (usrsctp_listen (self->so, backlog) < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not listen on the SCTP socket");
      return FALSE;
    }
  /* An endpoint that already started associations keeps its transport. */
  return ensure_transport (self, TRUE, error);
}

static gboolean
to_conn (GSctpUserlandEndpoint *self,
         GSocketAddress *address,
         struct sockaddr_conn *sconn,
         GError **error)
{
  GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (address);
  GSctpLink *link;

  if (!ensure_transport (self, FALSE, error))
    return FALSE;
  /* Over the application's transport, the peer is the one link's: only
   * the SCTP port counts. */
  if (self->packet_link != NULL)
    link = self->packet_link;
  else
    link = gsctp_udp_transport_link_for (self->transport, g_inet_socket_address_get_address (inet),
                                       self->remote_udp_port, error);
  if (link == NULL)
    return FALSE;
  memset (sconn, 0, sizeof *sconn);
  sconn->sconn_family = AF_CONN;
  sconn->sconn_port = g_htons (g_inet_socket_address_get_port (inet));
  sconn->sconn_addr = link;
  return TRUE;
}

static gboolean
userland_connect (GSctpEndpoint *endpoint,
                  GSocketAddress * const *addresses,
                  guint n_addresses,
                  GSctpAssocId *assoc_id,
                  GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  struct sockaddr_conn sconn;

  /* Of several addresses of one peer (a name's), the first: an
   * association over UDP has one path. */
  if (!some_addresses (n_addresses, FALSE, error) ||
      !to_conn (self, addresses[0], &sconn, error))
    return FALSE;
  /* Non-blocking: the association's change tells how it went. */
  if (usrsctp_connect (self->so, (struct sockaddr *) &sconn, sizeof sconn) < 0 &&
      errno != EINPROGRESS)
    {
      gsctp_userland_set_error (error, errno, "Could not connect");
      return FALSE;
    }
  *assoc_id = (GSctpAssocId) usrsctp_getassocid (self->so, (struct sockaddr *) &sconn);
  return TRUE;
}

/* A stack address to one the socket layer knows: a link becomes its
 * peer's IP address, with the SCTP port. */
static gboolean
from_conn (const struct sockaddr *sa,
           GSctpSockaddr *out)
{
  const struct sockaddr_conn *sconn = (const struct sockaddr_conn *) sa;

  if (sa->sa_family != AF_CONN)
    return FALSE;
  return gsctp_userland_link_peer (sconn->sconn_addr, sconn->sconn_port, out);
}

static GList *
userland_get_addresses (GSctpEndpoint *endpoint,
                        GSctpAssocId assoc_id,
                        gboolean peer,
                        GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  struct sockaddr *addrs = NULL;
  GList *list = NULL;
  int n;

  n = peer ? usrsctp_getpaddrs (self->so, (sctp_assoc_t) assoc_id, &addrs)
           : usrsctp_getladdrs (self->so, (sctp_assoc_t) assoc_id, &addrs);
  if (n < 0)
    {
      gsctp_userland_set_error (error, errno, peer ? "Could not read the peer addresses"
                                                   : "Could not read the local addresses");
      return NULL;
    }
  if (peer)
    {
      const struct sockaddr_conn *p = (const struct sockaddr_conn *) addrs;

      for (int i = 0; i < n; i++)
        {
          GSctpSockaddr address;

          if (from_conn ((const struct sockaddr *) &p[i], &address))
            list = g_list_prepend (list, g_socket_address_new_from_native (&address.storage,
                                                                           address.len));
        }
      if (addrs != NULL)
        usrsctp_freepaddrs (addrs);
    }
  else
    {
      /* The address bound, with the SCTP port the stack chose. */
      g_autoptr(GInetAddress) ip = self->bound_address != NULL ? g_object_ref (self->bound_address)
                                                               : NULL;
      guint16 port = 0;

      if (n > 0)
        port = g_ntohs (((const struct sockaddr_conn *) addrs)->sconn_port);
      if (addrs != NULL)
        usrsctp_freeladdrs (addrs);
      if (ip == NULL)
        ip = g_inet_address_new_any (self->family);
      if (n > 0 || assoc_id == 0)
        list = g_list_prepend (list, g_inet_socket_address_new (ip, port));
    }
  return g_list_reverse (list);
}

static gboolean
userland_shutdown_write (GSctpEndpoint *endpoint,
                         GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);

  if (usrsctp_shutdown (self->so, SHUT_WR) < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not shut the association down");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Messages                                                            */

static guint16
send_flags (GSctpSendFlags flags)
{
  return ((flags & GSCTP_SEND_FLAGS_UNORDERED) ? SCTP_UNORDERED : 0) |
         ((flags & GSCTP_SEND_FLAGS_ADDR_OVER) ? SCTP_ADDR_OVER : 0) |
         ((flags & GSCTP_SEND_FLAGS_ABORT) ? SCTP_ABORT : 0) |
         ((flags & GSCTP_SEND_FLAGS_EOF) ? SCTP_EOF : 0) |
         ((flags & GSCTP_SEND_FLAGS_SENDALL) ? SCTP_SENDALL : 0);
}

static gssize
userland_send (GSctpEndpoint *endpoint,
               const GSctpSndInfo *info,
               GSocketAddress *address,
               const void *data,
               gsize size,
               GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  struct sctp_sendv_spa spa;
  struct sockaddr_conn to;
  ssize_t sent;

  if (address != NULL && !to_conn (self, address, &to, error))
    return -1;
  memset (&spa, 0, sizeof spa);
  spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
  spa.sendv_sndinfo.snd_sid = info->stream;
  spa.sendv_sndinfo.snd_flags = send_flags (info->flags);
  spa.sendv_sndinfo.snd_ppid = g_htonl (info->ppid);
  spa.sendv_sndinfo.snd_context = info->context;
  spa.sendv_sndinfo.snd_assoc_id = (sctp_assoc_t) info->assoc_id;
  if (info->pr_policy != GSCTP_PR_POLICY_NONE)
    {
      static const guint16 stack_policies[] = {
        [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
        [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
        [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_BUF,
      };

      spa.sendv_flags |= SCTP_SEND_PRINFO_VALID;
      spa.sendv_prinfo.pr_policy = stack_policies[MIN ((guint) info->pr_policy,
                                                       G_N_ELEMENTS (stack_policies) - 1)];
      spa.sendv_prinfo.pr_value = info->pr_value;
    }
  /* usrsctp refuses a NULL buffer even for no bytes (an ABORT or EOF). */
  if (data == NULL)
    data = &spa;
  for (int attempt = 0;; attempt++)
    {
      sent = usrsctp_sendv (self->so, data, size, address != NULL ? (struct sockaddr *) &to : NULL,
                            address != NULL ? 1 : 0, &spa, sizeof spa, SCTP_SENDV_SPA, 0);
      if (sent >= 0)
        return sent;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || attempt > 0)
        break;
      /* Acknowledgements may be waiting in the UDP socket: they make room. */
      run_stack (self);
    }
  if (errno == EAGAIN || errno == EWOULDBLOCK)
    return GSCTP_WOULD_BLOCK;
  if (errno == ENOENT && info->assoc_id != 0)
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                 "The socket has no association %d", info->assoc_id);
  else if (errno == EMSGSIZE)
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE,
                 "Could not send a message of %" G_GSIZE_FORMAT " bytes: it must fit in the "
                 "socket's send buffer (SO_SNDBUF), or in one packet when fragmentation is off",
                 size);
  else
    gsctp_userland_set_error (error, errno, "Could not send");
  return -1;
}

static ssize_t
receive_once (GSctpUserlandEndpoint *self,
              void *buffer,
              gsize size,
              struct sockaddr_storage *from,
              socklen_t *from_len,
              struct sctp_recvv_rn *rcv,
              socklen_t *rcv_len,
              unsigned int *info_type,
              int *msg_flags)
{
  *from_len = sizeof *from;
  *rcv_len = sizeof *rcv;
  *info_type = 0;
  *msg_flags = 0;
  return usrsctp_recvv (self->so, buffer, size, (struct sockaddr *) from, from_len, rcv, rcv_len,
                        info_type, msg_flags);
}

/* A peer-address change names a link; the socket layer wants its IP. */
static void
rewrite_peer_address (guint8 *buffer,
                      gsize size)
{
  struct sctp_paddr_change spc;
  GSctpSockaddr address;

  if (size < sizeof spc)
    return;
  memcpy (&spc, buffer, sizeof spc);
  if (spc.spc_type != SCTP_PEER_ADDR_CHANGE)
    return;
  memset (&address, 0, sizeof address);
  if (!from_conn ((const struct sockaddr *) &spc.spc_aaddr, &address))
    memset (&address.storage, 0, sizeof address.storage);
  memcpy (buffer + offsetof (struct sctp_paddr_change, spc_aaddr), &address.storage,
          sizeof spc.spc_aaddr);
}

/* Receives into @head's block, or if there is none into @buffer: one
 * message, or its next piece (usrsctp reads into one buffer per call). */
static gssize
userland_receive (GSctpEndpoint *endpoint,
                  GSctpMessage **head,
                  void *buffer,
                  gsize size,
                  GSctpSockaddr *from,
                  GSctpRcvInfo *info,
                  GSctpNxtInfo *next,
                  GSctpRecvFlags *flags,
                  GError **error)
{
  GSctpUserlandEndpoint *self = userland (endpoint);
  gsize room = size;
  void *into = head != NULL ? gsctp_message_block_ensure (head, &room) : buffer;
  struct sockaddr_storage stack_from;
  socklen_t from_len, rcv_len;
  /* Room for both: the stack gives the next message's info only then. */
  struct sctp_recvv_rn rn;
  unsigned int info_type;
  int msg_flags;
  ssize_t got;

  clear_signal (self);
  got = receive_once (self, into, room, &stack_from, &from_len, &rn, &rcv_len, &info_type,
                      &msg_flags);
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    {
      /* Nothing in the stack: perhaps in the UDP socket. */
      run_stack (self);
      got = receive_once (self, into, room, &stack_from, &from_len, &rn, &rcv_len, &info_type,
                          &msg_flags);
    }
  if (got < 0)
    {
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return GSCTP_WOULD_BLOCK;
      gsctp_userland_set_error (error, errno, "Could not receive");
      return -1;
    }
  /* A link that is gone (or none: the application's transport) names no
   * sender. */
  if (from_len == 0 || !from_conn ((const struct sockaddr *) &stack_from, from))
    from->len = 0;
  *flags = gsctp_userland_parse_receive_info (&rn, rcv_len, info_type, info, next);
  if (msg_flags & MSG_EOR)
    *flags |= GSCTP_RECV_EOR;
  if (msg_flags & MSG_NOTIFICATION)
    {
      *flags |= GSCTP_RECV_NOTIFICATION;
      rewrite_peer_address (into, got);
    }
  return got;
}

const GSctpBackend gsctp_userland_backend = {
  .name = "userland",
  .open = userland_open,
  .adopt = userland_adopt,
  .peeloff = userland_peeloff,
  .accept = userland_accept,
  .get_assoc_ids = gsctp_userland_get_assoc_ids,
  .close = userland_close,
  .free = userland_free,
  .get_fd = userland_get_fd,
  .set_context = userland_set_context,
  .create_source = userland_create_source,
  .get_pollfds = userland_get_pollfds,
  .bind = userland_bind,
  .unbind = userland_unbind,
  .listen = userland_listen,
  .connect = userland_connect,
  .get_addresses = userland_get_addresses,
  .shutdown_write = userland_shutdown_write,
  .send = userland_send,
  .receive = userland_receive,
  .decode_notification = gsctp_userland_decode_notification,
  .subscribe = gsctp_userland_subscribe,
  .is_subscribed = gsctp_userland_is_subscribed,
  .get_plain = gsctp_userland_get_plain,
  .set_plain = gsctp_userland_set_plain,
  .get_linger = gsctp_userland_get_linger,
  .set_linger = gsctp_userland_set_linger,
  .get_struct = gsctp_userland_get_struct,
  .set_struct = gsctp_userland_set_struct,
  .enable_stream_reset = gsctp_userland_enable_stream_reset,
  .reset_streams = gsctp_userland_reset_streams,
  .add_streams = gsctp_userland_add_streams,
  .get_stream_value = gsctp_userland_get_stream_value,
  .set_stream_value = gsctp_userland_set_stream_value,
  .get_pr_status = gsctp_userland_get_pr_status,
  .auth = gsctp_userland_auth,
  .get_active_key = gsctp_userland_get_active_key,
  .get_auth_chunks = gsctp_userland_get_auth_chunks,
};
