/* gsctp-reader.h: whole messages out of an endpoint's pieces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-backend.h"
#include "gsctp-buffer-pool.h"

G_BEGIN_DECLS

/* One message being joined from the pieces an endpoint hands over: its
 * first piece's sender, info and flags, and the bytes so far. Kept between
 * calls while the rest has not arrived. Knows no socket: the caller holds
 * whatever lock guards it. */
typedef struct {
  GSctpBufferPool *pool;
  guint8 *buffer;
  gsize buffer_size;
  gsize buffer_used;
  gsize buffer_initial;         /* gen_sctp's buffer */
  gsize max_message_size;       /* 0: no limit */
  gboolean discarding;          /* the rest of a message over the limit */
  GSctpRcvInfo piece_info;
  GSctpRecvFlags piece_flags;
  GSctpSockaddr piece_from;
  GSctpNxtInfo next;            /* after the last piece, if has_next */
  gboolean has_next;
  GSctpMessage *block;
  /* Messages of other streams or associations whose pieces came between
   * (fragment interleave 1 and 2): GSctpPartial, NULL until then. */
  GPtrArray *partials;          /* where the next message's first piece goes */
} GSctpReader;

#define GSCTP_DEFAULT_MAX_MESSAGE_SIZE (16 * 1024 * 1024)
/* From this size a message becomes its GBytes without a copy, keeping the
 * pooled buffer it was read into; smaller ones are copied out of it. */
#define GSCTP_READER_ZERO_COPY_MIN (16 * 1024)

typedef enum {
  GSCTP_READ_DONE,
  GSCTP_READ_WOULD_BLOCK,       /* the rest has not arrived; no error set */
  GSCTP_READ_FAILED,
  GSCTP_READ_TOO_LARGE,         /* a message over max_message_size, dropped;
                                 * piece_info says whose; no error set */
} GSctpReadResult;

/* What ends a one-to-one socket's receives once its association is over. */
static inline GError *
gsctp_association_ended_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "The association has ended");
}

void gsctp_reader_init (GSctpReader *reader,
                        gsize buffer_initial);
void gsctp_reader_clear (GSctpReader *reader);
GSctpReadResult gsctp_reader_read (GSctpReader *reader,
                                   GSctpEndpoint *endpoint,
                                   GSctpAssocId stream_assoc_id,
                                   GSctpMessage **message,
                                   GError **error);

G_END_DECLS
