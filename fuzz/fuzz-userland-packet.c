/* fuzz-userland-packet.c: libFuzzer target for the userland stack's input
 *
 * The userland backend parses wire bytes inside the process: each input is
 * one SCTP packet handed to a listening one-to-many socket in
 * lower-transport mode, as an application hands it what came over DTLS;
 * then the socket's main context runs, so that what the packet caused
 * (associations, messages, events, packets out) goes through gsctp's
 * reader, decoder and signals. The checksum is set right on each input:
 * otherwise the stack would drop nearly all of them at the first check.
 * Seeds (fuzz/corpus/userland-packet) are packets of a real association:
 * INIT, INIT-ACK, COOKIE-ECHO, DATA, SACK, RE-CONFIG, SHUTDOWN, ABORT.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <gsctp/gsctp.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static GSctpSocket *server;
static guint32 crc_table[256];

static void
crc_init (void)
{
  for (guint32 i = 0; i < 256; i++)
    {
      guint32 crc = i;

      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0x82f63b78 & -(crc & 1));
      crc_table[i] = crc;
    }
}

static guint32
crc32c (const guint8 *data,
        gsize size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
on_packet_out (GSctpSocket *socket,
               GBytes *packet,
               gpointer user_data)
{
  /* A peer that never answers. */
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            gpointer user_data)
{
  gsize size;

  if (!gsctp_message_is_event (message))
    (void) gsctp_message_peek_data (message, &size);
}

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string ("0.0.0.0", 5000);

  crc_init ();
  server = gsctp_socket_new_for_lower_transport (GSCTP_SOCKET_TYPE_SEQPACKET, NULL);
  g_assert (server != NULL);
  g_assert (gsctp_socket_bind (server, &local, 1, NULL));
  g_assert (gsctp_socket_listen (server, 16, NULL));
  /* Everything it may hear, as signals. */
  for (GSctpEventType event = GSCTP_EVENT_TYPE_ASSOC_CHANGE; event < GSCTP_N_EVENT_TYPES; event++)
    gsctp_socket_subscribe (server, event, 0, TRUE, NULL);
  g_signal_connect (server, "packet-out", G_CALLBACK (on_packet_out), NULL);
  g_signal_connect (server, "message", G_CALLBACK (on_message), NULL);
  gsctp_socket_set_active (server, GSCTP_ACTIVE_MODE_ACTIVE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autoptr(GBytes) packet = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *copy;
  guint32 crc;

  if (size > 65535)
    return 0;
  copy = g_memdup2 (data, size);
  if (size >= 12)
    {
      memset (copy + 8, 0, 4);
      crc = GUINT32_TO_LE (crc32c (copy, size));
      memcpy (copy + 8, &crc, 4);
    }
  packet = g_bytes_new_take (copy, size);
  if (!gsctp_socket_input_packet (server, packet, &error))
    g_assert (size < 12 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
