/* gsctp-kernel-private.h: what the kernel backend's files share
 *
 * Only gsctp-kernel*.c include this file and <netinet/sctp.h>.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <netinet/in.h>
#include <netinet/sctp.h>

#include "gsctp-kernel.h"

G_BEGIN_DECLS

/* RFC 6458's per-message info: SCTP_SNDINFO and SCTP_PRINFO on send,
 * SCTP_RCVINFO on receive, built and parsed around sendmsg() and recvmsg()
 * (what sctp_sendv() and sctp_recvv() do, without their copies). Without
 * it, the older SCTP_SNDRCV. */
#if defined(GSCTP_HAVE_STRUCT_SCTP_SNDINFO) && defined(GSCTP_HAVE_STRUCT_SCTP_RCVINFO) && \
    defined(GSCTP_HAVE_STRUCT_SCTP_PRINFO) && defined(GSCTP_HAVE_SCTP_RECVRCVINFO)
#define GSCTP_RFC6458_API 1
#endif

/* Pieces read ahead by one recvmmsg(): gsctp-kernel-receive.c. */
#define GSCTP_KERNEL_BATCH 16
#define GSCTP_KERNEL_SLOT 4096
#define GSCTP_KERNEL_LARGE_BATCH 8
#define GSCTP_KERNEL_LARGE_SLOT (66 * 1024)
typedef struct _GSctpKernelBatch GSctpKernelBatch;

/* A kernel endpoint: one SCTP socket. */
typedef struct {
  GSctpEndpoint parent;
  int fd;
  GSctpKernelBatch *batch;      /* NULL until the first receive */
  gint read_ahead;              /* pieces waiting in it; atomic, for readiness */
} GSctpKernelEndpoint;

static inline int
gsctp_kernel_fd (GSctpEndpoint *endpoint)
{
  return ((GSctpKernelEndpoint *) endpoint)->fd;
}

/* Inline: every send takes it. */
static inline guint16
gsctp_kernel_send_flags (GSctpSendFlags flags)
{
  return ((flags & GSCTP_SEND_FLAGS_UNORDERED) ? SCTP_UNORDERED : 0) |
         ((flags & GSCTP_SEND_FLAGS_ADDR_OVER) ? SCTP_ADDR_OVER : 0) |
         ((flags & GSCTP_SEND_FLAGS_ABORT) ? SCTP_ABORT : 0) |
         ((flags & GSCTP_SEND_FLAGS_EOF) ? SCTP_EOF : 0) |
         ((flags & GSCTP_SEND_FLAGS_SENDALL) ? SCTP_SENDALL : 0);
}

/* gsctp-kernel-receive.c */
gssize gsctp_kernel_receive (GSctpEndpoint *endpoint, GSctpMessage **head, void *buffer,
                             gsize size, GSctpSockaddr *from, GSctpRcvInfo *info,
                             GSctpNxtInfo *next, GSctpRecvFlags *flags, GError **error);
void gsctp_kernel_batch_move (GSctpKernelEndpoint *from, GSctpKernelEndpoint *to,
                              GSctpAssocId assoc_id);
void gsctp_kernel_batch_free (GSctpKernelBatch *batch);

/* gsctp-kernel-translate.c: no system calls. */
void gsctp_kernel_set_error (GError **error, int errsv, const char *what);
gsize gsctp_kernel_native_size (const struct sockaddr *sa);
gboolean gsctp_kernel_address_to_storage (GSocketAddress *address, void *dest, GError **error);
GSocketAddress *gsctp_kernel_address_from_storage (const void *src);
#ifdef SCTP_GET_ASSOC_STATS
void gsctp_kernel_assoc_stats_from_kernel (const struct sctp_assoc_stats *sas, GSctpAssocStats *stats);
#endif
gboolean gsctp_kernel_unknown_value (const char *what, int value, GError **error);

/* gsctp-kernel-options.c: getsockopt() and setsockopt(). */
gboolean gsctp_kernel_subscribe (GSctpEndpoint *endpoint, GSctpSocketType type,
                                 GSctpAssocId assoc_id, GSctpEventType event, gboolean on,
                                 GError **error);
gboolean gsctp_kernel_is_subscribed (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                     GSctpEventType event, gboolean *on, GError **error);
gboolean gsctp_kernel_get_plain (GSctpEndpoint *endpoint, GSocketFamily family,
                                 GSctpPlainOption option, GSctpAssocId assoc_id, int *value,
                                 GError **error);
gboolean gsctp_kernel_set_plain (GSctpEndpoint *endpoint, GSocketFamily family,
                                 GSctpPlainOption option, GSctpAssocId assoc_id, int value,
                                 GError **error);
gboolean gsctp_kernel_get_linger (GSctpEndpoint *endpoint, gboolean *enabled, guint *seconds,
                                  GError **error);
gboolean gsctp_kernel_set_linger (GSctpEndpoint *endpoint, gboolean enabled, guint seconds,
                                  GError **error);
gboolean gsctp_kernel_get_struct (GSctpEndpoint *endpoint, GSctpStructOption option,
                                  gpointer value, GError **error);
gboolean gsctp_kernel_set_struct (GSctpEndpoint *endpoint, GSctpStructOption option,
                                  gconstpointer value, GError **error);
gboolean gsctp_kernel_get_option (int fd, int level, int name, void *value, socklen_t size,
                                  const char *what, GError **error);
gboolean gsctp_kernel_set_option (int fd, int level, int name, const void *value, socklen_t size,
                                  const char *what, GError **error);

/* gsctp-kernel-auth.c */
gboolean gsctp_kernel_auth (GSctpEndpoint *endpoint, GSctpAuthOp op, GSctpAssocId assoc_id,
                            guint16 key_number, const void *data, gsize size, GError **error);
gboolean gsctp_kernel_get_active_key (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                      guint16 *key_number, GError **error);
gboolean gsctp_kernel_get_auth_chunks (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                       gboolean peer, GByteArray *chunks, GError **error);

/* gsctp-kernel-streams.c */
gboolean gsctp_kernel_get_pr_status (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, int stream,
                                     GSctpPrPolicy policy, guint64 *abandoned_unsent,
                                     guint64 *abandoned_sent, GError **error);
gboolean gsctp_kernel_enable_stream_reset (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                           GSctpStreamResetFlags flags, GError **error);
gboolean gsctp_kernel_reset_streams (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                     gboolean incoming, gboolean outgoing,
                                     const guint16 *streams, guint n_streams, GError **error);
gboolean gsctp_kernel_add_streams (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                   guint16 inbound, guint16 outbound, GError **error);
gboolean gsctp_kernel_get_stream_value (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                        guint16 stream, guint16 *value, GError **error);
gboolean gsctp_kernel_set_stream_value (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                        guint16 stream, guint16 value, GError **error);

G_END_DECLS
