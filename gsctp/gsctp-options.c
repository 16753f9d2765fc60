/* gsctp-options.c: SCTP socket options as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-options.h"

G_DEFINE_BOXED_TYPE (GSctpInitMsg, gsctp_init_msg, gsctp_init_msg_copy, gsctp_init_msg_free)

/**
 * gsctp_init_msg_new:
 * @num_ostreams: outbound streams to ask for, 0 for the default
 * @max_instreams: most inbound streams to accept, 0 for the default
 *
 * Returns: (transfer full): a new #GSctpInitMsg that keeps the kernel's
 *   default INIT retransmission settings
 */
GSctpInitMsg *
gsctp_init_msg_new (guint16 num_ostreams,
                    guint16 max_instreams)
{
  GSctpInitMsg *msg = g_new0 (GSctpInitMsg, 1);

  msg->num_ostreams = num_ostreams;
  msg->max_instreams = max_instreams;
  return msg;
}

/**
 * gsctp_init_msg_copy:
 * @msg: a #GSctpInitMsg
 *
 * Returns: (transfer full): a copy of @msg
 */
GSctpInitMsg *
gsctp_init_msg_copy (const GSctpInitMsg *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return g_memdup2 (msg, sizeof *msg);
}

/**
 * gsctp_init_msg_free:
 * @msg: (transfer full): a #GSctpInitMsg
 *
 * Frees @msg.
 */
void
gsctp_init_msg_free (GSctpInitMsg *msg)
{
  g_free (msg);
}
