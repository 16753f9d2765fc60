/* gsctp-buffer-pool.c: reusable receive buffers handed out as GBytes
 *
 * A large message is received into a buffer that then becomes the
 * message's GBytes without a copy; when the application drops the bytes,
 * the buffer goes back to its pool for a later message. Each buffer carries
 * its pool and capacity in a header before its data, so that it can come
 * back from any thread, after the socket is gone too.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#ifdef GSCTP_HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "gsctp-buffer-pool.h"

/* Enough for what one main-context dispatch reads ahead of emitting it
 * (16 large messages) and the socket's own buffer: with fewer, an active
 * socket of large messages malloc()s and frees most of them, and in a
 * guest kernel each fresh 64 KiB costs its page faults again. */
#define MAX_FREE 20
/* Larger buffers go back to the system: one large message of a peer must
 * not stay in the pool for the socket's life. */
#define MAX_KEPT_CAPACITY (256 * 1024)

struct _GSctpBufferPool
{
  gatomicrefcount ref_count;
  GMutex lock;
  GPtrArray *free;              /* guint8 * data pointers */
};

typedef struct
{
  GSctpBufferPool *pool;        /* a reference while the buffer is out */
  gsize capacity;
  max_align_t align;
} Header;

static Header *
header_of (const guint8 *buffer)
{
  return (Header *) (gpointer) (buffer - G_STRUCT_OFFSET (Header, align));
}

GSctpBufferPool *
gsctp_buffer_pool_new (void)
{
  GSctpBufferPool *pool = g_new0 (GSctpBufferPool, 1);

  g_atomic_ref_count_init (&pool->ref_count);
  g_mutex_init (&pool->lock);
  pool->free = g_ptr_array_new ();
  return pool;
}

static void
free_buffer (guint8 *buffer)
{
  g_free (header_of (buffer));
}

void
gsctp_buffer_pool_unref (GSctpBufferPool *pool)
{
  if (!g_atomic_ref_count_dec (&pool->ref_count))
    return;
  for (guint i = 0; i < pool->free->len; i++)
    free_buffer (g_ptr_array_index (pool->free, i));
  g_ptr_array_unref (pool->free);
  g_mutex_clear (&pool->lock);
  g_free (pool);
}

static guint8 *
new_buffer (GSctpBufferPool *pool,
            gsize capacity)
{
  Header *header = g_malloc (G_STRUCT_OFFSET (Header, align) + capacity);

  header->pool = pool;
  header->capacity = capacity;
  return (guint8 *) header + G_STRUCT_OFFSET (Header, align);
}

/* A buffer of at least @capacity bytes, reused when one is free. */
guint8 *
gsctp_buffer_pool_take (GSctpBufferPool *pool,
                        gsize capacity)
{
  guint8 *buffer = NULL;

  g_mutex_lock (&pool->lock);
  for (guint i = pool->free->len; i-- > 0;)
    if (header_of (g_ptr_array_index (pool->free, i))->capacity >= capacity)
      {
        buffer = g_ptr_array_steal_index_fast (pool->free, i);
        break;
      }
  g_mutex_unlock (&pool->lock);
  if (buffer == NULL)
    buffer = new_buffer (pool, capacity);
  g_atomic_ref_count_inc (&pool->ref_count);
  return buffer;
}

/* @buffer, made at least @capacity bytes long (its data kept). */
guint8 *
gsctp_buffer_pool_grow (GSctpBufferPool *pool,
                        guint8 *buffer,
                        gsize capacity)
{
  Header *header;

  if (buffer == NULL)
    return gsctp_buffer_pool_take (pool, capacity);
  header = g_realloc (header_of (buffer), G_STRUCT_OFFSET (Header, align) + capacity);
  header->capacity = capacity;
  return (guint8 *) header + G_STRUCT_OFFSET (Header, align);
}

gsize
gsctp_buffer_pool_capacity (const guint8 *buffer)
{
  return buffer ? header_of (buffer)->capacity : 0;
}

/* Back to the pool (from any thread), or freed when the pool is full or
 * the buffer large. */
void
gsctp_buffer_pool_give (guint8 *buffer)
{
  GSctpBufferPool *pool = header_of (buffer)->pool;
  gboolean kept = FALSE;

  g_mutex_lock (&pool->lock);
  if (pool->free->len < MAX_FREE && header_of (buffer)->capacity <= MAX_KEPT_CAPACITY)
    {
      g_ptr_array_add (pool->free, buffer);
      kept = TRUE;
    }
  g_mutex_unlock (&pool->lock);
  if (!kept)
    {
      gboolean large = header_of (buffer)->capacity > MAX_KEPT_CAPACITY;

      free_buffer (buffer);
#ifdef GSCTP_HAVE_MALLOC_TRIM
      /* glibc serves large allocations from its heap once a larger one
       * was freed, and keeps what is freed there: give it back. */
      if (large)
        malloc_trim (0);
#else
      (void) large;
#endif
    }
  gsctp_buffer_pool_unref (pool);
}

/* @buffer's first @size bytes as GBytes, which give the buffer back when
 * they are freed. */
GBytes *
gsctp_buffer_pool_wrap (guint8 *buffer,
                        gsize size)
{
  return g_bytes_new_with_free_func (buffer, size, (GDestroyNotify) gsctp_buffer_pool_give, buffer);
}
