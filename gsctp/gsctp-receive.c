/* gsctp-receive.c: GSctpSocket's receives, blocking (one or many) and async
 *
 * A receive takes the inbox's read-ahead messages first, then reads; an
 * async receive waits in a queue that the main-context reader serves in
 * order.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

static GError *
listening_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                              "A listening one-to-one socket receives no messages: each "
                              "association comes as a socket of its own (gsctp_socket_accept())");
}

/* Called with the lock held, which it may release while it waits: the
 * next message, or NULL with @error set; @read_failed says whether reading
 * failed (rather than the socket's state or the time). Inlined: as a call,
 * it cost a blocking receive 35 instructions more a message. */
static inline G_ALWAYS_INLINE GSctpMessage *
receive_locked (GSctpSocket *self,
                int timeout_ms,
                GSctpDeadline *deadline,
                GCancellable *cancellable,
                GSctpDeferred *deferred,
                gboolean *read_failed,
                GError **error)
{
  GSctpMessage *message = NULL;

  *read_failed = FALSE;
  for (;;)
    {
      if ((cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
          !gsctp_socket_check_open (self, error))
        return NULL;
      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "The socket is in an active mode: messages come as signals");
          return NULL;
        }
      if (self->listening)
        {
          g_propagate_error (error, listening_error ());
          return NULL;
        }
      if (G_UNLIKELY (self->receive_error != NULL))
        {
          g_propagate_error (error, g_steal_pointer (&self->receive_error));
          return NULL;
        }
      if (self->inbox.length > 0)
        return g_queue_pop_head (&self->inbox);
      if (self->ended)
        {
          g_propagate_error (error, gsctp_association_ended_error ());
          return NULL;
        }
      switch (gsctp_dispatch_read (self, &message, deferred, error))
        {
        case GSCTP_READ_DONE:
          if (message != NULL)
            return message;
          continue;
        case GSCTP_READ_FAILED:
        case GSCTP_READ_TOO_LARGE:      /* made a failure by the dispatch */
          *read_failed = TRUE;
          return NULL;
        case GSCTP_READ_WOULD_BLOCK:
          break;
        }
      if (timeout_ms == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "No message waiting");
          return NULL;
        }
      if (!gsctp_deferred_is_empty (deferred))
        {
          g_mutex_unlock (&self->lock);
          gsctp_deferred_run (self, deferred);
          g_mutex_lock (&self->lock);
          continue;
        }
      if (!gsctp_wait_unlocked_for (self, G_IO_IN, gsctp_deadline_get (deadline), cancellable, error))
        return NULL;
    }
}

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
  GSctpDeferred deferred = { NULL };
  GSctpDeadline deadline = GSCTP_DEADLINE_INIT (timeout_ms);
  GSctpMessage *message;
  gboolean read_failed;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A reply to what a burst holds would never come. */
  gsctp_send_flush_held (self);
  g_mutex_lock (&self->lock);
  message = receive_locked (self, timeout_ms, &deadline, cancellable, &deferred, &read_failed, error);
  g_mutex_unlock (&self->lock);
  gsctp_deferred_run (self, &deferred);
  return message;
}

/**
 * gsctp_socket_receive_many:
 * @self: a #GSctpSocket
 * @max_messages: the most messages to return, at least 1
 * @timeout_ms: how long to wait for the first message, in milliseconds; 0
 *   does not wait, -1 waits for ever
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives the next whole messages and events, up to @max_messages, in
 * order: waits for the first as [method@Gsctp.Socket.receive] does, then
 * takes those already there without waiting. This is the way to drain a
 * stream of small messages from a binding such as Python's, where each
 * call costs more than a message: one call for many.
 *
 * Fails as [method@Gsctp.Socket.receive] when it gets no message. An error
 * met after the first message (a message over the size limit, say) ends
 * the list, and is the next receive's.
 *
 * Returns: (transfer full) (element-type GSctpMessage): the messages, at
 *   least one, or %NULL on error; free it with
 *   `g_list_free_full (list, (GDestroyNotify) gsctp_message_unref)`
 */
GList *
gsctp_socket_receive_many (GSctpSocket *self,
                           guint max_messages,
                           int timeout_ms,
                           GCancellable *cancellable,
                           GError **error)
{
  GSctpDeferred deferred = { NULL };
  GSctpDeadline deadline = GSCTP_DEADLINE_INIT (timeout_ms);
  GQueue messages = G_QUEUE_INIT;
  GSctpMessage *message;
  gboolean read_failed;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (max_messages == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "A receive of many messages takes at least one");
      return NULL;
    }

  gsctp_send_flush_held (self);
  g_mutex_lock (&self->lock);
  message = receive_locked (self, timeout_ms, &deadline, cancellable, &deferred, &read_failed, error);
  if (message != NULL)
    {
      GError *later_error = NULL;

      g_queue_push_tail (&messages, message);
      while (messages.length < max_messages &&
             (message = receive_locked (self, 0, &deadline, NULL, &deferred, &read_failed,
                                        &later_error)) != NULL)
        g_queue_push_tail (&messages, message);
      /* What the socket's state says, the next receive finds again; a
       * failed read says it once. */
      if (read_failed)
        self->receive_error = g_steal_pointer (&later_error);
      g_clear_error (&later_error);
    }
  g_mutex_unlock (&self->lock);
  gsctp_deferred_run (self, &deferred);
  return messages.head;
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
      gsctp_task_destroy_cancel_source (task);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/**
 * gsctp_socket_receive_async:
 * @self: a #GSctpSocket
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the next message, or an error;
 *   required: a receive without a callback would take a message that
 *   nobody gets
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
  g_return_if_fail (callback != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_receive_async);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&self->lock);
  if (!gsctp_socket_check_open (self, NULL) || self->active != GSCTP_ACTIVE_MODE_PASSIVE ||
      self->listening || (self->ended && self->inbox.length == 0))
    {
      GError *error = NULL;

      if (gsctp_socket_check_open (self, &error))
        error = self->ended ? gsctp_association_ended_error ()
              : self->listening ? listening_error ()
              : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY,
                                     "The socket is in an active mode: messages come as signals");
      g_mutex_unlock (&self->lock);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (G_UNLIKELY (self->receive_error != NULL) && self->receive_tasks.length == 0)
    {
      GError *error = g_steal_pointer (&self->receive_error);

      g_mutex_unlock (&self->lock);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&self->receive_tasks, task);
  if (cancellable != NULL)
    gsctp_task_watch_cancellable (task, cancellable, G_SOURCE_FUNC (receive_cancelled_cb));
  gsctp_dispatch_match_receives (self, delivered);
  gsctp_dispatch_ensure_reading (self);
  g_mutex_unlock (&self->lock);
  gsctp_dispatch_complete_receives (delivered);
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
