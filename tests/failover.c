/* failover.c: a multi-homed association loses its primary path while
 * numbered messages flow, and a single path drops 10 % of its packets —
 * every message arrives once, in order per stream (kernel SCTP, guest
 * networking: dummy0 addresses, netem)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <unistd.h>

#include "test-util.h"

#define N_MESSAGES 2000
#define N_STREAMS 2

static gboolean
run_command (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
guest_network (void)
{
  if (getuid () == 0 && g_getenv ("SCTP_VM") != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("Needs the test guest's network and root");
  else
    g_test_skip ("Needs the test guest's network and root (tools/sctp-run)");
  return FALSE;
}

/* Short timeouts and heartbeats, so that a path fails in well under a
 * second. */
static void
fast_failure_detection (GSctpSocket *socket)
{
  g_autoptr(GSctpRtoInfo) rto = gsctp_rto_info_new (0);
  g_autoptr(GSctpPeerAddrParams) params = gsctp_peer_addr_params_new (0, NULL);
  g_autoptr(GError) error = NULL;

  rto->initial = 100;
  rto->min = 50;
  rto->max = 200;
  g_assert_true (gsctp_socket_set_rto_info (socket, rto, &error));
  params->hb_interval = 100;
  params->path_max_rxt = 2;
  params->flags = GSCTP_PEER_ADDR_FLAGS_HB_ENABLE;
  g_assert_true (gsctp_socket_set_peer_addr_params (socket, params, &error));
  g_assert_no_error (error);
}

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  const char *const *fault;     /* run after a tenth of the messages */
} Sender;

static gpointer
send_numbered (gpointer data)
{
  Sender *sender = data;

  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autoptr(GError) error = NULL;
      char text[32];
      gsize len = g_snprintf (text, sizeof text, "%u", i);
      g_autoptr(GBytes) bytes = g_bytes_new (text, len + 1);
      GSctpSndInfo info = { .assoc_id = sender->assoc_id, .stream = i % N_STREAMS, .ppid = i };

      if (i == N_MESSAGES / 10 && sender->fault != NULL)
        g_assert_true (run_command (sender->fault));
      g_assert_true (gsctp_socket_send (sender->client, &info, NULL, bytes, NULL, &error));
      g_assert_no_error (error);
      if (i % 50 == 0)
        g_usleep (5000);
    }
  return NULL;
}

/* Receives every numbered message: each exactly once, in order on its
 * stream. */
static void
receive_numbered (GSctpSocket *server)
{
  guint next[N_STREAMS] = { 0, 1 };
  guint received = 0;

  while (received < N_MESSAGES)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 30000, NULL, &error);
      guint stream, number;

      g_assert_no_error (error);
      if (gsctp_message_is_event (message))
        continue;
      stream = gsctp_message_get_stream (message);
      g_assert_cmpuint (stream, <, N_STREAMS);
      g_assert_cmpint (sscanf (g_bytes_get_data (gsctp_message_get_data (message), NULL), "%u", &number), ==, 1);
      g_assert_cmpuint (number, ==, next[stream]);
      g_assert_cmpuint (gsctp_message_get_ppid (message), ==, number);
      next[stream] += N_STREAMS;
      received++;
    }
}

static void
test_primary_path_fails (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) primary = NULL;
  g_autoptr(GError) error = NULL;
  const char *const remove_primary[] = { "ip", "addr", "del", "192.0.2.2/24", "dev", "dummy0", NULL };
  const char *const restore[] = { "ip", "addr", "add", "192.0.2.2/24", "dev", "dummy0", NULL };
  gboolean unreachable = FALSE;
  Sender sender;
  GThread *thread;
  guint16 port;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) || !guest_network ())
    return;
  server = test_multihomed_server_new (G_SOCKET_FAMILY_IPV4, (const char *[]) { "192.0.2.1", "192.0.2.2" },
                                       2, &port, &error);
  g_assert_no_error (error);
  fast_failure_detection (client);

  /* Associate through .2, which becomes the primary path; both paths are
   * in both address lists. */
  primary = test_address ("192.0.2.2", port);
  change = gsctp_socket_associate (client, &primary, 1, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  {
    g_autolist(GSocketAddress) peers = gsctp_socket_get_peer_addresses (client, change->assoc_id, &error);
    g_autoptr(GSctpPrimaryAddr) prim = gsctp_socket_get_primary_addr (client, change->assoc_id, &error);
    g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (prim->address));
    g_autofree char *expected = g_strdup_printf ("192.0.2.2:%u", port);

    g_assert_cmpuint (g_list_length (peers), ==, 2);
    g_assert_cmpstr (text, ==, expected);
    /* Setting the primary to what it is is accepted too. */
    g_assert_true (gsctp_socket_set_primary_addr (client, prim, &error));
    g_assert_no_error (error);
  }

  sender = (Sender) { client, change->assoc_id, remove_primary };
  thread = g_thread_new ("numbered", send_numbered, &sender);
  receive_numbered (server);
  g_thread_join (thread);

  /* The client heard that the primary path went away (before it comes
   * back: a transfer that ends quickly may end before the path is found
   * dead, and heartbeats to the restored address would revive it). */
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       !unreachable && g_get_monotonic_time () < deadline;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 500, NULL, NULL);
      const GSctpPeerAddrChange *paddr = message ? gsctp_message_get_peer_addr_change (message) : NULL;

      unreachable = paddr != NULL && paddr->state == GSCTP_PEER_ADDR_STATE_UNREACHABLE;
    }
  g_assert_true (run_command (restore));
  g_assert_true (unreachable);
}

static void
test_lossy_path (void)
{
  const char *const add_loss[] = { "tc", "qdisc", "add", "dev", "lo", "root", "netem", "loss", "10%", NULL };
  const char *const remove_loss[] = { "tc", "qdisc", "del", "dev", "lo", "root", NULL };
  Sender sender;
  GThread *thread;
  TestPair p;

  if (!test_pair_setup (&p, N_STREAMS, 0) || !guest_network ())
    goto out;
  fast_failure_detection (p.client);
  sender = (Sender) { p.client, p.change->assoc_id, add_loss };
  thread = g_thread_new ("numbered", send_numbered, &sender);
  receive_numbered (p.server);
  g_thread_join (thread);
  g_assert_true (run_command (remove_loss));

  /* The loss shows in the association's counters, not in what gsctp
   * counted: every message arrived once. */
  {
    g_autoptr(GSctpAssocStats) stats = NULL;
    g_autoptr(GSctpSocketStats) sent = gsctp_socket_get_statistics (p.client);
    g_autoptr(GSctpSocketStats) received = gsctp_socket_get_statistics (p.server);
    g_autoptr(GError) error = NULL;

    stats = gsctp_socket_get_assoc_stats (p.client, p.change->assoc_id, &error);
    g_assert_no_error (error);
    g_test_message ("under 10%% loss: %" G_GUINT64_FORMAT " DATA chunks retransmitted of %"
                    G_GUINT64_FORMAT " sent, %" G_GUINT64_FORMAT " gap-ack blocks",
                    stats->retransmitted_chunks, stats->ordered_chunks_sent, stats->gap_ack_blocks);
    g_assert_cmpuint (stats->retransmitted_chunks, >, 0);
    g_assert_cmpuint (sent->messages_sent, ==, N_MESSAGES);
    g_assert_cmpuint (received->messages_received, ==, N_MESSAGES);
  }
out:
  test_pair_clear (&p);
}

/* Under loss, PR-SCTP gives up on messages as their policies say, and
 * counts them per policy: no retransmission at all (RTX 0), and a
 * lifetime of 1 ms that a queue behind lost packets outlasts (TTL). */
static void
test_pr_sctp_under_loss (void)
{
  const char *const add_loss[] = { "tc", "qdisc", "add", "dev", "lo", "root", "netem", "loss", "10%", NULL };
  const char *const remove_loss[] = { "tc", "qdisc", "del", "dev", "lo", "root", NULL };
  g_autoptr(GSctpPrInfo) no_retransmission = NULL;
  g_autoptr(GError) error = NULL;
  guint64 rtx_unsent = 0, rtx_sent = 0, ttl_unsent = 0, ttl_sent = 0, all_unsent = 0, all_sent = 0;
  guint64 stream_unsent = 0, stream_sent = 0;
  guint arrived[2] = { 0, 0 };
  TestPair p;

  if (!test_pair_setup (&p, N_STREAMS, 1 << 22) || !guest_network ())
    goto out;
  no_retransmission = gsctp_pr_info_new (p.change->assoc_id, GSCTP_PR_POLICY_RTX, 0);
  g_assert_true (gsctp_socket_set_default_pr_info (p.client, no_retransmission, &error));
  g_assert_no_error (error);
  g_assert_true (run_command (add_loss));
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_take (g_malloc0 (1000), 1000);
      /* Odd ones on stream 1 with a lifetime (TTL), even ones on stream 0
       * with the default policy (RTX). */
      GSctpSndInfo info = { .assoc_id = p.change->assoc_id, .stream = i % 2,
                            .time_to_live = i % 2 ? 1 : 0 };

      g_assert_true (gsctp_socket_send (p.client, &info, NULL, data, NULL, &error));
      g_assert_no_error (error);
    }
  /* Whatever arrives is read; the rest is given up. */
  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (p.server, 3000, NULL, NULL);

      if (message == NULL)
        break;
      if (!gsctp_message_is_event (message))
        arrived[gsctp_message_get_stream (message) % 2]++;
    }
  g_assert_true (run_command (remove_loss));

  g_assert_true (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, -1, GSCTP_PR_POLICY_RTX,
                                             &rtx_unsent, &rtx_sent, &error));
  g_assert_true (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, -1, GSCTP_PR_POLICY_TTL,
                                             &ttl_unsent, &ttl_sent, &error));
  g_assert_true (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, -1, GSCTP_PR_POLICY_NONE,
                                             &all_unsent, &all_sent, &error));
  g_assert_true (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, 0, GSCTP_PR_POLICY_RTX,
                                             &stream_unsent, &stream_sent, &error));
  g_assert_no_error (error);
  g_test_message ("abandoned under 10%% loss: RTX 0: %" G_GUINT64_FORMAT " sent, %" G_GUINT64_FORMAT
                  " unsent (%u of 500 arrived); TTL 1 ms: %" G_GUINT64_FORMAT " sent, %"
                  G_GUINT64_FORMAT " unsent (%u of 500 arrived)",
                  rtx_sent, rtx_unsent, arrived[0], ttl_sent, ttl_unsent, arrived[1]);
  /* Fewer arrive than were sent: PR-SCTP gave up on some for good. */
  g_assert_cmpuint (arrived[0] + arrived[1], <, 1000);
  g_assert_cmpuint (rtx_sent, >, 0);
  g_assert_cmpuint (ttl_sent + ttl_unsent, >, 0);
  g_assert_cmpuint (all_sent, ==, rtx_sent + ttl_sent);
  g_assert_cmpuint (all_unsent, ==, rtx_unsent + ttl_unsent);
  /* Stream 0 carried every RTX message. */
  g_assert_cmpuint (stream_sent, ==, rtx_sent);
out:
  test_pair_clear (&p);
}

typedef struct {
  GSctpSocket *client;
  GSctpAssocId assoc_id;
  guint n;
} Pacer;

#define PACED_MESSAGES 400
#define PACE_MS 20
#define PACED_FAULT_AT 25

/* A message every 20 ms for 8 s; the primary path goes away after 0.5 s. */
static gpointer
send_paced (gpointer data)
{
  const char *const remove_primary[] = { "ip", "addr", "del", "192.0.2.2/24", "dev", "dummy0", NULL };
  Pacer *pacer = data;

  for (guint i = 0; i < PACED_MESSAGES; i++)
    {
      g_autoptr(GBytes) bytes = test_bytes ("paced");
      g_autoptr(GError) error = NULL;
      GSctpSndInfo info = { .assoc_id = pacer->assoc_id };

      if (i == PACED_FAULT_AT)
        g_assert_true (run_command (remove_primary));
      g_assert_true (gsctp_socket_send (pacer->client, &info, NULL, bytes, NULL, &error));
      g_assert_no_error (error);
      g_usleep (PACE_MS * 1000);
    }
  return NULL;
}

/* How long data stopped when the primary of two paths went away: the
 * longest gap between arrivals of messages sent every 20 ms. Timeouts of
 * 200 ms to 1 s, a path failed after 5 of them; with @quick,
 * potentially-failed at the first (RFC 7829), and reported. */
static gint64
failover_gap (gboolean quick,
              gboolean *reported)
{
  const char *const restore[] = { "ip", "addr", "add", "192.0.2.2/24", "dev", "dummy0", NULL };
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) primary = NULL;
  g_autoptr(GSctpRtoInfo) rto = gsctp_rto_info_new (0);
  g_autoptr(GSctpPeerAddrThresholds) thresholds = gsctp_peer_addr_thresholds_new (0, NULL);
  g_autoptr(GError) error = NULL;
  gint64 last = 0, gap = 0;
  GThread *thread;
  Pacer pacer;
  guint16 port;

  *reported = FALSE;
  client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);
  server = test_multihomed_server_new (G_SOCKET_FAMILY_IPV4, (const char *[]) { "192.0.2.1", "192.0.2.2" },
                                       2, &port, &error);
  g_assert_no_error (error);
  rto->initial = 200;
  rto->min = 200;
  rto->max = 1000;
  g_assert_true (gsctp_socket_set_rto_info (client, rto, &error));
  thresholds->path_max_retransmissions = 5;
  thresholds->pf_threshold = quick ? 0 : 5;
  g_assert_true (gsctp_socket_set_peer_addr_thresholds (client, thresholds, &error));
  g_assert_no_error (error);
  g_object_set (client, "expose-potentially-failed", quick, "nodelay", TRUE, NULL);
  g_assert_true (gsctp_socket_subscribe (client, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, 0, TRUE, &error));

  primary = test_address ("192.0.2.2", port);
  change = gsctp_socket_associate (client, &primary, 1, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GSctpPeerAddrThresholds) read = gsctp_socket_get_peer_addr_thresholds (client, change->assoc_id,
                                                                                     NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (read->pf_threshold, ==, quick ? 0 : 5);
    g_assert_cmpuint (read->path_max_retransmissions, ==, 5);
  }

  pacer = (Pacer) { client, change->assoc_id, 0 };
  thread = g_thread_new ("paced", send_paced, &pacer);
  for (guint received = 0; received < PACED_MESSAGES;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 30000, NULL, &error);
      gint64 now = g_get_monotonic_time ();

      g_assert_no_error (error);
      if (gsctp_message_is_event (message))
        continue;
      if (last != 0)
        gap = MAX (gap, now - last);
      last = now;
      received++;
    }
  g_thread_join (thread);
  g_assert_true (run_command (restore));

  /* What the client heard of the primary path. */
  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 200, NULL, NULL);
      const GSctpPeerAddrChange *paddr = message ? gsctp_message_get_peer_addr_change (message) : NULL;

      if (message == NULL)
        break;
      if (paddr != NULL && paddr->state == GSCTP_PEER_ADDR_STATE_POTENTIALLY_FAILED)
        *reported = TRUE;
    }
  return gap;
}

/* RFC 7829's quick failover: data moves to the second path within about
 * a second of the primary's loss, where it waits for every timeout of the
 * failed path without it. */
#define QUICK_FAILOVER_MAX_US (1200 * 1000)

static void
test_potentially_failed (void)
{
  gint64 quick_gap, slow_gap;
  gboolean quick_reported, slow_reported;
  g_autoptr(GSctpSocket) probe = NULL;

  if (!(probe = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) || !guest_network ())
    return;
  /* The gap is the longest of an 8 s run, so a stall of the machine
   * anywhere in it (valgrind runs the threads one at a time) adds to it:
   * the quick failover is timed up to three times and the least counts.
   * Without potentially-failed every run waits for five timeouts. */
  quick_gap = failover_gap (TRUE, &quick_reported);
  for (guint retry = 0; retry < 2 && quick_gap >= QUICK_FAILOVER_MAX_US; retry++)
    {
      gboolean reported;

      g_test_message ("failover took %.2f s with potentially-failed: timed again", quick_gap / 1e6);
      quick_gap = MIN (quick_gap, failover_gap (TRUE, &reported));
      quick_reported = quick_reported && reported;
    }
  slow_gap = failover_gap (FALSE, &slow_reported);
  g_test_message ("failover after the primary path's loss: %.2f s with potentially-failed at the "
                  "first timeout, %.2f s after 5 timeouts (the default)",
                  quick_gap / 1e6, slow_gap / 1e6);
  g_assert_cmpint (quick_gap, <, QUICK_FAILOVER_MAX_US);
  g_assert_cmpint (slow_gap, >, 2 * quick_gap);
  g_assert_true (quick_reported);
  g_assert_false (slow_reported);
}

/* The id of the association that the server sees come up next. */
static GSctpAssocId
server_comm_up (GSctpSocket *server)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 5000, NULL, &error);
      const GSctpAssocChange *up;

      g_assert_no_error (error);
      up = gsctp_message_get_assoc_change (message);
      if (up != NULL && up->state == GSCTP_ASSOC_STATE_COMM_UP)
        return up->assoc_id;
    }
}

/* Written in place: /proc files cannot be replaced. */
static void
write_sysctl (const char *path, const char *value)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (value, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* I-DATA (RFC 8260) with fragment interleave 2: a large message on one
 * stream does not hold back small ones on another. The sender's priority
 * scheduler puts stream 2 first, I-DATA lets its messages go between the
 * large one's fragments, and the receiver, delivering the large one in
 * pieces (its partial delivery point), hands the small ones over between
 * them: each message whole and in its own right. A path of 10 ms each way
 * keeps the large one in flight long enough to be overtaken. */
#define LARGE_SIZE (1024 * 1024)
#define N_SMALL 20

static void
test_interleaving (void)
{
  g_autoptr(GBytes) large = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *pattern = g_malloc (LARGE_SIZE);
  const char *const add_delay[] = { "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "10ms", NULL };
  const char *const remove_delay[] = { "tc", "qdisc", "del", "dev", "lo", "root", NULL };
  guint small_before_large = 0, small_seen = 0;
  gboolean large_seen = FALSE;
  TestPair p = { 0 };

  for (gsize i = 0; i < LARGE_SIZE; i++)
    pattern[i] = (guint8) (i * 7 + i / 4096);
  large = g_bytes_new_take (pattern, LARGE_SIZE);

  if (!(p.server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &p.port)) ||
      !(p.client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    goto out;
  test_set_buffers (p.server, 1 << 22);
  test_set_buffers (p.client, 1 << 22);
  /* Linux takes I-DATA only with net.sctp.intl_enable on, and on a socket
   * whose fragment interleave is set first. */
  if (!guest_network ())
    goto out;
  write_sysctl ("/proc/sys/net/sctp/intl_enable", "1");
  g_object_set (p.server, "fragment-interleave", 2, "interleaving-supported", TRUE,
                "partial-delivery-point", 16384, NULL);
  g_object_set (p.client, "fragment-interleave", 2, "interleaving-supported", TRUE,
                "stream-scheduler", 1 /* priority */, "maxseg", 1200, NULL);
  p.change = test_connect (p.client, p.port, 3);
  {
    gboolean negotiated = FALSE;

    g_object_get (p.client, "interleaving-supported", &negotiated, NULL);
    g_assert_true (negotiated);
  }
  g_assert_true (gsctp_socket_set_stream_value (p.client, p.change->assoc_id, 1, 10, &error));
  g_assert_true (gsctp_socket_set_stream_value (p.client, p.change->assoc_id, 2, 0, &error));
  g_assert_no_error (error);

  g_assert_true (run_command (add_delay));
  {
    GSctpSndInfo info = { .assoc_id = p.change->assoc_id, .stream = 1, .ppid = 1 };

    g_assert_true (gsctp_socket_send (p.client, &info, NULL, large, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < N_SMALL; i++)
    {
      g_autofree char *text = g_strdup_printf ("small %u", i);
      g_autoptr(GBytes) data = test_bytes (text);
      GSctpSndInfo info = { .assoc_id = p.change->assoc_id, .stream = 2, .ppid = 100 + i };

      g_assert_true (gsctp_socket_send (p.client, &info, NULL, data, NULL, &error));
      g_assert_no_error (error);
    }

  while (!large_seen || small_seen < N_SMALL)
    {
      g_autoptr(GSctpMessage) message = test_receive (p.server);
      GBytes *data = gsctp_message_get_data (message);

      if (gsctp_message_get_stream (message) == 1)
        {
          g_assert_false (large_seen);
          g_assert_cmpuint (g_bytes_get_size (data), ==, LARGE_SIZE);
          g_assert_true (g_bytes_equal (data, large));
          large_seen = TRUE;
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("small %u", small_seen);

          g_assert_cmpuint (gsctp_message_get_stream (message), ==, 2);
          g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 100 + small_seen);
          g_assert_true (test_bytes_equal_string (data, text));
          small_seen++;
          if (!large_seen)
            small_before_large++;
        }
    }
  g_assert_true (run_command (remove_delay));
  g_test_message ("%u of %u small messages arrived before the 1 MiB one was whole",
                  small_before_large, N_SMALL);
  g_assert_cmpuint (small_before_large, >, 0);
out:
  test_pair_clear (&p);
}

/* With ASCONF (RFC 5061) on, a multi-homed client asks the server to send
 * to its other address: the server's primary path for the association
 * moves there. */
static void
test_peer_primary (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GError) error = NULL;
  GSocketAddress *locals[2];
  GSctpAssocId server_assoc = 0;
  guint16 port, client_port;

  if (!guest_network ())
    return;
  write_sysctl ("/proc/sys/net/sctp/addip_enable", "1");
  write_sysctl ("/proc/sys/net/sctp/addip_noauth_enable", "1");
  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  locals[0] = test_address ("127.0.0.1", 0);
  locals[1] = test_address ("127.0.0.2", 0);
  g_assert_true (gsctp_socket_bind (client, locals, 2, &error));
  g_object_unref (locals[0]);
  g_object_unref (locals[1]);
  client_port = gsctp_socket_get_local_port (client, &error);
  to = test_address ("127.0.0.1", port);
  change = gsctp_socket_associate (client, &to, 1, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  server_assoc = server_comm_up (server);

  {
    g_autoptr(GSocketAddress) second = test_address ("127.0.0.2", client_port);
    g_autoptr(GSctpPrimaryAddr) prim = gsctp_primary_addr_new (change->assoc_id, second);
    g_autofree char *expected = g_strdup_printf ("127.0.0.2:%u", client_port);
    g_autofree char *text = NULL;

    g_assert_true (gsctp_socket_set_peer_primary_addr (client, prim, &error));
    g_assert_no_error (error);
    for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
         g_get_monotonic_time () < deadline;)
      {
        g_autoptr(GSctpPrimaryAddr) server_prim = gsctp_socket_get_primary_addr (server, server_assoc, &error);

        g_assert_no_error (error);
        g_free (text);
        text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (server_prim->address));
        if (g_str_equal (text, expected))
          break;
        test_no_data (server, 100);
      }
    g_assert_cmpstr (text, ==, expected);
  }
}

/* Waits for the server to report @state for @ip. */
static gboolean
wait_for_peer_address (GSctpSocket *server,
                       const char *ip,
                       GSctpPeerAddrState state)
{
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 500, NULL, NULL);
      const GSctpPeerAddrChange *paddr = message ? gsctp_message_get_peer_addr_change (message) : NULL;
      g_autofree char *text = NULL;

      if (paddr == NULL || paddr->state != state || paddr->address == NULL)
        continue;
      text = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (paddr->address)));
      if (g_str_equal (text, ip))
        return TRUE;
    }
  return FALSE;
}

/* RFC 5061: a client adds a local address to its live association and
 * removes it again; the server hears both, and the association's peer
 * addresses follow. */
static void
test_dynamic_addresses (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) first = NULL;
  g_autoptr(GSocketAddress) second = NULL;
  g_autoptr(GSocketAddress) to = NULL;
  g_autoptr(GError) error = NULL;
  GSctpAssocId server_assoc = 0;
  guint16 port, client_port;

  if (!guest_network ())
    return;
  write_sysctl ("/proc/sys/net/sctp/addip_enable", "1");
  write_sysctl ("/proc/sys/net/sctp/addip_noauth_enable", "1");
  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_assert_true (gsctp_socket_subscribe (server, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, 0, TRUE, &error));
  first = test_address ("127.0.0.1", 0);
  g_assert_true (gsctp_socket_bind (client, &first, 1, &error));
  g_assert_no_error (error);
  client_port = gsctp_socket_get_local_port (client, &error);
  to = test_address ("127.0.0.1", port);
  change = gsctp_socket_associate (client, &to, 1, NULL, 10000, NULL, &error);
  g_assert_no_error (error);
  server_assoc = server_comm_up (server);

  second = test_address ("127.0.0.2", client_port);
  g_assert_true (gsctp_socket_bind (client, &second, 1, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_peer_address (server, "127.0.0.2", GSCTP_PEER_ADDR_STATE_ADDED));
  {
    g_autolist(GSocketAddress) peers = gsctp_socket_get_peer_addresses (server, server_assoc, &error);

    g_assert_cmpuint (g_list_length (peers), ==, 2);
  }

  g_assert_true (gsctp_socket_unbind (client, &second, 1, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_peer_address (server, "127.0.0.2", GSCTP_PEER_ADDR_STATE_REMOVED));
  {
    g_autolist(GSocketAddress) peers = gsctp_socket_get_peer_addresses (server, server_assoc, &error);

    g_assert_cmpuint (g_list_length (peers), ==, 1);
  }
  /* The last address stays. */
  {
    g_autoptr(GSocketAddress) last = test_address ("127.0.0.1", client_port);

    g_assert_false (gsctp_socket_unbind (client, &last, 1, &error));
    g_assert_nonnull (error);
  }
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/failover/primary-path-fails", test_primary_path_fails);
  g_test_add_func ("/failover/lossy-path", test_lossy_path);
  g_test_add_func ("/failover/pr-sctp-under-loss", test_pr_sctp_under_loss);
  g_test_add_func ("/failover/potentially-failed", test_potentially_failed);
  g_test_add_func ("/failover/interleaving", test_interleaving);
  g_test_add_func ("/failover/dynamic-addresses", test_dynamic_addresses);
  g_test_add_func ("/failover/peer-primary", test_peer_primary);
  return g_test_run ();
}
