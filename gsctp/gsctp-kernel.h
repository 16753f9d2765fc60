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
                             void *buffer,
                             gsize size,
                             GSctpSockaddr *from,
                             GSctpRcvInfo *info,
                             GSctpRecvFlags *flags,
                             GError **error);
gboolean gsctp_kernel_decode_notification (const guint8 *buffer,
                                           gsize size,
                                           GSctpNotification *notification,
                                           GError **error);
gboolean gsctp_kernel_shutdown_write (int fd,
                                      GError **error);
int gsctp_kernel_peeloff (int fd,
                          GSctpAssocId assoc_id,
                          GError **error);

G_END_DECLS
