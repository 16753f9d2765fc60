/* gsctp-userland-stack.c: the process-wide usrsctp instance
 *
 * usrsctp keeps its state in globals: one stack per process, shared by
 * every userland endpoint and counted by them. It runs without threads of
 * its own that touch sockets: packets come in on the threads that read
 * them, and its timers run on a tick — a timer descriptor that every
 * endpoint's readiness watches, so that whichever main context or
 * blocking wait sees it first runs the timers, on its own thread.
 *
 * Outgoing packets name the link they go to; a registry of live links
 * turns that pointer into an output function, and drops packets for a
 * link that is gone (an association can outlive its socket).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "gsctp-userland-private.h"

/* What usrsctp's own timer thread uses. */
#define TICK_MS 10

static GMutex stack_lock;
static GMutex stop_lock;
static guint stack_users;
static gboolean stack_running;
static int tick_fd = -1;
/* The tick and every transport's UDP socket, in one epoll set that any
 * endpoint's readiness includes: whoever waits, on any socket, keeps the
 * whole stack going. */
static int stack_fd = -1;
static gint64 last_tick;
/* last_tick, for a look without the lock. */
static _Atomic gint64 last_tick_seen;

static GMutex tick_lock;

/* A local address of the stack's, registered for its name alone:
 * usrsctp_getladdrs() lists registered addresses, each with the SCTP port
 * an endpoint bound, and that port is what gsctp reads. */
static char local_address;

/* Read-locked while a packet goes out, so that a link is not freed under
 * its output; outputs of several threads (a sender's data, a receiver's
 * acknowledgements) do not wait for each other. */
static GRWLock links_lock;
static GHashTable *links;

static int
conn_output (void *address,
             void *packet,
             size_t length,
             uint8_t tos,
             uint8_t set_df)
{
  GSctpLink *link;

  (void) tos;
  (void) set_df;
  g_rw_lock_reader_lock (&links_lock);
  link = links != NULL ? g_hash_table_lookup (links, address) : NULL;
  if (link != NULL)
    link->output (link, packet, length);
  g_rw_lock_reader_unlock (&links_lock);
  /* A packet for a link that is gone is lost, as on a wire. */
  return 0;
}

static gboolean
start_tick (GError **error)
{
  struct itimerspec every = {
    .it_interval = { 0, TICK_MS * 1000000L },
    .it_value = { 0, TICK_MS * 1000000L },
  };
  struct epoll_event event = { .events = EPOLLIN };

  tick_fd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  stack_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (tick_fd < 0 || stack_fd < 0 || timerfd_settime (tick_fd, 0, &every, NULL) < 0 ||
      epoll_ctl (stack_fd, EPOLL_CTL_ADD, tick_fd, &event) < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not start the userland SCTP stack's timer");
      if (tick_fd >= 0)
        close (tick_fd);
      if (stack_fd >= 0)
        close (stack_fd);
      tick_fd = stack_fd = -1;
      return FALSE;
    }
  last_tick = g_get_monotonic_time ();
  atomic_store_explicit (&last_tick_seen, last_tick, memory_order_relaxed);
  return TRUE;
}

gboolean
gsctp_userland_stack_ref (GError **error)
{
  gboolean ok = TRUE;

  /* Not while the stack stops. */
  g_mutex_lock (&stop_lock);
  g_mutex_lock (&stack_lock);
  if (tick_fd < 0)
    ok = start_tick (error);
  if (ok && !stack_running)
    {
      /* Port 0: usrsctp opens no UDP socket of its own; gsctp carries
       * the packets. */
      usrsctp_init_nothreads (0, conn_output, NULL);
      /* Checksums are computed and checked: the packets cross real
       * networks. No blackholing: a closed port answers with ABORT, as
       * the kernel does. */
      usrsctp_sysctl_set_sctp_blackhole (0);
      usrsctp_sysctl_set_sctp_ecn_enable (0);
      usrsctp_register_address (&local_address);
      stack_running = TRUE;
    }
  if (ok)
    stack_users++;
  g_mutex_unlock (&stack_lock);
  g_mutex_unlock (&stop_lock);
  return ok;
}

/* Returns TRUE when that was the last user. The stack goes on: the
 * associations of closed sockets may still be delivering what was sent
 * and shutting down, until gsctp_userland_stack_stop(). */
gboolean
gsctp_userland_stack_unref (void)
{
  gboolean last;

  g_mutex_lock (&stack_lock);
  g_assert (stack_users > 0);
  last = --stack_users == 0;
  g_mutex_unlock (&stack_lock);
  return last;
}

gboolean
gsctp_userland_stack_in_use (void)
{
  gboolean in_use;

  g_mutex_lock (&stack_lock);
  in_use = stack_users > 0;
  g_mutex_unlock (&stack_lock);
  return in_use;
}

/* Stops the stack if nobody uses it: @close_transports first, then its
 * timer. The instance itself stays if usrsctp_finish() refuses (some
 * association is not over): a later socket takes it up again. */
void
gsctp_userland_stack_stop (void (*close_transports) (void))
{
  g_mutex_lock (&stop_lock);
  g_mutex_lock (&stack_lock);
  if (stack_users > 0 || tick_fd < 0)
    {
      g_mutex_unlock (&stack_lock);
      g_mutex_unlock (&stop_lock);
      return;
    }
  g_mutex_unlock (&stack_lock);
  /* No user can come while stop_lock is held. */
  close_transports ();
  g_mutex_lock (&stack_lock);
  close (tick_fd);
  close (stack_fd);
  tick_fd = stack_fd = -1;
  usrsctp_deregister_address (&local_address);
  if (usrsctp_finish () == 0)
    stack_running = FALSE;
  else
    usrsctp_register_address (&local_address);
  g_mutex_unlock (&stack_lock);
  g_mutex_unlock (&stop_lock);
}

/* Readable when the stack has work: a tick due, a datagram in. */
int
gsctp_userland_stack_fd (void)
{
  return stack_fd;
}

/* A transport's descriptor joins the stack's set (and leaves it with the
 * set, when the stack stops). */
void
gsctp_userland_stack_watch (int fd)
{
  struct epoll_event event = { .events = EPOLLIN };

  g_mutex_lock (&stack_lock);
  if (stack_fd >= 0)
    epoll_ctl (stack_fd, EPOLL_CTL_ADD, fd, &event);
  g_mutex_unlock (&stack_lock);
}

/* Runs the timers that are due. Many threads may watch the tick; one of
 * them runs it, and hands usrsctp the real time since the last run. */
void
gsctp_userland_stack_tick (void)
{
  guint64 expirations;
  gint64 now;

  /* Not due: no system call (this runs each time the stack is run).
   * Half a tick, so that a tick that fires a little early is not left
   * readable, waking its watchers over and over. */
  now = g_get_monotonic_time ();
  if (now - atomic_load_explicit (&last_tick_seen, memory_order_relaxed) < TICK_MS * 1000 / 2)
    return;
  if (!g_mutex_trylock (&tick_lock))
    return;
  if (read (tick_fd, &expirations, sizeof expirations) == sizeof expirations)
    {
      usrsctp_handle_timers ((uint32_t) ((now - last_tick) / 1000));
      /* Whole milliseconds only: the rest counts towards the next tick. */
      last_tick += (now - last_tick) / 1000 * 1000;
      atomic_store_explicit (&last_tick_seen, last_tick, memory_order_relaxed);
    }
  g_mutex_unlock (&tick_lock);
}

void
gsctp_userland_link_register (GSctpLink *link)
{
  g_rw_lock_writer_lock (&links_lock);
  if (links == NULL)
    links = g_hash_table_new (NULL, NULL);
  g_hash_table_add (links, link);
  g_rw_lock_writer_unlock (&links_lock);
}

void
gsctp_userland_link_unregister (GSctpLink *link)
{
  g_rw_lock_writer_lock (&links_lock);
  g_hash_table_remove (links, link);
  g_rw_lock_writer_unlock (&links_lock);
}

/* The IP address of a link's peer, with @sctp_port (network order) in
 * place of its UDP port. FALSE for a link that is gone. */
gboolean
gsctp_userland_link_peer (gconstpointer address,
                          guint16 sctp_port,
                          GSctpSockaddr *out)
{
  GSctpLink *link;
  gboolean found = FALSE;

  g_rw_lock_reader_lock (&links_lock);
  link = links != NULL ? g_hash_table_lookup (links, address) : NULL;
  if (link != NULL && link->peer_len > 0)
    {
      memcpy (&out->storage, &link->peer, link->peer_len);
      out->len = link->peer_len;
      if (link->peer.ss_family == AF_INET6)
        ((struct sockaddr_in6 *) &out->storage)->sin6_port = sctp_port;
      else
        ((struct sockaddr_in *) &out->storage)->sin_port = sctp_port;
      found = TRUE;
    }
  g_rw_lock_reader_unlock (&links_lock);
  return found;
}
