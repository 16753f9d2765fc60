/* events.c: SCTP events for real, against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <unistd.h>

#include "test-util.h"

/* The next message, data or event. */
static GSctpMessage *
next (GSctpSocket *socket)
{
  g_autoptr(GError) error = NULL;
  GSctpMessage *message = gsctp_socket_receive (socket, 10000, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

/* The next event of @type, skipping peer-address events (an association
 * may confirm its addresses at any time) and failing on anything else. */
static GSctpMessage *
next_event (GSctpSocket *socket,
            GSctpEventType type)
{
  for (;;)
    {
      GSctpMessage *message = next (socket);
      GSctpEventType got = gsctp_message_get_event_type (message);

      if (got == type)
        return message;
      g_assert_cmpint (got, ==, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE);
      gsctp_message_unref (message);
    }
}

static void
test_defaults (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  const struct { GSctpEventType type; gboolean on; } defaults[] = {
    { GSCTP_EVENT_TYPE_ASSOC_CHANGE, TRUE }, { GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, TRUE },
    { GSCTP_EVENT_TYPE_SEND_FAILED, TRUE }, { GSCTP_EVENT_TYPE_REMOTE_ERROR, TRUE },
    { GSCTP_EVENT_TYPE_SHUTDOWN, TRUE }, { GSCTP_EVENT_TYPE_PARTIAL_DELIVERY, TRUE },
    { GSCTP_EVENT_TYPE_ADAPTATION_INDICATION, FALSE }, { GSCTP_EVENT_TYPE_AUTHENTICATION, FALSE },
    { GSCTP_EVENT_TYPE_SENDER_DRY, FALSE }, { GSCTP_EVENT_TYPE_STREAM_RESET, FALSE },
    { GSCTP_EVENT_TYPE_ASSOC_RESET, FALSE }, { GSCTP_EVENT_TYPE_STREAM_CHANGE, FALSE },
  };

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      gboolean on = gsctp_socket_get_subscribed (socket, defaults[i].type, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (on, ==, defaults[i].on);
    }
  g_assert_true (gsctp_socket_subscribe (socket, GSCTP_EVENT_TYPE_SENDER_DRY, 0, TRUE, &error));
  g_assert_true (gsctp_socket_get_subscribed (socket, GSCTP_EVENT_TYPE_SENDER_DRY, 0, &error));
  g_assert_true (gsctp_socket_subscribe (socket, GSCTP_EVENT_TYPE_SHUTDOWN, 0, FALSE, &error));
  g_assert_false (gsctp_socket_get_subscribed (socket, GSCTP_EVENT_TYPE_SHUTDOWN, 0, &error));
  g_assert_no_error (error);
  /* A per-association subscription for an association that is not there. */
  g_assert_false (gsctp_socket_subscribe (socket, GSCTP_EVENT_TYPE_SENDER_DRY, 4242, TRUE, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION);
}

/* gen_sctp's passive recv: events in order with the data. */
static void
test_in_order_with_data (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) up = NULL;
  g_autoptr(GSctpMessage) data = NULL;
  g_autoptr(GBytes) hello = test_bytes ("hello");
  g_autoptr(GError) error = NULL;
  const GSctpAssocChange *server_up;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  change = test_connect (client, port, 3);
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 1, hello, NULL, &error));

  up = next_event (server, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_true (gsctp_message_is_event (up));
  g_assert_cmpuint (g_bytes_get_size (gsctp_message_get_data (up)), ==, 0);
  server_up = gsctp_message_get_assoc_change (up);
  g_assert_nonnull (server_up);
  g_assert_null (gsctp_message_get_shutdown_event (up));
  g_assert_cmpint (server_up->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_cmpuint (server_up->inbound_streams, ==, 3);
  g_assert_cmpint (gsctp_message_get_assoc_id (up), ==, server_up->assoc_id);
  g_assert_true (gsctp_message_check_error (up, &error));

  do
    {
      g_clear_pointer (&data, gsctp_message_unref);
      data = next (server);
    }
  while (gsctp_message_get_event_type (data) == GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE);
  g_assert_false (gsctp_message_is_event (data));
  g_assert_cmpint (gsctp_message_get_event_type (data), ==, GSCTP_EVENT_TYPE_NONE);
  g_assert_true (g_bytes_equal (gsctp_message_get_data (data), hello));
  g_assert_cmpint (gsctp_message_get_assoc_id (data), ==, server_up->assoc_id);

  /* The client's own comm-up went to its connect, not to its receives. */
  test_no_data (client, 100);
}

/* eof: the peer gets a shutdown event, then both get shutdown-comp. */
static void
test_shutdown_events (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) up = NULL;
  g_autoptr(GSctpMessage) shutdown_event = NULL;
  g_autoptr(GSctpMessage) server_comp = NULL;
  g_autoptr(GSctpMessage) client_comp = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  change = test_connect (client, port, 1);
  up = next_event (server, GSCTP_EVENT_TYPE_ASSOC_CHANGE);

  g_assert_true (gsctp_socket_shutdown (client, change->assoc_id, &error));
  g_assert_no_error (error);
  shutdown_event = next_event (server, GSCTP_EVENT_TYPE_SHUTDOWN);
  g_assert_cmpint (gsctp_message_get_shutdown_event (shutdown_event)->assoc_id, ==,
                   gsctp_message_get_assoc_change (up)->assoc_id);
  server_comp = next_event (server, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_cmpint (gsctp_message_get_assoc_change (server_comp)->state, ==, GSCTP_ASSOC_STATE_SHUTDOWN_COMP);
  client_comp = next_event (client, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_cmpint (gsctp_message_get_assoc_change (client_comp)->state, ==, GSCTP_ASSOC_STATE_SHUTDOWN_COMP);
}

/* Unsubscribed events are neither returned nor emitted. */
static void
test_unsubscribed (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) last = test_bytes ("last");
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&changes, server);
  g_assert_true (gsctp_socket_subscribe (server, GSCTP_EVENT_TYPE_SHUTDOWN, 0, FALSE, &error));
  g_assert_true (gsctp_socket_subscribe (server, GSCTP_EVENT_TYPE_ASSOC_CHANGE, 0, FALSE, &error));
  g_assert_true (gsctp_socket_subscribe (server, GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE, 0, FALSE, &error));
  g_assert_no_error (error);

  change = test_connect (client, port, 1);
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, last, NULL, &error));
  g_assert_true (gsctp_socket_shutdown (client, change->assoc_id, &error));
  message = next (server);
  g_assert_false (gsctp_message_is_event (message));
  g_assert_true (g_bytes_equal (gsctp_message_get_data (message), last));
  /* No shutdown event, no association changes. */
  g_assert_null (gsctp_socket_receive (server, 500, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (changes.changes->len, ==, 0);
  test_changes_clear (&changes);
}

static void
test_cant_assoc (void)
{
  g_autoptr(GSctpSocket) gone = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  GSctpAssocId assoc_id = 0;
  guint16 port;

  if (!(gone = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  gsctp_socket_close (gone, NULL);
  test_changes_watch (&changes, client);
  address = test_address ("127.0.0.1", port);

  /* gen_sctp's connect_init: the result is an event like any other. */
  assoc_id = gsctp_socket_associate_init (client, &address, 1, NULL, &error);
  g_assert_no_error (error);
  message = next_event (client, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_cmpint (gsctp_message_get_assoc_change (message)->state, ==, GSCTP_ASSOC_STATE_CANT_ASSOC);
  g_assert_cmpint (gsctp_message_get_assoc_id (message), ==, assoc_id);
  g_assert_nonnull (test_changes_find (&changes, GSCTP_ASSOC_STATE_CANT_ASSOC));
  test_changes_clear (&changes);
}

/* A multi-homed association reports its peer addresses. */
static void
test_peer_addresses (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 deadline;
  guint16 port;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  server = test_multihomed_server_new (G_SOCKET_FAMILY_IPV4, (const char *[]) { "127.0.0.1", "127.0.0.2" },
                                       2, &port, &error);
  g_assert_no_error (error);

  change = test_connect (client, port, 1);
  /* The second path is confirmed by a heartbeat: addr-confirmed (or
   * addr-available) for it, in time. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_hash_table_contains (seen, "127.0.0.2") && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 1000, NULL, NULL);
      const GSctpPeerAddrChange *paddr;

      if (message == NULL)
        continue;
      paddr = gsctp_message_get_peer_addr_change (message);
      g_assert_nonnull (paddr);
      g_assert_cmpint (paddr->assoc_id, ==, change->assoc_id);
      g_assert_true (paddr->state == GSCTP_PEER_ADDR_STATE_CONFIRMED ||
                     paddr->state == GSCTP_PEER_ADDR_STATE_AVAILABLE ||
                     paddr->state == GSCTP_PEER_ADDR_STATE_ADDED);
      g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (paddr->address)), ==, port);
      g_hash_table_add (seen, g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (paddr->address))));
      g_assert_true (gsctp_message_check_error (message, &error));
    }
  g_assert_true (g_hash_table_contains (seen, "127.0.0.2"));
}

/* Data queued when an association is aborted comes back in send-failed
 * events, whole, with how it was sent. */
static void
test_send_failed (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *payload = g_malloc0 (8000);
  GSctpSndInfo info = { .stream = 1, .ppid = 4242, .context = 7 };
  guint failed = 0;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_set_buffers (client, 1024 * 1024);
  change = test_connect (client, port, 2);
  info.assoc_id = change->assoc_id;
  chunk = g_bytes_new (payload, 8000);
  /* More than the server's receive window: the server never reads. */
  for (guint i = 0; i < 100; i++)
    {
      g_assert_true (gsctp_socket_send (client, &info, NULL, chunk, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gsctp_socket_abort (client, change->assoc_id, &error));

  /* The kernel reports comm-lost first, then fails what was queued as it
   * frees the association. */
  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 1000, NULL, &error);
      const GSctpSendFailed *sf;

      if (message == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
          g_clear_error (&error);
          break;
        }
      sf = gsctp_message_get_send_failed (message);
      if (sf == NULL)
        continue;
      failed++;
      g_assert_cmpint (sf->assoc_id, ==, change->assoc_id);
      g_assert_cmpuint (sf->info.stream, ==, 1);
      g_assert_cmpuint (sf->info.ppid, ==, 4242);
      g_assert_cmpuint (sf->info.context, ==, 7);
      if (test_userland ())
        {
          /* usrsctp returns what was on the wire chunk by chunk, and the
           * rest of a message begun: a piece of a message each. */
          gsize size;
          const guint8 *piece = g_bytes_get_data (sf->data, &size);

          g_assert_cmpuint (size, >, 0);
          g_assert_cmpuint (size, <=, 8000);
          for (gsize k = 0; k < size; k++)
            g_assert_cmpuint (piece[k], ==, 0);
        }
      else
        g_assert_true (g_bytes_equal (sf->data, chunk));
      g_assert_false (gsctp_message_check_error (message, &error));
      g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_SEND_FAILED);
      g_clear_error (&error);
    }
  g_assert_cmpuint (failed, >, 0);
}

static void
test_sender_dry (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GBytes) data = test_bytes ("dry soon");
  g_autoptr(GSctpMessage) dry = NULL;
  g_autoptr(GSctpMessage) received = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  change = test_connect (client, port, 1);
  g_assert_true (gsctp_socket_send_to_stream (client, change->assoc_id, 0, data, NULL, &error));
  g_assert_true (gsctp_socket_subscribe (client, GSCTP_EVENT_TYPE_SENDER_DRY, change->assoc_id,
                                         TRUE, &error));
  g_assert_no_error (error);
  received = test_receive (server);
  dry = next_event (client, GSCTP_EVENT_TYPE_SENDER_DRY);
  g_assert_cmpint (gsctp_message_get_sender_dry (dry)->assoc_id, ==, change->assoc_id);
}

static gboolean
run_ip (const char *action,
        const char *address)
{
  const char *argv[] = { "ip", "addr", action, address, "dev", "dummy0", NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* A multi-homed association loses a path: the guest takes one of the
 * server's addresses away, heartbeats to it go unanswered, and the client
 * hears addr-unreachable — an error for gen_sctp's recv. */
static void
test_addr_unreachable (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSocketAddress) first = NULL;
  g_autoptr(GError) error = NULL;
  gboolean unreachable = FALSE;
  gint64 deadline;
  guint16 port;

  if (!(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  /* The guest's dummy0 carries 192.0.2.1 and 192.0.2.2, and we are root
   * there. */
  server = test_multihomed_server_new (G_SOCKET_FAMILY_IPV4, (const char *[]) { "192.0.2.1", "192.0.2.2" },
                                       2, &port, &error);
  if (server == NULL || getuid () != 0)
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("No dummy0 network to take a path down: %s",
                            error ? error->message : "not root");
      else
        g_test_skip ("Needs the test guest's dummy0 addresses and root (tools/sctp-run)");
      return;
    }

  /* Fast failure detection: short heartbeats and timeouts, one retry. */
  {
    g_autoptr(GSctpRtoInfo) rto = gsctp_rto_info_new (0);
    g_autoptr(GSctpPeerAddrParams) params = gsctp_peer_addr_params_new (0, NULL);

    rto->initial = 100;
    rto->min = 50;
    rto->max = 100;
    g_assert_true (gsctp_socket_set_rto_info (client, rto, &error));
    params->hb_interval = 100;
    params->path_max_rxt = 1;
    params->flags = GSCTP_PEER_ADDR_FLAGS_HB_ENABLE;
    g_assert_true (gsctp_socket_set_peer_addr_params (client, params, &error));
    g_assert_no_error (error);
  }
  first = test_address ("192.0.2.1", port);
  change = gsctp_socket_associate (client, &first, 1, NULL, 10000, NULL, &error);
  g_assert_no_error (error);

  /* The kernel reports the loss only of a path it has confirmed. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (gboolean confirmed = FALSE; !confirmed;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 1000, NULL, NULL);
      const GSctpPeerAddrChange *paddr;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (message == NULL || (paddr = gsctp_message_get_peer_addr_change (message)) == NULL)
        continue;
      confirmed = paddr->state == GSCTP_PEER_ADDR_STATE_CONFIRMED &&
                  g_inet_address_to_bytes (g_inet_socket_address_get_address (
                    G_INET_SOCKET_ADDRESS (paddr->address)))[3] == 2;
    }

  g_assert_true (run_ip ("del", "192.0.2.2/24"));
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!unreachable && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (client, 1000, NULL, NULL);
      const GSctpPeerAddrChange *paddr;
      g_autofree char *ip = NULL;

      if (message == NULL || (paddr = gsctp_message_get_peer_addr_change (message)) == NULL)
        continue;
      ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (paddr->address)));
      if (paddr->state != GSCTP_PEER_ADDR_STATE_UNREACHABLE)
        continue;
      g_assert_cmpstr (ip, ==, "192.0.2.2");
      g_assert_cmpint (paddr->assoc_id, ==, change->assoc_id);
      g_assert_false (gsctp_message_check_error (message, &error));
      g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_ADDRESS_UNREACHABLE);
      g_clear_error (&error);
      unreachable = TRUE;
    }
  g_assert_true (run_ip ("add", "192.0.2.2/24"));
  g_assert_true (unreachable);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/events/defaults", test_defaults);
  g_test_add_func ("/events/in-order-with-data", test_in_order_with_data);
  g_test_add_func ("/events/shutdown", test_shutdown_events);
  g_test_add_func ("/events/unsubscribed", test_unsubscribed);
  g_test_add_func ("/events/cant-assoc", test_cant_assoc);
  test_add_kernel_only ("/events/peer-addresses", test_peer_addresses);
  g_test_add_func ("/events/send-failed", test_send_failed);
  g_test_add_func ("/events/sender-dry", test_sender_dry);
  test_add_kernel_only ("/events/addr-unreachable", test_addr_unreachable);
  return g_test_run ();
}
