/* decode.c: the kernel glue's notification decoder, on byte buffers
 *
 * The buffers are laid out by hand as the kernel lays them out (RFC 6458
 * structs, host byte order), so that a decoder reading a wrong offset or
 * trusting a length it should not fails here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gsctp-kernel.h"

#define SN_ASSOC_CHANGE 0x8001
#define SN_SHUTDOWN_EVENT 0x8005
#define ASSOC_CHANGE_SIZE 20

static gsize
put16 (guint8 *buffer, gsize offset, guint16 value)
{
  memcpy (buffer + offset, &value, sizeof value);
  return offset + sizeof value;
}

static gsize
put32 (guint8 *buffer, gsize offset, guint32 value)
{
  memcpy (buffer + offset, &value, sizeof value);
  return offset + sizeof value;
}

static gsize
make_assoc_change (guint8 *buffer, guint32 length, guint16 state, guint16 error,
                   guint16 outbound, guint16 inbound, gint32 assoc_id)
{
  gsize o = 0;

  o = put16 (buffer, o, SN_ASSOC_CHANGE);
  o = put16 (buffer, o, 0);
  o = put32 (buffer, o, length);
  o = put16 (buffer, o, state);
  o = put16 (buffer, o, g_htons (error));   /* as on the wire */
  o = put16 (buffer, o, outbound);
  o = put16 (buffer, o, inbound);
  o = put32 (buffer, o, (guint32) assoc_id);
  return o;
}

static void
test_assoc_change (void)
{
  guint8 buffer[64] = { 0 };
  GSctpNotification n;
  g_autoptr(GError) error = NULL;
  gsize size = make_assoc_change (buffer, ASSOC_CHANGE_SIZE, 0, 0, 5, 10, 42);

  g_assert_cmpuint (size, ==, ASSOC_CHANGE_SIZE);
  g_assert_true (gsctp_kernel_decode_notification (buffer, size, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n.type, ==, GSCTP_NOTIFICATION_ASSOC_CHANGE);
  g_assert_cmpint (n.assoc_change.state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_cmpuint (n.assoc_change.outbound_streams, ==, 5);
  g_assert_cmpuint (n.assoc_change.inbound_streams, ==, 10);
  g_assert_cmpint (n.assoc_change.assoc_id, ==, 42);

  /* Every state, and the error cause that goes with it. */
  make_assoc_change (buffer, ASSOC_CHANGE_SIZE, 4, 12, 0, 0, 7);
  g_assert_true (gsctp_kernel_decode_notification (buffer, size, &n, &error));
  g_assert_cmpint (n.assoc_change.state, ==, GSCTP_ASSOC_STATE_CANT_ASSOC);
  g_assert_cmpuint (n.assoc_change.error, ==, 12);
  for (guint16 state = 1; state <= 3; state++)
    {
      make_assoc_change (buffer, ASSOC_CHANGE_SIZE, state, 0, 1, 1, 7);
      g_assert_true (gsctp_kernel_decode_notification (buffer, size, &n, &error));
      g_assert_cmpint (n.assoc_change.state, ==, state == 1 ? GSCTP_ASSOC_STATE_COMM_LOST
                                                 : state == 2 ? GSCTP_ASSOC_STATE_RESTART
                                                 : GSCTP_ASSOC_STATE_SHUTDOWN_COMP);
    }

  /* Trailing ABORT chunk bytes (sac_info) are allowed. */
  make_assoc_change (buffer, ASSOC_CHANGE_SIZE + 8, 1, 0, 1, 1, 7);
  g_assert_true (gsctp_kernel_decode_notification (buffer, ASSOC_CHANGE_SIZE + 8, &n, &error));
  g_assert_no_error (error);
}

static void
test_truncated (void)
{
  guint8 buffer[64] = { 0 };
  GSctpNotification n;

  make_assoc_change (buffer, ASSOC_CHANGE_SIZE, 0, 0, 5, 10, 42);
  /* Every length shorter than the struct is refused, down to nothing. */
  for (gsize size = 0; size < ASSOC_CHANGE_SIZE; size++)
    {
      g_autoptr(GError) error = NULL;

      put32 (buffer, 4, MIN (size, ASSOC_CHANGE_SIZE));
      g_assert_false (gsctp_kernel_decode_notification (buffer, size, &n, &error));
      g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
    }
}

static void
test_lying_length (void)
{
  guint8 buffer[64] = { 0 };
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  /* The header claims more than was received. */
  make_assoc_change (buffer, 4096, 0, 0, 5, 10, 42);
  g_assert_false (gsctp_kernel_decode_notification (buffer, ASSOC_CHANGE_SIZE, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* The header claims less than its own size. */
  make_assoc_change (buffer, 4, 0, 0, 5, 10, 42);
  g_assert_false (gsctp_kernel_decode_notification (buffer, ASSOC_CHANGE_SIZE, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* The header claims less than an association change. */
  make_assoc_change (buffer, 12, 0, 0, 5, 10, 42);
  g_assert_false (gsctp_kernel_decode_notification (buffer, ASSOC_CHANGE_SIZE, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
}

static void
test_unknown_state (void)
{
  guint8 buffer[64] = { 0 };
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  make_assoc_change (buffer, ASSOC_CHANGE_SIZE, 99, 0, 5, 10, 42);
  g_assert_false (gsctp_kernel_decode_notification (buffer, ASSOC_CHANGE_SIZE, &n, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL);
}

static void
test_other_types (void)
{
  guint8 buffer[12] = { 0 };
  GSctpNotification n;
  g_autoptr(GError) error = NULL;

  put16 (buffer, 0, SN_SHUTDOWN_EVENT);
  put32 (buffer, 4, sizeof buffer);
  g_assert_true (gsctp_kernel_decode_notification (buffer, sizeof buffer, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n.type, ==, GSCTP_NOTIFICATION_OTHER);
  g_assert_cmpuint (n.kernel_type, ==, SN_SHUTDOWN_EVENT);
}

/* Random bytes never crash the decoder, and never decode with a length
 * beyond what was given. */
static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (4960);
  guint8 buffer[64];

  for (guint round = 0; round < 100000; round++)
    {
      gsize size = g_rand_int_range (rand, 0, sizeof buffer + 1);
      GSctpNotification n;
      GError *error = NULL;

      for (gsize i = 0; i < sizeof buffer; i++)
        buffer[i] = g_rand_int (rand);
      if (round % 2)
        put16 (buffer, 0, SN_ASSOC_CHANGE);
      if (gsctp_kernel_decode_notification (buffer, size, &n, &error))
        {
          guint32 length;

          memcpy (&length, buffer + 4, sizeof length);
          g_assert_cmpuint (length, <=, size);
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
  g_test_add_func ("/decode/truncated", test_truncated);
  g_test_add_func ("/decode/lying-length", test_lying_length);
  g_test_add_func ("/decode/unknown-state", test_unknown_state);
  g_test_add_func ("/decode/other-types", test_other_types);
  g_test_add_func ("/decode/random-bytes", test_random_bytes);
  return g_test_run ();
}
