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
 * the context starts, and that ends the burst of the iteration before. It
 * keeps no pointer to its socket, which destroys it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-burst.h"

typedef struct {
  GSource source;
  gint started;                 /* a send went in this iteration */
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

/* A burst for sends made in @context's dispatches. */
GSource *
gsctp_burst_new (GMainContext *context)
{
  GSource *source = g_source_new (&burst_funcs, sizeof (GSctpBurst));

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
