/* gsctp-associations.c: GSctpSocket's association table and pending
 * connects
 *
 * Association changes, whoever reads them, update the table of live
 * associations and hand their result to the connect waiting for it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

void
gsctp_pending_connect_free (GSctpPendingConnect *pending)
{
  g_clear_pointer (&pending->result, gsctp_assoc_change_free);
  if (pending->cancel_source != NULL)
    {
      g_source_destroy (pending->cancel_source);
      g_source_unref (pending->cancel_source);
    }
  g_free (pending);
}

GSctpAssocChange *
gsctp_connect_result (GSctpAssocChange *result,
                      GError **error)
{
  const char *cause;

  if (result->state == GSCTP_ASSOC_STATE_COMM_UP)
    return result;
  cause = gsctp_cause_string (result->error);
  if (result->error == 0)
    /* No cause: the INIT went unanswered, or was answered by an ABORT
     * without one (no listener there). */
    g_set_error_literal (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE,
                         "Could not establish the association: the peer refused it or did not "
                         "answer (no SCTP listener at that address and port?)");
  else
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_CANT_ASSOCIATE,
                 "Could not establish the association: the peer refused it with error "
                 "cause %u (%s)", result->error, cause ? cause : "unknown to gsctp");
  gsctp_assoc_change_free (result);
  return NULL;
}

void
gsctp_pending_connect_complete (GSctpPendingConnect *pending)
{
  GTask *task = pending->task;
  GError *error = NULL;
  GSctpAssocChange *result = gsctp_connect_result (g_steal_pointer (&pending->result), &error);

  pending->task = NULL;
  gsctp_pending_connect_free (pending);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) gsctp_assoc_change_free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* Called with the lock held. Async connects whose result came are moved
 * to @completed, to be completed without the lock. Returns whether a
 * connect takes the change as its result, so that a receive does not
 * return it too. */
gboolean
gsctp_associations_apply (GSctpSocket *self,
                          const GSctpAssocChange *change,
                          GPtrArray **completed)
{
  GSctpPendingConnect *pending;

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
      gsctp_pending_connect_free (pending);
      return FALSE;
    }
  pending->result = gsctp_assoc_change_copy (change);
  if (pending->task != NULL)
    {
      g_hash_table_steal (self->connects, GINT_TO_POINTER (change->assoc_id));
      self->n_connects_reading--;
      if (*completed == NULL)
        *completed = g_ptr_array_new ();
      g_ptr_array_add (*completed, pending);
    }
  return TRUE;
}

/* Called with the lock held. The kernel leaves the association id 0 on
 * one-to-one sockets; the table knows the one association. */
GSctpAssocId
gsctp_associations_stream_id (GSctpSocket *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->type != GSCTP_SOCKET_TYPE_STREAM)
    return 0;
  g_hash_table_iter_init (&iter, self->associations);
  if (g_hash_table_iter_next (&iter, &key, NULL))
    return GPOINTER_TO_INT (key);
  return 0;
}

/* Called with the lock held: the association a send on @assoc_id goes to,
 * if it is live. */
const GSctpAssocChange *
gsctp_associations_lookup (GSctpSocket *self,
                           GSctpAssocId assoc_id)
{
  if (self->type == GSCTP_SOCKET_TYPE_STREAM)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->associations);
      return g_hash_table_iter_next (&iter, NULL, &value) ? value : NULL;
    }
  return g_hash_table_lookup (self->associations, GINT_TO_POINTER (assoc_id));
}

/* Called without the lock, on close: fails every async connect; the
 * synchronous ones see the close themselves. */
void
gsctp_associations_fail_connects (GSctpSocket *self,
                                  const GError *error)
{
  g_autoptr(GPtrArray) connects = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->connects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GSctpPendingConnect *pending = value;

      if (pending->task == NULL && !pending->fire_and_forget)
        continue;
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (connects, pending);
    }
  self->n_connects_reading = 0;
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < connects->len; i++)
    {
      GSctpPendingConnect *pending = g_ptr_array_index (connects, i);
      GTask *task = g_steal_pointer (&pending->task);

      gsctp_pending_connect_free (pending);
      if (task != NULL)
        {
          g_task_return_error (task, g_error_copy (error));
          g_object_unref (task);
        }
    }
}
