/* gsctp-tool-check.c: `gsctp check`: whether each SCTP stack is there —
 * the kernel's (module, sysctls, features a socket takes) and the userland
 * one — as checksctp does for the kernel alone
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gsctp-tool.h"

#define SYSCTL_DIR "/proc/sys/net/sctp"

/* Options that name a protocol feature: a stack that reads them has it. */
static const char * const features[] = {
  "sctp_pr_supported",
  "sctp_reconfig_supported",
  "sctp_interleaving_supported",
  "sctp_auth_supported",
  "sctp_asconf_supported",
  "sctp_ecn_supported",
  "sctp_stream_scheduler",
  "sctp_expose_potentially_failed_state",
  "sctp_plpmtud_probe_interval",
  "sctp_remote_udp_encaps_port",
  "sctp_get_assoc_stats",
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
print_sysctls (const ToolCommon *common)
{
  g_autoptr(GDir) dir = g_dir_open (SYSCTL_DIR, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (SYSCTL_DIR, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sysctl = g_strconcat ("net.sctp.", names->pdata[i], NULL);
      ToolRecord record;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      g_strstrip (contents);
      tool_record_begin (&record, common, "sysctl");
      tool_record_string (&record, "name", sysctl);
      tool_record_string (&record, "value", contents);
      tool_record_print (&record);
    }
}

static void
print_features (const ToolCommon *common,
                GSctpSocket *socket,
                const char *backend)
{
  for (gsize i = 0; i < G_N_ELEMENTS (features); i++)
    {
      g_autoptr(GError) error = NULL;
      GValue *value = gsctp_socket_get_option (socket, features[i], 0, &error);
      ToolRecord record;

      tool_record_begin (&record, common, "feature");
      tool_record_string (&record, "backend", backend);
      tool_record_string (&record, "option", features[i]);
      /* An association's statistics are asked of an association: a
       * missing one, not a missing option, is what an endpoint gets. */
      tool_record_bool (&record, "supported",
                        value != NULL || g_error_matches (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION) ||
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
      if (value != NULL)
        tool_record_value (&record, "value", value);
      else
        tool_record_string (&record, "reason", error->message);
      tool_record_print (&record);
      if (value != NULL)
        g_boxed_free (G_TYPE_VALUE, value);
    }
}

/* Prints what a backend is; returns whether it opened a socket. */
static gboolean
check_backend (const ToolCommon *common,
               GSctpBackendType type,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) socket =
    gsctp_socket_new_with_backend (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, type, &error);
  ToolRecord record;

  tool_record_begin (&record, common, "backend");
  tool_record_string (&record, "name", name);
  tool_record_bool (&record, "available", socket != NULL);
  if (type == GSCTP_BACKEND_TYPE_KERNEL)
    tool_record_bool (&record, "module_loaded", g_file_test ("/sys/module/sctp", G_FILE_TEST_IS_DIR));
  if (socket == NULL)
    tool_record_string (&record, "reason", error->message);
  tool_record_print (&record);
  if (socket == NULL)
    return FALSE;
  if (type == GSCTP_BACKEND_TYPE_KERNEL)
    print_sysctls (common);
  print_features (common, socket, name);
  gsctp_socket_close (socket, NULL);
  return TRUE;
}

int
tool_check (int argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— is SCTP there?");
  ToolCommon common = { 0 };
  gboolean kernel, userland;
  GSctpBackendType chosen;
  int code;

  g_option_context_set_description (context,
    "Exit status: 0 when the chosen backend (--backend, else GSCTP_BACKEND,\n"
    "else kernel) can open a socket, 3 when it cannot.");
  if ((code = tool_run_options (&argc, &argv, context, &common)) >= 0)
    return code;
  if (argc > 1)
    return tool_usage (context, "check takes no arguments");

  kernel = check_backend (&common, GSCTP_BACKEND_TYPE_KERNEL, "kernel");
  userland = check_backend (&common, GSCTP_BACKEND_TYPE_USERLAND, "userland");

  chosen = common.backend;
  if (chosen == GSCTP_BACKEND_TYPE_DEFAULT)
    chosen = g_strcmp0 (g_getenv ("GSCTP_BACKEND"), "userland") == 0 ? GSCTP_BACKEND_TYPE_USERLAND
                                                                      : GSCTP_BACKEND_TYPE_KERNEL;
  tool_common_clear (&common);
  if (chosen == GSCTP_BACKEND_TYPE_USERLAND)
    return userland ? TOOL_EXIT_OK : TOOL_EXIT_NO_SCTP;
  return kernel ? TOOL_EXIT_OK : TOOL_EXIT_NO_SCTP;
}
