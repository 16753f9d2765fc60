/* fuzz-decode.c: libFuzzer target for the notification decoder
 *
 * Each input is handed to the decoder exactly as long as it is (a copy of
 * that size, so that a read past it is caught by AddressSanitizer).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gsctp-events-private.h"
#include "gsctp-kernel.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autofree guint8 *exact = g_memdup2 (data, size);
  GSctpNotification notification;
  GError *error = NULL;

  if (gsctp_kernel_decode_notification (exact, size, &notification, &error))
    {
      if (notification.event != NULL)
        g_boxed_free (gsctp_event_boxed_type (notification.type), notification.event);
    }
  else
    {
      g_assert (error != NULL && error->domain == GSCTP_ERROR);
      g_assert (notification.event == NULL);
      g_error_free (error);
    }
  return 0;
}
