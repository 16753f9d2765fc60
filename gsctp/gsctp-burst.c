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
 * A burst's source is never ready: it is prepared as each iteration of
 * the context starts, and that ends the burst of the iteration before.
 * Its flush source is ready in the new iteration if the burst held sends,
 * and its callback sends them. Neither has a descriptor to poll, so a
 * dispatch costs GLib no wakeup of the context (a descriptor's source is
 * taken out of the poll and put back around each dispatch, waking it both
 * times), and neither does holding: the next prepare sees it. The socket
 * frees its burst; the callback does not hold it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-burst.h"

typedef struct {
  GSource source;
  gint holding;                 /* sends wait for the end of the iteration */
} BurstFlush;

typedef struct {
  GSource source;
  gint started;                 /* a send went in this iteration */
  BurstFlush *flush;
} GSctpBurst;

static gboolean
burst_prepare (GSource *source,
               gint *timeout)
{
  GSctpBurst *burst = (GSctpBurst *) source;

  *timeout = -1;
  g_atomic_int_set (&burst->started, FALSE);
  return FALSE;
}

static gboolean
burst_dispatch (GSource *source,
                GSourceFunc callback,
                gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs burst_funcs = {
  .prepare = burst_prepare,
  .dispatch = burst_dispatch,
};

static gboolean
flush_prepare (GSource *source,
               gint *timeout)
{
  *timeout = -1;
  return g_atomic_int_get (&((BurstFlush *) source)->holding);
}

static gboolean
flush_check (GSource *source)
{
  return g_atomic_int_get (&((BurstFlush *) source)->holding);
}

static gboolean
flush_dispatch (GSource *source,
                GSourceFunc callback,
                gpointer user_data)
{
  g_atomic_int_set (&((BurstFlush *) source)->holding, FALSE);
  if (callback != NULL)
    callback (user_data);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs flush_funcs = {
  .prepare = flush_prepare,
  .check = flush_check,
  .dispatch = flush_dispatch,
};

/* A burst for sends made in @context's dispatches; @flush sends what it
 * held, once the dispatch is over. */
GSource *
gsctp_burst_new (GMainContext *context,
                 GSourceFunc flush,
                 gpointer user_data)
{
  GSource *source = g_source_new (&burst_funcs, sizeof (GSctpBurst));
  GSctpBurst *burst = (GSctpBurst *) source;

  /* Prepared before any source that may be ready: a ready source of a
   * higher priority stops the context preparing those below it. */
  g_source_set_priority (source, G_MININT);
  g_source_set_static_name (source, "GSctpSocket burst");
  g_source_attach (source, context);
  /* Dispatched with the rest of the iteration's sources of the default
   * priority: at the burst's own, it would be alone in an iteration of
   * its own. */
  burst->flush = (BurstFlush *) g_source_new (&flush_funcs, sizeof (BurstFlush));
  g_source_set_callback (&burst->flush->source, flush, user_data, NULL);
  g_source_set_static_name (&burst->flush->source, "GSctpSocket burst's end");
  g_source_attach (&burst->flush->source, context);
  return source;
}

/* Destroys @source and its flush: its callback does not run again. */
void
gsctp_burst_free (GSource *source)
{
  GSctpBurst *burst = (GSctpBurst *) source;

  g_source_destroy (&burst->flush->source);
  g_source_unref (&burst->flush->source);
  g_source_destroy (source);
  g_source_unref (source);
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

/* Sends wait for the end of this iteration: the next one flushes them.
 * Called from a dispatch of the burst's context. */
void
gsctp_burst_hold (GSource *source)
{
  g_atomic_int_set (&((GSctpBurst *) source)->flush->holding, TRUE);
}
