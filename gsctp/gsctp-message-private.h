/* gsctp-message-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-events.h"
#include "gsctp-message.h"

G_BEGIN_DECLS

/* Takes ownership of @data and @address. */
GSctpMessage *gsctp_message_new (GBytes *data,
                                 GSocketAddress *address,
                                 const GSctpRcvInfo *info);

/* Takes ownership of @event, a boxed value of @type's boxed type. */
GSctpMessage *gsctp_message_new_event (GSctpEventType type,
                                       gpointer event);
gconstpointer gsctp_message_peek_event (GSctpMessage *message);

G_END_DECLS
