/* careless.c: calls that must lose nothing and run no handler late, made
 * the way a hurried caller makes them — against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

/* The server's data messages, in order, until none comes for a while. */
static GPtrArray *
receive_all_data (GSctpSocket *socket)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (socket, 500, NULL, &error);
      gsize size;
      const guint8 *data;

      if (message == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
          return texts;
        }
      if (gsctp_message_is_event (message))
        continue;
      data = gsctp_message_peek_data (message, &size);
      g_ptr_array_add (texts, g_strndup ((const char *) data, size));
    }
}

static void
assert_texts (GPtrArray *texts,
              const char *prefix,
              guint first,
              guint n)
{
  g_assert_cmpuint (texts->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s %u", prefix, first + i);

      g_assert_cmpstr (g_ptr_array_index (texts, i), ==, expected);
    }
}

/* A receive without a callback would take a message nobody gets: it is
 * refused, and the messages stay for the next receive. */
static void
test_receive_async_without_callback (void)
{
  g_autoptr(GPtrArray) texts = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  g_test_expect_message ("Gsctp", G_LOG_LEVEL_CRITICAL, "*callback != NULL*");
  gsctp_socket_receive_async (p.server, NULL, NULL, NULL);
  g_test_assert_expected_messages ();
  test_pair_send (&p, 2, "data");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  texts = receive_all_data (p.server);
  assert_texts (texts, "data", 0, 2);
out:
  test_pair_clear (&p);
}

/* An associate without a callback does not take the association's change:
 * it comes as an event, as from associate_init. */
static void
test_associate_async_without_callback (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSctpMessage) up = NULL;
  const GSctpAssocChange *change;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  address = test_address ("127.0.0.1", port);
  gsctp_socket_associate_async (client, &address, 1, NULL, NULL, NULL, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  up = test_next_event (client, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  change = gsctp_message_get_assoc_change (up);
  g_assert_cmpint (change->state, ==, GSCTP_ASSOC_STATE_COMM_UP);
  g_assert_cmpint (change->assoc_id, !=, 0);
}

typedef struct {
  guint calls;
  GPtrArray *texts;             /* of the data messages, when set */
  gboolean close;
  gboolean unref;
  gboolean passive;
  GMainLoop *loop;
} Handler;

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            Handler *handler)
{
  handler->calls++;
  if (handler->texts != NULL && !gsctp_message_is_event (message))
    {
      gsize size;
      const guint8 *data = gsctp_message_peek_data (message, &size);

      g_ptr_array_add (handler->texts, g_strndup ((const char *) data, size));
    }
  if (handler->close)
    gsctp_socket_close (socket, NULL);
  if (handler->passive)
    gsctp_socket_set_active (socket, GSCTP_ACTIVE_MODE_PASSIVE);
  if (handler->unref)
    g_object_unref (socket);
  if (handler->loop != NULL)
    g_main_loop_quit (handler->loop);
}

/* Ten messages wait; an active socket reads them all in one dispatch (up
 * to 16), and its first ::message handler does what @handler says. */
static void
run_first_handler (TestPair *p,
                   Handler *handler)
{
  handler->loop = g_main_loop_new (NULL, FALSE);
  /* All sent at once, and all arrived before the socket turns active. */
  g_object_set (p->client, "nodelay", TRUE, NULL);
  test_pair_send (p, 10, "queued");
  g_usleep (300 * 1000);
  g_signal_connect (p->server, "message", G_CALLBACK (on_message), handler);
  gsctp_socket_set_active (p->server, GSCTP_ACTIVE_MODE_ACTIVE);
  g_main_loop_run (handler->loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&handler->loop, g_main_loop_unref);
}

/* After close, no handler runs, though the dispatch had read more. */
static void
test_close_in_message_handler (void)
{
  Handler handler = { .close = TRUE };
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  run_first_handler (&p, &handler);
  g_assert_cmpuint (handler.calls, ==, 1);
out:
  test_pair_clear (&p);
}

/* After the application's last unref, no handler runs, and the socket
 * goes. */
static void
test_unref_in_message_handler (void)
{
  Handler handler = { .unref = TRUE };
  GSctpSocket *server;
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  server = p.server;
  g_object_add_weak_pointer (G_OBJECT (server), (gpointer *) &server);
  run_first_handler (&p, &handler);
  g_assert_cmpuint (handler.calls, ==, 1);
  g_assert_null (server);
  p.server = NULL;
out:
  test_pair_clear (&p);
}

/* Made passive in a handler, the socket emits no more: what the dispatch
 * had read is kept, in order, for receives. */
static void
test_passive_in_message_handler (void)
{
  Handler handler = { .passive = TRUE };
  g_autoptr(GPtrArray) texts = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  /* The association's setup events go first. */
  g_ptr_array_unref (receive_all_data (p.server));
  run_first_handler (&p, &handler);
  g_assert_cmpuint (handler.calls, ==, 1);
  texts = receive_all_data (p.server);
  assert_texts (texts, "queued", 1, 9);
out:
  test_pair_clear (&p);
}

/* Made passive in a handler and active again later, the socket emits
 * what it had kept, in order, without waiting for more to arrive. */
static void
test_active_again_with_read_ahead (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Handler handler = { .passive = TRUE, .texts = texts };
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  g_ptr_array_unref (receive_all_data (p.server));
  run_first_handler (&p, &handler);
  g_assert_cmpuint (handler.calls, ==, 1);
  handler.passive = FALSE;
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  for (gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       texts->len < 10 && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, FALSE);
  assert_texts (texts, "queued", 0, 10);
out:
  test_pair_clear (&p);
}

static void
send_async_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  GError **error = user_data;

  g_assert_false (gsctp_socket_send_finish (GSCTP_SOCKET (source), result, error));
}

/* SCTP has no empty message: a send of none says so, not that the
 * association is missing. */
static void
test_empty_send (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  GError *error = NULL;
  GSctpSndInfo info = { 0 };
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  info.assoc_id = p.change->assoc_id;
  g_assert_false (gsctp_socket_send (p.client, &info, NULL, empty, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  gsctp_socket_send_async (p.client, &info, NULL, empty, NULL, send_async_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
out:
  test_pair_clear (&p);
}

static void
not_initialised_cb (GObject *source,
                    GAsyncResult *result,
                    gpointer user_data)
{
  GError **error = user_data;

  g_assert_null (gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, error));
}

/* Made the GObject way and never initialised: every call says so. */
static void
test_not_initialised (void)
{
  g_autoptr(GSctpSocket) socket = g_object_new (GSCTP_TYPE_SOCKET, "family", G_SOCKET_FAMILY_IPV4, NULL);
  g_autoptr(GSocketAddress) address = test_address ("127.0.0.1", 0);
  g_autoptr(GBytes) data = test_bytes ("x");
  GSctpSndInfo info = { 0 };
  GError *error = NULL;

  g_assert_false (gsctp_socket_bind (socket, &address, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  g_assert_false (gsctp_socket_send (socket, &info, address, data, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_receive (socket, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  gsctp_socket_receive_async (socket, NULL, not_initialised_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  gsctp_socket_set_active (socket, GSCTP_ACTIVE_MODE_ACTIVE);
  g_assert_cmpint (gsctp_socket_get_fd (socket), ==, -1);
  g_assert_true (gsctp_socket_close (socket, &error));
  g_assert_no_error (error);
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/careless/receive-async-without-callback", test_receive_async_without_callback);
  g_test_add_func ("/careless/associate-async-without-callback", test_associate_async_without_callback);
  g_test_add_func ("/careless/close-in-message-handler", test_close_in_message_handler);
  g_test_add_func ("/careless/unref-in-message-handler", test_unref_in_message_handler);
  g_test_add_func ("/careless/passive-in-message-handler", test_passive_in_message_handler);
  g_test_add_func ("/careless/active-again-with-read-ahead", test_active_again_with_read_ahead);
  g_test_add_func ("/careless/not-initialised", test_not_initialised);
  g_test_add_func ("/careless/empty-send", test_empty_send);
  return g_test_run ();
}
