/* gsctp-options.h: SCTP socket options as boxed values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <glib-object.h>
#include "gsctp-types.h"
#include "gsctp-version-macros.h"

G_BEGIN_DECLS

#define GSCTP_TYPE_INIT_MSG (gsctp_init_msg_get_type ())

typedef struct _GSctpInitMsg GSctpInitMsg;

/**
 * GSctpInitMsg:
 * @num_ostreams: the number of outbound streams to ask for; 0 keeps the
 *   kernel's default (10)
 * @max_instreams: the most inbound streams to accept; 0 keeps the default
 * @max_attempts: how many times to send INIT before giving up; 0 keeps the
 *   default
 * @max_init_timeo: the largest retransmission timeout for INIT, in
 *   milliseconds; 0 keeps the default
 *
 * Parameters of new associations: the `SCTP_INITMSG` option, gen_sctp's
 * `#sctp_initmsg{}`.
 */
struct _GSctpInitMsg {
  guint16 num_ostreams;
  guint16 max_instreams;
  guint16 max_attempts;
  guint16 max_init_timeo;
};

GSCTP_AVAILABLE_IN_ALL
GType gsctp_init_msg_get_type (void) G_GNUC_CONST;
GSCTP_AVAILABLE_IN_ALL
GSctpInitMsg *gsctp_init_msg_new (guint16 num_ostreams,
                                  guint16 max_instreams);
GSCTP_AVAILABLE_IN_ALL
GSctpInitMsg *gsctp_init_msg_copy (const GSctpInitMsg *msg);
GSCTP_AVAILABLE_IN_ALL
void gsctp_init_msg_free (GSctpInitMsg *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GSctpInitMsg, gsctp_init_msg_free)

G_END_DECLS
