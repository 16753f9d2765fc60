/* gsctp-wait.c: blocking waits of GSctpSocket's synchronous calls
 *
 * A synchronous call that must wait polls the endpoint, its GCancellable
 * and a per-thread waker. Whoever changes what others wait for (a
 * notification read, a close) cancels the registered wakers, so that no
 * waiter sleeps through a change made by another thread.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

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
void
gsctp_wait_wake_all (GSctpSocket *self)
{
  for (GSList *l = self->waiters; l != NULL; l = l->next)
    g_cancellable_cancel (l->data);
}

/* A timeout in milliseconds (-1: none) becomes a deadline only when the
 * call first has to wait: reading the clock is a system call in some
 * guests, and most calls never wait. */
gint64
gsctp_deadline_get (GSctpDeadline *deadline)
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
gboolean
gsctp_wait_unlocked_for (GSctpSocket *self,
                         GIOCondition condition,
                         gint64 deadline,
                         GCancellable *cancellable,
                         GError **error)
{
  GCancellable *waker = get_waker ();
  GPollFD fds[GSCTP_MAX_POLLFDS + 2];
  guint n_fds = 0;
  gboolean cancellable_polled;
  int timeout = -1;
  int result;

  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  /* Read ahead, but not yet handed over: nothing to wait for. */
  if ((condition & G_IO_IN) && gsctp_dispatch_has_read_ahead (self))
    return TRUE;

  g_cancellable_reset (waker);
  self->waiters = g_slist_prepend (self->waiters, waker);

  /* A stack with no descriptor to poll wakes its waiters itself. */
  n_fds += self->endpoint->backend->get_pollfds (self->endpoint, condition, fds);
  g_cancellable_make_pollfd (waker, &fds[n_fds++]);
  cancellable_polled = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[n_fds]);
  if (cancellable_polled)
    n_fds++;

  if (deadline >= 0)
    timeout = (int) MIN ((MAX (deadline - g_get_monotonic_time (), 0) + 999) / 1000, G_MAXINT);

  g_mutex_unlock (&self->lock);
  result = g_poll (fds, n_fds, timeout);
  g_mutex_lock (&self->lock);

  self->waiters = g_slist_remove (self->waiters, waker);
  g_cancellable_release_fd (waker);
  if (cancellable_polled)
    g_cancellable_release_fd (cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!gsctp_socket_check_open (self, error))
    return FALSE;
  if (result == 0 && deadline >= 0 && g_get_monotonic_time () >= deadline)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
      return FALSE;
    }
  return TRUE;
}
