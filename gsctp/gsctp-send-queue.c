/* gsctp-send-queue.c: GSctpSocket's async sends and their queue, with
 * its watermarks
 *
 * Async sends wait in order behind each other; a full send buffer makes
 * them wait for the endpoint to become writable, never spin. Those made
 * in one dispatch of the socket's context after the first are held for
 * the end of it (gsctp-burst.c), to go in batches.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-burst.h"
#include "gsctp-socket-private.h"

/* A queued async send. Without a task it is one nobody waits for (no
 * callback, no cancellable): it costs no GTask. */
typedef struct
{
  GList link;                   /* in the queue; its data is the send */
  GTask *task;
  GSource *cancel_source;
  GSctpSndInfo info;
  GSocketAddress *address;
  GBytes *data;
  GError *error;
} SendData;

/* Called with the lock held: follows the bytes of queued async sends
 * against the watermarks, and marks a change for notify_send_queue().
 * Those a burst holds are not waiting for room: they do not count. */
static void
account_queued (GSctpSocket *self,
                gssize delta)
{
  gsize waiting;
  gboolean full;

  self->queued_bytes += delta;
  waiting = self->queued_bytes - MIN (self->held_bytes, self->queued_bytes);
  if (self->send_queue_full)
    full = waiting > self->low_watermark;
  else
    full = waiting >= self->high_watermark;
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
    g_object_notify (G_OBJECT (self), "send-queue-full");
}

/* Called with the lock held: whether send-queue-full changed. */
static gboolean
take_notify (GSctpSocket *self)
{
  gboolean notify = self->notify_send_queue;

  self->notify_send_queue = FALSE;
  return notify;
}

/* Shells of finished sends kept for the next ones, at most: a burst
 * allocates nothing once the socket has sent one. */
#define SPARE_SENDS 64

/* Called with the lock held. */
static SendData *
send_data_take (GSctpSocket *self)
{
  SendData *send = self->spare_sends;

  if (send != NULL)
    {
      self->spare_sends = send->link.next;
      self->n_spare_sends--;
    }
  else
    send = g_new0 (SendData, 1);
  send->link = (GList) { send, NULL, NULL };
  return send;
}

/* Drops what @send holds, leaving an empty shell. */
static void
send_data_clear (SendData *send)
{
  if (send->cancel_source != NULL)
    {
      g_source_destroy (send->cancel_source);
      g_clear_pointer (&send->cancel_source, g_source_unref);
    }
  g_clear_object (&send->task);
  g_clear_object (&send->address);
  g_clear_pointer (&send->data, g_bytes_unref);
  g_clear_error (&send->error);
}

/* Called with the lock held: @send, cleared, is kept for a next send. */
static void
send_data_recycle (GSctpSocket *self,
                   SendData *send)
{
  if (self->n_spare_sends >= SPARE_SENDS || self->closed)
    {
      g_free (send);
      return;
    }
  send->link.next = self->spare_sends;
  self->spare_sends = send;
  self->n_spare_sends++;
}

static void
send_data_free (SendData *send)
{
  send_data_clear (send);
  g_free (send);
}

static gboolean on_writable (GIOCondition condition, gpointer user_data);

/* Called with the lock held. */
static void
ensure_writing (GSctpSocket *self)
{
  /* Sends a burst holds wait for its end, not for room. */
  if (self->queued_sends.length == self->n_held || self->write_source != NULL || self->closed)
    return;
  self->write_source = self->endpoint->backend->create_source (self->endpoint, G_IO_OUT);
  g_source_set_callback (self->write_source, G_SOURCE_FUNC (on_writable), self, NULL);
  g_source_set_static_name (self->write_source, "GSctpSocket writer");
  g_source_attach (self->write_source, self->context);
}

/* Called with the lock held: sends queued messages in order until the
 * buffer is full; the finished tasks go to @done. */
static void
send_done (GSctpSocket *self,
           GPtrArray *done,
           gboolean sent)
{
  SendData *send = g_queue_pop_head_link (&self->queued_sends)->data;
  gsize size = g_bytes_get_size (send->data);

  if (sent)
    gsctp_counter_add (&self->sent, size);
  account_queued (self, -(gssize) size);
  g_ptr_array_add (done, send);
}

/* A send whose cancellable fired before it went: its cancel source may
 * not have run yet (the burst's source goes first in an iteration). */
static inline gboolean
send_cancelled (SendData *send)
{
  return send->cancel_source != NULL &&
         g_cancellable_is_cancelled (g_task_get_cancellable (send->task));
}

/* Called with the lock held: the queue's head, cancelled, to @done with
 * its error. */
static void
drop_cancelled (GSctpSocket *self,
                GPtrArray *done)
{
  SendData *send = g_queue_pop_head_link (&self->queued_sends)->data;

  account_queued (self, -(gssize) g_bytes_get_size (send->data));
  send->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_ptr_array_add (done, send);
}

/* Several queued messages in one call of the backend's send_batch: FALSE
 * when the buffer is full. */
static gboolean
flush_batch (GSctpSocket *self,
             GPtrArray *done)
{
  SendData *first = g_queue_peek_head (&self->queued_sends);
  GSctpSendItem items[GSCTP_SEND_BATCH];
  guint n = 0;
  gssize sent;

  for (GList *l = self->queued_sends.head;
       l != NULL && n < GSCTP_SEND_BATCH && !send_cancelled (l->data); l = l->next, n++)
    {
      SendData *send = l->data;

      items[n].info = &send->info;
      items[n].address = send->address;
      items[n].data = g_bytes_get_data (send->data, &items[n].size);
    }
  sent = self->endpoint->backend->send_batch (self->endpoint, items, n, &first->error);
  if (sent == GSCTP_WOULD_BLOCK)
    return FALSE;
  /* A failure is the first message's: the rest go on. */
  for (gssize i = 0; i < MAX (sent, 1); i++)
    send_done (self, done, sent > 0);
  return TRUE;
}

static void
flush_sends (GSctpSocket *self,
             GPtrArray *done)
{
  SendData *send;

  while (!self->closed && (send = g_queue_peek_head (&self->queued_sends)) != NULL)
    {
      gconstpointer bytes;
      gssize sent;
      gsize size;

      if (G_UNLIKELY (send_cancelled (send)))
        {
          drop_cancelled (self, done);
          continue;
        }
      /* A backlog, as after a full buffer: in batches. */
      if (self->queued_sends.length > 1 && self->endpoint->backend->send_batch != NULL)
        {
          if (!flush_batch (self, done))
            break;
          continue;
        }
      bytes = g_bytes_get_data (send->data, &size);
      sent = self->endpoint->backend->send (self->endpoint, &send->info, send->address,
                                            bytes, size, &send->error);
      if (sent == GSCTP_WOULD_BLOCK)
        break;
      send_done (self, done, sent >= 0);
    }

  /* What is left waits for room, no longer for its burst. */
  g_atomic_int_set (&self->n_held, 0);
  self->held_bytes = 0;
  account_queued (self, 0);
  ensure_writing (self);
}

/* Called without the lock: returns each send's result, and tells of a
 * change of send-queue-full. */
static void
complete_sends (GSctpSocket *self,
                GPtrArray *done,
                gboolean notify)
{
  if (done == NULL || done->len == 0)
    {
      if (notify)
        g_object_notify (G_OBJECT (self), "send-queue-full");
      return;
    }
  for (guint i = 0; i < done->len; i++)
    {
      SendData *send = g_ptr_array_index (done, i);
      GError *error = g_steal_pointer (&send->error);

      if (error != NULL)
        gsctp_send_explain_error (self, &send->info, &error);
      if (send->task == NULL)
        {
          if (error != NULL)
            g_debug ("A send without a callback failed: %s", error->message);
          g_clear_error (&error);
        }
      else if (error != NULL)
        g_task_return_error (send->task, error);
      else
        g_task_return_boolean (send->task, TRUE);
      send_data_clear (send);
    }
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < done->len; i++)
    send_data_recycle (self, g_ptr_array_index (done, i));
  notify |= take_notify (self);
  g_mutex_unlock (&self->lock);
  if (notify)
    g_object_notify (G_OBJECT (self), "send-queue-full");
}

/* In the socket's context: sends what waits (when @writable) or what the
 * burst held, and completes them. */
static void
flush_in_context (GSctpSocket *self,
                  gboolean writable)
{
  g_autoptr(GPtrArray) done = NULL;

  g_object_ref (self);
  g_mutex_lock (&self->lock);
  if (writable)
    g_clear_pointer (&self->write_source, g_source_unref);
  if (writable || self->n_held > 0)
    flush_sends (self, done = g_ptr_array_new ());
  /* Sends the completions start from here join this burst. */
  if (self->burst != NULL)
    gsctp_burst_join (self->burst);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done, FALSE);
  g_object_unref (self);
}

static gboolean
on_writable (GIOCondition condition,
             gpointer user_data)
{
  flush_in_context (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
send_cancelled_cb (GCancellable *cancellable,
                   gpointer user_data)
{
  SendData *send = user_data;
  GSctpSocket *self = g_task_get_source_object (send->task);
  gboolean found;
  gint position;

  g_mutex_lock (&self->lock);
  position = g_queue_link_index (&self->queued_sends, &send->link);
  found = position >= 0;
  if (found)
    {
      gsize size = g_bytes_get_size (send->data);

      /* What a burst holds is the queue's tail. */
      if ((guint) position >= self->queued_sends.length - self->n_held)
        {
          g_atomic_int_set (&self->n_held, self->n_held - 1);
          self->held_bytes -= size;
        }
      g_queue_unlink (&self->queued_sends, &send->link);
      account_queued (self, -(gssize) size);
    }
  g_mutex_unlock (&self->lock);
  notify_send_queue (self);
  if (found)
    {
      /* This source is running: it goes with the send, not destroyed. */
      g_clear_pointer (&send->cancel_source, g_source_unref);
      g_task_return_error_if_cancelled (send->task);
      send_data_free (send);
    }
  return G_SOURCE_REMOVE;
}

/* The burst's end, in the next iteration of the socket's context: what it
 * held goes. */
static gboolean
on_burst_end (gpointer user_data)
{
  flush_in_context (user_data, FALSE);
  return G_SOURCE_CONTINUE;
}

/* Called with the lock held, the queue empty: whether an async send made
 * now waits for the rest of its burst. The first send of a burst starts
 * it, and goes. */
static gboolean
burst_holds (GSctpSocket *self)
{
  if (!gsctp_burst_in_dispatch (self->context))
    return FALSE;
  if (self->burst == NULL)
    self->burst = gsctp_burst_new (self->context, on_burst_end, self);
  return gsctp_burst_join (self->burst);
}

/* Called with the lock held. */
static void
stop_writing (GSctpSocket *self)
{
  if (self->write_source == NULL)
    return;
  g_source_destroy (self->write_source);
  g_clear_pointer (&self->write_source, g_source_unref);
}

/* Called without the lock: sends what a burst holds now, for a call that
 * must not overtake those messages or wait for them (a blocking send or
 * receive, close). */
void
gsctp_send_flush_held (GSctpSocket *self)
{
  g_autoptr(GPtrArray) done = NULL;

  if (G_LIKELY (g_atomic_int_get (&self->n_held) == 0))
    return;
  done = g_ptr_array_new ();
  g_mutex_lock (&self->lock);
  if (self->n_held > 0)
    flush_sends (self, done);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done, FALSE);
}

/* A send nobody waits for (no callback, no cancellable) that can go out
 * at once, ahead of nothing queued: sent without a GTask, whose making and
 * return through the main loop cost more than the send. @info has its
 * policy resolved. FALSE when it has to wait in the queue. A failure has
 * nobody to go to, as with a GTask without a callback. */
static gboolean
send_now (GSctpSocket *self,
          const GSctpSndInfo *info,
          GSocketAddress *address,
          GBytes *data)
{
  g_autoptr(GError) error = NULL;
  gconstpointer bytes;
  gsize size;
  gssize sent;

  bytes = g_bytes_get_data (data, &size);
  g_mutex_lock (&self->lock);
  if (self->queued_sends.length > 0 || self->closed || self->endpoint == NULL || size == 0 ||
      (address != NULL && !gsctp_check_families (self->family, &address, 1, NULL)) ||
      burst_holds (self))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  /* Under the lock: nothing can be queued before it meanwhile. */
  sent = gsctp_send_counted (self, info, address, bytes, size, &error);
  g_mutex_unlock (&self->lock);
  if (sent == GSCTP_WOULD_BLOCK)
    return FALSE;
  if (error != NULL)
    g_debug ("A send without a callback failed: %s", error->message);
  return TRUE;
}

/**
 * gsctp_socket_send_async:
 * @self: a #GSctpSocket
 * @info: stream, flags, PPID, context, time-to-live and association
 * @address: (nullable): a peer address, as for [method@Gsctp.Socket.send]
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the message is handed
 *   to the kernel, or failed; %NULL to send and forget
 * @user_data: data for @callback
 *
 * Sends one message without blocking: when the send buffer is full, the
 * message waits in order behind earlier async sends until the socket is
 * writable. This is the back-pressure of a main-loop program: start the
 * next send from the callback.
 *
 * Sends made from a callback of the socket's main context (a signal
 * handler, a completion, an idle) go out together: the first at once,
 * the next ones when the callbacks of that main-loop iteration are done,
 * or as soon as 16 are waiting, in as few system calls as the stack
 * allows (`sendmmsg()` on kernel SCTP). Order is kept, and so is each
 * completion. A blocking send, a blocking receive or a close on the socket
 * first sends those that wait. They are not waiting for room, and do not
 * count toward [property@Gsctp.Socket:high-watermark].
 *
 * Without @callback and @cancellable the send is fire-and-forget, as
 * gen_sctp's `send/3` from a process that does not wait: the cheapest way
 * to stream messages from a main loop (a message that can go out at once
 * makes no #GTask). Its back-pressure is the send queue's:
 * [property@Gsctp.Socket:send-queue-full] turns %TRUE at the high
 * watermark and back to %FALSE below the low one. A failure of such a send
 * has nobody to go to; a message the stack accepted and then could not
 * deliver still comes back as a send-failed event.
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
  g_autoptr(GPtrArray) done = NULL;
  GSctpSndInfo resolved;
  GError *error = NULL;
  GTask *task = NULL;
  SendData *send;
  gboolean notify;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (data != NULL);

  info = gsctp_send_resolve_pr (self, info, &resolved);
  if (callback != NULL || cancellable != NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, gsctp_socket_send_async);
      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }
    }
  else if (send_now (self, info, address, data))
    return;

  g_mutex_lock (&self->lock);
  if (!gsctp_socket_check_open (self, &error) ||
      !gsctp_send_check_not_empty (g_bytes_get_size (data), info, &error))
    {
      g_mutex_unlock (&self->lock);
      if (task != NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
        }
      else
        g_error_free (error);
      return;
    }
  send = send_data_take (self);
  send->task = task;
  send->info = *info;
  send->address = address ? g_object_ref (address) : NULL;
  send->data = g_bytes_ref (data);
  g_queue_push_tail_link (&self->queued_sends, &send->link);
  if (cancellable != NULL)
    {
      send->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (send->cancel_source, G_SOURCE_FUNC (send_cancelled_cb), send, NULL);
      g_source_attach (send->cancel_source, g_task_get_context (task));
    }
  if (self->queued_sends.length == 1 ? burst_holds (self) : self->n_held > 0)
    {
      /* Held for the end of the burst, or until a batch is full. */
      g_atomic_int_set (&self->n_held, self->n_held + 1);
      self->held_bytes += g_bytes_get_size (data);
      account_queued (self, g_bytes_get_size (data));
      if (self->n_held >= GSCTP_SEND_BATCH)
        flush_sends (self, done = g_ptr_array_new ());
      else
        gsctp_burst_hold (self->burst);
    }
  else
    {
      account_queued (self, g_bytes_get_size (data));
      if (self->queued_sends.length == 1)
        flush_sends (self, done = g_ptr_array_new ());
    }
  notify = take_notify (self);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done, notify);
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

/* Called with the lock held, after the socket moved to another context. */
void
gsctp_send_queue_restart (GSctpSocket *self)
{
  g_clear_pointer (&self->burst, gsctp_burst_free);
  if (self->write_source != NULL)
    {
      stop_writing (self);
      ensure_writing (self);
    }
  /* Held sends go at once there: its loop may be polling already. */
  if (self->n_held > 0)
    {
      self->burst = gsctp_burst_new (self->context, on_burst_end, self);
      gsctp_burst_hold (self->burst);
      g_main_context_wakeup (self->context);
    }
}

/* Called without the lock, on close: fails every queued send. */
void
gsctp_send_queue_fail_all (GSctpSocket *self,
                           const GError *error)
{
  g_autoptr(GPtrArray) sends = g_ptr_array_new ();
  GList *link;
  SendData *send;

  g_mutex_lock (&self->lock);
  stop_writing (self);
  g_clear_pointer (&self->burst, gsctp_burst_free);
  self->n_held = 0;
  self->held_bytes = 0;
  while ((link = g_queue_pop_head_link (&self->queued_sends)) != NULL)
    g_ptr_array_add (sends, link->data);
  while ((send = self->spare_sends) != NULL)
    {
      self->spare_sends = send->link.next;
      g_free (send);
    }
  self->n_spare_sends = 0;
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < sends->len; i++)
    {
      send = g_ptr_array_index (sends, i);
      if (send->task != NULL)
        g_task_return_error (send->task, g_error_copy (error));
      send_data_free (send);
    }
}
