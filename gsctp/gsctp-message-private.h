/* gsctp-message-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-message.h"

G_BEGIN_DECLS

/* Takes ownership of @data and @address. */
GSctpMessage *gsctp_message_new (GBytes *data,
                                 GSocketAddress *address,
                                 const GSctpRcvInfo *info);

G_END_DECLS
