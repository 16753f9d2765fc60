/* gsctp-send.c: GSctpSocket's blocking sends: one message, several in
 * few system calls, and on a stream with the association's defaults
 *
 * A full send buffer makes them wait for the endpoint to become writable,
 * never spin. Async sends a burst holds (gsctp-send-queue.c) go first.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-socket-private.h"

static gssize
try_send (GSctpSocket *self,
          const GSctpSndInfo *info,
          GSocketAddress *address,
          const void *data,
          gsize size,
          GError **error)
{
  GSctpSndInfo resolved;
  gssize sent;

  if (address != NULL && !gsctp_check_families (self->family, &address, 1, error))
    return -1;
  /* Data only: an abort or a shutdown has no policy. */
  if (size > 0)
    info = gsctp_send_resolve_pr (self, info, &resolved);
  sent = gsctp_send_counted (self, info, address, data, size, error);
  if (sent == -1)
    gsctp_send_explain_error (self, info, error);
  return sent;
}

/* A message of flags only: abort or shutdown of an association. */
gboolean
gsctp_send_control (GSctpSocket *self,
                    GSctpAssocId assoc_id,
                    GSctpSendFlags flags,
                    GError **error)
{
  GSctpSndInfo info = { .assoc_id = assoc_id, .flags = flags };
  gssize sent = try_send (self, &info, NULL, NULL, 0, error);

  if (sent == GSCTP_WOULD_BLOCK)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                         "The send buffer is full; try again when it drains");
  return sent >= 0;
}

/**
 * gsctp_socket_send:
 * @self: a #GSctpSocket
 * @info: stream, flags, PPID, context, time-to-live and association
 * @address: (nullable): a peer address: with %GSCTP_SEND_FLAGS_ADDR_OVER,
 *   the path to send on; on a one-to-many socket without an association,
 *   the peer to set one up with implicitly
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends one message (`sendmsg()` with RFC 6458's `SCTP_SNDINFO`), as
 * gen_sctp's `send/3`. The message is sent whole or not at all. When the
 * send buffer is full, waits until it has room, without spinning.
 *
 * A stream at or above the association's outbound streams fails with
 * %GSCTP_ERROR_INVALID_STREAM; an association that is gone with
 * %GSCTP_ERROR_NO_ASSOCIATION; an empty message (SCTP has none) with
 * %G_IO_ERROR_INVALID_ARGUMENT.
 *
 * Returns: %TRUE if the message was handed to the kernel
 */
gboolean
gsctp_socket_send (GSctpSocket *self,
                   const GSctpSndInfo *info,
                   GSocketAddress *address,
                   GBytes *data,
                   GCancellable *cancellable,
                   GError **error)
{
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (address == NULL || G_IS_SOCKET_ADDRESS (address), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_bytes_get_data (data, &size);
  if (!gsctp_send_check_not_empty (size, info, error))
    return FALSE;
  gsctp_send_flush_held (self);
  for (;;)
    {
      gboolean ready;
      gssize sent;

      if ((cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
          !gsctp_socket_check_open (self, error))
        return FALSE;
      sent = try_send (self, info, address, bytes, size, error);
      if (sent >= 0)
        return TRUE;
      if (sent != GSCTP_WOULD_BLOCK)
        return FALSE;
      g_mutex_lock (&self->lock);
      ready = gsctp_wait_unlocked_for (self, G_IO_OUT, -1, cancellable, error);
      g_mutex_unlock (&self->lock);
      if (!ready)
        return FALSE;
    }
}

/* Sends what it can of @messages from @first on, in one system call where
 * the backend batches: how many went, GSCTP_WOULD_BLOCK or -1. */
static gssize
try_send_many (GSctpSocket *self,
               const GSctpSndInfo *info,
               GSocketAddress *address,
               GBytes * const *messages,
               guint first,
               guint n_messages,
               GError **error)
{
  GSctpSendItem items[GSCTP_SEND_BATCH];
  guint n = MIN (n_messages - first, GSCTP_SEND_BATCH);
  gssize sent;

  if (n == 1 || self->endpoint->backend->send_batch == NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (messages[first], &size);

      sent = self->endpoint->backend->send (self->endpoint, info, address, data, size, error);
      return sent >= 0 ? 1 : sent;
    }
  for (guint i = 0; i < n; i++)
    {
      items[i].info = info;
      items[i].address = address;
      items[i].data = g_bytes_get_data (messages[first + i], &items[i].size);
    }
  return self->endpoint->backend->send_batch (self->endpoint, items, n, error);
}

/**
 * gsctp_socket_send_many:
 * @self: a #GSctpSocket
 * @info: the send info of every message
 * @address: (nullable): where to send them (one-to-many sockets; %NULL to
 *   use @info's association)
 * @messages: (array length=n_messages): the messages, each whole
 * @n_messages: how many
 * @n_sent: (out) (optional): how many were handed to the kernel, also on
 *   error
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends several messages with the same send info, in order, as
 * [method@Gsctp.Socket.send] would one by one, but with as few system
 * calls as the stack allows: on kernel SCTP, one `sendmmsg()` for up to
 * 16 of them. This is the way to stream many small messages; for a send
 * info of each message's own, call [method@Gsctp.Socket.send] for each.
 * When the send buffer is full, waits until it has room, without
 * spinning.
 *
 * On error, the messages before the one that failed were sent
 * (@n_sent says how many), and those after it were not.
 *
 * Returns: %TRUE if every message was handed to the kernel
 */
gboolean
gsctp_socket_send_many (GSctpSocket *self,
                        const GSctpSndInfo *info,
                        GSocketAddress *address,
                        GBytes * const *messages,
                        guint n_messages,
                        guint *n_sent,
                        GCancellable *cancellable,
                        GError **error)
{
  GSctpSndInfo resolved;
  guint done = 0;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (messages != NULL || n_messages == 0, FALSE);
  g_return_val_if_fail (address == NULL || G_IS_SOCKET_ADDRESS (address), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_sent != NULL)
    *n_sent = 0;
  for (guint i = 0; i < n_messages; i++)
    {
      g_return_val_if_fail (messages[i] != NULL, FALSE);
      if (!gsctp_send_check_not_empty (g_bytes_get_size (messages[i]), info, error))
        return FALSE;
    }
  if (address != NULL && !gsctp_check_families (self->family, &address, 1, error))
    return FALSE;
  info = gsctp_send_resolve_pr (self, info, &resolved);
  gsctp_send_flush_held (self);
  while (done < n_messages)
    {
      gboolean ready;
      gssize sent;

      if ((cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
          !gsctp_socket_check_open (self, error))
        break;
      sent = try_send_many (self, info, address, messages, done, n_messages, error);
      if (sent > 0)
        {
          for (gssize i = 0; i < sent; i++)
            gsctp_counter_add (&self->sent, g_bytes_get_size (messages[done + i]));
          done += sent;
          continue;
        }
      if (sent != GSCTP_WOULD_BLOCK)
        {
          gsctp_send_explain_error (self, info, error);
          break;
        }
      g_mutex_lock (&self->lock);
      ready = gsctp_wait_unlocked_for (self, G_IO_OUT, -1, cancellable, error);
      g_mutex_unlock (&self->lock);
      if (!ready)
        break;
    }
  if (n_sent != NULL)
    *n_sent = done;
  return done == n_messages;
}

/* Associations whose defaults are kept, at most: a server whose
 * associations come and go starts over past it. */
#define MAX_SEND_DEFAULTS 1024

/* Called without the lock, as gsctp sets default send infos: those that
 * send_to_stream() kept are forgotten. */
void
gsctp_send_forget_defaults (GSctpSocket *self)
{
  g_mutex_lock (&self->lock);
  self->send_defaults_generation++;
  if (self->send_defaults != NULL)
    g_hash_table_remove_all (self->send_defaults);
  g_mutex_unlock (&self->lock);
}

/* @assoc_id's default send info in @info: kept from an earlier read, or
 * read now (a system call on the kernel) and kept. Zeros when the stack
 * cannot say (no such association): the send then fails as it should. */
static void
default_send_info (GSctpSocket *self,
                   GSctpAssocId assoc_id,
                   GSctpSndInfo *info)
{
  gpointer key = GINT_TO_POINTER (self->type == GSCTP_SOCKET_TYPE_STREAM ? 0 : assoc_id);
  g_autoptr(GSctpSndInfo) read = NULL;
  const GSctpSndInfo *kept;
  guint generation;

  g_mutex_lock (&self->lock);
  kept = self->send_defaults != NULL ? g_hash_table_lookup (self->send_defaults, key) : NULL;
  if (kept != NULL)
    *info = *kept;
  generation = self->send_defaults_generation;
  g_mutex_unlock (&self->lock);
  if (kept != NULL)
    return;

  read = gsctp_socket_get_default_send_param (self, assoc_id, NULL);
  if (read == NULL)
    {
      memset (info, 0, sizeof *info);
      return;
    }
  *info = *read;
  g_mutex_lock (&self->lock);
  /* Not if gsctp set defaults meanwhile: what was read may be older. */
  if (generation == self->send_defaults_generation)
    {
      if (self->send_defaults == NULL)
        self->send_defaults = g_hash_table_new_full (NULL, NULL, NULL,
                                                     (GDestroyNotify) gsctp_snd_info_free);
      if (g_hash_table_size (self->send_defaults) >= MAX_SEND_DEFAULTS)
        g_hash_table_remove_all (self->send_defaults);
      g_hash_table_replace (self->send_defaults, key, g_steal_pointer (&read));
    }
  g_mutex_unlock (&self->lock);
}

/**
 * gsctp_socket_send_to_stream:
 * @self: a #GSctpSocket
 * @assoc_id: the association (ignored on one-to-one sockets)
 * @stream: the stream
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends one message on a stream with the association's default PPID,
 * flags, context and time-to-live
 * ([method@Gsctp.Socket.set_default_send_param]), as gen_sctp's `send/4`.
 * The defaults are read from the stack once per association and kept
 * until gsctp sets any (with that method or by name, as
 * `sctp_default_send_param`); a change made on the descriptor outside
 * gsctp (through [method@Gsctp.Socket.dup_gsocket]) is not seen.
 *
 * Returns: %TRUE if the message was handed to the kernel
 */
gboolean
gsctp_socket_send_to_stream (GSctpSocket *self,
                             GSctpAssocId assoc_id,
                             guint16 stream,
                             GBytes *data,
                             GCancellable *cancellable,
                             GError **error)
{
  GSctpSndInfo info;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);

  default_send_info (self, assoc_id, &info);
  info.assoc_id = assoc_id;
  info.stream = stream;
  return gsctp_socket_send (self, &info, NULL, data, cancellable, error);
}
