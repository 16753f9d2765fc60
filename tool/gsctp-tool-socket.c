/* gsctp-tool-socket.c: what the commands share: the common options,
 * addresses, opening a socket on the chosen backend, associating, and
 * errors as exit codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsctp-tool.h"

void
tool_common_add (GOptionContext *context,
                 ToolCommon *common)
{
  const GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &common->backend_name,
      "The SCTP stack: kernel or userland (default: GSCTP_BACKEND, else kernel)", "NAME" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &common->json,
      "Print each record as a JSON object on its own line", NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

gboolean
tool_common_check (ToolCommon *common,
                   GError **error)
{
  if (common->backend_name == NULL)
    common->backend = GSCTP_BACKEND_TYPE_DEFAULT;
  else if (strcmp (common->backend_name, "kernel") == 0)
    common->backend = GSCTP_BACKEND_TYPE_KERNEL;
  else if (strcmp (common->backend_name, "userland") == 0)
    common->backend = GSCTP_BACKEND_TYPE_USERLAND;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--backend: “%s” is neither kernel nor userland", common->backend_name);
      return FALSE;
    }
  return TRUE;
}

void
tool_common_clear (ToolCommon *common)
{
  g_clear_pointer (&common->backend_name, g_free);
}

gboolean
tool_parse_port (const char *text,
                 guint16 *port,
                 GError **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &number, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a port (0 to 65535)", text);
      return FALSE;
    }
  *port = (guint16) number;
  return TRUE;
}

/* Each of the comma-separated @hosts (names or addresses) as a
 * GInetSocketAddress with @port: the first address a name has. */
GPtrArray *
tool_resolve (const char *hosts,
              guint16 port,
              GError **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_auto(GStrv) names = g_strsplit (hosts, ",", -1);

  for (char **name = names; *name != NULL; name++)
    {
      GList *found;

      if (**name == '\0')
        continue;
      found = g_resolver_lookup_by_name (resolver, *name, NULL, error);
      if (found == NULL)
        return NULL;
      g_ptr_array_add (addresses, g_inet_socket_address_new (found->data, port));
      g_resolver_free_addresses (found);
    }
  if (addresses->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No address in “%s”", hosts);
      return NULL;
    }
  return g_steal_pointer (&addresses);
}

GSctpSocket *
tool_open (const ToolCommon *common,
           GSocketAddress *first,
           GSctpSocketType type,
           GError **error)
{
  GSocketFamily family = first != NULL ? g_socket_address_get_family (first) : G_SOCKET_FAMILY_IPV4;

  return gsctp_socket_new_with_backend (family, type, common->backend, error);
}

/* Every event the stack has: what the tool is for is seeing them. A stack
 * that lacks one (the userland one has no potentially-failed state, for
 * instance) keeps the rest. */
gboolean
tool_subscribe_all (GSctpSocket *socket,
                    GError **error)
{
  for (GSctpEventType type = GSCTP_EVENT_TYPE_ASSOC_CHANGE; type < GSCTP_N_EVENT_TYPES; type++)
    {
      g_autoptr(GError) local_error = NULL;

      if (gsctp_socket_subscribe (socket, type, 0, TRUE, &local_error))
        continue;
      if (!g_error_matches (local_error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* A socket of @type in the family of the first of @hosts (with every
 * event subscribed, if @all_events), bound to @bind if given, associated
 * with @hosts at @port_text asking for @streams streams each way (0: the
 * stack's default), giving up after @timeout_s seconds (0: when the stack
 * does). */
GSctpSocket *
tool_associate (const ToolCommon *common,
                GSctpSocketType type,
                gboolean all_events,
                const char *hosts,
                const char *port_text,
                const char *bind,
                guint16 streams,
                int timeout_s,
                GSctpAssocChange **change,
                GError **error)
{
  g_autoptr(GPtrArray) peers = NULL;
  g_autoptr(GSctpInitMsg) init = NULL;
  g_autoptr(GSctpSocket) socket = NULL;
  guint16 port;

  if (!tool_parse_port (port_text, &port, error) ||
      (peers = tool_resolve (hosts, port, error)) == NULL ||
      (socket = tool_open (common, peers->pdata[0], type, error)) == NULL ||
      (all_events && !tool_subscribe_all (socket, error)))
    return NULL;
  if (bind != NULL)
    {
      g_autoptr(GPtrArray) local = tool_resolve (bind, 0, error);

      if (local == NULL ||
          !gsctp_socket_bind (socket, (GSocketAddress * const *) local->pdata, local->len, error))
        return NULL;
    }
  if (streams > 0)
    init = gsctp_init_msg_new (streams, streams);
  *change = gsctp_socket_associate (socket, (GSocketAddress * const *) peers->pdata, peers->len,
                                    init, timeout_s > 0 ? timeout_s * 1000 : -1, NULL, error);
  if (*change == NULL)
    return NULL;
  return g_steal_pointer (&socket);
}

/* Ends an association the way a polite client does: SHUTDOWN, then wait a
 * little for its completion, so that the peer sees an orderly end rather
 * than an abort. */
void
tool_end_association (GSctpSocket *socket,
                      GSctpAssocId assoc_id)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  if (!gsctp_socket_shutdown (socket, assoc_id, NULL))
    return;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSctpMessage) message =
        gsctp_socket_receive (socket, (int) ((deadline - g_get_monotonic_time ()) / 1000) + 1,
                              NULL, NULL);
      const GSctpAssocChange *change;

      if (message == NULL)
        return;
      change = gsctp_message_get_assoc_change (message);
      if (change != NULL && change->assoc_id == assoc_id &&
          change->state != GSCTP_ASSOC_STATE_COMM_UP)
        return;
    }
}

int
tool_fail (const char *command,
           GError *error)
{
  int code = TOOL_EXIT_FAILED;

  if (g_error_matches (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    code = TOOL_EXIT_NO_SCTP;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ||
           g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ||
           g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION) ||
           g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED))
    code = TOOL_EXIT_USAGE;
  g_printerr ("gsctp %s: %s\n", command, error->message);
  g_error_free (error);
  return code;
}

int
tool_usage (GOptionContext *context,
            const char *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message != NULL)
    g_printerr ("%s\n\n", message);
  g_printerr ("%s", help);
  return TOOL_EXIT_USAGE;
}

/* Parses a command's options (the common ones included); on error prints
 * it with the usage and returns the usage exit code, else -1. */
int
tool_run_options (int *argc,
                  char ***argv,
                  GOptionContext *context,
                  ToolCommon *common)
{
  g_autoptr(GError) error = NULL;

  tool_common_add (context, common);
  if (!g_option_context_parse (context, argc, argv, &error) || !tool_common_check (common, &error))
    return tool_usage (context, error->message);
  return -1;
}
