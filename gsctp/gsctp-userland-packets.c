/* gsctp-userland-packets.c: SCTP over the application's own transport
 *
 * A socket in lower-transport mode has one link of its own: what the
 * stack sends on it is queued here (on whichever thread the stack ran),
 * and handed to the application on the socket's main context as
 * ::packet-out; what the application received it gives back with
 * gsctp_socket_input_packet(). That is SCTP over DTLS (RFC 8261) for
 * WebRTC data channels, or over anything else that carries datagrams.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-userland-private.h"

/* Packets not yet handed over when the main context does not run: past
 * this, the link loses them, as a full queue on a wire does. */
#define MAX_QUEUED 1024

typedef struct {
  GSctpLink link;
  GSctpUserlandEndpoint *endpoint;
  GMutex lock;
  GQueue packets;
} PacketLink;

static void
packet_output (GSctpLink *link,
               const void *packet,
               gsize size)
{
  PacketLink *self = (PacketLink *) link;
  gboolean queued = FALSE;

  g_mutex_lock (&self->lock);
  if (self->packets.length < MAX_QUEUED)
    {
      g_queue_push_tail (&self->packets, g_bytes_new (packet, size));
      queued = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (!queued)
    return;
  /* The pump hands it over on the socket's context. */
  g_mutex_lock (&self->endpoint->watch_lock);
  if (self->endpoint->pump != NULL)
    g_source_set_ready_time (self->endpoint->pump, 0);
  g_mutex_unlock (&self->endpoint->watch_lock);
}

static GSctpLink *
link_new (GSctpUserlandEndpoint *endpoint)
{
  PacketLink *self = g_new0 (PacketLink, 1);

  self->link.output = packet_output;
  self->endpoint = endpoint;
  g_mutex_init (&self->lock);
  g_queue_init (&self->packets);
  usrsctp_register_address (self);
  gsctp_userland_link_register (&self->link);
  return &self->link;
}

/* The next packet for the application, or NULL. */
GBytes *
gsctp_packet_link_pop (GSctpLink *link)
{
  PacketLink *self = (PacketLink *) link;
  GBytes *packet;

  g_mutex_lock (&self->lock);
  packet = g_queue_pop_head (&self->packets);
  g_mutex_unlock (&self->lock);
  return packet;
}

void
gsctp_packet_link_free (GSctpLink *link)
{
  PacketLink *self = (PacketLink *) link;

  /* After this, the stack's packets for the link are dropped. */
  gsctp_userland_link_unregister (&self->link);
  usrsctp_deregister_address (self);
  g_queue_clear_full (&self->packets, (GDestroyNotify) g_bytes_unref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
gsctp_userland_use_packets (GSctpEndpoint *endpoint,
                            GSctpPacketFunc func,
                            gpointer user_data,
                            GDestroyNotify user_data_free)
{
  GSctpUserlandEndpoint *self = (GSctpUserlandEndpoint *) endpoint;

  g_assert (self->packet_link == NULL && self->transport == NULL);
  self->packet_func = func;
  self->packet_data = user_data;
  self->packet_data_free = user_data_free;
  self->packet_link = link_new (self);
}

gboolean
gsctp_userland_input_packet (GSctpEndpoint *endpoint,
                             const void *packet,
                             gsize size,
                             GError **error)
{
  GSctpUserlandEndpoint *self = (GSctpUserlandEndpoint *) endpoint;

  if (self->packet_link == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The socket's packets go over UDP, not through the application "
                           "(see GSctpSocket:lower-transport)");
      return FALSE;
    }
  /* Shorter than SCTP's common header: not SCTP. The stack checks the
   * rest (checksum, tags) as it does for any packet. */
  if (size < 12)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "An SCTP packet of %" G_GSIZE_FORMAT " bytes is shorter than its common header",
                   size);
      return FALSE;
    }
  /* What a datagram can carry: more is not a packet of any transport. */
  if (size > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%" G_GSIZE_FORMAT " bytes are more than one SCTP packet (at most 65535)", size);
      return FALSE;
    }
  usrsctp_conninput (self->packet_link, packet, size, 0);
  return TRUE;
}
