/* gsctp-socket-signals.c: GSctpSocket's signals, registered from a table,
 * and their emission in the socket's main context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-enum-types.h"
#include "gsctp-events-private.h"
#include "gsctp-message-private.h"
#include "gsctp-socket-private.h"

/**
 * GSctpSocket::message:
 * @self: the socket
 * @message: a data message or an event
 *
 * In an active mode, each message and each event the socket receives, in
 * order, as gen_sctp's `{sctp, Socket, IP, Port, {AncData, Data}}`
 * messages. Events are also emitted as their own signals, before this
 * one. Emitted in the socket's main context; at most 64 per main-loop
 * dispatch (16 of 16 KiB or more), so a busy socket does not starve
 * others. A handler that runs that main context inside it (waiting for
 * something else) gets no further message of the socket until it returns.
 *
 * @message is the handler's for the call: a handler that keeps it takes a
 * reference (bindings do that for you).
 *
 * Not emitted while a handler is connected to [signal@Gsctp.Socket::messages],
 * which then takes the same messages and events in batches.
 */

/**
 * GSctpSocket::messages:
 * @self: the socket
 * @messages: (element-type GSctpMessage): data messages and events, in
 *   the order they came
 *
 * In an active mode, what [signal@Gsctp.Socket::message] would emit one
 * at a time, in batches: the messages and events one main-loop dispatch
 * read (up to 64), in one emission. While a handler is connected to this
 * signal, `::message` is not emitted. A batch ends where an event's own
 * signal is emitted (before the batch that holds the event) and where
 * %GSCTP_ACTIVE_MODE_COUNT runs out (before `::passive`), so the order of
 * every signal is the order of what was received. A socket made passive,
 * or closed, by a handler gets no further batch.
 *
 * A batch costs one signal emission however many messages it holds: in a
 * binding, where an emission costs far more than in C, this is the way to
 * take a busy stream in an active mode.
 *
 * @messages is the handler's for the call: keep the array with
 * g_ptr_array_ref(), or a message with gsctp_message_ref() (bindings keep
 * the messages they are given). Each holds its reference to its message.
 */

/**
 * GSctpSocket::passive:
 * @self: the socket
 *
 * The count of %GSCTP_ACTIVE_MODE_COUNT ran out and the socket turned
 * passive, as gen_sctp's `{sctp_passive, Socket}`.
 */

/**
 * GSctpSocket::association-change:
 * @self: the socket
 * @change: what happened to which association
 *
 * An association of the socket came up, was lost, restarted, shut down,
 * or could not be established.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::peer-address-change:
 * @self: the socket
 * @change: the address and its new state
 *
 * A peer address of an association changed state: it became reachable
 * or unreachable, was added, removed, confirmed or made primary. An
 * association may report `confirmed` before it reports `comm-up`.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::send-failed:
 * @self: the socket
 * @failed: the data that was not delivered, and how it was sent
 *
 * A message could not be delivered (PR-SCTP expiry, or the association
 * ended with data queued).
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::remote-error:
 * @self: the socket
 * @error: the cause code and the raw causes
 *
 * The peer sent an ERROR chunk.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::shutdown:
 * @self: the socket
 * @event: the association
 *
 * The peer started a graceful shutdown of an association.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::partial-delivery:
 * @self: the socket
 * @event: the stream and sequence of the message
 *
 * The delivery of a message that had begun was aborted.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::adaptation-indication:
 * @self: the socket
 * @event: the adaptation layer indication of the peer
 *
 * The peer announced its adaptation layer. Not subscribed by default.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::authentication:
 * @self: the socket
 * @event: what happened to which key
 *
 * An SCTP-AUTH key event. Not subscribed by default.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::sender-dry:
 * @self: the socket
 * @event: the association
 *
 * Everything sent on the association is acknowledged. Not subscribed by
 * default: it fires each time the send queue drains.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::stream-reset:
 * @self: the socket
 * @event: the streams and the direction
 *
 * Streams were reset (RFC 6525). Not subscribed by default.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::association-reset:
 * @self: the socket
 * @event: the new sequence numbers
 *
 * The sequence numbers of an association were reset (RFC 6525). Not
 * subscribed by default.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::stream-change:
 * @self: the socket
 * @event: the new stream counts
 *
 * Streams were added (RFC 6525). Not subscribed by default.
 *
 * Emitted in the socket's main context, in the order the kernel reported
 * events, whoever read it: a receive, a connect or the socket's reader.
 */

/**
 * GSctpSocket::packet-out:
 * @self: the socket
 * @packet: one SCTP packet
 *
 * In lower-transport mode ([property@Gsctp.Socket:lower-transport]), an
 * SCTP packet for the peer: carry it (over DTLS, say) and have the peer's
 * socket take it with [method@Gsctp.Socket.input_packet]. Emitted in the
 * socket's main context, in the order the stack sent the packets; a
 * packet that is not carried is lost, and SCTP retransmits it.
 */

/**
 * GSctpSocket::incoming:
 * @self: the listening socket
 * @connection: the new one-to-one socket of an association
 *
 * A one-to-one socket that listens, in an active mode, accepts each
 * association as it comes (see [method@Gsctp.Socket.accept]) and hands
 * it over here, as `GSocketService::incoming` does. Keep a reference to
 * @connection (in C, g_object_ref()): one that no handler keeps is closed
 * when the emission ends. @connection starts in the active mode of @self
 * and emits its signals in the same main context.
 */

/* Each event's signal, whose value is the event's boxed struct: static
 * scope, as it is the event message's and lives as long as the emission. */
static const struct {
  GSctpEventType event;
  const char *name;
} event_signal_table[] = {
  { GSCTP_EVENT_TYPE_ASSOC_CHANGE, "association-change" },
  { GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, "peer-address-change" },
  { GSCTP_EVENT_TYPE_SEND_FAILED, "send-failed" },
  { GSCTP_EVENT_TYPE_REMOTE_ERROR, "remote-error" },
  { GSCTP_EVENT_TYPE_SHUTDOWN, "shutdown" },
  { GSCTP_EVENT_TYPE_PARTIAL_DELIVERY, "partial-delivery" },
  { GSCTP_EVENT_TYPE_ADAPTATION_INDICATION, "adaptation-indication" },
  { GSCTP_EVENT_TYPE_AUTHENTICATION, "authentication" },
  { GSCTP_EVENT_TYPE_SENDER_DRY, "sender-dry" },
  { GSCTP_EVENT_TYPE_STREAM_RESET, "stream-reset" },
  { GSCTP_EVENT_TYPE_ASSOC_RESET, "association-reset" },
  { GSCTP_EVENT_TYPE_STREAM_CHANGE, "stream-change" },
};

static guint message_signal;
static guint messages_signal;
static guint passive_signal;
static guint packet_out_signal;
static guint incoming_signal;
static guint event_signals[GSCTP_N_EVENT_TYPES];

typedef void (*MessageHandler) (gpointer instance,
                                GSctpMessage *message,
                                gpointer user_data);

/* ::message with one C handler, the common case in C and Vala: the
 * emission holds the message until every handler has run, so the handler
 * gets it as it is, without the copy (a reference taken and dropped
 * through g_boxed_copy()'s type lookups) that GLib's marshaller makes of
 * a boxed argument. Bindings' closures, and emissions with several
 * handlers, go through GValues and the generic marshaller, which still
 * copy: a Python or JavaScript handler may keep the message. */
static void
marshal_message_va (GClosure *closure,
                    GValue *return_value,
                    gpointer instance,
                    va_list args,
                    gpointer marshal_data,
                    int n_params,
                    GType *param_types)
{
  GCClosure *cclosure = (GCClosure *) closure;
  MessageHandler handler = (MessageHandler) (marshal_data ? marshal_data : cclosure->callback);
  GSctpMessage *message;
  va_list args_copy;

  G_VA_COPY (args_copy, args);
  message = va_arg (args_copy, GSctpMessage *);
  va_end (args_copy);

  if (G_CCLOSURE_SWAP_DATA (closure))
    handler (closure->data, message, instance);
  else
    handler (instance, message, closure->data);
}

void
gsctp_socket_signals_install (GObjectClass *klass)
{
  GType type = G_TYPE_FROM_CLASS (klass);

  message_signal = g_signal_new ("message", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 g_cclosure_marshal_VOID__BOXED, G_TYPE_NONE, 1,
                                 GSCTP_TYPE_MESSAGE);
  g_signal_set_va_marshaller (message_signal, type, marshal_message_va);
  /* Static scope: the array is the emission's, kept by whoever refs it. */
  messages_signal = g_signal_new ("messages", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
  passive_signal = g_signal_new ("passive", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  incoming_signal = g_signal_new ("incoming", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, GSCTP_TYPE_SOCKET);
  packet_out_signal = g_signal_new ("packet-out", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_BYTES);
  for (guint i = 0; i < G_N_ELEMENTS (event_signal_table); i++)
    event_signals[event_signal_table[i].event] =
      g_signal_new (event_signal_table[i].name, type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, gsctp_event_boxed_type (event_signal_table[i].event) |
                      G_SIGNAL_TYPE_STATIC_SCOPE);
}

/* ------------------------------------------------------------------ */
/* Emission, always on the socket's context                            */

typedef struct
{
  GSctpEmitKind kind;
  guint generation;             /* of the active mode it was read in */
  GSctpMessage *message;
} Emit;

/* A plain array: a GArray's append, a call per message, cost more than
 * the rest of queueing it. */
struct _GSctpEmits
{
  guint len;
  guint size;
  Emit items[];
};

/* An emission holds the socket, and looks before each handler whether
 * anyone else still does: once the application dropped its last
 * reference (or closed the socket), no handler runs. */
struct _GSctpEmission
{
  GSctpSocket *socket;
  GMainContext *context;
  GSctpEmits *emits;
  GSctpKeepFunc keep;
  GSctpEmittedFunc emitted;
};

static GSctpEmits *
emits_sized (GSctpEmits *emits,
             guint size)
{
  emits = g_realloc (emits, sizeof *emits + size * sizeof (Emit));
  emits->size = size;
  return emits;
}

/* Called with the lock held. */
void
gsctp_emits_take (GSctpSocket *self,
                  GSctpEmits **emits,
                  GSctpEmitKind kind,
                  GSctpMessage *message)
{
  if (*emits == NULL)
    {
      /* Room for a dispatch's worth of messages. */
      *emits = emits_sized (NULL, GSCTP_DISPATCH_BUDGET);
      (*emits)->len = 0;
    }
  else if ((*emits)->len == (*emits)->size)
    *emits = emits_sized (*emits, (*emits)->size * 2);
  (*emits)->items[(*emits)->len++] = (Emit) { kind, self->active_generation, message };
}

void
gsctp_emits_free (GSctpEmits *emits)
{
  for (guint i = 0; i < emits->len; i++)
    g_clear_pointer (&emits->items[i].message, gsctp_message_unref);
  g_free (emits);
}

/* Whether the emission goes on: not once only it holds the socket (the
 * application let go of it, before or in a handler), nor after close.
 * Reads the active mode's state for the next emit. */
static gboolean
emission_goes_on (GSctpSocket *self,
                  guint *generation,
                  gboolean *passive)
{
  gboolean closed;

  if (g_atomic_int_get (&((GObject *) self)->ref_count) == 1)
    return FALSE;
  g_mutex_lock (&self->lock);
  closed = self->closed;
  *generation = self->active_generation;
  *passive = self->active == GSCTP_ACTIVE_MODE_PASSIVE;
  g_mutex_unlock (&self->lock);
  return !closed;
}

/* Emits ::messages with the messages of emits[@first..) up to the next
 * other signal, taken from @emits: how many there were. */
static guint
emit_batch (GSctpSocket *self,
            GSctpEmits *emits,
            guint first)
{
  g_autoptr(GPtrArray) batch = NULL;
  guint n = 1;

  while (first + n < emits->len && emits->items[first + n].kind == GSCTP_EMIT_MESSAGE)
    n++;
  batch = g_ptr_array_new_full (n, (GDestroyNotify) gsctp_message_unref);
  g_ptr_array_set_size (batch, n);
  for (guint i = 0; i < n; i++)
    batch->pdata[i] = g_steal_pointer (&emits->items[first + i].message);
  g_signal_emit (self, messages_signal, 0, batch);
  return n;
}

static gboolean
emit_cb (gpointer data)
{
  GSctpEmission *emission = data;
  GSctpSocket *self = emission->socket;
  GSctpEmits *emits = emission->emits;
  /* Whether ::messages takes the messages: looked up again for each batch,
   * as its handler may go in a handler, but no more once it has none (a
   * handler connected meanwhile takes the next dispatch's). */
  gboolean batching = TRUE;
  g_autoptr(GPtrArray) kept = NULL;

  for (guint i = 0; i < emits->len; i++)
    {
      Emit *emit = &emits->items[i];
      gboolean passive;
      guint generation;

      if (!emission_goes_on (self, &generation, &passive))
        break;

      switch (emit->kind)
        {
        case GSCTP_EMIT_EVENT:
          g_signal_emit (self, event_signals[gsctp_message_get_event_type (emit->message)],
                         0, gsctp_message_peek_event (emit->message));
          break;
        case GSCTP_EMIT_MESSAGE:
          /* Made passive by the application since this was read: the
           * rest is for receives. */
          if (passive && emit->generation != generation)
            {
              if (kept == NULL)
                kept = g_ptr_array_new ();
              g_ptr_array_add (kept, emit->message);
            }
          else
            {
              batching = batching && g_signal_has_handler_pending (self, messages_signal, 0, FALSE);
              /* The messages up to the next other signal: read together,
               * passed by the same check. */
              if (batching)
                i += emit_batch (self, emits, i) - 1;
              else
                g_signal_emit (self, message_signal, 0, emit->message);
            }
          break;
        case GSCTP_EMIT_PASSIVE:
          if (emit->generation == generation)
            g_signal_emit (self, passive_signal, 0);
          break;
        }
    }
  if (kept != NULL)
    emission->keep (self, kept);
  return G_SOURCE_REMOVE;
}

static void
emission_free (gpointer data)
{
  GSctpEmission *emission = data;

  if (emission->emitted != NULL)
    emission->emitted (emission->socket);
  g_object_unref (emission->socket);
  g_main_context_unref (emission->context);
  gsctp_emits_free (emission->emits);
  g_free (emission);
}

/* Called without the lock, while the caller holds a reference. Takes
 * @emits. Messages meant for ::message that the socket, made passive by
 * a handler, no longer emits go back to @keep, in order. */
GSctpEmission *
gsctp_emission_new (GSctpSocket *self,
                    GSctpEmits *emits,
                    GSctpKeepFunc keep,
                    GSctpEmittedFunc emitted)
{
  GSctpEmission *emission = g_new0 (GSctpEmission, 1);

  emission->keep = keep;
  emission->emitted = emitted;
  emission->socket = g_object_ref (self);
  emission->emits = emits;
  g_mutex_lock (&self->lock);
  emission->context = g_main_context_ref (self->context);
  g_mutex_unlock (&self->lock);
  return emission;
}

/* Runs the handlers at once where this thread owns (or can own) the
 * socket's context, else queues them there in order. Takes @emission. */
void
gsctp_emission_run (GSctpEmission *emission)
{
  g_main_context_invoke_full (emission->context, G_PRIORITY_DEFAULT, emit_cb, emission,
                              emission_free);
}

void
gsctp_socket_emit_passive (GSctpSocket *self)
{
  g_signal_emit (self, passive_signal, 0);
}

/* On the socket's context, from its backend, while the caller holds a
 * reference: not after close. */
void
gsctp_socket_emit_packet_out (GSctpSocket *self,
                              GBytes *packet)
{
  gboolean closed;

  g_mutex_lock (&self->lock);
  closed = !gsctp_socket_check_open (self, NULL);
  g_mutex_unlock (&self->lock);
  if (!closed)
    g_signal_emit (self, packet_out_signal, 0, packet);
}

/* On the socket's context, while the caller holds a reference: not after
 * close, nor once the application let go of the socket. */
void
gsctp_socket_emit_incoming (GSctpSocket *self,
                            GSctpSocket *connection)
{
  gboolean closed;

  if (g_atomic_int_get (&((GObject *) self)->ref_count) == 1)
    return;
  g_mutex_lock (&self->lock);
  closed = self->closed;
  g_mutex_unlock (&self->lock);
  if (!closed)
    g_signal_emit (self, incoming_signal, 0, connection);
}
