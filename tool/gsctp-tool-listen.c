/* gsctp-tool-listen.c: `gsctp listen`: a server that prints every message
 * and event it receives (with --echo, sends each message back)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib-unix.h>
#include <signal.h>

#include "gsctp-tool.h"

typedef struct
{
  ToolCommon common;
  GMainLoop *loop;
  GSctpSocket *listener;
  GPtrArray *connections;       /* one-to-one: the accepted sockets */
  GHashTable *live;             /* one-to-many: the associations that are up */
  gboolean draining;
  guint drain_timeout;
  gboolean echo;
  gboolean hex;
  gboolean quiet;
  int count;
  guint64 messages;
  guint64 bytes;
  int exit_code;
} Listen;

static void
finish (Listen *self,
        int exit_code)
{
  if (self->exit_code == TOOL_EXIT_OK)
    self->exit_code = exit_code;
  g_main_loop_quit (self->loop);
}

static gboolean
on_drain_timeout (gpointer data)
{
  Listen *self = data;

  self->drain_timeout = 0;
  finish (self, TOOL_EXIT_OK);
  return G_SOURCE_REMOVE;
}

static void
maybe_drained (Listen *self)
{
  if (self->draining && g_hash_table_size (self->live) == 0 && self->connections->len == 0)
    finish (self, TOOL_EXIT_OK);
}

/* After the last message asked for: every association is shut down
 * gracefully before the tool exits, as the userland stack ends with the
 * process and could not finish a shutdown after it. */
static void
drain (Listen *self)
{
  GHashTableIter iter;
  gpointer key;

  self->draining = TRUE;
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    gsctp_socket_shutdown (self->listener, GPOINTER_TO_INT (key), NULL);
  for (guint i = 0; i < self->connections->len; i++)
    gsctp_socket_shutdown (self->connections->pdata[i], 0, NULL);
  self->drain_timeout = g_timeout_add_seconds (5, on_drain_timeout, self);
  maybe_drained (self);
}

static void
echo (Listen *self,
      GSctpSocket *socket,
      GSctpMessage *message)
{
  const GSctpRcvInfo *info = gsctp_message_get_info (message);
  GSctpSndInfo send_info = {
    .stream = info->stream,
    .ppid = info->ppid,
    .assoc_id = info->assoc_id,
    .flags = (info->flags & GSCTP_RECEIVE_FLAGS_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0,
  };
  g_autoptr(GError) error = NULL;

  /* A blocking send: it waits only while the peer's window is full, and
   * keeps the echoes in order. */
  if (!gsctp_socket_send (socket, &send_info, NULL, gsctp_message_get_data (message), NULL, &error))
    g_printerr ("gsctp listen: echo to association %d: %s\n", info->assoc_id, error->message);
}

typedef struct
{
  Listen *self;
  GSctpSocket *connection;
} Ended;

static gboolean
drop_connection (gpointer data)
{
  Ended *ended = data;

  g_ptr_array_remove_fast (ended->self->connections, ended->connection);
  maybe_drained (ended->self);
  g_object_unref (ended->connection);
  g_free (ended);
  return G_SOURCE_REMOVE;
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            Listen *self)
{
  const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);

  if (!self->quiet)
    tool_print_message (&self->common, message, self->hex);
  if (change != NULL && gsctp_socket_get_socket_type (socket) == GSCTP_SOCKET_TYPE_SEQPACKET)
    {
      if (change->state == GSCTP_ASSOC_STATE_COMM_UP || change->state == GSCTP_ASSOC_STATE_RESTART)
        g_hash_table_add (self->live, GINT_TO_POINTER (change->assoc_id));
      else
        g_hash_table_remove (self->live, GINT_TO_POINTER (change->assoc_id));
      maybe_drained (self);
    }
  if (gsctp_message_is_event (message))
    {
      /* A one-to-one connection whose association ended is done: closed
       * once its emission is over. */
      if (change != NULL && change->state != GSCTP_ASSOC_STATE_COMM_UP &&
          change->state != GSCTP_ASSOC_STATE_RESTART &&
          gsctp_socket_get_socket_type (socket) == GSCTP_SOCKET_TYPE_STREAM)
        {
          Ended *ended = g_new (Ended, 1);

          ended->self = self;
          ended->connection = g_object_ref (socket);
          g_idle_add (drop_connection, ended);
        }
      return;
    }
  self->messages++;
  self->bytes += g_bytes_get_size (gsctp_message_get_data (message));
  if (self->echo)
    echo (self, socket, message);
  if (self->count > 0 && self->messages == (guint64) self->count)
    drain (self);
}

static void
on_incoming (GSctpSocket *listener,
             GSctpSocket *connection,
             Listen *self)
{
  g_ptr_array_add (self->connections, g_object_ref (connection));
  g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
}

static gboolean
on_signal (gpointer data)
{
  finish (data, TOOL_EXIT_OK);
  return G_SOURCE_CONTINUE;
}

static void
close_connection (gpointer data)
{
  gsctp_socket_close (data, NULL);
  g_object_unref (data);
}

static gboolean
start (Listen *self,
       char **binds,
       guint16 port,
       gboolean one_to_one,
       guint16 streams,
       GSctpSocket **out,
       GError **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSctpSocket) socket = NULL;
  ToolRecord record;

  if (binds == NULL)
    {
      g_autoptr(GInetAddress) any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);

      g_ptr_array_add (addresses, g_inet_socket_address_new (any, port));
    }
  for (char **bind = binds; bind != NULL && *bind != NULL; bind++)
    {
      g_autoptr(GPtrArray) found = tool_resolve (*bind, port, error);

      if (found == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (addresses, g_steal_pointer (&found));
    }
  socket = tool_open (&self->common, addresses->pdata[0],
                      one_to_one ? GSCTP_SOCKET_TYPE_STREAM : GSCTP_SOCKET_TYPE_SEQPACKET, error);
  if (socket == NULL || !tool_subscribe_all (socket, error))
    return FALSE;
  if (streams > 0)
    {
      g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (streams, streams);

      if (!gsctp_socket_set_init_msg (socket, init, error))
        return FALSE;
    }
  if (!gsctp_socket_bind (socket, (GSocketAddress * const *) addresses->pdata, addresses->len, error) ||
      !gsctp_socket_listen (socket, 128, error))
    return FALSE;

  tool_record_begin (&record, &self->common, "listening");
  tool_record_uint (&record, "port", gsctp_socket_get_local_port (socket, NULL));
  tool_record_enum (&record, "backend", GSCTP_TYPE_BACKEND_TYPE, gsctp_socket_get_backend (socket));
  tool_record_string (&record, "style", one_to_one ? "one-to-one" : "one-to-many");
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("address%u", i);
      g_autoptr(GInetAddress) ip = g_object_ref (g_inet_socket_address_get_address (addresses->pdata[i]));
      g_autofree char *text = g_inet_address_to_string (ip);

      tool_record_string (&record, i == 0 ? "address" : key, text);
    }
  tool_record_print (&record);

  g_signal_connect (socket, "message", G_CALLBACK (on_message), self);
  g_signal_connect (socket, "incoming", G_CALLBACK (on_incoming), self);
  gsctp_socket_set_active (socket, GSCTP_ACTIVE_MODE_ACTIVE);
  *out = g_steal_pointer (&socket);
  return TRUE;
}

int
tool_listen (int argc,
             char **argv)
{
  Listen self = { .exit_code = TOOL_EXIT_OK };
  g_auto(GStrv) binds = NULL;
  gboolean one_to_one = FALSE;
  int streams = 0;
  const GOptionEntry entries[] = {
    { "bind", 'B', 0, G_OPTION_ARG_STRING_ARRAY, &binds,
      "A local address to listen on (repeat for multi-homing; default: every IPv4 address)", "ADDR" },
    { "one-to-one", '1', 0, G_OPTION_ARG_NONE, &one_to_one,
      "A one-to-one (SOCK_STREAM) server that accepts each association, instead of one-to-many", NULL },
    { "echo", 'e', 0, G_OPTION_ARG_NONE, &self.echo,
      "Send each message back on its stream with its PPID", NULL },
    { "count", 'n', 0, G_OPTION_ARG_INT, &self.count,
      "Exit after N messages", "N" },
    { "streams", 's', 0, G_OPTION_ARG_INT, &streams,
      "Streams to offer each way (default: the stack's)", "N" },
    { "hex", 'x', 0, G_OPTION_ARG_NONE, &self.hex,
      "Print message data in hexadecimal", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &self.quiet,
      "Print no messages, only a summary at the end", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PORT — receive and print messages and events");
  g_autoptr(GSctpSocket) socket = NULL;
  GError *error = NULL;
  guint16 port;
  guint sigint, sigterm;
  int code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "PORT 0 takes a free port; the first line printed, “listening”, says which.\n"
    "Each message is printed as a “message” record, each event as an “event” record.");
  if ((code = tool_run_options (&argc, &argv, context, &self.common)) >= 0)
    return code;
  if (argc != 2)
    return tool_usage (context, "listen takes one PORT");
  if (streams < 0 || streams > G_MAXUINT16 || self.count < 0)
    return tool_usage (context, "--streams and --count take 0 to 65535 and 0 or more");
  if (!tool_parse_port (argv[1], &port, &error))
    return tool_fail ("listen", error);

  self.loop = g_main_loop_new (NULL, FALSE);
  self.connections = g_ptr_array_new_with_free_func (close_connection);
  self.live = g_hash_table_new (NULL, NULL);
  if (!start (&self, binds, port, one_to_one, (guint16) streams, &socket, &error))
    {
      code = tool_fail ("listen", error);
      goto out;
    }
  self.listener = socket;
  sigint = g_unix_signal_add (SIGINT, on_signal, &self);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &self);
  g_main_loop_run (self.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (self.quiet)
    {
      ToolRecord record;

      tool_record_begin (&record, &self.common, "summary");
      tool_record_uint (&record, "messages", self.messages);
      tool_record_uint (&record, "bytes", self.bytes);
      tool_record_print (&record);
    }
  code = self.exit_code;
  if (self.drain_timeout != 0)
    g_source_remove (self.drain_timeout);
  g_ptr_array_set_size (self.connections, 0);
  gsctp_socket_close (socket, NULL);
  /* What the close ended (connections dropped at idle) ends here. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
out:
  g_ptr_array_unref (self.connections);
  g_hash_table_unref (self.live);
  g_main_loop_unref (self.loop);
  tool_common_clear (&self.common);
  return code;
}
