/* gsctp-kernel.h: the narrow interface between GSctpSocket and an SCTP stack
 *
 * Everything here is plain translation between GLib values and the kernel's
 * SCTP socket API; nothing keeps state. A userland backend (usrsctp) would
 * provide the same functions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sys/socket.h>
#include <gio/gio.h>

#include "gsctp-error.h"
#include "gsctp-events.h"
#include "gsctp-message.h"
#include "gsctp-options.h"
#include "gsctp-types.h"

G_BEGIN_DECLS

/* A decoded notification: @event is a new boxed value of @type's boxed
 * type, or NULL with @type GSCTP_EVENT_TYPE_NONE for kinds gsctp does not
 * know. */
typedef struct {
  GSctpEventType type;
  guint16 kernel_type;
  gpointer event;
} GSctpNotification;

typedef enum {
  GSCTP_RECV_EOR = 1 << 0,
  GSCTP_RECV_NOTIFICATION = 1 << 1,
  GSCTP_RECV_HAVE_INFO = 1 << 2,
} GSctpRecvFlags;

typedef struct {
  struct sockaddr_storage storage;
  socklen_t len;
} GSctpSockaddr;

/* What send and receive return, without setting an error, when the
 * socket's buffer is full or empty. */
#define GSCTP_KERNEL_WOULD_BLOCK (-2)

void gsctp_kernel_set_error (GError **error, int errsv, const char *what);

int gsctp_kernel_open (GSocketFamily family,
                       GSctpSocketType type,
                       GError **error);
gboolean gsctp_kernel_subscribe (int fd,
                                 GSctpSocketType type,
                                 GSctpAssocId assoc_id,
                                 GSctpEventType event,
                                 gboolean on,
                                 GError **error);
gboolean gsctp_kernel_is_subscribed (int fd,
                                     GSctpAssocId assoc_id,
                                     GSctpEventType event,
                                     gboolean *on,
                                     GError **error);
gboolean gsctp_kernel_prepare (int fd,
                               GSctpSocketType type,
                               GError **error);
gboolean gsctp_kernel_query (int fd,
                             GSocketFamily *family,
                             GSctpSocketType *type,
                             GError **error);
gboolean gsctp_kernel_bind (int fd,
                            GSocketAddress * const *addresses,
                            guint n_addresses,
                            GError **error);
GList *gsctp_kernel_get_addresses (int fd,
                                   GSctpAssocId assoc_id,
                                   gboolean peer,
                                   GError **error);
gboolean gsctp_kernel_listen (int fd,
                              int backlog,
                              GError **error);
gboolean gsctp_kernel_connect (int fd,
                               GSocketAddress * const *addresses,
                               guint n_addresses,
                               GSctpAssocId *assoc_id,
                               gboolean *in_progress,
                               GError **error);
int gsctp_kernel_get_socket_error (int fd);
gboolean gsctp_kernel_set_init_msg (int fd,
                                    const GSctpInitMsg *msg,
                                    GError **error);
gboolean gsctp_kernel_set_linger (int fd,
                                  gboolean enabled,
                                  guint seconds,
                                  GError **error);
gssize gsctp_kernel_send (int fd,
                          const GSctpSndInfo *info,
                          GSocketAddress *address,
                          const void *data,
                          gsize size,
                          GError **error);
gssize gsctp_kernel_receive (int fd,
                             void *head,
                             gsize head_size,
                             void *buffer,
                             gsize size,
                             GSctpSockaddr *from,
                             GSctpRcvInfo *info,
                             GSctpRecvFlags *flags,
                             GError **error);
gboolean gsctp_kernel_parse_receive_info (const guint8 *control,
                                          gsize size,
                                          GSctpRcvInfo *info);
gboolean gsctp_kernel_decode_notification (const guint8 *buffer,
                                           gsize size,
                                           GSctpNotification *notification,
                                           GError **error);
gboolean gsctp_kernel_shutdown_write (int fd,
                                      GError **error);
int gsctp_kernel_peeloff (int fd,
                          GSctpAssocId assoc_id,
                          GError **error);

/* Options with one integer value, whatever struct carries it. */
typedef enum {
  GSCTP_PLAIN_NODELAY,
  GSCTP_PLAIN_AUTOCLOSE,
  GSCTP_PLAIN_DISABLE_FRAGMENTS,
  GSCTP_PLAIN_MAPPED_V4,
  GSCTP_PLAIN_MAXSEG,
  GSCTP_PLAIN_ADAPTATION_LAYER,
  GSCTP_PLAIN_FRAGMENT_INTERLEAVE,
  GSCTP_PLAIN_INTERLEAVING_SUPPORTED,
  GSCTP_PLAIN_RECVNXTINFO,
  GSCTP_PLAIN_PR_SUPPORTED,
  GSCTP_PLAIN_RECONFIG_SUPPORTED,
  GSCTP_PLAIN_STREAM_SCHEDULER,
  GSCTP_PLAIN_SNDBUF,
  GSCTP_PLAIN_RCVBUF,
  GSCTP_PLAIN_REUSEADDR,
  GSCTP_PLAIN_PRIORITY,
  GSCTP_PLAIN_DONTROUTE,
  GSCTP_PLAIN_TOS,
  GSCTP_PLAIN_V6ONLY,
  GSCTP_N_PLAIN_OPTIONS
} GSctpPlainOption;

gboolean gsctp_kernel_get_plain (int fd, GSocketFamily family, GSctpPlainOption option,
                                 GSctpAssocId assoc_id, int *value, GError **error);
gboolean gsctp_kernel_set_plain (int fd, GSocketFamily family, GSctpPlainOption option,
                                 GSctpAssocId assoc_id, int value, GError **error);
gboolean gsctp_kernel_get_linger (int fd, gboolean *enabled, guint *seconds, GError **error);
gboolean gsctp_kernel_get_init_msg (int fd, GSctpInitMsg *msg, GError **error);
gboolean gsctp_kernel_get_rto_info (int fd, GSctpRtoInfo *info, GError **error);
gboolean gsctp_kernel_set_rto_info (int fd, const GSctpRtoInfo *info, GError **error);
gboolean gsctp_kernel_get_assoc_params (int fd, GSctpAssocParams *params, GError **error);
gboolean gsctp_kernel_set_assoc_params (int fd, const GSctpAssocParams *params, GError **error);
gboolean gsctp_kernel_get_peer_addr_params (int fd, GSctpPeerAddrParams *params, GError **error);
gboolean gsctp_kernel_set_peer_addr_params (int fd, const GSctpPeerAddrParams *params, GError **error);
gboolean gsctp_kernel_get_peer_addr_info (int fd, GSctpPeerAddrInfo *info, GError **error);
gboolean gsctp_kernel_get_status (int fd, GSctpStatus *status, GError **error);
gboolean gsctp_kernel_get_primary_addr (int fd, GSctpPrimaryAddr *prim, GError **error);
gboolean gsctp_kernel_set_primary_addr (int fd, const GSctpPrimaryAddr *prim, gboolean peer,
                                        GError **error);
gboolean gsctp_kernel_get_delayed_ack (int fd, GSctpDelayedAck *ack, GError **error);
gboolean gsctp_kernel_set_delayed_ack (int fd, const GSctpDelayedAck *ack, GError **error);
gboolean gsctp_kernel_get_default_send (int fd, GSctpSndInfo *info, GError **error);
gboolean gsctp_kernel_set_default_send (int fd, const GSctpSndInfo *info, GError **error);
gboolean gsctp_kernel_get_default_pr_info (int fd, GSctpPrInfo *info, GError **error);
gboolean gsctp_kernel_set_default_pr_info (int fd, const GSctpPrInfo *info, GError **error);
gboolean gsctp_kernel_enable_stream_reset (int fd, GSctpAssocId assoc_id,
                                           GSctpStreamResetFlags flags, GError **error);
gboolean gsctp_kernel_reset_streams (int fd, GSctpAssocId assoc_id, gboolean incoming,
                                     gboolean outgoing, const guint16 *streams, guint n_streams,
                                     GError **error);
gboolean gsctp_kernel_add_streams (int fd, GSctpAssocId assoc_id, guint16 inbound,
                                   guint16 outbound, GError **error);
gboolean gsctp_kernel_get_stream_value (int fd, GSctpAssocId assoc_id, guint16 stream,
                                        guint16 *value, GError **error);
gboolean gsctp_kernel_set_stream_value (int fd, GSctpAssocId assoc_id, guint16 stream,
                                        guint16 value, GError **error);

G_END_DECLS
