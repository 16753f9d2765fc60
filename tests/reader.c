/* reader.c: the reader that joins an endpoint's pieces into whole
 * messages, on pieces laid out as a stack hands them over
 *
 * The endpoint is a script of pieces — bytes, stream, association, end
 * of record — given one per receive, cut to the room the reader offers,
 * as recvmsg() cuts them: interleaved pieces of several messages (SCTP's
 * fragment interleave 1 and 2) must come out as those messages, whole.
 * Each script is read twice: the second time the endpoint hands over a
 * whole piece that fits in a message block as a block of its own, in
 * place of the reader's, as the kernel backend does with pieces it read
 * ahead.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "gsctp-message-private.h"
#include "gsctp-reader.h"

typedef struct {
  GSctpAssocId assoc_id;
  guint16 stream;
  const char *bytes;
  gboolean eor;
} Piece;

typedef struct {
  GSctpEndpoint parent;
  const Piece *pieces;
  guint n_pieces;
  guint next;
  gsize offset;                 /* into the next piece, when cut */
  gboolean swap_blocks;
  guint n_swapped;
} ScriptEndpoint;

static gssize
script_receive (GSctpEndpoint *endpoint, GSctpMessage **head, void *buffer, gsize size,
                GSctpSockaddr *from, GSctpRcvInfo *info, GSctpNxtInfo *next, GSctpRecvFlags *flags,
                GError **error)
{
  ScriptEndpoint *self = (ScriptEndpoint *) endpoint;
  const Piece *piece;
  gsize head_size = 0;
  guint8 *head_data = NULL;
  gsize left, into_head, into_buffer;

  (void) next;
  (void) error;
  if (self->next == self->n_pieces)
    return GSCTP_WOULD_BLOCK;
  piece = &self->pieces[self->next];
  left = strlen (piece->bytes) - self->offset;
  if (head != NULL && self->swap_blocks && self->offset == 0 &&
      left <= gsctp_message_block_capacity ())
    {
      GSctpMessage *own = gsctp_message_block_take ();

      /* The reader must use the block it gets back, not one it had. */
      memset (gsctp_message_block_ensure (head, &head_size), 'X', head_size);
      gsctp_message_block_give (*head);
      *head = own;
      self->n_swapped++;
    }
  if (head != NULL)
    head_data = gsctp_message_block_ensure (head, &head_size);
  into_head = MIN (left, head_size);
  into_buffer = MIN (left - into_head, size);
  /* No head when the reader offers none. */
  if (into_head > 0)
    memcpy (head_data, piece->bytes + self->offset, into_head);
  if (into_buffer > 0)
    memcpy (buffer, piece->bytes + self->offset + into_head, into_buffer);
  memset (from, 0, sizeof *from);
  memset (info, 0, sizeof *info);
  info->assoc_id = piece->assoc_id;
  info->stream = piece->stream;
  *flags = GSCTP_RECV_HAVE_INFO;
  self->offset += into_head + into_buffer;
  if (self->offset == strlen (piece->bytes))
    {
      if (piece->eor)
        *flags |= GSCTP_RECV_EOR;
      self->next++;
      self->offset = 0;
    }
  return (gssize) (into_head + into_buffer);
}

static const GSctpBackend script_backend = {
  .name = "script",
  .receive = script_receive,
};

typedef struct {
  GSctpAssocId assoc_id;
  guint16 stream;
  const char *text;
} Expected;

/* Reads every message of @pieces and checks them against @expected. */
static guint
read_script (const Piece *pieces, guint n_pieces, const Expected *expected, guint n_expected,
             gsize buffer_initial, GSctpAssocId stream_assoc_id, gboolean swap_blocks)
{
  ScriptEndpoint endpoint = { { &script_backend }, pieces, n_pieces, 0, 0, swap_blocks, 0 };
  GSctpReader reader;
  guint n = 0;

  gsctp_reader_init (&reader, buffer_initial);
  for (;;)
    {
      g_autoptr(GSctpMessage) message = NULL;
      g_autoptr(GError) error = NULL;
      GSctpReadResult result = gsctp_reader_read (&reader, &endpoint.parent, stream_assoc_id,
                                                  &message, &error);
      gsize size;
      const guint8 *data;

      g_assert_no_error (error);
      if (result == GSCTP_READ_WOULD_BLOCK)
        break;
      g_assert_cmpint (result, ==, GSCTP_READ_DONE);
      g_assert_nonnull (message);
      g_assert_cmpuint (n, <, n_expected);
      data = gsctp_message_peek_data (message, &size);
      g_assert_cmpmem (data, size, expected[n].text, strlen (expected[n].text));
      g_assert_cmpint (gsctp_message_get_assoc_id (message), ==, expected[n].assoc_id);
      g_assert_cmpuint (gsctp_message_get_stream (message), ==, expected[n].stream);
      n++;
    }
  g_assert_cmpuint (n, ==, n_expected);
  gsctp_reader_clear (&reader);
  return endpoint.n_swapped;
}

static void
read_all (const Piece *pieces, guint n_pieces, const Expected *expected, guint n_expected,
          gsize buffer_initial, GSctpAssocId stream_assoc_id)
{
  read_script (pieces, n_pieces, expected, n_expected, buffer_initial, stream_assoc_id, FALSE);
  read_script (pieces, n_pieces, expected, n_expected, buffer_initial, stream_assoc_id, TRUE);
}

/* One message in pieces: joined. */
static void
test_pieces (void)
{
  const Piece pieces[] = {
    { 1, 0, "hello, ", FALSE }, { 1, 0, "wor", FALSE }, { 1, 0, "ld", TRUE },
  };
  const Expected expected[] = { { 1, 0, "hello, world" } };

  read_all (pieces, G_N_ELEMENTS (pieces), expected, G_N_ELEMENTS (expected), 1024, 0);
}

/* Whole small messages that the endpoint hands over in blocks of its
 * own (each block the reader gave is scribbled over and given back):
 * each comes out of the block it came in. */
static void
test_whole_blocks (void)
{
  const Piece pieces[] = {
    { 1, 0, "one", TRUE }, { 1, 3, "two", TRUE }, { 2, 1, "three", TRUE },
  };
  const Expected expected[] = { { 1, 0, "one" }, { 1, 3, "two" }, { 2, 1, "three" } };

  g_assert_cmpuint (read_script (pieces, G_N_ELEMENTS (pieces), expected,
                                 G_N_ELEMENTS (expected), 1024, 0, TRUE), ==, 3);
}

/* Fragment interleave 2: another stream's whole message, and pieces of a
 * third, between the pieces of a large one: each comes out on its own,
 * in the order it was completed. */
static void
test_streams_interleaved (void)
{
  const Piece pieces[] = {
    { 1, 1, "AAAA", FALSE },
    { 1, 2, "small one", TRUE },
    { 1, 1, "BBBB", FALSE },
    { 1, 3, "third ", FALSE },
    { 1, 2, "small two", TRUE },
    { 1, 1, "CCCC", TRUE },
    { 1, 3, "stream", TRUE },
  };
  const Expected expected[] = {
    { 1, 2, "small one" }, { 1, 2, "small two" }, { 1, 1, "AAAABBBBCCCC" }, { 1, 3, "third stream" },
  };

  read_all (pieces, G_N_ELEMENTS (pieces), expected, G_N_ELEMENTS (expected), 1024, 0);
}

/* Fragment interleave 1: two associations' messages, same stream. */
static void
test_associations_interleaved (void)
{
  const Piece pieces[] = {
    { 1, 0, "first ", FALSE }, { 2, 0, "second ", FALSE }, { 1, 0, "of one", TRUE },
    { 2, 0, "of two", TRUE },
  };
  const Expected expected[] = { { 1, 0, "first of one" }, { 2, 0, "second of two" } };

  read_all (pieces, G_N_ELEMENTS (pieces), expected, G_N_ELEMENTS (expected), 1024, 0);
}

/* Pieces larger than the reader's buffer, cut as recvmsg() cuts them,
 * interleaved: the buffers grow and the message put aside keeps its
 * bytes. */
static void
test_large_pieces (void)
{
  g_autofree char *a1 = g_strnfill (3000, 'a');
  g_autofree char *b = g_strnfill (5000, 'b');
  g_autofree char *a2 = g_strnfill (2500, 'c');
  g_autofree char *whole_a = g_strconcat (a1, a2, NULL);
  const Piece pieces[] = { { 7, 1, a1, FALSE }, { 7, 2, b, TRUE }, { 7, 1, a2, TRUE } };
  const Expected expected[] = { { 7, 2, b }, { 7, 1, whole_a } };

  read_all (pieces, G_N_ELEMENTS (pieces), expected, G_N_ELEMENTS (expected), 1024, 0);
}

/* A one-to-one socket's data says association 0, which the reader reads
 * as the socket's association: one message, not two. */
static void
test_one_to_one (void)
{
  const Piece pieces[] = { { 0, 4, "one ", FALSE }, { 0, 4, "message", TRUE } };
  const Expected expected[] = { { 9, 4, "one message" } };

  read_all (pieces, G_N_ELEMENTS (pieces), expected, G_N_ELEMENTS (expected), 1024, 9);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reader/pieces", test_pieces);
  g_test_add_func ("/reader/whole-blocks", test_whole_blocks);
  g_test_add_func ("/reader/streams-interleaved", test_streams_interleaved);
  g_test_add_func ("/reader/associations-interleaved", test_associations_interleaved);
  g_test_add_func ("/reader/large-pieces", test_large_pieces);
  g_test_add_func ("/reader/one-to-one", test_one_to_one);
  return g_test_run ();
}
