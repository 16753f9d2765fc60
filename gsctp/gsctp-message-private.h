/* gsctp-message-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sys/socket.h>

#include "gsctp-events.h"
#include "gsctp-message.h"

G_BEGIN_DECLS

/* Copies @size bytes of @data into the message; @from is the sender's
 * address, @from_len 0 when unknown. */
GSctpMessage *gsctp_message_new (const guint8 *data,
                                 gsize size,
                                 const struct sockaddr_storage *from,
                                 gsize from_len,
                                 const GSctpRcvInfo *info);
/* Takes ownership of @data, without a copy. */
GSctpMessage *gsctp_message_new_take_bytes (GBytes *data,
                                            const struct sockaddr_storage *from,
                                            gsize from_len,
                                            const GSctpRcvInfo *info);

/* A block to receive a small message into (its data and capacity from
 * gsctp_message_block_data()): finished into the message when one fits,
 * else kept for the next or given back. */
GSctpMessage *gsctp_message_block_take (void);
guint8 *gsctp_message_block_data (GSctpMessage *block,
                                  gsize *capacity);
gsize gsctp_message_block_capacity (void);
/* The data of the block at @block, taken first where there is none. */
guint8 *gsctp_message_block_ensure (GSctpMessage **block,
                                    gsize *capacity);
void gsctp_message_block_give (GSctpMessage *block);
GSctpMessage *gsctp_message_block_finish (GSctpMessage *block,
                                          gsize size,
                                          const struct sockaddr_storage *from,
                                          gsize from_len,
                                          const GSctpRcvInfo *info);

void gsctp_message_set_next_info (GSctpMessage *message,
                                  const GSctpNxtInfo *next);

/* Takes ownership of @event, a boxed value of @type's boxed type. */
GSctpMessage *gsctp_message_new_event (GSctpEventType type,
                                       gpointer event);
gconstpointer gsctp_message_peek_event (GSctpMessage *message);

G_END_DECLS
