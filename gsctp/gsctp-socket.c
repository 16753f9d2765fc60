/* gsctp-socket.c: an SCTP socket on a GMainContext
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "gsctp-buffer-pool.h"
#include "gsctp-enum-types.h"
#include "gsctp-kernel.h"
#include "gsctp-message-private.h"
#include "gsctp-socket-private.h"

/**
 * GSctpSocket:
 *
 * A kernel SCTP socket that lives on a [struct@GLib.MainContext].
 *
 * One socket is either one-to-many ([enum@Gsctp.SocketType.SEQPACKET], the
 * default: many associations on one socket, as gen_sctp's sockets) or
 * one-to-one ([enum@Gsctp.SocketType.STREAM], one association, as made by
 * [method@Gsctp.Socket.peeloff]).
 *
 * Every operation has a synchronous form, which blocks the calling thread
 * (with a timeout where it waits for the peer, and a #GCancellable), and
 * most have an `_async` form whose callback runs in the thread-default
 * main context of the caller. The socket's own main context is the
 * thread-default one when it was made; signals are emitted there.
 *
 * Messages are delivered whole: the pieces the kernel hands over are
 * joined until the end of the message, however large. Each subscribed SCTP
 * event ([method@Gsctp.Socket.subscribe]) is emitted as a signal of its own
 * (such as [signal@Gsctp.Socket::association-change]) and returned by
 * receives in order with the data, as a [struct@Gsctp.Message] whose
 * event is set; notifications never come back as data. The association
 * change that completes a connect is returned by that connect instead.
 *
 * The socket never blocks inside the kernel: a full send buffer makes a
 * send wait for the socket to become writable, an empty receive queue
 * makes a receive wait for it to become readable, and
 * [method@Gsctp.Socket.close] wakes every one of them with
 * %G_IO_ERROR_CLOSED.
 *
 * Threads: like #GSocket, one thread may send while another receives.
 * Receives, connects and closes from several threads are serialized by the
 * socket. Async operations must be started from the thread that runs the
 * main context of their callback.
 */

#define RECEIVE_BUFFER_INITIAL (64 * 1024)
/* Messages from this size on become their GBytes without a copy, in a
 * pooled buffer; smaller ones are copied out of the socket's buffer. */
#define ZERO_COPY_MIN (16 * 1024)
#define MESSAGES_PER_DISPATCH 16

struct _GSctpSocket
{
  GObject parent_instance;

  GSocketFamily family;
  GSctpSocketType type;
  int construct_fd;

  GSocket *socket;
  int fd;                       /* the GSocket's, read without a type check */
  GMainContext *context;

  GMutex lock;
  gboolean closed;
  gboolean peeled;              /* one-to-one, but made by sctp_peeloff() */
  gboolean assoc_change_hidden; /* unsubscribed by the user */
  gboolean ended;               /* one-to-one, and its association is over */

  /* One message being joined from its pieces. */
  GSctpBufferPool *pool;
  guint8 *buffer;
  gsize buffer_size;
  gsize buffer_used;
  GSctpRcvInfo piece_info;
  GSctpRecvFlags piece_flags;
  GSctpSockaddr piece_from;
  GSctpMessage *block;          /* where the next message's first piece goes */

  GQueue inbox;                 /* GSctpMessage, read ahead of a receive */
  GHashTable *associations;     /* id → GSctpAssocChange of live associations */
  GHashTable *connects;         /* id → PendingConnect */
  guint n_connects_reading;     /* async and fire-and-forget connects */
  GQueue receive_tasks;
  GQueue send_tasks;
  GSource *read_source;
  GSource *write_source;

  guint buffer_initial;         /* gen_sctp's buffer */
  guint high_watermark;         /* bytes of queued async sends */
  guint low_watermark;
  gsize queued_bytes;
  gboolean send_queue_full;
  gboolean notify_send_queue;

  GSctpActiveMode active;
  int active_count;
  gboolean notify_active;
  GSList *waiters;              /* GCancellable wakers of blocked calls */
};

typedef struct
{
  GSctpAssocId assoc_id;
  GSctpAssocChange *result;
  GTask *task;                  /* NULL for a synchronous connect */
  gboolean fire_and_forget;
  GSource *cancel_source;
} PendingConnect;

typedef struct
{
  GSource *cancel_source;
  GSctpSndInfo info;
  GSocketAddress *address;
  GBytes *data;
  GError *error;
} SendData;

/* What reading leaves to do once the lock is released: event signals to
 * emit and async connects to complete. Empty (and not allocated) for
 * data. */
typedef enum
{
  EMIT_EVENT,                   /* the event's own signal */
  EMIT_MESSAGE,                 /* ::message, in an active mode */
  EMIT_PASSIVE,                 /* ::passive, when the count runs out */
} EmitKind;

typedef struct
{
  EmitKind kind;
  GSctpMessage *message;
} Emit;

typedef struct
{
  GArray *emits;                /* Emit, in order */
  GPtrArray *connects;          /* PendingConnect */
} Deferred;

enum {
  PROP_0,
  PROP_FAMILY,
  PROP_SOCKET_TYPE,
  PROP_FD,
  PROP_CONTEXT,
  PROP_ACTIVE,
  PROP_ACTIVE_COUNT,
  PROP_SEND_QUEUE_FULL,
  N_PROPS
};

enum {
  SIGNAL_MESSAGE,
  SIGNAL_PASSIVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint event_signals[GSCTP_N_EVENT_TYPES];

static void gsctp_socket_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GSctpSocket, gsctp_socket, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      gsctp_socket_initable_iface_init))

/* ------------------------------------------------------------------ */
/* Waiting                                                             */

static void
waker_free (gpointer data)
{
  GCancellable *waker = data;

  g_cancellable_release_fd (waker);
  g_object_unref (waker);
}

static GPrivate thread_waker = G_PRIVATE_INIT (waker_free);

/* A per-thread GCancellable that other threads cancel to wake this one out
 * of poll(): when they change what it waits for, or close the socket. */
static GCancellable *
get_waker (void)
{
  GCancellable *waker = g_private_get (&thread_waker);

  if (waker == NULL)
    {
      GPollFD unused;

      waker = g_cancellable_new ();
      g_cancellable_make_pollfd (waker, &unused);
      g_private_set (&thread_waker, waker);
    }
  return waker;
}

/* Called with the lock held. */
static void
wake_waiters (GSctpSocket *self)
{
  for (GSList *l = self->waiters; l != NULL; l = l->next)
    g_cancellable_cancel (l->data);
}

/* A timeout in milliseconds (-1: none) that becomes a deadline only when
 * the call first has to wait: reading the clock is a system call in some
 * guests, and most calls never wait. */
typedef struct
{
  int timeout_ms;
  gint64 deadline;
} Deadline;

#define DEADLINE_INIT(ms) { (ms), G_MININT64 }

static gint64
deadline_get (Deadline *deadline)
{
  if (deadline->deadline == G_MININT64)
    deadline->deadline = deadline->timeout_ms < 0
                           ? -1
                           : g_get_monotonic_time () + (gint64) deadline->timeout_ms * 1000;
  return deadline->deadline;
}

/* Called with the lock held; returns with it held. Waits until the socket
 * is ready for @condition, another thread wakes this one, @deadline passes
 * or @cancellable is cancelled. Returns FALSE with @error on the last two,
 * and on close. */
static gboolean
wait_unlocked_for (GSctpSocket *self,
                   GIOCondition condition,
                   gint64 deadline,
                   GCancellable *cancellable,
                   GError **error)
{
  GCancellable *waker = get_waker ();
  GPollFD fds[3];
  guint n_fds = 0;
  int timeout = -1;
  int result;

  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");
      return FALSE;
    }

  g_cancellable_reset (waker);
  self->waiters = g_slist_prepend (self->waiters, waker);

  fds[n_fds].fd = self->fd;
  fds[n_fds].events = condition;
  fds[n_fds++].revents = 0;
  g_cancellable_make_pollfd (waker, &fds[n_fds++]);
  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[n_fds]))
    n_fds++;

  if (deadline >= 0)
    timeout = (int) MIN ((MAX (deadline - g_get_monotonic_time (), 0) + 999) / 1000, G_MAXINT);

  g_mutex_unlock (&self->lock);
  result = g_poll (fds, n_fds, timeout);
  g_mutex_lock (&self->lock);

  self->waiters = g_slist_remove (self->waiters, waker);
  g_cancellable_release_fd (waker);
  if (n_fds == 3)
    g_cancellable_release_fd (cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");
      return FALSE;
    }
  if (result == 0 && deadline >= 0 && g_get_monotonic_time () >= deadline)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
      return FALSE;
    }
  return TRUE;
}

static GError *
association_ended_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "The association has ended");
}

static gboolean
check_open (GSctpSocket *self,
            GError **error)
{
  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");
      return FALSE;
    }
  return TRUE;
}

/* An IPv4 socket takes IPv4 addresses only; an IPv6 one takes both. */
static gboolean
check_families (GSctpSocket *self,
                GSocketAddress * const *addresses,
                guint n_addresses,
                GError **error)
{
  for (guint i = 0; i < n_addresses; i++)
    if (!G_IS_INET_SOCKET_ADDRESS (addresses[i]))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             "Not an IPv4 or IPv6 socket address");
        return FALSE;
      }
    else if (self->family == G_SOCKET_FAMILY_IPV4 &&
             g_socket_address_get_family (addresses[i]) == G_SOCKET_FAMILY_IPV6)
      {
        g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (addresses[i]));

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "%s is an IPv6 address and the socket is IPv4", text);
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Signals, always on the socket's context                             */

typedef struct
{
  GSctpSocket *self;
  GArray *emits;
} Emission;

static void
emit_clear (gpointer data)
{
  Emit *emit = data;

  g_clear_pointer (&emit->message, gsctp_message_unref);
}

static void
deferred_add_emit (Deferred *deferred,
                   EmitKind kind,
                   GSctpMessage *message)
{
  Emit emit = { kind, message ? gsctp_message_ref (message) : NULL };

  if (deferred->emits == NULL)
    {
      deferred->emits = g_array_new (FALSE, FALSE, sizeof (Emit));
      g_array_set_clear_func (deferred->emits, emit_clear);
    }
  g_array_append_val (deferred->emits, emit);
}

static gboolean
emit_cb (gpointer data)
{
  Emission *emission = data;

  for (guint i = 0; i < emission->emits->len; i++)
    {
      Emit *emit = &g_array_index (emission->emits, Emit, i);

      switch (emit->kind)
        {
        case EMIT_EVENT:
          g_signal_emit (emission->self, event_signals[gsctp_message_get_event_type (emit->message)],
                         0, gsctp_message_peek_event (emit->message));
          break;
        case EMIT_MESSAGE:
          g_signal_emit (emission->self, signals[SIGNAL_MESSAGE], 0, emit->message);
          break;
        case EMIT_PASSIVE:
          g_signal_emit (emission->self, signals[SIGNAL_PASSIVE], 0);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->self);
  g_array_unref (emission->emits);
  g_free (emission);
}

/* Called without the lock. Runs the handlers at once where this thread
 * owns (or can own) the socket's context, else queues them there in
 * order. */
static void
emit_all (GSctpSocket *self,
          GArray *emits)
{
  Emission *emission;
  GMainContext *context;

  emission = g_new0 (Emission, 1);
  emission->self = g_object_ref (self);
  emission->emits = g_array_ref (emits);
  g_mutex_lock (&self->lock);
  context = g_main_context_ref (self->context);
  g_mutex_unlock (&self->lock);
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, emit_cb, emission, emission_free);
  g_main_context_unref (context);
}

/* ------------------------------------------------------------------ */
/* Reading: the one place that takes bytes out of the kernel           */

static void
pending_connect_free (PendingConnect *pending)
{
  g_clear_pointer (&pending->result, gsctp_assoc_change_free);
  if (pending->cancel_source != NULL)
    {
      g_source_destroy (pending->cancel_source);
      g_source_unref (pending->cancel_source);
    }
  g_free (pending);
}

static GSctpAssocChange *
connect_result (GSctpAssocChange *result,
                GError **error)
{
  const char *cause;

  if (result->state == GSCTP_ASSOC_STATE_COMM_UP)
    return result;
  cause = gsctp_error_string (result->error);
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE,
               "Could not establish the association (error cause %u: %s)",
               result->error, cause ? cause : "unknown");
  gsctp_assoc_change_free (result);
  return NULL;
}

static void
complete_connect (PendingConnect *pending)
{
  GTask *task = pending->task;
  GError *error = NULL;
  GSctpAssocChange *result = connect_result (g_steal_pointer (&pending->result), &error);

  pending->task = NULL;
  pending_connect_free (pending);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) gsctp_assoc_change_free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* Called with the lock held. Async connects whose result came are moved
 * to @deferred, to be completed without the lock. Returns whether a
 * connect takes the change as its result, so that a receive does not
 * return it too. */
static gboolean
apply_assoc_change (GSctpSocket *self,
                    const GSctpAssocChange *change,
                    Deferred *deferred)
{
  PendingConnect *pending;

  if (change->state == GSCTP_ASSOC_STATE_COMM_UP || change->state == GSCTP_ASSOC_STATE_RESTART)
    g_hash_table_insert (self->associations, GINT_TO_POINTER (change->assoc_id),
                         gsctp_assoc_change_copy (change));
  else
    {
      g_hash_table_remove (self->associations, GINT_TO_POINTER (change->assoc_id));
      if (self->type == GSCTP_SOCKET_TYPE_STREAM)
        self->ended = TRUE;
    }

  pending = g_hash_table_lookup (self->connects, GINT_TO_POINTER (change->assoc_id));
  if (pending == NULL || pending->result != NULL)
    return FALSE;
  if (pending->fire_and_forget)
    {
      /* gen_sctp's connect_init: the result is an event like any other. */
      g_hash_table_remove (self->connects, GINT_TO_POINTER (change->assoc_id));
      self->n_connects_reading--;
      pending_connect_free (pending);
      return FALSE;
    }
  pending->result = gsctp_assoc_change_copy (change);
  if (pending->task != NULL)
    {
      g_hash_table_steal (self->connects, GINT_TO_POINTER (change->assoc_id));
      self->n_connects_reading--;
      if (deferred->connects == NULL)
        deferred->connects = g_ptr_array_new ();
      g_ptr_array_add (deferred->connects, pending);
    }
  return TRUE;
}

/* The kernel leaves the association id 0 on one-to-one sockets; the
 * association table knows the one association. */
static void
fix_stream_assoc_id (GSctpSocket *self,
                     GSctpRcvInfo *info)
{
  GHashTableIter iter;
  gpointer key;

  if (self->type != GSCTP_SOCKET_TYPE_STREAM || info->assoc_id != 0)
    return;
  g_hash_table_iter_init (&iter, self->associations);
  if (g_hash_table_iter_next (&iter, &key, NULL))
    info->assoc_id = GPOINTER_TO_INT (key);
}

typedef enum
{
  READ_DONE,
  READ_WOULD_BLOCK,             /* the rest has not arrived; no error set */
  READ_FAILED,
} ReadResult;

/* Called with the lock held. Reads until one whole message is in and
 * returns it in @message: data, or a notification decoded, applied and
 * added to @deferred for its signal. @message stays NULL for a
 * notification that a connect takes or that nobody wants. */
static ReadResult
read_message (GSctpSocket *self,
              GSctpMessage **message,
              Deferred *deferred,
              GError **error)
{
  int fd = self->fd;

  *message = NULL;
  for (;;)
    {
      /* The first piece's sender and info are the message's; the rest
       * repeat them. */
      gboolean first = self->buffer_used == 0;
      GSctpRcvInfo later_info;
      GSctpSockaddr later_from;
      GSctpRecvFlags flags;
      guint8 *head = NULL;
      gsize head_size = 0;
      gssize got;

      if (first)
        {
          /* A first piece goes to a message block, and on into the buffer
           * past its size: a small message then needs no copy. */
          if (self->block == NULL)
            self->block = gsctp_message_block_take ();
          head = gsctp_message_block_data (self->block, &head_size);
          if (self->buffer_size < head_size + self->buffer_initial)
            {
              self->buffer = gsctp_buffer_pool_grow (self->pool, self->buffer,
                                                     head_size + self->buffer_initial);
              self->buffer_size = gsctp_buffer_pool_capacity (self->buffer);
            }
        }
      else if (self->buffer_used == self->buffer_size)
        {
          self->buffer = gsctp_buffer_pool_grow (self->pool, self->buffer,
                                                 MAX (self->buffer_initial, self->buffer_size * 2));
          self->buffer_size = gsctp_buffer_pool_capacity (self->buffer);
        }
      got = gsctp_kernel_receive (fd, head, head_size,
                                  self->buffer + self->buffer_used + head_size,
                                  self->buffer_size - self->buffer_used - head_size,
                                  first ? &self->piece_from : &later_from,
                                  first ? &self->piece_info : &later_info, &flags, error);
      if (got == GSCTP_KERNEL_WOULD_BLOCK)
        return READ_WOULD_BLOCK;
      if (got < 0)
        return READ_FAILED;
      if (got == 0 && first && !(flags & GSCTP_RECV_NOTIFICATION))
        {
          g_propagate_error (error, association_ended_error ());
          return READ_FAILED;
        }
      if (first)
        {
          self->piece_flags = flags;
          if (!(flags & GSCTP_RECV_HAVE_INFO))
            memset (&self->piece_info, 0, sizeof self->piece_info);
          if ((gsize) got <= head_size &&
              (flags & (GSCTP_RECV_EOR | GSCTP_RECV_NOTIFICATION)) == GSCTP_RECV_EOR)
            {
              GSctpMessage *block = g_steal_pointer (&self->block);

              fix_stream_assoc_id (self, &self->piece_info);
              *message = gsctp_message_block_finish (block, got, &self->piece_from.storage,
                                                     self->piece_from.len, &self->piece_info);
              return READ_DONE;
            }
          /* Whole in the buffer from here on. */
          memcpy (self->buffer, head, MIN ((gsize) got, head_size));
        }
      self->buffer_used += got;
      if (flags & GSCTP_RECV_EOR)
        break;
    }

  if (self->piece_flags & GSCTP_RECV_NOTIFICATION)
    {
      GSctpNotification notification;
      g_autoptr(GError) local_error = NULL;

      if (!gsctp_kernel_decode_notification (self->buffer, self->buffer_used,
                                             &notification, &local_error))
        g_warning ("Dropped an SCTP notification: %s", local_error->message);
      else if (notification.type != GSCTP_EVENT_TYPE_NONE)
        {
          GSctpMessage *event = gsctp_message_new_event (notification.type, notification.event);
          gboolean consumed = FALSE;

          if (notification.type == GSCTP_EVENT_TYPE_ASSOC_CHANGE)
            consumed = apply_assoc_change (self, notification.event, deferred);
          /* Association changes are always read (connects need them); the
           * user's unsubscription hides them. */
          if (notification.type == GSCTP_EVENT_TYPE_ASSOC_CHANGE && self->assoc_change_hidden)
            gsctp_message_unref (event);
          else
            {
              deferred_add_emit (deferred, EMIT_EVENT, event);
              if (consumed)
                gsctp_message_unref (event);
              else
                *message = event;
            }
        }
      wake_waiters (self);
    }
  else
    {
      GSctpRcvInfo *info = &self->piece_info;
      const GSctpSockaddr *from = &self->piece_from;

      fix_stream_assoc_id (self, info);

      if (self->buffer_used >= ZERO_COPY_MIN)
        {
          GBytes *data = gsctp_buffer_pool_wrap (g_steal_pointer (&self->buffer), self->buffer_used);

          self->buffer_size = 0;
          *message = gsctp_message_new_take_bytes (data, &from->storage, from->len, info);
        }
      else
        *message = gsctp_message_new (self->buffer, self->buffer_used, &from->storage, from->len, info);
    }
  self->buffer_used = 0;
  return READ_DONE;
}

static gboolean
deferred_is_empty (const Deferred *deferred)
{
  return deferred->emits == NULL && deferred->connects == NULL;
}

/* Called without the lock: does what read_message() deferred. */
static void
deferred_run_all (GSctpSocket *self,
                  Deferred *deferred)
{
  if (deferred->emits != NULL)
    emit_all (self, deferred->emits);
  for (guint i = 0; deferred->connects != NULL && i < deferred->connects->len; i++)
    complete_connect (g_ptr_array_index (deferred->connects, i));
  g_clear_pointer (&deferred->emits, g_array_unref);
  g_clear_pointer (&deferred->connects, g_ptr_array_unref);
}

static inline void
deferred_run (GSctpSocket *self,
              Deferred *deferred)
{
  if (!deferred_is_empty (deferred))
    deferred_run_all (self, deferred);
}

/* ------------------------------------------------------------------ */
/* The main-context reader behind async receives and connects          */

static gboolean on_readable (GSocket *socket, GIOCondition condition, gpointer user_data);
static void ensure_writing (GSctpSocket *self);
static void schedule_delivery (GSctpSocket *self);

static gboolean
needs_reading (GSctpSocket *self)
{
  return !self->closed && (self->receive_tasks.length > 0 || self->n_connects_reading > 0 ||
                           self->active != GSCTP_ACTIVE_MODE_PASSIVE);
}

/* Called with the lock held. */
static void
ensure_reading (GSctpSocket *self)
{
  if (self->read_source != NULL || !needs_reading (self))
    return;
  self->read_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->read_source, G_SOURCE_FUNC (on_readable), self, NULL);
  g_source_set_static_name (self->read_source, "GSctpSocket reader");
  g_source_attach (self->read_source, self->context);
}

static void
stop_reading (GSctpSocket *self)
{
  if (self->read_source == NULL)
    return;
  g_source_destroy (self->read_source);
  g_clear_pointer (&self->read_source, g_source_unref);
}

static void
task_destroy_cancel_source (GTask *task)
{
  GSource **cancel_source = g_task_get_task_data (task);

  if (cancel_source != NULL && *cancel_source != NULL)
    {
      g_source_destroy (*cancel_source);
      g_clear_pointer (cancel_source, g_source_unref);
    }
}

/* Called with the lock held: hands read-ahead messages to waiting async
 * receives, moving both to @delivered. */
static void
match_receives (GSctpSocket *self,
                GPtrArray *delivered)
{
  while (self->receive_tasks.length > 0 && self->inbox.length > 0)
    {
      g_ptr_array_add (delivered, g_queue_pop_head (&self->receive_tasks));
      g_ptr_array_add (delivered, g_queue_pop_head (&self->inbox));
    }
}

static void
complete_receives (GPtrArray *delivered)
{
  for (guint i = 0; i + 1 < delivered->len; i += 2)
    {
      GTask *task = g_ptr_array_index (delivered, i);

      task_destroy_cancel_source (task);
      g_task_return_pointer (task, g_ptr_array_index (delivered, i + 1),
                             (GDestroyNotify) gsctp_message_unref);
      g_object_unref (task);
    }
  g_ptr_array_set_size (delivered, 0);
}

static void
fail_receives (GSctpSocket *self,
               const GError *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->receive_tasks)) != NULL)
    {
      task_destroy_cancel_source (task);
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

/* Called with the lock held: one message to the ::message signal, counted
 * against once or N. */
static void
deliver_active (GSctpSocket *self,
                GSctpMessage *message,
                Deferred *deferred)
{
  deferred_add_emit (deferred, EMIT_MESSAGE, message);
  if (self->active == GSCTP_ACTIVE_MODE_ONCE)
    {
      self->active = GSCTP_ACTIVE_MODE_PASSIVE;
      self->notify_active = TRUE;
    }
  else if (self->active == GSCTP_ACTIVE_MODE_COUNT && --self->active_count == 0)
    {
      self->active = GSCTP_ACTIVE_MODE_PASSIVE;
      self->notify_active = TRUE;
      deferred_add_emit (deferred, EMIT_PASSIVE, NULL);
    }
}

static gboolean
on_readable (GSocket *socket,
             GIOCondition condition,
             gpointer user_data)
{
  GSctpSocket *self = user_data;
  Deferred deferred = { NULL };
  g_autoptr(GPtrArray) delivered = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean keep, notify;

  g_object_ref (self);
  g_mutex_lock (&self->lock);
  /* A bounded number of messages per dispatch, so that a busy socket does
   * not starve the rest of its main context. */
  for (guint i = 0; i < MESSAGES_PER_DISPATCH && needs_reading (self); i++)
    {
      GSctpMessage *message = NULL;

      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE)
        message = g_queue_pop_head (&self->inbox);
      if (message == NULL && read_message (self, &message, &deferred, &error) != READ_DONE)
        break;
      if (message == NULL)
        continue;
      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE)
        {
          deliver_active (self, message, &deferred);
          gsctp_message_unref (message);
        }
      else
        {
          g_queue_push_tail (&self->inbox, message);
          match_receives (self, delivered);
        }
    }
  match_receives (self, delivered);
  /* A one-to-one association that ended fails the receives left over. */
  if (error == NULL && self->ended && self->inbox.length == 0 && self->receive_tasks.length > 0)
    error = association_ended_error ();
  if (error != NULL)
    {
      g_mutex_unlock (&self->lock);
      fail_receives (self, error);
      g_mutex_lock (&self->lock);
    }
  keep = needs_reading (self);
  if (!keep)
    g_clear_pointer (&self->read_source, g_source_unref);
  notify = self->notify_active;
  self->notify_active = FALSE;
  g_mutex_unlock (&self->lock);

  complete_receives (delivered);
  deferred_run (self, &deferred);
  if (notify)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_COUNT]);
    }
  g_object_unref (self);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
deliver_cb (gpointer user_data)
{
  GSctpSocket *self = user_data;
  g_autoptr(GPtrArray) delivered = g_ptr_array_new ();

  g_mutex_lock (&self->lock);
  match_receives (self, delivered);
  g_mutex_unlock (&self->lock);
  complete_receives (delivered);
  return G_SOURCE_REMOVE;
}

/* Read-ahead messages may wait while the socket is not readable; hand them
 * to async receives from the socket's context. */
static void
schedule_delivery (GSctpSocket *self)
{
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver_cb,
                              g_object_ref (self), g_object_unref);
}

/* ------------------------------------------------------------------ */
/* Construction                                                        */

static const GSctpEventType default_events[] = {
  GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE,
  GSCTP_EVENT_TYPE_SEND_FAILED,
  GSCTP_EVENT_TYPE_REMOTE_ERROR,
  GSCTP_EVENT_TYPE_SHUTDOWN,
  GSCTP_EVENT_TYPE_PARTIAL_DELIVERY,
};

static gboolean
gsctp_socket_initable_init (GInitable *initable,
                            GCancellable *cancellable,
                            GError **error)
{
  GSctpSocket *self = GSCTP_SOCKET (initable);
  int fd = self->construct_fd;

  if (fd >= 0)
    {
      if (!gsctp_kernel_query (fd, &self->family, &self->type, error))
        return FALSE;
    }
  else
    {
      fd = gsctp_kernel_open (self->family, self->type, error);
      if (fd < 0)
        return FALSE;
    }

  self->socket = g_socket_new_from_fd (fd, error);
  if (self->socket == NULL)
    {
      if (self->construct_fd < 0)
        close (fd);
      return FALSE;
    }
  self->fd = fd;
  if (!gsctp_kernel_prepare (fd, self->type, error))
    return FALSE;
  /* gen_sctp's defaults, for sockets made here; an adopted or peeled-off
   * socket keeps what it had. */
  if (self->construct_fd < 0)
    for (guint i = 0; i < G_N_ELEMENTS (default_events); i++)
      if (!gsctp_kernel_subscribe (fd, self->type, 0, default_events[i], TRUE, error))
        return FALSE;
  return TRUE;
}

static void
gsctp_socket_initable_iface_init (GInitableIface *iface)
{
  iface->init = gsctp_socket_initable_init;
}

static void close_internal (GSctpSocket *self);

static void
gsctp_socket_dispose (GObject *object)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  if (self->socket != NULL && !self->closed)
    close_internal (self);
  G_OBJECT_CLASS (gsctp_socket_parent_class)->dispose (object);
}

static void
gsctp_socket_finalize (GObject *object)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  g_clear_object (&self->socket);
  g_queue_clear_full (&self->inbox, (GDestroyNotify) gsctp_message_unref);
  g_hash_table_unref (self->associations);
  g_hash_table_unref (self->connects);
  if (self->buffer != NULL)
    gsctp_buffer_pool_give (self->buffer);
  if (self->block != NULL)
    gsctp_message_block_give (self->block);
  gsctp_buffer_pool_unref (self->pool);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gsctp_socket_parent_class)->finalize (object);
}

static void
gsctp_socket_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  switch (prop_id)
    {
    case PROP_FAMILY:
      g_value_set_enum (value, self->family);
      break;
    case PROP_SOCKET_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_FD:
      g_value_set_int (value, gsctp_socket_get_fd (self));
      break;
    case PROP_CONTEXT:
      g_value_set_boxed (value, self->context);
      break;
    case PROP_ACTIVE:
      g_value_set_enum (value, gsctp_socket_get_active (self));
      break;
    case PROP_ACTIVE_COUNT:
      g_value_set_int (value, gsctp_socket_get_active_count (self));
      break;
    case PROP_SEND_QUEUE_FULL:
      g_mutex_lock (&self->lock);
      g_value_set_boolean (value, self->send_queue_full);
      g_mutex_unlock (&self->lock);
      break;
    default:
      if (!gsctp_socket_options_get_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gsctp_socket_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  GSctpSocket *self = GSCTP_SOCKET (object);

  switch (prop_id)
    {
    case PROP_FAMILY:
      self->family = g_value_get_enum (value);
      break;
    case PROP_SOCKET_TYPE:
      self->type = g_value_get_enum (value);
      break;
    case PROP_FD:
      self->construct_fd = g_value_get_int (value);
      break;
    case PROP_CONTEXT:
      if (g_value_get_boxed (value) != NULL)
        gsctp_socket_set_context (self, g_value_get_boxed (value));
      break;
    case PROP_ACTIVE:
      gsctp_socket_set_active (self, g_value_get_enum (value));
      break;
    default:
      if (!gsctp_socket_options_set_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gsctp_socket_class_init (GSctpSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gsctp_socket_dispose;
  object_class->finalize = gsctp_socket_finalize;
  object_class->get_property = gsctp_socket_get_property;
  object_class->set_property = gsctp_socket_set_property;

  /**
   * GSctpSocket:family:
   *
   * The address family, %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6.
   * An IPv6 socket also reaches IPv4 peers unless the kernel is told
   * otherwise.
   */
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL,
                       G_TYPE_SOCKET_FAMILY, G_SOCKET_FAMILY_IPV4,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:socket-type:
   *
   * One-to-many or one-to-one.
   */
  properties[PROP_SOCKET_TYPE] =
    g_param_spec_enum ("socket-type", NULL, NULL,
                       GSCTP_TYPE_SOCKET_TYPE, GSCTP_SOCKET_TYPE_SEQPACKET,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:fd:
   *
   * The socket's file descriptor. Given at construction, an existing SCTP
   * socket is adopted (and closed with the #GSctpSocket); -1 makes a new
   * one of [property@Gsctp.Socket:family] and
   * [property@Gsctp.Socket:socket-type].
   */
  properties[PROP_FD] =
    g_param_spec_int ("fd", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:context:
   *
   * The main context that signals are emitted in and the socket's reader
   * runs in: the thread-default one when the socket was made, until
   * [method@Gsctp.Socket.set_context] moves it (gen_sctp's
   * `controlling_process/2`).
   */
  properties[PROP_CONTEXT] =
    g_param_spec_boxed ("context", NULL, NULL,
                        G_TYPE_MAIN_CONTEXT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:active:
   *
   * How messages reach the application, as gen_sctp's `{active, _}`: by
   * [method@Gsctp.Socket.receive] (passive, the default), or as
   * [signal@Gsctp.Socket::message] signals in the socket's main context
   * (active; once: one message, then passive; count: see
   * [method@Gsctp.Socket.set_active_count]).
   */
  properties[PROP_ACTIVE] =
    g_param_spec_enum ("active", NULL, NULL,
                       GSCTP_TYPE_ACTIVE_MODE, GSCTP_ACTIVE_MODE_PASSIVE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:active-count:
   *
   * How many more messages the socket emits before it turns passive, in
   * the %GSCTP_ACTIVE_MODE_COUNT mode; 0 otherwise.
   */
  properties[PROP_ACTIVE_COUNT] =
    g_param_spec_int ("active-count", NULL, NULL,
                      0, G_MAXINT16, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GSctpSocket:send-queue-full:
   *
   * Whether the bytes of queued async sends reached
   * [property@Gsctp.Socket:high-watermark]; it turns %FALSE again (with a
   * notification) once they drop to [property@Gsctp.Socket:low-watermark],
   * as gen_sctp's `high_msgq_watermark` and `low_msgq_watermark`.
   */
  properties[PROP_SEND_QUEUE_FULL] =
    g_param_spec_boolean ("send-queue-full", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  gsctp_socket_options_install (object_class, N_PROPS);

  /**
   * GSctpSocket::message:
   * @self: the socket
   * @message: a data message or an event
   *
   * In an active mode, each message and each event the socket receives, in
   * order, as gen_sctp's `{sctp, Socket, IP, Port, {AncData, Data}}`
   * messages. Events are also emitted as their own signals, before this
   * one. Emitted in the socket's main context; at most 16 per main-loop
   * dispatch, so a busy socket does not starve others.
   */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_MESSAGE);

  /**
   * GSctpSocket::passive:
   * @self: the socket
   *
   * The count of %GSCTP_ACTIVE_MODE_COUNT ran out and the socket turned
   * passive, as gen_sctp's `{sctp_passive, Socket}`.
   */
  signals[SIGNAL_PASSIVE] =
    g_signal_new ("passive",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

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
  event_signals[GSCTP_EVENT_TYPE_ASSOC_CHANGE] =
    g_signal_new ("association-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_ASSOC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE] =
    g_signal_new ("peer-address-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_PEER_ADDR_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_SEND_FAILED] =
    g_signal_new ("send-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_SEND_FAILED | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_REMOTE_ERROR] =
    g_signal_new ("remote-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_REMOTE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_SHUTDOWN] =
    g_signal_new ("shutdown",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_SHUTDOWN_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_PARTIAL_DELIVERY] =
    g_signal_new ("partial-delivery",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_PARTIAL_DELIVERY | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_ADAPTATION_INDICATION] =
    g_signal_new ("adaptation-indication",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_ADAPTATION_INDICATION | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_AUTHENTICATION] =
    g_signal_new ("authentication",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_AUTHENTICATION | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_SENDER_DRY] =
    g_signal_new ("sender-dry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_SENDER_DRY | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_STREAM_RESET] =
    g_signal_new ("stream-reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_STREAM_RESET | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_ASSOC_RESET] =
    g_signal_new ("association-reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_ASSOC_RESET | G_SIGNAL_TYPE_STATIC_SCOPE);

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
  event_signals[GSCTP_EVENT_TYPE_STREAM_CHANGE] =
    g_signal_new ("stream-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GSCTP_TYPE_STREAM_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gsctp_socket_init (GSctpSocket *self)
{
  self->construct_fd = -1;
  self->context = g_main_context_ref_thread_default ();
  self->buffer_initial = RECEIVE_BUFFER_INITIAL;
  self->pool = gsctp_buffer_pool_new ();
  self->high_watermark = 8192;
  self->low_watermark = 4096;
  g_mutex_init (&self->lock);
  g_queue_init (&self->inbox);
  g_queue_init (&self->receive_tasks);
  g_queue_init (&self->send_tasks);
  self->associations = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) gsctp_assoc_change_free);
  self->connects = g_hash_table_new (NULL, NULL);
}

/**
 * gsctp_socket_new:
 * @family: %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6
 * @type: one-to-many or one-to-one
 * @error: return location for a #GError
 *
 * Makes a new SCTP socket, not yet bound: connecting or sending binds it
 * to every local address and a free port, as the kernel does.
 *
 * When the kernel has no SCTP, fails with %GSCTP_ERROR_NOT_SUPPORTED and a
 * message that says to load the module (`modprobe sctp`).
 *
 * Returns: (transfer full): a new #GSctpSocket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_new (GSocketFamily family,
                  GSctpSocketType type,
                  GError **error)
{
  g_return_val_if_fail (family == G_SOCKET_FAMILY_IPV4 || family == G_SOCKET_FAMILY_IPV6, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GSCTP_TYPE_SOCKET, NULL, error,
                         "family", family,
                         "socket-type", type,
                         NULL);
}

/**
 * gsctp_socket_new_from_fd:
 * @fd: an open SCTP socket
 * @error: return location for a #GError
 *
 * Adopts an existing SCTP socket, made elsewhere. The #GSctpSocket owns
 * @fd from now on, and closes it, but only on success.
 *
 * Returns: (transfer full): a new #GSctpSocket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_new_from_fd (int fd,
                          GError **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GSCTP_TYPE_SOCKET, NULL, error, "fd", fd, NULL);
}

/**
 * gsctp_socket_get_fd:
 * @self: a #GSctpSocket
 *
 * Reads the socket's fd.
 *
 * Returns: the socket's file descriptor, -1 once closed
 */
int
gsctp_socket_get_fd (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), -1);
  if (self->socket == NULL || self->closed)
    return -1;
  return self->fd;
}

/**
 * gsctp_socket_get_family:
 * @self: a #GSctpSocket
 *
 * Reads the socket's family.
 *
 * Returns: the socket's address family
 */
GSocketFamily
gsctp_socket_get_family (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), G_SOCKET_FAMILY_INVALID);
  return self->family;
}

/**
 * gsctp_socket_get_socket_type:
 * @self: a #GSctpSocket
 *
 * Reads the socket's socket type.
 *
 * Returns: whether the socket is one-to-many or one-to-one
 */
GSctpSocketType
gsctp_socket_get_socket_type (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), GSCTP_SOCKET_TYPE_SEQPACKET);
  return self->type;
}

/**
 * gsctp_socket_get_context:
 * @self: a #GSctpSocket
 *
 * Reads the socket's context.
 *
 * Returns: (transfer none): the main context the socket emits its signals in
 */
GMainContext *
gsctp_socket_get_context (GSctpSocket *self)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  return self->context;
}

/**
 * gsctp_socket_is_closed:
 * @self: a #GSctpSocket
 *
 * Tells whether the socket closed.
 *
 * Returns: whether [method@Gsctp.Socket.close] was called
 */
gboolean
gsctp_socket_is_closed (GSctpSocket *self)
{
  gboolean closed;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), TRUE);
  g_mutex_lock (&self->lock);
  closed = self->closed;
  g_mutex_unlock (&self->lock);
  return closed;
}

/* ------------------------------------------------------------------ */
/* Active modes and the main context                                   */

/**
 * gsctp_socket_get_active:
 * @self: a #GSctpSocket
 *
 * Reads the socket's active.
 *
 * Returns: how messages reach the application now
 */
GSctpActiveMode
gsctp_socket_get_active (GSctpSocket *self)
{
  GSctpActiveMode active;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), GSCTP_ACTIVE_MODE_PASSIVE);
  g_mutex_lock (&self->lock);
  active = self->active;
  g_mutex_unlock (&self->lock);
  return active;
}

/**
 * gsctp_socket_get_active_count:
 * @self: a #GSctpSocket
 *
 * Reads the socket's active count.
 *
 * Returns: the messages left before a %GSCTP_ACTIVE_MODE_COUNT socket turns
 *   passive, 0 in the other modes
 */
int
gsctp_socket_get_active_count (GSctpSocket *self)
{
  int count;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), 0);
  g_mutex_lock (&self->lock);
  count = self->active == GSCTP_ACTIVE_MODE_COUNT ? self->active_count : 0;
  g_mutex_unlock (&self->lock);
  return count;
}

/* Called with the lock held. */
static void
set_active_locked (GSctpSocket *self,
                   GSctpActiveMode active,
                   int count)
{
  self->active = active;
  self->active_count = count;
  if (active != GSCTP_ACTIVE_MODE_PASSIVE)
    ensure_reading (self);
}

static void
notify_active (GSctpSocket *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_COUNT]);
}

/**
 * gsctp_socket_set_active:
 * @self: a #GSctpSocket
 * @active: %GSCTP_ACTIVE_MODE_PASSIVE, %GSCTP_ACTIVE_MODE_ACTIVE or
 *   %GSCTP_ACTIVE_MODE_ONCE; the count mode is set with
 *   [method@Gsctp.Socket.set_active_count]
 *
 * Chooses how messages reach the application, as gen_sctp's
 * `{active, false | true | once}`. In an active mode each message and event
 * is emitted as [signal@Gsctp.Socket::message] in the socket's main
 * context, and receives fail with %G_IO_ERROR_BUSY.
 */
void
gsctp_socket_set_active (GSctpSocket *self,
                         GSctpActiveMode active)
{
  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (active == GSCTP_ACTIVE_MODE_PASSIVE || active == GSCTP_ACTIVE_MODE_ACTIVE ||
                    active == GSCTP_ACTIVE_MODE_ONCE);

  g_mutex_lock (&self->lock);
  set_active_locked (self, active, 0);
  g_mutex_unlock (&self->lock);
  notify_active (self);
}

/**
 * gsctp_socket_set_active_count:
 * @self: a #GSctpSocket
 * @count: messages to add to the socket's count, -32768..32767
 *
 * Adds @count to the messages the socket emits as
 * [signal@Gsctp.Socket::message] before it turns passive, as gen_sctp's
 * `{active, N}`. The count never exceeds 32767. When it reaches 0, by
 * messages or by a negative @count, the socket turns passive and emits
 * [signal@Gsctp.Socket::passive].
 */
void
gsctp_socket_set_active_count (GSctpSocket *self,
                               int count)
{
  gboolean passive;
  int total;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (count >= G_MININT16 && count <= G_MAXINT16);

  g_mutex_lock (&self->lock);
  total = (self->active == GSCTP_ACTIVE_MODE_COUNT ? self->active_count : 0) + count;
  total = CLAMP (total, 0, G_MAXINT16);
  passive = total == 0;
  set_active_locked (self, passive ? GSCTP_ACTIVE_MODE_PASSIVE : GSCTP_ACTIVE_MODE_COUNT, total);
  g_mutex_unlock (&self->lock);
  notify_active (self);
  if (passive)
    g_signal_emit (self, signals[SIGNAL_PASSIVE], 0);
}

/**
 * gsctp_socket_set_context:
 * @self: a #GSctpSocket
 * @context: (nullable): the main context to emit signals in; %NULL for the
 *   global default one
 *
 * Moves the socket to another main context, as gen_sctp's
 * `controlling_process/2`: from now on its signals are emitted, and its
 * reader runs, there. Async operations already started complete in the
 * contexts they were started from.
 */
void
gsctp_socket_set_context (GSctpSocket *self,
                          GMainContext *context)
{
  g_return_if_fail (GSCTP_IS_SOCKET (self));

  if (context == NULL)
    context = g_main_context_default ();
  g_mutex_lock (&self->lock);
  if (self->context == context)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);
  if (self->read_source != NULL)
    {
      stop_reading (self);
      ensure_reading (self);
    }
  if (self->write_source != NULL)
    {
      g_source_destroy (self->write_source);
      g_clear_pointer (&self->write_source, g_source_unref);
      ensure_writing (self);
    }
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

int
gsctp_socket_get_fd_checked (GSctpSocket *self,
                             GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), -1);
  if (!check_open (self, error))
    return -1;
  return self->fd;
}

guint
gsctp_socket_get_own_option (GSctpSocket *self,
                             GSctpOwnOption option)
{
  guint value;

  g_mutex_lock (&self->lock);
  switch (option)
    {
    case GSCTP_OWN_BUFFER: value = self->buffer_initial; break;
    case GSCTP_OWN_HIGH_WATERMARK: value = self->high_watermark; break;
    case GSCTP_OWN_LOW_WATERMARK:
    default: value = self->low_watermark; break;
    }
  g_mutex_unlock (&self->lock);
  return value;
}

void
gsctp_socket_set_own_option (GSctpSocket *self,
                             GSctpOwnOption option,
                             guint value)
{
  g_mutex_lock (&self->lock);
  switch (option)
    {
    case GSCTP_OWN_BUFFER:
      self->buffer_initial = MAX (value, 1024);
      break;
    case GSCTP_OWN_HIGH_WATERMARK:
      self->high_watermark = MAX (value, 1);
      break;
    case GSCTP_OWN_LOW_WATERMARK:
      self->low_watermark = MAX (value, 1);
      break;
    }
  g_mutex_unlock (&self->lock);
}

/* Called with the lock held: follows the bytes of queued async sends
 * against the watermarks, and marks a change for notify_send_queue(). */
static void
account_queued (GSctpSocket *self,
                gssize delta)
{
  gboolean full;

  self->queued_bytes += delta;
  if (self->send_queue_full)
    full = self->queued_bytes > self->low_watermark;
  else
    full = self->queued_bytes >= self->high_watermark;
  if (full == self->send_queue_full)
    return;
  self->send_queue_full = full;
  self->notify_send_queue = TRUE;
}

/* Called without the lock. */
static void
notify_send_queue (GSctpSocket *self)
{
  gboolean notify;

  g_mutex_lock (&self->lock);
  notify = self->notify_send_queue;
  self->notify_send_queue = FALSE;
  g_mutex_unlock (&self->lock);
  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_QUEUE_FULL]);
}

/* ------------------------------------------------------------------ */
/* Addresses                                                           */

/**
 * gsctp_socket_bind:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): local addresses, all with the
 *   same port; port 0 picks a free one
 * @n_addresses: the number of @addresses
 * @error: return location for a #GError
 *
 * Binds the socket to one or several local addresses (`sctp_bindx()`):
 * with several, associations are multi-homed over all of them. A wildcard
 * address (`0.0.0.0`, `::`) binds to every address of the host.
 *
 * May be called again to add addresses to a bound socket.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_bind (GSctpSocket *self,
                   GSocketAddress * const *addresses,
                   guint n_addresses,
                   GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (addresses != NULL || n_addresses == 0, FALSE);

  if (!check_open (self, error) || !check_families (self, addresses, n_addresses, error))
    return FALSE;
  return gsctp_kernel_bind (self->fd, addresses, n_addresses, error);
}

/**
 * gsctp_socket_get_local_addresses:
 * @self: a #GSctpSocket
 * @assoc_id: an association, or 0 for the addresses the socket is bound to
 * @error: return location for a #GError
 *
 * Reads the local addresses (`sctp_getladdrs()`) of the socket or of one
 * of its associations.
 *
 * Returns: (transfer full) (element-type Gio.SocketAddress): the addresses;
 *   %NULL with @error unset when there are none
 */
GList *
gsctp_socket_get_local_addresses (GSctpSocket *self,
                                  GSctpAssocId assoc_id,
                                  GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  if (!check_open (self, error))
    return NULL;
  return gsctp_kernel_get_addresses (self->fd, assoc_id, FALSE, error);
}

/**
 * gsctp_socket_get_peer_addresses:
 * @self: a #GSctpSocket
 * @assoc_id: an association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Reads the addresses of the peer of an association (`sctp_getpaddrs()`):
 * every address the peer is reachable at.
 *
 * Returns: (transfer full) (element-type Gio.SocketAddress): the addresses
 */
GList *
gsctp_socket_get_peer_addresses (GSctpSocket *self,
                                 GSctpAssocId assoc_id,
                                 GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  if (!check_open (self, error))
    return NULL;
  return gsctp_kernel_get_addresses (self->fd, assoc_id, TRUE, error);
}

/**
 * gsctp_socket_get_local_port:
 * @self: a #GSctpSocket
 * @error: return location for a #GError
 *
 * Reads the socket's local port.
 *
 * Returns: the port the socket is bound to, or 0 with @error set
 */
guint16
gsctp_socket_get_local_port (GSctpSocket *self,
                             GError **error)
{
  g_autolist(GSocketAddress) addresses = NULL;

  addresses = gsctp_socket_get_local_addresses (self, 0, error);
  if (addresses == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                             "The socket is not bound");
      return 0;
    }
  return g_inet_socket_address_get_port (addresses->data);
}

/**
 * gsctp_socket_listen:
 * @self: a #GSctpSocket
 * @backlog: on a one-to-many socket, any positive value accepts new
 *   associations and 0 stops accepting them (gen_sctp's `listen(S, true |
 *   false)`); on a one-to-one socket, the length of the accept queue
 * @error: return location for a #GError
 *
 * Accepts associations from peers.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_listen (GSctpSocket *self,
                     int backlog,
                     GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (backlog >= 0, FALSE);

  if (!check_open (self, error))
    return FALSE;
  return gsctp_kernel_listen (self->fd, backlog, error);
}

/**
 * gsctp_socket_set_init_msg:
 * @self: a #GSctpSocket
 * @init_msg: the parameters of associations made from now on
 * @error: return location for a #GError
 *
 * Sets the `SCTP_INITMSG` option: how many streams new associations ask
 * for and accept, and how INIT is retransmitted.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_init_msg (GSctpSocket *self,
                           const GSctpInitMsg *init_msg,
                           GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (init_msg != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;
  return gsctp_kernel_set_init_msg (self->fd, init_msg, error);
}

/**
 * gsctp_socket_set_linger:
 * @self: a #GSctpSocket
 * @enabled: whether [method@Gsctp.Socket.close] lingers
 * @seconds: how long a one-to-one socket's close waits for the graceful
 *   shutdown; 0 with @enabled makes close abort every association instead
 * @error: return location for a #GError
 *
 * Sets `SO_LINGER`, gen_sctp's `{linger, {Enabled, Seconds}}`.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_linger (GSctpSocket *self,
                         gboolean enabled,
                         guint seconds,
                         GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!check_open (self, error))
    return FALSE;
  return gsctp_kernel_set_linger (self->fd, enabled, seconds, error);
}

/**
 * gsctp_socket_subscribe:
 * @self: a #GSctpSocket
 * @event: the kind of event
 * @assoc_id: one association, or 0 for the socket's current and future
 *   associations
 * @enabled: whether to receive the event
 * @error: return location for a #GError
 *
 * Subscribes to an event, or unsubscribes from it, with `SCTP_EVENT` (the
 * old `SCTP_EVENTS` struct on kernels without it, endpoint-wide only).
 * Subscribed events are returned by receives in order with the data and
 * emitted as signals.
 *
 * A new socket is subscribed to what gen_sctp subscribes to:
 * association changes, peer-address changes, send failures, remote errors,
 * shutdowns and partial-delivery events; not to adaptation indications,
 * authentication, sender-dry (it fires each time the send queue drains)
 * or the stream reconfiguration events.
 *
 * Association changes are always read, because connects depend on them;
 * unsubscribing hides them from receives and signals (and only for the
 * whole socket).
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_subscribe (GSctpSocket *self,
                        GSctpEventType event,
                        GSctpAssocId assoc_id,
                        gboolean enabled,
                        GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (event > GSCTP_EVENT_TYPE_NONE && event < GSCTP_N_EVENT_TYPES, FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (event == GSCTP_EVENT_TYPE_ASSOC_CHANGE)
    {
      if (assoc_id != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Association changes are subscribed for the whole socket");
          return FALSE;
        }
      g_mutex_lock (&self->lock);
      self->assoc_change_hidden = !enabled;
      g_mutex_unlock (&self->lock);
      return TRUE;
    }
  return gsctp_kernel_subscribe (self->fd, self->type, assoc_id, event,
                                 enabled, error);
}

/**
 * gsctp_socket_get_subscribed:
 * @self: a #GSctpSocket
 * @event: the kind of event
 * @assoc_id: one association, or 0 for the socket's future associations
 * @error: return location for a #GError
 *
 * Reads back a subscription from the kernel.
 *
 * Returns: whether the event is subscribed; %FALSE with @error set if it
 *   could not be read
 */
gboolean
gsctp_socket_get_subscribed (GSctpSocket *self,
                             GSctpEventType event,
                             GSctpAssocId assoc_id,
                             GError **error)
{
  gboolean enabled = FALSE;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (event > GSCTP_EVENT_TYPE_NONE && event < GSCTP_N_EVENT_TYPES, FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (event == GSCTP_EVENT_TYPE_ASSOC_CHANGE)
    {
      g_mutex_lock (&self->lock);
      enabled = !self->assoc_change_hidden;
      g_mutex_unlock (&self->lock);
      return enabled;
    }
  if (!gsctp_kernel_is_subscribed (self->fd, assoc_id, event, &enabled, error))
    return FALSE;
  return enabled;
}

/* ------------------------------------------------------------------ */
/* Connecting                                                          */

/* Called with the lock held: starts an association and registers it as
 * pending, so that whoever reads its association change keeps it. */
static PendingConnect *
start_connect (GSctpSocket *self,
               GSocketAddress * const *addresses,
               guint n_addresses,
               const GSctpInitMsg *init_msg,
               GError **error)
{
  int fd = self->fd;
  PendingConnect *pending;
  GSctpAssocId assoc_id;
  gboolean in_progress;

  if (!check_open (self, error) || !check_families (self, addresses, n_addresses, error))
    return NULL;
  if (init_msg != NULL && !gsctp_kernel_set_init_msg (fd, init_msg, error))
    return NULL;
  if (!gsctp_kernel_connect (fd, addresses, n_addresses, &assoc_id, &in_progress, error))
    return NULL;

  pending = g_new0 (PendingConnect, 1);
  pending->assoc_id = assoc_id;
  g_hash_table_insert (self->connects, GINT_TO_POINTER (assoc_id), pending);
  return pending;
}

static void
abort_association (GSctpSocket *self,
                   GSctpAssocId assoc_id)
{
  GSctpSndInfo info = { .assoc_id = assoc_id, .flags = GSCTP_SEND_FLAGS_ABORT };

  gsctp_kernel_send (self->fd, &info, NULL, NULL, 0, NULL);
}


/**
 * gsctp_socket_associate:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): the peer's addresses; with
 *   several, the first one that answers sets up the association
 *   (`sctp_connectx()`)
 * @n_addresses: the number of @addresses
 * @init_msg: (nullable): stream counts and INIT retransmission for this
 *   and later associations, as gen_sctp's `{sctp_initmsg, …}` option
 * @timeout_ms: how long to wait, in milliseconds; -1 waits until the
 *   kernel gives up (about 4.5 minutes with RFC 9260 defaults)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Establishes an association with a peer and waits until it is up, as
 * gen_sctp's `connect/4,5`. A one-to-many socket may hold associations
 * with several peers.
 *
 * When the peer refuses the association or does not answer, fails with
 * %GSCTP_ERROR_CANT_ASSOCIATE (a one-to-many socket learns it from the
 * `cant-assoc` event) or the %G_IO_ERROR of a one-to-one socket. On timeout
 * (%G_IO_ERROR_TIMED_OUT) or cancellation the half-made association is
 * aborted. Either way [signal@Gsctp.Socket::association-change] is
 * emitted as well.
 *
 * Returns: (transfer full): the association change of the new association,
 *   its state %GSCTP_ASSOC_STATE_COMM_UP; %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate (GSctpSocket *self,
                      GSocketAddress * const *addresses,
                      guint n_addresses,
                      const GSctpInitMsg *init_msg,
                      int timeout_ms,
                      GCancellable *cancellable,
                      GError **error)
{
  Deferred deferred = { NULL };
  Deadline deadline = DEADLINE_INIT (timeout_ms);
  GSctpAssocChange *result = NULL;
  PendingConnect *pending;
  GError *local_error = NULL;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (addresses != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  pending = start_connect (self, addresses, n_addresses, init_msg, error);
  if (pending == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }

  while (pending->result == NULL)
    {
      GSctpMessage *message;

      ReadResult read = read_message (self, &message, &deferred, &local_error);

      if (read == READ_DONE)
        {
          if (message != NULL)
            {
              g_queue_push_tail (&self->inbox, message);
              if (self->receive_tasks.length > 0)
                schedule_delivery (self);
            }
          continue;
        }
      if (read == READ_FAILED)
        break;

      if (!deferred_is_empty (&deferred))
        {
          g_mutex_unlock (&self->lock);
          deferred_run (self, &deferred);
          g_mutex_lock (&self->lock);
          continue;
        }
      if (!wait_unlocked_for (self, G_IO_IN, deadline_get (&deadline), cancellable, &local_error))
        break;
    }

  g_hash_table_remove (self->connects, GINT_TO_POINTER (pending->assoc_id));
  if (pending->result != NULL)
    {
      result = g_steal_pointer (&pending->result);
      g_clear_error (&local_error);
    }
  else if (!self->closed)
    abort_association (self, pending->assoc_id);
  g_mutex_unlock (&self->lock);
  pending_connect_free (pending);
  deferred_run (self, &deferred);

  if (result == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return connect_result (result, error);
}

static gboolean
connect_cancelled_cb (GCancellable *cancellable,
                      gpointer user_data)
{
  GTask *task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  PendingConnect *pending = g_task_get_task_data (task);
  gboolean found;

  g_mutex_lock (&self->lock);
  found = g_hash_table_steal (self->connects, GINT_TO_POINTER (pending->assoc_id));
  if (found)
    {
      self->n_connects_reading--;
      abort_association (self, pending->assoc_id);
    }
  g_mutex_unlock (&self->lock);

  if (found)
    {
      g_task_set_task_data (task, NULL, NULL);
      pending->task = NULL;
      pending_connect_free (pending);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/**
 * gsctp_socket_associate_async:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): the peer's addresses
 * @n_addresses: the number of @addresses
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the association is up or failed
 * @user_data: data for @callback
 *
 * Starts what [method@Gsctp.Socket.associate] does, without blocking. There
 * is no timeout: the kernel gives up after its INIT retransmissions; use
 * @cancellable to give up sooner (the half-made association is aborted).
 */
void
gsctp_socket_associate_async (GSctpSocket *self,
                            GSocketAddress * const *addresses,
                            guint n_addresses,
                            const GSctpInitMsg *init_msg,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  PendingConnect *pending;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (addresses != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_associate_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->lock);
  pending = start_connect (self, addresses, n_addresses, init_msg, &error);
  if (pending == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_error (task, error);
      return;
    }
  pending->task = g_object_ref (task);
  g_task_set_task_data (task, pending, NULL);
  if (cancellable != NULL)
    {
      pending->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (pending->cancel_source, G_SOURCE_FUNC (connect_cancelled_cb), task, NULL);
      g_source_attach (pending->cancel_source, g_task_get_context (task));
    }
  self->n_connects_reading++;
  ensure_reading (self);
  g_mutex_unlock (&self->lock);
}

/**
 * gsctp_socket_associate_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.associate_async].
 *
 * Returns: (transfer full): the association change of the new association,
 *   or %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate_finish (GSctpSocket *self,
                             GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_associate_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gsctp_socket_associate_init:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): the peer's addresses
 * @n_addresses: the number of @addresses
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @error: return location for a #GError
 *
 * Starts an association and returns at once, as gen_sctp's
 * `connect_init/4,5`: its result is an event like any other, returned by
 * receives (or emitted as [signal@Gsctp.Socket::message] in an active
 * mode) and emitted as [signal@Gsctp.Socket::association-change].
 *
 * Returns: the id of the association being set up, or 0 with @error set
 */
GSctpAssocId
gsctp_socket_associate_init (GSctpSocket *self,
                             GSocketAddress * const *addresses,
                             guint n_addresses,
                             const GSctpInitMsg *init_msg,
                             GError **error)
{
  PendingConnect *pending;
  GSctpAssocId assoc_id = 0;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), 0);
  g_return_val_if_fail (addresses != NULL, 0);

  g_mutex_lock (&self->lock);
  pending = start_connect (self, addresses, n_addresses, init_msg, error);
  if (pending != NULL)
    {
      pending->fire_and_forget = TRUE;
      self->n_connects_reading++;
      ensure_reading (self);
      assoc_id = pending->assoc_id;
    }
  g_mutex_unlock (&self->lock);
  return assoc_id;
}

/* Every address of @host that the socket's family can reach. */
static GSocketAddress **
host_addresses (GSctpSocket *self,
                GList *inet_addresses,
                guint16 port,
                guint *n_addresses)
{
  GPtrArray *array = g_ptr_array_new ();

  for (GList *l = inet_addresses; l != NULL; l = l->next)
    {
      GInetAddress *address = l->data;

      if (self->family == G_SOCKET_FAMILY_IPV4 &&
          g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
        continue;
      g_ptr_array_add (array, g_inet_socket_address_new (address, port));
    }
  *n_addresses = array->len;
  g_ptr_array_add (array, NULL);
  return (GSocketAddress **) g_ptr_array_free (array, FALSE);
}

static void
free_addresses (GSocketAddress **addresses)
{
  for (GSocketAddress **a = addresses; a != NULL && *a != NULL; a++)
    g_object_unref (*a);
  g_free (addresses);
}

static gboolean
check_resolved (const char *host,
                guint n_addresses,
                GError **error)
{
  if (n_addresses > 0)
    return TRUE;
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
               "Host “%s” has no address of the socket's family", host);
  return FALSE;
}

/**
 * gsctp_socket_associate_to_host:
 * @self: a #GSctpSocket
 * @host: a host name or an IPv4 or IPv6 address in text
 * @port: the peer's port
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @timeout_ms: how long to wait for the association, in milliseconds, -1
 *   for as long as the kernel tries
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Resolves @host and connects to all its addresses, as gen_sctp's
 * `connect/5` given a host name. The name is resolved with #GResolver,
 * which blocks this thread; use the async form in a main loop.
 *
 * Returns: (transfer full): as [method@Gsctp.Socket.associate]
 */
GSctpAssocChange *
gsctp_socket_associate_to_host (GSctpSocket *self,
                              const char *host,
                              guint16 port,
                              const GSctpInitMsg *init_msg,
                              int timeout_ms,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autoptr(GResolver) resolver = NULL;
  GList *inet_addresses;
  GSocketAddress **addresses;
  GSctpAssocChange *result = NULL;
  guint n_addresses;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  resolver = g_resolver_get_default ();
  inet_addresses = g_resolver_lookup_by_name (resolver, host, cancellable, error);
  if (inet_addresses == NULL)
    return NULL;
  addresses = host_addresses (self, inet_addresses, port, &n_addresses);
  g_resolver_free_addresses (inet_addresses);
  if (check_resolved (host, n_addresses, error))
    result = gsctp_socket_associate (self, addresses, n_addresses, init_msg, timeout_ms,
                                   cancellable, error);
  free_addresses (addresses);
  return result;
}

typedef struct
{
  char *host;
  guint16 port;
  GSctpInitMsg *init_msg;
} HostConnect;

static void
host_connect_free (gpointer data)
{
  HostConnect *hc = data;

  g_free (hc->host);
  g_clear_pointer (&hc->init_msg, gsctp_init_msg_free);
  g_free (hc);
}

static void
host_connected_cb (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GSctpAssocChange *change;

  change = gsctp_socket_associate_finish (GSCTP_SOCKET (source), result, &error);
  if (change == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, change, (GDestroyNotify) gsctp_assoc_change_free);
}

static void
host_resolved_cb (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  HostConnect *hc = g_task_get_task_data (task);
  GError *error = NULL;
  GList *inet_addresses;
  GSocketAddress **addresses;
  guint n_addresses;

  inet_addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (inet_addresses == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  addresses = host_addresses (self, inet_addresses, hc->port, &n_addresses);
  g_resolver_free_addresses (inet_addresses);
  if (!check_resolved (hc->host, n_addresses, &error))
    g_task_return_error (task, error);
  else
    gsctp_socket_associate_async (self, addresses, n_addresses, hc->init_msg,
                                g_task_get_cancellable (task), host_connected_cb,
                                g_object_ref (task));
  free_addresses (addresses);
}

/**
 * gsctp_socket_associate_to_host_async:
 * @self: a #GSctpSocket
 * @host: a host name or an IPv4 or IPv6 address in text
 * @port: the peer's port
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the association is up or failed
 * @user_data: data for @callback
 *
 * Resolves @host without blocking, then does what
 * [method@Gsctp.Socket.associate_async] does with all its addresses.
 */
void
gsctp_socket_associate_to_host_async (GSctpSocket *self,
                                    const char *host,
                                    guint16 port,
                                    const GSctpInitMsg *init_msg,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr(GResolver) resolver = NULL;
  GTask *task;
  HostConnect *hc;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (host != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_associate_to_host_async);
  hc = g_new0 (HostConnect, 1);
  hc->host = g_strdup (host);
  hc->port = port;
  hc->init_msg = init_msg ? gsctp_init_msg_copy (init_msg) : NULL;
  g_task_set_task_data (task, hc, host_connect_free);

  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, host, cancellable, host_resolved_cb, task);
}

/**
 * gsctp_socket_associate_to_host_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.associate_to_host_async].
 *
 * Returns: (transfer full): the association change of the new association,
 *   or %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate_to_host_finish (GSctpSocket *self,
                                     GAsyncResult *result,
                                     GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_associate_to_host_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Sending                                                             */

/* The kernel says EINVAL for many things; name the common one. */
static void
explain_send_error (GSctpSocket *self,
                    const GSctpSndInfo *info,
                    GError **error)
{
  const GSctpAssocChange *assoc = NULL;

  if (error == NULL || *error == NULL)
    return;

  g_mutex_lock (&self->lock);
  if (self->type == GSCTP_SOCKET_TYPE_STREAM)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->associations);
      if (g_hash_table_iter_next (&iter, NULL, &value))
        assoc = value;
    }
  else
    assoc = g_hash_table_lookup (self->associations, GINT_TO_POINTER (info->assoc_id));

  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) &&
      assoc != NULL && info->stream >= assoc->outbound_streams)
    {
      g_clear_error (error);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM,
                   "Stream %u is not below the %u outbound streams of association %d",
                   info->stream, assoc->outbound_streams, assoc->assoc_id);
    }
  /* A one-to-many socket says EPIPE when the association is gone, even
   * before the socket has read that it ended. */
  else if (self->type == GSCTP_SOCKET_TYPE_SEQPACKET &&
           (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
            (assoc == NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))))
    {
      g_clear_error (error);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                   "The socket has no association %d", info->assoc_id);
    }
  g_mutex_unlock (&self->lock);
}

static gssize
try_send (GSctpSocket *self,
          const GSctpSndInfo *info,
          GSocketAddress *address,
          const void *data,
          gsize size,
          GError **error)
{
  gssize sent;

  if (address != NULL && !check_families (self, &address, 1, error))
    return -1;
  sent = gsctp_kernel_send (self->fd, info, address, data, size, error);
  if (sent == -1)
    explain_send_error (self, info, error);
  return sent;
}

/**
 * gsctp_socket_send:
 * @self: a #GSctpSocket
 * @info: stream, flags, PPID, context, time-to-live and association
 * @address: (nullable): a peer address: with %GSCTP_SEND_FLAGS_ADDR_OVER,
 *   the path to send on; on a one-to-many socket without an association,
 *   the peer to set one up with implicitly
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends one message (`sendmsg()` with RFC 6458's `SCTP_SNDINFO`), as
 * gen_sctp's `send/3`. The message is sent whole or not at all. When the
 * send buffer is full, waits until it has room, without spinning.
 *
 * A stream at or above the association's outbound streams fails with
 * %GSCTP_ERROR_INVALID_STREAM; an association that is gone with
 * %GSCTP_ERROR_NO_ASSOCIATION.
 *
 * Returns: %TRUE if the message was handed to the kernel
 */
gboolean
gsctp_socket_send (GSctpSocket *self,
                   const GSctpSndInfo *info,
                   GSocketAddress *address,
                   GBytes *data,
                   GCancellable *cancellable,
                   GError **error)
{
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (address == NULL || G_IS_SOCKET_ADDRESS (address), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_bytes_get_data (data, &size);
  for (;;)
    {
      gboolean ready;
      gssize sent;

      if ((cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
          !check_open (self, error))
        return FALSE;
      sent = try_send (self, info, address, bytes, size, error);
      if (sent >= 0)
        return TRUE;
      if (sent != GSCTP_KERNEL_WOULD_BLOCK)
        return FALSE;
      g_mutex_lock (&self->lock);
      ready = wait_unlocked_for (self, G_IO_OUT, -1, cancellable, error);
      g_mutex_unlock (&self->lock);
      if (!ready)
        return FALSE;
    }
}

/**
 * gsctp_socket_send_to_stream:
 * @self: a #GSctpSocket
 * @assoc_id: the association (ignored on one-to-one sockets)
 * @stream: the stream
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends one message on a stream with the association's default PPID,
 * flags, context and time-to-live
 * ([method@Gsctp.Socket.set_default_send_param]), as gen_sctp's `send/4`.
 * Reading the defaults costs a system call; [method@Gsctp.Socket.send]
 * with its own send info does not.
 *
 * Returns: %TRUE if the message was handed to the kernel
 */
gboolean
gsctp_socket_send_to_stream (GSctpSocket *self,
                             GSctpAssocId assoc_id,
                             guint16 stream,
                             GBytes *data,
                             GCancellable *cancellable,
                             GError **error)
{
  g_autoptr(GSctpSndInfo) info = NULL;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  info = gsctp_socket_get_default_send_param (self, assoc_id, NULL);
  if (info == NULL)
    info = gsctp_snd_info_new (assoc_id, stream, 0);
  info->assoc_id = assoc_id;
  info->stream = stream;
  return gsctp_socket_send (self, info, NULL, data, cancellable, error);
}

static void
send_data_free (gpointer data)
{
  SendData *send = data;

  g_clear_object (&send->address);
  g_bytes_unref (send->data);
  g_clear_error (&send->error);
  g_free (send);
}

static gboolean on_writable (GSocket *socket, GIOCondition condition, gpointer user_data);

/* Called with the lock held. */
static void
ensure_writing (GSctpSocket *self)
{
  if (self->send_tasks.length == 0 || self->write_source != NULL || self->closed)
    return;
  self->write_source = g_socket_create_source (self->socket, G_IO_OUT, NULL);
  g_source_set_callback (self->write_source, G_SOURCE_FUNC (on_writable), self, NULL);
  g_source_set_static_name (self->write_source, "GSctpSocket writer");
  g_source_attach (self->write_source, self->context);
}

/* Called with the lock held: sends queued messages in order until the
 * buffer is full; the finished tasks go to @done. */
static void
flush_sends (GSctpSocket *self,
             GPtrArray *done)
{
  GTask *task;

  while ((task = g_queue_peek_head (&self->send_tasks)) != NULL)
    {
      SendData *send = g_task_get_task_data (task);
      gconstpointer bytes;
      gsize size;

      bytes = g_bytes_get_data (send->data, &size);
      if (gsctp_kernel_send (self->fd, &send->info, send->address,
                             bytes, size, &send->error) == GSCTP_KERNEL_WOULD_BLOCK)
        break;
      g_queue_pop_head (&self->send_tasks);
      account_queued (self, -(gssize) size);
      g_ptr_array_add (done, task);
    }

  ensure_writing (self);
}

/* Called without the lock. */
static void
complete_sends (GSctpSocket *self,
                GPtrArray *done)
{
  for (guint i = 0; i < done->len; i++)
    {
      GTask *task = g_ptr_array_index (done, i);
      SendData *send = g_task_get_task_data (task);
      GError *error = g_steal_pointer (&send->error);

      if (send->cancel_source != NULL)
        {
          g_source_destroy (send->cancel_source);
          g_clear_pointer (&send->cancel_source, g_source_unref);
        }
      if (error != NULL)
        {
          explain_send_error (self, &send->info, &error);
          g_task_return_error (task, error);
        }
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static gboolean
on_writable (GSocket *socket,
             GIOCondition condition,
             gpointer user_data)
{
  GSctpSocket *self = user_data;
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  g_object_ref (self);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->write_source, g_source_unref);
  flush_sends (self, done);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done);
  notify_send_queue (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gboolean
send_cancelled_cb (GCancellable *cancellable,
                   gpointer user_data)
{
  GTask *task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  gboolean found;

  SendData *send = g_task_get_task_data (task);

  g_mutex_lock (&self->lock);
  found = g_queue_remove (&self->send_tasks, task);
  if (found)
    account_queued (self, -(gssize) g_bytes_get_size (send->data));
  g_mutex_unlock (&self->lock);
  notify_send_queue (self);
  if (found)
    {

      g_clear_pointer (&send->cancel_source, g_source_unref);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/**
 * gsctp_socket_send_async:
 * @self: a #GSctpSocket
 * @info: stream, flags, PPID, context, time-to-live and association
 * @address: (nullable): a peer address, as for [method@Gsctp.Socket.send]
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the message is handed to the
 *   kernel, or failed
 * @user_data: data for @callback
 *
 * Sends one message without blocking: when the send buffer is full, the
 * message waits in order behind earlier async sends until the socket is
 * writable. This is the back-pressure of a main-loop program: start the
 * next send from the callback.
 */
void
gsctp_socket_send_async (GSctpSocket *self,
                         const GSctpSndInfo *info,
                         GSocketAddress *address,
                         GBytes *data,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  GTask *task;
  SendData *send;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (data != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_send_async);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  send = g_new0 (SendData, 1);
  send->info = *info;
  send->address = address ? g_object_ref (address) : NULL;
  send->data = g_bytes_ref (data);
  g_task_set_task_data (task, send, send_data_free);

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&self->send_tasks, task);
  account_queued (self, g_bytes_get_size (data));
  if (cancellable != NULL)
    {
      send->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (send->cancel_source, G_SOURCE_FUNC (send_cancelled_cb), task, NULL);
      g_source_attach (send->cancel_source, g_task_get_context (task));
    }
  if (self->send_tasks.length == 1)
    flush_sends (self, done);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done);
  notify_send_queue (self);
}

/**
 * gsctp_socket_send_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.send_async].
 *
 * Returns: %TRUE if the message was handed to the kernel
 */
gboolean
gsctp_socket_send_finish (GSctpSocket *self,
                          GAsyncResult *result,
                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_send_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Receiving                                                           */

/**
 * gsctp_socket_receive:
 * @self: a #GSctpSocket
 * @timeout_ms: how long to wait for a message, in milliseconds; 0 does not
 *   wait, -1 waits for ever
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives the next whole message or event, from any association, as
 * gen_sctp's `recv/2`: [method@Gsctp.Message.is_event] tells which. Events
 * are also emitted as signals.
 *
 * Fails with %G_IO_ERROR_TIMED_OUT when @timeout_ms passes (with 0:
 * %G_IO_ERROR_WOULD_BLOCK when no message is waiting), with
 * %G_IO_ERROR_CLOSED when the socket is closed meanwhile, and with
 * %G_IO_ERROR_CONNECTION_CLOSED on a one-to-one socket whose association
 * has ended.
 *
 * Returns: (transfer full): the message, or %NULL on error
 */
GSctpMessage *
gsctp_socket_receive (GSctpSocket *self,
                      int timeout_ms,
                      GCancellable *cancellable,
                      GError **error)
{
  Deferred deferred = { NULL };
  Deadline deadline = DEADLINE_INIT (timeout_ms);
  GSctpMessage *message = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      if ((cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, &local_error)) ||
          !check_open (self, &local_error))
        break;
      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE)
        {
          g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "The socket is in an active mode: messages come as signals");
          break;
        }
      if (self->inbox.length > 0)
        {
          message = g_queue_pop_head (&self->inbox);
          break;
        }
      if (self->ended)
        {
          local_error = association_ended_error ();
          break;
        }
      switch (read_message (self, &message, &deferred, &local_error))
        {
        case READ_DONE:
          if (message != NULL)
            goto done;
          continue;
        case READ_FAILED:
          goto done;
        case READ_WOULD_BLOCK:
          break;
        }
      if (timeout_ms == 0)
        {
          g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "No message waiting");
          break;
        }
      if (!deferred_is_empty (&deferred))
        {
          g_mutex_unlock (&self->lock);
          deferred_run (self, &deferred);
          g_mutex_lock (&self->lock);
          continue;
        }
      if (!wait_unlocked_for (self, G_IO_IN, deadline_get (&deadline), cancellable, &local_error))
        break;
    }
done:
  g_mutex_unlock (&self->lock);
  deferred_run (self, &deferred);

  if (message == NULL)
    g_propagate_error (error, local_error);
  return message;
}

static gboolean
receive_cancelled_cb (GCancellable *cancellable,
                      gpointer user_data)
{
  GTask *task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  gboolean found;

  g_mutex_lock (&self->lock);
  found = g_queue_remove (&self->receive_tasks, task);
  g_mutex_unlock (&self->lock);
  if (found)
    {
      task_destroy_cancel_source (task);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/**
 * gsctp_socket_receive_async:
 * @self: a #GSctpSocket
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the next message, or an error
 * @user_data: data for @callback
 *
 * Receives the next whole message without blocking. Several receives may
 * wait at once; they get messages in the order they were started.
 */
void
gsctp_socket_receive_async (GSctpSocket *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr(GPtrArray) delivered = g_ptr_array_new ();
  GTask *task;

  g_return_if_fail (GSCTP_IS_SOCKET (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_receive_async);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&self->lock);
  if (self->closed || self->active != GSCTP_ACTIVE_MODE_PASSIVE ||
      (self->ended && self->inbox.length == 0))
    {
      GError *error = self->closed ? g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed")
                    : self->ended ? association_ended_error ()
                    : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY,
                                           "The socket is in an active mode: messages come as signals");

      g_mutex_unlock (&self->lock);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&self->receive_tasks, task);
  if (cancellable != NULL)
    {
      GSource **cancel_source = g_new0 (GSource *, 1);

      *cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (*cancel_source, G_SOURCE_FUNC (receive_cancelled_cb), task, NULL);
      g_source_attach (*cancel_source, g_task_get_context (task));
      g_task_set_task_data (task, cancel_source, g_free);
    }
  match_receives (self, delivered);
  ensure_reading (self);
  g_mutex_unlock (&self->lock);
  complete_receives (delivered);
}

/**
 * gsctp_socket_receive_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.receive_async].
 *
 * Returns: (transfer full): the message, or %NULL on error
 */
GSctpMessage *
gsctp_socket_receive_finish (GSctpSocket *self,
                             GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_receive_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Ending associations and the socket                                  */

/* Sockets made with SOCK_STREAM refuse SCTP_ABORT and SCTP_EOF; peeled-off
 * ones, which the kernel keeps one-to-many underneath, take them and
 * ignore shutdown(). */
static gboolean
accepts_control_flags (GSctpSocket *self)
{
  return self->peeled;
}

static gboolean
send_control (GSctpSocket *self,
              GSctpAssocId assoc_id,
              GSctpSendFlags flags,
              GError **error)
{
  GSctpSndInfo info = { .assoc_id = assoc_id, .flags = flags };
  gssize sent = try_send (self, &info, NULL, NULL, 0, error);

  if (sent == GSCTP_KERNEL_WOULD_BLOCK)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                         "The send buffer is full; try again when it drains");
  return sent >= 0;
}

/**
 * gsctp_socket_abort:
 * @self: a #GSctpSocket
 * @assoc_id: the association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Ends an association at once, dropping unsent data and telling the peer
 * with an ABORT chunk, as gen_sctp's `abort/2`. A one-to-many socket stays
 * usable, with its other associations.
 *
 * The kernel has no abort for the one association of a one-to-one socket
 * but closing it with zero linger: on such a socket this closes it, as
 * [method@Gsctp.Socket.close] after [method@Gsctp.Socket.set_linger] with
 * 0 seconds.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_abort (GSctpSocket *self,
                    GSctpAssocId assoc_id,
                    GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (self->type == GSCTP_SOCKET_TYPE_STREAM && !accepts_control_flags (self))
    {
      if (!gsctp_kernel_set_linger (self->fd, TRUE, 0, error))
        return FALSE;
      return gsctp_socket_close (self, error);
    }
  return send_control (self, assoc_id, GSCTP_SEND_FLAGS_ABORT, error);
}

/**
 * gsctp_socket_shutdown:
 * @self: a #GSctpSocket
 * @assoc_id: the association (ignored on one-to-one sockets)
 * @error: return location for a #GError
 *
 * Ends an association gracefully after the data already queued is
 * delivered, as gen_sctp's `eof/2`. The socket stays usable; the end is
 * reported as [signal@Gsctp.Socket::association-change] with
 * %GSCTP_ASSOC_STATE_SHUTDOWN_COMP. On a one-to-one socket this is
 * `shutdown(SHUT_WR)`: the peer then reads the end of the association.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_shutdown (GSctpSocket *self,
                       GSctpAssocId assoc_id,
                       GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (self->type == GSCTP_SOCKET_TYPE_STREAM && !accepts_control_flags (self))
    return gsctp_kernel_shutdown_write (self->fd, error);
  return send_control (self, assoc_id, GSCTP_SEND_FLAGS_EOF, error);
}

/**
 * gsctp_socket_peeloff:
 * @self: a one-to-many #GSctpSocket
 * @assoc_id: one of its associations
 * @error: return location for a #GError
 *
 * Moves an association to a new one-to-one socket (`sctp_peeloff()`), as
 * gen_sctp's `peeloff/2`. The new socket keeps the options of @self,
 * emits its signals in the caller's thread-default main context, and
 * takes the association's messages that @self had read but not yet
 * returned.
 *
 * Returns: (transfer full): the new socket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_peeloff (GSctpSocket *self,
                      GSctpAssocId assoc_id,
                      GError **error)
{
  GSctpSocket *peeled;
  GSctpAssocChange *assoc;
  int fd;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);

  if (self->type != GSCTP_SOCKET_TYPE_SEQPACKET)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Only one-to-many sockets can peel off an association");
      return NULL;
    }

  g_mutex_lock (&self->lock);
  if (!check_open (self, error))
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  fd = gsctp_kernel_peeloff (self->fd, assoc_id, error);
  if (fd < 0)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  peeled = gsctp_socket_new_from_fd (fd, error);
  if (peeled == NULL)
    {
      close (fd);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  /* A peeled-off socket says SOCK_SEQPACKET but is one-to-one. */
  peeled->type = GSCTP_SOCKET_TYPE_STREAM;
  peeled->peeled = TRUE;
  /* The kernel moves its own options with the association; these are
   * gsctp's. */
  peeled->assoc_change_hidden = self->assoc_change_hidden;
  peeled->active = self->active;
  peeled->active_count = self->active_count;
  peeled->buffer_initial = self->buffer_initial;
  peeled->high_watermark = self->high_watermark;
  peeled->low_watermark = self->low_watermark;
  if (peeled->active != GSCTP_ACTIVE_MODE_PASSIVE)
    {
      g_mutex_lock (&peeled->lock);
      ensure_reading (peeled);
      g_mutex_unlock (&peeled->lock);
    }

  if (g_hash_table_steal_extended (self->associations, GINT_TO_POINTER (assoc_id),
                                   NULL, (gpointer *) &assoc))
    g_hash_table_insert (peeled->associations, GINT_TO_POINTER (assoc_id), assoc);
  for (GList *l = self->inbox.head; l != NULL;)
    {
      GList *next = l->next;

      if (gsctp_message_get_assoc_id (l->data) == assoc_id)
        {
          g_queue_push_tail (&peeled->inbox, l->data);
          g_queue_delete_link (&self->inbox, l);
        }
      l = next;
    }
  g_mutex_unlock (&self->lock);
  gsctp_socket_options_copy (self, peeled);
  return peeled;
}

/* Called without the lock. */
static void
close_internal (GSctpSocket *self)
{
  g_autoptr(GError) closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "Socket is closed");
  g_autoptr(GPtrArray) connects = g_ptr_array_new ();
  g_autoptr(GPtrArray) sends = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  GTask *task;

  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  wake_waiters (self);
  stop_reading (self);
  if (self->write_source != NULL)
    {
      g_source_destroy (self->write_source);
      g_clear_pointer (&self->write_source, g_source_unref);
    }
  g_hash_table_iter_init (&iter, self->connects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PendingConnect *pending = value;

      /* Synchronous connects see the close themselves. */
      if (pending->task == NULL && !pending->fire_and_forget)
        continue;
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (connects, pending);
    }
  self->n_connects_reading = 0;
  while ((task = g_queue_pop_head (&self->send_tasks)) != NULL)
    g_ptr_array_add (sends, task);
  g_socket_close (self->socket, NULL);
  g_mutex_unlock (&self->lock);

  fail_receives (self, closed);
  for (guint i = 0; i < sends->len; i++)
    {
      SendData *send;

      task = g_ptr_array_index (sends, i);
      send = g_task_get_task_data (task);
      if (send->cancel_source != NULL)
        {
          g_source_destroy (send->cancel_source);
          g_clear_pointer (&send->cancel_source, g_source_unref);
        }
      g_task_return_error (task, g_error_copy (closed));
      g_object_unref (task);
    }
  for (guint i = 0; i < connects->len; i++)
    {
      PendingConnect *pending = g_ptr_array_index (connects, i);

      task = g_steal_pointer (&pending->task);
      pending_connect_free (pending);
      if (task != NULL)
        {
          g_task_return_error (task, g_error_copy (closed));
          g_object_unref (task);
        }
    }
}

/**
 * gsctp_socket_close:
 * @self: a #GSctpSocket
 * @error: return location for a #GError
 *
 * Closes the socket and all its associations, as gen_sctp's `close/1`.
 * Queued data is still delivered gracefully in the background, unless
 * [method@Gsctp.Socket.set_linger] says otherwise: linger with 0 seconds
 * aborts every association; with more, a one-to-one socket's close waits
 * up to that long for the shutdown to complete.
 *
 * Every pending operation, in any thread, fails with %G_IO_ERROR_CLOSED.
 * Closing twice is not an error. The last unref closes an open socket.
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_close (GSctpSocket *self,
                    GError **error)
{
  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  if (!gsctp_socket_is_closed (self))
    close_internal (self);
  return TRUE;
}
