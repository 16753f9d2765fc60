/* A program built against gsctp from another meson project.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gsctp/gsctp.h>

int
main (void)
{
  g_autoptr(GSctpSndInfo) info = gsctp_snd_info_new (0, 1, 46);

  if (!GSCTP_CHECK_VERSION (0, 1, 0) || info->ppid != 46)
    return 1;
  g_print ("gsctp %s: %s\n", GSCTP_VERSION_S, gsctp_cause_string (12));
  return 0;
}
