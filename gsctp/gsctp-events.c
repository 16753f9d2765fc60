/* gsctp-events.c: SCTP notifications as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-events.h"

G_DEFINE_BOXED_TYPE (GSctpAssocChange, gsctp_assoc_change, gsctp_assoc_change_copy, gsctp_assoc_change_free)

/**
 * gsctp_assoc_change_copy:
 * @change: a #GSctpAssocChange
 *
 * Returns: (transfer full): a copy of @change
 */
GSctpAssocChange *
gsctp_assoc_change_copy (const GSctpAssocChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  return g_memdup2 (change, sizeof *change);
}

/**
 * gsctp_assoc_change_free:
 * @change: (transfer full): a #GSctpAssocChange
 *
 * Frees @change.
 */
void
gsctp_assoc_change_free (GSctpAssocChange *change)
{
  g_free (change);
}
