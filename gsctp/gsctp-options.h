/* gsctp-options.h: SCTP socket options as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <gio/gio.h>
#include "gsctp-types.h"
#include "gsctp-version-macros.h"

G_BEGIN_DECLS

/**
 * GSctpPeerAddrFlags:
 * @GSCTP_PEER_ADDR_FLAGS_NONE: no change
 * @GSCTP_PEER_ADDR_FLAGS_HB_ENABLE: enable heartbeats
 * @GSCTP_PEER_ADDR_FLAGS_HB_DISABLE: disable heartbeats
 * @GSCTP_PEER_ADDR_FLAGS_HB_DEMAND: send one heartbeat now
 * @GSCTP_PEER_ADDR_FLAGS_PMTUD_ENABLE: enable path MTU discovery
 * @GSCTP_PEER_ADDR_FLAGS_PMTUD_DISABLE: disable path MTU discovery (use
 *   the path MTU given)
 * @GSCTP_PEER_ADDR_FLAGS_SACKDELAY_ENABLE: enable delayed SACKs
 * @GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE: disable delayed SACKs
 *
 * The `spp_flags` of [struct@Gsctp.PeerAddrParams], gen_sctp's
 * `#sctp_paddrparams.flags`.
 */
typedef enum /*< flags,underscore_name=gsctp_peer_addr_flags >*/ {
  GSCTP_PEER_ADDR_FLAGS_NONE = 0,
  GSCTP_PEER_ADDR_FLAGS_HB_ENABLE = 1 << 0,
  GSCTP_PEER_ADDR_FLAGS_HB_DISABLE = 1 << 1,
  GSCTP_PEER_ADDR_FLAGS_HB_DEMAND = 1 << 2,
  GSCTP_PEER_ADDR_FLAGS_PMTUD_ENABLE = 1 << 3,
  GSCTP_PEER_ADDR_FLAGS_PMTUD_DISABLE = 1 << 4,
  GSCTP_PEER_ADDR_FLAGS_SACKDELAY_ENABLE = 1 << 5,
  GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE = 1 << 6,
} GSctpPeerAddrFlags;

/**
 * GSctpPathState:
 * @GSCTP_PATH_STATE_INACTIVE: the path is down
 * @GSCTP_PATH_STATE_POTENTIALLY_FAILED: the path is potentially failed
 * @GSCTP_PATH_STATE_ACTIVE: the path is up
 * @GSCTP_PATH_STATE_UNCONFIRMED: the path is not yet confirmed
 * @GSCTP_PATH_STATE_UNKNOWN: the kernel reported another state
 *
 * The state of one path of an association ([struct@Gsctp.PeerAddrInfo]).
 */
typedef enum /*< underscore_name=gsctp_path_state >*/ {
  GSCTP_PATH_STATE_INACTIVE,
  GSCTP_PATH_STATE_POTENTIALLY_FAILED,
  GSCTP_PATH_STATE_ACTIVE,
  GSCTP_PATH_STATE_UNCONFIRMED,
  GSCTP_PATH_STATE_UNKNOWN,
} GSctpPathState;

/**
 * GSctpProtocolState:
 * @GSCTP_PROTOCOL_STATE_EMPTY: no association
 * @GSCTP_PROTOCOL_STATE_CLOSED: closed
 * @GSCTP_PROTOCOL_STATE_COOKIE_WAIT: INIT sent
 * @GSCTP_PROTOCOL_STATE_COOKIE_ECHOED: COOKIE ECHO sent
 * @GSCTP_PROTOCOL_STATE_ESTABLISHED: established
 * @GSCTP_PROTOCOL_STATE_SHUTDOWN_PENDING: shutting down, data still queued
 * @GSCTP_PROTOCOL_STATE_SHUTDOWN_SENT: SHUTDOWN sent
 * @GSCTP_PROTOCOL_STATE_SHUTDOWN_RECEIVED: SHUTDOWN received
 * @GSCTP_PROTOCOL_STATE_SHUTDOWN_ACK_SENT: SHUTDOWN ACK sent
 *
 * The RFC 9260 state of an association, gen_sctp's `#sctp_status.state`.
 */
typedef enum /*< underscore_name=gsctp_protocol_state >*/ {
  GSCTP_PROTOCOL_STATE_EMPTY,
  GSCTP_PROTOCOL_STATE_CLOSED,
  GSCTP_PROTOCOL_STATE_COOKIE_WAIT,
  GSCTP_PROTOCOL_STATE_COOKIE_ECHOED,
  GSCTP_PROTOCOL_STATE_ESTABLISHED,
  GSCTP_PROTOCOL_STATE_SHUTDOWN_PENDING,
  GSCTP_PROTOCOL_STATE_SHUTDOWN_SENT,
  GSCTP_PROTOCOL_STATE_SHUTDOWN_RECEIVED,
  GSCTP_PROTOCOL_STATE_SHUTDOWN_ACK_SENT,
} GSctpProtocolState;

/**
 * GSctpStreamResetFlags:
 * @GSCTP_STREAM_RESET_FLAGS_NONE: none
 * @GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS: allow stream resets
 * @GSCTP_STREAM_RESET_FLAGS_RESET_ASSOC: allow association resets
 * @GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC: allow adding streams
 *
 * What stream reconfiguration (RFC 6525) an endpoint allows.
 */
typedef enum /*< flags,underscore_name=gsctp_stream_reset_flags >*/ {
  GSCTP_STREAM_RESET_FLAGS_NONE = 0,
  GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS = 1 << 0,
  GSCTP_STREAM_RESET_FLAGS_RESET_ASSOC = 1 << 1,
  GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC = 1 << 2,
} GSctpStreamResetFlags;

#define GSCTP_TYPE_INIT_MSG (gsctp_init_msg_get_type ())
#define GSCTP_TYPE_RTO_INFO (gsctp_rto_info_get_type ())
#define GSCTP_TYPE_ASSOC_PARAMS (gsctp_assoc_params_get_type ())
#define GSCTP_TYPE_PEER_ADDR_PARAMS (gsctp_peer_addr_params_get_type ())
#define GSCTP_TYPE_PEER_ADDR_INFO (gsctp_peer_addr_info_get_type ())
#define GSCTP_TYPE_STATUS (gsctp_status_get_type ())
#define GSCTP_TYPE_ASSOC_STATS (gsctp_assoc_stats_get_type ())
#define GSCTP_TYPE_SOCKET_STATS (gsctp_socket_stats_get_type ())
#define GSCTP_TYPE_PEER_ADDR_THRESHOLDS (gsctp_peer_addr_thresholds_get_type ())
#define GSCTP_TYPE_PRIMARY_ADDR (gsctp_primary_addr_get_type ())
#define GSCTP_TYPE_DELAYED_ACK (gsctp_delayed_ack_get_type ())
#define GSCTP_TYPE_PR_INFO (gsctp_pr_info_get_type ())

typedef struct _GSctpInitMsg GSctpInitMsg;
typedef struct _GSctpRtoInfo GSctpRtoInfo;
typedef struct _GSctpAssocParams GSctpAssocParams;
typedef struct _GSctpPeerAddrParams GSctpPeerAddrParams;
typedef struct _GSctpPeerAddrInfo GSctpPeerAddrInfo;
typedef struct _GSctpStatus GSctpStatus;
typedef struct _GSctpPrimaryAddr GSctpPrimaryAddr;
typedef struct _GSctpDelayedAck GSctpDelayedAck;
typedef struct _GSctpPrInfo GSctpPrInfo;
typedef struct _GSctpAssocStats GSctpAssocStats;
typedef struct _GSctpSocketStats GSctpSocketStats;
typedef struct _GSctpPeerAddrThresholds GSctpPeerAddrThresholds;

/**
 * GSctpInitMsg:
 * @num_ostreams: the number of outbound streams to ask for; 0 keeps the
 *   kernel's default (10)
 * @max_instreams: the most inbound streams to accept; 0 keeps the default
 * @max_attempts: how many times to send INIT before giving up; 0 keeps the
 *   default
 * @max_init_timeo: the largest retransmission timeout for INIT, in
 *   milliseconds; 0 keeps the default
 *
 * Parameters of new associations: the `SCTP_INITMSG` option, gen_sctp's
 * `#sctp_initmsg{}`.
 */
struct _GSctpInitMsg {
  guint16 num_ostreams;
  guint16 max_instreams;
  guint16 max_attempts;
  guint16 max_init_timeo;
};

/**
 * GSctpRtoInfo:
 * @assoc_id: the association, or 0 for the endpoint's defaults
 * @initial: the initial retransmission timeout, in milliseconds
 * @max: the largest retransmission timeout, in milliseconds
 * @min: the smallest retransmission timeout, in milliseconds
 *
 * Retransmission timeouts: `SCTP_RTOINFO`, gen_sctp's `#sctp_rtoinfo{}`.
 * When setting, 0 leaves a value as it is.
 */
struct _GSctpRtoInfo {
  GSctpAssocId assoc_id;
  guint32 initial;
  guint32 max;
  guint32 min;
};

/**
 * GSctpAssocParams:
 * @assoc_id: the association, or 0 for the endpoint's defaults
 * @max_retransmissions: retransmissions before the association is
 *   declared lost
 * @peer_destinations: the number of peer addresses (read only)
 * @peer_rwnd: the peer's receive window (read only)
 * @local_rwnd: this end's receive window (read only)
 * @cookie_life: the lifetime of the state cookie, in milliseconds
 *
 * Association parameters: `SCTP_ASSOCINFO`, gen_sctp's
 * `#sctp_assocparams{}`. When setting, 0 leaves a value as it is.
 */
struct _GSctpAssocParams {
  GSctpAssocId assoc_id;
  guint16 max_retransmissions;
  guint16 peer_destinations;
  guint32 peer_rwnd;
  guint32 local_rwnd;
  guint32 cookie_life;
};

/**
 * GSctpPeerAddrParams:
 * @assoc_id: the association, or 0 for the endpoint's defaults
 * @address: (nullable): one peer address, or %NULL for all of them
 * @hb_interval: the heartbeat interval, in milliseconds
 * @path_max_rxt: retransmissions before the address is unreachable
 * @path_mtu: the path MTU, used when path MTU discovery is disabled
 * @sack_delay: the delayed-SACK timeout, in milliseconds
 * @flags: heartbeat, path MTU discovery and delayed-SACK switches
 *
 * Per-path parameters: `SCTP_PEER_ADDR_PARAMS`, gen_sctp's
 * `#sctp_paddrparams{}`.
 */
struct _GSctpPeerAddrParams {
  GSctpAssocId assoc_id;
  GSocketAddress *address;
  guint32 hb_interval;
  guint16 path_max_rxt;
  guint32 path_mtu;
  guint32 sack_delay;
  GSctpPeerAddrFlags flags;
};

/**
 * GSctpPeerAddrInfo:
 * @assoc_id: the association
 * @address: (nullable): the peer address
 * @state: the state of the path
 * @cwnd: its congestion window, in bytes
 * @srtt: its smoothed round-trip time, in milliseconds
 * @rto: its retransmission timeout, in milliseconds
 * @mtu: its path MTU
 *
 * The state of one path: `SCTP_GET_PEER_ADDR_INFO`, gen_sctp's
 * `#sctp_paddrinfo{}`. Read only.
 */
struct _GSctpPeerAddrInfo {
  GSctpAssocId assoc_id;
  GSocketAddress *address;
  GSctpPathState state;
  guint32 cwnd;
  guint32 srtt;
  guint32 rto;
  guint32 mtu;
};

/**
 * GSctpStatus:
 * @assoc_id: the association
 * @state: its protocol state
 * @rwnd: the peer's receive window
 * @unacked_data: DATA chunks sent and not yet acknowledged
 * @pending_data: DATA chunks waiting to be sent
 * @inbound_streams: the number of inbound streams
 * @outbound_streams: the number of outbound streams
 * @fragmentation_point: the size above which messages are fragmented
 * @primary: the primary path
 *
 * The state of an association: `SCTP_STATUS`, gen_sctp's `#sctp_status{}`.
 * Read only.
 */
struct _GSctpStatus {
  GSctpAssocId assoc_id;
  GSctpProtocolState state;
  guint32 rwnd;
  guint16 unacked_data;
  guint16 pending_data;
  guint16 inbound_streams;
  guint16 outbound_streams;
  guint32 fragmentation_point;
  GSctpPeerAddrInfo primary;
};

/**
 * GSctpPrimaryAddr:
 * @assoc_id: the association
 * @address: (nullable): the address
 *
 * An association and one address: for `SCTP_PRIMARY_ADDR` (gen_sctp's
 * `#sctp_prim{}`, a peer address) and `SCTP_SET_PEER_PRIMARY_ADDR`
 * (`#sctp_setpeerprim{}`, a local address the peer should prefer).
 */
struct _GSctpPrimaryAddr {
  GSctpAssocId assoc_id;
  GSocketAddress *address;
};

/**
 * GSctpDelayedAck:
 * @assoc_id: the association, or 0 for the endpoint's defaults
 * @delay: the delayed-SACK timeout in milliseconds; 0 disables delayed
 *   SACKs
 * @frequency: the number of packets before a SACK is sent; 1 disables
 *   delayed SACKs
 *
 * Delayed SACKs: `SCTP_DELAYED_SACK`, gen_sctp's
 * `{sctp_delayed_ack_time, #sctp_assoc_value{}}` with the frequency too.
 */
struct _GSctpDelayedAck {
  GSctpAssocId assoc_id;
  guint32 delay;
  guint32 frequency;
};

/**
 * GSctpPrInfo:
 * @assoc_id: the association, or 0 for the endpoint's defaults
 * @policy: the PR-SCTP policy
 * @value: the policy's value (milliseconds, retransmissions or priority)
 *
 * The default partial-reliability policy of messages sent without one:
 * `SCTP_DEFAULT_PRINFO` (RFC 7496).
 */
struct _GSctpPrInfo {
  GSctpAssocId assoc_id;
  GSctpPrPolicy policy;
  guint32 value;
};

/**
 * GSctpAssocStats:
 * @assoc_id: the association
 * @max_rto_address: (nullable): the peer address whose path had @max_rto
 * @max_rto: the largest retransmission timeout seen since the last read,
 *   in milliseconds (each read starts it again)
 * @sacks_received: SACK chunks received
 * @sacks_sent: SACK chunks sent
 * @packets_sent: SCTP packets sent
 * @packets_received: SCTP packets received
 * @retransmitted_chunks: DATA chunks sent again
 * @out_of_sequence_tsns: DATA chunks received out of sequence
 * @duplicate_chunks: DATA chunks received twice
 * @gap_ack_blocks: gap-ack blocks received
 * @unordered_chunks_sent: unordered DATA chunks sent
 * @unordered_chunks_received: unordered DATA chunks received
 * @ordered_chunks_sent: ordered DATA chunks sent
 * @ordered_chunks_received: ordered DATA chunks received
 * @control_chunks_sent: control chunks sent
 * @control_chunks_received: control chunks received
 *
 * How an association is doing, as counted by the stack since it began:
 * `SCTP_GET_ASSOC_STATS` (Linux). Read only.
 */
struct _GSctpAssocStats {
  GSctpAssocId assoc_id;
  GSocketAddress *max_rto_address;
  guint64 max_rto;
  guint64 sacks_received;
  guint64 sacks_sent;
  guint64 packets_sent;
  guint64 packets_received;
  guint64 retransmitted_chunks;
  guint64 out_of_sequence_tsns;
  guint64 duplicate_chunks;
  guint64 gap_ack_blocks;
  guint64 unordered_chunks_sent;
  guint64 unordered_chunks_received;
  guint64 ordered_chunks_sent;
  guint64 ordered_chunks_received;
  guint64 control_chunks_sent;
  guint64 control_chunks_received;
};

/**
 * GSctpSocketStats:
 * @messages_received: data messages received (gen_sctp's `recv_cnt`)
 * @bytes_received: bytes of data received (`recv_oct`)
 * @largest_received: the size of the largest message received
 *   (`recv_max`)
 * @messages_sent: data messages sent (`send_cnt`)
 * @bytes_sent: bytes of data sent (`send_oct`)
 * @largest_sent: the size of the largest message sent (`send_max`)
 * @pending_bytes: bytes of async sends waiting in gsctp's send queue
 *   (`send_pend`)
 *
 * What a socket received and sent since it was made, counted by gsctp
 * over all its associations and whatever the backend: gen_sctp's
 * `inet:getstat/1`.
 */
struct _GSctpSocketStats {
  guint64 messages_received;
  guint64 bytes_received;
  guint64 largest_received;
  guint64 messages_sent;
  guint64 bytes_sent;
  guint64 largest_sent;
  guint64 pending_bytes;
};

/**
 * GSctpPeerAddrThresholds:
 * @assoc_id: the association, or 0 for the endpoint's defaults
 * @address: (nullable): one peer address, or %NULL for all of them
 * @path_max_retransmissions: timeouts in a row after which a path is
 *   inactive (failed)
 * @pf_threshold: timeouts in a row after which a path is potentially
 *   failed (RFC 7829) and new data takes another path; 0 is the first
 *   timeout. Potentially-failed is off when it is not below
 *   @path_max_retransmissions
 * @primary_switchover: timeouts in a row of the primary path after which
 *   another path becomes the primary (RFC 7829's Primary Path
 *   Switchover); 65535 never switches
 *
 * How fast paths fail over: `SCTP_PEER_ADDR_THLDS_V2` (Linux). With
 * [property@Gsctp.Socket:expose-potentially-failed] on, a path that turns
 * potentially failed is reported as
 * %GSCTP_PEER_ADDR_STATE_POTENTIALLY_FAILED.
 */
struct _GSctpPeerAddrThresholds {
  GSctpAssocId assoc_id;
  GSocketAddress *address;
  guint16 path_max_retransmissions;
  guint16 pf_threshold;
  guint16 primary_switchover;
};

#define _GSCTP_DECLARE_OPTION(TypeName, type_name)                                \
  GSCTP_AVAILABLE_IN_ALL GType type_name##_get_type (void) G_GNUC_CONST;        \
  GSCTP_AVAILABLE_IN_ALL TypeName *type_name##_copy (const TypeName *value);    \
  GSCTP_AVAILABLE_IN_ALL void type_name##_free (TypeName *value);               \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_free)

_GSCTP_DECLARE_OPTION (GSctpInitMsg, gsctp_init_msg)
_GSCTP_DECLARE_OPTION (GSctpRtoInfo, gsctp_rto_info)
_GSCTP_DECLARE_OPTION (GSctpAssocParams, gsctp_assoc_params)
_GSCTP_DECLARE_OPTION (GSctpPeerAddrParams, gsctp_peer_addr_params)
_GSCTP_DECLARE_OPTION (GSctpPeerAddrInfo, gsctp_peer_addr_info)
_GSCTP_DECLARE_OPTION (GSctpStatus, gsctp_status)
_GSCTP_DECLARE_OPTION (GSctpPrimaryAddr, gsctp_primary_addr)
_GSCTP_DECLARE_OPTION (GSctpDelayedAck, gsctp_delayed_ack)
_GSCTP_DECLARE_OPTION (GSctpPrInfo, gsctp_pr_info)
_GSCTP_DECLARE_OPTION (GSctpAssocStats, gsctp_assoc_stats)
_GSCTP_DECLARE_OPTION (GSctpSocketStats, gsctp_socket_stats)
_GSCTP_DECLARE_OPTION (GSctpPeerAddrThresholds, gsctp_peer_addr_thresholds)

#undef _GSCTP_DECLARE_OPTION

GSCTP_AVAILABLE_IN_ALL
GSctpInitMsg *gsctp_init_msg_new (guint16 num_ostreams,
                                  guint16 max_instreams);
GSCTP_AVAILABLE_IN_ALL
GSctpRtoInfo *gsctp_rto_info_new (GSctpAssocId assoc_id);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocParams *gsctp_assoc_params_new (GSctpAssocId assoc_id);
GSCTP_AVAILABLE_IN_ALL
GSctpPeerAddrThresholds *gsctp_peer_addr_thresholds_new (GSctpAssocId assoc_id,
                                                         GSocketAddress *address);
GSCTP_AVAILABLE_IN_ALL
GSctpPeerAddrParams *gsctp_peer_addr_params_new (GSctpAssocId assoc_id,
                                                 GSocketAddress *address);
GSCTP_AVAILABLE_IN_ALL
GSctpPrimaryAddr *gsctp_primary_addr_new (GSctpAssocId assoc_id,
                                          GSocketAddress *address);
GSCTP_AVAILABLE_IN_ALL
GSctpDelayedAck *gsctp_delayed_ack_new (GSctpAssocId assoc_id,
                                        guint32 delay,
                                        guint32 frequency);
GSCTP_AVAILABLE_IN_ALL
GSctpPrInfo *gsctp_pr_info_new (GSctpAssocId assoc_id,
                                GSctpPrPolicy policy,
                                guint32 value);

G_END_DECLS
