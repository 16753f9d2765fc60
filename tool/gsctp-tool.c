/* gsctp-tool.c: the gsctp command: SCTP from a shell, on gsctp — its
 * commands, each in its own file, and their help
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gsctp-tool.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "check", tool_check, "Is SCTP there? The kernel's, its settings and features; the userland stack" },
  { "listen", tool_listen, "Receive messages and events on a port and print them (--echo sends them back)" },
  { "connect", tool_connect, "Send lines of standard input or files as messages to a peer; print what comes back" },
  { "status", tool_status, "Associate with a peer and print the association's status" },
  { "peers", tool_peers, "Associate with a peer and print its addresses, with each path's state" },
  { "option", tool_option, "List, get or set socket options by name" },
  { "bench", tool_bench, "Measure one-way message throughput, with a progress line" },
};

static int
usage (FILE *out)
{
  fprintf (out, "Usage:\n  gsctp COMMAND [OPTION…]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "  %-9s %s\n", "version", "Print gsctp's version");
  fprintf (out, "  %-9s %s\n", "help", "Print this, or a command's options (help COMMAND)");
  fprintf (out, "\nEvery command takes --backend=kernel|userland and --json; see gsctp(1).\n");
  return out == stdout ? TOOL_EXIT_OK : TOOL_EXIT_USAGE;
}

static const Command *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int argc,
      char *argv[])
{
  const Command *command;

  setlocale (LC_ALL, "");
  g_set_prgname ("gsctp");
  if (argc < 2)
    return usage (stderr);
  if (strcmp (argv[1], "help") == 0 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      if (argc > 2 && (command = find_command (argv[2])) != NULL)
        {
          char *help_argv[] = { argv[2], (char *) "--help", NULL };

          return command->run (2, help_argv);
        }
      return usage (stdout);
    }
  if (strcmp (argv[1], "version") == 0 || strcmp (argv[1], "--version") == 0)
    {
      printf ("gsctp %s\n", PACKAGE_VERSION);
      return TOOL_EXIT_OK;
    }
  command = find_command (argv[1]);
  if (command == NULL)
    {
      fprintf (stderr, "gsctp: unknown command “%s”\n\n", argv[1]);
      return usage (stderr);
    }
  return command->run (argc - 1, argv + 1);
}
