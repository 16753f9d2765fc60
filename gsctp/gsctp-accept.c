/* gsctp-accept.c: one-to-one servers, and sockets made around an endpoint
 * another socket's backend gave
 *
 * A one-to-one socket that listens hands each new association over as a
 * one-to-one socket of its own: gsctp_socket_accept() waits for one,
 * gsctp_socket_accept_async() joins a queue that the listener's acceptor
 * (a readiness source on its main context) serves in order, and in an
 * active mode the acceptor takes every association as it comes and emits
 * ::incoming.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

/* At most this many associations per dispatch, so that a flood of them
 * does not starve the rest of the main context. */
#define ACCEPTS_PER_DISPATCH 16

/* Called with @parent's lock held: a one-to-one socket for @endpoint,
 * made by @parent's backend (accept, peeloff), with gsctp's own settings
 * of @parent; its signals go to @context (NULL: the thread-default one).
 * The caller copies the options once the lock is released. */
GSctpSocket *
gsctp_socket_new_child (GSctpSocket *parent,
                        GSctpEndpoint *endpoint,
                        GMainContext *context)
{
  GSctpSocket *child;

  /* One-to-one, whatever the stack calls it. */
  child = g_object_new (GSCTP_TYPE_SOCKET,
                        "family", parent->family,
                        "socket-type", GSCTP_SOCKET_TYPE_STREAM,
                        "backend", parent->backend_type,
                        "udp-port", parent->udp_port,
                        "udp-remote-port", parent->udp_remote_port,
                        NULL);
  if (context != NULL)
    gsctp_socket_set_context (child, context);
  child->endpoint = endpoint;
  g_initable_init (G_INITABLE (child), NULL, NULL);
  child->assoc_change_hidden = parent->assoc_change_hidden;
  child->active = parent->active;
  child->active_count = parent->active_count;
  child->reader.buffer_initial = parent->reader.buffer_initial;
  child->high_watermark = parent->high_watermark;
  child->low_watermark = parent->low_watermark;
  if (parent->pr_defaults != NULL)
    child->pr_defaults = g_array_copy (parent->pr_defaults);
  if (child->active != GSCTP_ACTIVE_MODE_PASSIVE)
    {
      g_mutex_lock (&child->lock);
      gsctp_dispatch_ensure_reading (child);
      g_mutex_unlock (&child->lock);
    }
  return child;
}

/* Called with the lock held. */
static gboolean
check_listener (GSctpSocket *self,
                GError **error)
{
  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  if (self->type != GSCTP_SOCKET_TYPE_STREAM)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "A one-to-many socket has no associations to accept: they are its "
                           "own (gsctp_socket_peeloff() moves one to a socket of its own)");
      return FALSE;
    }
  if (!self->listening)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The socket is not listening: call gsctp_socket_listen() with a "
                           "backlog first");
      return FALSE;
    }
  return TRUE;
}

static gboolean
wants_accepting (GSctpSocket *self)
{
  return !self->closed && self->listening &&
         (self->accept_tasks.length > 0 || self->active != GSCTP_ACTIVE_MODE_PASSIVE);
}

/**
 * gsctp_socket_accept:
 * @self: a one-to-one #GSctpSocket that listens
 * @timeout_ms: how long to wait for an association, in milliseconds; 0
 *   does not wait, -1 waits for ever
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Takes the next association that a peer established with the listening
 * one-to-one socket @self, as a new one-to-one socket, as `accept()` does
 * for a TCP-style SCTP socket (RFC 6458, section 4.1.5).
 *
 * The new socket is connected: its first message is usually the
 * [signal@Gsctp.Socket::association-change] event of the association
 * coming up. It keeps the options and event subscriptions of @self, its
 * active mode and gsctp's own settings, and emits its signals in the
 * caller's thread-default main context.
 *
 * Fails with %G_IO_ERROR_TIMED_OUT when @timeout_ms passes (with 0:
 * %G_IO_ERROR_WOULD_BLOCK when no association is waiting), with
 * %G_IO_ERROR_CLOSED when the socket is closed meanwhile, with
 * %G_IO_ERROR_INVALID_ARGUMENT when @self does not listen, with
 * %G_IO_ERROR_NOT_SUPPORTED on a one-to-many socket, and with
 * %G_IO_ERROR_BUSY in an active mode, where associations come as
 * [signal@Gsctp.Socket::incoming].
 *
 * Returns: (transfer full): the new socket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_accept (GSctpSocket *self,
                     int timeout_ms,
                     GCancellable *cancellable,
                     GError **error)
{
  GSctpDeadline deadline = GSCTP_DEADLINE_INIT (timeout_ms);
  GSctpEndpoint *endpoint = NULL;
  GSctpSocket *connection = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      if ((cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, &local_error)) ||
          !check_listener (self, &local_error))
        break;
      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE)
        {
          g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "The socket is in an active mode: associations come as ::incoming");
          break;
        }
      endpoint = self->endpoint->backend->accept (self->endpoint, &local_error);
      if (endpoint != NULL ||
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) || timeout_ms == 0)
        break;
      g_clear_error (&local_error);
      if (!gsctp_wait_unlocked_for (self, G_IO_IN, gsctp_deadline_get (&deadline), cancellable,
                                    &local_error))
        break;
    }
  if (endpoint != NULL)
    connection = gsctp_socket_new_child (self, endpoint, NULL);
  g_mutex_unlock (&self->lock);

  if (connection == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  gsctp_socket_options_copy (self, connection);
  return connection;
}

/* ------------------------------------------------------------------ */
/* The acceptor behind async accepts and ::incoming                    */

static gboolean
on_acceptable (GIOCondition condition,
               gpointer user_data)
{
  GSctpSocket *self = user_data;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();   /* GTask or NULL, then GSctpSocket */
  GError *error = NULL;
  GTask *failed = NULL;
  gboolean keep;

  (void) condition;
  g_object_ref (self);
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < ACCEPTS_PER_DISPATCH && wants_accepting (self); i++)
    {
      GSctpEndpoint *endpoint = self->endpoint->backend->accept (self->endpoint, &error);
      GTask *task;

      if (endpoint == NULL)
        {
          /* An association aborted before it was taken, a process out of
           * descriptors: the first waiting accept says why; in an active
           * mode nobody asked. */
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            failed = g_queue_pop_head (&self->accept_tasks);
          if (failed == NULL)
            g_clear_error (&error);
          break;
        }
      task = g_queue_pop_head (&self->accept_tasks);
      g_ptr_array_add (accepted, task);
      g_ptr_array_add (accepted, gsctp_socket_new_child (self, endpoint,
                                                         task != NULL ? g_task_get_context (task)
                                                                      : self->context));
    }
  keep = wants_accepting (self);
  if (!keep)
    g_clear_pointer (&self->accept_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  if (failed != NULL)
    {
      gsctp_task_destroy_cancel_source (failed);
      g_task_return_error (failed, error);
      g_object_unref (failed);
    }
  for (guint i = 0; i + 1 < accepted->len; i += 2)
    {
      GTask *task = g_ptr_array_index (accepted, i);
      GSctpSocket *connection = g_ptr_array_index (accepted, i + 1);

      gsctp_socket_options_copy (self, connection);
      if (task != NULL)
        {
          gsctp_task_destroy_cancel_source (task);
          g_task_return_pointer (task, connection, g_object_unref);
          g_object_unref (task);
        }
      else
        {
          /* A connection no handler keeps is closed here. */
          gsctp_socket_emit_incoming (self, connection);
          g_object_unref (connection);
        }
    }
  g_object_unref (self);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Called with the lock held: the acceptor runs while a listener has
 * accepts waiting or is in an active mode. */
void
gsctp_accept_update (GSctpSocket *self)
{
  if (self->accept_source == NULL && wants_accepting (self))
    {
      self->accept_source = self->endpoint->backend->create_source (self->endpoint, G_IO_IN);
      g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_acceptable), self, NULL);
      g_source_set_static_name (self->accept_source, "GSctpSocket acceptor");
      g_source_attach (self->accept_source, self->context);
    }
  else if (self->accept_source != NULL && !wants_accepting (self))
    gsctp_accept_stop (self);
}

/* Called with the lock held. */
void
gsctp_accept_stop (GSctpSocket *self)
{
  if (self->accept_source == NULL)
    return;
  g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
}

/* Called without the lock, once the socket is closed. */
void
gsctp_accept_fail_all (GSctpSocket *self,
                       const GError *error)
{
  GTask *task;

  for (;;)
    {
      g_mutex_lock (&self->lock);
      task = g_queue_pop_head (&self->accept_tasks);
      g_mutex_unlock (&self->lock);
      if (task == NULL)
        break;
      gsctp_task_destroy_cancel_source (task);
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

static gboolean
accept_cancelled_cb (GCancellable *cancellable,
                     gpointer user_data)
{
  GTask *task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  gboolean found;

  (void) cancellable;
  g_mutex_lock (&self->lock);
  found = g_queue_remove (&self->accept_tasks, task);
  if (found)
    gsctp_accept_update (self);
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
 * gsctp_socket_accept_async:
 * @self: a one-to-one #GSctpSocket that listens
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the new socket, or an error;
 *   required: an accept without a callback would take an association
 *   that nobody gets
 * @user_data: data for @callback
 *
 * Takes the next association of the listening socket @self without
 * blocking, as [method@Gsctp.Socket.accept] does. Several accepts may
 * wait at once; they get associations in the order they were started.
 * The new socket emits its signals in the thread-default main context of
 * the caller.
 */
void
gsctp_socket_accept_async (GSctpSocket *self,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (callback != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_accept_async);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&self->lock);
  if (check_listener (self, &error) && self->active != GSCTP_ACTIVE_MODE_PASSIVE)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_BUSY,
                         "The socket is in an active mode: associations come as ::incoming");
  if (error != NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&self->accept_tasks, task);
  if (cancellable != NULL)
    gsctp_task_watch_cancellable (task, cancellable, G_SOURCE_FUNC (accept_cancelled_cb));
  gsctp_accept_update (self);
  g_mutex_unlock (&self->lock);
}

/**
 * gsctp_socket_accept_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.accept_async].
 *
 * Returns: (transfer full): the new socket, or %NULL on error
 */
GSctpSocket *
gsctp_socket_accept_finish (GSctpSocket *self,
                            GAsyncResult *result,
                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_accept_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
