/* gsctp-kernel.h: the Linux kernel SCTP backend
 *
 * The backend table, and the pure translations of kernel bytes that the
 * unit tests and fuzz targets drive without a socket.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-backend.h"

G_BEGIN_DECLS

extern const GSctpBackend gsctp_kernel_backend;

GSctpRecvFlags gsctp_kernel_parse_receive_info (const guint8 *control,
                                                gsize size,
                                                GSctpRcvInfo *info,
                                                GSctpNxtInfo *next);
gboolean gsctp_kernel_decode_notification (const guint8 *buffer,
                                           gsize size,
                                           GSctpNotification *notification,
                                           GError **error);

G_END_DECLS
