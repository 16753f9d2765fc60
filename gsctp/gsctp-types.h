/* gsctp-types.h: basic types shared by the gsctp API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * GSctpAssocId:
 *
 * Identifies one association of a socket, as the kernel's `sctp_assoc_t`.
 *
 * The value 0 ([const@Gsctp.ASSOC_ID_ENDPOINT]) means the whole endpoint
 * (for options: the socket and every future association).
 */
typedef gint32 GSctpAssocId;

/**
 * GSCTP_ASSOC_ID_ENDPOINT:
 *
 * The association id that means the whole endpoint, or “every future
 * association” where an option is set.
 */
#define GSCTP_ASSOC_ID_ENDPOINT 0

/**
 * GSctpSocketType:
 * @GSCTP_SOCKET_TYPE_SEQPACKET: one-to-many style: one socket carries many
 *   associations (`SOCK_SEQPACKET`)
 * @GSCTP_SOCKET_TYPE_STREAM: one-to-one style: one association per socket
 *   (`SOCK_STREAM`), as made by [method@Gsctp.Socket.peeloff]
 *
 * The two SCTP socket styles of RFC 6458.
 */
typedef enum /*< underscore_name=gsctp_socket_type >*/ {
  GSCTP_SOCKET_TYPE_SEQPACKET,
  GSCTP_SOCKET_TYPE_STREAM,
} GSctpSocketType;

/**
 * GSctpBackendType:
 * @GSCTP_BACKEND_TYPE_DEFAULT: the process's default: the userland stack
 *   when the environment variable `GSCTP_BACKEND` is `userland`, the
 *   kernel's SCTP otherwise
 * @GSCTP_BACKEND_TYPE_KERNEL: the operating system's SCTP (Linux's
 *   `sctp.ko`)
 * @GSCTP_BACKEND_TYPE_USERLAND: a userland SCTP stack (usrsctp) in the
 *   process, its packets carried in UDP datagrams (RFC 6951): for hosts
 *   whose kernel has no SCTP
 *
 * The SCTP stack a socket runs on, as gen_sctp's `sctp_module`; see
 * [property@Gsctp.Socket:backend].
 */
typedef enum /*< underscore_name=gsctp_backend_type >*/ {
  GSCTP_BACKEND_TYPE_DEFAULT,
  GSCTP_BACKEND_TYPE_KERNEL,
  GSCTP_BACKEND_TYPE_USERLAND,
} GSctpBackendType;

/**
 * GSctpSendFlags:
 * @GSCTP_SEND_FLAGS_NONE: no flag
 * @GSCTP_SEND_FLAGS_UNORDERED: deliver the message unordered
 * @GSCTP_SEND_FLAGS_ADDR_OVER: send to the given peer address, overriding
 *   the primary path
 * @GSCTP_SEND_FLAGS_ABORT: abort the association (the data, if any, is sent
 *   as the user-initiated abort reason)
 * @GSCTP_SEND_FLAGS_EOF: start a graceful shutdown of the association after
 *   the queued data
 * @GSCTP_SEND_FLAGS_SENDALL: send the message on every association of the
 *   socket (one-to-many sockets only)
 *
 * Flags of [struct@Gsctp.SndInfo], as `snd_flags` of RFC 6458.
 */
typedef enum /*< flags,underscore_name=gsctp_send_flags >*/ {
  GSCTP_SEND_FLAGS_NONE = 0,
  GSCTP_SEND_FLAGS_UNORDERED = 1 << 0,
  GSCTP_SEND_FLAGS_ADDR_OVER = 1 << 1,
  GSCTP_SEND_FLAGS_ABORT = 1 << 2,
  GSCTP_SEND_FLAGS_EOF = 1 << 3,
  GSCTP_SEND_FLAGS_SENDALL = 1 << 4,
} GSctpSendFlags;

/**
 * GSctpReceiveFlags:
 * @GSCTP_RECEIVE_FLAGS_NONE: no flag
 * @GSCTP_RECEIVE_FLAGS_UNORDERED: the message was sent unordered
 *
 * Flags of [struct@Gsctp.RcvInfo], as `rcv_flags` of RFC 6458.
 */
typedef enum /*< flags,underscore_name=gsctp_receive_flags >*/ {
  GSCTP_RECEIVE_FLAGS_NONE = 0,
  GSCTP_RECEIVE_FLAGS_UNORDERED = 1 << 0,
} GSctpReceiveFlags;

/**
 * GSctpAssocState:
 * @GSCTP_ASSOC_STATE_COMM_UP: the association is established
 * @GSCTP_ASSOC_STATE_COMM_LOST: the association failed (peer abort,
 *   too many retransmissions)
 * @GSCTP_ASSOC_STATE_RESTART: the peer restarted the association
 * @GSCTP_ASSOC_STATE_SHUTDOWN_COMP: the association was shut down gracefully
 * @GSCTP_ASSOC_STATE_CANT_ASSOC: the association could not be established
 *   (gen_sctp's `cant_assoc`)
 *
 * The `sac_state` of an association-change event ([struct@Gsctp.AssocChange]).
 */
typedef enum /*< underscore_name=gsctp_assoc_state >*/ {
  GSCTP_ASSOC_STATE_COMM_UP,
  GSCTP_ASSOC_STATE_COMM_LOST,
  GSCTP_ASSOC_STATE_RESTART,
  GSCTP_ASSOC_STATE_SHUTDOWN_COMP,
  GSCTP_ASSOC_STATE_CANT_ASSOC,
} GSctpAssocState;

/**
 * GSctpEventType:
 * @GSCTP_EVENT_TYPE_NONE: not an event: a data message
 * @GSCTP_EVENT_TYPE_ASSOC_CHANGE: [struct@Gsctp.AssocChange]
 * @GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: [struct@Gsctp.PeerAddrChange]
 * @GSCTP_EVENT_TYPE_SEND_FAILED: [struct@Gsctp.SendFailed]
 * @GSCTP_EVENT_TYPE_REMOTE_ERROR: [struct@Gsctp.RemoteError]
 * @GSCTP_EVENT_TYPE_SHUTDOWN: [struct@Gsctp.ShutdownEvent]
 * @GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: [struct@Gsctp.PartialDelivery]
 * @GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: [struct@Gsctp.AdaptationIndication]
 * @GSCTP_EVENT_TYPE_AUTHENTICATION: [struct@Gsctp.Authentication]
 * @GSCTP_EVENT_TYPE_SENDER_DRY: [struct@Gsctp.SenderDry]
 * @GSCTP_EVENT_TYPE_STREAM_RESET: [struct@Gsctp.StreamReset]
 * @GSCTP_EVENT_TYPE_ASSOC_RESET: [struct@Gsctp.AssocReset]
 * @GSCTP_EVENT_TYPE_STREAM_CHANGE: [struct@Gsctp.StreamChange]
 *
 * The kinds of SCTP notification (RFC 6458 section 6.1), each emitted as a
 * signal of the same name on [class@Gsctp.Socket] and subscribed with
 * [method@Gsctp.Socket.subscribe].
 */
typedef enum /*< underscore_name=gsctp_event_type >*/ {
  GSCTP_EVENT_TYPE_NONE,
  GSCTP_EVENT_TYPE_ASSOC_CHANGE,
  GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE,
  GSCTP_EVENT_TYPE_SEND_FAILED,
  GSCTP_EVENT_TYPE_REMOTE_ERROR,
  GSCTP_EVENT_TYPE_SHUTDOWN,
  GSCTP_EVENT_TYPE_PARTIAL_DELIVERY,
  GSCTP_EVENT_TYPE_ADAPTATION_INDICATION,
  GSCTP_EVENT_TYPE_AUTHENTICATION,
  GSCTP_EVENT_TYPE_SENDER_DRY,
  GSCTP_EVENT_TYPE_STREAM_RESET,
  GSCTP_EVENT_TYPE_ASSOC_RESET,
  GSCTP_EVENT_TYPE_STREAM_CHANGE,
} GSctpEventType;

/**
 * GSCTP_N_EVENT_TYPES:
 *
 * One more than the largest [enum@Gsctp.EventType].
 */
#define GSCTP_N_EVENT_TYPES (GSCTP_EVENT_TYPE_STREAM_CHANGE + 1)

/**
 * GSctpEventMask:
 * @GSCTP_EVENT_MASK_NONE: no event
 * @GSCTP_EVENT_MASK_ASSOC_CHANGE: association changes
 * @GSCTP_EVENT_MASK_PEER_ADDR_CHANGE: peer-address changes
 * @GSCTP_EVENT_MASK_SEND_FAILED: send failures
 * @GSCTP_EVENT_MASK_REMOTE_ERROR: remote errors
 * @GSCTP_EVENT_MASK_SHUTDOWN: shutdown events
 * @GSCTP_EVENT_MASK_PARTIAL_DELIVERY: partial-delivery events
 * @GSCTP_EVENT_MASK_ADAPTATION_INDICATION: adaptation indications
 * @GSCTP_EVENT_MASK_AUTHENTICATION: authentication events
 * @GSCTP_EVENT_MASK_SENDER_DRY: sender-dry events
 * @GSCTP_EVENT_MASK_STREAM_RESET: stream resets
 * @GSCTP_EVENT_MASK_ASSOC_RESET: association resets
 * @GSCTP_EVENT_MASK_STREAM_CHANGE: stream changes
 *
 * A set of [enum@Gsctp.EventType]s (bit `1 << type`): the value of the
 * `sctp_events` option by name, gen_sctp's `#sctp_event_subscribe{}`.
 */
typedef enum /*< flags,underscore_name=gsctp_event_mask >*/ {
  GSCTP_EVENT_MASK_NONE = 0,
  GSCTP_EVENT_MASK_ASSOC_CHANGE = 1 << GSCTP_EVENT_TYPE_ASSOC_CHANGE,
  GSCTP_EVENT_MASK_PEER_ADDR_CHANGE = 1 << GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE,
  GSCTP_EVENT_MASK_SEND_FAILED = 1 << GSCTP_EVENT_TYPE_SEND_FAILED,
  GSCTP_EVENT_MASK_REMOTE_ERROR = 1 << GSCTP_EVENT_TYPE_REMOTE_ERROR,
  GSCTP_EVENT_MASK_SHUTDOWN = 1 << GSCTP_EVENT_TYPE_SHUTDOWN,
  GSCTP_EVENT_MASK_PARTIAL_DELIVERY = 1 << GSCTP_EVENT_TYPE_PARTIAL_DELIVERY,
  GSCTP_EVENT_MASK_ADAPTATION_INDICATION = 1 << GSCTP_EVENT_TYPE_ADAPTATION_INDICATION,
  GSCTP_EVENT_MASK_AUTHENTICATION = 1 << GSCTP_EVENT_TYPE_AUTHENTICATION,
  GSCTP_EVENT_MASK_SENDER_DRY = 1 << GSCTP_EVENT_TYPE_SENDER_DRY,
  GSCTP_EVENT_MASK_STREAM_RESET = 1 << GSCTP_EVENT_TYPE_STREAM_RESET,
  GSCTP_EVENT_MASK_ASSOC_RESET = 1 << GSCTP_EVENT_TYPE_ASSOC_RESET,
  GSCTP_EVENT_MASK_STREAM_CHANGE = 1 << GSCTP_EVENT_TYPE_STREAM_CHANGE,
} GSctpEventMask;

/**
 * GSctpActiveMode:
 * @GSCTP_ACTIVE_MODE_PASSIVE: messages wait for a receive (gen_sctp's
 *   `{active, false}`)
 * @GSCTP_ACTIVE_MODE_ACTIVE: every message is emitted as a signal
 *   (`{active, true}`)
 * @GSCTP_ACTIVE_MODE_ONCE: one message is emitted, then the socket is
 *   passive (`{active, once}`)
 * @GSCTP_ACTIVE_MODE_COUNT: a number of messages is emitted, then the
 *   socket is passive (`{active, N}`)
 *
 * How a [class@Gsctp.Socket] hands messages to the application.
 */
typedef enum /*< underscore_name=gsctp_active_mode >*/ {
  GSCTP_ACTIVE_MODE_PASSIVE,
  GSCTP_ACTIVE_MODE_ACTIVE,
  GSCTP_ACTIVE_MODE_ONCE,
  GSCTP_ACTIVE_MODE_COUNT,
} GSctpActiveMode;

/**
 * GSctpPrPolicy:
 * @GSCTP_PR_POLICY_NONE: reliable
 * @GSCTP_PR_POLICY_TTL: abandon after a time, in milliseconds
 * @GSCTP_PR_POLICY_RTX: abandon after a number of retransmissions
 * @GSCTP_PR_POLICY_PRIO: abandon lower priorities first when the buffer is
 *   full
 *
 * A partial-reliability policy of PR-SCTP (RFC 3758, RFC 7496).
 */
typedef enum /*< underscore_name=gsctp_pr_policy >*/ {
  GSCTP_PR_POLICY_NONE,
  GSCTP_PR_POLICY_TTL,
  GSCTP_PR_POLICY_RTX,
  GSCTP_PR_POLICY_PRIO,
} GSctpPrPolicy;

G_END_DECLS
