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

  /* Nothing written unless something was found. */
  if (!gsctp_kernel_parse_receive_info (exact, size, &info))
    g_assert (info.stream == 0xabcd);
  return 0;
}
