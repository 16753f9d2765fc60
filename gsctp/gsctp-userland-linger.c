/* gsctp-userland-linger.c: the userland stack after its sockets
 *
 * Associations of closed sockets go on delivering what was sent, then
 * shut down, as on the kernel: the stack runs on after the process's last
 * userland socket closed (on that socket's context), until no datagram
 * came for a while or a new socket takes it up; then it stops.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-userland-private.h"

/* Quiet for LINGER_IDLE, or LINGER_MAX in all: over. */
#define LINGER_IDLE (10 * G_USEC_PER_SEC)
#define LINGER_MAX (120 * G_USEC_PER_SEC)

typedef struct {
  GSource source;
  gint64 started;
  gint64 last_traffic;
  gpointer tag;
} LingerSource;

static GMutex linger_lock;
static GSource *lingering;

static gboolean
linger_dispatch (GSource *source,
                 GSourceFunc callback,
                 gpointer user_data)
{
  LingerSource *linger = (LingerSource *) source;
  gint64 now = g_get_monotonic_time ();
  gboolean over = FALSE;

  (void) callback;
  (void) user_data;
  if (gsctp_userland_stack_in_use ())
    over = TRUE;                /* its sockets run it now */
  else
    {
      gsctp_userland_stack_tick ();
      if (gsctp_udp_transport_pump_all () > 0)
        linger->last_traffic = now;
      if (now - linger->last_traffic > LINGER_IDLE || now - linger->started > LINGER_MAX)
        {
          g_source_remove_unix_fd (source, linger->tag);
          gsctp_userland_stack_stop (gsctp_udp_transport_close_all);
          over = TRUE;
        }
    }
  if (over)
    {
      g_mutex_lock (&linger_lock);
      if (lingering == source)
        g_clear_pointer (&lingering, g_source_unref);
      g_mutex_unlock (&linger_lock);
      return G_SOURCE_REMOVE;
    }
  /* Idle time passes without the descriptor waking: look again. */
  g_source_set_ready_time (source, now + G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs linger_funcs = {
  .dispatch = linger_dispatch,
};

static void
linger_start (GMainContext *context)
{
  LingerSource *linger;

  g_mutex_lock (&linger_lock);
  if (lingering == NULL)
    {
      lingering = g_source_new (&linger_funcs, sizeof (LingerSource));
      linger = (LingerSource *) lingering;
      linger->started = linger->last_traffic = g_get_monotonic_time ();
      linger->tag = g_source_add_unix_fd (lingering, gsctp_userland_stack_fd (), G_IO_IN);
      g_source_set_name (lingering, "gsctp userland stack after its sockets");
      g_source_set_ready_time (lingering, linger->started + G_USEC_PER_SEC);
      g_source_attach (lingering, context);
    }
  g_mutex_unlock (&linger_lock);
}

/* A user of the stack goes: the last starts its lingering, on @context
 * (NULL: the thread-default one). */
void
gsctp_userland_stack_release (GMainContext *context)
{
  if (gsctp_userland_stack_unref ())
    {
      g_autoptr(GMainContext) thread_default = context == NULL ? g_main_context_ref_thread_default ()
                                                               : NULL;

      linger_start (context != NULL ? context : thread_default);
    }
}
