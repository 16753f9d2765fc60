/* gsctp-dispatch.c: GSctpSocket's reading and routing
 *
 * Every path that takes bytes out of the endpoint goes through
 * gsctp_dispatch_read() (inline, in gsctp-socket-private.h), under the
 * socket's lock: the reader joins one
 * whole message or event, and an event is applied to the association
 * table and queued for its signal. What was read then goes to whoever
 * wanted it: a receive, an async receive, ::message in an active mode, or
 * the inbox of messages read ahead. The main-context reader behind async
 * receives, connects and the active modes is here too.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-message-private.h"
#include "gsctp-socket-private.h"

/* Messages meant for ::message when the application made the socket
 * passive from a handler: back to the head of the inbox, in order, for
 * receives (or the next active dispatch, should it turn active again). */
static void
keep_messages (GSctpSocket *self,
               GPtrArray *kept)
{
  g_mutex_lock (&self->lock);
  for (guint i = kept->len; i > 0; i--)
    g_queue_push_head (&self->inbox, gsctp_message_ref (g_ptr_array_index (kept, i - 1)));
  if (self->receive_tasks.length > 0)
    gsctp_dispatch_schedule_delivery (self);
  gsctp_dispatch_ensure_reading (self);
  g_mutex_unlock (&self->lock);
}

/* What one dispatch reads before the rest of the main context has its
 * turn: GSCTP_DISPATCH_BUDGET (64) messages, a large one (which holds a
 * pooled buffer until it is emitted) counting as 4. Fewer small ones
 * would let a sender on the same context outrun the reader: its stack's
 * buffers fill, and what they hold has left the processor's caches by the
 * time it is sent or read. */
#define LARGE_MESSAGE_COST 4

/* Called with the lock held, by gsctp_dispatch_read() when what it read
 * was a notification: @message holds its event (or NULL for a kind gsctp
 * does not know), applied here and added to @deferred for its signal.
 * @message is set to NULL for an event that a connect takes or that
 * nobody wants. */
void
gsctp_dispatch_event (GSctpSocket *self,
                      GSctpMessage **message,
                      GSctpDeferred *deferred)
{
  GSctpMessage *event = g_steal_pointer (message);
  gboolean consumed = FALSE;

  if (event != NULL && gsctp_message_get_event_type (event) == GSCTP_EVENT_TYPE_ASSOC_CHANGE)
    {
      consumed = gsctp_associations_apply (self, gsctp_message_get_assoc_change (event),
                                           &deferred->connects);
      /* Association changes are always read (connects need them); the
       * user's unsubscription hides them. */
      if (self->assoc_change_hidden)
        g_clear_pointer (&event, gsctp_message_unref);
    }
  if (event != NULL)
    {
      gsctp_emits_take (self, &deferred->emits, GSCTP_EMIT_EVENT,
                        consumed ? event : gsctp_message_ref (event));
      if (!consumed)
        *message = event;
    }
  gsctp_wait_wake_all (self);
}

/* Called with the lock held, by gsctp_dispatch_read() when the reader
 * dropped a message over max-message-size: its association is aborted,
 * the peer told why in the ABORT chunk, and the caller gets an error that
 * names the limit. The kernel takes no abort on a one-to-one socket but
 * closing it: there the association is left to the application. */
GSctpReadResult
gsctp_dispatch_refuse (GSctpSocket *self,
                       GError **error)
{
  GSctpAssocId assoc_id = self->reader.piece_info.assoc_id;
  gsize limit = self->reader.max_message_size;

  if (self->type == GSCTP_SOCKET_TYPE_SEQPACKET || self->peeled)
    {
      g_autofree char *reason =
        g_strdup_printf ("message over the receiver's limit of %" G_GSIZE_FORMAT " bytes", limit);
      GSctpSndInfo info = { .assoc_id = assoc_id, .flags = GSCTP_SEND_FLAGS_ABORT };

      self->endpoint->backend->send (self->endpoint, &info, NULL, reason, strlen (reason), NULL);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE,
                   "Association %d sent a message of more than %" G_GSIZE_FORMAT " bytes "
                   "(max-message-size): it was dropped and the association aborted",
                   assoc_id, limit);
    }
  else
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE,
                 "The peer sent a message of more than %" G_GSIZE_FORMAT " bytes "
                 "(max-message-size): it was dropped", limit);
  return GSCTP_READ_FAILED;
}

/* Called without the lock: does what gsctp_dispatch_read() deferred. */
void
gsctp_deferred_run_all (GSctpSocket *self,
                        GSctpDeferred *deferred)
{
  if (deferred->emits != NULL)
    gsctp_emission_run (gsctp_emission_new (self, g_steal_pointer (&deferred->emits), keep_messages,
                                            NULL));
  for (guint i = 0; deferred->connects != NULL && i < deferred->connects->len; i++)
    gsctp_pending_connect_complete (g_ptr_array_index (deferred->connects, i));
  g_clear_pointer (&deferred->emits, gsctp_emits_free);
  g_clear_pointer (&deferred->connects, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* The main-context reader behind async receives, connects and the     */
/* active modes                                                        */

static gboolean on_readable (GIOCondition condition, gpointer user_data);

static gboolean
needs_reading (GSctpSocket *self)
{
  /* A one-to-one listener has nothing to read: its acceptor serves it. */
  return !self->closed && !self->listening &&
         (self->receive_tasks.length > 0 || self->n_connects_reading > 0 ||
          self->active != GSCTP_ACTIVE_MODE_PASSIVE);
}

/* Called with the lock held. */
void
gsctp_dispatch_ensure_reading (GSctpSocket *self)
{
  if (self->read_source == NULL && !self->reading_paused && needs_reading (self))
    {
      self->read_source = self->endpoint->backend->create_source (self->endpoint, G_IO_IN);
      g_source_set_callback (self->read_source, G_SOURCE_FUNC (on_readable), self, NULL);
      g_source_set_static_name (self->read_source, "GSctpSocket reader");
      /* GLib takes a source that cannot recurse out of the poll for each
       * dispatch and puts it back after, waking the context both times:
       * two writes and a read of its wakeup descriptor per dispatch,
       * which cost as much as the reads of the messages. on_readable
       * guards against a main loop run inside it instead. */
      g_source_set_can_recurse (self->read_source, TRUE);
      g_source_attach (self->read_source, self->context);
    }
  /* Messages read ahead wait in the inbox of an active socket: dispatch
   * them without waiting for the endpoint to be readable. */
  if (self->read_source != NULL && self->active != GSCTP_ACTIVE_MODE_PASSIVE && self->inbox.length > 0)
    g_source_set_ready_time (self->read_source, 0);
}

/* Called with the lock held. */
void
gsctp_dispatch_stop_reading (GSctpSocket *self)
{
  if (self->read_source == NULL)
    return;
  g_source_destroy (self->read_source);
  g_clear_pointer (&self->read_source, g_source_unref);
}

/* A queued task's cancellation, watched in the task's context: @callback
 * takes it out of its queue. The source is the task's data, destroyed by
 * gsctp_task_destroy_cancel_source() when the task completes otherwise. */
void
gsctp_task_watch_cancellable (GTask *task,
                              GCancellable *cancellable,
                              GSourceFunc callback)
{
  GSource **cancel_source = g_new0 (GSource *, 1);

  *cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (*cancel_source, callback, task, NULL);
  g_source_attach (*cancel_source, g_task_get_context (task));
  g_task_set_task_data (task, cancel_source, g_free);
}

void
gsctp_task_destroy_cancel_source (GTask *task)
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
void
gsctp_dispatch_match_receives (GSctpSocket *self,
                               GPtrArray *delivered)
{
  while (self->receive_tasks.length > 0 && self->inbox.length > 0)
    {
      g_ptr_array_add (delivered, g_queue_pop_head (&self->receive_tasks));
      g_ptr_array_add (delivered, g_queue_pop_head (&self->inbox));
    }
}

void
gsctp_dispatch_complete_receives (GPtrArray *delivered)
{
  for (guint i = 0; i + 1 < delivered->len; i += 2)
    {
      GTask *task = g_ptr_array_index (delivered, i);

      gsctp_task_destroy_cancel_source (task);
      g_task_return_pointer (task, g_ptr_array_index (delivered, i + 1),
                             (GDestroyNotify) gsctp_message_unref);
      g_object_unref (task);
    }
  g_ptr_array_set_size (delivered, 0);
}

void
gsctp_dispatch_fail_receives (GSctpSocket *self,
                              const GError *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->receive_tasks)) != NULL)
    {
      gsctp_task_destroy_cancel_source (task);
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

/* Called with the lock held: one message (taken) to the ::message
 * signal, counted against once or N. */
static void
deliver_active (GSctpSocket *self,
                GSctpMessage *message,
                GSctpDeferred *deferred)
{
  gsctp_emits_take (self, &deferred->emits, GSCTP_EMIT_MESSAGE, message);
  if (self->active == GSCTP_ACTIVE_MODE_ONCE)
    {
      self->active = GSCTP_ACTIVE_MODE_PASSIVE;
      self->notify_active = TRUE;
    }
  else if (self->active == GSCTP_ACTIVE_MODE_COUNT && --self->active_count == 0)
    {
      self->active = GSCTP_ACTIVE_MODE_PASSIVE;
      self->notify_active = TRUE;
      gsctp_emits_take (self, &deferred->emits, GSCTP_EMIT_PASSIVE, NULL);
    }
}

/* The end of on_readable(), once its messages are emitted: a main loop
 * run inside it paused the reading. */
static void
reading_done (GSctpSocket *self)
{
  g_mutex_lock (&self->lock);
  self->reading = FALSE;
  if (self->reading_paused)
    {
      self->reading_paused = FALSE;
      gsctp_dispatch_ensure_reading (self);
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
on_readable (GIOCondition condition,
             gpointer user_data)
{
  GSctpSocket *self = user_data;
  GSctpDeferred deferred = { NULL };
  g_autoptr(GPtrArray) delivered = g_ptr_array_new ();
  g_autoptr(GPtrArray) refused = g_ptr_array_new ();    /* GTask, GError */
  g_autoptr(GError) error = NULL;
  GSctpEmission *emission = NULL;
  gboolean keep, notify;

  g_mutex_lock (&self->lock);
  if (G_UNLIKELY (self->reading))
    {
      /* A handler below runs the socket's main loop: reading on would
       * emit later messages before the earlier ones left to emit. The
       * source stops (else that loop would spin on a readable socket)
       * and the outer call starts another when it is done. */
      if (g_main_current_source () == self->read_source)
        g_clear_pointer (&self->read_source, g_source_unref);
      self->reading_paused = TRUE;
      g_mutex_unlock (&self->lock);
      return G_SOURCE_REMOVE;
    }
  self->reading = TRUE;
  g_object_ref (self);
  if (self->read_source != NULL && g_source_get_ready_time (self->read_source) != -1)
    g_source_set_ready_time (self->read_source, -1);
  /* A bounded amount per dispatch, so that a busy socket does not starve
   * the rest of its main context. */
  for (guint spent = 0; spent < GSCTP_DISPATCH_BUDGET && needs_reading (self); spent++)
    {
      GSctpMessage *message = NULL;
      gsize size;

      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE && self->inbox.length > 0)
        message = g_queue_pop_head (&self->inbox);
      if (message == NULL)
        {
          GSctpReadResult read = gsctp_dispatch_read (self, &message, &deferred, &error);

          /* A message over the size limit fails one receive; in an active
           * mode nobody asked, so it is said in the log. */
          if (read == GSCTP_READ_FAILED &&
              g_error_matches (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE))
            {
              GTask *task = g_queue_pop_head (&self->receive_tasks);

              if (task != NULL)
                {
                  g_ptr_array_add (refused, task);
                  g_ptr_array_add (refused, g_steal_pointer (&error));
                }
              else
                g_warning ("%s", error->message);
              g_clear_error (&error);
              continue;
            }
          if (read != GSCTP_READ_DONE)
            break;
        }
      if (message == NULL)
        continue;
      gsctp_message_peek_data (message, &size);
      if (size >= GSCTP_READER_ZERO_COPY_MIN)
        spent += LARGE_MESSAGE_COST - 1;
      if (self->active != GSCTP_ACTIVE_MODE_PASSIVE)
        deliver_active (self, message, &deferred);
      else
        {
          g_queue_push_tail (&self->inbox, message);
          gsctp_dispatch_match_receives (self, delivered);
        }
    }
  gsctp_dispatch_match_receives (self, delivered);
  /* A one-to-one association that ended fails the receives left over. */
  if (error == NULL && self->ended && self->inbox.length == 0 && self->receive_tasks.length > 0)
    error = gsctp_association_ended_error ();
  if (error != NULL)
    {
      g_mutex_unlock (&self->lock);
      gsctp_dispatch_fail_receives (self, error);
      g_mutex_lock (&self->lock);
    }
  keep = needs_reading (self);
  if (!keep)
    g_clear_pointer (&self->read_source, g_source_unref);
  notify = self->notify_active;
  self->notify_active = FALSE;
  g_mutex_unlock (&self->lock);

  gsctp_dispatch_complete_receives (delivered);
  for (guint i = 0; i + 1 < refused->len; i += 2)
    {
      GTask *task = g_ptr_array_index (refused, i);

      gsctp_task_destroy_cancel_source (task);
      g_task_return_error (task, g_ptr_array_index (refused, i + 1));
      g_object_unref (task);
    }
  if (notify)
    {
      g_object_notify (G_OBJECT (self), "active");
      g_object_notify (G_OBJECT (self), "active-count");
    }
  /* Signals last, and without this dispatch's reference: a handler that
   * closes the socket or drops the application's last reference ends
   * them. The emission says when the dispatch is over. */
  if (deferred.emits != NULL)
    emission = gsctp_emission_new (self, g_steal_pointer (&deferred.emits), keep_messages,
                                   reading_done);
  else
    reading_done (self);
  g_object_unref (self);
  if (emission != NULL)
    gsctp_emission_run (emission);
  /* What is left are connects, whose tasks hold the socket. */
  gsctp_deferred_run (NULL, &deferred);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
deliver_cb (gpointer user_data)
{
  GSctpSocket *self = user_data;
  g_autoptr(GPtrArray) delivered = g_ptr_array_new ();

  g_mutex_lock (&self->lock);
  gsctp_dispatch_match_receives (self, delivered);
  g_mutex_unlock (&self->lock);
  gsctp_dispatch_complete_receives (delivered);
  return G_SOURCE_REMOVE;
}

/* Read-ahead messages may wait while the socket is not readable; hand them
 * to async receives from the socket's context. */
void
gsctp_dispatch_schedule_delivery (GSctpSocket *self)
{
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver_cb,
                              g_object_ref (self), g_object_unref);
}
