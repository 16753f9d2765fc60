/* receive-info.c: the kernel backend's receive-info parser, on byte buffers
 *
 * The control data of a recvmsg() is laid out by hand as the kernel lays it
 * out (cmsg headers, RFC 6458 structs in host byte order, the PPID in
 * network order), so that a parser trusting a length it should not fails
 * here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include "gsctp-kernel.h"

enum {
  CMSG_SCTP_SNDRCV = 1,
  CMSG_SCTP_RCVINFO = 3,
  CMSG_SCTP_NXTINFO = 4,
};

typedef struct {
  union {
    struct cmsghdr align;
    guint8 bytes[512];
  };
  gsize size;
} Control;

static void
put (guint8 *at, gsize *offset, const void *value, gsize size)
{
  memcpy (at + *offset, value, size);
  *offset += size;
}

/* One control message of @payload_size bytes at the end of @c. */
static guint8 *
add_cmsg (Control *c, int level, int type, gsize payload_size)
{
  struct cmsghdr header = { .cmsg_len = CMSG_LEN (payload_size), .cmsg_level = level,
                            .cmsg_type = type };
  guint8 *payload;

  g_assert_cmpuint (c->size + CMSG_SPACE (payload_size), <=, sizeof c->bytes);
  memcpy (c->bytes + c->size, &header, sizeof header);
  payload = c->bytes + c->size + CMSG_LEN (0);
  memset (payload, 0, CMSG_SPACE (payload_size) - CMSG_LEN (0));
  c->size += CMSG_SPACE (payload_size);
  return payload;
}

/* struct sctp_rcvinfo: sid, ssn, flags, (pad), ppid, tsn, cumtsn, context,
 * assoc_id — 28 bytes. */
static void
add_rcvinfo (Control *c, guint16 sid, guint16 ssn, guint16 flags, guint32 ppid, gint32 assoc_id)
{
  guint8 *p = add_cmsg (c, IPPROTO_SCTP, CMSG_SCTP_RCVINFO, 28);
  gsize o = 0;
  guint16 pad = 0;
  guint32 ppid_net = g_htonl (ppid), tsn = 1000, cumtsn = 999, context = 77;

  put (p, &o, &sid, 2);
  put (p, &o, &ssn, 2);
  put (p, &o, &flags, 2);
  put (p, &o, &pad, 2);
  put (p, &o, &ppid_net, 4);
  put (p, &o, &tsn, 4);
  put (p, &o, &cumtsn, 4);
  put (p, &o, &context, 4);
  put (p, &o, &assoc_id, 4);
}

/* struct sctp_sndrcvinfo: stream, ssn, flags, (pad), ppid, context,
 * timetolive, tsn, cumtsn, assoc_id — 32 bytes. */
static void
add_sndrcv (Control *c, guint16 stream, guint32 ppid, gint32 assoc_id)
{
  guint8 *p = add_cmsg (c, IPPROTO_SCTP, CMSG_SCTP_SNDRCV, 32);
  gsize o = 0;
  guint16 ssn = 5, flags = 0, pad = 0;
  guint32 ppid_net = g_htonl (ppid), context = 0, ttl = 0, tsn = 1, cumtsn = 0;

  put (p, &o, &stream, 2);
  put (p, &o, &ssn, 2);
  put (p, &o, &flags, 2);
  put (p, &o, &pad, 2);
  put (p, &o, &ppid_net, 4);
  put (p, &o, &context, 4);
  put (p, &o, &ttl, 4);
  put (p, &o, &tsn, 4);
  put (p, &o, &cumtsn, 4);
  put (p, &o, &assoc_id, 4);
}

static void
test_rcvinfo (void)
{
  Control c = { .size = 0 };
  GSctpRcvInfo info = { 0 };
  GSctpNxtInfo next;

  add_rcvinfo (&c, 3, 9, 1 /* SCTP_UNORDERED */, 46, 12);
  g_assert_true (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next));
  g_assert_cmpuint (info.stream, ==, 3);
  g_assert_cmpuint (info.ssn, ==, 9);
  g_assert_cmpuint (info.ppid, ==, 46);
  g_assert_cmpuint (info.tsn, ==, 1000);
  g_assert_cmpuint (info.cumulative_tsn, ==, 999);
  g_assert_cmpuint (info.context, ==, 77);
  g_assert_cmpint (info.assoc_id, ==, 12);
  g_assert_true (info.flags & GSCTP_RECEIVE_FLAGS_UNORDERED);
}

/* SCTP_RECVNXTINFO adds the next message's info after the message's own:
 * it is read as the next one's, not mistaken for this message's. */
static void
test_rcvinfo_then_nxtinfo (void)
{
  Control c = { .size = 0 };
  GSctpRcvInfo info = { 0 };
  GSctpNxtInfo next;
  guint8 *payload;

  add_rcvinfo (&c, 1, 0, 0, 7, 4);
  payload = add_cmsg (&c, IPPROTO_SCTP, CMSG_SCTP_NXTINFO, 16);
  memset (payload, 0xff, 16);
  g_assert_true (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next));
  g_assert_cmpuint (info.stream, ==, 1);
  g_assert_cmpuint (info.ppid, ==, 7);
  g_assert_cmpint (info.assoc_id, ==, 4);
}

/* The older SCTP_SNDRCV, behind another level's control message. */
static void
test_sndrcv (void)
{
  Control c = { .size = 0 };
  GSctpRcvInfo info = { 0 };
  GSctpNxtInfo next;

  memset (add_cmsg (&c, SOL_SOCKET, 1, 8), 0xaa, 8);
  add_sndrcv (&c, 2, 0x01020304, 99);
  g_assert_true (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next));
  g_assert_cmpuint (info.stream, ==, 2);
  g_assert_cmpuint (info.ssn, ==, 5);
  g_assert_cmpuint (info.ppid, ==, 0x01020304);
  g_assert_cmpint (info.assoc_id, ==, 99);
}

/* struct sctp_nxtinfo: sid, flags, ppid, length, assoc_id — 16 bytes,
 * after the receive info. */
static void
test_nxtinfo (void)
{
  Control c = { .size = 0 };
  GSctpRcvInfo info = { 0 };
  GSctpNxtInfo next = { 0 };
  guint8 *p;
  gsize o = 0;
  guint16 sid = 7, flags = 1 /* SCTP_UNORDERED */ | 0x8000 /* SCTP_NOTIFICATION */;
  guint32 ppid_net = g_htonl (0xCAFE), length = 1400;
  gint32 assoc_id = 12;

  add_rcvinfo (&c, 3, 9, 0, 46, 12);
  p = add_cmsg (&c, IPPROTO_SCTP, CMSG_SCTP_NXTINFO, 16);
  put (p, &o, &sid, 2);
  put (p, &o, &flags, 2);
  put (p, &o, &ppid_net, 4);
  put (p, &o, &length, 4);
  put (p, &o, &assoc_id, 4);
  g_assert_cmpint (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next), ==,
                   GSCTP_RECV_HAVE_INFO | GSCTP_RECV_HAVE_NEXT);
  g_assert_cmpuint (info.stream, ==, 3);
  g_assert_cmpuint (next.stream, ==, 7);
  g_assert_cmpuint (next.flags, ==, GSCTP_RECEIVE_FLAGS_UNORDERED);
  g_assert_true (next.is_event);
  g_assert_cmpuint (next.ppid, ==, 0xCAFE);
  g_assert_cmpuint (next.length, ==, 1400);
  g_assert_cmpint (next.assoc_id, ==, 12);

  /* Cut short: not read. */
  g_assert_cmpint (gsctp_kernel_parse_receive_info (c.bytes, c.size - 4, &info, &next), ==,
                   GSCTP_RECV_HAVE_INFO);
}

/* Control data the size of one SCTP_RCVINFO (what nearly every message
 * brings, read the quick way) that is something else: another level,
 * another type, a length that does not fit its struct. */
static void
test_rcvinfo_lookalikes (void)
{
  GSctpRcvInfo info = { .stream = 42 };
  GSctpNxtInfo next = { .stream = 43 };
  Control c = { .size = 0 };
  struct cmsghdr header;

  add_cmsg (&c, SOL_SOCKET, CMSG_SCTP_RCVINFO, 28);
  g_assert_cmpint (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next), ==, 0);
  g_assert_cmpuint (info.stream, ==, 42);

  c.size = 0;
  add_cmsg (&c, IPPROTO_SCTP, CMSG_SCTP_NXTINFO, 28)[0] = 5;
  g_assert_cmpint (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next), ==,
                   GSCTP_RECV_HAVE_NEXT);
  g_assert_cmpuint (info.stream, ==, 42);
  g_assert_cmpuint (next.stream, ==, 5);

  c.size = 0;
  add_rcvinfo (&c, 3, 9, 0, 46, 12);
  memcpy (&header, c.bytes, sizeof header);
  header.cmsg_len = CMSG_LEN (16);
  memcpy (c.bytes, &header, sizeof header);
  g_assert_cmpint (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next), ==, 0);
  g_assert_cmpuint (info.stream, ==, 42);
}

static void
test_none (void)
{
  Control c = { .size = 0 };
  GSctpRcvInfo info = { .stream = 42 };
  GSctpNxtInfo next;

  g_assert_false (gsctp_kernel_parse_receive_info (c.bytes, 0, &info, &next));
  add_cmsg (&c, IPPROTO_SCTP, CMSG_SCTP_NXTINFO, 16);
  /* The next message's info alone: no receive info found, none written. */
  g_assert_cmpint (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next), ==,
                   GSCTP_RECV_HAVE_NEXT);
  g_assert_cmpuint (info.stream, ==, 42);
}

/* A receive info cut short, or a header claiming more than there is, is not
 * read. */
static void
test_truncated (void)
{
  Control c = { .size = 0 };
  GSctpRcvInfo info = { 0 };
  GSctpNxtInfo next;
  struct cmsghdr header;

  add_rcvinfo (&c, 1, 0, 0, 7, 4);
  for (gsize size = 0; size < CMSG_LEN (28); size++)
    g_assert_false (gsctp_kernel_parse_receive_info (c.bytes, size, &info, &next));

  /* The header says 28 bytes of payload follow; it claims too little. */
  memcpy (&header, c.bytes, sizeof header);
  header.cmsg_len = CMSG_LEN (20);
  memcpy (c.bytes, &header, sizeof header);
  g_assert_false (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next));

  /* A length past the end, and one shorter than a header. */
  header.cmsg_len = c.size + 1;
  memcpy (c.bytes, &header, sizeof header);
  g_assert_false (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next));
  header.cmsg_len = 3;
  memcpy (c.bytes, &header, sizeof header);
  g_assert_false (gsctp_kernel_parse_receive_info (c.bytes, c.size, &info, &next));
}

/* Random bytes of every length: never a read past the end (checked under
 * the sanitizers and valgrind) and no crash. */
static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (6458);

  for (guint round = 0; round < 20000; round++)
    {
      gsize size = g_rand_int_range (rand, 0, 160);
      g_autofree guint8 *bytes = g_malloc (size + 1);
      GSctpRcvInfo info;
      GSctpNxtInfo next;

      for (gsize i = 0; i < size; i++)
        bytes[i] = g_rand_int (rand);
      /* Plausible headers now and then, so that the parser gets past them. */
      if (size >= sizeof (struct cmsghdr) && round % 2 == 0)
        {
          struct cmsghdr header = { .cmsg_len = g_rand_int_range (rand, 0, size + 8),
                                    .cmsg_level = IPPROTO_SCTP,
                                    .cmsg_type = g_rand_int_range (rand, 0, 6) };

          memcpy (bytes, &header, sizeof header);
        }
      gsctp_kernel_parse_receive_info (bytes, size, &info, &next);
    }
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/receive-info/rcvinfo", test_rcvinfo);
  g_test_add_func ("/receive-info/nxtinfo", test_nxtinfo);
  g_test_add_func ("/receive-info/rcvinfo-then-nxtinfo", test_rcvinfo_then_nxtinfo);
  g_test_add_func ("/receive-info/sndrcv", test_sndrcv);
  g_test_add_func ("/receive-info/rcvinfo-lookalikes", test_rcvinfo_lookalikes);
  g_test_add_func ("/receive-info/none", test_none);
  g_test_add_func ("/receive-info/truncated", test_truncated);
  g_test_add_func ("/receive-info/random-bytes", test_random_bytes);
  return g_test_run ();
}
