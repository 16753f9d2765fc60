/* gsctp-events.h: SCTP notifications as boxed values
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

#define GSCTP_TYPE_ASSOC_CHANGE (gsctp_assoc_change_get_type ())

typedef struct _GSctpAssocChange GSctpAssocChange;

/**
 * GSctpAssocChange:
 * @state: what happened to the association
 * @error: the SCTP error cause that went with it, 0 if none (see
 *   [func@Gsctp.error_string])
 * @outbound_streams: the number of streams this end may send on
 * @inbound_streams: the number of streams the peer may send on
 * @assoc_id: the association
 *
 * An association came up, went down or restarted: the kernel's
 * `SCTP_ASSOC_CHANGE` notification, gen_sctp's `#sctp_assoc_change{}`.
 *
 * A successful connect returns one with @state
 * %GSCTP_ASSOC_STATE_COMM_UP; every one is also emitted as
 * [signal@Gsctp.Socket::association-change].
 */
struct _GSctpAssocChange {
  GSctpAssocState state;
  guint16 error;
  guint16 outbound_streams;
  guint16 inbound_streams;
  GSctpAssocId assoc_id;
};

GSCTP_AVAILABLE_IN_ALL
GType gsctp_assoc_change_get_type (void) G_GNUC_CONST;
GSCTP_AVAILABLE_IN_ALL
GSctpAssocChange *gsctp_assoc_change_copy (const GSctpAssocChange *change);
GSCTP_AVAILABLE_IN_ALL
void gsctp_assoc_change_free (GSctpAssocChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GSctpAssocChange, gsctp_assoc_change_free)

G_END_DECLS
