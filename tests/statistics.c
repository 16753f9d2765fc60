/* statistics.c: a socket's associations, the stack's counters of one, and
 * gsctp's counters of what a socket received and sent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "test-util.h"

static gboolean
contains (const gint32 *ids,
          gsize n,
          GSctpAssocId id)
{
  for (gsize i = 0; i < n; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

/* The list follows associations as they come and go. */
static void
test_associations (void)
{
  g_autoptr(GSctpSocket) a = NULL;
  g_autoptr(GSctpSocket) b = NULL;
  g_autoptr(GSctpAssocChange) change_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *ids = NULL;
  g_autofree gint32 *after = NULL;
  g_autofree gint32 *none = NULL;
  TestPair p;
  gsize n = 99;

  if (!test_pair_setup (&p, 2, 0))
    return;
  none = gsctp_socket_get_associations (p.server, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  /* The server has one association, with the pair's client. */
  g_assert_cmpuint (n, ==, 1);
  if (!(b = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    goto out;
  change_b = test_connect (b, p.port, 2);

  ids = gsctp_socket_get_associations (p.client, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, p.change->assoc_id);
  g_clear_pointer (&ids, g_free);
  ids = gsctp_socket_get_associations (p.server, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  /* An aborted association leaves the list. */
  g_assert_true (gsctp_socket_abort (p.client, p.change->assoc_id, &error));
  g_assert_no_error (error);
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline;)
    {
      g_clear_pointer (&after, g_free);
      after = gsctp_socket_get_associations (p.client, &n, &error);
      g_assert_no_error (error);
      if (n == 0)
        break;
      g_usleep (20 * 1000);
    }
  g_assert_cmpuint (n, ==, 0);
  g_assert_nonnull (after);
  g_assert_false (contains (after, n, p.change->assoc_id));

  /* A one-to-one socket: none until it connects, then its one. */
  if (!(a = test_socket_new (GSCTP_SOCKET_TYPE_STREAM)))
    goto out;
  g_clear_pointer (&ids, g_free);
  ids = gsctp_socket_get_associations (a, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  {
    g_autoptr(GSctpAssocChange) change = test_connect (a, p.port, 2);

    g_clear_pointer (&ids, g_free);
    ids = gsctp_socket_get_associations (a, &n, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (ids[0], ==, change->assoc_id);
  }

  gsctp_socket_close (a, NULL);
  g_assert_null (gsctp_socket_get_associations (a, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
out:
  test_pair_clear (&p);
}

/* gsctp counts data messages and bytes each way; events and aborts are
 * not data. */
static void
test_socket_counters (void)
{
  g_autoptr(GSctpSocketStats) client_stats = NULL;
  g_autoptr(GSctpSocketStats) server_stats = NULL;
  g_autoptr(GSctpSocketStats) fresh = NULL;
  guint64 total = 0;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    return;
  fresh = gsctp_socket_get_statistics (p.client);
  g_assert_cmpuint (fresh->messages_sent, ==, 0);
  g_assert_cmpuint (fresh->bytes_sent, ==, 0);

  for (guint i = 1; i <= 10; i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_take (g_malloc0 (i * 100), i * 100);
      g_autoptr(GError) error = NULL;

      g_assert_true (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 0, data, NULL, &error));
      g_assert_no_error (error);
      total += i * 100;
    }
  for (guint i = 1; i <= 10; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (p.server);
    }

  client_stats = gsctp_socket_get_statistics (p.client);
  server_stats = gsctp_socket_get_statistics (p.server);
  g_assert_cmpuint (client_stats->messages_sent, ==, 10);
  g_assert_cmpuint (client_stats->bytes_sent, ==, total);
  g_assert_cmpuint (client_stats->largest_sent, ==, 1000);
  g_assert_cmpuint (client_stats->messages_received, ==, 0);
  g_assert_cmpuint (client_stats->pending_bytes, ==, 0);
  g_assert_cmpuint (server_stats->messages_received, ==, 10);
  g_assert_cmpuint (server_stats->bytes_received, ==, total);
  g_assert_cmpuint (server_stats->largest_received, ==, 1000);
  g_assert_cmpuint (server_stats->messages_sent, ==, 0);
  test_pair_clear (&p);
}

/* The stack's own counters of an association move with its traffic. */
static void
test_assoc_stats (void)
{
  g_autoptr(GSctpAssocStats) before = NULL;
  g_autoptr(GSctpAssocStats) after = NULL;
  g_autoptr(GError) error = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    return;
  before = gsctp_socket_get_assoc_stats (p.client, p.change->assoc_id, &error);
  if (test_userland ())
    {
      g_assert_null (before);
      g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, "userland"));
      test_pair_clear (&p);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (before->assoc_id, ==, p.change->assoc_id);

  test_pair_send (&p, 20, "counted");
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (p.server);
    }
  {
    g_autoptr(GBytes) data = test_bytes ("unordered");
    GSctpSndInfo info = { .assoc_id = p.change->assoc_id, .flags = GSCTP_SEND_FLAGS_UNORDERED };
    g_autoptr(GSctpMessage) message = NULL;

    g_assert_true (gsctp_socket_send (p.client, &info, NULL, data, NULL, &error));
    g_assert_no_error (error);
    message = test_receive (p.server);
  }
  /* Let the last SACK come back. */
  g_usleep (300 * 1000);
  after = gsctp_socket_get_assoc_stats (p.client, p.change->assoc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->ordered_chunks_sent, >=, before->ordered_chunks_sent + 20);
  g_assert_cmpuint (after->unordered_chunks_sent, ==, before->unordered_chunks_sent + 1);
  g_assert_cmpuint (after->packets_sent, >, before->packets_sent);
  g_assert_cmpuint (after->packets_received, >, before->packets_received);
  g_assert_cmpuint (after->sacks_received, >, before->sacks_received);
  g_assert_cmpuint (after->retransmitted_chunks, ==, 0);
  g_assert_cmpuint (after->max_rto, >, 0);
  g_assert_nonnull (after->max_rto_address);

  /* By name, as a boxed value. */
  {
    GValue *value = gsctp_socket_get_option (p.client, "sctp_get_assoc_stats", p.change->assoc_id, &error);

    g_assert_no_error (error);
    g_assert_true (G_VALUE_HOLDS (value, GSCTP_TYPE_ASSOC_STATS));
    g_assert_cmpuint (((GSctpAssocStats *) g_value_get_boxed (value))->ordered_chunks_sent, >=, 20);
    g_boxed_free (G_TYPE_VALUE, value);
  }
  test_pair_clear (&p);
}

/* Nothing abandoned on a reliable association; a stream it does not have
 * is an error that says so. */
static void
test_pr_status (void)
{
  g_autoptr(GError) error = NULL;
  guint64 unsent = 99, sent = 99;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    return;
  test_pair_send (&p, 3, "reliable");
  g_assert_true (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, -1, GSCTP_PR_POLICY_NONE,
                                             &unsent, &sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (unsent, ==, 0);
  g_assert_cmpuint (sent, ==, 0);
  g_assert_true (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, 1, GSCTP_PR_POLICY_NONE,
                                             &unsent, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (unsent, ==, 0);
  g_assert_false (gsctp_socket_get_pr_status (p.client, p.change->assoc_id, 5, GSCTP_PR_POLICY_TTL,
                                              NULL, NULL, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM);
  test_pair_clear (&p);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/statistics/associations", test_associations);
  g_test_add_func ("/statistics/socket-counters", test_socket_counters);
  g_test_add_func ("/statistics/assoc-stats", test_assoc_stats);
  g_test_add_func ("/statistics/pr-status", test_pr_status);
  return g_test_run ();
}
