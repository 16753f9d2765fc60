/* gsctp-events.h: SCTP notifications as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <gio/gio.h>
#include "gsctp-message.h"
#include "gsctp-types.h"
#include "gsctp-version-macros.h"

G_BEGIN_DECLS

/**
 * GSctpPeerAddrState:
 * @GSCTP_PEER_ADDR_STATE_AVAILABLE: the address is reachable again
 * @GSCTP_PEER_ADDR_STATE_UNREACHABLE: the address stopped answering
 * @GSCTP_PEER_ADDR_STATE_REMOVED: the peer removed the address
 * @GSCTP_PEER_ADDR_STATE_ADDED: the peer added the address
 * @GSCTP_PEER_ADDR_STATE_MADE_PRIMARY: the address is now the primary path
 * @GSCTP_PEER_ADDR_STATE_CONFIRMED: the address was confirmed by a heartbeat
 * @GSCTP_PEER_ADDR_STATE_POTENTIALLY_FAILED: the address is potentially
 *   failed (RFC 7829)
 *
 * The `spc_state` of a peer-address change.
 */
typedef enum /*< underscore_name=gsctp_peer_addr_state >*/ {
  GSCTP_PEER_ADDR_STATE_AVAILABLE,
  GSCTP_PEER_ADDR_STATE_UNREACHABLE,
  GSCTP_PEER_ADDR_STATE_REMOVED,
  GSCTP_PEER_ADDR_STATE_ADDED,
  GSCTP_PEER_ADDR_STATE_MADE_PRIMARY,
  GSCTP_PEER_ADDR_STATE_CONFIRMED,
  GSCTP_PEER_ADDR_STATE_POTENTIALLY_FAILED,
} GSctpPeerAddrState;

/**
 * GSctpSendFailedFlags:
 * @GSCTP_SEND_FAILED_FLAGS_NONE: no flag
 * @GSCTP_SEND_FAILED_FLAGS_UNSENT: the data never went on the wire
 * @GSCTP_SEND_FAILED_FLAGS_SENT: the data went on the wire but was not
 *   acknowledged
 *
 * Whether the data of a [struct@Gsctp.SendFailed] was ever sent.
 */
typedef enum /*< flags,underscore_name=gsctp_send_failed_flags >*/ {
  GSCTP_SEND_FAILED_FLAGS_NONE = 0,
  GSCTP_SEND_FAILED_FLAGS_UNSENT = 1 << 0,
  GSCTP_SEND_FAILED_FLAGS_SENT = 1 << 1,
} GSctpSendFailedFlags;

/**
 * GSctpAuthIndication:
 * @GSCTP_AUTH_INDICATION_NEW_KEY: the peer used a new key
 * @GSCTP_AUTH_INDICATION_FREE_KEY: a key is no longer used and may be freed
 * @GSCTP_AUTH_INDICATION_NO_AUTH: the peer does not support authentication
 *
 * The `auth_indication` of an authentication event (RFC 6458 6.1.8).
 */
typedef enum /*< underscore_name=gsctp_auth_indication >*/ {
  GSCTP_AUTH_INDICATION_NEW_KEY,
  GSCTP_AUTH_INDICATION_FREE_KEY,
  GSCTP_AUTH_INDICATION_NO_AUTH,
} GSctpAuthIndication;

/**
 * GSctpResetFlags:
 * @GSCTP_RESET_FLAGS_NONE: no flag
 * @GSCTP_RESET_FLAGS_INCOMING: incoming streams were reset
 * @GSCTP_RESET_FLAGS_OUTGOING: outgoing streams were reset
 * @GSCTP_RESET_FLAGS_DENIED: the peer denied the request
 * @GSCTP_RESET_FLAGS_FAILED: the request failed
 *
 * Flags of the stream reconfiguration events of RFC 6525:
 * [struct@Gsctp.StreamReset], [struct@Gsctp.AssocReset] and
 * [struct@Gsctp.StreamChange].
 */
typedef enum /*< flags,underscore_name=gsctp_reset_flags >*/ {
  GSCTP_RESET_FLAGS_NONE = 0,
  GSCTP_RESET_FLAGS_INCOMING = 1 << 0,
  GSCTP_RESET_FLAGS_OUTGOING = 1 << 1,
  GSCTP_RESET_FLAGS_DENIED = 1 << 2,
  GSCTP_RESET_FLAGS_FAILED = 1 << 3,
} GSctpResetFlags;

#define GSCTP_TYPE_ASSOC_CHANGE (gsctp_assoc_change_get_type ())
#define GSCTP_TYPE_PEER_ADDR_CHANGE (gsctp_peer_addr_change_get_type ())
#define GSCTP_TYPE_SEND_FAILED (gsctp_send_failed_get_type ())
#define GSCTP_TYPE_REMOTE_ERROR (gsctp_remote_error_get_type ())
#define GSCTP_TYPE_SHUTDOWN_EVENT (gsctp_shutdown_event_get_type ())
#define GSCTP_TYPE_PARTIAL_DELIVERY (gsctp_partial_delivery_get_type ())
#define GSCTP_TYPE_ADAPTATION_INDICATION (gsctp_adaptation_indication_get_type ())
#define GSCTP_TYPE_AUTHENTICATION (gsctp_authentication_get_type ())
#define GSCTP_TYPE_SENDER_DRY (gsctp_sender_dry_get_type ())
#define GSCTP_TYPE_STREAM_RESET (gsctp_stream_reset_get_type ())
#define GSCTP_TYPE_ASSOC_RESET (gsctp_assoc_reset_get_type ())
#define GSCTP_TYPE_STREAM_CHANGE (gsctp_stream_change_get_type ())

typedef struct _GSctpAssocChange GSctpAssocChange;
typedef struct _GSctpPeerAddrChange GSctpPeerAddrChange;
typedef struct _GSctpSendFailed GSctpSendFailed;
typedef struct _GSctpRemoteError GSctpRemoteError;
typedef struct _GSctpShutdownEvent GSctpShutdownEvent;
typedef struct _GSctpPartialDelivery GSctpPartialDelivery;
typedef struct _GSctpAdaptationIndication GSctpAdaptationIndication;
typedef struct _GSctpAuthentication GSctpAuthentication;
typedef struct _GSctpSenderDry GSctpSenderDry;
typedef struct _GSctpStreamReset GSctpStreamReset;
typedef struct _GSctpAssocReset GSctpAssocReset;
typedef struct _GSctpStreamChange GSctpStreamChange;

/**
 * GSctpAssocChange:
 * @state: what happened to the association
 * @error: the SCTP error cause that went with it, 0 if none (see
 *   [func@Gsctp.Error.string])
 * @outbound_streams: the number of streams this end may send on
 * @inbound_streams: the number of streams the peer may send on
 * @assoc_id: the association
 *
 * An association came up, went down or restarted: the kernel's
 * `SCTP_ASSOC_CHANGE` notification, gen_sctp's `#sctp_assoc_change{}`.
 *
 * A successful connect returns one with @state
 * %GSCTP_ASSOC_STATE_COMM_UP; every one is also emitted as
 * [signal@Gsctp.Socket::association-change].
 */
struct _GSctpAssocChange {
  GSctpAssocState state;
  guint16 error;
  guint16 outbound_streams;
  guint16 inbound_streams;
  GSctpAssocId assoc_id;
};

/**
 * GSctpPeerAddrChange:
 * @address: the peer address whose state changed
 * @state: its new state
 * @error: an error code that goes with the state, 0 if none
 * @assoc_id: the association
 *
 * A peer address of an association changed state: `SCTP_PEER_ADDR_CHANGE`,
 * gen_sctp's `#sctp_paddr_change{}`.
 */
struct _GSctpPeerAddrChange {
  GSocketAddress *address;
  GSctpPeerAddrState state;
  gint error;
  GSctpAssocId assoc_id;
};

/**
 * GSctpSendFailed:
 * @flags: whether the data was ever sent
 * @error: the error cause
 * @info: how the message was sent (its stream, PPID, context…)
 * @data: the data that could not be delivered
 * @assoc_id: the association
 *
 * A message could not be delivered: `SCTP_SEND_FAILED_EVENT`, gen_sctp's
 * `#sctp_send_failed{}`.
 */
struct _GSctpSendFailed {
  GSctpSendFailedFlags flags;
  guint32 error;
  GSctpSndInfo info;
  GBytes *data;
  GSctpAssocId assoc_id;
};

/**
 * GSctpRemoteError:
 * @error: the cause code of the first cause (see [func@Gsctp.Error.string])
 * @data: the error causes of the ERROR chunk, as on the wire
 * @assoc_id: the association
 *
 * The peer sent an ERROR chunk: `SCTP_REMOTE_ERROR`, gen_sctp's
 * `#sctp_remote_error{}`.
 */
struct _GSctpRemoteError {
  guint16 error;
  GBytes *data;
  GSctpAssocId assoc_id;
};

/**
 * GSctpShutdownEvent:
 * @assoc_id: the association
 *
 * The peer started a graceful shutdown; no more data may be sent:
 * `SCTP_SHUTDOWN_EVENT`, gen_sctp's `#sctp_shutdown_event{}`.
 */
struct _GSctpShutdownEvent {
  GSctpAssocId assoc_id;
};

/**
 * GSctpPartialDelivery:
 * @aborted: the partial delivery of a message was aborted (the only
 *   indication the kernel gives)
 * @stream: the stream of the message
 * @sequence: its stream sequence number
 * @assoc_id: the association
 *
 * `SCTP_PARTIAL_DELIVERY_EVENT`, gen_sctp's `#sctp_pdapi_event{}`.
 */
struct _GSctpPartialDelivery {
  gboolean aborted;
  guint32 stream;
  guint32 sequence;
  GSctpAssocId assoc_id;
};

/**
 * GSctpAdaptationIndication:
 * @adaptation_indication: the peer's adaptation layer indication
 * @assoc_id: the association
 *
 * The peer announced its adaptation layer (RFC 5061):
 * `SCTP_ADAPTATION_INDICATION`, gen_sctp's `#sctp_adaptation_event{}`.
 */
struct _GSctpAdaptationIndication {
  guint32 adaptation_indication;
  GSctpAssocId assoc_id;
};

/**
 * GSctpAuthentication:
 * @indication: what happened
 * @key_number: the shared key concerned
 * @assoc_id: the association
 *
 * An SCTP-AUTH event (RFC 4895): `SCTP_AUTHENTICATION_EVENT`.
 */
struct _GSctpAuthentication {
  GSctpAuthIndication indication;
  guint16 key_number;
  GSctpAssocId assoc_id;
};

/**
 * GSctpSenderDry:
 * @assoc_id: the association
 *
 * Everything sent has been acknowledged and nothing is queued:
 * `SCTP_SENDER_DRY_EVENT`.
 */
struct _GSctpSenderDry {
  GSctpAssocId assoc_id;
};

/**
 * GSctpStreamReset:
 * @flags: which direction, and whether it was denied or failed
 * @streams: (element-type guint16): the streams reset; empty for all
 * @assoc_id: the association
 *
 * Streams were reset (RFC 6525): `SCTP_STREAM_RESET_EVENT`.
 */
struct _GSctpStreamReset {
  GSctpResetFlags flags;
  GArray *streams;
  GSctpAssocId assoc_id;
};

/**
 * GSctpAssocReset:
 * @flags: whether it was denied or failed
 * @local_tsn: the next TSN this end sends
 * @remote_tsn: the next TSN the peer sends
 * @assoc_id: the association
 *
 * The association's sequence numbers were reset (RFC 6525):
 * `SCTP_ASSOC_RESET_EVENT`.
 */
struct _GSctpAssocReset {
  GSctpResetFlags flags;
  guint32 local_tsn;
  guint32 remote_tsn;
  GSctpAssocId assoc_id;
};

/**
 * GSctpStreamChange:
 * @flags: whether it was denied or failed
 * @inbound_streams: the inbound streams the request added (Linux reports
 *   the increase; [method@Gsctp.Socket.get_status] gives the new total)
 * @outbound_streams: the outbound streams the request added
 * @assoc_id: the association
 *
 * Streams were added (RFC 6525): `SCTP_STREAM_CHANGE_EVENT`.
 */
struct _GSctpStreamChange {
  GSctpResetFlags flags;
  guint16 inbound_streams;
  guint16 outbound_streams;
  GSctpAssocId assoc_id;
};

#define _GSCTP_DECLARE_EVENT(TypeName, type_name)                                 \
  GSCTP_AVAILABLE_IN_ALL GType type_name##_get_type (void) G_GNUC_CONST;        \
  GSCTP_AVAILABLE_IN_ALL TypeName *type_name##_copy (const TypeName *event);    \
  GSCTP_AVAILABLE_IN_ALL void type_name##_free (TypeName *event);               \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_free)

_GSCTP_DECLARE_EVENT (GSctpAssocChange, gsctp_assoc_change)
_GSCTP_DECLARE_EVENT (GSctpPeerAddrChange, gsctp_peer_addr_change)
_GSCTP_DECLARE_EVENT (GSctpSendFailed, gsctp_send_failed)
_GSCTP_DECLARE_EVENT (GSctpRemoteError, gsctp_remote_error)
_GSCTP_DECLARE_EVENT (GSctpShutdownEvent, gsctp_shutdown_event)
_GSCTP_DECLARE_EVENT (GSctpPartialDelivery, gsctp_partial_delivery)
_GSCTP_DECLARE_EVENT (GSctpAdaptationIndication, gsctp_adaptation_indication)
_GSCTP_DECLARE_EVENT (GSctpAuthentication, gsctp_authentication)
_GSCTP_DECLARE_EVENT (GSctpSenderDry, gsctp_sender_dry)
_GSCTP_DECLARE_EVENT (GSctpStreamReset, gsctp_stream_reset)
_GSCTP_DECLARE_EVENT (GSctpAssocReset, gsctp_assoc_reset)
_GSCTP_DECLARE_EVENT (GSctpStreamChange, gsctp_stream_change)

#undef _GSCTP_DECLARE_EVENT

GSCTP_AVAILABLE_IN_ALL
GSctpEventType gsctp_message_get_event_type (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_message_is_event (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
gboolean gsctp_message_check_error (GSctpMessage *message,
                                    GError **error);
GSCTP_AVAILABLE_IN_ALL
const GSctpAssocChange *gsctp_message_get_assoc_change (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpPeerAddrChange *gsctp_message_get_peer_addr_change (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpSendFailed *gsctp_message_get_send_failed (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpRemoteError *gsctp_message_get_remote_error (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpShutdownEvent *gsctp_message_get_shutdown_event (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpPartialDelivery *gsctp_message_get_partial_delivery (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpAdaptationIndication *gsctp_message_get_adaptation_indication (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpAuthentication *gsctp_message_get_authentication (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpSenderDry *gsctp_message_get_sender_dry (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpStreamReset *gsctp_message_get_stream_reset (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpAssocReset *gsctp_message_get_assoc_reset (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpStreamChange *gsctp_message_get_stream_change (GSctpMessage *message);

G_END_DECLS
