/* gsctp-error.h: the gsctp error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <glib.h>
#include "gsctp-version-macros.h"

G_BEGIN_DECLS

/**
 * GSCTP_ERROR:
 *
 * The error domain of errors that are particular to SCTP.
 *
 * Errors that any socket can have (a refused or timed-out connection, a
 * closed socket, a cancelled operation, an address in use) are reported in
 * the `G_IO_ERROR` domain, as GIO reports them.
 */
#define GSCTP_ERROR (gsctp_error_quark ())

/**
 * GSctpError:
 * @GSCTP_ERROR_FAILED: an SCTP error with no more specific code
 * @GSCTP_ERROR_NOT_SUPPORTED: the kernel has no SCTP (load it with
 *   `modprobe sctp`), or lacks a feature the call needs
 * @GSCTP_ERROR_CANT_ASSOCIATE: the association could not be established
 *   (the peer refused it, or the INIT retransmissions ran out)
 * @GSCTP_ERROR_INVALID_STREAM: the stream number is not below the number of
 *   outbound streams negotiated for the association
 * @GSCTP_ERROR_NO_ASSOCIATION: no association of the socket has that id
 * @GSCTP_ERROR_MESSAGE_TOO_LARGE: the message cannot be sent in one piece
 *   (fragmentation is disabled, or it exceeds the socket's send buffer)
 * @GSCTP_ERROR_PROTOCOL: the kernel handed back data gsctp cannot decode
 * @GSCTP_ERROR_SEND_FAILED: a message could not be delivered (from a
 *   send-failed event, see [method@Gsctp.Message.check_error])
 * @GSCTP_ERROR_REMOTE_ERROR: the peer reported an error
 * @GSCTP_ERROR_PARTIAL_DELIVERY_ABORTED: the delivery of a message that had
 *   begun was aborted
 * @GSCTP_ERROR_ADDRESS_UNREACHABLE: a peer address became unreachable
 *
 * Error codes of the [error@Gsctp.Error] domain.
 */
typedef enum /*< underscore_name=gsctp_error >*/ {
  GSCTP_ERROR_FAILED,
  GSCTP_ERROR_NOT_SUPPORTED,
  GSCTP_ERROR_CANT_ASSOCIATE,
  GSCTP_ERROR_INVALID_STREAM,
  GSCTP_ERROR_NO_ASSOCIATION,
  GSCTP_ERROR_MESSAGE_TOO_LARGE,
  GSCTP_ERROR_PROTOCOL,
  GSCTP_ERROR_SEND_FAILED,
  GSCTP_ERROR_REMOTE_ERROR,
  GSCTP_ERROR_PARTIAL_DELIVERY_ABORTED,
  GSCTP_ERROR_ADDRESS_UNREACHABLE,
} GSctpError;

GSCTP_AVAILABLE_IN_ALL
GQuark gsctp_error_quark (void);

GSCTP_AVAILABLE_IN_ALL
const char *gsctp_cause_string (guint16 cause);
GSCTP_AVAILABLE_IN_ALL G_DEPRECATED_FOR (gsctp_cause_string)
const char *gsctp_error_string (guint16 cause);

G_END_DECLS
