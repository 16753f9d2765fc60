/* gsctp-userland.h: the userland SCTP backend (usrsctp)
 *
 * The backend table, what gsctp-socket.c tells a new endpoint, and the
 * pure translation of the stack's notification bytes that the unit tests
 * and fuzz targets drive without a socket.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-backend.h"

G_BEGIN_DECLS

extern const GSctpBackend gsctp_userland_backend;

/* RFC 6951's port, which Linux's net.sctp.udp_port also uses. */
#define GSCTP_DEFAULT_UDP_PORT 9899

void gsctp_userland_set_udp_ports (GSctpEndpoint *endpoint, guint16 local_port,
                                   guint16 remote_port);

/* Lower-transport mode: packets go to @func on the socket's context
 * instead of UDP, and come in through gsctp_userland_input_packet(). */
typedef void (*GSctpPacketFunc) (GBytes *packet, gpointer user_data);

void gsctp_userland_use_packets (GSctpEndpoint *endpoint, GSctpPacketFunc func,
                                 gpointer user_data, GDestroyNotify user_data_free);
gboolean gsctp_userland_input_packet (GSctpEndpoint *endpoint, const void *packet, gsize size,
                                      GError **error);
gboolean gsctp_userland_decode_notification (const guint8 *buffer,
                                             gsize size,
                                             GSctpNotification *notification,
                                             GError **error);

G_END_DECLS
