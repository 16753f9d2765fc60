/* gsctp-tool-option.c: `gsctp option`: socket options by name — listed
 * with their values on a new socket, read, and set (then read back, to
 * show what the stack took)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "gsctp-tool.h"

/* The options without a property of their own: structured ones, the event
 * mask and linger. */
static const char * const structured[] = {
  "sctp_initmsg", "sctp_rtoinfo", "sctp_associnfo", "sctp_peer_addr_params",
  "sctp_default_send_param", "sctp_peer_addr_thlds", "sctp_status", "sctp_get_assoc_stats",
  "sctp_primary_addr", "sctp_delayed_ack_time", "sctp_default_prinfo", "sctp_events", "linger",
};

/* Every option's name: the one-value options by their property's name
 * (the socket's properties that are options), then the others. */
static GPtrArray *
option_names (GSctpSocket *socket)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n_properties;
  g_autofree GParamSpec **properties =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (socket), &n_properties);

  for (guint i = 0; i < n_properties; i++)
    {
      g_autoptr(GError) error = NULL;
      GValue *value = gsctp_socket_get_option (socket, properties[i]->name, 0, &error);

      if (value != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        g_ptr_array_add (names, g_strdup (properties[i]->name));
      if (value != NULL)
        g_boxed_free (G_TYPE_VALUE, value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (structured); i++)
    g_ptr_array_add (names, g_strdup (structured[i]));
  return names;
}

static void
record_option (const ToolCommon *common,
               GSctpSocket *socket,
               const char *name,
               GSctpAssocId assoc_id,
               gboolean with_description)
{
  g_autoptr(GError) error = NULL;
  GValue *value = gsctp_socket_get_option (socket, name, assoc_id, &error);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (socket), name);
  ToolRecord record;

  tool_record_begin (&record, common, "option");
  tool_record_string (&record, "name", name);
  if (value != NULL)
    tool_record_value (&record, "value", value);
  else
    tool_record_string (&record, "error", error->message);
  if (with_description && pspec != NULL)
    tool_record_string (&record, "description", g_param_spec_get_blurb (pspec));
  tool_record_print (&record);
  if (value != NULL)
        g_boxed_free (G_TYPE_VALUE, value);
}

/* VALUE as the option wants it: true/false or a number for one-value
 * options, event names joined by `|` for sctp_events, `field=value,…`
 * over the current value for structured ones. */
static gboolean
parse_value (GSctpSocket *socket,
             const char *name,
             GSctpAssocId assoc_id,
             const char *text,
             GValue *value,
             GError **error)
{
  GValue *current;
  gint64 number;

  if (strcmp (name, "sctp_events") == 0)
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (GSCTP_TYPE_EVENT_MASK);
      g_auto(GStrv) names = g_strsplit (text, "|", -1);
      guint mask = 0;

      for (char **event = names; *event != NULL; event++)
        {
          GFlagsValue *flag = g_flags_get_value_by_nick (klass, *event);

          if (flag == NULL && strcmp (*event, "none") != 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "sctp_events: “%s” is not an event (assoc-change, peer-addr-change, …)",
                           *event);
              return FALSE;
            }
          mask |= flag != NULL ? flag->value : 0;
        }
      g_value_init (value, GSCTP_TYPE_EVENT_MASK);
      g_value_set_flags (value, mask);
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "on") == 0 ||
      g_ascii_strcasecmp (text, "yes") == 0)
    number = 1;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "off") == 0 ||
           g_ascii_strcasecmp (text, "no") == 0)
    number = 0;
  else if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      /* Not a number: field=value text for a structured option. */
      current = gsctp_socket_get_option (socket, name, assoc_id, error);
      if (current == NULL)
        return FALSE;
      if (!G_VALUE_HOLDS_BOXED (current) || !tool_boxed_known (G_VALUE_TYPE (current)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s takes a number or true/false, not “%s”", name, text);
          g_boxed_free (G_TYPE_VALUE, current);
          return FALSE;
        }
      g_value_init (value, G_VALUE_TYPE (current));
      g_value_take_boxed (value, g_value_dup_boxed (current));
      g_boxed_free (G_TYPE_VALUE, current);
      return tool_boxed_update (G_VALUE_TYPE (value), g_value_get_boxed (value), text, error);
    }
  g_value_init (value, G_TYPE_INT64);
  g_value_set_int64 (value, number);
  return TRUE;
}

int
tool_option (int argc,
             char **argv)
{
  ToolCommon common = { 0 };
  char *connect = NULL, *port = NULL;
  int timeout_s = 0;
  const GOptionEntry entries[] = {
    { "connect", 'c', 0, G_OPTION_ARG_STRING, &connect,
      "Act on an association with HOST (with --port) instead of a new socket", "HOST[,HOST…]" },
    { "timeout", 'T', 0, G_OPTION_ARG_INT, &timeout_s,
      "Give up associating after S seconds (default: when the stack does)", "S" },
    { "port", 'P', 0, G_OPTION_ARG_STRING, &port, "The peer's port for --connect", "PORT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("list | names | get NAME | set NAME VALUE — socket options by name");
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  GSctpAssocId assoc_id = 0;
  GError *error = NULL;
  const char *action;
  int code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "NAME is gen_sctp's (sctp_nodelay, sndbuf, sctp_rtoinfo…) or the property's\n"
    "(nodelay, send-buffer-size…). VALUE is true/false or a number; event names\n"
    "joined by | for sctp_events; field=value,… for structured options, e.g.\n"
    "  gsctp option set sctp_rtoinfo min=200,max=1000\n"
    "A set prints the value read back: what the stack took.");
  if ((code = tool_run_options (&argc, &argv, context, &common)) >= 0)
    goto out;
  action = argc > 1 ? argv[1] : "";
  if (!((strcmp (action, "list") == 0 && argc == 2) || (strcmp (action, "names") == 0 && argc == 2) ||
        (strcmp (action, "get") == 0 && argc == 3) || (strcmp (action, "set") == 0 && argc == 4)) ||
      (connect != NULL) != (port != NULL))
    {
      code = tool_usage (context, NULL);
      goto out;
    }
  if (connect != NULL)
    {
      socket = tool_associate (&common, GSCTP_SOCKET_TYPE_SEQPACKET, FALSE, connect, port, NULL, 0,
                               timeout_s, &change, &error);
      if (socket == NULL)
        {
          code = tool_fail ("option", error);
          goto out;
        }
      assoc_id = change->assoc_id;
    }
  else if ((socket = tool_open (&common, NULL, GSCTP_SOCKET_TYPE_SEQPACKET, &error)) == NULL)
    {
      code = tool_fail ("option", error);
      goto out;
    }

  code = TOOL_EXIT_OK;
  if (strcmp (action, "list") == 0 || strcmp (action, "names") == 0)
    {
      g_autoptr(GPtrArray) names = option_names (socket);

      for (guint i = 0; i < names->len; i++)
        if (strcmp (action, "names") == 0)
          g_print ("%s\n", (char *) names->pdata[i]);
        else
          record_option (&common, socket, names->pdata[i], assoc_id, TRUE);
    }
  else if (strcmp (action, "get") == 0)
    {
      GValue *value = gsctp_socket_get_option (socket, argv[2], assoc_id, &error);

      if (value == NULL)
        code = tool_fail ("option", error);
      else
        {
          record_option (&common, socket, argv[2], assoc_id, FALSE);
          g_boxed_free (G_TYPE_VALUE, value);
        }
    }
  else
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!parse_value (socket, argv[2], assoc_id, argv[3], &value, &error) ||
          !gsctp_socket_set_option (socket, argv[2], assoc_id, &value, &error))
        code = tool_fail ("option", error);
      else
        record_option (&common, socket, argv[2], assoc_id, FALSE);
    }
  if (change != NULL)
    tool_end_association (socket, assoc_id);
  gsctp_socket_close (socket, NULL);
out:
  g_free (connect);
  g_free (port);
  tool_common_clear (&common);
  return code;
}
