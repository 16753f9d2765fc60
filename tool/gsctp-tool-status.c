/* gsctp-tool-status.c: `gsctp status` and `gsctp peers`: associate with a
 * peer, print what the stack knows of the association, end it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gsctp-tool.h"

typedef gboolean (*Report) (const ToolCommon *common, GSctpSocket *socket, GSctpAssocId assoc_id,
                            GError **error);

static gboolean
report_status (const ToolCommon *common,
               GSctpSocket *socket,
               GSctpAssocId assoc_id,
               GError **error)
{
  g_autoptr(GSctpStatus) status = gsctp_socket_get_status (socket, assoc_id, error);
  g_autoptr(GSctpAssocStats) stats = NULL;
  g_autoptr(GSctpAssocParams) params = NULL;
  ToolRecord record;

  if (status == NULL)
    return FALSE;
  tool_record_begin (&record, common, "status");
  tool_record_boxed (&record, GSCTP_TYPE_STATUS, status);
  tool_record_print (&record);

  params = gsctp_socket_get_assoc_params (socket, assoc_id, NULL);
  if (params != NULL)
    {
      tool_record_begin (&record, common, "associnfo");
      tool_record_boxed (&record, GSCTP_TYPE_ASSOC_PARAMS, params);
      tool_record_print (&record);
    }
  /* Statistics are the kernel's alone: their absence is not a failure. */
  stats = gsctp_socket_get_assoc_stats (socket, assoc_id, NULL);
  if (stats != NULL)
    {
      tool_record_begin (&record, common, "stats");
      tool_record_boxed (&record, GSCTP_TYPE_ASSOC_STATS, stats);
      tool_record_print (&record);
    }
  return TRUE;
}

static gboolean
report_peers (const ToolCommon *common,
              GSctpSocket *socket,
              GSctpAssocId assoc_id,
              GError **error)
{
  g_autolist(GSocketAddress) peers = gsctp_socket_get_peer_addresses (socket, assoc_id, error);
  g_autolist(GSocketAddress) locals = NULL;
  ToolRecord record;

  if (peers == NULL)
    return FALSE;
  for (GList *l = peers; l != NULL; l = l->next)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GSctpPeerAddrInfo) info =
        gsctp_socket_get_peer_addr_info (socket, assoc_id, l->data, &local_error);

      tool_record_begin (&record, common, "peer");
      if (info != NULL)
        tool_record_boxed (&record, GSCTP_TYPE_PEER_ADDR_INFO, info);
      else
        {
          tool_record_address (&record, "address", l->data);
          tool_record_string (&record, "error", local_error->message);
        }
      tool_record_print (&record);
    }
  locals = gsctp_socket_get_local_addresses (socket, assoc_id, NULL);
  for (GList *l = locals; l != NULL; l = l->next)
    {
      tool_record_begin (&record, common, "local");
      tool_record_int (&record, "assoc_id", assoc_id);
      tool_record_address (&record, "address", l->data);
      tool_record_print (&record);
    }
  return TRUE;
}

static int
run (int argc,
     char **argv,
     const char *name,
     const char *summary,
     Report report)
{
  ToolCommon common = { 0 };
  char *bind = NULL;
  int streams = 0;
  int timeout_s = 0;
  const GOptionEntry entries[] = {
    { "bind", 'B', 0, G_OPTION_ARG_STRING, &bind,
      "Local addresses to bind, comma-separated", "ADDR[,ADDR…]" },
    { "timeout", 'T', 0, G_OPTION_ARG_INT, &timeout_s,
      "Give up associating after S seconds (default: when the stack does)", "S" },
    { "streams", 'S', 0, G_OPTION_ARG_INT, &streams, "Streams to ask for each way", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  GError *error = NULL;
  int code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "The association is made for the report and shut down gracefully after it.");
  if ((code = tool_run_options (&argc, &argv, context, &common)) >= 0)
    goto out;
  if (argc != 3 || streams < 0 || streams > G_MAXUINT16)
    {
      code = tool_usage (context, NULL);
      goto out;
    }
  if ((socket = tool_associate (&common, GSCTP_SOCKET_TYPE_SEQPACKET, FALSE, argv[1], argv[2], bind,
                                (guint16) streams, timeout_s, &change, &error)) == NULL ||
      !report (&common, socket, change->assoc_id, &error))
    {
      code = tool_fail (name, error);
      goto out;
    }
  tool_end_association (socket, change->assoc_id);
  gsctp_socket_close (socket, NULL);
  code = TOOL_EXIT_OK;
out:
  g_free (bind);
  tool_common_clear (&common);
  return code;
}

int
tool_status (int argc,
             char **argv)
{
  return run (argc, argv, "status", "HOST[,HOST…] PORT — an association's status", report_status);
}

int
tool_peers (int argc,
            char **argv)
{
  return run (argc, argv, "peers", "HOST[,HOST…] PORT — a peer's addresses and paths", report_peers);
}
