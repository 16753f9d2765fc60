/* gsctp-send.c: GSctpSocket's sends, blocking and async, and the async
 * send queue with its watermarks
 *
 * Async sends wait in order behind each other; a full send buffer makes
 * them wait for the endpoint to become writable, never spin. Those made
 * in one dispatch of the socket's context after the first are held for
 * the end of it (gsctp-burst.c), to go in batches.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-burst.h"
#include "gsctp-socket-private.h"

/* A queued async send. Without a task it is one nobody waits for (no
 * callback, no cancellable): it costs no GTask. */
typedef struct
{
  GList link;                   /* in the queue; its data is the send */
  GTask *task;
  GSource *cancel_source;
  GSctpSndInfo info;
  GSocketAddress *address;
  GBytes *data;
  GError *error;
} SendData;

/* The kernel says EINVAL for many things; name the common one. */
static void
explain_send_error (GSctpSocket *self,
                    const GSctpSndInfo *info,
                    GError **error)
{
  const GSctpAssocChange *assoc = NULL;

  if (error == NULL || *error == NULL)
    return;

  g_mutex_lock (&self->lock);
  assoc = gsctp_associations_lookup (self, info->assoc_id);

  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) &&
      assoc != NULL && info->stream >= assoc->outbound_streams)
    {
      g_clear_error (error);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM,
                   "Stream %u is not below the %u outbound streams of association %d",
                   info->stream, assoc->outbound_streams, assoc->assoc_id);
    }
  /* A one-to-many socket says EPIPE when the association is gone, even
   * before the socket has read that it ended. */
  else if (self->type == GSCTP_SOCKET_TYPE_SEQPACKET &&
           (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
            (assoc == NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))))
    {
      g_clear_error (error);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                   "The socket has no association %d", info->assoc_id);
    }
  g_mutex_unlock (&self->lock);
}

/* The stacks take a message's policy from the message alone once it says
 * anything else (stream, PPID: Linux's SCTP_SNDINFO, usrsctp's spa), so
 * the socket's defaults are applied here. */
void
gsctp_send_set_default_pr (GSctpSocket *self,
                           const GSctpPrInfo *info)
{
  g_mutex_lock (&self->lock);
  if (self->pr_defaults == NULL)
    self->pr_defaults = g_array_new (FALSE, FALSE, sizeof (GSctpPrInfo));
  for (guint i = 0; i < self->pr_defaults->len; i++)
    if (g_array_index (self->pr_defaults, GSctpPrInfo, i).assoc_id == info->assoc_id)
      {
        g_array_remove_index_fast (self->pr_defaults, i);
        break;
      }
  g_array_append_vals (self->pr_defaults, info, 1);
  g_mutex_unlock (&self->lock);
}

/* @info with its policy resolved: its own, its time to live, or the
 * default of its association or of the socket; in @resolved if it had
 * none of its own. */
static const GSctpSndInfo *
resolve_pr (GSctpSocket *self,
            const GSctpSndInfo *info,
            GSctpSndInfo *resolved)
{
  const GSctpPrInfo *chosen = NULL;

  if (G_LIKELY (info->pr_policy != GSCTP_PR_POLICY_NONE))
    return info;
  if (info->time_to_live != 0)
    {
      *resolved = *info;
      resolved->pr_policy = GSCTP_PR_POLICY_TTL;
      resolved->pr_value = info->time_to_live;
      return resolved;
    }
  if (G_LIKELY (self->pr_defaults == NULL))
    return info;
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->pr_defaults->len; i++)
    {
      const GSctpPrInfo *pr = &g_array_index (self->pr_defaults, GSctpPrInfo, i);

      if (pr->assoc_id == info->assoc_id || (pr->assoc_id == 0 && chosen == NULL) ||
          self->type == GSCTP_SOCKET_TYPE_STREAM)
        chosen = pr;
    }
  if (chosen != NULL)
    {
      *resolved = *info;
      resolved->pr_policy = chosen->policy;
      resolved->pr_value = chosen->value;
    }
  g_mutex_unlock (&self->lock);
  return chosen != NULL ? resolved : info;
}

/* One message to the backend, counted when it went. */
static gssize
send_counted (GSctpSocket *self,
              const GSctpSndInfo *info,
              GSocketAddress *address,
              const void *data,
              gsize size,
              GError **error)
{
  gssize sent = self->endpoint->backend->send (self->endpoint, info, address, data, size, error);

  if (sent >= 0 && size > 0)
    gsctp_counter_add (&self->sent, size);
  return sent;
}

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
    info = resolve_pr (self, info, &resolved);
  sent = send_counted (self, info, address, data, size, error);
  if (sent == -1)
    explain_send_error (self, info, error);
  return sent;
}

/* The kernel says EINVAL for an empty message, which reads as a missing
 * association; only abort and shutdown are sent empty. */
static gboolean
check_not_empty (gsize size,
                 const GSctpSndInfo *info,
                 GError **error)
{
  if (size > 0 || (info->flags & (GSCTP_SEND_FLAGS_ABORT | GSCTP_SEND_FLAGS_EOF)))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "An SCTP message cannot be empty");
  return FALSE;
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
  if (!check_not_empty (size, info, error))
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
      if (!check_not_empty (g_bytes_get_size (messages[i]), info, error))
        return FALSE;
    }
  if (address != NULL && !gsctp_check_families (self->family, &address, 1, error))
    return FALSE;
  info = resolve_pr (self, info, &resolved);
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
          explain_send_error (self, info, error);
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

/* ------------------------------------------------------------------ */
/* The async send queue                                                */

/* Called with the lock held: follows the bytes of queued async sends
 * against the watermarks, and marks a change for notify_send_queue().
 * Those a burst holds are not waiting for room: they do not count. */
static void
account_queued (GSctpSocket *self,
                gssize delta)
{
  gsize waiting;
  gboolean full;

  self->queued_bytes += delta;
  waiting = self->queued_bytes - MIN (self->held_bytes, self->queued_bytes);
  if (self->send_queue_full)
    full = waiting > self->low_watermark;
  else
    full = waiting >= self->high_watermark;
  if (full == self->send_queue_full)
    return;
  self->send_queue_full = full;
  self->notify_send_queue = TRUE;
}

/* Called without the lock. */
static void
notify_send_queue (GSctpSocket *self)
{
  gboolean notify;

  g_mutex_lock (&self->lock);
  notify = self->notify_send_queue;
  self->notify_send_queue = FALSE;
  g_mutex_unlock (&self->lock);
  if (notify)
    g_object_notify (G_OBJECT (self), "send-queue-full");
}

/* Called with the lock held: whether send-queue-full changed. */
static gboolean
take_notify (GSctpSocket *self)
{
  gboolean notify = self->notify_send_queue;

  self->notify_send_queue = FALSE;
  return notify;
}

/* Shells of finished sends kept for the next ones, at most: a burst
 * allocates nothing once the socket has sent one. */
#define SPARE_SENDS 64

/* Called with the lock held. */
static SendData *
send_data_take (GSctpSocket *self)
{
  SendData *send = self->spare_sends;

  if (send != NULL)
    {
      self->spare_sends = send->link.next;
      self->n_spare_sends--;
    }
  else
    send = g_new0 (SendData, 1);
  send->link = (GList) { send, NULL, NULL };
  return send;
}

/* Drops what @send holds, leaving an empty shell. */
static void
send_data_clear (SendData *send)
{
  if (send->cancel_source != NULL)
    {
      g_source_destroy (send->cancel_source);
      g_clear_pointer (&send->cancel_source, g_source_unref);
    }
  g_clear_object (&send->task);
  g_clear_object (&send->address);
  g_clear_pointer (&send->data, g_bytes_unref);
  g_clear_error (&send->error);
}

/* Called with the lock held: @send, cleared, is kept for a next send. */
static void
send_data_recycle (GSctpSocket *self,
                   SendData *send)
{
  if (self->n_spare_sends >= SPARE_SENDS || self->closed)
    {
      g_free (send);
      return;
    }
  send->link.next = self->spare_sends;
  self->spare_sends = send;
  self->n_spare_sends++;
}

static void
send_data_free (SendData *send)
{
  send_data_clear (send);
  g_free (send);
}

static gboolean on_writable (GIOCondition condition, gpointer user_data);

/* Called with the lock held. */
static void
ensure_writing (GSctpSocket *self)
{
  if (self->queued_sends.length == 0 || self->write_source != NULL || self->closed)
    return;
  self->write_source = self->endpoint->backend->create_source (self->endpoint, G_IO_OUT);
  g_source_set_callback (self->write_source, G_SOURCE_FUNC (on_writable), self, NULL);
  g_source_set_static_name (self->write_source, "GSctpSocket writer");
  g_source_attach (self->write_source, self->context);
}

/* Called with the lock held: sends queued messages in order until the
 * buffer is full; the finished tasks go to @done. */
static void
send_done (GSctpSocket *self,
           GPtrArray *done,
           gboolean sent)
{
  SendData *send = g_queue_pop_head_link (&self->queued_sends)->data;
  gsize size = g_bytes_get_size (send->data);

  if (sent)
    gsctp_counter_add (&self->sent, size);
  account_queued (self, -(gssize) size);
  g_ptr_array_add (done, send);
}

/* Several queued messages in one call of the backend's send_batch: FALSE
 * when the buffer is full. */
static gboolean
flush_batch (GSctpSocket *self,
             GPtrArray *done)
{
  SendData *first = g_queue_peek_head (&self->queued_sends);
  GSctpSendItem items[GSCTP_SEND_BATCH];
  guint n = 0;
  gssize sent;

  for (GList *l = self->queued_sends.head; l != NULL && n < GSCTP_SEND_BATCH; l = l->next, n++)
    {
      SendData *send = l->data;

      items[n].info = &send->info;
      items[n].address = send->address;
      items[n].data = g_bytes_get_data (send->data, &items[n].size);
    }
  sent = self->endpoint->backend->send_batch (self->endpoint, items, n, &first->error);
  if (sent == GSCTP_WOULD_BLOCK)
    return FALSE;
  /* A failure is the first message's: the rest go on. */
  for (gssize i = 0; i < MAX (sent, 1); i++)
    send_done (self, done, sent > 0);
  return TRUE;
}

static void
flush_sends (GSctpSocket *self,
             GPtrArray *done)
{
  SendData *send;

  while (!self->closed && (send = g_queue_peek_head (&self->queued_sends)) != NULL)
    {
      gconstpointer bytes;
      gssize sent;
      gsize size;

      /* A backlog, as after a full buffer: in batches. */
      if (self->queued_sends.length > 1 && self->endpoint->backend->send_batch != NULL)
        {
          if (!flush_batch (self, done))
            break;
          continue;
        }
      bytes = g_bytes_get_data (send->data, &size);
      sent = self->endpoint->backend->send (self->endpoint, &send->info, send->address,
                                            bytes, size, &send->error);
      if (sent == GSCTP_WOULD_BLOCK)
        break;
      send_done (self, done, sent >= 0);
    }

  /* What is left waits for room, no longer for its burst. */
  g_atomic_int_set (&self->n_held, 0);
  self->held_bytes = 0;
  account_queued (self, 0);
  ensure_writing (self);
}

/* Called without the lock: returns each send's result, and tells of a
 * change of send-queue-full. */
static void
complete_sends (GSctpSocket *self,
                GPtrArray *done,
                gboolean notify)
{
  if (done == NULL || done->len == 0)
    {
      if (notify)
        g_object_notify (G_OBJECT (self), "send-queue-full");
      return;
    }
  for (guint i = 0; i < done->len; i++)
    {
      SendData *send = g_ptr_array_index (done, i);
      GError *error = g_steal_pointer (&send->error);

      if (error != NULL)
        explain_send_error (self, &send->info, &error);
      if (send->task == NULL)
        {
          if (error != NULL)
            g_debug ("A send without a callback failed: %s", error->message);
          g_clear_error (&error);
        }
      else if (error != NULL)
        g_task_return_error (send->task, error);
      else
        g_task_return_boolean (send->task, TRUE);
      send_data_clear (send);
    }
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < done->len; i++)
    send_data_recycle (self, g_ptr_array_index (done, i));
  notify |= take_notify (self);
  g_mutex_unlock (&self->lock);
  if (notify)
    g_object_notify (G_OBJECT (self), "send-queue-full");
}

static gboolean
on_writable (GIOCondition condition,
             gpointer user_data)
{
  GSctpSocket *self = user_data;
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  g_object_ref (self);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->write_source, g_source_unref);
  flush_sends (self, done);
  /* Sends the completions start from here join this burst. */
  if (self->burst != NULL)
    gsctp_burst_join (self->burst);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done, FALSE);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gboolean
send_cancelled_cb (GCancellable *cancellable,
                   gpointer user_data)
{
  SendData *send = user_data;
  GSctpSocket *self = g_task_get_source_object (send->task);
  gboolean found;
  gint position;

  g_mutex_lock (&self->lock);
  position = g_queue_link_index (&self->queued_sends, &send->link);
  found = position >= 0;
  if (found)
    {
      gsize size = g_bytes_get_size (send->data);

      /* What a burst holds is the queue's tail. */
      if ((guint) position >= self->queued_sends.length - self->n_held)
        {
          g_atomic_int_set (&self->n_held, self->n_held - 1);
          self->held_bytes -= size;
        }
      g_queue_unlink (&self->queued_sends, &send->link);
      account_queued (self, -(gssize) size);
    }
  g_mutex_unlock (&self->lock);
  notify_send_queue (self);
  if (found)
    {
      /* This source is running: it goes with the send, not destroyed. */
      g_clear_pointer (&send->cancel_source, g_source_unref);
      g_task_return_error_if_cancelled (send->task);
      send_data_free (send);
    }
  return G_SOURCE_REMOVE;
}

/* Called with the lock held, the queue empty: whether an async send made
 * now waits for the rest of its burst. The first send of a burst starts
 * it, and goes. */
static gboolean
burst_holds (GSctpSocket *self)
{
  if (!gsctp_burst_in_dispatch (self->context))
    return FALSE;
  if (self->burst == NULL)
    self->burst = gsctp_burst_new (self->context);
  return gsctp_burst_join (self->burst);
}

/* Called with the lock held. */
static void
stop_burst (GSctpSocket *self)
{
  if (self->burst == NULL)
    return;
  g_source_destroy (self->burst);
  g_clear_pointer (&self->burst, g_source_unref);
}

/* Called without the lock: sends what a burst holds now, for a call that
 * must not overtake those messages or wait for them (a blocking send or
 * receive, close). */
void
gsctp_send_flush_held (GSctpSocket *self)
{
  g_autoptr(GPtrArray) done = NULL;

  if (G_LIKELY (g_atomic_int_get (&self->n_held) == 0))
    return;
  done = g_ptr_array_new ();
  g_mutex_lock (&self->lock);
  if (self->n_held > 0)
    flush_sends (self, done);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done, FALSE);
}

/* A send nobody waits for (no callback, no cancellable) that can go out
 * at once, ahead of nothing queued: sent without a GTask, whose making and
 * return through the main loop cost more than the send. @info has its
 * policy resolved. FALSE when it has to wait in the queue. A failure has
 * nobody to go to, as with a GTask without a callback. */
static gboolean
send_now (GSctpSocket *self,
          const GSctpSndInfo *info,
          GSocketAddress *address,
          GBytes *data)
{
  g_autoptr(GError) error = NULL;
  gconstpointer bytes;
  gsize size;
  gssize sent;

  bytes = g_bytes_get_data (data, &size);
  g_mutex_lock (&self->lock);
  if (self->queued_sends.length > 0 || self->closed || self->endpoint == NULL || size == 0 ||
      (address != NULL && !gsctp_check_families (self->family, &address, 1, NULL)) ||
      burst_holds (self))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  /* Under the lock: nothing can be queued before it meanwhile. */
  sent = send_counted (self, info, address, bytes, size, &error);
  g_mutex_unlock (&self->lock);
  if (sent == GSCTP_WOULD_BLOCK)
    return FALSE;
  if (error != NULL)
    g_debug ("A send without a callback failed: %s", error->message);
  return TRUE;
}

/**
 * gsctp_socket_send_async:
 * @self: a #GSctpSocket
 * @info: stream, flags, PPID, context, time-to-live and association
 * @address: (nullable): a peer address, as for [method@Gsctp.Socket.send]
 * @data: the whole message
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the message is handed
 *   to the kernel, or failed; %NULL to send and forget
 * @user_data: data for @callback
 *
 * Sends one message without blocking: when the send buffer is full, the
 * message waits in order behind earlier async sends until the socket is
 * writable. This is the back-pressure of a main-loop program: start the
 * next send from the callback.
 *
 * Sends made from a callback of the socket's main context (a signal
 * handler, a completion, an idle) go out together: the first at once,
 * the next ones when the callbacks of that main-loop iteration are done,
 * or as soon as 16 are waiting, in as few system calls as the stack
 * allows (`sendmmsg()` on kernel SCTP). Order is kept, and so is each
 * completion. A blocking send, a blocking receive or a close on the socket
 * first sends those that wait. They are not waiting for room, and do not
 * count toward [property@Gsctp.Socket:high-watermark].
 *
 * Without @callback and @cancellable the send is fire-and-forget, as
 * gen_sctp's `send/3` from a process that does not wait: the cheapest way
 * to stream messages from a main loop (a message that can go out at once
 * makes no #GTask). Its back-pressure is the send queue's:
 * [property@Gsctp.Socket:send-queue-full] turns %TRUE at the high
 * watermark and back to %FALSE below the low one. A failure of such a send
 * has nobody to go to; a message the stack accepted and then could not
 * deliver still comes back as a send-failed event.
 */
void
gsctp_socket_send_async (GSctpSocket *self,
                         const GSctpSndInfo *info,
                         GSocketAddress *address,
                         GBytes *data,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr(GPtrArray) done = NULL;
  GSctpSndInfo resolved;
  GError *error = NULL;
  GTask *task = NULL;
  SendData *send;
  gboolean notify;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (data != NULL);

  info = resolve_pr (self, info, &resolved);
  if (callback != NULL || cancellable != NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, gsctp_socket_send_async);
      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }
    }
  else if (send_now (self, info, address, data))
    return;

  g_mutex_lock (&self->lock);
  if (!gsctp_socket_check_open (self, &error) ||
      !check_not_empty (g_bytes_get_size (data), info, &error))
    {
      g_mutex_unlock (&self->lock);
      if (task != NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
        }
      else
        g_error_free (error);
      return;
    }
  send = send_data_take (self);
  send->task = task;
  send->info = *info;
  send->address = address ? g_object_ref (address) : NULL;
  send->data = g_bytes_ref (data);
  g_queue_push_tail_link (&self->queued_sends, &send->link);
  if (cancellable != NULL)
    {
      send->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (send->cancel_source, G_SOURCE_FUNC (send_cancelled_cb), send, NULL);
      g_source_attach (send->cancel_source, g_task_get_context (task));
    }
  if (self->queued_sends.length == 1 ? burst_holds (self) : self->n_held > 0)
    {
      /* Held for the end of the burst, or until a batch is full. */
      g_atomic_int_set (&self->n_held, self->n_held + 1);
      self->held_bytes += g_bytes_get_size (data);
      account_queued (self, g_bytes_get_size (data));
      if (self->n_held >= GSCTP_SEND_BATCH)
        flush_sends (self, done = g_ptr_array_new ());
      else
        {
          /* Whether or not the endpoint says it is writable. */
          ensure_writing (self);
          if (self->write_source != NULL)
            g_source_set_ready_time (self->write_source, 0);
        }
    }
  else
    {
      account_queued (self, g_bytes_get_size (data));
      if (self->queued_sends.length == 1)
        flush_sends (self, done = g_ptr_array_new ());
    }
  notify = take_notify (self);
  g_mutex_unlock (&self->lock);
  complete_sends (self, done, notify);
}

/**
 * gsctp_socket_send_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.send_async].
 *
 * Returns: %TRUE if the message was handed to the kernel
 */
gboolean
gsctp_socket_send_finish (GSctpSocket *self,
                          GAsyncResult *result,
                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_send_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Called with the lock held. */
static void
stop_writing (GSctpSocket *self)
{
  if (self->write_source == NULL)
    return;
  g_source_destroy (self->write_source);
  g_clear_pointer (&self->write_source, g_source_unref);
}

/* Called with the lock held, after the socket moved to another context. */
void
gsctp_send_queue_restart (GSctpSocket *self)
{
  stop_burst (self);
  if (self->write_source == NULL)
    return;
  stop_writing (self);
  ensure_writing (self);
}

/* Called without the lock, on close: fails every queued send. */
void
gsctp_send_queue_fail_all (GSctpSocket *self,
                           const GError *error)
{
  g_autoptr(GPtrArray) sends = g_ptr_array_new ();
  GList *link;
  SendData *send;

  g_mutex_lock (&self->lock);
  stop_writing (self);
  stop_burst (self);
  self->n_held = 0;
  self->held_bytes = 0;
  while ((link = g_queue_pop_head_link (&self->queued_sends)) != NULL)
    g_ptr_array_add (sends, link->data);
  while ((send = self->spare_sends) != NULL)
    {
      self->spare_sends = send->link.next;
      g_free (send);
    }
  self->n_spare_sends = 0;
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < sends->len; i++)
    {
      send = g_ptr_array_index (sends, i);
      if (send->task != NULL)
        g_task_return_error (send->task, g_error_copy (error));
      send_data_free (send);
    }
}
