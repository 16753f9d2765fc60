/* notification-bytes.h: notifications laid out by hand, for the decoder
 * tests of each backend: an RFC 6458 header (type, flags, length) and the
 * fields in host byte order, appended in turn.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <string.h>
#include <glib.h>

typedef struct {
  guint8 bytes[256];
  gsize size;
} Buffer;

static inline void
put (Buffer *b, const void *value, gsize size)
{
  g_assert_cmpuint (b->size + size, <=, sizeof b->bytes);
  memcpy (b->bytes + b->size, value, size);
  b->size += size;
}

static inline void put16 (Buffer *b, guint16 v) { put (b, &v, sizeof v); }
static inline void put32 (Buffer *b, guint32 v) { put (b, &v, sizeof v); }

static inline void
header (Buffer *b, guint16 type)
{
  b->size = 0;
  put16 (b, type);
  put16 (b, 0);
  put32 (b, 0);        /* length, set by finish () */
}

static inline void
finish (Buffer *b)
{
  guint32 length = b->size;

  memcpy (b->bytes + 4, &length, sizeof length);
}
