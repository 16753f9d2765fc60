/* decode.c: the kernel backend's notification decoder, on byte buffers
 *
 * The buffers are laid out by hand as the kernel lays them out (RFC 6458
 * structs, host byte order, cause codes as on the wire), so that a decoder
 * reading a wrong offset or trusting a length it should not fails here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <netinet/in.h>
#include "gsctp-kernel.h"
#include "gsctp-events-private.h"
#include "notification-bytes.h"

enum {
  SN_ASSOC_CHANGE = 0x8001,
  SN_PEER_ADDR_CHANGE,
  SN_SEND_FAILED,
  SN_REMOTE_ERROR,
  SN_SHUTDOWN_EVENT,
  SN_PARTIAL_DELIVERY_EVENT,
  SN_ADAPTATION_INDICATION,
  SN_AUTHENTICATION_EVENT,
  SN_SENDER_DRY_EVENT,
  SN_STREAM_RESET_EVENT,
  SN_ASSOC_RESET_EVENT,
  SN_STREAM_CHANGE_EVENT,
  SN_SEND_FAILED_EVENT,
};

static void
make_assoc_change (Buffer *b, guint16 state, guint16 error, guint16 outbound,
                   guint16 inbound, gint32 assoc_id)
{
  header (b, SN_ASSOC_CHANGE);
  put16 (b, state);
  put16 (b, g_htons (error));   /* as on the wire */
  put16 (b, outbound);
  put16 (b, inbound);
  put32 (b, (guint32) assoc_id);
  finish (b);
}

static gpointer
decode_ok (Buffer *b, GSctpEventType expected)
{
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  g_assert_true (gsctp_kernel_decode_notification (b->bytes, b->size, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n.type, ==, expected);
  g_assert_nonnull (n.event);
  return n.event;
}

static void
test_assoc_change (void)
{
  Buffer b;
  g_autoptr(GSctpAssocChange) up = NULL;

  make_assoc_change (&b, 0, 0, 5, 10, 42);
  g_assert_cmpuint (b.size, ==, 20);
  up = decode_ok (&b, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_cmpint (up->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_cmpuint (up->outbound_streams, ==, 5);
  g_assert_cmpuint (up->inbound_streams, ==, 10);
  g_assert_cmpint (up->assoc_id, ==, 42);

  for (guint16 state = 1; state <= 4; state++)
    {
      const GSctpAssocState expected[] = { 0, GSCTP_ASSOC_STATE_COMM_LOST, GSCTP_ASSOC_STATE_RESTART,
                                           GSCTP_ASSOC_STATE_SHUTDOWN_COMP, GSCTP_ASSOC_STATE_CANT_ASSOC };
      g_autoptr(GSctpAssocChange) change = NULL;

      make_assoc_change (&b, state, 12, 0, 0, 7);
      change = decode_ok (&b, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
      g_assert_cmpint (change->state, ==, expected[state]);
      g_assert_cmpuint (change->error, ==, 12);
    }
}

static void
test_peer_addr_change (void)
{
  struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6, .sin6_port = g_htons (2006) };
  guint8 storage[128] = { 0 };
  Buffer b;
  g_autoptr(GSctpPeerAddrChange) change = NULL;
  g_autofree char *text = NULL;

  sin6.sin6_addr.s6_addr[15] = 1;
  memcpy (storage, &sin6, sizeof sin6);
  header (&b, SN_PEER_ADDR_CHANGE);
  put (&b, storage, sizeof storage);
  put32 (&b, 1);               /* SCTP_ADDR_UNREACHABLE */
  put32 (&b, 5);
  put32 (&b, 9);
  finish (&b);
  g_assert_cmpuint (b.size, ==, 148);
  change = decode_ok (&b, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE);
  g_assert_cmpint (change->state, ==, GSCTP_PEER_ADDR_STATE_UNREACHABLE);
  g_assert_cmpint (change->error, ==, 5);
  g_assert_cmpint (change->assoc_id, ==, 9);
  text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (change->address));
  g_assert_cmpstr (text, ==, "[::1]:2006");

  /* A state the kernel does not have. */
  memcpy (b.bytes + 8 + 128, &(guint32) { 77 }, 4);
  {
    GSctpNotification n;
    g_autoptr(GError) error = NULL;

    g_assert_false (gsctp_kernel_decode_notification (b.bytes, b.size, &n, &error));
    g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  }
}

static void
test_send_failed (void)
{
  Buffer b;
  g_autoptr(GSctpSendFailed) failed = NULL;

  header (&b, SN_SEND_FAILED_EVENT);
  put32 (&b, 0);               /* error */
  put16 (&b, 3);               /* snd_sid */
  put16 (&b, 0);               /* snd_flags */
  put32 (&b, g_htonl (46));    /* snd_ppid, network order */
  put32 (&b, 1234);            /* snd_context */
  put32 (&b, 8);               /* snd_assoc_id */
  put32 (&b, 8);               /* ssf_assoc_id */
  put (&b, "lost", 4);
  memcpy (b.bytes + 2, &(guint16) { 1 }, 2);   /* SCTP_DATA_SENT */
  finish (&b);
  failed = decode_ok (&b, GSCTP_EVENT_TYPE_SEND_FAILED);
  g_assert_cmpuint (failed->flags, ==, GSCTP_SEND_FAILED_FLAGS_SENT);
  g_assert_cmpuint (failed->info.stream, ==, 3);
  g_assert_cmpuint (failed->info.ppid, ==, 46);
  g_assert_cmpuint (failed->info.context, ==, 1234);
  g_assert_cmpint (failed->assoc_id, ==, 8);
  g_assert_cmpuint (g_bytes_get_size (failed->data), ==, 4);
  g_assert_cmpmem (g_bytes_get_data (failed->data, NULL), 4, "lost", 4);
}

static void
test_remote_error (void)
{
  Buffer b;
  g_autoptr(GSctpRemoteError) remote = NULL;
  const guint8 cause[] = { 0x00, 0x01, 0x00, 0x08, 0x00, 0x05, 0x00, 0x00 };

  header (&b, SN_REMOTE_ERROR);
  put16 (&b, g_htons (1));
  put16 (&b, 0);               /* padding before the assoc id */
  put32 (&b, 11);
  put (&b, cause, sizeof cause);
  finish (&b);
  remote = decode_ok (&b, GSCTP_EVENT_TYPE_REMOTE_ERROR);
  g_assert_cmpuint (remote->error, ==, 1);
  g_assert_cmpint (remote->assoc_id, ==, 11);
  g_assert_cmpmem (g_bytes_get_data (remote->data, NULL), g_bytes_get_size (remote->data),
                   cause, sizeof cause);
}

static void
test_small_events (void)
{
  Buffer b;

  {
    g_autoptr(GSctpShutdownEvent) event = NULL;

    header (&b, SN_SHUTDOWN_EVENT);
    put32 (&b, 21);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_SHUTDOWN);
    g_assert_cmpint (event->assoc_id, ==, 21);
  }
  {
    g_autoptr(GSctpPartialDelivery) event = NULL;

    header (&b, SN_PARTIAL_DELIVERY_EVENT);
    put32 (&b, 0);             /* SCTP_PARTIAL_DELIVERY_ABORTED */
    put32 (&b, 22);            /* the association, before stream and sequence */
    put32 (&b, 4);
    put32 (&b, 99);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_PARTIAL_DELIVERY);
    g_assert_true (event->aborted);
    g_assert_cmpuint (event->stream, ==, 4);
    g_assert_cmpuint (event->sequence, ==, 99);
    g_assert_cmpint (event->assoc_id, ==, 22);
  }
  {
    g_autoptr(GSctpAdaptationIndication) event = NULL;

    header (&b, SN_ADAPTATION_INDICATION);
    put32 (&b, 0xC0FFEE);
    put32 (&b, 23);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_ADAPTATION_INDICATION);
    g_assert_cmphex (event->adaptation_indication, ==, 0xC0FFEE);
    g_assert_cmpint (event->assoc_id, ==, 23);
  }
  {
    g_autoptr(GSctpAuthentication) event = NULL;

    header (&b, SN_AUTHENTICATION_EVENT);
    put16 (&b, 3);
    put16 (&b, 0);
    put32 (&b, 2);             /* SCTP_AUTH_NO_AUTH */
    put32 (&b, 24);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_AUTHENTICATION);
    g_assert_cmpint (event->indication, ==, GSCTP_AUTH_INDICATION_NO_AUTH);
    g_assert_cmpuint (event->key_number, ==, 3);
    g_assert_cmpint (event->assoc_id, ==, 24);
  }
  {
    g_autoptr(GSctpSenderDry) event = NULL;

    header (&b, SN_SENDER_DRY_EVENT);
    put32 (&b, 25);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_SENDER_DRY);
    g_assert_cmpint (event->assoc_id, ==, 25);
  }
  {
    g_autoptr(GSctpStreamReset) event = NULL;

    header (&b, SN_STREAM_RESET_EVENT);
    memcpy (b.bytes + 2, &(guint16) { 0x0002 }, 2);   /* outgoing */
    put32 (&b, 26);
    put16 (&b, 1);
    put16 (&b, 7);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_STREAM_RESET);
    g_assert_cmpuint (event->flags, ==, GSCTP_RESET_FLAGS_OUTGOING);
    g_assert_cmpint (event->assoc_id, ==, 26);
    g_assert_cmpuint (event->streams->len, ==, 2);
    g_assert_cmpuint (g_array_index (event->streams, guint16, 1), ==, 7);
  }
  {
    g_autoptr(GSctpAssocReset) event = NULL;

    header (&b, SN_ASSOC_RESET_EVENT);
    memcpy (b.bytes + 2, &(guint16) { 0x0004 }, 2);   /* denied */
    put32 (&b, 27);
    put32 (&b, 1000);
    put32 (&b, 2000);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_ASSOC_RESET);
    g_assert_cmpuint (event->flags, ==, GSCTP_RESET_FLAGS_DENIED);
    g_assert_cmpuint (event->local_tsn, ==, 1000);
    g_assert_cmpuint (event->remote_tsn, ==, 2000);
  }
  {
    g_autoptr(GSctpStreamChange) event = NULL;

    header (&b, SN_STREAM_CHANGE_EVENT);
    put32 (&b, 28);
    put16 (&b, 12);
    put16 (&b, 15);
    finish (&b);
    event = decode_ok (&b, GSCTP_EVENT_TYPE_STREAM_CHANGE);
    g_assert_cmpuint (event->inbound_streams, ==, 12);
    g_assert_cmpuint (event->outbound_streams, ==, 15);
    g_assert_cmpint (event->assoc_id, ==, 28);
  }
}

/* For every kind, every length shorter than its struct is refused, with
 * the header's length told the truth and with it lying. */
static void
test_truncated (void)
{
  const struct { guint16 type; gsize size; } kinds[] = {
    { SN_ASSOC_CHANGE, 20 }, { SN_PEER_ADDR_CHANGE, 148 }, { SN_SEND_FAILED_EVENT, 32 },
    { SN_REMOTE_ERROR, 16 }, { SN_SHUTDOWN_EVENT, 12 }, { SN_PARTIAL_DELIVERY_EVENT, 24 },
    { SN_ADAPTATION_INDICATION, 16 }, { SN_AUTHENTICATION_EVENT, 20 },
    { SN_SENDER_DRY_EVENT, 12 }, { SN_STREAM_RESET_EVENT, 12 }, { SN_ASSOC_RESET_EVENT, 20 },
    { SN_STREAM_CHANGE_EVENT, 16 },
  };

  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (gsize size = 0; size < kinds[k].size; size++)
      {
        Buffer b = { { 0 }, 0 };
        GSctpNotification n;
        g_autoptr(GError) error = NULL;

        header (&b, kinds[k].type);
        b.size = size;
        memcpy (b.bytes + 4, &(guint32) { size }, 4);
        g_assert_false (gsctp_kernel_decode_notification (b.bytes, size, &n, &error));
        g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
        g_assert_null (n.event);
        g_clear_error (&error);

        /* The header claims the whole struct; fewer bytes arrived. */
        memcpy (b.bytes + 4, &(guint32) { kinds[k].size }, 4);
        g_assert_false (gsctp_kernel_decode_notification (b.bytes, size, &n, &error));
        g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
      }
}

static void
test_lying_length (void)
{
  Buffer b;
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  make_assoc_change (&b, 0, 0, 5, 10, 42);
  memcpy (b.bytes + 4, &(guint32) { 4096 }, 4);
  g_assert_false (gsctp_kernel_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);

  memcpy (b.bytes + 4, &(guint32) { 4 }, 4);
  g_assert_false (gsctp_kernel_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* A stream list longer than the notification is not read past its
   * length: the length says two streams, the buffer holds more. */
  header (&b, SN_STREAM_RESET_EVENT);
  put32 (&b, 1);
  put16 (&b, 1);
  put16 (&b, 2);
  finish (&b);
  put16 (&b, 3);
  {
    g_autoptr(GSctpStreamReset) reset = decode_ok (&b, GSCTP_EVENT_TYPE_STREAM_RESET);

    g_assert_cmpuint (reset->streams->len, ==, 2);
  }
}

static void
test_unknown (void)
{
  Buffer b;
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  make_assoc_change (&b, 99, 0, 5, 10, 42);
  g_assert_false (gsctp_kernel_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* A kind from a newer kernel is not an error, and not an event. */
  header (&b, 0x8042);
  put32 (&b, 0);
  finish (&b);
  g_assert_true (gsctp_kernel_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n.type, ==, GSCTP_EVENT_TYPE_NONE);
  g_assert_null (n.event);
}

/* Random bytes never crash the decoder or make it read past the length. */
static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (4960);
  guint8 buffer[192];

  for (guint round = 0; round < 200000; round++)
    {
      gsize size = g_rand_int_range (rand, 0, sizeof buffer + 1);
      /* A copy exactly @size long, so that a read past it is caught by
       * ASan and valgrind. */
      g_autofree guint8 *exact = NULL;
      GSctpNotification n;
      GError *error = NULL;

      for (gsize i = 0; i < sizeof buffer; i++)
        buffer[i] = g_rand_int (rand);
      buffer[1] = 0x80;
      buffer[0] = 1 + round % 13;
      if (round % 3 && size >= 8)
        memcpy (buffer + 4, &(guint32) { g_rand_int_range (rand, 0, size + 1) }, 4);
      exact = g_memdup2 (buffer, size);
      if (gsctp_kernel_decode_notification (exact, size, &n, &error))
        {
          if (n.event != NULL)
            g_boxed_free (gsctp_event_boxed_type (n.type), n.event);
        }
      else
        g_clear_error (&error);
    }
  g_rand_free (rand);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decode/assoc-change", test_assoc_change);
  g_test_add_func ("/decode/peer-addr-change", test_peer_addr_change);
  g_test_add_func ("/decode/send-failed", test_send_failed);
  g_test_add_func ("/decode/remote-error", test_remote_error);
  g_test_add_func ("/decode/small-events", test_small_events);
  g_test_add_func ("/decode/truncated", test_truncated);
  g_test_add_func ("/decode/lying-length", test_lying_length);
  g_test_add_func ("/decode/unknown", test_unknown);
  g_test_add_func ("/decode/random-bytes", test_random_bytes);
  return g_test_run ();
}
