/* load.c: 1,000 associations each sending 100 messages to one server
 * socket, all delivered in order, in rounds whose memory stays flat —
 * against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <sys/resource.h>

#include "test-util.h"

#define N_ASSOCIATIONS 1000
#define N_MESSAGES 100
#define N_ROUNDS 3

typedef struct {
  GSctpSocket *server;
  guint expected;
  guint received;
  GHashTable *next_seq;        /* assoc id → next expected sequence + 1 */
  gboolean in_order;
} Sink;

static gpointer
sink_thread (gpointer data)
{
  Sink *sink = data;

  while (sink->received < sink->expected)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (sink->server, 30000, NULL, &error);
      guint client, seq;
      gsize size;
      const char *text;
      gpointer key;

      g_assert_no_error (error);
      if (gsctp_message_is_event (message))
        continue;
      text = g_bytes_get_data (gsctp_message_get_data (message), &size);
      g_assert_cmpint (sscanf (text, "%u %u", &client, &seq), ==, 2);
      key = GINT_TO_POINTER (gsctp_message_get_assoc_id (message));
      /* Each association's messages come in the order they were sent. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (sink->next_seq, key)) != seq)
        sink->in_order = FALSE;
      g_hash_table_insert (sink->next_seq, key, GUINT_TO_POINTER (seq + 1));
      sink->received++;
    }
  return NULL;
}

static gsize
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static void
run_round (guint16 port, GSctpSocket *server)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) assoc_ids = g_array_new (FALSE, FALSE, sizeof (GSctpAssocId));
  g_autoptr(GSocketAddress) address = test_address ("127.0.0.1", port);
  Sink sink = { server, N_ASSOCIATIONS * N_MESSAGES, 0,
                g_hash_table_new (NULL, NULL), TRUE };
  GThread *thread;

  for (guint i = 0; i < N_ASSOCIATIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpAssocChange) change = NULL;
      GSctpSocket *client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);

      change = gsctp_socket_associate (client, &address, 1, NULL, 30000, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (clients, client);
      g_array_append_val (assoc_ids, change->assoc_id);
    }

  thread = g_thread_new ("sink", sink_thread, &sink);
  /* Messages spread across the associations: one from each, in turn. */
  for (guint seq = 0; seq < N_MESSAGES; seq++)
    for (guint i = 0; i < N_ASSOCIATIONS; i++)
      {
        g_autoptr(GError) error = NULL;
        char text[32];
        gsize len = g_snprintf (text, sizeof text, "%u %u", i, seq);
        g_autoptr(GBytes) data = g_bytes_new (text, len + 1);
        GSctpSndInfo info = { .assoc_id = g_array_index (assoc_ids, GSctpAssocId, i) };

        g_assert_true (gsctp_socket_send (g_ptr_array_index (clients, i), &info, NULL, data, NULL, &error));
        g_assert_no_error (error);
      }
  g_thread_join (thread);
  g_assert_cmpuint (sink.received, ==, N_ASSOCIATIONS * N_MESSAGES);
  g_assert_cmpuint (g_hash_table_size (sink.next_seq), ==, N_ASSOCIATIONS);
  g_assert_true (sink.in_order);
  g_hash_table_unref (sink.next_seq);
}

static void
test_many_associations (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  struct rlimit limit;
  gsize rss[N_ROUNDS];
  guint16 port;

  /* A thousand client sockets need more descriptors than the usual 1024. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  limit.rlim_cur = MIN (limit.rlim_max, 8192);
  setrlimit (RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < N_ASSOCIATIONS + 64)
    {
      g_test_skip ("Not enough file descriptors");
      return;
    }
  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    return;
  gsctp_socket_listen (server, 4096, NULL);
  test_set_buffers (server, 8 * 1024 * 1024);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();

      run_round (port, server);
      /* The server reads the ends of the associations too. */
      test_no_data (server, 500);
      rss[round] = resident_kib ();
      g_test_message ("round %u: %u associations x %u messages in %.1f s, RSS %" G_GSIZE_FORMAT " KiB",
                      round, N_ASSOCIATIONS, N_MESSAGES,
                      (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, rss[round]);
    }
  /* Flat: the last round grows the process by less than 4 MiB. */
  g_assert_cmpuint (rss[N_ROUNDS - 1], <, rss[N_ROUNDS - 2] + 4096);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/load/many-associations", test_many_associations);
  return g_test_run ();
}
