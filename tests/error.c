/* error.c: the error domain and SCTP error-cause names
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gsctp/gsctp.h>

static void
test_error_string (void)
{
  g_assert_cmpstr (gsctp_cause_string (0), ==, "No error");
  g_assert_cmpstr (gsctp_cause_string (1), ==, "Invalid Stream Identifier");
  g_assert_cmpstr (gsctp_cause_string (12), ==, "User-Initiated Abort");
  g_assert_cmpstr (gsctp_cause_string (13), ==, "Protocol Violation");
  g_assert_cmpstr (gsctp_cause_string (0x00A0), ==, "Request to Delete Last Remaining IP Address");
  g_assert_cmpstr (gsctp_cause_string (0x0105), ==, "Unsupported HMAC Identifier");
  g_assert_null (gsctp_cause_string (14));
  g_assert_null (gsctp_cause_string (0xFFFF));
}

static void
test_error_domain (void)
{
  g_autoptr(GEnumClass) codes = g_type_class_ref (GSCTP_TYPE_ERROR);

  g_assert_cmpstr (g_quark_to_string (GSCTP_ERROR), ==, "gsctp-error-quark");
  g_assert_nonnull (g_enum_get_value (codes, GSCTP_ERROR_NOT_SUPPORTED));
  g_assert_nonnull (g_enum_get_value (codes, GSCTP_ERROR_INVALID_STREAM));
}

/* The old name still answers, for programs written against it. */
static void
test_old_name (void)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpstr (gsctp_error_string (12), ==, gsctp_cause_string (12));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/error/string", test_error_string);
  g_test_add_func ("/error/old-name", test_old_name);
  g_test_add_func ("/error/domain", test_error_domain);
  return g_test_run ();
}
