/* gsctp-socket-private.h: GSctpSocket's state, shared by the files that
 * each do one of its jobs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdatomic.h>
#include <stdint.h>

#include "gsctp-backend.h"
#include "gsctp-reader.h"
#include "gsctp-socket.h"

G_BEGIN_DECLS

/* Messages and bytes one way, counted without the socket's lock: sends
 * do not take it. */
typedef struct
{
  atomic_uint_fast64_t messages;
  atomic_uint_fast64_t bytes;
  atomic_uint_fast64_t largest;
} GSctpCounter;

static inline void
gsctp_counter_add (GSctpCounter *counter,
                   gsize size)
{
  uint_fast64_t largest = atomic_load_explicit (&counter->largest, memory_order_relaxed);
  uint_fast64_t value = size;

  atomic_fetch_add_explicit (&counter->messages, 1, memory_order_relaxed);
  atomic_fetch_add_explicit (&counter->bytes, size, memory_order_relaxed);
  while (value > largest &&
         !atomic_compare_exchange_weak_explicit (&counter->largest, &largest, value,
                                                 memory_order_relaxed, memory_order_relaxed))
    ;
}

struct _GSctpSocket
{
  GObject parent_instance;

  GSocketFamily family;
  GSctpSocketType type;
  int construct_fd;

  GSctpEndpoint *endpoint;      /* its backend's; NULL until initialised */
  GSctpBackendType backend_type;
  guint16 udp_port;             /* the userland backend's; 0 until chosen */
  guint16 udp_remote_port;
  gboolean lower_transport;
  GMainContext *context;

  GMutex lock;
  gboolean closed;              /* also until initialised */
  gboolean peeled;              /* one-to-one, but made by peeloff */
  gboolean assoc_change_hidden; /* unsubscribed by the user */
  gboolean ended;               /* one-to-one, and its association is over */
  gboolean listening;           /* one-to-one, and takes associations to accept */

  GSctpReader reader;           /* one message being joined from its pieces */

  GQueue inbox;                 /* GSctpMessage, read ahead of a receive */
  GError *receive_error;        /* met by receive_many() after what it returned */
  GHashTable *associations;     /* id → GSctpAssocChange of live associations */
  GHashTable *connects;         /* id → GSctpPendingConnect */
  guint n_connects_reading;     /* async and fire-and-forget connects */
  GQueue receive_tasks;
  GQueue queued_sends;
  guint n_held;                 /* of those, held for the end of a burst */
  gpointer spare_sends;         /* shells of finished sends, for the next */
  guint n_spare_sends;
  GSource *burst;               /* gsctp-burst.c, in the socket's context */
  GSource *read_source;
  gboolean reading;             /* on_readable runs (gsctp-dispatch.c) */
  gboolean reading_paused;      /* by a main loop run inside it */
  GSource *write_source;
  GQueue accept_tasks;
  GSource *accept_source;       /* a listener's, for async accepts and ::incoming */

  guint high_watermark;         /* bytes of queued async sends */
  guint low_watermark;
  gsize queued_bytes;
  gsize held_bytes;             /* of those, held for the end of a burst */
  gboolean send_queue_full;
  gboolean notify_send_queue;

  GSctpActiveMode active;
  int active_count;
  guint active_generation;      /* changes each time the application sets it */
  gboolean notify_active;
  GSList *waiters;              /* GCancellable wakers of blocked calls */

  GArray *pr_defaults;          /* GSctpPrInfo set by set_default_pr_info(); NULL if none */
  /* Default send infos read for send_to_stream(): association id →
   * GSctpSndInfo, emptied (and the generation moved on) whenever gsctp
   * sets one. NULL until the first. */
  GHashTable *send_defaults;
  guint send_defaults_generation;

  GSctpCounter received;        /* data messages, for gsctp_socket_get_statistics() */
  GSctpCounter sent;
};

/* Called with the lock held, or before the socket is shared. A socket
 * that was never initialised counts as closed, so that this one test
 * covers both. */
static inline gboolean
gsctp_socket_check_open (GSctpSocket *self,
                         GError **error)
{
  if (G_LIKELY (!self->closed))
    return TRUE;
  if (self->endpoint == NULL)
    /* Made with g_object_new() (or Gsctp.Socket() in Python) and never
     * initialised. */
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                         "The socket was not initialised: make it with gsctp_socket_new() "
                         "or g_initable_new() (Gsctp.Socket.new() in Python)");
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");
  return FALSE;
}

/* gsctp-wait.c: blocking waits. */
typedef struct
{
  int timeout_ms;
  gint64 deadline;
} GSctpDeadline;

#define GSCTP_DEADLINE_INIT(ms) { (ms), G_MININT64 }

gint64 gsctp_deadline_get (GSctpDeadline *deadline);
void gsctp_wait_wake_all (GSctpSocket *self);
gboolean gsctp_wait_unlocked_for (GSctpSocket *self, GIOCondition condition, gint64 deadline,
                                  GCancellable *cancellable, GError **error);

/* gsctp-addresses.c */
gboolean gsctp_check_families (GSocketFamily family, GSocketAddress * const *addresses,
                               guint n_addresses, GError **error);

/* gsctp-socket-signals.c: the signals, and their emission in the socket's
 * context. */
typedef enum
{
  GSCTP_EMIT_EVENT,             /* the event's own signal */
  GSCTP_EMIT_MESSAGE,           /* ::message, in an active mode */
  GSCTP_EMIT_PASSIVE,           /* ::passive, when the count runs out */
} GSctpEmitKind;

typedef struct _GSctpEmits GSctpEmits;
typedef struct _GSctpEmission GSctpEmission;

/* Messages one main-context dispatch of an active socket reads (see
 * gsctp-dispatch.c), and so the emissions it usually makes. */
#define GSCTP_DISPATCH_BUDGET 64

void gsctp_socket_signals_install (GObjectClass *klass);
/* Takes @message (NULL for ::passive) for its signal. */
void gsctp_emits_take (GSctpSocket *self, GSctpEmits **emits, GSctpEmitKind kind,
                       GSctpMessage *message);
void gsctp_emits_free (GSctpEmits *emits);
/* Takes back the messages an emission did not emit (made passive). */
typedef void (*GSctpKeepFunc) (GSctpSocket *self, GPtrArray *kept);
/* Called once the emission is over (or stopped), while it still holds
 * the socket. */
typedef void (*GSctpEmittedFunc) (GSctpSocket *self);

GSctpEmission *gsctp_emission_new (GSctpSocket *self, GSctpEmits *emits, GSctpKeepFunc keep,
                                   GSctpEmittedFunc emitted);
void gsctp_emission_run (GSctpEmission *emission);
void gsctp_socket_emit_passive (GSctpSocket *self);
void gsctp_socket_emit_incoming (GSctpSocket *self, GSctpSocket *connection);

/* gsctp-accept.c: new sockets from another's endpoint, and a one-to-one
 * listener's accepting. */
GSctpSocket *gsctp_socket_new_child (GSctpSocket *parent, GSctpEndpoint *endpoint,
                                     GMainContext *context);
void gsctp_accept_update (GSctpSocket *self);
void gsctp_accept_stop (GSctpSocket *self);
void gsctp_accept_fail_all (GSctpSocket *self, const GError *error);

/* gsctp-socket-backend.c */
const GSctpBackend *gsctp_socket_choose_backend (GSctpSocket *self, GError **error);
void gsctp_socket_configure_endpoint (GSctpSocket *self, const GSctpBackend *backend);
void gsctp_socket_emit_packet_out (GSctpSocket *self, GBytes *packet);

/* gsctp-associations.c: the association table and pending connects. */
typedef struct
{
  GSctpAssocId assoc_id;
  GSctpAssocChange *result;
  GTask *task;                  /* NULL for a synchronous connect */
  gboolean fire_and_forget;
  GSource *cancel_source;
} GSctpPendingConnect;

void gsctp_pending_connect_free (GSctpPendingConnect *pending);
GSctpAssocChange *gsctp_connect_result (GSctpAssocChange *result, GError **error);
void gsctp_pending_connect_complete (GSctpPendingConnect *pending);
gboolean gsctp_associations_apply (GSctpSocket *self, const GSctpAssocChange *change,
                                   GPtrArray **completed);
GSctpAssocId gsctp_associations_stream_id (GSctpSocket *self);
const GSctpAssocChange *gsctp_associations_lookup (GSctpSocket *self, GSctpAssocId assoc_id);
void gsctp_associations_fail_connects (GSctpSocket *self, const GError *error);

/* gsctp-dispatch.c: reading, and routing what was read. What reading
 * leaves to do once the lock is released: signals to emit and async
 * connects to complete; empty (and not allocated) for data. */
typedef struct
{
  GSctpEmits *emits;            /* in order */
  GPtrArray *connects;          /* GSctpPendingConnect */
} GSctpDeferred;

void gsctp_dispatch_event (GSctpSocket *self, GSctpMessage **message, GSctpDeferred *deferred);
GSctpReadResult gsctp_dispatch_refuse (GSctpSocket *self, GError **error);

/* Called with the lock held: pieces the backend read ahead, which its
 * descriptor no longer shows, wait to be handed over. */
static inline gboolean
gsctp_dispatch_has_read_ahead (GSctpSocket *self)
{
  return self->endpoint->backend->has_read_ahead != NULL &&
         self->endpoint->backend->has_read_ahead (self->endpoint);
}

/* Called with the lock held. Reads until one whole message is in and
 * returns it in @message: data, or an event, applied and added to
 * @deferred for its signal. @message stays NULL for an event that a
 * connect takes or that nobody wants. Inline: every message passes here. */
static inline GSctpReadResult
gsctp_dispatch_read (GSctpSocket *self,
                     GSctpMessage **message,
                     GSctpDeferred *deferred,
                     GError **error)
{
  GSctpAssocId stream_assoc_id = 0;
  GSctpReadResult result;

  if (G_UNLIKELY (self->type == GSCTP_SOCKET_TYPE_STREAM))
    stream_assoc_id = gsctp_associations_stream_id (self);
  result = gsctp_reader_read (&self->reader, self->endpoint, stream_assoc_id, message, error);
  /* Another thread polling for this socket would not see what the
   * backend read ahead. */
  if (G_UNLIKELY (self->waiters != NULL) && gsctp_dispatch_has_read_ahead (self))
    gsctp_wait_wake_all (self);
  if (result == GSCTP_READ_DONE && (self->reader.piece_flags & GSCTP_RECV_NOTIFICATION))
    gsctp_dispatch_event (self, message, deferred);
  else if (result == GSCTP_READ_DONE && *message != NULL)
    {
      gsize size;

      gsctp_message_peek_data (*message, &size);
      gsctp_counter_add (&self->received, size);
    }
  else if (G_UNLIKELY (result == GSCTP_READ_TOO_LARGE))
    result = gsctp_dispatch_refuse (self, error);
  return result;
}
void gsctp_deferred_run_all (GSctpSocket *self, GSctpDeferred *deferred);

static inline gboolean
gsctp_deferred_is_empty (const GSctpDeferred *deferred)
{
  return deferred->emits == NULL && deferred->connects == NULL;
}

static inline void
gsctp_deferred_run (GSctpSocket *self,
                    GSctpDeferred *deferred)
{
  if (!gsctp_deferred_is_empty (deferred))
    gsctp_deferred_run_all (self, deferred);
}

void gsctp_dispatch_ensure_reading (GSctpSocket *self);
void gsctp_dispatch_stop_reading (GSctpSocket *self);
void gsctp_dispatch_match_receives (GSctpSocket *self, GPtrArray *delivered);
void gsctp_dispatch_complete_receives (GPtrArray *delivered);
void gsctp_dispatch_fail_receives (GSctpSocket *self, const GError *error);
void gsctp_dispatch_schedule_delivery (GSctpSocket *self);
void gsctp_task_watch_cancellable (GTask *task, GCancellable *cancellable, GSourceFunc callback);
void gsctp_task_destroy_cancel_source (GTask *task);

/* gsctp-send-common.c: what every send does. */
void gsctp_send_set_default_pr (GSctpSocket *self, const GSctpPrInfo *info);
const GSctpSndInfo *gsctp_send_resolve_pr (GSctpSocket *self, const GSctpSndInfo *info,
                                           GSctpSndInfo *resolved);
gboolean gsctp_send_check_not_empty (gsize size, const GSctpSndInfo *info, GError **error);
gssize gsctp_send_counted (GSctpSocket *self, const GSctpSndInfo *info, GSocketAddress *address,
                           const void *data, gsize size, GError **error);
void gsctp_send_explain_error (GSctpSocket *self, const GSctpSndInfo *info, GError **error);

/* gsctp-send.c: blocking sends. */
gboolean gsctp_send_control (GSctpSocket *self, GSctpAssocId assoc_id, GSctpSendFlags flags,
                             GError **error);
void gsctp_send_forget_defaults (GSctpSocket *self);

/* gsctp-send-queue.c: async sends and their queue. */
void gsctp_send_queue_restart (GSctpSocket *self);
void gsctp_send_queue_fail_all (GSctpSocket *self, const GError *error);
void gsctp_send_flush_held (GSctpSocket *self);

/* gsctp-socket-options.c and gsctp-option-names.c: options. */

/* Options that are gsctp's own, not the backend's. */
typedef enum {
  GSCTP_OWN_BUFFER,
  GSCTP_OWN_HIGH_WATERMARK,
  GSCTP_OWN_LOW_WATERMARK,
  GSCTP_OWN_MAX_MESSAGE_SIZE,
} GSctpOwnOption;

/* The endpoint, or NULL with @error on a closed socket. */
static inline GSctpEndpoint *
gsctp_socket_endpoint (GSctpSocket *self,
                       GError **error)
{
  return gsctp_socket_check_open (self, error) ? self->endpoint : NULL;
}

void gsctp_socket_options_install (GObjectClass *klass,
                                   guint first_prop_id);
gboolean gsctp_socket_options_get_property (GSctpSocket *self,
                                            guint prop_id,
                                            GValue *value);
gboolean gsctp_socket_options_set_property (GSctpSocket *self,
                                            guint prop_id,
                                            const GValue *value);

void gsctp_socket_options_copy (GSctpSocket *from,
                                GSctpSocket *to);

/* An option setting by name, checked before any socket is touched. */
typedef enum {
  GSCTP_OPTION_SETTING_PLAIN,
  GSCTP_OPTION_SETTING_LINGER,
  GSCTP_OPTION_SETTING_EVENT_MASK,
  GSCTP_OPTION_SETTING_BOXED,
} GSctpOptionSettingKind;

typedef struct {
  GSctpOptionSettingKind kind;
  gconstpointer option;         /* the option's table entry */
  int number;                   /* plain value, linger seconds, event mask */
  gconstpointer boxed;          /* a structured option's value, not owned */
} GSctpOptionSetting;

gboolean gsctp_option_setting_parse (const char *name,
                                     const GValue *value,
                                     GSctpOptionSetting *setting,
                                     GError **error);

G_END_DECLS
