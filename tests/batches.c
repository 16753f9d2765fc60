/* batches.c: ::messages, an active socket's messages and events in
 * batches, in order with the other signals
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

typedef struct {
  GMainLoop *loop;
  GPtrArray *log;           /* what the signals gave, in order (strings) */
  GPtrArray *batches;       /* every batch, kept with g_ptr_array_ref() */
  guint data;               /* data messages seen */
  guint wanted;
  guint singles;            /* ::message emissions */
  guint passive;
  guint largest;
  gboolean close_in_handler;
  gboolean passive_in_handler;
} Batches;

static void
on_messages (GSctpSocket *socket,
             GPtrArray *messages,
             gpointer user_data)
{
  Batches *b = user_data;

  g_assert_cmpuint (messages->len, >, 0);
  b->largest = MAX (b->largest, messages->len);
  g_ptr_array_add (b->batches, g_ptr_array_ref (messages));
  for (guint i = 0; i < messages->len; i++)
    {
      GSctpMessage *message = g_ptr_array_index (messages, i);

      if (gsctp_message_is_event (message))
        g_ptr_array_add (b->log, g_strdup ("event"));
      else
        {
          gsize size;
          const char *text = (const char *) gsctp_message_peek_data (message, &size);

          g_ptr_array_add (b->log, g_strndup (text, size));
          b->data++;
        }
    }
  g_ptr_array_add (b->log, g_strdup ("|"));
  if (b->close_in_handler)
    gsctp_socket_close (socket, NULL);
  if (b->passive_in_handler)
    gsctp_socket_set_active (socket, GSCTP_ACTIVE_MODE_PASSIVE);
  if (b->data >= b->wanted || b->close_in_handler || b->passive_in_handler)
    g_main_loop_quit (b->loop);
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            gpointer user_data)
{
  Batches *b = user_data;

  b->singles++;
}

static void
on_association_change (GSctpSocket *socket,
                       GSctpAssocChange *change,
                       gpointer user_data)
{
  Batches *b = user_data;

  g_ptr_array_add (b->log, g_strdup ("association-change"));
}

static void
on_passive (GSctpSocket *socket,
            gpointer user_data)
{
  Batches *b = user_data;

  b->passive++;
  g_ptr_array_add (b->log, g_strdup ("passive"));
  g_main_loop_quit (b->loop);
}

static void
batches_init (Batches *b,
              GSctpSocket *socket,
              guint wanted)
{
  memset (b, 0, sizeof *b);
  b->loop = g_main_loop_new (NULL, FALSE);
  b->log = g_ptr_array_new_with_free_func (g_free);
  b->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  b->wanted = wanted;
  g_signal_connect (socket, "messages", G_CALLBACK (on_messages), b);
  g_signal_connect (socket, "message", G_CALLBACK (on_message), b);
  g_signal_connect (socket, "association-change", G_CALLBACK (on_association_change), b);
  g_signal_connect (socket, "passive", G_CALLBACK (on_passive), b);
}

static void
batches_clear (Batches *b)
{
  g_clear_pointer (&b->loop, g_main_loop_unref);
  g_clear_pointer (&b->log, g_ptr_array_unref);
  g_clear_pointer (&b->batches, g_ptr_array_unref);
}

/* Kept until run() removes it: the test's assertions then say what did
 * not come. */
static gboolean
give_up (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static void
run (Batches *b)
{
  guint timeout = g_timeout_add_seconds (10, give_up, b->loop);

  g_main_loop_run (b->loop);
  g_source_remove (timeout);
}

static void
assert_data_in_order (Batches *b,
                      const char *prefix,
                      guint n)
{
  guint seen = 0;

  for (guint i = 0; i < b->log->len; i++)
    {
      const char *entry = g_ptr_array_index (b->log, i);

      if (g_str_has_prefix (entry, prefix))
        {
          g_autofree char *expected = g_strdup_printf ("%s %u", prefix, seen);

          g_assert_cmpstr (entry, ==, expected);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, n);
}

/* Receives "@prefix @first" to "@prefix @end - 1", in order. */
static void
assert_received_in_order (GSctpSocket *socket,
                          const char *prefix,
                          guint first,
                          guint end)
{
  for (guint i = first; i < end; i++)
    {
      g_autoptr(GSctpMessage) next = test_receive (socket);
      g_autofree char *text = g_strdup_printf ("%s %u", prefix, i);

      g_assert_true (test_bytes_equal_string (gsctp_message_get_data (next), text));
    }
}

/* Data and events in batches, in order, with each event's own signal
 * before the batch that holds it; ::message not emitted; the messages
 * kept after their emission. */
static void
test_order (void)
{
  Batches b;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  batches_init (&b, p.server, 100);
  test_pair_send (&p, 100, "batch");
  g_usleep (200 * 1000);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  run (&b);
  g_assert_cmpuint (b.data, ==, 100);
  g_assert_cmpuint (b.singles, ==, 0);
  /* Read in dispatches of many: batches of more than one. */
  g_assert_cmpuint (b.largest, >, 1);
  /* The server's comm-up: its signal, then a batch that begins with it. */
  g_assert_cmpstr (g_ptr_array_index (b.log, 0), ==, "association-change");
  g_assert_cmpstr (g_ptr_array_index (b.log, 1), ==, "event");
  assert_data_in_order (&b, "batch", 100);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);

  /* Kept by reference: every message still readable after its batch. */
  {
    guint seen = 0;

    for (guint i = 0; i < b.batches->len; i++)
      {
        GPtrArray *batch = g_ptr_array_index (b.batches, i);

        for (guint j = 0; j < batch->len; j++)
          if (!gsctp_message_is_event (g_ptr_array_index (batch, j)))
            {
              g_autofree char *text = g_strdup_printf ("batch %u", seen++);

              g_assert_true (test_bytes_equal_string (
                gsctp_message_get_data (g_ptr_array_index (batch, j)), text));
            }
      }
    g_assert_cmpuint (seen, ==, 100);
  }
  batches_clear (&b);
out:
  test_pair_clear (&p);
}

/* Without a ::messages handler, ::message as before. */
static void
test_singles_without_handler (void)
{
  Batches b;
  TestPair p;
  gulong id;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  batches_init (&b, p.server, 100);
  id = g_signal_handler_find (p.server, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_messages, NULL);
  g_signal_handler_disconnect (p.server, id);
  test_pair_send (&p, 10, "single");
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  while (b.singles < 11)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (b.batches->len, ==, 0);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  batches_clear (&b);
out:
  test_pair_clear (&p);
}

static void
on_messages_once (GSctpSocket *socket,
                  GPtrArray *messages,
                  gpointer user_data)
{
  Batches *b = user_data;

  b->largest = MAX (b->largest, messages->len);
  g_signal_handlers_disconnect_by_func (socket, on_messages_once, b);
}

static void
on_single_shutdown (GSctpSocket *socket,
                    GSctpMessage *message,
                    gpointer user_data)
{
  Batches *b = user_data;
  const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);

  b->singles++;
  if (change != NULL && change->state == GSCTP_ASSOC_STATE_SHUTDOWN_COMP)
    g_main_loop_quit (b->loop);
}

/* A ::messages handler that goes in its first batch: what the same
 * dispatch read after it (here the peer's shutdown, read with the data)
 * comes as ::message, not to no one. */
static void
test_handler_gone (void)
{
  g_autoptr(GError) error = NULL;
  Batches b;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  batches_init (&b, p.server, 1000);
  g_signal_handlers_disconnect_by_func (p.server, on_messages, &b);
  g_signal_handlers_disconnect_by_func (p.server, on_message, &b);
  g_signal_connect (p.server, "messages", G_CALLBACK (on_messages_once), &b);
  g_signal_connect (p.server, "message", G_CALLBACK (on_single_shutdown), &b);
  test_pair_send (&p, 10, "gone");
  g_assert_true (gsctp_socket_shutdown (p.client, p.change->assoc_id, &error));
  g_assert_no_error (error);
  /* Past the server's delayed acknowledgement (200 ms), after which the
   * client sends its SHUTDOWN. */
  g_usleep (600 * 1000);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  run (&b);
  /* One batch (on kernel SCTP the comm-up and the data); the shutdown's
   * events (its own, then the association's end) one at a time. */
  g_assert_cmpuint (b.largest, >, 0);
  g_assert_cmpuint (b.singles, >=, 2);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_PASSIVE);
  batches_clear (&b);
out:
  test_pair_clear (&p);
}

/* The count runs out inside a dispatch: the batch ends there, ::passive
 * follows, the rest is for receives. */
static void
test_count (void)
{
  Batches b;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  batches_init (&b, p.server, 1000);
  {
    /* Past the comm-up. */
    g_autoptr(GSctpMessage) first = NULL;

    test_pair_send (&p, 1, "warm-up");
    first = test_receive (p.server);
  }
  test_pair_send (&p, 20, "count");
  g_usleep (200 * 1000);
  gsctp_socket_set_active_count (p.server, 5);
  run (&b);
  g_assert_cmpuint (b.passive, ==, 1);
  g_assert_cmpuint (b.data, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (b.log, b.log->len - 1), ==, "passive");
  assert_data_in_order (&b, "count", 5);
  assert_received_in_order (p.server, "count", 5, 20);
  batches_clear (&b);
out:
  test_pair_clear (&p);
}

/* With 100 messages waiting, the socket made active: the first batch's
 * handler stops it (passive or closed), and no further batch comes. */
static void
run_one_batch_only (TestPair *p,
                    Batches *b,
                    const char *prefix)
{
  test_pair_send (p, 100, prefix);
  g_usleep (200 * 1000);
  gsctp_socket_set_active (p->server, GSCTP_ACTIVE_MODE_ACTIVE);
  run (b);
  g_assert_cmpuint (b->batches->len, ==, 1);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (b->batches->len, ==, 1);
}

/* A handler that makes the socket passive gets no further batch, and
 * nothing is lost: the rest comes to receives, in order. */
static void
test_passive_in_handler (void)
{
  Batches b;
  TestPair p;
  guint batched;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  batches_init (&b, p.server, 1000);
  b.passive_in_handler = TRUE;
  run_one_batch_only (&p, &b, "made-passive");
  batched = b.data;
  g_assert_cmpuint (batched, <, 100);
  assert_received_in_order (p.server, "made-passive", batched, 100);
  batches_clear (&b);
out:
  test_pair_clear (&p);
}

/* After close in a handler, no signal runs. */
static void
test_close_in_handler (void)
{
  Batches b;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  batches_init (&b, p.server, 1000);
  b.close_in_handler = TRUE;
  run_one_batch_only (&p, &b, "closed");
  g_assert_cmpuint (b.singles, ==, 0);
  g_assert_cmpuint (b.passive, ==, 0);
  batches_clear (&b);
out:
  test_pair_clear (&p);
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/batches/order", test_order);
  g_test_add_func ("/batches/singles-without-handler", test_singles_without_handler);
  g_test_add_func ("/batches/count", test_count);
  g_test_add_func ("/batches/handler-gone", test_handler_gone);
  g_test_add_func ("/batches/passive-in-handler", test_passive_in_handler);
  g_test_add_func ("/batches/close-in-handler", test_close_in_handler);
  return g_test_run ();
}
