/* gsctp-socket.h: an SCTP socket on a GMainContext
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <gio/gio.h>
#include "gsctp-events.h"
#include "gsctp-message.h"
#include "gsctp-options.h"
#include "gsctp-types.h"
#include "gsctp-version-macros.h"

G_BEGIN_DECLS

#define GSCTP_TYPE_SOCKET (gsctp_socket_get_type ())

GSCTP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GSctpSocket, gsctp_socket, GSCTP, SOCKET, GObject)

GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_new (GSocketFamily family,
                               GSctpSocketType type,
                               GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_new_with_backend (GSocketFamily family,
                                            GSctpSocketType type,
                                            GSctpBackendType backend,
                                            GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpBackendType gsctp_socket_get_backend (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_new_for_lower_transport (GSctpSocketType type,
                                                   GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_input_packet (GSctpSocket *self,
                                    GBytes *packet,
                                    GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_new_from_fd (int fd,
                                       GError **error);

GSCTP_AVAILABLE_IN_ALL
int gsctp_socket_get_fd (GSctpSocket *self);
GSCTP_AVAILABLE_IN_0_1
GSocket *gsctp_socket_dup_gsocket (GSctpSocket *self,
                                   GError **error);
GSCTP_AVAILABLE_IN_ALL
GSocketFamily gsctp_socket_get_family (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
GSctpSocketType gsctp_socket_get_socket_type (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
GMainContext *gsctp_socket_get_context (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_is_closed (GSctpSocket *self);

GSCTP_AVAILABLE_IN_ALL
GSctpActiveMode gsctp_socket_get_active (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_set_active (GSctpSocket *self,
                              GSctpActiveMode active);
GSCTP_AVAILABLE_IN_ALL
int gsctp_socket_get_active_count (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_set_active_count (GSctpSocket *self,
                                    int count);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_set_context (GSctpSocket *self,
                               GMainContext *context);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_bind (GSctpSocket *self,
                            GSocketAddress * const *addresses,
                            guint n_addresses,
                            GError **error);
GSCTP_AVAILABLE_IN_ALL
GList *gsctp_socket_get_local_addresses (GSctpSocket *self,
                                         GSctpAssocId assoc_id,
                                         GError **error);
GSCTP_AVAILABLE_IN_ALL
GList *gsctp_socket_get_peer_addresses (GSctpSocket *self,
                                        GSctpAssocId assoc_id,
                                        GError **error);
GSCTP_AVAILABLE_IN_ALL
guint16 gsctp_socket_get_local_port (GSctpSocket *self,
                                     GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_unbind (GSctpSocket *self,
                              GSocketAddress * const *addresses,
                              guint n_addresses,
                              GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_listen (GSctpSocket *self,
                              int backlog,
                              GError **error);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_subscribe (GSctpSocket *self,
                                 GSctpEventType event,
                                 GSctpAssocId assoc_id,
                                 gboolean enabled,
                                 GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_get_subscribed (GSctpSocket *self,
                                      GSctpEventType event,
                                      GSctpAssocId assoc_id,
                                      GError **error);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_init_msg (GSctpSocket *self,
                                    const GSctpInitMsg *init_msg,
                                    GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_linger (GSctpSocket *self,
                                  gboolean enabled,
                                  guint seconds,
                                  GError **error);

GSCTP_AVAILABLE_IN_ALL
GValue *gsctp_socket_get_option (GSctpSocket *self, const char *name, GSctpAssocId assoc_id,
                                 GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_option (GSctpSocket *self, const char *name, GSctpAssocId assoc_id,
                                  const GValue *value, GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpInitMsg *gsctp_socket_get_init_msg (GSctpSocket *self, GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpRtoInfo *gsctp_socket_get_rto_info (GSctpSocket *self, GSctpAssocId assoc_id, GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_rto_info (GSctpSocket *self, const GSctpRtoInfo *info, GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocParams *gsctp_socket_get_assoc_params (GSctpSocket *self, GSctpAssocId assoc_id,
                                                 GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_assoc_params (GSctpSocket *self, const GSctpAssocParams *params,
                                        GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpPeerAddrParams *gsctp_socket_get_peer_addr_params (GSctpSocket *self, GSctpAssocId assoc_id,
                                                        GSocketAddress *address, GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_peer_addr_params (GSctpSocket *self, const GSctpPeerAddrParams *params,
                                            GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpPeerAddrThresholds *gsctp_socket_get_peer_addr_thresholds (GSctpSocket *self,
                                                                GSctpAssocId assoc_id,
                                                                GSocketAddress *address,
                                                                GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_peer_addr_thresholds (GSctpSocket *self,
                                                const GSctpPeerAddrThresholds *thresholds,
                                                GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpPeerAddrInfo *gsctp_socket_get_peer_addr_info (GSctpSocket *self, GSctpAssocId assoc_id,
                                                    GSocketAddress *address, GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpStatus *gsctp_socket_get_status (GSctpSocket *self, GSctpAssocId assoc_id, GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpPrimaryAddr *gsctp_socket_get_primary_addr (GSctpSocket *self, GSctpAssocId assoc_id,
                                                 GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_primary_addr (GSctpSocket *self, const GSctpPrimaryAddr *prim,
                                        GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_peer_primary_addr (GSctpSocket *self, const GSctpPrimaryAddr *prim,
                                             GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpDelayedAck *gsctp_socket_get_delayed_ack (GSctpSocket *self, GSctpAssocId assoc_id,
                                               GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_delayed_ack (GSctpSocket *self, const GSctpDelayedAck *ack,
                                       GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpSndInfo *gsctp_socket_get_default_send_param (GSctpSocket *self, GSctpAssocId assoc_id,
                                                   GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_default_send_param (GSctpSocket *self, const GSctpSndInfo *info,
                                              GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpPrInfo *gsctp_socket_get_default_pr_info (GSctpSocket *self, GSctpAssocId assoc_id,
                                               GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_default_pr_info (GSctpSocket *self, const GSctpPrInfo *info,
                                           GError **error);
GSCTP_AVAILABLE_IN_ALL
int gsctp_socket_get_linger (GSctpSocket *self, GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_enable_stream_reset (GSctpSocket *self, GSctpAssocId assoc_id,
                                           GSctpStreamResetFlags flags, GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_reset_streams (GSctpSocket *self, GSctpAssocId assoc_id,
                                     GSctpResetFlags direction, const guint16 *streams,
                                     guint n_streams, GError **error);
GSCTP_AVAILABLE_IN_ALL
guint16 gsctp_socket_get_stream_value (GSctpSocket *self, GSctpAssocId assoc_id, guint16 stream,
                                       GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_stream_value (GSctpSocket *self, GSctpAssocId assoc_id, guint16 stream,
                                        guint16 value, GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_add_streams (GSctpSocket *self, GSctpAssocId assoc_id, guint16 inbound,
                                   guint16 outbound, GError **error);

GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_socket_associate (GSctpSocket *self,
                                        GSocketAddress * const *addresses,
                                        guint n_addresses,
                                        const GSctpInitMsg *init_msg,
                                        int timeout_ms,
                                        GCancellable *cancellable,
                                        GError **error);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_associate_async (GSctpSocket *self,
                                 GSocketAddress * const *addresses,
                                 guint n_addresses,
                                 const GSctpInitMsg *init_msg,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_socket_associate_finish (GSctpSocket *self,
                                               GAsyncResult *result,
                                               GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocId gsctp_socket_associate_init (GSctpSocket *self,
                                          GSocketAddress * const *addresses,
                                          guint n_addresses,
                                          const GSctpInitMsg *init_msg,
                                          GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_socket_associate_to_host (GSctpSocket *self,
                                                const char *host,
                                                guint16 port,
                                                const GSctpInitMsg *init_msg,
                                                int timeout_ms,
                                                GCancellable *cancellable,
                                                GError **error);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_associate_to_host_async (GSctpSocket *self,
                                         const char *host,
                                         guint16 port,
                                         const GSctpInitMsg *init_msg,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_socket_associate_to_host_finish (GSctpSocket *self,
                                                       GAsyncResult *result,
                                                       GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_socket_associate_to_connectable (GSctpSocket *self,
                                                         GSocketConnectable *connectable,
                                                         const GSctpInitMsg *init_msg,
                                                         int timeout_ms,
                                                         GCancellable *cancellable,
                                                         GError **error);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_associate_to_connectable_async (GSctpSocket *self,
                                                  GSocketConnectable *connectable,
                                                  const GSctpInitMsg *init_msg,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_socket_associate_to_connectable_finish (GSctpSocket *self,
                                                                GAsyncResult *result,
                                                                GError **error);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_send (GSctpSocket *self,
                            const GSctpSndInfo *info,
                            GSocketAddress *address,
                            GBytes *data,
                            GCancellable *cancellable,
                            GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_send_many (GSctpSocket *self,
                                 const GSctpSndInfo *info,
                                 GSocketAddress *address,
                                 GBytes * const *messages,
                                 guint n_messages,
                                 guint *n_sent,
                                 GCancellable *cancellable,
                                 GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_send_to_stream (GSctpSocket *self,
                                      GSctpAssocId assoc_id,
                                      guint16 stream,
                                      GBytes *data,
                                      GCancellable *cancellable,
                                      GError **error);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_send_async (GSctpSocket *self,
                              const GSctpSndInfo *info,
                              GSocketAddress *address,
                              GBytes *data,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_send_finish (GSctpSocket *self,
                                   GAsyncResult *result,
                                   GError **error);

GSCTP_AVAILABLE_IN_ALL
GSctpMessage *gsctp_socket_receive (GSctpSocket *self,
                                    int timeout_ms,
                                    GCancellable *cancellable,
                                    GError **error);
GSCTP_AVAILABLE_IN_ALL
GList *gsctp_socket_receive_many (GSctpSocket *self,
                                 guint max_messages,
                                 int timeout_ms,
                                 GCancellable *cancellable,
                                 GError **error);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_receive_async (GSctpSocket *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GSCTP_AVAILABLE_IN_ALL
GSctpMessage *gsctp_socket_receive_finish (GSctpSocket *self,
                                           GAsyncResult *result,
                                           GError **error);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_abort (GSctpSocket *self,
                             GSctpAssocId assoc_id,
                             GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_shutdown (GSctpSocket *self,
                                GSctpAssocId assoc_id,
                                GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_peeloff (GSctpSocket *self,
                                   GSctpAssocId assoc_id,
                                   GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_accept (GSctpSocket *self,
                                  int timeout_ms,
                                  GCancellable *cancellable,
                                  GError **error);
GSCTP_AVAILABLE_IN_ALL
void gsctp_socket_accept_async (GSctpSocket *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
GSCTP_AVAILABLE_IN_ALL
GSctpSocket *gsctp_socket_accept_finish (GSctpSocket *self,
                                         GAsyncResult *result,
                                         GError **error);
GSCTP_AVAILABLE_IN_ALL
gint32 *gsctp_socket_get_associations (GSctpSocket *self,
                                      gsize *n_associations,
                                      GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocStats *gsctp_socket_get_assoc_stats (GSctpSocket *self,
                                               GSctpAssocId assoc_id,
                                               GError **error);
GSCTP_AVAILABLE_IN_ALL
GSctpSocketStats *gsctp_socket_get_statistics (GSctpSocket *self);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_get_pr_status (GSctpSocket *self,
                                     GSctpAssocId assoc_id,
                                     int stream,
                                     GSctpPrPolicy policy,
                                     guint64 *abandoned_unsent,
                                     guint64 *abandoned_sent,
                                     GError **error);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_add_auth_chunk (GSctpSocket *self,
                                      guint8 chunk_type,
                                      GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_hmac_idents (GSctpSocket *self,
                                       const guint16 *idents,
                                       gsize n_idents,
                                       GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_auth_key (GSctpSocket *self,
                                    GSctpAssocId assoc_id,
                                    guint16 key_number,
                                    GBytes *key,
                                    GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_set_active_key (GSctpSocket *self,
                                      GSctpAssocId assoc_id,
                                      guint16 key_number,
                                      GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_get_active_key (GSctpSocket *self,
                                      GSctpAssocId assoc_id,
                                      guint16 *key_number,
                                      GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_deactivate_key (GSctpSocket *self,
                                      GSctpAssocId assoc_id,
                                      guint16 key_number,
                                      GError **error);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_delete_key (GSctpSocket *self,
                                  GSctpAssocId assoc_id,
                                  guint16 key_number,
                                  GError **error);
GSCTP_AVAILABLE_IN_ALL
GBytes *gsctp_socket_get_auth_chunks (GSctpSocket *self,
                                      GSctpAssocId assoc_id,
                                      gboolean peer,
                                      GError **error);

GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_socket_close (GSctpSocket *self,
                             GError **error);

G_END_DECLS
