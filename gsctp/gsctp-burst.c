/* gsctp-burst.c: the async sends of one main-context dispatch, held back
 * to go out together
 *
 * A main-loop program sends from callbacks: a handler answering each of
 * the messages one dispatch emitted, a callback streaming until the send
 * queue is full. A system call for each of those sends is most of what a
 * small message costs; in one batch they share one. A burst is the async
 * sends made while the socket's context dispatches: the first goes at
 * once (a lone reply waits for nothing), the others wait in the send
 * queue until the dispatch is over, or until a batch is full, and go
 * together (gsctp-send.c).
 *
 * A burst's source is prepared as each iteration of the context starts,
 * and that ends the burst of the iteration before: the source is ready
 * then if the burst held sends, and its callback sends them first thing
 * in the new iteration. It has no descriptor to poll, so a dispatch costs
 * GLib no wakeup of the context (a descriptor's source is taken out of
 * the poll and put back around each dispatch, waking it both times), and
 * neither does holding: the next prepare sees it. The socket destroys its
 * burst; the callback does not hold it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-burst.h"

typedef struct {
  GSource source;
  gint started;                 /* a send went in this iteration */
  gint holding;                 /* sends wait for the end of the iteration */
} GSctpBurst;

static gboolean
burst_prepare (GSource *source,
               gint *timeout)
{
  GSctpBurst *burst = (GSctpBurst *) source;

  *timeout = -1;
  g_atomic_int_set (&burst->started, FALSE);
  return g_atomic_int_get (&burst->holding);
}

static gboolean
burst_check (GSource *source)
{
  return g_atomic_int_get (&((GSctpBurst *) source)->holding);
}

static gboolean
burst_dispatch (GSource *source,
                GSourceFunc callback,
                gpointer user_data)
{
  g_atomic_int_set (&((GSctpBurst *) source)->holding, FALSE);
  if (callback != NULL)
    callback (user_data);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs burst_funcs = {
  .prepare = burst_prepare,
  .check = burst_check,
  .dispatch = burst_dispatch,
};

/* A burst for sends made in @context's dispatches; @flush sends what it
 * held, once the dispatch is over. */
GSource *
gsctp_burst_new (GMainContext *context,
                 GSourceFunc flush,
                 gpointer user_data)
{
  GSource *source = g_source_new (&burst_funcs, sizeof (GSctpBurst));

  g_source_set_callback (source, flush, user_data, NULL);
  /* Prepared before any source that may be ready: a ready source of a
   * higher priority stops the context preparing those below it. */
  g_source_set_priority (source, G_MININT);
  g_source_set_static_name (source, "GSctpSocket burst");
  g_source_attach (source, context);
  return source;
}

/* Whether this thread is in a dispatch of @context: then an async send
 * made now can wait for the end of the dispatch. */
gboolean
gsctp_burst_in_dispatch (GMainContext *context)
{
  return g_main_depth () > 0 && g_main_context_is_owner (context);
}

/* Marks that a send went in this iteration; TRUE if one already had, and
 * a send made now should wait for the rest of the burst. */
gboolean
gsctp_burst_join (GSource *source)
{
  GSctpBurst *burst = (GSctpBurst *) source;

  return g_atomic_int_exchange (&burst->started, TRUE);
}

/* Sends wait for the end of this iteration: the next one flushes them
 * first. Called from a dispatch of the burst's context. */
void
gsctp_burst_hold (GSource *source)
{
  g_atomic_int_set (&((GSctpBurst *) source)->holding, TRUE);
}
