/* fuzz-receive-info.c: libFuzzer target for the receive-info parser, the
 * reader of a recvmsg()'s control data
 *
 * Each input is handed to the parser exactly as long as it is (a copy of
 * that size, so that a read past it is caught by AddressSanitizer).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gsctp-kernel.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autofree guint8 *exact = g_memdup2 (data, size);
  GSctpRcvInfo info = { .stream = 0xabcd };
  GSctpNxtInfo next = { .stream = 0xabcd };
  GSctpRecvFlags found = gsctp_kernel_parse_receive_info (exact, size, &info, &next);

  /* Nothing written unless it was found. */
  if (!(found & GSCTP_RECV_HAVE_INFO))
    g_assert (info.stream == 0xabcd);
  if (!(found & GSCTP_RECV_HAVE_NEXT))
    g_assert (next.stream == 0xabcd);
  return 0;
}
