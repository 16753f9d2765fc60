/* gsctp-tool-bench.c: `gsctp bench`: one-way message throughput, to a
 * receiver in the same process (over loopback) or to a peer, with a
 * progress line each second
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <unistd.h>

#include "gsctp-tool.h"

typedef struct
{
  GSctpSocket *socket;
  guint64 messages;
  guint64 bytes;
  GError *error;
} Receiver;

/* The receiver counts data until the association ends. */
static gpointer
receive_all (gpointer data)
{
  Receiver *receiver = data;

  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (receiver->socket, 30000, NULL,
                                                              &receiver->error);
      const GSctpAssocChange *change;

      if (message == NULL)
        return NULL;
      change = gsctp_message_get_assoc_change (message);
      if (change != NULL && change->state != GSCTP_ASSOC_STATE_COMM_UP)
        return NULL;
      if (!gsctp_message_is_event (message))
        {
          gsize size;

          gsctp_message_peek_data (message, &size);
          receiver->messages++;
          receiver->bytes += size;
        }
    }
}

static void
progress (double seconds,
          guint64 messages,
          gsize size,
          gboolean last)
{
  gboolean tty = isatty (STDERR_FILENO);

  fprintf (stderr, "%s%6.1f s %12" G_GUINT64_FORMAT " messages %11.0f msg/s %9.2f MB/s%s",
           tty ? "\r" : "", seconds, messages, messages / seconds, messages * size / seconds / 1e6,
           tty && !last ? "" : "\n");
  fflush (stderr);
}

int
tool_bench (int argc,
            char **argv)
{
  ToolCommon common = { 0 };
  int size = 1024, seconds = 5, count = 0;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT, &size, "Bytes per message (default 1024)", "BYTES" },
    { "seconds", 't', 0, G_OPTION_ARG_INT, &seconds, "Send for this long (default 5)", "S" },
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Send this many messages instead", "N" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress line", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("[HOST[,HOST…] PORT] — one-way throughput");
  g_autoptr(GSctpSocket) sender = NULL;
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *port_text = NULL;
  Receiver receiver = { 0 };
  GThread *thread = NULL;
  GSctpSndInfo info = { 0 };
  GError *error = NULL;
  const char *hosts;
  guint64 sent = 0;
  gint64 start, now, last_report, end;
  double elapsed;
  ToolRecord record;
  int code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Without HOST, a receiver in this process on the loopback address counts what\n"
    "arrives; with HOST and PORT, messages go to that peer (e.g. gsctp listen -q).\n"
    "The result is one record: sent and received messages and their rates.");
  if ((code = tool_run_options (&argc, &argv, context, &common)) >= 0)
    goto out;
  if ((argc != 1 && argc != 3) || size < 1 || seconds < 1 || count < 0)
    {
      code = tool_usage (context, argc != 1 && argc != 3 ? "bench takes no argument, or HOST and PORT"
                                                         : "--size and --seconds take 1 or more");
      goto out;
    }
  if (argc == 3)
    {
      hosts = argv[1];
      port_text = g_strdup (argv[2]);
    }
  else
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

      hosts = "127.0.0.1";
      if ((server = tool_open (&common, address, GSCTP_SOCKET_TYPE_SEQPACKET, &error)) == NULL ||
          !gsctp_socket_bind (server, &address, 1, &error) ||
          !gsctp_socket_listen (server, 1, &error))
        {
          code = tool_fail ("bench", error);
          goto out;
        }
      port_text = g_strdup_printf ("%u", gsctp_socket_get_local_port (server, NULL));
    }
  sender = tool_associate (&common, GSCTP_SOCKET_TYPE_SEQPACKET, FALSE, hosts, port_text, NULL, 0, 0,
                           &change, &error);
  if (sender == NULL)
    {
      code = tool_fail ("bench", error);
      goto out;
    }
  if (server != NULL)
    {
      receiver.socket = server;
      thread = g_thread_new ("gsctp-bench-receiver", receive_all, &receiver);
    }

  payload = g_bytes_new_take (g_malloc0 (size), size);
  info.assoc_id = change->assoc_id;
  start = last_report = g_get_monotonic_time ();
  end = start + (gint64) seconds * G_USEC_PER_SEC;
  for (;;)
    {
      if (!gsctp_socket_send (sender, &info, NULL, payload, NULL, &error))
        break;
      sent++;
      if (count > 0 ? sent >= (guint64) count : (sent & 63) == 0 && g_get_monotonic_time () >= end)
        break;
      if ((sent & 63) == 0 && !quiet && (now = g_get_monotonic_time ()) - last_report >= G_USEC_PER_SEC)
        {
          last_report = now;
          progress ((now - start) / 1e6, sent, size, FALSE);
        }
    }
  /* A graceful shutdown: the time counts until the peer has it all. */
  if (error == NULL)
    tool_end_association (sender, change->assoc_id);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  if (thread != NULL)
    g_thread_join (thread);
  if (!quiet)
    progress (elapsed, sent, size, TRUE);
  if (error != NULL)
    {
      code = tool_fail ("bench", error);
      goto out;
    }

  tool_record_begin (&record, &common, "result");
  tool_record_enum (&record, "backend", GSCTP_TYPE_BACKEND_TYPE, gsctp_socket_get_backend (sender));
  tool_record_uint (&record, "size", size);
  tool_record_double (&record, "seconds", elapsed);
  tool_record_uint (&record, "sent", sent);
  tool_record_double (&record, "messages_per_second", sent / elapsed);
  tool_record_double (&record, "megabytes_per_second", sent * (double) size / elapsed / 1e6);
  if (server != NULL)
    tool_record_uint (&record, "received", receiver.messages);
  tool_record_print (&record);
  code = TOOL_EXIT_OK;
  if (receiver.error != NULL)
    code = tool_fail ("bench: receiver", g_steal_pointer (&receiver.error));
  else if (server != NULL && receiver.messages != sent)
    {
      g_printerr ("gsctp bench: %" G_GUINT64_FORMAT " sent, %" G_GUINT64_FORMAT " received\n",
                  sent, receiver.messages);
      code = TOOL_EXIT_FAILED;
    }
out:
  if (sender != NULL)
    gsctp_socket_close (sender, NULL);
  if (server != NULL)
    gsctp_socket_close (server, NULL);
  tool_common_clear (&common);
  return code;
}
