/* gsctp-message.h: what is sent and what is received
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

#define GSCTP_TYPE_SND_INFO (gsctp_snd_info_get_type ())
#define GSCTP_TYPE_RCV_INFO (gsctp_rcv_info_get_type ())
#define GSCTP_TYPE_NXT_INFO (gsctp_nxt_info_get_type ())
#define GSCTP_TYPE_MESSAGE (gsctp_message_get_type ())

typedef struct _GSctpSndInfo GSctpSndInfo;
typedef struct _GSctpRcvInfo GSctpRcvInfo;
typedef struct _GSctpNxtInfo GSctpNxtInfo;
typedef struct _GSctpMessage GSctpMessage;

/**
 * GSctpSndInfo:
 * @stream: the stream to send on; it must be below the association's
 *   number of outbound streams
 * @flags: how to send
 * @ppid: the payload protocol identifier, in host byte order (gsctp puts it
 *   on the wire in network byte order)
 * @context: a value handed back in a send-failed event for this message
 * @time_to_live: with PR-SCTP's timed reliability, milliseconds after which
 *   the message is abandoned if not yet sent; 0 means reliable (unless
 *   @pr_policy says otherwise)
 * @assoc_id: the association to send on (one-to-many sockets); ignored on
 *   one-to-one sockets
 * @pr_policy: the message's partial-reliability policy (RFC 7496), with
 *   @pr_value; %GSCTP_PR_POLICY_NONE leaves it to @time_to_live, else to
 *   the socket's default ([method@Gsctp.Socket.set_default_pr_info])
 * @pr_value: the policy's value: milliseconds (TTL), retransmissions
 *   (RTX) or priority (PRIO, lower is kept longer)
 *
 * How to send one message: RFC 6458's `struct sctp_sndinfo` with the
 * time-to-live of `struct sctp_prinfo`, and gen_sctp's `#sctp_sndrcvinfo{}`
 * as given to `send/3`.
 */
struct _GSctpSndInfo {
  guint16 stream;
  GSctpSendFlags flags;
  guint32 ppid;
  guint32 context;
  guint32 time_to_live;
  GSctpAssocId assoc_id;
  GSctpPrPolicy pr_policy;
  guint32 pr_value;
};

/**
 * GSctpRcvInfo:
 * @stream: the stream the message arrived on
 * @ssn: its stream sequence number
 * @flags: how it was sent
 * @ppid: the payload protocol identifier, in host byte order
 * @tsn: the transmission sequence number of its first fragment
 * @cumulative_tsn: the association's cumulative TSN when it was delivered
 * @context: the socket's default context value
 * @assoc_id: the association it arrived on
 *
 * What the kernel tells about a received message: RFC 6458's
 * `struct sctp_rcvinfo`, gen_sctp's `#sctp_sndrcvinfo{}` in `AncData`.
 */
struct _GSctpRcvInfo {
  guint16 stream;
  guint16 ssn;
  GSctpReceiveFlags flags;
  guint32 ppid;
  guint32 tsn;
  guint32 cumulative_tsn;
  guint32 context;
  GSctpAssocId assoc_id;
};

/**
 * GSctpNxtInfo:
 * @stream: the next message's stream
 * @flags: its flags
 * @ppid: its payload protocol identifier, in host byte order
 * @length: how many of its bytes the socket holds now
 * @complete: whether the socket holds all of it (the userland stack says;
 *   Linux does not, and it reads %FALSE there)
 * @is_event: whether it is an event rather than data
 * @assoc_id: its association
 *
 * What the socket already holds of the message after this one, as RFC
 * 6458's `struct sctp_nxtinfo`: given when
 * [property@Gsctp.Socket:receive-next-info] is on and a next message is
 * there.
 */
struct _GSctpNxtInfo {
  guint16 stream;
  GSctpReceiveFlags flags;
  guint32 ppid;
  guint32 length;
  gboolean complete;
  gboolean is_event;
  GSctpAssocId assoc_id;
};

GSCTP_AVAILABLE_IN_ALL
GType gsctp_snd_info_get_type (void) G_GNUC_CONST;
GSCTP_AVAILABLE_IN_ALL
GSctpSndInfo *gsctp_snd_info_new (GSctpAssocId assoc_id,
                                  guint16 stream,
                                  guint32 ppid);
GSCTP_AVAILABLE_IN_ALL
GSctpSndInfo *gsctp_snd_info_copy (const GSctpSndInfo *info);
GSCTP_AVAILABLE_IN_ALL
void gsctp_snd_info_free (GSctpSndInfo *info);

GSCTP_AVAILABLE_IN_ALL
GType gsctp_nxt_info_get_type (void) G_GNUC_CONST;
GSCTP_AVAILABLE_IN_ALL
GSctpNxtInfo *gsctp_nxt_info_copy (const GSctpNxtInfo *info);
GSCTP_AVAILABLE_IN_ALL
void gsctp_nxt_info_free (GSctpNxtInfo *info);

GSCTP_AVAILABLE_IN_ALL
GType gsctp_rcv_info_get_type (void) G_GNUC_CONST;
GSCTP_AVAILABLE_IN_ALL
GSctpRcvInfo *gsctp_rcv_info_copy (const GSctpRcvInfo *info);
GSCTP_AVAILABLE_IN_ALL
void gsctp_rcv_info_free (GSctpRcvInfo *info);

GSCTP_AVAILABLE_IN_ALL
GType gsctp_message_get_type (void) G_GNUC_CONST;
GSCTP_AVAILABLE_IN_ALL
GSctpMessage *gsctp_message_ref (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
void gsctp_message_unref (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const guint8 *gsctp_message_peek_data (GSctpMessage *message,
                                       gsize *size);
GSCTP_AVAILABLE_IN_ALL
GBytes *gsctp_message_get_data (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
GSocketAddress *gsctp_message_get_address (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpRcvInfo *gsctp_message_get_info (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
const GSctpNxtInfo *gsctp_message_get_next_info (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
guint16 gsctp_message_get_stream (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
guint32 gsctp_message_get_ppid (GSctpMessage *message);
GSCTP_AVAILABLE_IN_ALL
GSctpAssocId gsctp_message_get_assoc_id (GSctpMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GSctpSndInfo, gsctp_snd_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GSctpRcvInfo, gsctp_rcv_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GSctpNxtInfo, gsctp_nxt_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GSctpMessage, gsctp_message_unref)

G_END_DECLS
