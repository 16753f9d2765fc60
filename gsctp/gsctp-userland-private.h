/* gsctp-userland-private.h: what the userland backend's files share
 *
 * Only gsctp-userland*.c include this file and <usrsctp.h>, whose
 * structs and constants clash with the kernel's <netinet/sctp.h>.
 *
 * The stack is usrsctp in AF_CONN mode, without its own threads: packets
 * reach it from gsctp (usrsctp_conninput) and leave through a link's
 * output function; its timers run on a tick that every endpoint watches.
 * A link is one lower-layer peer — a UDP address and port, or an
 * application's packet transport — and its pointer is the AF_CONN address
 * that usrsctp knows it by.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <usrsctp.h>

#include "gsctp-userland.h"

G_BEGIN_DECLS

typedef struct _GSctpLink GSctpLink;
typedef struct _GSctpUdpTransport GSctpUdpTransport;

/* Sends one SCTP packet to the link's peer. Runs on whichever thread
 * made the stack send: never calls back into usrsctp. */
typedef void (*GSctpLinkOutputFunc) (GSctpLink *link, const void *packet, gsize size);

struct _GSctpLink {
  GSctpLinkOutputFunc output;
  /* The peer as an IP address with the UDP port, for the addresses the
   * socket layer reports (the SCTP port replaces the UDP one). */
  struct sockaddr_storage peer;
  socklen_t peer_len;
};

/* An endpoint: one usrsctp socket and the transport of its packets. */
typedef struct {
  GSctpEndpoint parent;
  struct socket *so;
  GSocketFamily family;
  GSctpSocketType type;

  /* Chosen at listen (the local UDP port) or at the first association
   * (a free port, unless the endpoint bound a fixed SCTP port). */
  GMutex transport_lock;
  GSctpUdpTransport *transport;
  guint16 local_udp_port;
  guint16 remote_udp_port;
  GInetAddress *bound_address;

  /* Readiness: the upcall's eventfd, beside the stack's descriptor. */
  int event_fd;
  gint signaled;
  GMutex watch_lock;

  GSource *pump;
  GMainContext *context;

  /* Lower-transport mode: the one link, and who takes its packets. */
  GSctpLink *packet_link;
  GSctpPacketFunc packet_func;
  gpointer packet_data;
  GDestroyNotify packet_data_free;
} GSctpUserlandEndpoint;

static inline struct socket *
gsctp_userland_socket (GSctpEndpoint *endpoint)
{
  return ((GSctpUserlandEndpoint *) endpoint)->so;
}

/* gsctp-userland-stack.c: the process-wide usrsctp instance. */
gboolean gsctp_userland_stack_ref (GError **error);
gboolean gsctp_userland_stack_unref (void);
gboolean gsctp_userland_stack_in_use (void);
void gsctp_userland_stack_stop (void (*close_transports) (void));
int gsctp_userland_stack_fd (void);
void gsctp_userland_stack_watch (int fd);
void gsctp_userland_stack_tick (void);
void gsctp_userland_link_register (GSctpLink *link);
void gsctp_userland_link_unregister (GSctpLink *link);
gboolean gsctp_userland_link_peer (gconstpointer link, guint16 sctp_port, GSctpSockaddr *out);

/* gsctp-userland-linger.c: the stack after its sockets. */
void gsctp_userland_stack_release (GMainContext *context);

/* gsctp-userland-udp.c: SCTP over UDP (RFC 6951). */

GSctpUdpTransport *gsctp_udp_transport_get (guint16 port, GError **error);
void gsctp_udp_transport_close_all (void);
GSctpLink *gsctp_udp_transport_link_for (GSctpUdpTransport *transport, GInetAddress *address,
                                         guint16 udp_port, GError **error);
guint gsctp_udp_transport_pump_all (void);

/* gsctp-userland-packets.c: SCTP over the application's transport. */
GBytes *gsctp_packet_link_pop (GSctpLink *link);
void gsctp_packet_link_free (GSctpLink *link);

/* gsctp-userland-translate.c: no stack calls. */
void gsctp_userland_set_error (GError **error, int errsv, const char *what);
void gsctp_userland_not_supported (GError **error, const char *what);
GSctpRecvFlags gsctp_userland_parse_receive_info (const struct sctp_recvv_rn *rn,
                                                  socklen_t rcv_len, unsigned int info_type,
                                                  GSctpRcvInfo *info, GSctpNxtInfo *next);

/* gsctp-userland-options.c: usrsctp_getsockopt() and usrsctp_setsockopt(). */
gboolean gsctp_userland_subscribe (GSctpEndpoint *endpoint, GSctpSocketType type,
                                   GSctpAssocId assoc_id, GSctpEventType event, gboolean on,
                                   GError **error);
gboolean gsctp_userland_is_subscribed (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                       GSctpEventType event, gboolean *on, GError **error);
gboolean gsctp_userland_get_plain (GSctpEndpoint *endpoint, GSocketFamily family,
                                   GSctpPlainOption option, GSctpAssocId assoc_id, int *value,
                                   GError **error);
gboolean gsctp_userland_set_plain (GSctpEndpoint *endpoint, GSocketFamily family,
                                   GSctpPlainOption option, GSctpAssocId assoc_id, int value,
                                   GError **error);
gboolean gsctp_userland_get_linger (GSctpEndpoint *endpoint, gboolean *enabled, guint *seconds,
                                    GError **error);
gboolean gsctp_userland_set_linger (GSctpEndpoint *endpoint, gboolean enabled, guint seconds,
                                    GError **error);
gboolean gsctp_userland_get_assoc_ids (GSctpEndpoint *endpoint, GArray *ids, GError **error);
gboolean gsctp_userland_get_struct (GSctpEndpoint *endpoint, GSctpStructOption option,
                                    gpointer value, GError **error);
gboolean gsctp_userland_set_struct (GSctpEndpoint *endpoint, GSctpStructOption option,
                                    gconstpointer value, GError **error);
gboolean gsctp_userland_get_option (GSctpEndpoint *endpoint, int level, int name, void *value,
                                    socklen_t size, const char *what, GError **error);
gboolean gsctp_userland_set_option (GSctpEndpoint *endpoint, int level, int name,
                                    const void *value, socklen_t size, const char *what,
                                    GError **error);

/* gsctp-userland-auth.c */
gboolean gsctp_userland_auth (GSctpEndpoint *endpoint, GSctpAuthOp op, GSctpAssocId assoc_id,
                              guint16 key_number, const void *data, gsize size, GError **error);
gboolean gsctp_userland_get_active_key (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                        guint16 *key_number, GError **error);
gboolean gsctp_userland_get_auth_chunks (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                         gboolean peer, GByteArray *chunks, GError **error);

/* gsctp-userland-streams.c */
gboolean gsctp_userland_get_pr_status (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, int stream,
                                       GSctpPrPolicy policy, guint64 *abandoned_unsent,
                                       guint64 *abandoned_sent, GError **error);
gboolean gsctp_userland_enable_stream_reset (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                             GSctpStreamResetFlags flags, GError **error);
gboolean gsctp_userland_reset_streams (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                       gboolean incoming, gboolean outgoing,
                                       const guint16 *streams, guint n_streams, GError **error);
gboolean gsctp_userland_add_streams (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                     guint16 inbound, guint16 outbound, GError **error);
gboolean gsctp_userland_get_stream_value (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                          guint16 stream, guint16 *value, GError **error);
gboolean gsctp_userland_set_stream_value (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                          guint16 stream, guint16 value, GError **error);

G_END_DECLS
