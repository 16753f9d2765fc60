/* faults.c: peers that die, closes from callbacks, unrefs with operations
 * pending, and bad input — against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "test-util.h"

/* A peer process that associates and sends until it is killed. */
static GPid
spawn_sender (guint16 port)
{
  g_autofree char *script = g_strdup_printf (
    "import socket\n"
    "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_SCTP)\n"
    "s.connect(('127.0.0.1', %u))\n"
    "while True:\n"
    "    s.send(b'x' * 1000)\n", port);
  const char *argv[] = { "python3", "-c", script, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

typedef struct {
  GMainLoop *loop;
  guint received;
  GError *error;
} Reader;

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reader *reader = user_data;
  g_autoptr(GSctpMessage) message = gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, &reader->error);

  if (message == NULL)
    {
      g_main_loop_quit (reader->loop);
      return;
    }
  if (!gsctp_message_is_event (message))
    reader->received++;
  gsctp_socket_receive_async (GSCTP_SOCKET (source), NULL, read_cb, reader);
}

static gboolean
kill_later (gpointer pid)
{
  kill (GPOINTER_TO_INT (pid), SIGKILL);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* The peer is killed mid-transfer: the association ends, and the pending
 * receive on its one-to-one socket fails instead of waiting for ever. */
static void
test_peer_killed (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GSctpMessage) first = NULL;
  g_autoptr(GError) error = NULL;
  Reader reader = { g_main_loop_new (NULL, FALSE), 0, NULL };
  gint64 start;
  guint16 port;
  GPid pid;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)))
    goto out;
  pid = spawn_sender (port);
  /* The sender is a Python process: slow to start in an emulated guest. */
  do
    {
      g_clear_pointer (&first, gsctp_message_unref);
      first = gsctp_socket_receive (server, 120000, NULL, &error);
      g_assert_no_error (error);
    }
  while (gsctp_message_is_event (first));
  peeled = gsctp_socket_peeloff (server, gsctp_message_get_assoc_id (first), &error);
  g_assert_no_error (error);

  gsctp_socket_receive_async (peeled, NULL, read_cb, &reader);
  g_timeout_add (300, kill_later, GINT_TO_POINTER (pid));
  g_timeout_add_seconds (60, quit_loop, reader.loop);
  start = g_get_monotonic_time ();
  g_main_loop_run (reader.loop);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  g_assert_cmpuint (reader.received, >, 0);
  g_assert_error (reader.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 55 * G_USEC_PER_SEC);
  g_clear_error (&reader.error);
out:
  g_main_loop_unref (reader.loop);
}

static void
close_on_change (GSctpSocket *socket, GSctpAssocChange *change, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  g_assert_true (gsctp_socket_close (socket, NULL));
}

/* A signal handler closes the socket that emitted it. */
static void
test_close_in_handler (void)
{
  g_autoptr(GError) error = NULL;
  guint calls = 0;
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  g_signal_connect (p.server, "association-change", G_CALLBACK (close_on_change), &calls);
  {
    g_autoptr(GSctpMessage) up = gsctp_socket_receive (p.server, 5000, NULL, &error);

    /* The comm-up that made the handler close the socket still comes. */
    g_assert_no_error (error);
    g_assert_nonnull (gsctp_message_get_assoc_change (up));
  }
  g_assert_cmpuint (calls, ==, 1);
  g_assert_true (gsctp_socket_is_closed (p.server));
  g_assert_null (gsctp_socket_receive (p.server, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
out:
  test_pair_clear (&p);
}

static void
close_on_message (GSctpSocket *socket, GSctpMessage *message, gpointer loop)
{
  gsctp_socket_close (socket, NULL);
  g_main_loop_quit (loop);
}

/* The same in an active mode, from ::message, with more messages queued. */
static void
test_close_in_active_handler (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  test_pair_send (&p, 20, "queued");
  g_signal_connect (p.server, "message", G_CALLBACK (close_on_message), loop);
  gsctp_socket_set_active (p.server, GSCTP_ACTIVE_MODE_ACTIVE);
  g_main_loop_run (loop);
  g_assert_true (gsctp_socket_is_closed (p.server));
  /* Nothing more is dispatched for a closed socket. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
out:
  test_pair_clear (&p);
}

typedef struct {
  GMainLoop *loop;
  GSctpMessage *message;
} Pending;

static void
pending_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;

  pending->message = gsctp_socket_receive_finish (GSCTP_SOCKET (source), result, NULL);
  g_main_loop_quit (pending->loop);
}

/* The last reference of the application goes while a receive is pending:
 * the operation keeps the socket, completes, and then the socket goes. */
static void
test_unref_with_pending_receive (void)
{
  Pending pending = { g_main_loop_new (NULL, FALSE), NULL };
  GSctpSocket *server;
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  server = g_steal_pointer (&p.server);
  g_object_add_weak_pointer (G_OBJECT (server), (gpointer *) &server);
  gsctp_socket_receive_async (server, NULL, pending_cb, &pending);
  g_object_unref (server);
  g_assert_nonnull (server);
  g_main_loop_run (pending.loop);     /* the comm-up event */
  g_assert_nonnull (pending.message);
  g_clear_pointer (&pending.message, gsctp_message_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (server);
out:
  g_main_loop_unref (pending.loop);
  test_pair_clear (&p);
}

/* Every operation on a closed socket says so. */
static void
test_closed_socket (void)
{
  g_autoptr(GSocketAddress) address = test_address ("127.0.0.1", 9);
  g_autoptr(GBytes) data = test_bytes ("x");
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { 0 };
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  gsctp_socket_close (p.client, NULL);
#define CLOSED(call)                                                    \
  G_STMT_START {                                                        \
    g_assert_false ((call) ? TRUE : FALSE);                             \
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);              \
    g_clear_error (&error);                                             \
  } G_STMT_END
  CLOSED (gsctp_socket_bind (p.client, &address, 1, &error));
  CLOSED (gsctp_socket_listen (p.client, 1, &error));
  CLOSED (gsctp_socket_associate (p.client, &address, 1, NULL, 1000, NULL, &error) != NULL);
  CLOSED (gsctp_socket_associate_init (p.client, &address, 1, NULL, &error));
  CLOSED (gsctp_socket_send (p.client, &info, NULL, data, NULL, &error));
  CLOSED (gsctp_socket_send_to_stream (p.client, 0, 0, data, NULL, &error));
  CLOSED (gsctp_socket_receive (p.client, 0, NULL, &error) != NULL);
  CLOSED (gsctp_socket_abort (p.client, p.change->assoc_id, &error));
  CLOSED (gsctp_socket_shutdown (p.client, p.change->assoc_id, &error));
  CLOSED (gsctp_socket_peeloff (p.client, p.change->assoc_id, &error) != NULL);
  CLOSED (gsctp_socket_get_status (p.client, p.change->assoc_id, &error) != NULL);
  CLOSED (gsctp_socket_subscribe (p.client, GSCTP_EVENT_TYPE_SENDER_DRY, 0, TRUE, &error));
  CLOSED (gsctp_socket_get_local_addresses (p.client, 0, &error) != NULL);
  CLOSED (gsctp_socket_set_linger (p.client, TRUE, 1, &error));
#undef CLOSED
  g_assert_cmpint (gsctp_socket_get_fd (p.client), ==, -1);
out:
  test_pair_clear (&p);
}

/* Bad values get clear errors. */
static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  /* A message larger than the send buffer. */
  {
    gsize size = 4 * 1024 * 1024;
    g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (size), size);

    g_object_set (p.client, "send-buffer-size", 65536, NULL);
    g_assert_false (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 0, huge, NULL, &error));
    g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE);
    g_clear_error (&error);
  }
  /* Associations that do not exist. */
  g_assert_false (gsctp_socket_abort (p.client, 31337, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_peeloff (p.server, 31337, &error));
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_get_peer_addresses (p.client, 31337, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Option values the kernel refuses. */
  {
    g_autoptr(GSctpRtoInfo) rto = gsctp_rto_info_new (p.change->assoc_id);

    rto->min = 5000;
    rto->max = 100;
    g_assert_false (gsctp_socket_set_rto_info (p.client, rto, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_INT);
    g_value_set_int (&value, -5);
    g_assert_false (gsctp_socket_set_option (p.client, "sctp_autoclose", 0, &value, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  /* Programming errors: criticals, and no crash. */
  g_test_expect_message ("Gsctp", G_LOG_LEVEL_CRITICAL, "*info != NULL*");
  g_assert_false (gsctp_socket_send (p.client, NULL, NULL, NULL, NULL, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message ("Gsctp", G_LOG_LEVEL_CRITICAL, "*GSCTP_IS_SOCKET*");
  g_assert_null (gsctp_socket_receive (NULL, 0, NULL, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message ("Gsctp", G_LOG_LEVEL_CRITICAL, "*family*");
  g_assert_null (gsctp_socket_new (G_SOCKET_FAMILY_UNIX, GSCTP_SOCKET_TYPE_SEQPACKET, NULL));
  g_test_assert_expected_messages ();
out:
  test_pair_clear (&p);
}

/* Addresses and ports that cannot work, and option values of the wrong
 * kind: each a GError that says what is wrong. */
static void
test_bad_addresses_and_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) not_here = g_inet_socket_address_new_from_string ("203.0.113.7", 0);
  g_autoptr(GSocketAddress) v6 = g_inet_socket_address_new_from_string ("::1", 9);
  struct sockaddr unix_native = { .sa_family = AF_UNIX };
  g_autoptr(GSocketAddress) unix_address = g_native_socket_address_new (&unix_native,
                                                                      sizeof unix_native);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(GSctpSocket) socket = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);

  /* An address this host does not have. */
  g_assert_false (gsctp_socket_bind (socket, &not_here, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Could not bind"));
  g_clear_error (&error);
  /* Not an IP address, and not this socket's family. */
  g_assert_false (gsctp_socket_bind (socket, &unix_address, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (gsctp_socket_bind (socket, &v6, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (gsctp_socket_associate (socket, &v6, 1, NULL, 1000, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* No peer address at all: a programming error. */
  g_test_expect_message ("Gsctp", G_LOG_LEVEL_CRITICAL, "*addresses != NULL*");
  g_assert_null (gsctp_socket_associate (socket, NULL, 0, NULL, 1000, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  /* Port 0 is nobody's. */
  {
    g_autoptr(GSocketAddress) port0 = g_inet_socket_address_new_from_string ("127.0.0.1", 0);

    g_assert_null (gsctp_socket_associate (socket, &port0, 1, NULL, 1000, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  /* A send to an address of the wrong kind. */
  {
    GSctpSndInfo info = { .assoc_id = 0 };

    g_assert_false (gsctp_socket_send (socket, &info, unix_address, data, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* Options: unknown names, values of the wrong type or out of range. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, "yes");
  g_assert_false (gsctp_socket_set_option (p.client, "sctp_nodelay", 0, &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "gboolean"));
  g_clear_error (&error);
  g_assert_false (gsctp_socket_set_option (p.client, "sctp_no_such_option", 0, &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "sctp_no_such_option"));
  g_clear_error (&error);
  g_assert_false (gsctp_socket_set_option (p.client, "sctp_rtoinfo", 0, &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "GSctpRtoInfo"));
  g_clear_error (&error);
  g_assert_null (gsctp_socket_get_option (p.client, "sctp_no_such_option", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, G_MAXUINT);
  g_assert_false (gsctp_socket_set_option (p.client, "sctp_maxseg", 0, &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "sctp_maxseg takes 0 to 65535"));
  g_clear_error (&error);
  /* The association still works after all that. */
  g_assert_true (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 1, data, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GSctpMessage) message = test_receive (p.server);

    g_assert_cmpuint (gsctp_message_get_stream (message), ==, 1);
  }
out:
  test_pair_clear (&p);
}

static void
assert_option_refused (GSctpSocket *socket,
                       const char *name,
                       int number,
                       const char *range)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, number);
  g_assert_false (gsctp_socket_set_option (socket, name, 0, &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, range));
}

/* Values out of an option's range are refused, naming the option and the
 * range, where the kernel would clamp or mask them; unsigned 32-bit ones
 * are taken in full. */
static void
test_option_ranges (void)
{
  g_autoptr(GSctpSocket) socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET);
  g_auto(GValue) value = G_VALUE_INIT;
  GValue *got;
  g_autoptr(GError) error = NULL;
  guint adaptation = 0;
  int before = 0, after = 0;

  if (socket == NULL)
    return;
  assert_option_refused (socket, "sndbuf", -5, "1 to 2147483647");
  assert_option_refused (socket, "recbuf", -1, "1 to 2147483647");
  assert_option_refused (socket, "tos", 300, "0 to 255");
  assert_option_refused (socket, "tos", -1, "0 to 255");
  assert_option_refused (socket, "buffer", 256, "1024 to");
  assert_option_refused (socket, "sctp_adaptation_layer", -1, "0 to 4294967295");

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 0xC0FFEE00);
  g_assert_true (gsctp_socket_set_option (socket, "sctp_adaptation_layer", 0, &value, &error));
  g_assert_no_error (error);
  got = gsctp_socket_get_option (socket, "sctp_adaptation_layer", 0, &error);
  g_assert_no_error (error);
  g_assert_cmphex (g_value_get_uint (got), ==, 0xC0FFEE00);
  g_boxed_free (G_TYPE_VALUE, got);
  g_object_get (socket, "adaptation-layer", &adaptation, NULL);
  g_assert_cmphex (adaptation, ==, 0xC0FFEE00);

  /* A property's range is its pspec's: GObject refuses with a warning. */
  g_object_get (socket, "send-buffer-size", &before, NULL);
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*send-buffer-size*");
  g_object_set (socket, "send-buffer-size", -1, NULL);
  g_test_assert_expected_messages ();
  g_object_get (socket, "send-buffer-size", &after, NULL);
  g_assert_cmpint (after, ==, before);
}

/* The process's resident memory; 0 where it says nothing of the library's
 * own use (under valgrind, or AddressSanitizer's quarantine of freed
 * memory). */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  gsize size = 0, resident = 0;

#ifdef __SANITIZE_ADDRESS__
  return 0;
#endif
  if (strstr (g_getenv ("LD_PRELOAD") ? g_getenv ("LD_PRELOAD") : "", "vgpreload") != NULL)
    return 0;
  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%zu %zu", &size, &resident), ==, 2);
  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* Made (and touched) before the memory is measured, freed after: the
 * test's own memory. */
static GBytes *
payload_new (gsize size)
{
  guint8 *bytes = g_malloc (size);

  memset (bytes, 0xab, size);
  return g_bytes_new_take (bytes, size);
}

static void
send_bytes (TestPair *p,
            GBytes *data)
{
  g_autoptr(GError) error = NULL;
  GSctpSndInfo info = { .assoc_id = p->change->assoc_id };

  g_assert_true (gsctp_socket_send (p->client, &info, NULL, data, NULL, &error));
  g_assert_no_error (error);
}

/* One large message, received and dropped, does not stay in the
 * receiver's memory. */
static void
test_large_message_memory (void)
{
  gsize before, after, size = 12 * 1024 * 1024;
  g_autoptr(GBytes) data = payload_new (size);
  TestPair p;

  if (!test_pair_setup (&p, 1, 32 * 1024 * 1024))
    goto out;
  test_no_data (p.server, 100);
  before = resident_bytes ();
  send_bytes (&p, data);
  {
    /* Memory is the point, not speed: under valgrind the userland stack
     * takes most of test_receive()'s 10 s for 12 MiB. */
    g_autoptr(GSctpMessage) message = test_receive_within (p.server, 60000);

    g_assert_cmpuint (g_bytes_get_size (gsctp_message_get_data (message)), ==, size);
  }
  after = resident_bytes ();
  g_test_message ("resident: %" G_GSIZE_FORMAT " KiB before, %" G_GSIZE_FORMAT " KiB after",
                  before / 1024, after / 1024);
  g_assert_cmpuint (after, <, before + 4 * 1024 * 1024);
out:
  test_pair_clear (&p);
}

/* A message over max-message-size is refused: the receive says so, naming
 * the limit, the association is aborted, and the receiver's memory does
 * not grow by the message. */
static void
test_message_over_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpMessage) lost = NULL;
  gsize before, after, size = 2 * 1024 * 1024;
  g_autoptr(GBytes) data = payload_new (size);
  guint limit = 0;
  TestPair p;

  if (!test_pair_setup (&p, 1, 8 * 1024 * 1024))
    goto out;
  g_object_get (p.server, "max-message-size", &limit, NULL);
  g_assert_cmpuint (limit, ==, 16 * 1024 * 1024);
  g_object_set (p.server, "max-message-size", 64 * 1024, NULL);
  test_no_data (p.server, 100);
  before = resident_bytes ();
  send_bytes (&p, data);
  for (;;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (p.server, 5000, NULL, &error);

      if (message == NULL)
        break;
      g_assert_true (gsctp_message_is_event (message));
    }
  g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "65536 bytes (max-message-size)"));
  after = resident_bytes ();
  g_test_message ("resident: %" G_GSIZE_FORMAT " KiB before, %" G_GSIZE_FORMAT " KiB after",
                  before / 1024, after / 1024);
  /* On the userland backend the sender is a stack in this process too,
   * and its send buffer held the message, freed into the heap. */
  g_assert_cmpuint (after, <, before + 1024 * 1024 + (test_userland () ? size : 0));
  lost = test_next_event (p.client, GSCTP_EVENT_TYPE_ASSOC_CHANGE);
  g_assert_cmpint (gsctp_message_get_assoc_change (lost)->state, ==, GSCTP_ASSOC_STATE_COMM_LOST);
out:
  test_pair_clear (&p);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  test_add_kernel_only ("/faults/peer-killed", test_peer_killed);
  g_test_add_func ("/faults/close-in-handler", test_close_in_handler);
  g_test_add_func ("/faults/close-in-active-handler", test_close_in_active_handler);
  g_test_add_func ("/faults/unref-with-pending-receive", test_unref_with_pending_receive);
  g_test_add_func ("/faults/closed-socket", test_closed_socket);
  g_test_add_func ("/faults/bad-input", test_bad_input);
  g_test_add_func ("/faults/bad-addresses-and-values", test_bad_addresses_and_values);
  g_test_add_func ("/faults/option-ranges", test_option_ranges);
  g_test_add_func ("/faults/large-message-memory", test_large_message_memory);
  g_test_add_func ("/faults/message-over-limit", test_message_over_limit);
  return g_test_run ();
}
