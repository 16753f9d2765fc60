/* gsctp-socket.c: GSctpSocket, the object: construction (the backend it
 * runs on is chosen in gsctp-socket-backend.c), properties, active modes
 * and context, ending associations, peeloff and close
 *
 * Its other jobs each have a file: see doc/design.md.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-enum-types.h"
#include "gsctp-socket-private.h"

/**
 * GSctpSocket:
 *
 * An SCTP socket (kernel SCTP or the userland stack) that lives on a
 * [struct@GLib.MainContext].
 *
 * One socket is either one-to-many (%GSCTP_SOCKET_TYPE_SEQPACKET, the
 * default: many associations on one socket, as gen_sctp's sockets) or
 * one-to-one (%GSCTP_SOCKET_TYPE_STREAM, one association, as made by
 * [method@Gsctp.Socket.peeloff]).
 *
 * Every operation has a synchronous form, which blocks the calling thread
 * (with a timeout where it waits for the peer, and a #GCancellable), and
 * most have an `_async` form whose callback runs in the thread-default
 * main context of the caller. The socket's own main context is the
 * thread-default one when it was made; signals are emitted there.
 *
 * Messages are delivered whole: the pieces the kernel hands over are
 * joined until the end of the message, however large. Each subscribed SCTP
 * event ([method@Gsctp.Socket.subscribe]) is emitted as a signal of its own
 * (such as [signal@Gsctp.Socket::association-change]) and returned by
 * receives in order with the data, as a [struct@Gsctp.Message] whose
 * event is set; notifications never come back as data. The association
 * change that completes a connect is returned by that connect instead.
 *
 * The socket never blocks inside the kernel: a full send buffer makes a
 * send wait for the socket to become writable, an empty receive queue
 * makes a receive wait for it to become readable, and
 * [method@Gsctp.Socket.close] wakes every one of them with
 * %G_IO_ERROR_CLOSED.
 *
 * Options are properties too (such as [property@Gsctp.Socket:nodelay]),
 * read from and written to the stack. A value the stack refuses through a
 * property is not an error anyone can catch there: the property keeps the
 * stack's value (read it back; `notify` is emitted either way), and the
 * reason goes to the debug log. [method@Gsctp.Socket.set_option] sets the
 * same options by name with a #GError.
 *
 * Threads: like #GSocket, one thread may send while another receives.
 * Receives, connects and closes from several threads are serialized by the
 * socket. Async operations must be started from the thread that runs the
 * main context of their callback.
 */

#define RECEIVE_BUFFER_INITIAL (64 * 1024)

enum {
  PROP_0,
  PROP_FAMILY,
  PROP_SOCKET_TYPE,
  PROP_FD,
  PROP_CONTEXT,
  PROP_ACTIVE,
  PROP_ACTIVE_COUNT,
  PROP_SEND_QUEUE_FULL,
  PROP_BACKEND,
  PROP_UDP_PORT,
  PROP_UDP_REMOTE_PORT,
  PROP_LOWER_TRANSPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void gsctp_socket_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GSctpSocket, gsctp_socket, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      gsctp_socket_initable_iface_init))

/* ------------------------------------------------------------------ */
/* Construction                                                        */

static const GSctpEventType default_events[] = {
  GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE,
  GSCTP_EVENT_TYPE_SEND_FAILED,
  GSCTP_EVENT_TYPE_REMOTE_ERROR,
  GSCTP_EVENT_TYPE_SHUTDOWN,
  GSCTP_EVENT_TYPE_PARTIAL_DELIVERY,
};

/* The backend is chosen and told its part in gsctp-socket-backend.c. */
static gboolean
gsctp_socket_initable_init (GInitable *initable,
                            GCancellable *cancellable,
                            GError **error)
{
  GSctpSocket *self = GSCTP_SOCKET (initable);
  const GSctpBackend *backend;

  /* Peeloff hands its new socket an endpoint. */
  if (self->endpoint == NULL)
    {
      backend = gsctp_socket_choose_backend (self, error);
      if (backend == NULL)
        return FALSE;
      if (self->construct_fd >= 0)
        self->endpoint = backend->adopt (self->construct_fd, &self->family, &self->type, error);
      else
        self->endpoint = backend->open (self->family, self->type, error);
      if (self->endpoint == NULL)
        return FALSE;
      gsctp_socket_configure_endpoint (self, backend);
      /* gen_sctp's defaults, for sockets made here; an adopted or
       * peeled-off socket keeps what it had. */
      for (guint i = 0; self->construct_fd < 0 && i < G_N_ELEMENTS (default_events); i++)
        if (!backend->subscribe (self->endpoint, self->type, 0, default_events[i], TRUE, error))
          return FALSE;
    }
  if (self->endpoint->backend->set_context != NULL)
    self->endpoint->backend->set_context (self->endpoint, self->context);
  self->closed = FALSE;
  return TRUE;
}

static void
gsctp_socket_initable_iface_init (GInitableIface *iface)
{
  iface->init = gsctp_socket_initable_init;
}

static void close_internal (GSctpSocket *self);

static void
gsctp_socket_dispose (GObject *object)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  if (self->endpoint != NULL && !self->closed)
    close_internal (self);
  G_OBJECT_CLASS (gsctp_socket_parent_class)->dispose (object);
}

static void
gsctp_socket_finalize (GObject *object)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  if (self->endpoint != NULL)
    self->endpoint->backend->free (self->endpoint);
  g_queue_clear_full (&self->inbox, (GDestroyNotify) gsctp_message_unref);
  g_clear_error (&self->receive_error);
  g_hash_table_unref (self->associations);
  g_hash_table_unref (self->connects);
  g_clear_pointer (&self->pr_defaults, g_array_unref);
  g_clear_pointer (&self->send_defaults, g_hash_table_unref);
  gsctp_reader_clear (&self->reader);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gsctp_socket_parent_class)->finalize (object);
}

static void
gsctp_socket_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  switch (prop_id)
    {
    case PROP_FAMILY:
      g_value_set_enum (value, self->family);
      break;
    case PROP_SOCKET_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_FD:
      g_value_set_int (value, gsctp_socket_get_fd (self));
      break;
    case PROP_CONTEXT:
      g_value_set_boxed (value, self->context);
      break;
    case PROP_ACTIVE:
      g_value_set_enum (value, gsctp_socket_get_active (self));
      break;
    case PROP_ACTIVE_COUNT:
      g_value_set_int (value, gsctp_socket_get_active_count (self));
      break;
    case PROP_SEND_QUEUE_FULL:
      g_mutex_lock (&self->lock);
      g_value_set_boolean (value, self->send_queue_full);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_BACKEND:
      g_value_set_enum (value, self->backend_type);
      break;
    case PROP_UDP_PORT:
      g_value_set_uint (value, self->udp_port);
      break;
    case PROP_UDP_REMOTE_PORT:
      g_value_set_uint (value, self->udp_remote_port);
      break;
    case PROP_LOWER_TRANSPORT:
      g_value_set_boolean (value, self->lower_transport);
      break;
    default:
      if (!gsctp_socket_options_get_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gsctp_socket_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  switch (prop_id)
    {
    case PROP_FAMILY:
      self->family = g_value_get_enum (value);
      break;
    case PROP_SOCKET_TYPE:
      self->type = g_value_get_enum (value);
      break;
    case PROP_FD:
      self->construct_fd = g_value_get_int (value);
      break;
    case PROP_CONTEXT:
      if (g_value_get_boxed (value) != NULL)
        gsctp_socket_set_context (self, g_value_get_boxed (value));
      break;
    case PROP_ACTIVE:
      gsctp_socket_set_active (self, g_value_get_enum (value));
      break;
    case PROP_BACKEND:
      self->backend_type = g_value_get_enum (value);
      break;
    case PROP_UDP_PORT:
      self->udp_port = (guint16) g_value_get_uint (value);
      break;
    case PROP_UDP_REMOTE_PORT:
      self->udp_remote_port = (guint16) g_value_get_uint (value);
      break;
    case PROP_LOWER_TRANSPORT:
      self->lower_transport = g_value_get_boolean (value);
      break;
    default:
      if (!gsctp_socket_options_set_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gsctp_socket_class_init (GSctpSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gsctp_socket_dispose;
  object_class->finalize = gsctp_socket_finalize;
  object_class->get_property = gsctp_socket_get_property;
  object_class->set_property = gsctp_socket_set_property;

  /**
   * GSctpSocket:family:
   *
   * The address family, %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6.
   * An IPv6 socket also reaches IPv4 peers unless the kernel is told
   * otherwise.
   */
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL,
                       G_TYPE_SOCKET_FAMILY, G_SOCKET_FAMILY_IPV4,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:socket-type:
   *
   * One-to-many or one-to-one.
   */
  properties[PROP_SOCKET_TYPE] =
    g_param_spec_enum ("socket-type", NULL, NULL,
                       GSCTP_TYPE_SOCKET_TYPE, GSCTP_SOCKET_TYPE_SEQPACKET,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:fd:
   *
   * The socket's file descriptor. Given at construction, an existing SCTP
   * socket is adopted (and closed with the #GSctpSocket); -1 makes a new
   * one of [property@Gsctp.Socket:family] and
   * [property@Gsctp.Socket:socket-type].
   */
  properties[PROP_FD] =
    g_param_spec_int ("fd", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:context:
   *
   * The main context that signals are emitted in and the socket's reader
   * runs in: the thread-default one when the socket was made, until
   * [method@Gsctp.Socket.set_context] moves it (gen_sctp's
   * `controlling_process/2`).
   */
  properties[PROP_CONTEXT] =
    g_param_spec_boxed ("context", NULL, NULL,
                        G_TYPE_MAIN_CONTEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:active:
   *
   * How messages reach the application, as gen_sctp's `{active, _}`: by
   * [method@Gsctp.Socket.receive] (passive, the default), or as
   * [signal@Gsctp.Socket::message] signals in the socket's main context
   * (active; once: one message, then passive; count: see
   * [method@Gsctp.Socket.set_active_count]).
   *
   * An active socket reads up to 64 messages per main-loop dispatch (16
   * of 16 KiB or more) before emitting them. Made passive from a handler,
   * it emits no more of them: they are kept, in order, for receives (or
   * for ::message once the socket is active again).
   */
  properties[PROP_ACTIVE] =
    g_param_spec_enum ("active", NULL, NULL,
                       GSCTP_TYPE_ACTIVE_MODE, GSCTP_ACTIVE_MODE_PASSIVE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:active-count:
   *
   * How many more messages the socket emits before it turns passive, in
   * the %GSCTP_ACTIVE_MODE_COUNT mode; 0 otherwise.
   */
  properties[PROP_ACTIVE_COUNT] =
    g_param_spec_int ("active-count", NULL, NULL,
                      0, G_MAXINT16, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:send-queue-full:
   *
   * Whether the bytes of queued async sends reached
   * [property@Gsctp.Socket:high-watermark]; it turns %FALSE again (with a
   * notification) once they drop to [property@Gsctp.Socket:low-watermark],
   * as gen_sctp's `high_msgq_watermark` and `low_msgq_watermark`.
   */
  properties[PROP_SEND_QUEUE_FULL] =
    g_param_spec_boolean ("send-queue-full", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:backend:
   *
   * The SCTP stack the socket runs on, chosen at construction as
   * gen_sctp's `sctp_module`. %GSCTP_BACKEND_TYPE_DEFAULT resolves, when
   * the socket is made, to the process's default: the environment variable
   * `GSCTP_BACKEND` (`kernel` or `userland`), or the kernel; reading the
   * property then gives the backend chosen. An adopted descriptor is the
   * kernel's; a peeled-off socket runs on its parent's backend.
   *
   * The userland backend carries SCTP in UDP datagrams (RFC 6951), which
   * Linux's own SCTP also speaks (`net.sctp.udp_port`, since 5.11), and
   * works where the kernel has no SCTP. What it cannot do fails with
   * %GSCTP_ERROR_NOT_SUPPORTED: see the backends' table in the manual.
   */
  properties[PROP_BACKEND] =
    g_param_spec_enum ("backend", NULL, NULL,
                       GSCTP_TYPE_BACKEND_TYPE, GSCTP_BACKEND_TYPE_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:udp-port:
   *
   * The userland backend's local UDP port: where a socket bound to a
   * fixed SCTP port (a server) receives SCTP packets. A socket bound to
   * port 0, or not bound, sends from a free UDP port and is answered
   * there. 0 at construction takes the environment variable
   * `GSCTP_UDP_PORT`, or 9899 (RFC 6951's port). Unused by the kernel
   * backend, whose UDP port is the system's `net.sctp.udp_port`.
   */
  properties[PROP_UDP_PORT] =
    g_param_spec_uint ("udp-port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:udp-remote-port:
   *
   * The userland backend's UDP port of the peers it starts associations
   * with; a peer that starts one is answered at the port it sent from. 0
   * at construction takes the environment variable
   * `GSCTP_UDP_REMOTE_PORT`, or 9899.
   */
  properties[PROP_UDP_REMOTE_PORT] =
    g_param_spec_uint ("udp-remote-port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:lower-transport:
   *
   * Whether the socket's SCTP packets go through the application instead
   * of UDP: for SCTP over DTLS (RFC 8261, WebRTC data channels) or over
   * any transport the application brings. Each outgoing packet is emitted
   * as [signal@Gsctp.Socket::packet-out]; the application hands each one
   * the peer sent to [method@Gsctp.Socket.input_packet]. Such a socket
   * runs on the userland backend; its peer is the other end of that
   * transport, so only the SCTP port of the addresses it is given counts,
   * and its messages name no peer address. See
   * [ctor@Gsctp.Socket.new_for_lower_transport].
   */
  properties[PROP_LOWER_TRANSPORT] =
    g_param_spec_boolean ("lower-transport", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  gsctp_socket_options_install (object_class, N_PROPS);

  gsctp_socket_signals_install (object_class);
}

static void
gsctp_socket_init (GSctpSocket *self)
{
  self->construct_fd = -1;
  self->closed = TRUE;          /* until initialised */
  self->context = g_main_context_ref_thread_default ();
  gsctp_reader_init (&self->reader, RECEIVE_BUFFER_INITIAL);
  self->high_watermark = 8192;
  self->low_watermark = 4096;
  g_mutex_init (&self->lock);
  g_queue_init (&self->inbox);
  g_queue_init (&self->receive_tasks);
  g_queue_init (&self->queued_sends);
  self->associations = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) gsctp_assoc_change_free);
  self->connects = g_hash_table_new (NULL, NULL);
}

/**
 * gsctp_socket_new:
 * @family: %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6
 * @type: one-to-many or one-to-one
 * @error: return location for a #GError
 *
 * Makes a new SCTP socket, not yet bound: connecting or sending binds it
 * to every local address and a free port, as the kernel does.
 *
 * The socket runs on the process's default backend: the kernel's SCTP,
 * or the userland stack when the environment variable `GSCTP_BACKEND` is
 * `userland` (see [property@Gsctp.Socket:backend]). When the kernel has
 * no SCTP, fails with %GSCTP_ERROR_NOT_SUPPORTED and a message that says
 * to load the module (`modprobe sctp`) or to use the userland backend.
 *
 * Returns: (transfer full): a new #GSctpSocket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_new (GSocketFamily family,
                  GSctpSocketType type,
                  GError **error)
{
  return gsctp_socket_new_with_backend (family, type, GSCTP_BACKEND_TYPE_DEFAULT, error);
}

/**
 * gsctp_socket_new_from_fd:
 * @fd: an open SCTP socket
 * @error: return location for a #GError
 *
 * Adopts an existing SCTP socket, made elsewhere. The #GSctpSocket owns
 * @fd from now on, and closes it, but only on success.
 *
 * Returns: (transfer full): a new #GSctpSocket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_new_from_fd (int fd,
                          GError **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GSCTP_TYPE_SOCKET, NULL, error, "fd", fd, NULL);
}

/**
 * gsctp_socket_get_fd:
 * @self: a #GSctpSocket
 *
 * Reads the socket's fd.
 *
 * Returns: the socket's file descriptor, -1 once closed
 */
int
gsctp_socket_get_fd (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), -1);
  if (self->endpoint == NULL || self->closed)
    return -1;
  return self->endpoint->backend->get_fd (self->endpoint);
}

/**
 * gsctp_socket_get_family:
 * @self: a #GSctpSocket
 *
 * Reads the socket's family.
 *
 * Returns: the socket's address family
 */
GSocketFamily
gsctp_socket_get_family (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), G_SOCKET_FAMILY_INVALID);
  return self->family;
}

/**
 * gsctp_socket_get_socket_type:
 * @self: a #GSctpSocket
 *
 * Reads the socket's socket type.
 *
 * Returns: whether the socket is one-to-many or one-to-one
 */
GSctpSocketType
gsctp_socket_get_socket_type (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), GSCTP_SOCKET_TYPE_SEQPACKET);
  return self->type;
}

/**
 * gsctp_socket_get_context:
 * @self: a #GSctpSocket
 *
 * Reads the socket's context.
 *
 * Returns: (transfer none): the main context the socket emits its signals in
 */
GMainContext *
gsctp_socket_get_context (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  return self->context;
}

/**
 * gsctp_socket_is_closed:
 * @self: a #GSctpSocket
 *
 * Tells whether the socket closed.
 *
 * Returns: whether [method@Gsctp.Socket.close] was called (or the socket,
 *   made with g_object_new(), was never initialised)
 */
gboolean
gsctp_socket_is_closed (GSctpSocket *self)
{
  gboolean closed;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), TRUE);
  g_mutex_lock (&self->lock);
  closed = self->closed;
  g_mutex_unlock (&self->lock);
  return closed;
}

/* ------------------------------------------------------------------ */
/* Active modes and the main context                                   */

/**
 * gsctp_socket_get_active:
 * @self: a #GSctpSocket
 *
 * Reads the socket's active.
 *
 * Returns: how messages reach the application now
 */
GSctpActiveMode
gsctp_socket_get_active (GSctpSocket *self)
{
  GSctpActiveMode active;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), GSCTP_ACTIVE_MODE_PASSIVE);
  g_mutex_lock (&self->lock);
  active = self->active;
  g_mutex_unlock (&self->lock);
  return active;
}

/**
 * gsctp_socket_get_active_count:
 * @self: a #GSctpSocket
 *
 * Reads the socket's active count.
 *
 * Returns: the messages left before a %GSCTP_ACTIVE_MODE_COUNT socket turns
 *   passive, 0 in the other modes
 */
int
gsctp_socket_get_active_count (GSctpSocket *self)
{
  int count;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), 0);
  g_mutex_lock (&self->lock);
  count = self->active == GSCTP_ACTIVE_MODE_COUNT ? self->active_count : 0;
  g_mutex_unlock (&self->lock);
  return count;
}

/* Called with the lock held. */
static void
set_active_locked (GSctpSocket *self,
                   GSctpActiveMode active,
                   int count)
{
  self->active = active;
  self->active_count = count;
  /* Told apart from what a dispatch queued for ::message before. */
  self->active_generation++;
  if (active != GSCTP_ACTIVE_MODE_PASSIVE)
    gsctp_dispatch_ensure_reading (self);
  gsctp_accept_update (self);
}

static void
notify_active (GSctpSocket *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_COUNT]);
}

/**
 * gsctp_socket_set_active:
 * @self: a #GSctpSocket
 * @active: %GSCTP_ACTIVE_MODE_PASSIVE, %GSCTP_ACTIVE_MODE_ACTIVE or
 *   %GSCTP_ACTIVE_MODE_ONCE; the count mode is set with
 *   [method@Gsctp.Socket.set_active_count]
 *
 * Chooses how messages reach the application, as gen_sctp's
 * `{active, false | true | once}`. In an active mode each message and event
 * is emitted as [signal@Gsctp.Socket::message] in the socket's main
 * context, and receives fail with %G_IO_ERROR_BUSY.
 */
void
gsctp_socket_set_active (GSctpSocket *self,
                         GSctpActiveMode active)
{
  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (active == GSCTP_ACTIVE_MODE_PASSIVE || active == GSCTP_ACTIVE_MODE_ACTIVE ||
                    active == GSCTP_ACTIVE_MODE_ONCE);

  g_mutex_lock (&self->lock);
  set_active_locked (self, active, 0);
  g_mutex_unlock (&self->lock);
  notify_active (self);
}

/**
 * gsctp_socket_set_active_count:
 * @self: a #GSctpSocket
 * @count: messages to add to the socket's count, -32768..32767
 *
 * Adds @count to the messages the socket emits as
 * [signal@Gsctp.Socket::message] before it turns passive, as gen_sctp's
 * `{active, N}`. The count never exceeds 32767. When it reaches 0, by
 * messages or by a negative @count, the socket turns passive and emits
 * [signal@Gsctp.Socket::passive].
 */
void
gsctp_socket_set_active_count (GSctpSocket *self,
                               int count)
{
  gboolean passive;
  int total;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (count >= G_MININT16 && count <= G_MAXINT16);

  g_mutex_lock (&self->lock);
  total = (self->active == GSCTP_ACTIVE_MODE_COUNT ? self->active_count : 0) + count;
  total = CLAMP (total, 0, G_MAXINT16);
  passive = total == 0;
  set_active_locked (self, passive ? GSCTP_ACTIVE_MODE_PASSIVE : GSCTP_ACTIVE_MODE_COUNT, total);
  g_mutex_unlock (&self->lock);
  notify_active (self);
  if (passive)
    gsctp_socket_emit_passive (self);
}

/**
 * gsctp_socket_set_context:
 * @self: a #GSctpSocket
 * @context: (nullable): the main context to emit signals in; %NULL for the
 *   global default one
 *
 * Moves the socket to another main context, as gen_sctp's
 * `controlling_process/2`: from now on its signals are emitted, and its
 * reader runs, there. Async operations already started complete in the
 * contexts they were started from.
 */
void
gsctp_socket_set_context (GSctpSocket *self,
                          GMainContext *context)
{
  g_return_if_fail (GSCTP_IS_SOCKET (self));

  if (context == NULL)
    context = g_main_context_default ();
  g_mutex_lock (&self->lock);
  if (self->context == context)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);
  if (!self->closed && self->endpoint->backend->set_context != NULL)
    self->endpoint->backend->set_context (self->endpoint, context);
  if (self->read_source != NULL)
    {
      gsctp_dispatch_stop_reading (self);
      gsctp_dispatch_ensure_reading (self);
    }
  if (self->accept_source != NULL)
    {
      gsctp_accept_stop (self);
      gsctp_accept_update (self);
    }
  gsctp_send_queue_restart (self);
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* ------------------------------------------------------------------ */
/* Ending associations and the socket                                  */

/* Sockets made with SOCK_STREAM refuse SCTP_ABORT and SCTP_EOF; peeled-off
 * ones, which the kernel keeps one-to-many underneath, take them and
 * ignore shutdown(). */
static gboolean
accepts_control_flags (GSctpSocket *self)
{
  return self->peeled;
}

/**
 * gsctp_socket_abort:
 * @self: a #GSctpSocket
 * @assoc_id: the association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Ends an association at once, dropping unsent data and telling the peer
 * with an ABORT chunk, as gen_sctp's `abort/2`. A one-to-many socket stays
 * usable, with its other associations.
 *
 * The kernel has no abort for the one association of a one-to-one socket
 * but closing it with zero linger: on such a socket this closes it, as
 * [method@Gsctp.Socket.close] after [method@Gsctp.Socket.set_linger] with
 * 0 seconds.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_abort (GSctpSocket *self,
                    GSctpAssocId assoc_id,
                    GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  if (self->type == GSCTP_SOCKET_TYPE_STREAM && !accepts_control_flags (self))
    {
      if (!self->endpoint->backend->set_linger (self->endpoint, TRUE, 0, error))
        return FALSE;
      return gsctp_socket_close (self, error);
    }
  return gsctp_send_control (self, assoc_id, GSCTP_SEND_FLAGS_ABORT, error);
}

/**
 * gsctp_socket_shutdown:
 * @self: a #GSctpSocket
 * @assoc_id: the association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Ends an association gracefully after the data already queued is
 * delivered, as gen_sctp's `eof/2`. The socket stays usable; the end is
 * reported as [signal@Gsctp.Socket::association-change] with
 * %GSCTP_ASSOC_STATE_SHUTDOWN_COMP. On a one-to-one socket this is
 * `shutdown(SHUT_WR)`: the peer then reads the end of the association.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_shutdown (GSctpSocket *self,
                       GSctpAssocId assoc_id,
                       GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  if (self->type == GSCTP_SOCKET_TYPE_STREAM && !accepts_control_flags (self))
    return self->endpoint->backend->shutdown_write (self->endpoint, error);
  return gsctp_send_control (self, assoc_id, GSCTP_SEND_FLAGS_EOF, error);
}

/**
 * gsctp_socket_peeloff:
 * @self: a one-to-many #GSctpSocket
 * @assoc_id: one of its associations
 * @error: return location for a #GError
 *
 * Moves an association to a new one-to-one socket (`sctp_peeloff()`), as
 * gen_sctp's `peeloff/2`. The new socket keeps the options of @self,
 * emits its signals in the caller's thread-default main context, and
 * takes the association's messages that @self had read but not yet
 * returned.
 *
 * Returns: (transfer full): the new socket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_peeloff (GSctpSocket *self,
                      GSctpAssocId assoc_id,
                      GError **error)
{
  GSctpSocket *peeled;
  GSctpAssocChange *assoc;
  GSctpEndpoint *endpoint;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  if (self->type != GSCTP_SOCKET_TYPE_SEQPACKET)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Only one-to-many sockets can peel off an association");
      return NULL;
    }

  g_mutex_lock (&self->lock);
  endpoint = gsctp_socket_endpoint (self, error);
  if (endpoint != NULL)
    endpoint = endpoint->backend->peeloff (endpoint, assoc_id, error);
  if (endpoint == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  /* One-to-one, though the kernel says SOCK_SEQPACKET. */
  peeled = gsctp_socket_new_child (self, endpoint, NULL);
  peeled->peeled = TRUE;

  if (g_hash_table_steal_extended (self->associations, GINT_TO_POINTER (assoc_id),
                                   NULL, (gpointer *) &assoc))
    g_hash_table_insert (peeled->associations, GINT_TO_POINTER (assoc_id), assoc);
  for (GList *l = self->inbox.head; l != NULL;)
    {
      GList *next = l->next;

      if (gsctp_message_get_assoc_id (l->data) == assoc_id)
        {
          g_queue_push_tail (&peeled->inbox, l->data);
          g_queue_delete_link (&self->inbox, l);
        }
      l = next;
    }
  g_mutex_unlock (&self->lock);
  gsctp_socket_options_copy (self, peeled);
  return peeled;
}

/* Called without the lock. */
static void
close_internal (GSctpSocket *self)
{
  g_autoptr(GError) closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");

  /* Held only to go out together: they would have gone already. */
  gsctp_send_flush_held (self);
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  gsctp_wait_wake_all (self);
  gsctp_dispatch_stop_reading (self);
  gsctp_accept_stop (self);
  self->endpoint->backend->close (self->endpoint);
  g_mutex_unlock (&self->lock);

  gsctp_dispatch_fail_receives (self, closed);
  gsctp_accept_fail_all (self, closed);
  gsctp_send_queue_fail_all (self, closed);
  gsctp_associations_fail_connects (self, closed);
}

/**
 * gsctp_socket_close:
 * @self: a #GSctpSocket
 * @error: return location for a #GError
 *
 * Closes the socket and all its associations, as gen_sctp's `close/1`.
 * Queued data is still delivered gracefully in the background, unless
 * [method@Gsctp.Socket.set_linger] says otherwise: linger with 0 seconds
 * aborts every association; with more, a one-to-one socket's close waits
 * up to that long for the shutdown to complete.
 *
 * Every pending operation, in any thread, fails with %G_IO_ERROR_CLOSED.
 * Messages the socket had read but not yet returned or emitted go with
 * it, and no signal is emitted after close, not even for what a dispatch
 * had already read. Closing twice is not an error. The last unref closes
 * an open socket; after it, too, no signal is emitted.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_close (GSctpSocket *self,
                    GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!gsctp_socket_is_closed (self))
    close_internal (self);
  return TRUE;
}
