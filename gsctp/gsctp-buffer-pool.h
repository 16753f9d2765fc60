/* gsctp-buffer-pool.h: reusable receive buffers handed out as GBytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GSctpBufferPool GSctpBufferPool;

GSctpBufferPool *gsctp_buffer_pool_new (void);
void gsctp_buffer_pool_unref (GSctpBufferPool *pool);
guint8 *gsctp_buffer_pool_take (GSctpBufferPool *pool,
                                gsize capacity);
guint8 *gsctp_buffer_pool_grow (GSctpBufferPool *pool,
                                guint8 *buffer,
                                gsize capacity);
gsize gsctp_buffer_pool_capacity (const guint8 *buffer);
void gsctp_buffer_pool_give (guint8 *buffer);
GBytes *gsctp_buffer_pool_wrap (guint8 *buffer,
                                gsize size);

G_END_DECLS
