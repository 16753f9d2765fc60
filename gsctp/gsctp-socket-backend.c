/* gsctp-socket-backend.c: which SCTP stack a GSctpSocket runs on
 *
 * The one place a backend is chosen (the backend property, GSCTP_BACKEND)
 * and told what is its own (the userland stack's UDP ports, the
 * application's transport); the constructors and calls that are about
 * backends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "gsctp-kernel.h"
#include "gsctp-socket-private.h"
#ifdef GSCTP_HAVE_USERLAND
#include "gsctp-userland.h"
#endif

/* A port from the environment: unset is 0, anything but a port an error. */
static gboolean
port_from_environment (const char *name,
                       guint16 *port,
                       GError **error)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || *value == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT16, &number, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s=%s is not a UDP port (1 to 65535)", name, value);
      return FALSE;
    }
  *port = (guint16) number;
  return TRUE;
}

static gboolean
resolve_backend (GSctpSocket *self,
                 GError **error)
{
  const char *name;

  if (self->backend_type != GSCTP_BACKEND_TYPE_DEFAULT)
    return TRUE;
  name = g_getenv ("GSCTP_BACKEND");
  if (name == NULL || *name == '\0' || g_strcmp0 (name, "kernel") == 0)
    self->backend_type = GSCTP_BACKEND_TYPE_KERNEL;
  else if (g_strcmp0 (name, "userland") == 0)
    self->backend_type = GSCTP_BACKEND_TYPE_USERLAND;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "GSCTP_BACKEND=%s is not a backend: use “kernel” or “userland”", name);
      return FALSE;
    }
  return TRUE;
}

const GSctpBackend *
gsctp_socket_choose_backend (GSctpSocket *self,
                GError **error)
{
  if (self->construct_fd >= 0)
    self->backend_type = GSCTP_BACKEND_TYPE_KERNEL;
  if (self->lower_transport)
    {
      if (self->backend_type == GSCTP_BACKEND_TYPE_KERNEL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Only the userland backend carries SCTP over the application's "
                               "transport (lower-transport)");
          return NULL;
        }
      self->backend_type = GSCTP_BACKEND_TYPE_USERLAND;
    }
  if (!resolve_backend (self, error))
    return NULL;
  if (self->backend_type == GSCTP_BACKEND_TYPE_KERNEL)
    return &gsctp_kernel_backend;
#ifdef GSCTP_HAVE_USERLAND
  if (self->udp_port == 0 && !port_from_environment ("GSCTP_UDP_PORT", &self->udp_port, error))
    return NULL;
  if (self->udp_remote_port == 0 &&
      !port_from_environment ("GSCTP_UDP_REMOTE_PORT", &self->udp_remote_port, error))
    return NULL;
  if (self->udp_port == 0)
    self->udp_port = GSCTP_DEFAULT_UDP_PORT;
  if (self->udp_remote_port == 0)
    self->udp_remote_port = GSCTP_DEFAULT_UDP_PORT;
  return &gsctp_userland_backend;
#else
  g_set_error_literal (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                       "This gsctp was built without its userland SCTP backend (usrsctp)");
  return NULL;
#endif
}

#ifdef GSCTP_HAVE_USERLAND
static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* On the socket's context; the socket may be going, in another thread. */
static void
packet_out (GBytes *packet,
            gpointer user_data)
{
  g_autoptr(GSctpSocket) self = g_weak_ref_get (user_data);

  if (self != NULL)
    gsctp_socket_emit_packet_out (self, packet);
}
#endif

/* Called once the endpoint exists, before any bind or connect. */
void
gsctp_socket_configure_endpoint (GSctpSocket *self,
                                 const GSctpBackend *backend)
{
#ifdef GSCTP_HAVE_USERLAND
  if (backend == &gsctp_userland_backend)
    gsctp_userland_set_udp_ports (self->endpoint, self->udp_port, self->udp_remote_port);
  if (self->lower_transport)
    {
      GWeakRef *weak = g_new0 (GWeakRef, 1);

      g_weak_ref_init (weak, self);
      gsctp_userland_use_packets (self->endpoint, packet_out, weak, weak_ref_free);
    }
#else
  (void) self;
  (void) backend;
#endif
}

/**
 * gsctp_socket_new_with_backend:
 * @family: %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6
 * @type: one-to-many or one-to-one
 * @backend: the SCTP stack to run on
 * @error: return location for a #GError
 *
 * Makes a new SCTP socket on the given stack, as gen_sctp's
 * `{sctp_module, Module}`: %GSCTP_BACKEND_TYPE_USERLAND works where the
 * kernel has no SCTP, its packets in UDP datagrams (see
 * [property@Gsctp.Socket:udp-port]).
 *
 * Returns: (transfer full): a new #GSctpSocket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_new_with_backend (GSocketFamily family,
                               GSctpSocketType type,
                               GSctpBackendType backend,
                               GError **error)
{
  g_return_val_if_fail (family == G_SOCKET_FAMILY_IPV4 || family == G_SOCKET_FAMILY_IPV6, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GSCTP_TYPE_SOCKET, NULL, error,
                         "family", family,
                         "socket-type", type,
                         "backend", backend,
                         NULL);
}

/**
 * gsctp_socket_new_for_lower_transport:
 * @type: one-to-many or one-to-one
 * @error: return location for a #GError
 *
 * Makes a new SCTP socket on the userland backend whose packets the
 * application carries (see [property@Gsctp.Socket:lower-transport]): it
 * emits [signal@Gsctp.Socket::packet-out] for each packet to send, and
 * takes each received one through [method@Gsctp.Socket.input_packet].
 * Bind and associate as usual, with any IP address: only the SCTP ports
 * count (5000 on both sides, for a WebRTC data channel).
 *
 * Returns: (transfer full): a new #GSctpSocket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_new_for_lower_transport (GSctpSocketType type,
                                      GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GSCTP_TYPE_SOCKET, NULL, error,
                         "family", G_SOCKET_FAMILY_IPV4,
                         "socket-type", type,
                         "lower-transport", TRUE,
                         NULL);
}

/**
 * gsctp_socket_input_packet:
 * @self: a #GSctpSocket in lower-transport mode
 * @packet: one SCTP packet, as the peer's socket emitted it
 * @error: return location for a #GError
 *
 * Gives the socket an SCTP packet that came over the application's
 * transport. The stack checks it (checksum, verification tag) and drops
 * what is not for it, as it would a packet off the wire; what it carries
 * comes out as messages, events and packets to send, as usual.
 *
 * Returns: %TRUE if the packet was taken; %FALSE with @error on a socket
 *   that is closed, not in lower-transport mode, or for bytes too short
 *   or too long (over 65535) to be an SCTP packet
 */
gboolean
gsctp_socket_input_packet (GSctpSocket *self,
                           GBytes *packet,
                           GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (packet != NULL, FALSE);

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
#ifdef GSCTP_HAVE_USERLAND
  if (self->backend_type == GSCTP_BACKEND_TYPE_USERLAND)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (packet, &size);

      return gsctp_userland_input_packet (self->endpoint, data, size, error);
    }
#endif
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "The socket's packets are the kernel's, not the application's "
                       "(see GSctpSocket:lower-transport)");
  return FALSE;
}

/**
 * gsctp_socket_get_backend:
 * @self: a #GSctpSocket
 *
 * Reads which SCTP stack the socket runs on.
 *
 * Returns: %GSCTP_BACKEND_TYPE_KERNEL or %GSCTP_BACKEND_TYPE_USERLAND
 */
GSctpBackendType
gsctp_socket_get_backend (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), GSCTP_BACKEND_TYPE_DEFAULT);
  return self->backend_type;
}


/**
 * gsctp_socket_dup_gsocket:
 * @self: a #GSctpSocket on kernel SCTP
 * @error: return location for a #GError
 *
 * Makes a #GSocket over a duplicate of the socket's descriptor, for what
 * GIO has and gsctp does not: socket options of other levels
 * (g_socket_get_option(), g_socket_set_option()), credentials, the
 * descriptor for a #GSocketConnection or a D-Bus message. Its protocol is
 * %G_SOCKET_PROTOCOL_SCTP.
 *
 * Both are the same kernel socket: an option set on one is set on the
 * other. Receiving, sending or closing the connection through the
 * #GSocket goes behind gsctp's back (a message read there is not read by
 * gsctp); closing the #GSocket closes only the duplicate, and the
 * #GSocket stays valid after @self is closed.
 *
 * The userland stack has no descriptor: on it this fails with
 * %G_IO_ERROR_NOT_SUPPORTED.
 *
 * Returns: (transfer full): a new #GSocket, or %NULL on error
 *
 * Since: 0.1
 */
GSocket *
gsctp_socket_dup_gsocket (GSctpSocket *self,
                          GError **error)
{
  GSctpEndpoint *endpoint;
  GSocket *socket;
  int fd;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  endpoint = gsctp_socket_endpoint (self, error);
  if (endpoint == NULL)
    return NULL;
  if (endpoint->backend->get_fd (endpoint) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The userland SCTP backend has no socket descriptor to make a GSocket of");
      return NULL;
    }
  fd = fcntl (endpoint->backend->get_fd (endpoint), F_DUPFD_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not duplicate the socket's descriptor: %s", g_strerror (saved_errno));
      return NULL;
    }
  socket = g_socket_new_from_fd (fd, error);
  if (socket == NULL)
    close (fd);
  return socket;
}
