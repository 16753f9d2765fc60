/* gsctp-kernel-receive.c: the kernel backend's receive, with pieces read
 * ahead in batches
 *
 * Crossing into the kernel is much of the cost of a small message. While
 * small messages come, one recvmmsg() takes the piece asked for, into the
 * caller's message block and buffer as recvmsg() would, and up to
 * GSCTP_KERNEL_BATCH - 1 more, each into a message block of its own and
 * on into one of the endpoint's read-ahead slots. The next receives hand
 * those over, in the order the kernel gave them, before reading again: a
 * piece that fits in its block is handed over as that block, in place of
 * the caller's, without a copy; a longer one is copied out, and one
 * bigger than the caller's room in parts, as the kernel does. Messages
 * over a slot's 4 KiB and up to 64 KiB are read ahead the same way, up to
 * GSCTP_KERNEL_LARGE_BATCH - 1 more into large slots, and copied out: in
 * a guest a system call costs more than copying 64 KiB. Once a piece
 * fills even a large slot (a message over 64 KiB, or one the kernel hands
 * over in parts), reads go straight to the caller again, one recvmsg()
 * each, without a copy.
 *
 * Pieces read ahead are data the descriptor no longer shows: the count
 * of those waiting (GSctpKernelEndpoint's read_ahead) makes the
 * endpoint's readiness source (gsctp-kernel.c) ready and the socket
 * layer's waits return at once (the backend's has_read_ahead), and a
 * peel-off takes its association's pieces with it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gsctp-kernel-private.h"
#include "gsctp-message-private.h"

/* Room for the receive info, the next message's when SCTP_RECVNXTINFO is
 * on, and the old SCTP_SNDRCV info should SCTP_EVENTS ask for it. */
typedef union {
  struct cmsghdr align;
  char buf[CMSG_SPACE (sizeof (struct sctp_sndrcvinfo)) * 3];
} ReceiveControl;

/* A piece's bytes: the first in its block, the rest in its slot. */
typedef struct {
  GSctpMessage *block;
  guint8 *rest;
  gsize offset;                 /* handed over already */
  gsize size;                   /* left to hand over */
  GSctpSockaddr from;
  GSctpRcvInfo info;
  GSctpNxtInfo next;
  GSctpRecvFlags flags;
} Piece;

/* What the next read takes: small pieces, pieces up to a large slot, or
 * one piece into the caller's buffer. */
typedef enum {
  READ_SMALL,
  READ_LARGE,
  READ_IN_PLACE,
} ReadKind;

struct _GSctpKernelBatch {
  guint8 *slots;                /* batch_size (slots_kind) - 1 of slot_size (slots_kind) bytes */
  ReadKind slots_kind;
  Piece pieces[GSCTP_KERNEL_BATCH];
  guint first, n;               /* pieces[first .. first + n) are waiting */
  ReadKind kind;                /* of the next read */
  gboolean in_message;          /* the last piece read did not end its message */
  int want;                     /* pieces the next batch asks for */
  guint singles;                /* plain reads before a batch is tried again */
  guint misses;                 /* batches in a row that brought one piece */
};

/* A batch that brought one piece says they come one at a time (each the
 * answer to a message sent, say): the extra entry of recvmmsg() costs the
 * kernel a failed read each time. So many plain reads follow before a
 * batch is tried again, twice as many after each such batch in a row, up
 * to SINGLE_READS_MAX: a round-trip loop then tries a batch once every 64
 * reads, and a burst after a quiet spell waits at most 64 reads for its
 * batches. */
#define SINGLE_READS 4
#define SINGLE_READS_MAX 64

/* Slots are taken for a batch and given back once it is handed over, to
 * a few kept for the whole process: memory stays bounded by the batches
 * waiting, however many sockets there are, and reused slots cost no page
 * faults (which are dear in a virtual machine). Large ones are 448 KiB a
 * batch: fewer are kept. */
#define SLOTS_KEPT 8
#define LARGE_SLOTS_KEPT 2

/* A piece read ahead has GSCTP_KERNEL_SLOT (or GSCTP_KERNEL_LARGE_SLOT)
 * bytes of room: a message block's, and the rest in its slot. */
static gsize
piece_room (ReadKind kind)
{
  return kind == READ_LARGE ? GSCTP_KERNEL_LARGE_SLOT : GSCTP_KERNEL_SLOT;
}

static gsize
slot_size (ReadKind kind)
{
  gsize capacity = gsctp_message_block_capacity ();

  return capacity < piece_room (kind) ? piece_room (kind) - capacity : 0;
}

/* How many entries a batch of @kind may have, the caller's included. */
static int
batch_size (ReadKind kind)
{
  return kind == READ_LARGE ? GSCTP_KERNEL_LARGE_BATCH : GSCTP_KERNEL_BATCH;
}

static GMutex slots_lock;
static guint8 *slots_kept[SLOTS_KEPT];
static guint n_slots_kept;
static guint8 *large_slots_kept[LARGE_SLOTS_KEPT];
static guint n_large_slots_kept;

/* Slots of @kind for @batch, which holds none. */
static void
take_slots (GSctpKernelBatch *batch,
            ReadKind kind)
{
  gboolean large = kind == READ_LARGE;
  guint8 *slots = NULL;

  g_mutex_lock (&slots_lock);
  if (large && n_large_slots_kept > 0)
    slots = large_slots_kept[--n_large_slots_kept];
  else if (!large && n_slots_kept > 0)
    slots = slots_kept[--n_slots_kept];
  g_mutex_unlock (&slots_lock);
  batch->slots = slots != NULL ? slots : g_malloc ((gsize) (batch_size (kind) - 1) * slot_size (kind));
  batch->slots_kind = kind;
}

static void
give_slots (GSctpKernelBatch *batch)
{
  guint8 *slots = g_steal_pointer (&batch->slots);

  if (slots == NULL)
    return;
  g_mutex_lock (&slots_lock);
  if (batch->slots_kind == READ_LARGE && n_large_slots_kept < LARGE_SLOTS_KEPT)
    large_slots_kept[n_large_slots_kept++] = g_steal_pointer (&slots);
  else if (batch->slots_kind != READ_LARGE && n_slots_kept < SLOTS_KEPT)
    slots_kept[n_slots_kept++] = g_steal_pointer (&slots);
  g_mutex_unlock (&slots_lock);
  g_free (slots);
}

/* Gives back the blocks of pieces[@first .. @end). */
static void
give_blocks (GSctpKernelBatch *batch,
             guint first,
             guint end)
{
  for (guint i = first; i < end; i++)
    gsctp_message_block_give (g_steal_pointer (&batch->pieces[i].block));
}

void
gsctp_kernel_batch_free (GSctpKernelBatch *batch)
{
  if (batch == NULL)
    return;
  give_blocks (batch, batch->first, batch->first + batch->n);
  give_slots (batch);
  g_free (batch);
}

/* Parses what recvmsg() or one entry of recvmmsg() gave. */
static GSctpRecvFlags
parse (const struct msghdr *msg,
       GSctpRcvInfo *info,
       GSctpNxtInfo *next)
{
  GSctpRecvFlags flags = gsctp_kernel_parse_receive_info ((const guint8 *) msg->msg_control,
                                                          msg->msg_controllen, info, next);

  if (msg->msg_flags & MSG_EOR)
    flags |= GSCTP_RECV_EOR;
  if (msg->msg_flags & MSG_NOTIFICATION)
    flags |= GSCTP_RECV_NOTIFICATION;
  return flags;
}

/* Copies @n bytes of @piece to @to, from where it was left. */
static void
copy_out (Piece *piece,
          guint8 *to,
          gsize n)
{
  gsize capacity;
  const guint8 *first = gsctp_message_block_data (piece->block, &capacity);

  if (piece->offset < capacity)
    {
      gsize from_block = MIN (n, capacity - piece->offset);

      memcpy (to, first + piece->offset, from_block);
      to += from_block;
      n -= from_block;
      piece->offset += from_block;
      piece->size -= from_block;
    }
  if (n > 0)
    {
      memcpy (to, piece->rest + (piece->offset - capacity), n);
      piece->offset += n;
      piece->size -= n;
    }
}

/* The next waiting piece, or as much of it as fits in @head's block and
 * @buffer; the rest stays, with the end of record. A whole piece that
 * fits in the block it was read into is handed over as that block. */
static gssize
hand_over (GSctpKernelEndpoint *kernel,
           GSctpMessage **head,
           void *buffer,
           gsize size,
           GSctpSockaddr *from,
           GSctpRcvInfo *info,
           GSctpNxtInfo *next,
           GSctpRecvFlags *flags)
{
  GSctpKernelBatch *batch = kernel->batch;
  Piece *piece = &batch->pieces[batch->first];
  gsize head_size = head != NULL ? gsctp_message_block_capacity () : 0;
  gsize to_head = MIN (piece->size, head_size);
  gsize to_buffer = MIN (piece->size - to_head, size);
  gsize given = to_head + to_buffer;

  gsctp_sockaddr_copy (from, &piece->from);
  *info = piece->info;
  *flags = piece->flags;
  if (piece->flags & GSCTP_RECV_HAVE_NEXT)
    *next = piece->next;
  if (head != NULL && piece->offset == 0 && to_head == piece->size)
    {
      /* The caller's block, if it had one, goes back with the piece. */
      GSctpMessage *spare = *head;

      *head = g_steal_pointer (&piece->block);
      piece->block = spare;
      piece->size = 0;
    }
  else
    {
      /* No head when the reader goes on with a message or drops one. */
      if (head != NULL)
        copy_out (piece, gsctp_message_block_ensure (head, &head_size), to_head);
      if (to_buffer > 0)
        copy_out (piece, buffer, to_buffer);
    }
  if (piece->size > 0)
    {
      *flags &= ~GSCTP_RECV_EOR;
      return given;
    }
  if (piece->block != NULL)
    gsctp_message_block_give (g_steal_pointer (&piece->block));
  batch->first++;
  batch->n--;
  g_atomic_int_set (&kernel->read_ahead, batch->n);
  if (batch->n == 0)
    {
      /* The slots go back until a batch needs them again. */
      batch->first = 0;
      give_slots (batch);
    }
  return given;
}

/* Keeps entries 1 to @got - 1 of @msgs, read into the blocks and slots
 * of pieces 0 to @got - 2 (and their senders into the pieces). */
static void
keep_read_ahead (GSctpKernelEndpoint *kernel,
                 struct mmsghdr *msgs,
                 int got)
{
  GSctpKernelBatch *batch = kernel->batch;
  gsize room = piece_room (batch->slots_kind);

  batch->first = 0;
  batch->n = got - 1;
  for (int i = 1; i < got; i++)
    {
      Piece *piece = &batch->pieces[i - 1];

      piece->offset = 0;
      piece->size = msgs[i].msg_len;
      piece->from.len = msgs[i].msg_hdr.msg_namelen;
      piece->flags = parse (&msgs[i].msg_hdr, &piece->info, &piece->next);
      /* A piece that filled its room: larger ones come, or a message in
       * parts. */
      if (piece->size == room && !(piece->flags & GSCTP_RECV_EOR))
        batch->kind = batch->slots_kind == READ_SMALL ? READ_LARGE : READ_IN_PLACE;
    }
  g_atomic_int_set (&kernel->read_ahead, batch->n);
}

/* Receives into @head's block (none: NULL), then @buffer: one message,
 * or its next piece. */
gssize
gsctp_kernel_receive (GSctpEndpoint *endpoint,
                      GSctpMessage **head,
                      void *buffer,
                      gsize size,
                      GSctpSockaddr *from,
                      GSctpRcvInfo *info,
                      GSctpNxtInfo *next,
                      GSctpRecvFlags *flags,
                      GError **error)
{
  GSctpKernelEndpoint *kernel = (GSctpKernelEndpoint *) endpoint;
  GSctpKernelBatch *batch = kernel->batch;
  ReceiveControl control[GSCTP_KERNEL_BATCH];
  struct iovec iov[2 * GSCTP_KERNEL_BATCH];
  struct mmsghdr msgs[GSCTP_KERNEL_BATCH];
  gsize head_size = 0;
  guint8 *head_data;
  int vlen = 1;
  int got;

  if (batch != NULL && batch->n > 0)
    return hand_over (kernel, head, buffer, size, from, info, next, flags);

  head_data = head != NULL ? gsctp_message_block_ensure (head, &head_size) : NULL;
  iov[0] = (struct iovec) { head_data, head_size };
  iov[1] = (struct iovec) { buffer, size };
  msgs[0].msg_hdr = (struct msghdr) {
    .msg_name = &from->storage,
    .msg_namelen = sizeof from->storage,
    .msg_iov = head_size > 0 ? iov : iov + 1,
    .msg_iovlen = head_size > 0 ? 2 : 1,
    .msg_control = control[0].buf,
    .msg_controllen = sizeof control[0].buf,
  };
  if (batch != NULL && batch->singles > 0)
    batch->singles--;
  else if (batch != NULL && batch->kind != READ_IN_PLACE)
    {
      gsize rest_size;
      guint8 *rest;
      int limit;

      if (batch->slots == NULL)
        take_slots (batch, batch->kind);
      /* In locals: the stores below could alias the batch's fields. */
      rest_size = slot_size (batch->slots_kind);
      limit = MIN (batch->want, batch_size (batch->slots_kind));
      rest = batch->slots;
      for (vlen = 1; vlen < limit; vlen++, rest += rest_size)
        {
          Piece *piece = &batch->pieces[vlen - 1];
          gsize capacity;
          guint8 *first;

          piece->block = gsctp_message_block_take ();
          first = gsctp_message_block_data (piece->block, &capacity);
          piece->rest = rest;
          iov[2 * vlen] = (struct iovec) { first, capacity };
          iov[2 * vlen + 1] = (struct iovec) { rest, rest_size };
          msgs[vlen].msg_hdr = (struct msghdr) {
            .msg_name = &piece->from.storage,
            .msg_namelen = sizeof piece->from.storage,
            .msg_iov = &iov[2 * vlen],
            .msg_iovlen = 2,
            .msg_control = control[vlen].buf,
            .msg_controllen = sizeof control[vlen].buf,
          };
        }
    }
  if (vlen > 1)
    got = recvmmsg (kernel->fd, msgs, vlen, MSG_DONTWAIT, NULL);
  else
    {
      ssize_t one = recvmsg (kernel->fd, &msgs[0].msg_hdr, 0);

      got = one < 0 ? -1 : 1;
      msgs[0].msg_len = MAX (one, 0);
    }
  /* The blocks of entries that stayed empty go back. */
  if (vlen > 1)
    give_blocks (batch, MAX (got, 1) - 1, vlen - 1);
  if (got <= 1 && batch != NULL)
    give_slots (batch);
  if (got < 0)
    {
      int errsv = errno;

      if (errsv == EAGAIN || errsv == EWOULDBLOCK)
        return GSCTP_WOULD_BLOCK;
      gsctp_kernel_set_error (error, errsv, "Could not receive");
      return -1;
    }
  from->len = msgs[0].msg_hdr.msg_namelen;
  *flags = parse (&msgs[0].msg_hdr, info, next);

  /* What the next read takes: whole pieces say that more of their size
   * are likely to come, small ones or large; a piece that filled the
   * caller's room, or one larger than a large slot, that messages are
   * too large to copy. The last piece of a message read in parts (the
   * kernel hands one over in parts when it delivers it partially) may be
   * small: it says nothing. */
  if (batch == NULL)
    batch = kernel->batch = g_new0 (GSctpKernelBatch, 1);
  if (!(*flags & GSCTP_RECV_EOR) || msgs[0].msg_len > GSCTP_KERNEL_LARGE_SLOT)
    batch->kind = READ_IN_PLACE;
  else if (head != NULL && !batch->in_message)
    batch->kind = msgs[0].msg_len > GSCTP_KERNEL_SLOT ? READ_LARGE : READ_SMALL;
  batch->in_message = (*flags & (GSCTP_RECV_EOR | GSCTP_RECV_NOTIFICATION)) == 0;
  /* As many as came last time, and one more: a reader that keeps up
   * with its sender would pay for slots that stay empty. */
  if (vlen > 1 && got == vlen)
    batch->want = MIN (vlen * 2, GSCTP_KERNEL_BATCH);
  else
    batch->want = CLAMP (got + 1, 2, GSCTP_KERNEL_BATCH);
  if (vlen > 1 && got == 1)
    {
      batch->singles = MIN (SINGLE_READS << MIN (batch->misses, 8), SINGLE_READS_MAX);
      batch->misses++;
    }
  else if (got > 1)
    batch->misses = 0;
  if (got > 1)
    keep_read_ahead (kernel, msgs, got);
  return msgs[0].msg_len;
}

/* Moves the pieces of @assoc_id that @from read ahead to @to, a socket
 * just peeled off from it, in order and ahead of what @to reads. */
void
gsctp_kernel_batch_move (GSctpKernelEndpoint *from,
                         GSctpKernelEndpoint *to,
                         GSctpAssocId assoc_id)
{
  GSctpKernelBatch *source = from->batch;
  GSctpKernelBatch *target;
  guint kept = 0;

  if (source == NULL || source->n == 0)
    return;
  g_assert (to->batch == NULL);
  target = to->batch = g_new0 (GSctpKernelBatch, 1);
  take_slots (target, source->slots_kind);
  /* In order: each kept piece moves to the front of what stays. */
  for (guint i = source->first; i < source->first + source->n; i++)
    {
      Piece *piece = &source->pieces[i];

      /* Data carries its association; a notification's is in its bytes,
       * which gsctp decodes later: those stay where they were read. */
      if (!(piece->flags & GSCTP_RECV_NOTIFICATION) && (piece->flags & GSCTP_RECV_HAVE_INFO) &&
          piece->info.assoc_id == assoc_id)
        {
          Piece *moved = &target->pieces[target->n];
          gsize capacity;
          gsize end = piece->offset + piece->size;

          /* The block moves with it; what went on into the slot is
           * copied. */
          gsctp_message_block_data (piece->block, &capacity);
          *moved = *piece;
          moved->rest = target->slots + (gsize) target->n * slot_size (target->slots_kind);
          if (end > capacity)
            memcpy (moved->rest, piece->rest, end - capacity);
          target->n++;
        }
      else
        source->pieces[source->first + kept++] = *piece;
    }
  source->n = kept;
  if (kept == 0)
    {
      source->first = 0;
      give_slots (source);
    }
  if (target->n == 0)
    give_slots (target);
  g_atomic_int_set (&from->read_ahead, source->n);
  g_atomic_int_set (&to->read_ahead, target->n);
}
