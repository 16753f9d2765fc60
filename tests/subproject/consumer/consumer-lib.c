/* consumer-lib.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "consumer-lib.h"

/**
 * consumer_diameter_info:
 * @assoc_id: the association
 *
 * Send information for Diameter over SCTP: stream 0, PPID 46.
 *
 * Returns: (transfer full): a new #GSctpSndInfo
 */
GSctpSndInfo *
consumer_diameter_info (GSctpAssocId assoc_id)
{
  return gsctp_snd_info_new (assoc_id, 0, 46);
}
