/* gsctp-reader.c: whole messages out of an endpoint's pieces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-message-private.h"
#include "gsctp-reader.h"

void
gsctp_reader_init (GSctpReader *reader,
                   gsize buffer_initial)
{
  memset (reader, 0, sizeof *reader);
  reader->pool = gsctp_buffer_pool_new ();
  reader->buffer_initial = buffer_initial;
  reader->max_message_size = GSCTP_DEFAULT_MAX_MESSAGE_SIZE;
}

/* A message put aside while pieces of another came. */
typedef struct {
  guint8 *buffer;
  gsize used;
  GSctpRcvInfo info;
  GSctpSockaddr from;
  GSctpRecvFlags flags;
} GSctpPartial;

static void
partial_free (gpointer data)
{
  GSctpPartial *partial = data;

  gsctp_buffer_pool_give (partial->buffer);
  g_free (partial);
}

void
gsctp_reader_clear (GSctpReader *reader)
{
  g_clear_pointer (&reader->partials, g_ptr_array_unref);
  if (reader->buffer != NULL)
    gsctp_buffer_pool_give (reader->buffer);
  if (reader->block != NULL)
    gsctp_message_block_give (reader->block);
  gsctp_buffer_pool_unref (reader->pool);
  memset (reader, 0, sizeof *reader);
}

/* The complete notification in the buffer, as an event message; NULL for
 * a kind gsctp does not know or bytes that do not decode. */
static GSctpMessage *
decode (GSctpReader *reader,
        GSctpEndpoint *endpoint)
{
  GSctpNotification notification;
  g_autoptr(GError) local_error = NULL;

  if (!endpoint->backend->decode_notification (reader->buffer, reader->buffer_used,
                                                &notification, &local_error))
    {
      g_warning ("Dropped an SCTP notification: %s", local_error->message);
      return NULL;
    }
  if (notification.type == GSCTP_EVENT_TYPE_NONE)
    return NULL;
  return gsctp_message_new_event (notification.type, notification.event);
}

/* Reads and drops the rest of a message over the limit, until its end or
 * a notification that cuts it short (which then is the piece read). */
static GSctpReadResult
discard_rest (GSctpReader *reader,
              GSctpEndpoint *endpoint,
              GError **error)
{
  while (reader->discarding)
    {
      GSctpRcvInfo info;
      GSctpSockaddr from;
      GSctpRecvFlags flags;
      gssize got = endpoint->backend->receive (endpoint, NULL, reader->buffer,
                                               reader->buffer_size, &from, &info, &reader->next,
                                               &flags, error);

      if (got == GSCTP_WOULD_BLOCK)
        return GSCTP_READ_WOULD_BLOCK;
      if (got < 0)
        return GSCTP_READ_FAILED;
      reader->has_next = (flags & GSCTP_RECV_HAVE_NEXT) != 0;
      if (flags & GSCTP_RECV_NOTIFICATION)
        {
          reader->piece_flags = flags;
          reader->piece_from = from;
          reader->buffer_used = got;
        }
      if (flags & (GSCTP_RECV_EOR | GSCTP_RECV_NOTIFICATION))
        reader->discarding = FALSE;
    }
  return GSCTP_READ_DONE;
}

/* The message put aside for @info's association and stream, taken out of
 * the partials; NULL if there is none. */
static GSctpPartial *
take_partial (GSctpReader *reader,
              const GSctpRcvInfo *info)
{
  for (guint i = 0; reader->partials != NULL && i < reader->partials->len; i++)
    {
      GSctpPartial *partial = g_ptr_array_index (reader->partials, i);

      if (partial->info.assoc_id == info->assoc_id && partial->info.stream == info->stream)
        return g_ptr_array_steal_index (reader->partials, i);
    }
  return NULL;
}

/* The @got bytes at @piece go on with @partial's message, which becomes
 * the one being joined; the caller adds @got to its length. */
static void
resume_partial (GSctpReader *reader,
                GSctpPartial *partial,
                const guint8 *piece,
                gsize got)
{
  reader->buffer = gsctp_buffer_pool_grow (reader->pool, partial->buffer, partial->used + got);
  reader->buffer_size = gsctp_buffer_pool_capacity (reader->buffer);
  memcpy (reader->buffer + partial->used, piece, got);
  reader->buffer_used = partial->used;
  reader->piece_info = partial->info;
  reader->piece_from = partial->from;
  reader->piece_flags = partial->flags;
  g_free (partial);
}

/* With fragment interleave, a piece of another message (@info says whose)
 * came after part of the one being joined, @got bytes at the end of the
 * buffer: that one is put aside, and the piece goes on with its own
 * message, put aside before or new. The caller adds @got. */
static void
switch_message (GSctpReader *reader,
                const GSctpRcvInfo *info,
                const GSctpSockaddr *from,
                GSctpRecvFlags flags,
                gsize got)
{
  GSctpPartial *current = g_new (GSctpPartial, 1);
  GSctpPartial *resumed = take_partial (reader, info);
  const guint8 *piece = reader->buffer + reader->buffer_used;

  current->buffer = reader->buffer;
  current->used = reader->buffer_used;
  current->info = reader->piece_info;
  current->from = reader->piece_from;
  current->flags = reader->piece_flags;
  if (resumed != NULL)
    resume_partial (reader, resumed, piece, got);
  else
    {
      reader->buffer = gsctp_buffer_pool_take (reader->pool, MAX (reader->buffer_initial, got));
      reader->buffer_size = gsctp_buffer_pool_capacity (reader->buffer);
      memcpy (reader->buffer, piece, got);
      reader->buffer_used = 0;
      reader->piece_info = *info;
      reader->piece_from = *from;
      reader->piece_flags = flags;
    }
  if (reader->partials == NULL)
    reader->partials = g_ptr_array_new_with_free_func (partial_free);
  g_ptr_array_add (reader->partials, current);
}

static inline gboolean
same_message (const GSctpRcvInfo *a,
              const GSctpRcvInfo *b)
{
  return a->assoc_id == b->assoc_id && a->stream == b->stream;
}

/* Reads until one whole message is in and returns it in @message: data,
 * or an event (a message whose event is set), or NULL for a notification
 * that gsctp does not know. @stream_assoc_id stands in for the association
 * id 0 that the kernel gives data on a one-to-one socket.
 *
 * A data message over max_message_size is not kept: the reader says so
 * once it passes the limit, and drops the rest of it as it comes. */
GSctpReadResult
gsctp_reader_read (GSctpReader *reader,
                   GSctpEndpoint *endpoint,
                   GSctpAssocId stream_assoc_id,
                   GSctpMessage **message,
                   GError **error)
{
  GSctpRcvInfo *info = &reader->piece_info;
  const GSctpSockaddr *from = &reader->piece_from;
  gsize max = reader->max_message_size;

  *message = NULL;
  if (G_UNLIKELY (reader->discarding))
    {
      GSctpReadResult result = discard_rest (reader, endpoint, error);

      if (result != GSCTP_READ_DONE)
        return result;
      if (reader->buffer_used > 0 && (reader->piece_flags & GSCTP_RECV_EOR))
        goto complete;
    }
  for (;;)
    {
      /* The first piece's sender and info are the message's; the rest
       * repeat them. */
      gboolean first = reader->buffer_used == 0;
      gboolean with_head = FALSE;
      GSctpRcvInfo later_info;
      GSctpSockaddr later_from;
      GSctpRecvFlags flags;
      guint8 *head = NULL;
      gsize head_size = 0;
      gssize got;

      if (first)
        {
          /* A first piece goes to a message block, and on into the buffer
           * past its size: a small message then needs no copy. Not when
           * messages were put aside: the piece may go on with one. The
           * backend takes the block, unless it hands over one it read
           * ahead into. */
          if (G_LIKELY (reader->partials == NULL || reader->partials->len == 0))
            {
              with_head = TRUE;
              head_size = gsctp_message_block_capacity ();
            }
          if (reader->buffer_size < head_size + reader->buffer_initial)
            {
              reader->buffer = gsctp_buffer_pool_grow (reader->pool, reader->buffer,
                                                       head_size + reader->buffer_initial);
              reader->buffer_size = gsctp_buffer_pool_capacity (reader->buffer);
            }
        }
      else if (reader->buffer_used == reader->buffer_size)
        {
          gsize capacity = MAX (reader->buffer_initial, reader->buffer_size * 2);

          /* Room for one byte past the limit, to tell that it was passed. */
          if (max > 0)
            capacity = MIN (capacity, MAX (max + 1, reader->buffer_size + 1));
          reader->buffer = gsctp_buffer_pool_grow (reader->pool, reader->buffer, capacity);
          reader->buffer_size = gsctp_buffer_pool_capacity (reader->buffer);
        }
      got = endpoint->backend->receive (endpoint, with_head ? &reader->block : NULL,
                                        reader->buffer + reader->buffer_used + head_size,
                                        reader->buffer_size - reader->buffer_used - head_size,
                                        first ? &reader->piece_from : &later_from,
                                        first ? &reader->piece_info : &later_info, &reader->next,
                                        &flags, error);
      if (got == GSCTP_WOULD_BLOCK)
        return GSCTP_READ_WOULD_BLOCK;
      if (got < 0)
        return GSCTP_READ_FAILED;
      reader->has_next = (flags & GSCTP_RECV_HAVE_NEXT) != 0;
      if (got == 0 && first && !(flags & GSCTP_RECV_NOTIFICATION))
        {
          g_propagate_error (error, gsctp_association_ended_error ());
          return GSCTP_READ_FAILED;
        }
      if (!first && G_UNLIKELY (stream_assoc_id != 0) && (flags & GSCTP_RECV_HAVE_INFO) &&
          later_info.assoc_id == 0)
        later_info.assoc_id = stream_assoc_id;
      if (first)
        {
          if (with_head)
            head = gsctp_message_block_data (reader->block, &head_size);
          reader->piece_flags = flags;
          if (!(flags & GSCTP_RECV_HAVE_INFO))
            memset (info, 0, sizeof *info);
          if (G_UNLIKELY (stream_assoc_id != 0) && info->assoc_id == 0)
            info->assoc_id = stream_assoc_id;
          if (G_UNLIKELY (head == NULL) && !(flags & GSCTP_RECV_NOTIFICATION))
            {
              GSctpPartial *partial = take_partial (reader, info);

              if (partial != NULL)
                {
                  guint8 *spare = reader->buffer;

                  resume_partial (reader, partial, spare, got);
                  gsctp_buffer_pool_give (spare);
                }
            }
          if ((gsize) got <= head_size &&
              (flags & (GSCTP_RECV_EOR | GSCTP_RECV_NOTIFICATION)) == GSCTP_RECV_EOR)
            {
              if (G_UNLIKELY (max > 0 && (gsize) got > max))
                return GSCTP_READ_TOO_LARGE;
              *message = gsctp_message_block_finish (g_steal_pointer (&reader->block), got,
                                                     &from->storage, from->len, info);
              if (G_UNLIKELY (reader->has_next))
                gsctp_message_set_next_info (*message, &reader->next);
              return GSCTP_READ_DONE;
            }
          /* Whole in the buffer from here on. */
          if (head_size > 0)
            memcpy (reader->buffer, head, MIN ((gsize) got, head_size));
        }
      else if (G_UNLIKELY (!(flags & GSCTP_RECV_NOTIFICATION) && (flags & GSCTP_RECV_HAVE_INFO) &&
                           !(reader->piece_flags & GSCTP_RECV_NOTIFICATION) &&
                           !same_message (&later_info, info)))
        switch_message (reader, &later_info, &later_from, flags, got);
      else if ((flags & GSCTP_RECV_NOTIFICATION) && !(reader->piece_flags & GSCTP_RECV_NOTIFICATION))
        {
          /* A notification between the pieces of a message: its partial
           * delivery was aborted (the peer aborted, or the association
           * was lost), and the rest will never come. The partial message
           * is dropped; the notification, a partial-delivery event,
           * says so. */
          memmove (reader->buffer, reader->buffer + reader->buffer_used, got);
          reader->buffer_used = 0;
          reader->piece_flags = flags;
          reader->piece_from = later_from;
        }
      reader->buffer_used += got;
      if (max > 0 && reader->buffer_used > max && !(reader->piece_flags & GSCTP_RECV_NOTIFICATION))
        {
          reader->buffer_used = 0;
          reader->discarding = !(flags & GSCTP_RECV_EOR);
          return GSCTP_READ_TOO_LARGE;
        }
      if (flags & GSCTP_RECV_EOR)
        break;
    }

complete:
  if (reader->piece_flags & GSCTP_RECV_NOTIFICATION)
    *message = decode (reader, endpoint);
  else if (reader->buffer_used >= GSCTP_READER_ZERO_COPY_MIN)
    {
      GBytes *data = gsctp_buffer_pool_wrap (g_steal_pointer (&reader->buffer), reader->buffer_used);

      reader->buffer_size = 0;
      *message = gsctp_message_new_take_bytes (data, &from->storage, from->len, info);
    }
  else
    *message = gsctp_message_new (reader->buffer, reader->buffer_used, &from->storage, from->len, info);
  if (G_UNLIKELY (reader->has_next) && *message != NULL)
    gsctp_message_set_next_info (*message, &reader->next);
  reader->buffer_used = 0;
  return GSCTP_READ_DONE;
}
