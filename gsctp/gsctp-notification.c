/* gsctp-notification.c: what every stack's notification bytes share
 *
 * RFC 6458 frames each notification the same way, whatever the stack: a
 * type, flags and a length, then the type's struct. The backends' decoders
 * give a table of their types (their constants differ); the framing, and
 * each length checked against what was received before a field is read,
 * are here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-backend.h"

gboolean
gsctp_notification_check_size (gsize size,
                               gsize needed,
                               const char *what,
                               GError **error)
{
  if (size >= needed)
    return TRUE;
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
               "%s notification of %" G_GSIZE_FORMAT " bytes, expected at least %" G_GSIZE_FORMAT,
               what, size, needed);
  return FALSE;
}

/* Each decoder is handed the bytes the notification's own length covers,
 * already checked against what was received, and checks that its struct
 * fits before reading it. A type not in @kinds (a newer stack's) is no
 * error: no event. */
gboolean
gsctp_notification_decode (const GSctpNotificationKind *kinds,
                           gsize n_kinds,
                           const guint8 *buffer,
                           gsize size,
                           GSctpNotification *notification,
                           GError **error)
{
  struct { guint16 type; guint16 flags; guint32 length; } header;

  notification->type = GSCTP_EVENT_TYPE_NONE;
  notification->event = NULL;
  if (size < sizeof header)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
                   "Notification of %" G_GSIZE_FORMAT " bytes is shorter than its header", size);
      return FALSE;
    }
  memcpy (&header, buffer, sizeof header);
  if (header.length < sizeof header || header.length > size)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PROTOCOL,
                   "Notification claims %u bytes but %" G_GSIZE_FORMAT " were received",
                   header.length, size);
      return FALSE;
    }
  for (gsize i = 0; i < n_kinds; i++)
    if (kinds[i].stack_type == header.type)
      {
        notification->event = kinds[i].decode (buffer, header.length, error);
        if (notification->event == NULL)
          return FALSE;
        notification->type = kinds[i].type;
        return TRUE;
      }
  return TRUE;
}
