/* gsctp-tool-connect.c: `gsctp connect`: a client that sends each line of
 * its standard input (or each file) as a message and prints every message
 * and event that comes back, then ends the association with a SHUTDOWN
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gunixinputstream.h>
#include <string.h>

#include "gsctp-tool.h"

typedef struct
{
  ToolCommon common;
  GMainLoop *loop;
  GSctpSocket *socket;
  GSctpAssocId assoc_id;
  GSctpSndInfo info;
  gboolean hex;
  int expect;
  char **files;
  guint next_file;
  GDataInputStream *input;
  GCancellable *cancellable;
  gboolean input_done;
  gboolean shutting_down;
  gboolean finished;
  guint64 received;
  guint timeout;
  int exit_code;
} Connect;

static void send_next (Connect *self);

/* The first outcome is the one: what comes after the association ended
 * (a send that was under way, say) does not change it. */
static void
finish (Connect *self,
        int exit_code)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  self->exit_code = exit_code;
  g_main_loop_quit (self->loop);
}

static gboolean
on_shutdown_timeout (gpointer data)
{
  Connect *self = data;

  self->timeout = 0;
  g_printerr ("gsctp connect: the association did not shut down in time\n");
  finish (self, TOOL_EXIT_FAILED);
  return G_SOURCE_REMOVE;
}

/* Once everything is sent and the replies asked for have come. */
static void
maybe_shut_down (Connect *self)
{
  g_autoptr(GError) error = NULL;

  if (self->shutting_down || self->finished || !self->input_done ||
      self->received < (guint64) self->expect)
    return;
  self->shutting_down = TRUE;
  /* The peer may have begun its own shutdown already (an echo server that
   * got what it waited for): then its completion is what comes. */
  if (!gsctp_socket_shutdown (self->socket, self->assoc_id, &error) &&
      !g_error_matches (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION))
    {
      g_printerr ("gsctp connect: shutdown: %s\n", error->message);
      finish (self, TOOL_EXIT_FAILED);
      return;
    }
  self->timeout = g_timeout_add_seconds (10, on_shutdown_timeout, self);
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            Connect *self)
{
  const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);

  tool_print_message (&self->common, message, self->hex);
  if (change != NULL && change->assoc_id == self->assoc_id)
    {
      if (change->state == GSCTP_ASSOC_STATE_SHUTDOWN_COMP)
        finish (self, TOOL_EXIT_OK);
      else if (change->state == GSCTP_ASSOC_STATE_COMM_LOST ||
               change->state == GSCTP_ASSOC_STATE_CANT_ASSOC)
        finish (self, TOOL_EXIT_LOST);
      return;
    }
  if (gsctp_message_get_shutdown_event (message) != NULL)
    {
      /* The peer is ending the association: nothing more will be taken,
       * and its completion is what comes. */
      self->input_done = TRUE;
      self->shutting_down = TRUE;
      if (self->timeout == 0)
        self->timeout = g_timeout_add_seconds (10, on_shutdown_timeout, self);
      return;
    }
  if (!gsctp_message_is_event (message))
    {
      self->received++;
      maybe_shut_down (self);
    }
}

static void
on_sent (GObject *source,
         GAsyncResult *result,
         gpointer data)
{
  Connect *self = data;
  g_autoptr(GError) error = NULL;

  if (!gsctp_socket_send_finish (GSCTP_SOCKET (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_printerr ("gsctp connect: send: %s\n", error->message);
      finish (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED) ||
                      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
                      ? TOOL_EXIT_LOST : TOOL_EXIT_FAILED);
      return;
    }
  send_next (self);
}

static void
send_bytes (Connect *self,
            GBytes *data)
{
  gsctp_socket_send_async (self->socket, &self->info, NULL, data, self->cancellable, on_sent, self);
  g_bytes_unref (data);
}

static void
on_line (GObject *source,
         GAsyncResult *result,
         gpointer data)
{
  Connect *self = data;
  g_autoptr(GError) error = NULL;
  gsize length;
  char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          &length, &error);

  if (line == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL && error != NULL)
    {
      g_printerr ("gsctp connect: standard input: %s\n", error->message);
      finish (self, TOOL_EXIT_FAILED);
      return;
    }
  if (line == NULL)
    {
      self->input_done = TRUE;
      maybe_shut_down (self);
      return;
    }
  if (length == 0)
    {
      /* SCTP has no empty messages: an empty line is skipped. */
      g_free (line);
      send_next (self);
      return;
    }
  send_bytes (self, g_bytes_new_take (line, length));
}

static void
send_next (Connect *self)
{
  if (self->files != NULL)
    {
      const char *path = self->files[self->next_file];
      g_autoptr(GError) error = NULL;
      char *contents;
      gsize length;

      if (path == NULL)
        {
          self->input_done = TRUE;
          maybe_shut_down (self);
          return;
        }
      self->next_file++;
      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("gsctp connect: %s\n", error->message);
          finish (self, TOOL_EXIT_FAILED);
          return;
        }
      send_bytes (self, g_bytes_new_take (contents, length));
      return;
    }
  g_data_input_stream_read_line_async (self->input, G_PRIORITY_DEFAULT, self->cancellable, on_line,
                                       self);
}

static void
print_connected (Connect *self,
                 const GSctpAssocChange *change)
{
  g_autolist(GSocketAddress) peers = gsctp_socket_get_peer_addresses (self->socket, change->assoc_id, NULL);
  ToolRecord record;

  tool_record_begin (&record, &self->common, "connected");
  tool_record_int (&record, "assoc", change->assoc_id);
  tool_record_uint (&record, "outbound_streams", change->outbound_streams);
  tool_record_uint (&record, "inbound_streams", change->inbound_streams);
  tool_record_address (&record, "peer", peers != NULL ? peers->data : NULL);
  tool_record_uint (&record, "peer_addresses", g_list_length (peers));
  tool_record_print (&record);
}

int
tool_connect (int argc,
              char **argv)
{
  Connect self = { .exit_code = TOOL_EXIT_OK };
  char *bind = NULL;
  gboolean one_to_one = FALSE, unordered = FALSE;
  int stream = 0, streams = 0, ttl = 0;
  gint64 ppid = 0;
  int timeout_s = 0;
  const GOptionEntry entries[] = {
    { "bind", 'B', 0, G_OPTION_ARG_STRING, &bind,
      "Local addresses to bind, comma-separated (default: the stack chooses)", "ADDR[,ADDR…]" },
    { "one-to-one", '1', 0, G_OPTION_ARG_NONE, &one_to_one,
      "A one-to-one (SOCK_STREAM) socket instead of one-to-many", NULL },
    { "stream", 's', 0, G_OPTION_ARG_INT, &stream, "The stream to send on (default 0)", "N" },
    { "ppid", 'p', 0, G_OPTION_ARG_INT64, &ppid, "The payload protocol identifier (default 0)", "N" },
    { "unordered", 'u', 0, G_OPTION_ARG_NONE, &unordered, "Send unordered", NULL },
    { "ttl", 't', 0, G_OPTION_ARG_INT, &ttl,
      "Abandon a message not sent within MS milliseconds (PR-SCTP)", "MS" },
    { "streams", 'S', 0, G_OPTION_ARG_INT, &streams,
      "Streams to ask for each way (default: the stack's)", "N" },
    { "expect", 'n', 0, G_OPTION_ARG_INT, &self.expect,
      "Wait for N messages from the peer before shutting down", "N" },
    { "timeout", 'T', 0, G_OPTION_ARG_INT, &timeout_s,
      "Give up associating after S seconds (default: when the stack does)", "S" },
    { "hex", 'x', 0, G_OPTION_ARG_NONE, &self.hex, "Print message data in hexadecimal", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("HOST[,HOST…] PORT [FILE…] — send lines or files as messages");
  g_autoptr(GSctpAssocChange) change = NULL;
  GError *error = NULL;
  int code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Without FILE, each line of standard input is a message (its newline not\n"
    "included; empty lines are skipped); with FILEs, each file is one message.\n"
    "At the end the association is shut down gracefully.\n"
    "Exit status: 0 after a graceful shutdown, 1 on failure (refused, timed out,\n"
    "a send refused), 3 without SCTP, 4 when the association was aborted or lost.");
  if ((code = tool_run_options (&argc, &argv, context, &self.common)) >= 0)
    goto out_options;
  if (argc < 3)
    {
      code = tool_usage (context, "connect takes HOST[,HOST…] and PORT");
      goto out_options;
    }
  if (stream < 0 || stream > G_MAXUINT16 || streams < 0 || streams > G_MAXUINT16 || ttl < 0 ||
      ppid < 0 || ppid > G_MAXUINT32 || self.expect < 0)
    {
      code = tool_usage (context, "--stream and --streams take 0 to 65535, --ppid 0 to 4294967295, "
                                  "--ttl and --expect 0 or more");
      goto out_options;
    }
  self.info.stream = (guint16) stream;
  self.info.ppid = (guint32) ppid;
  self.info.flags = unordered ? GSCTP_SEND_FLAGS_UNORDERED : GSCTP_SEND_FLAGS_NONE;
  self.info.time_to_live = (guint32) ttl;
  self.files = argc > 3 ? argv + 3 : NULL;

  self.socket = tool_associate (&self.common,
                                one_to_one ? GSCTP_SOCKET_TYPE_STREAM : GSCTP_SOCKET_TYPE_SEQPACKET,
                                TRUE, argv[1], argv[2], bind, (guint16) streams, timeout_s, &change,
                                &error);
  if (self.socket == NULL)
    {
      code = tool_fail ("connect", error);
      goto out;
    }
  self.assoc_id = change->assoc_id;
  self.info.assoc_id = change->assoc_id;
  print_connected (&self, change);

  self.loop = g_main_loop_new (NULL, FALSE);
  self.cancellable = g_cancellable_new ();
  if (self.files == NULL)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      self.input = g_data_input_stream_new (in);
      g_data_input_stream_set_newline_type (self.input, G_DATA_STREAM_NEWLINE_TYPE_ANY);
    }
  g_signal_connect (self.socket, "message", G_CALLBACK (on_message), &self);
  gsctp_socket_set_active (self.socket, GSCTP_ACTIVE_MODE_ACTIVE);
  send_next (&self);
  g_main_loop_run (self.loop);
  code = self.exit_code;

  if (self.timeout != 0)
    g_source_remove (self.timeout);
  g_cancellable_cancel (self.cancellable);
  gsctp_socket_close (self.socket, NULL);
  /* The sends and the read that were cancelled finish here. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (self.loop);
  g_clear_object (&self.input);
  g_clear_object (&self.cancellable);
out:
  g_clear_object (&self.socket);
out_options:
  g_free (bind);
  tool_common_clear (&self.common);
  return code;
}
