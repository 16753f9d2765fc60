/* decode-userland.c: the userland backend's notification decoder and
 * receive info, on bytes
 *
 * Laid out by hand as usrsctp lays them out: RFC 6458 structs with
 * FreeBSD's constants (types from 1, states from 1) and cause codes in
 * host byte order. A decoder that took Linux's constants, or trusted a
 * length it should not, fails here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <netinet/in.h>

#include "gsctp-userland-private.h"
#include "notification-bytes.h"

static gpointer
decode_ok (Buffer *b, GSctpEventType expected)
{
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  g_assert_true (gsctp_userland_decode_notification (b->bytes, b->size, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n.type, ==, expected);
  g_assert_nonnull (n.event);
  return n.event;
}

static void
make_assoc_change (Buffer *b, guint16 state, guint16 error)
{
  header (b, 0x0001);
  put16 (b, state);
  put16 (b, error);
  put16 (b, 5);
  put16 (b, 10);
  put32 (b, 42);
  finish (b);
}

static void
test_assoc_change (void)
{
  const GSctpAssocState expected[] = { 0, GSCTP_ASSOC_STATE_COMM_UP, GSCTP_ASSOC_STATE_COMM_LOST,
                                       GSCTP_ASSOC_STATE_RESTART, GSCTP_ASSOC_STATE_SHUTDOWN_COMP,
                                       GSCTP_ASSOC_STATE_CANT_ASSOC };
  g_autoptr(GError) error = NULL;
  GSctpNotification n;
  Buffer b;

  for (guint16 state = 1; state <= 5; state++)
    {
      g_autoptr(GSctpAssocChange) change = NULL;

      make_assoc_change (&b, state, 12);
      change = decode_ok (&b, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
      g_assert_cmpint (change->state, ==, expected[state]);
      g_assert_cmpuint (change->error, ==, 12);      /* host order */
      g_assert_cmpuint (change->outbound_streams, ==, 5);
      g_assert_cmpuint (change->inbound_streams, ==, 10);
      g_assert_cmpint (change->assoc_id, ==, 42);
    }
  /* Linux's COMM_UP (0) is not usrsctp's. */
  make_assoc_change (&b, 0, 0);
  g_assert_false (gsctp_userland_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
}

static void
test_peer_addr_change (void)
{
  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = g_htons (2006),
                             .sin_addr.s_addr = g_htonl (0x7f000001) };
  guint8 storage[128] = { 0 };
  g_autoptr(GSctpPeerAddrChange) change = NULL;
  g_autofree char *ip = NULL;
  Buffer b;

  memcpy (storage, &sin, sizeof sin);
  header (&b, 0x0002);
  put (&b, storage, sizeof storage);
  put32 (&b, 6);           /* SCTP_ADDR_CONFIRMED */
  put32 (&b, 0);
  put32 (&b, 9);
  put32 (&b, 0);           /* padding */
  finish (&b);
  change = decode_ok (&b, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE);
  g_assert_cmpint (change->state, ==, GSCTP_PEER_ADDR_STATE_CONFIRMED);
  g_assert_cmpint (change->assoc_id, ==, 9);
  g_assert_nonnull (change->address);
  ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (change->address)));
  g_assert_cmpstr (ip, ==, "127.0.0.1");
  g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (change->address)), ==, 2006);
}

static void
test_send_failed (void)
{
  g_autoptr(GSctpSendFailed) failed = NULL;
  Buffer b;

  header (&b, 0x000e);
  memcpy (b.bytes + 2, &(guint16) { 0x0002 }, 2);   /* flags: SCTP_DATA_SENT */
  put32 (&b, 77);          /* error */
  put16 (&b, 3);           /* sndinfo: sid */
  put16 (&b, 0x0400);      /* unordered */
  put32 (&b, g_htonl (46));
  put32 (&b, 5);           /* context */
  put32 (&b, 8);           /* assoc id */
  put32 (&b, 8);           /* event's assoc id */
  put (&b, "lost", 4);
  finish (&b);
  failed = decode_ok (&b, GSCTP_EVENT_TYPE_SEND_FAILED);
  g_assert_cmpint (failed->flags, ==, GSCTP_SEND_FAILED_FLAGS_SENT);
  g_assert_cmpuint (failed->error, ==, 77);
  g_assert_cmpuint (failed->info.stream, ==, 3);
  g_assert_cmpuint (failed->info.ppid, ==, 46);
  g_assert_cmpuint (failed->info.flags, ==, GSCTP_SEND_FLAGS_UNORDERED);
  g_assert_cmpint (failed->assoc_id, ==, 8);
  g_assert_cmpuint (g_bytes_get_size (failed->data), ==, 4);
}

static void
test_lengths (void)
{
  g_autoptr(GError) error = NULL;
  GSctpNotification n;
  Buffer b;

  /* A length past what was received. */
  make_assoc_change (&b, 1, 0);
  g_assert_false (gsctp_userland_decode_notification (b.bytes, b.size - 1, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);
  /* A length shorter than the struct its type needs. */
  header (&b, 0x0001);
  put32 (&b, 0);
  finish (&b);
  g_assert_false (gsctp_userland_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);
  /* Shorter than a header. */
  g_assert_false (gsctp_userland_decode_notification (b.bytes, 3, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);
  /* A kind gsctp does not know: no event, no error. */
  header (&b, 0x00ff);
  finish (&b);
  g_assert_true (gsctp_userland_decode_notification (b.bytes, b.size, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n.type, ==, GSCTP_EVENT_TYPE_NONE);
  g_assert_null (n.event);
}

/* usrsctp_recvv()'s info: the receive info, the next message's alone
 * (where the receive info would be), or both; PPIDs in network order. */
static void
test_receive_info (void)
{
  struct sctp_recvv_rn rn;
  GSctpRcvInfo info;
  GSctpNxtInfo next;
  GSctpRecvFlags flags;

  memset (&rn, 0, sizeof rn);
  rn.recvv_rcvinfo.rcv_sid = 3;
  rn.recvv_rcvinfo.rcv_ssn = 7;
  rn.recvv_rcvinfo.rcv_flags = SCTP_UNORDERED;
  rn.recvv_rcvinfo.rcv_ppid = g_htonl (0x12345678);
  rn.recvv_rcvinfo.rcv_tsn = 1000;
  rn.recvv_rcvinfo.rcv_cumtsn = 999;
  rn.recvv_rcvinfo.rcv_context = 42;
  rn.recvv_rcvinfo.rcv_assoc_id = 5;
  rn.recvv_nxtinfo.nxt_sid = 4;
  rn.recvv_nxtinfo.nxt_flags = SCTP_COMPLETE | SCTP_NOTIFICATION;
  rn.recvv_nxtinfo.nxt_ppid = g_htonl (60);
  rn.recvv_nxtinfo.nxt_length = 1234;
  rn.recvv_nxtinfo.nxt_assoc_id = 6;

  flags = gsctp_userland_parse_receive_info (&rn, sizeof rn.recvv_rcvinfo, SCTP_RECVV_RCVINFO,
                                             &info, &next);
  g_assert_cmpint (flags, ==, GSCTP_RECV_HAVE_INFO);
  g_assert_cmpuint (info.stream, ==, 3);
  g_assert_cmpuint (info.ssn, ==, 7);
  g_assert_cmpint (info.flags, ==, GSCTP_RECEIVE_FLAGS_UNORDERED);
  g_assert_cmphex (info.ppid, ==, 0x12345678);
  g_assert_cmpuint (info.tsn, ==, 1000);
  g_assert_cmpuint (info.cumulative_tsn, ==, 999);
  g_assert_cmpuint (info.context, ==, 42);
  g_assert_cmpint (info.assoc_id, ==, 5);

  /* Too short to be a receive info: none. */
  flags = gsctp_userland_parse_receive_info (&rn, sizeof rn.recvv_rcvinfo - 1,
                                             SCTP_RECVV_RCVINFO, &info, &next);
  g_assert_cmpint (flags, ==, 0);

  flags = gsctp_userland_parse_receive_info (&rn, sizeof rn, SCTP_RECVV_RN, &info, &next);
  g_assert_cmpint (flags, ==, GSCTP_RECV_HAVE_INFO | GSCTP_RECV_HAVE_NEXT);
  g_assert_cmpuint (next.stream, ==, 4);
  g_assert_cmpint (next.flags, ==, 0);
  g_assert_cmpuint (next.ppid, ==, 60);
  g_assert_cmpuint (next.length, ==, 1234);
  g_assert_true (next.complete);
  g_assert_true (next.is_event);
  g_assert_cmpint (next.assoc_id, ==, 6);

  /* The next message's info alone, at the start. */
  memset (&rn, 0, sizeof rn);
  memset (&next, 0, sizeof next);
  ((struct sctp_nxtinfo *) &rn)->nxt_sid = 9;
  ((struct sctp_nxtinfo *) &rn)->nxt_flags = SCTP_UNORDERED;
  ((struct sctp_nxtinfo *) &rn)->nxt_ppid = g_htonl (61);
  flags = gsctp_userland_parse_receive_info (&rn, sizeof (struct sctp_nxtinfo),
                                             SCTP_RECVV_NXTINFO, &info, &next);
  g_assert_cmpint (flags, ==, GSCTP_RECV_HAVE_NEXT);
  g_assert_cmpuint (next.stream, ==, 9);
  g_assert_cmpint (next.flags, ==, GSCTP_RECEIVE_FLAGS_UNORDERED);
  g_assert_cmpuint (next.ppid, ==, 61);
  g_assert_false (next.complete);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decode-userland/assoc-change", test_assoc_change);
  g_test_add_func ("/decode-userland/peer-addr-change", test_peer_addr_change);
  g_test_add_func ("/decode-userland/send-failed", test_send_failed);
  g_test_add_func ("/decode-userland/lengths", test_lengths);
  g_test_add_func ("/decode-userland/receive-info", test_receive_info);
  return g_test_run ();
}
