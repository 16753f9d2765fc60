/* gsctp-message.c: send info, receive info and received messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gnetworking.h>

#include "gsctp-error.h"
#include "gsctp-events-private.h"
#include "gsctp-message-private.h"

G_DEFINE_BOXED_TYPE (GSctpSndInfo, gsctp_snd_info, gsctp_snd_info_copy, gsctp_snd_info_free)
G_DEFINE_BOXED_TYPE (GSctpRcvInfo, gsctp_rcv_info, gsctp_rcv_info_copy, gsctp_rcv_info_free)
G_DEFINE_BOXED_TYPE (GSctpNxtInfo, gsctp_nxt_info, gsctp_nxt_info_copy, gsctp_nxt_info_free)
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
 * Copies the value, with new references to what it points to.
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
 * gsctp_nxt_info_copy:
 * @info: a #GSctpNxtInfo
 *
 * Copies the value.
 *
 * Returns: (transfer full): a copy of @info
 */
GSctpNxtInfo *
gsctp_nxt_info_copy (const GSctpNxtInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return g_memdup2 (info, sizeof *info);
}

/**
 * gsctp_nxt_info_free:
 * @info: (transfer full): a #GSctpNxtInfo
 *
 * Frees @info.
 */
void
gsctp_nxt_info_free (GSctpNxtInfo *info)
{
  g_free (info);
}

/**
 * gsctp_rcv_info_copy:
 * @info: a #GSctpRcvInfo
 *
 * Copies the value, with new references to what it points to.
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
 * What one receive on a [class@Gsctp.Socket] returns, as gen_sctp's `recv`:
 * either one whole data message — its data, the peer address it came from
 * and its [struct@Gsctp.RcvInfo] (stream, PPID, association…), gen_sctp's
 * `{FromIP, FromPort, AncData, Data}` — or one SCTP event, in order with the
 * data ([method@Gsctp.Message.get_event_type] tells which, and a typed
 * getter such as [method@Gsctp.Message.get_assoc_change] gives it).
 *
 * gen_sctp makes four events `{error, …}` returns of `recv`; gsctp returns
 * them as event messages like the others (a receive fails only when the
 * receive itself fails), and [method@Gsctp.Message.check_error] turns them
 * into a #GError for code that wants gen_sctp's shape.
 *
 * A message is immutable and reference counted.
 */
struct _GSctpMessage {
  gatomicrefcount ref_count;
  GSctpEventType event_type;
  gboolean is_block;            /* a BLOCK_SIZE block, cached when freed */
  GSctpRcvInfo info;
  gpointer event;
  const guint8 *bytes;
  gsize size;
  /* Made by the first call that asks for them: most receivers read the
   * bytes and the association, and a GBytes and a GSocketAddress per
   * message would be most of a message's cost. A message received without
   * a copy has its GBytes from the start. */
  GBytes *data;
  GSocketAddress *address;
  GSctpNxtInfo *next;           /* only with SCTP_RECVNXTINFO on */
  guint from_len;
  union {
    struct sockaddr sa;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
  } from;
  guint8 inline_data[];
};

/* Small messages are received straight into a block that becomes the
 * message: no copy, and, with each thread keeping the blocks its messages
 * leave, no malloc() either. 2 KiB stays clear of glibc's slower path for
 * larger chunks and holds most signalling messages. */
#define BLOCK_SIZE 2048
#define BLOCK_CAPACITY (BLOCK_SIZE - sizeof (GSctpMessage))
/* A busy active socket has up to 64 messages of one dispatch waiting for
 * their emission (GSCTP_DISPATCH_BUDGET) while the kernel backend holds
 * up to 15 more blocks read ahead (GSCTP_KERNEL_BATCH - 1): the cache
 * holds them all, so that such a socket takes none from malloc(). */
#define CACHE_BLOCKS 96

typedef struct {
  guint n_blocks;
  gboolean closed;              /* the thread is ending */
  GSctpMessage *blocks[CACHE_BLOCKS];
} BlockCache;

static BlockCache closed_cache = { .closed = TRUE };

/* One pointer, in the static TLS block, so that each use is one load
 * rather than a __tls_get_addr() call. */
#if defined(__GNUC__)
static _Thread_local BlockCache *block_cache __attribute__ ((tls_model ("initial-exec")));
#else
static _Thread_local BlockCache *block_cache;
#endif

static void
block_cache_close (gpointer data)
{
  BlockCache *cache = data;

  while (cache->n_blocks > 0)
    g_free (cache->blocks[--cache->n_blocks]);
  g_free (cache);
  /* A message freed later in the thread's end goes to free(). */
  block_cache = &closed_cache;
}

/* Frees each thread's cache as it ends. */
static GPrivate block_cache_key = G_PRIVATE_INIT (block_cache_close);

/* AddressSanitizer builds, and GSCTP_DEBUG=no-block-cache (for valgrind
 * and other memory checkers), turn the cache off: every block is then
 * malloc()ed and free()d, so that a use after free is seen. */
#if defined(__SANITIZE_ADDRESS__)
#define GSCTP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GSCTP_ASAN 1
#endif
#endif

static gboolean
block_cache_enabled (void)
{
#ifdef GSCTP_ASAN
  return FALSE;
#else
  static gsize enabled;

  if (g_once_init_enter (&enabled))
    {
      static const GDebugKey keys[] = { { "no-block-cache", 1 } };
      guint flags = g_parse_debug_string (g_getenv ("GSCTP_DEBUG"), keys, G_N_ELEMENTS (keys));

      g_once_init_leave (&enabled, (flags & 1) ? 1 : 2);
    }
  return enabled == 2;
#endif
}

void
gsctp_message_block_give (GSctpMessage *block)
{
  BlockCache *cache = block_cache;

  if (G_UNLIKELY (cache == NULL))
    {
      if (!block_cache_enabled ())
        {
          g_free (block);
          return;
        }
      cache = block_cache = g_new0 (BlockCache, 1);
      g_private_set (&block_cache_key, cache);
    }
  if (cache->n_blocks == CACHE_BLOCKS || cache->closed)
    {
      g_free (block);
      return;
    }
  cache->blocks[cache->n_blocks++] = block;
}

GSctpMessage *
gsctp_message_block_take (void)
{
  BlockCache *cache = block_cache;

  if (cache != NULL && cache->n_blocks > 0)
    return cache->blocks[--cache->n_blocks];
  return g_malloc (BLOCK_SIZE);
}

guint8 *
gsctp_message_block_data (GSctpMessage *block,
                          gsize *capacity)
{
  *capacity = BLOCK_CAPACITY;
  return block->inline_data;
}

gsize
gsctp_message_block_capacity (void)
{
  return BLOCK_CAPACITY;
}

guint8 *
gsctp_message_block_ensure (GSctpMessage **block,
                            gsize *capacity)
{
  if (*block == NULL)
    *block = gsctp_message_block_take ();
  *capacity = BLOCK_CAPACITY;
  return (*block)->inline_data;
}

static void
message_init (GSctpMessage *message,
              const struct sockaddr_storage *from,
              gsize from_len,
              const GSctpRcvInfo *info)
{
  /* Every field is set: no need to clear the block first (a message is
   * made per received message). */
  /* g_atomic_ref_count_*() are calls into GLib unless checks are off;
   * the atomic operations they wrap are inline. */
  g_atomic_int_set (&message->ref_count, 1);
  message->event_type = GSCTP_EVENT_TYPE_NONE;
  message->is_block = FALSE;
  message->info = *info;
  message->event = NULL;
  message->data = NULL;
  message->address = NULL;
  message->next = NULL;
  message->from_len = 0;
  if (from_len > 0 && from_len <= sizeof message->from)
    {
      /* A copy of a constant size is a few moves, where one of
       * @from_len bytes was a call (@from has room for any address). */
      memcpy (&message->from, from, sizeof message->from);
      message->from_len = from_len;
    }
}

static GSctpMessage *
message_alloc (gsize inline_size,
               const struct sockaddr_storage *from,
               gsize from_len,
               const GSctpRcvInfo *info)
{
  GSctpMessage *message = g_malloc (sizeof *message + inline_size);

  message_init (message, from, from_len, info);
  return message;
}

GSctpMessage *
gsctp_message_block_finish (GSctpMessage *block,
                            gsize size,
                            const struct sockaddr_storage *from,
                            gsize from_len,
                            const GSctpRcvInfo *info)
{
  message_init (block, from, from_len, info);
  block->is_block = TRUE;
  block->bytes = block->inline_data;
  block->size = size;
  return block;
}

GSctpMessage *
gsctp_message_new (const guint8 *data,
                   gsize size,
                   const struct sockaddr_storage *from,
                   gsize from_len,
                   const GSctpRcvInfo *info)
{
  GSctpMessage *message = message_alloc (size, from, from_len, info);

  memcpy (message->inline_data, data, size);
  message->bytes = message->inline_data;
  message->size = size;
  return message;
}

GSctpMessage *
gsctp_message_new_take_bytes (GBytes *data,
                              const struct sockaddr_storage *from,
                              gsize from_len,
                              const GSctpRcvInfo *info)
{
  GSctpMessage *message = message_alloc (0, from, from_len, info);

  message->data = data;
  message->bytes = g_bytes_get_data (data, &message->size);
  return message;
}

GSctpMessage *
gsctp_message_new_event (GSctpEventType type,
                         gpointer event)
{
  GSctpRcvInfo info = { .assoc_id = gsctp_event_get_assoc_id (type, event) };
  GSctpMessage *message = message_alloc (0, NULL, 0, &info);

  message->event_type = type;
  message->event = event;
  message->bytes = (const guint8 *) "";
  message->size = 0;
  return message;
}

gconstpointer
gsctp_message_peek_event (GSctpMessage *message)
{
  return message->event;
}

/**
 * gsctp_message_ref:
 * @message: a #GSctpMessage
 *
 * Takes a reference to the message.
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
  if (!g_atomic_int_dec_and_test (&message->ref_count))
    return;
  g_clear_pointer (&message->data, g_bytes_unref);
  g_clear_object (&message->address);
  g_clear_pointer (&message->next, g_free);
  if (message->event != NULL)
    g_boxed_free (gsctp_event_boxed_type (message->event_type), message->event);
  if (message->is_block)
    gsctp_message_block_give (message);
  else
    g_free (message);
}

/**
 * gsctp_message_get_data:
 * @message: a #GSctpMessage
 *
 * Gets the data of the message. The #GBytes is made by the first call
 * (for a small message, with a copy of its bytes) and kept with the
 * message; [method@Gsctp.Message.peek_data] reads the bytes without it.
 *
 * Returns: (transfer none): the whole message, as sent; empty for an event
 */
GBytes *
gsctp_message_get_data (GSctpMessage *message)
{
  GBytes *data;

  g_return_val_if_fail (message != NULL, NULL);

  data = g_atomic_pointer_get (&message->data);
  if (data != NULL)
    return data;
  /* A copy: a GBytes over the message's own block would have to keep the
   * message, which keeps it. */
  data = g_bytes_new (message->bytes, message->size);
  if (!g_atomic_pointer_compare_and_exchange (&message->data, NULL, data))
    {
      g_bytes_unref (data);
      data = g_atomic_pointer_get (&message->data);
    }
  return data;
}

/**
 * gsctp_message_peek_data:
 * @message: a #GSctpMessage
 * @size: (out) (optional): return location for the size of the data
 *
 * Gets the data of the message without making a #GBytes: the cheapest way
 * to read a message, valid as long as @message is.
 *
 * Returns: (transfer none) (array length=size): the whole message, as
 *   sent; empty for an event
 */
const guint8 *
gsctp_message_peek_data (GSctpMessage *message,
                         gsize *size)
{
  g_return_val_if_fail (message != NULL, NULL);

  if (size != NULL)
    *size = message->size;
  return message->bytes;
}

/**
 * gsctp_message_get_address:
 * @message: a #GSctpMessage
 *
 * Gets the address of the message, made by the first call and kept with
 * the message.
 *
 * Returns: (transfer none) (nullable): the peer address the message came
 *   from, or %NULL if the kernel did not say
 */
GSocketAddress *
gsctp_message_get_address (GSctpMessage *message)
{
  GSocketAddress *address;

  g_return_val_if_fail (message != NULL, NULL);

  address = g_atomic_pointer_get (&message->address);
  if (address != NULL || message->from_len == 0)
    return address;
  address = g_socket_address_new_from_native (&message->from, message->from_len);
  if (address != NULL && !g_atomic_pointer_compare_and_exchange (&message->address, NULL, address))
    {
      g_object_unref (address);
      address = g_atomic_pointer_get (&message->address);
    }
  return address;
}

/**
 * gsctp_message_get_info:
 * @message: a #GSctpMessage
 *
 * Gets the info of the message.
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
 * gsctp_message_get_next_info:
 * @message: a #GSctpMessage
 *
 * Gets what the socket held of the next message when this one was read:
 * its stream, PPID, length so far, whether it is whole and whether it is
 * an event. Only with [property@Gsctp.Socket:receive-next-info] on.
 *
 * Returns: (transfer none) (nullable): the next message's info, or %NULL
 *   when there was no next message or the option is off
 */
const GSctpNxtInfo *
gsctp_message_get_next_info (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->next;
}

void
gsctp_message_set_next_info (GSctpMessage *message,
                             const GSctpNxtInfo *next)
{
  g_free (message->next);
  message->next = g_memdup2 (next, sizeof *next);
}

/**
 * gsctp_message_get_stream:
 * @message: a #GSctpMessage
 *
 * Gets the stream of the message.
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
 * Gets the ppid of the message.
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
 * Gets the assoc id of the message.
 *
 * Returns: the association the message arrived on, or that the event
 *   concerns
 */
GSctpAssocId
gsctp_message_get_assoc_id (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, 0);
  return message->info.assoc_id;
}

/**
 * gsctp_message_get_event_type:
 * @message: a #GSctpMessage
 *
 * Gets the event type of the message.
 *
 * Returns: the kind of event @message carries, %GSCTP_EVENT_TYPE_NONE for
 *   data
 */
GSctpEventType
gsctp_message_get_event_type (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, GSCTP_EVENT_TYPE_NONE);
  return message->event_type;
}

/**
 * gsctp_message_is_event:
 * @message: a #GSctpMessage
 *
 * Tells an event from data.
 *
 * Returns: %TRUE if @message carries an event rather than data
 */
gboolean
gsctp_message_is_event (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, FALSE);
  return message->event_type != GSCTP_EVENT_TYPE_NONE;
}

/**
 * gsctp_message_check_error:
 * @message: a #GSctpMessage
 * @error: return location for a #GError
 *
 * Turns the four events that gen_sctp's `recv` returns as `{error, …}` into
 * a #GError: a send-failed event (%GSCTP_ERROR_SEND_FAILED), a remote error
 * (%GSCTP_ERROR_REMOTE_ERROR), an aborted partial delivery
 * (%GSCTP_ERROR_PARTIAL_DELIVERY_ABORTED) and a peer address that became
 * unreachable (%GSCTP_ERROR_ADDRESS_UNREACHABLE). Data and every other
 * event pass.
 *
 * Returns: %FALSE with @error set for those events, %TRUE otherwise
 */
gboolean
gsctp_message_check_error (GSctpMessage *message,
                           GError **error)
{
  g_return_val_if_fail (message != NULL, FALSE);

  switch (message->event_type)
    {
    case GSCTP_EVENT_TYPE_SEND_FAILED:
      {
        const GSctpSendFailed *failed = message->event;

        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_SEND_FAILED,
                     "A message of %" G_GSIZE_FORMAT " bytes on stream %u of association %d "
                     "was not delivered (%s, error %u)",
                     failed->data ? g_bytes_get_size (failed->data) : 0, failed->info.stream,
                     failed->assoc_id,
                     (failed->flags & GSCTP_SEND_FAILED_FLAGS_SENT) ? "sent" : "unsent",
                     failed->error);
        return FALSE;
      }
    case GSCTP_EVENT_TYPE_REMOTE_ERROR:
      {
        const GSctpRemoteError *remote = message->event;
        const char *cause = gsctp_cause_string (remote->error);

        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_REMOTE_ERROR,
                     "The peer of association %d reported error cause %u (%s)",
                     remote->assoc_id, remote->error, cause ? cause : "unknown");
        return FALSE;
      }
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY:
      {
        const GSctpPartialDelivery *pd = message->event;

        if (!pd->aborted)
          return TRUE;
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_PARTIAL_DELIVERY_ABORTED,
                     "The delivery of a message on stream %u of association %d was aborted",
                     pd->stream, pd->assoc_id);
        return FALSE;
      }
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE:
      {
        const GSctpPeerAddrChange *change = message->event;
        g_autofree char *address = NULL;

        if (change->state != GSCTP_PEER_ADDR_STATE_UNREACHABLE)
          return TRUE;
        if (change->address != NULL)
          address = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (change->address));
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_ADDRESS_UNREACHABLE,
                     "Peer address %s of association %d is unreachable",
                     address ? address : "(unknown)", change->assoc_id);
        return FALSE;
      }
    default:
      return TRUE;
    }
}

/**
 * gsctp_message_get_assoc_change:
 * @message: a #GSctpMessage
 *
 * Gets the assoc change of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_ASSOC_CHANGE event, else %NULL
 */
const GSctpAssocChange *
gsctp_message_get_assoc_change (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_ASSOC_CHANGE ? message->event : NULL;
}

/**
 * gsctp_message_get_peer_addr_change:
 * @message: a #GSctpMessage
 *
 * Gets the peer addr change of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE event, else %NULL
 */
const GSctpPeerAddrChange *
gsctp_message_get_peer_addr_change (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE ? message->event : NULL;
}

/**
 * gsctp_message_get_send_failed:
 * @message: a #GSctpMessage
 *
 * Gets the send failed of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_SEND_FAILED event, else %NULL
 */
const GSctpSendFailed *
gsctp_message_get_send_failed (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_SEND_FAILED ? message->event : NULL;
}

/**
 * gsctp_message_get_remote_error:
 * @message: a #GSctpMessage
 *
 * Gets the remote error of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_REMOTE_ERROR event, else %NULL
 */
const GSctpRemoteError *
gsctp_message_get_remote_error (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_REMOTE_ERROR ? message->event : NULL;
}

/**
 * gsctp_message_get_shutdown_event:
 * @message: a #GSctpMessage
 *
 * Gets the shutdown event of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_SHUTDOWN event, else %NULL
 */
const GSctpShutdownEvent *
gsctp_message_get_shutdown_event (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_SHUTDOWN ? message->event : NULL;
}

/**
 * gsctp_message_get_partial_delivery:
 * @message: a #GSctpMessage
 *
 * Gets the partial delivery of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_PARTIAL_DELIVERY event, else %NULL
 */
const GSctpPartialDelivery *
gsctp_message_get_partial_delivery (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_PARTIAL_DELIVERY ? message->event : NULL;
}

/**
 * gsctp_message_get_adaptation_indication:
 * @message: a #GSctpMessage
 *
 * Gets the adaptation indication of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_ADAPTATION_INDICATION event, else %NULL
 */
const GSctpAdaptationIndication *
gsctp_message_get_adaptation_indication (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_ADAPTATION_INDICATION ? message->event : NULL;
}

/**
 * gsctp_message_get_authentication:
 * @message: a #GSctpMessage
 *
 * Gets the authentication of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_AUTHENTICATION event, else %NULL
 */
const GSctpAuthentication *
gsctp_message_get_authentication (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_AUTHENTICATION ? message->event : NULL;
}

/**
 * gsctp_message_get_sender_dry:
 * @message: a #GSctpMessage
 *
 * Gets the sender dry of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_SENDER_DRY event, else %NULL
 */
const GSctpSenderDry *
gsctp_message_get_sender_dry (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_SENDER_DRY ? message->event : NULL;
}

/**
 * gsctp_message_get_stream_reset:
 * @message: a #GSctpMessage
 *
 * Gets the stream reset of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_STREAM_RESET event, else %NULL
 */
const GSctpStreamReset *
gsctp_message_get_stream_reset (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_STREAM_RESET ? message->event : NULL;
}

/**
 * gsctp_message_get_assoc_reset:
 * @message: a #GSctpMessage
 *
 * Gets the assoc reset of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_ASSOC_RESET event, else %NULL
 */
const GSctpAssocReset *
gsctp_message_get_assoc_reset (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_ASSOC_RESET ? message->event : NULL;
}

/**
 * gsctp_message_get_stream_change:
 * @message: a #GSctpMessage
 *
 * Gets the stream change of the message.
 *
 * Returns: (transfer none) (nullable): the event, if @message is a
 *   %GSCTP_EVENT_TYPE_STREAM_CHANGE event, else %NULL
 */
const GSctpStreamChange *
gsctp_message_get_stream_change (GSctpMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->event_type == GSCTP_EVENT_TYPE_STREAM_CHANGE ? message->event : NULL;
}
