/* version.c: the version macros say the version meson built
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gsctp/gsctp.h>

static void
test_version (void)
{
  g_autofree char *joined = g_strdup_printf ("%d.%d.%d", GSCTP_MAJOR_VERSION, GSCTP_MINOR_VERSION,
                                             GSCTP_MICRO_VERSION);

  g_assert_cmpstr (GSCTP_VERSION_S, ==, EXPECTED_VERSION);
  g_assert_cmpstr (joined, ==, EXPECTED_VERSION);
  g_assert_true (GSCTP_CHECK_VERSION (GSCTP_MAJOR_VERSION, GSCTP_MINOR_VERSION, GSCTP_MICRO_VERSION));
  g_assert_true (GSCTP_CHECK_VERSION (0, 0, 0));
  g_assert_false (GSCTP_CHECK_VERSION (GSCTP_MAJOR_VERSION, GSCTP_MINOR_VERSION + 1, 0));
  g_assert_false (GSCTP_CHECK_VERSION (GSCTP_MAJOR_VERSION + 1, 0, 0));
  g_assert_false (GSCTP_CHECK_VERSION (GSCTP_MAJOR_VERSION, GSCTP_MINOR_VERSION, GSCTP_MICRO_VERSION + 1));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/version/macros", test_version);
  return g_test_run ();
}
