/* gsctp-error.c: the gsctp error domain and SCTP error-cause names
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-error.h"

/**
 * gsctp_error_quark:
 *
 * The error domain of gsctp, [error@Gsctp.Error].
 *
 * Returns: the quark of the domain
 */
G_DEFINE_QUARK (gsctp-error-quark, gsctp_error)

/**
 * gsctp_cause_string:
 * @cause: an SCTP error-cause code, as carried in an ERROR or ABORT chunk
 *   and in the `error` field of events
 *
 * Names an SCTP error cause, as gen_sctp's `error_string/1` does. (Not a
 * [error@Gsctp.Error] code: those have their messages in their #GError.)
 *
 * The codes are those of RFC 9260 section 3.3.10, RFC 5061 (dynamic address
 * reconfiguration) and RFC 4895 (authenticated chunks). Code 0 is
 * “No error”.
 *
 * Returns: (nullable): a static English description of @cause, or %NULL
 *   when the code is not a known error cause
 */
const char *
gsctp_cause_string (guint16 cause)
{
  switch (cause)
    {
    case 0: return "No error";
    case 1: return "Invalid Stream Identifier";
    case 2: return "Missing Mandatory Parameter";
    case 3: return "Stale Cookie Error";
    case 4: return "Out of Resource";
    case 5: return "Unresolvable Address";
    case 6: return "Unrecognized Chunk Type";
    case 7: return "Invalid Mandatory Parameter";
    case 8: return "Unrecognized Parameters";
    case 9: return "No User Data";
    case 10: return "Cookie Received While Shutting Down";
    case 11: return "Restart of an Association with New Addresses";
    case 12: return "User-Initiated Abort";
    case 13: return "Protocol Violation";
    case 0x00A0: return "Request to Delete Last Remaining IP Address";
    case 0x00A1: return "Operation Refused Due to Resource Shortage";
    case 0x00A2: return "Request to Delete Source IP Address";
    case 0x00A3: return "Association Aborted Due to Illegal ASCONF-ACK";
    case 0x00A4: return "Request Refused - No Authorization";
    case 0x0105: return "Unsupported HMAC Identifier";
    default: return NULL;
    }
}

/**
 * gsctp_error_string: (skip)
 * @cause: an SCTP error-cause code
 *
 * The old name of [func@Gsctp.cause_string], which names RFC error causes,
 * not [error@Gsctp.Error] codes.
 *
 * Returns: (nullable): a static English description of @cause, or %NULL
 *
 * Deprecated: Use [func@Gsctp.cause_string].
 */
const char *
gsctp_error_string (guint16 cause)
{
  return gsctp_cause_string (cause);
}
