/* signals.c: every signal of GSctpSocket, connected by name, seen emitted
 * with its value, from real SCTP traffic
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/sctp.h>
#include <sys/socket.h>

/* What one socket's handlers saw: the signal name and a copy of its value,
 * checked after the emission is over. */
typedef struct {
  GPtrArray *names;
  GHashTable *values;           /* name → last value's summary */
} Seen;

static void
seen_add (Seen *seen,
          const char *name,
          char *summary)
{
  g_ptr_array_add (seen->names, g_strdup (name));
  g_hash_table_insert (seen->values, g_strdup (name), summary);
}

static gboolean
seen_has (Seen *seen,
          const char *name)
{
  return g_hash_table_contains (seen->values, name);
}

static const char *
seen_value (Seen *seen,
            const char *name)
{
  return g_hash_table_lookup (seen->values, name);
}

static void
on_message (GSctpSocket *socket, GSctpMessage *message, Seen *seen)
{
  gsize size = 0;
  const guint8 *data = gsctp_message_peek_data (message, &size);

  g_assert_true (GSCTP_IS_SOCKET (socket));
  seen_add (seen, "message", g_strdup_printf ("%.*s", (int) size, data ? (const char *) data : ""));
}

static void
on_passive (GSctpSocket *socket, Seen *seen)
{
  g_assert_true (GSCTP_IS_SOCKET (socket));
  seen_add (seen, "passive", g_strdup (""));
}

static void
on_association_change (GSctpSocket *socket, GSctpAssocChange *change, Seen *seen)
{
  seen_add (seen, "association-change", g_strdup_printf ("%d", change->state));
}

static void
on_peer_address_change (GSctpSocket *socket, GSctpPeerAddrChange *change, Seen *seen)
{
  g_assert_true (G_IS_INET_SOCKET_ADDRESS (change->address));
  seen_add (seen, "peer-address-change", g_strdup_printf ("%d", change->assoc_id));
}

static void
on_send_failed (GSctpSocket *socket, GSctpSendFailed *failed, Seen *seen)
{
  seen_add (seen, "send-failed", g_strdup_printf ("%u %" G_GSIZE_FORMAT, failed->info.ppid,
                                                  g_bytes_get_size (failed->data)));
}

static void
on_remote_error (GSctpSocket *socket, GSctpRemoteError *error, Seen *seen)
{
  seen_add (seen, "remote-error", g_strdup_printf ("%u", error->error));
}

static void
on_shutdown (GSctpSocket *socket, GSctpShutdownEvent *event, Seen *seen)
{
  seen_add (seen, "shutdown", g_strdup_printf ("%d", event->assoc_id));
}

static void
on_partial_delivery (GSctpSocket *socket, GSctpPartialDelivery *event, Seen *seen)
{
  seen_add (seen, "partial-delivery", g_strdup_printf ("%d", event->aborted));
}

static void
on_adaptation_indication (GSctpSocket *socket, GSctpAdaptationIndication *event, Seen *seen)
{
  seen_add (seen, "adaptation-indication", g_strdup_printf ("%x", event->adaptation_indication));
}

static void
on_authentication (GSctpSocket *socket, GSctpAuthentication *event, Seen *seen)
{
  seen_add (seen, "authentication", g_strdup_printf ("%d", event->indication));
}

static void
on_sender_dry (GSctpSocket *socket, GSctpSenderDry *event, Seen *seen)
{
  seen_add (seen, "sender-dry", g_strdup_printf ("%d", event->assoc_id));
}

static void
on_stream_reset (GSctpSocket *socket, GSctpStreamReset *event, Seen *seen)
{
  seen_add (seen, "stream-reset", g_strdup_printf ("%u %u", event->flags & GSCTP_RESET_FLAGS_OUTGOING ? 1 : 0,
                                                   event->streams->len));
}

static void
on_association_reset (GSctpSocket *socket, GSctpAssocReset *event, Seen *seen)
{
  seen_add (seen, "association-reset", g_strdup_printf ("%d", event->assoc_id));
}

static void
on_stream_change (GSctpSocket *socket, GSctpStreamChange *event, Seen *seen)
{
  seen_add (seen, "stream-change", g_strdup_printf ("%u", event->outbound_streams));
}

static const struct {
  const char *name;
  GCallback handler;
} handlers[] = {
  { "message", G_CALLBACK (on_message) },
  { "passive", G_CALLBACK (on_passive) },
  { "association-change", G_CALLBACK (on_association_change) },
  { "peer-address-change", G_CALLBACK (on_peer_address_change) },
  { "send-failed", G_CALLBACK (on_send_failed) },
  { "remote-error", G_CALLBACK (on_remote_error) },
  { "shutdown", G_CALLBACK (on_shutdown) },
  { "partial-delivery", G_CALLBACK (on_partial_delivery) },
  { "adaptation-indication", G_CALLBACK (on_adaptation_indication) },
  { "authentication", G_CALLBACK (on_authentication) },
  { "sender-dry", G_CALLBACK (on_sender_dry) },
  { "stream-reset", G_CALLBACK (on_stream_reset) },
  { "association-reset", G_CALLBACK (on_association_reset) },
  { "stream-change", G_CALLBACK (on_stream_change) },
};

static void
seen_watch (Seen *seen,
            GSctpSocket *socket)
{
  seen->names = g_ptr_array_new_with_free_func (g_free);
  seen->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_connect (socket, handlers[i].name, handlers[i].handler, seen);
}

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->names, g_ptr_array_unref);
  g_clear_pointer (&seen->values, g_hash_table_unref);
}

/* Receives (events are emitted as the receive reads them) until @name was
 * seen. */
static void
receive_until (GSctpSocket *socket,
               Seen *seen,
               const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!seen_has (seen, name))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (socket, 200, NULL, &error);

      if (message == NULL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (g_get_monotonic_time () > deadline)
        g_error ("no %s signal", name);
    }
}

/* CRC32c (Castagnoli), reflected, as SCTP's checksum. */
static guint32
crc32c (const guint8 *data,
        gsize size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0x82f63b78 & (0u - (crc & 1)));
    }
  return ~crc;
}

/* A peer's ERROR chunk (Invalid Stream Identifier) to the server's end of
 * an association, sent as that peer from a raw socket: the verification
 * tag is taken from a packet the client sends. */
static void
inject_remote_error (GSctpSocket *client,
                     GSctpAssocId assoc_id,
                     guint16 client_port,
                     guint16 server_port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ping = test_bytes ("ping");
  GSctpSndInfo info = { .assoc_id = assoc_id };
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  guint8 packet[64];
  guint8 out[24] = { 0 };
  guint32 tag = 0, crc;
  int raw = socket (AF_INET, SOCK_RAW, IPPROTO_SCTP);

  g_assert_cmpint (raw, >=, 0);
  g_assert_true (gsctp_socket_send (client, &info, NULL, ping, NULL, &error));
  g_assert_no_error (error);
  for (;;)
    {
      ssize_t got = recv (raw, packet, sizeof packet, 0);
      gsize ihl;

      g_assert_cmpint (got, >, 0);
      ihl = (packet[0] & 0x0f) * 4;
      if ((gsize) got >= ihl + 12 &&
          ntohs (*(guint16 *) (packet + ihl)) == client_port &&
          ntohs (*(guint16 *) (packet + ihl + 2)) == server_port)
        {
          memcpy (&tag, packet + ihl + 4, 4);
          break;
        }
    }
  *(guint16 *) (out + 0) = htons (client_port);
  *(guint16 *) (out + 2) = htons (server_port);
  memcpy (out + 4, &tag, 4);
  out[12] = 9;                                  /* ERROR */
  *(guint16 *) (out + 14) = htons (12);
  *(guint16 *) (out + 16) = htons (1);          /* Invalid Stream Identifier */
  *(guint16 *) (out + 18) = htons (8);
  *(guint16 *) (out + 20) = htons (7);
  crc = crc32c (out, sizeof out);
  out[8] = crc & 0xff;
  out[9] = (crc >> 8) & 0xff;
  out[10] = (crc >> 16) & 0xff;
  out[11] = crc >> 24;
  g_assert_cmpint (sendto (raw, out, sizeof out, 0, (struct sockaddr *) &to, sizeof to), ==, sizeof out);
  close (raw);
}

/* The association reset of RFC 6525 §5.1.4, asked for by the client through
 * the kernel's own option: gsctp has no call for it. */
static void
request_association_reset (GSctpSocket *client,
                           GSctpAssocId assoc_id)
{
  sctp_assoc_t id = assoc_id;

  g_assert_cmpint (setsockopt (gsctp_socket_get_fd (client), IPPROTO_SCTP, SCTP_RESET_ASSOC,
                               &id, sizeof id), ==, 0);
}

static void
test_every_signal (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) hello = test_bytes ("hello");
  static const GSctpEventType extra[] = {
    GSCTP_EVENT_TYPE_ADAPTATION_INDICATION, GSCTP_EVENT_TYPE_AUTHENTICATION,
    GSCTP_EVENT_TYPE_SENDER_DRY, GSCTP_EVENT_TYPE_STREAM_RESET,
    GSCTP_EVENT_TYPE_ASSOC_RESET, GSCTP_EVENT_TYPE_STREAM_CHANGE,
  };
  Seen at_server = { 0 }, at_client = { 0 }, at_receiver = { 0 };
  guint16 port, client_port;
  char *expected;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  for (guint i = 0; i < 2; i++)
    {
      GSctpSocket *s = i ? client : server;

      g_object_set (s, "adaptation-layer", i ? 0x2222 : 0x1111, "reconfig-supported", TRUE, NULL);
      g_assert_true (gsctp_socket_enable_stream_reset (s, 0, GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS |
                                                       GSCTP_STREAM_RESET_FLAGS_RESET_ASSOC |
                                                       GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC, &error));
      for (guint k = 0; k < G_N_ELEMENTS (extra); k++)
        g_assert_true (gsctp_socket_subscribe (s, extra[k], 0, TRUE, &error));
      g_assert_no_error (error);
    }
  seen_watch (&at_server, server);
  seen_watch (&at_client, client);

  /* Setting up: association change, peer address, adaptation layer and
   * authentication (the kernel's "no auth" without SCTP-AUTH). */
  change = test_connect (client, port, 3);
  client_port = gsctp_socket_get_local_port (client, &error);
  g_assert_no_error (error);
  receive_until (client, &at_client, "adaptation-indication");
  receive_until (client, &at_client, "authentication");
  /* Making the one peer address primary (again) reports it. */
  {
    g_autoptr(GSocketAddress) server_address = test_address ("127.0.0.1", port);
    GSctpPrimaryAddr prim = { .assoc_id = change->assoc_id, .address = server_address };

    g_assert_true (gsctp_socket_set_primary_addr (client, &prim, &error));
    g_assert_no_error (error);
    receive_until (client, &at_client, "peer-address-change");
  }
  g_assert_cmpstr (seen_value (&at_client, "adaptation-indication"), ==, "1111");
  g_assert_cmpstr (seen_value (&at_client, "authentication"), ==,
                   (expected = g_strdup_printf ("%d", GSCTP_AUTH_INDICATION_NO_AUTH)));
  g_free (expected);
  receive_until (server, &at_server, "association-change");
  g_assert_cmpstr (seen_value (&at_server, "association-change"), ==,
                   (expected = g_strdup_printf ("%d", GSCTP_ASSOC_STATE_COMM_UP)) );
  g_free (expected);

  /* Data acknowledged: sender-dry. */
  {
    GSctpSndInfo info = { .assoc_id = change->assoc_id, .stream = 1, .ppid = 7 };

    g_assert_true (gsctp_socket_send (client, &info, NULL, hello, NULL, &error));
    g_assert_no_error (error);
    receive_until (client, &at_client, "sender-dry");
  }

  /* RFC 6525: streams reset, streams added, the association reset. */
  {
    const guint16 streams[] = { 1, 2 };

    g_assert_true (gsctp_socket_reset_streams (client, change->assoc_id, GSCTP_RESET_FLAGS_OUTGOING,
                                               streams, G_N_ELEMENTS (streams), &error));
    g_assert_no_error (error);
    receive_until (client, &at_client, "stream-reset");
    g_assert_cmpstr (seen_value (&at_client, "stream-reset"), ==, "1 2");
    g_assert_true (gsctp_socket_add_streams (client, change->assoc_id, 0, 4, &error));
    g_assert_no_error (error);
    receive_until (client, &at_client, "stream-change");
    g_assert_cmpstr (seen_value (&at_client, "stream-change"), ==, "4");
    request_association_reset (client, change->assoc_id);
    receive_until (client, &at_client, "association-reset");
  }

  /* A peer's ERROR chunk. */
  inject_remote_error (client, change->assoc_id, client_port, port);
  receive_until (server, &at_server, "remote-error");
  g_assert_cmpstr (seen_value (&at_server, "remote-error"), ==, "1");

  /* Active for one message, then passive: ::message, then ::passive. */
  {
    GSctpSndInfo info = { .assoc_id = change->assoc_id, .stream = 0 };
    g_autoptr(GBytes) one = test_bytes ("one");
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    /* Drain what the server has read so far. */
    while (TRUE)
      {
        g_autoptr(GSctpMessage) m = gsctp_socket_receive (server, 100, NULL, NULL);
        if (m == NULL)
          break;
      }
    gsctp_socket_set_active_count (server, 1);
    g_assert_true (gsctp_socket_send (client, &info, NULL, one, NULL, &error));
    g_assert_no_error (error);
    while (!seen_has (&at_server, "passive") && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (seen_value (&at_server, "message"), ==, "one");
    g_assert_true (seen_has (&at_server, "passive"));
    g_assert_cmpint (gsctp_socket_get_active (server), ==, GSCTP_ACTIVE_MODE_PASSIVE);
  }

  /* A graceful end: the server hears shutdown. */
  g_assert_true (gsctp_socket_shutdown (client, change->assoc_id, &error));
  g_assert_no_error (error);
  receive_until (server, &at_server, "shutdown");

  /* Data left unsent when the association is aborted: send-failed. */
  {
    g_autoptr(GSctpAssocChange) second = NULL;
    g_autofree guint8 *payload = g_malloc0 (8000);
    g_autoptr(GBytes) chunk = g_bytes_new (payload, 8000);
    GSctpSndInfo info = { .stream = 1, .ppid = 4242 };

    receive_until (client, &at_client, "association-change");
    test_set_buffers (client, 1024 * 1024);
    second = test_connect (client, port, 2);
    info.assoc_id = second->assoc_id;
    for (guint i = 0; i < 100; i++)
      {
        g_assert_true (gsctp_socket_send (client, &info, NULL, chunk, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (gsctp_socket_abort (client, second->assoc_id, &error));
    receive_until (client, &at_client, "send-failed");
    g_assert_cmpstr (seen_value (&at_client, "send-failed"), ==, "4242 8000");
  }

  /* A message cut short: part of it was delivered when the sender
   * aborted. */
  {
    g_autoptr(GSctpSocket) receiver = NULL;
    g_autoptr(GSctpSocket) sender = NULL;
    g_autoptr(GSctpAssocChange) third = NULL;
    g_autofree guint8 *payload = g_malloc0 (1024 * 1024);
    g_autoptr(GBytes) large = g_bytes_new (payload, 1024 * 1024);
    GSctpSndInfo info = { .stream = 0 };
    guint32 point = 4096;
    int small = 32 * 1024;
    guint16 receiver_port;
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    receiver = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &receiver_port);
    /* A window far smaller than the message, and partial delivery from
     * its first 4 KiB. */
    g_assert_cmpint (setsockopt (gsctp_socket_get_fd (receiver), SOL_SOCKET, SO_RCVBUF,
                                 &small, sizeof small), ==, 0);
    g_assert_cmpint (setsockopt (gsctp_socket_get_fd (receiver), IPPROTO_SCTP,
                                 SCTP_PARTIAL_DELIVERY_POINT, &point, sizeof point), ==, 0);
    seen_watch (&at_receiver, receiver);
    sender = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);
    test_set_buffers (sender, 4 * 1024 * 1024);
    third = test_connect (sender, receiver_port, 1);
    info.assoc_id = third->assoc_id;
    g_assert_true (gsctp_socket_send (sender, &info, NULL, large, NULL, &error));
    g_assert_no_error (error);
    g_usleep (200 * 1000);
    g_assert_true (gsctp_socket_abort (sender, third->assoc_id, &error));
    g_assert_no_error (error);

    /* The part that came is not a message: nothing but events. */
    while (!seen_has (&at_receiver, "partial-delivery"))
      {
        g_autoptr(GSctpMessage) message = gsctp_socket_receive (receiver, 200, NULL, &error);

        if (message == NULL)
          {
            g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
            g_clear_error (&error);
          }
        else
          g_assert_true (gsctp_message_is_event (message));
        if (g_get_monotonic_time () > deadline)
          g_error ("no partial-delivery signal");
      }
    g_assert_cmpstr (seen_value (&at_receiver, "partial-delivery"), ==, "1");
    g_signal_handlers_disconnect_by_data (receiver, &at_receiver);
  }

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    if (!seen_has (&at_server, handlers[i].name) && !seen_has (&at_client, handlers[i].name) &&
        !seen_has (&at_receiver, handlers[i].name))
      g_error ("signal %s not seen", handlers[i].name);
  g_signal_handlers_disconnect_by_data (server, &at_server);
  g_signal_handlers_disconnect_by_data (client, &at_client);
  seen_clear (&at_server);
  seen_clear (&at_client);
  seen_clear (&at_receiver);
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  test_add_kernel_only ("/signals/every-signal", test_every_signal);
  return g_test_run ();
}
