/* gsctp-message.c: send info, receive info and received messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-message-private.h"

G_DEFINE_BOXED_TYPE (GSctpSndInfo, gsctp_snd_info, gsctp_snd_info_copy, gsctp_snd_info_free)
G_DEFINE_BOXED_TYPE (GSctpRcvInfo, gsctp_rcv_info, gsctp_rcv_info_copy, gsctp_rcv_info_free)
G_DEFINE_BOXED_TYPE (GSctpMessage, gsctp_message, gsctp_message_ref, gsctp_message_unref)

/**
 * gsctp_snd_info_new:
 * @assoc_id: the association to send on (ignored on one-to-one sockets)
 * @stream: the stream to send on
 * @ppid: the payload protocol identifier, in host byte order
 *
 * Makes send info with no flags, no context and no time-to-live.
 *
 * Returns: (transfer full): a new #GSctpSndInfo
 */
GSctpSndInfo *
gsctp_snd_info_new (GSctpAssocId assoc_id,
                    guint16 stream,
                    guint32 ppid)
{
  GSctpSndInfo *info = g_new0 (GSctpSndInfo, 1);

  info->assoc_id = assoc_id;
  info->stream = stream;
  info->ppid = ppid;
  return info;
}

/**
 * gsctp_snd_info_copy:
 * @info: a #GSctpSndInfo
 *
 * Returns: (transfer full): a copy of @info
 */
GSctpSndInfo *
gsctp_snd_info_copy (const GSctpSndInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return g_memdup2 (info, sizeof *info);
}

/**
 * gsctp_snd_info_free:
 * @info: (transfer full): a #GSctpSndInfo
 *
 * Frees @info.
 */
void
gsctp_snd_info_free (GSctpSndInfo *info)
{
  g_free (info);
}

/**
 * gsctp_rcv_info_copy:
 * @info: a #GSctpRcvInfo
 *
 * Returns: (transfer full): a copy of @info
 */
GSctpRcvInfo *
gsctp_rcv_info_copy (const GSctpRcvInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return g_memdup2 (info, sizeof *info);
}

/**
 * gsctp_rcv_info_free:
 * @info: (transfer full): a #GSctpRcvInfo
 *
 * Frees @info.
 */
void
gsctp_rcv_info_free (GSctpRcvInfo *info)
{
  g_free (info);
}

/**
 * GSctpMessage:
 *
 * One whole message received on a [class@Gsctp.Socket]: its data, the peer
 * address it came from and its [struct@Gsctp.RcvInfo] (stream, PPID,
 * association…), gen_sctp's `{FromIP, FromPort, AncData, Data}`.
 *
 * A message is immutable and reference counted.
 */
struct _GSctpMessage {
  gatomicrefcount ref_count;
  GBytes *data;
  GSocketAddress *address;
  GSctpRcvInfo info;
};

GSctpMessage *
gsctp_message_new (GBytes *data,
                   GSocketAddress *address,
                   const GSctpRcvInfo *info)
{
  GSctpMessage *message = g_new0 (GSctpMessage, 1);

  g_atomic_ref_count_init (&message->ref_count);
  message->data = data;
  message->address = address;
  message->info = *info;
  return message;
}

/**
 * gsctp_message_ref:
 * @message: a #GSctpMessage
 *
 * Returns: (transfer full): @message, with one more reference
 */
GSctpMessage *
gsctp_message_ref (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  g_atomic_ref_count_inc (&message->ref_count);
  return message;
}

/**
 * gsctp_message_unref:
 * @message: (transfer full): a #GSctpMessage
 *
 * Drops a reference to @message, freeing it with the last one.
 */
void
gsctp_message_unref (GSctpMessage *message)
{
  g_return_if_fail (message != NULL);
  if (!g_atomic_ref_count_dec (&message->ref_count))
    return;
  g_bytes_unref (message->data);
  g_clear_object (&message->address);
  g_free (message);
}

/**
 * gsctp_message_get_data:
 * @message: a #GSctpMessage
 *
 * Returns: (transfer none): the whole message, as sent
 */
GBytes *
gsctp_message_get_data (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->data;
}

/**
 * gsctp_message_get_address:
 * @message: a #GSctpMessage
 *
 * Returns: (transfer none) (nullable): the peer address the message came
 *   from, or %NULL if the kernel did not say
 */
GSocketAddress *
gsctp_message_get_address (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->address;
}

/**
 * gsctp_message_get_info:
 * @message: a #GSctpMessage
 *
 * Returns: (transfer none): what the kernel told about the message
 */
const GSctpRcvInfo *
gsctp_message_get_info (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return &message->info;
}

/**
 * gsctp_message_get_stream:
 * @message: a #GSctpMessage
 *
 * Returns: the stream the message arrived on
 */
guint16
gsctp_message_get_stream (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);
  return message->info.stream;
}

/**
 * gsctp_message_get_ppid:
 * @message: a #GSctpMessage
 *
 * Returns: the payload protocol identifier, in host byte order
 */
guint32
gsctp_message_get_ppid (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);
  return message->info.ppid;
}

/**
 * gsctp_message_get_assoc_id:
 * @message: a #GSctpMessage
 *
 * Returns: the association the message arrived on
 */
GSctpAssocId
gsctp_message_get_assoc_id (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);
  return message->info.assoc_id;
}
