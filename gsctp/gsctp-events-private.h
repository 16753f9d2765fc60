/* gsctp-events-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-events.h"

G_BEGIN_DECLS

GType gsctp_event_boxed_type (GSctpEventType type);
GSctpAssocId gsctp_event_get_assoc_id (GSctpEventType type,
                                       gconstpointer event);

G_END_DECLS
