/* gsctp-backend.h: what an SCTP stack gives GSctpSocket
 *
 * A backend is a const table of functions over its own endpoints (one SCTP
 * socket of that stack each). gsctp-socket.c chooses the backend when it
 * makes an endpoint; everything above this interface reaches the stack
 * only through the table, and knows no file descriptor and no stack
 * header. An endpoint is the backend's own struct, whose first member is
 * GSctpEndpoint.
 *
 * Functions report failures with a GError; send and receive report a full
 * or empty buffer by returning GSCTP_WOULD_BLOCK, without one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <gio/gio.h>

#include "gsctp-error.h"
#include "gsctp-events.h"
#include "gsctp-message.h"
#include "gsctp-options.h"
#include "gsctp-types.h"

G_BEGIN_DECLS

typedef struct _GSctpBackend GSctpBackend;

typedef struct {
  const GSctpBackend *backend;
} GSctpEndpoint;

/* A decoded notification: @event is a new boxed value of @type's boxed
 * type, or NULL with @type GSCTP_EVENT_TYPE_NONE for kinds gsctp does not
 * know. */
typedef struct {
  GSctpEventType type;
  gpointer event;
} GSctpNotification;

typedef enum {
  GSCTP_RECV_EOR = 1 << 0,
  GSCTP_RECV_NOTIFICATION = 1 << 1,
  GSCTP_RECV_HAVE_INFO = 1 << 2,
  GSCTP_RECV_HAVE_NEXT = 1 << 3,      /* the next message's info (SCTP_RECVNXTINFO) */
} GSctpRecvFlags;

typedef struct {
  struct sockaddr_storage storage;
  socklen_t len;
} GSctpSockaddr;

/* Per received message: a copy of a constant size is a few moves, where
 * one of @from's length, or of the whole storage, was a call. */
static inline void
gsctp_sockaddr_copy (GSctpSockaddr *to,
                     const GSctpSockaddr *from)
{
  if (from->len <= sizeof (struct sockaddr_in6))
    memcpy (&to->storage, &from->storage, sizeof (struct sockaddr_in6));
  else
    memcpy (&to->storage, &from->storage, MIN (from->len, sizeof from->storage));
  to->len = from->len;
}

/* One message of a batch of sends, its info resolved as for send. */
typedef struct {
  const GSctpSndInfo *info;
  GSocketAddress *address;
  const void *data;
  gsize size;
} GSctpSendItem;

/* The most messages a backend's send_batch takes at once. */
#define GSCTP_SEND_BATCH 16

/* The most descriptors a blocking wait polls for an endpoint. */
#define GSCTP_MAX_POLLFDS 2

/* What send and receive return, without setting an error, when the
 * endpoint's buffer is full or empty. */
#define GSCTP_WOULD_BLOCK (-2)

/* The callback of an endpoint's readiness source. */
typedef gboolean (*GSctpReadyFunc) (GIOCondition condition,
                                    gpointer user_data);

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
  GSCTP_PLAIN_ECN_SUPPORTED,
  GSCTP_PLAIN_ASCONF_SUPPORTED,
  GSCTP_PLAIN_AUTH_SUPPORTED,
  GSCTP_PLAIN_AUTO_ASCONF,
  GSCTP_PLAIN_MAX_BURST,
  GSCTP_PLAIN_PARTIAL_DELIVERY_POINT,
  GSCTP_PLAIN_CONTEXT,
  GSCTP_PLAIN_EXPOSE_PF_STATE,
  GSCTP_PLAIN_PLPMTUD_PROBE_INTERVAL,
  GSCTP_PLAIN_REMOTE_UDP_ENCAPS_PORT,
  GSCTP_N_PLAIN_OPTIONS
} GSctpPlainOption;

/* Options carried by one of gsctp's boxed structs, given as its pointer;
 * a getter reads the association id (and address) it is handed in the
 * struct and fills in the rest. */
typedef enum {
  GSCTP_STRUCT_INIT_MSG,              /* GSctpInitMsg */
  GSCTP_STRUCT_RTO_INFO,              /* GSctpRtoInfo */
  GSCTP_STRUCT_ASSOC_PARAMS,          /* GSctpAssocParams */
  GSCTP_STRUCT_PEER_ADDR_PARAMS,      /* GSctpPeerAddrParams */
  GSCTP_STRUCT_PEER_ADDR_INFO,        /* GSctpPeerAddrInfo, read only */
  GSCTP_STRUCT_STATUS,                /* GSctpStatus, read only */
  GSCTP_STRUCT_PRIMARY_ADDR,          /* GSctpPrimaryAddr */
  GSCTP_STRUCT_PEER_PRIMARY_ADDR,     /* GSctpPrimaryAddr, write only */
  GSCTP_STRUCT_DELAYED_ACK,           /* GSctpDelayedAck */
  GSCTP_STRUCT_DEFAULT_SEND,          /* GSctpSndInfo */
  GSCTP_STRUCT_DEFAULT_PR_INFO,       /* GSctpPrInfo */
  GSCTP_STRUCT_ASSOC_STATS,           /* GSctpAssocStats, read only */
  GSCTP_STRUCT_PEER_ADDR_THRESHOLDS,  /* GSctpPeerAddrThresholds */
} GSctpStructOption;

/* SCTP-AUTH (RFC 4895) settings, each one setsockopt(). */
typedef enum {
  GSCTP_AUTH_ADD_CHUNK,          /* @data: one chunk type */
  GSCTP_AUTH_HMAC_IDENTS,        /* @data: guint16 identifiers, preferred first */
  GSCTP_AUTH_SET_KEY,            /* @key_number; @data: the key's bytes */
  GSCTP_AUTH_ACTIVATE_KEY,       /* @key_number */
  GSCTP_AUTH_DEACTIVATE_KEY,     /* @key_number */
  GSCTP_AUTH_DELETE_KEY,         /* @key_number */
} GSctpAuthOp;

/* gsctp-notification.c: the RFC 6458 framing of notifications, for the
 * backends' decoders: a table of a stack's types and their decoders. */
typedef gpointer (*GSctpEventDecoder) (const guint8 *buffer, gsize size, GError **error);

typedef struct {
  guint16 stack_type;
  GSctpEventType type;
  GSctpEventDecoder decode;
} GSctpNotificationKind;

gboolean gsctp_notification_check_size (gsize size, gsize needed, const char *what,
                                        GError **error);
gboolean gsctp_notification_decode (const GSctpNotificationKind *kinds, gsize n_kinds,
                                    const guint8 *buffer, gsize size,
                                    GSctpNotification *notification, GError **error);

struct _GSctpBackend {
  const char *name;

  /* Lifecycle. open, adopt, peeloff and accept return an endpoint ready for
   * whole-message I/O with receive info and association changes on. */
  GSctpEndpoint *(*open) (GSocketFamily family, GSctpSocketType type, GError **error);
  GSctpEndpoint *(*adopt) (int fd, GSocketFamily *family, GSctpSocketType *type, GError **error);
  GSctpEndpoint *(*peeloff) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, GError **error);
  /* A one-to-one listener's next association as a one-to-one endpoint,
   * or NULL with G_IO_ERROR_WOULD_BLOCK when none is waiting (the
   * listener is then readable when one is). */
  GSctpEndpoint *(*accept) (GSctpEndpoint *endpoint, GError **error);
  void (*close) (GSctpEndpoint *endpoint);
  void (*free) (GSctpEndpoint *endpoint);
  int (*get_fd) (GSctpEndpoint *endpoint);
  /* Optional: the main context the socket lives on, for a stack that
   * runs its own work (timers, packet input) there. Called once the
   * endpoint exists and whenever the socket moves. */
  void (*set_context) (GSctpEndpoint *endpoint, GMainContext *context);

  /* Readiness: a source whose callback is a GSctpReadyFunc, and, for
   * blocking waits, up to GSCTP_MAX_POLLFDS descriptors to poll (none if
   * the stack has none: its waiters are then woken by the socket layer
   * alone); returns how many it filled in. */
  GSource *(*create_source) (GSctpEndpoint *endpoint, GIOCondition condition);
  guint (*get_pollfds) (GSctpEndpoint *endpoint, GIOCondition condition, GPollFD *pollfds);
  /* Optional: whether pieces the stack read ahead wait in the endpoint,
   * which its descriptors no longer show: a wait to read then returns at
   * once. Its source is ready while they do. */
  gboolean (*has_read_ahead) (GSctpEndpoint *endpoint);

  /* Addresses and associations. */
  gboolean (*bind) (GSctpEndpoint *endpoint, GSocketAddress * const *addresses, guint n_addresses,
                    GError **error);
  /* Removes local addresses; on a live association the peer is told
   * (RFC 5061, when both sides have ASCONF). */
  gboolean (*unbind) (GSctpEndpoint *endpoint, GSocketAddress * const *addresses,
                      guint n_addresses, GError **error);
  gboolean (*listen) (GSctpEndpoint *endpoint, int backlog, GError **error);
  gboolean (*connect) (GSctpEndpoint *endpoint, GSocketAddress * const *addresses,
                       guint n_addresses, GSctpAssocId *assoc_id, GError **error);
  GList *(*get_addresses) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, gboolean peer,
                           GError **error);
  gboolean (*shutdown_write) (GSctpEndpoint *endpoint, GError **error);
  /* Appends the ids of the endpoint's live associations to @ids. */
  gboolean (*get_assoc_ids) (GSctpEndpoint *endpoint, GArray *ids, GError **error);

  /* One message, or one piece of it, with its info: its PR-SCTP policy is
   * @info's pr_policy and pr_value, which the socket layer resolved (from
   * the time to live, or the socket's default). receive reads into the
   * data of @head, a message block (gsctp-message-private.h) of
   * gsctp_message_block_capacity() bytes, first, then @buffer; @head is
   * NULL when the reader wants no block. *@head may be NULL: a backend
   * that reads takes a block there (gsctp_message_block_ensure()), and
   * one that read ahead puts there its own block holding the whole piece
   * (giving back the one it was handed, if any). After a piece is read,
   * *@head holds a block. */
  gssize (*send) (GSctpEndpoint *endpoint, const GSctpSndInfo *info, GSocketAddress *address,
                  const void *data, gsize size, GError **error);
  /* Optional: several messages at once, in order; returns how many went
   * (from the first), or what send returns for the first. */
  gssize (*send_batch) (GSctpEndpoint *endpoint, const GSctpSendItem *items, guint n_items,
                        GError **error);
  gssize (*receive) (GSctpEndpoint *endpoint, GSctpMessage **head, void *buffer,
                     gsize size, GSctpSockaddr *from, GSctpRcvInfo *info, GSctpNxtInfo *next,
                     GSctpRecvFlags *flags, GError **error);
  /* Pure: the bytes of one whole notification to a boxed event. */
  gboolean (*decode_notification) (const guint8 *buffer, gsize size,
                                   GSctpNotification *notification, GError **error);

  /* Events. */
  gboolean (*subscribe) (GSctpEndpoint *endpoint, GSctpSocketType type, GSctpAssocId assoc_id,
                         GSctpEventType event, gboolean on, GError **error);
  gboolean (*is_subscribed) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                             GSctpEventType event, gboolean *on, GError **error);

  /* Options. */
  gboolean (*get_plain) (GSctpEndpoint *endpoint, GSocketFamily family, GSctpPlainOption option,
                         GSctpAssocId assoc_id, int *value, GError **error);
  gboolean (*set_plain) (GSctpEndpoint *endpoint, GSocketFamily family, GSctpPlainOption option,
                         GSctpAssocId assoc_id, int value, GError **error);
  gboolean (*get_linger) (GSctpEndpoint *endpoint, gboolean *enabled, guint *seconds,
                          GError **error);
  gboolean (*set_linger) (GSctpEndpoint *endpoint, gboolean enabled, guint seconds,
                          GError **error);
  gboolean (*get_struct) (GSctpEndpoint *endpoint, GSctpStructOption option, gpointer value,
                          GError **error);
  gboolean (*set_struct) (GSctpEndpoint *endpoint, GSctpStructOption option,
                          gconstpointer value, GError **error);

  /* Stream reconfiguration (RFC 6525) and stream scheduler values. */
  gboolean (*enable_stream_reset) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                                   GSctpStreamResetFlags flags, GError **error);
  gboolean (*reset_streams) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, gboolean incoming,
                             gboolean outgoing, const guint16 *streams, guint n_streams,
                             GError **error);
  gboolean (*add_streams) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, guint16 inbound,
                           guint16 outbound, GError **error);
  gboolean (*get_stream_value) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, guint16 stream,
                                guint16 *value, GError **error);
  gboolean (*set_stream_value) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, guint16 stream,
                                guint16 value, GError **error);
  /* SCTP-AUTH (RFC 4895): settings, the active key, and the chunk types
   * authenticated by this end (@peer FALSE) or asked for by the peer. */
  gboolean (*auth) (GSctpEndpoint *endpoint, GSctpAuthOp op, GSctpAssocId assoc_id,
                    guint16 key_number, const void *data, gsize size, GError **error);
  gboolean (*get_active_key) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id,
                              guint16 *key_number, GError **error);
  gboolean (*get_auth_chunks) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, gboolean peer,
                               GByteArray *chunks, GError **error);

  /* PR-SCTP (RFC 7496): messages abandoned under @policy (NONE: every
   * policy) on the association, or on its outbound @stream if ≥ 0. */
  gboolean (*get_pr_status) (GSctpEndpoint *endpoint, GSctpAssocId assoc_id, int stream,
                             GSctpPrPolicy policy, guint64 *abandoned_unsent,
                             guint64 *abandoned_sent, GError **error);
};

G_END_DECLS
