/* auth.c: SCTP-AUTH (RFC 4895): authenticated DATA under a shared key, a
 * wrong key's DATA dropped, a key rollover, and the errors that name the
 * option
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "test-util.h"

/* SCTP-AUTH on, DATA authenticated, @key as key 1, and key 1 active. */
static void
authenticate_data (GSctpSocket *socket,
                   const char *key)
{
  g_autoptr(GBytes) bytes = test_bytes (key);
  g_autoptr(GError) error = NULL;

  g_object_set (socket, "auth-supported", TRUE, NULL);
  g_assert_true (gsctp_socket_add_auth_chunk (socket, 0 /* DATA */, &error));
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_set_auth_key (socket, 0, 1, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_set_active_key (socket, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_subscribe (socket, GSCTP_EVENT_TYPE_AUTHENTICATION, 0, TRUE, &error));
  g_assert_no_error (error);
}

static gboolean
pair_with_keys (TestPair *p,
                const char *server_key,
                const char *client_key)
{
  memset (p, 0, sizeof *p);
  if (!(p->server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &p->port)) ||
      !(p->client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return FALSE;
  authenticate_data (p->server, server_key);
  authenticate_data (p->client, client_key);
  p->change = test_connect (p->client, p->port, 2);
  return TRUE;
}

static gboolean
contains_chunk (GBytes *chunks,
                guint8 type)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (chunks, &size);

  return memchr (data, type, size) != NULL;
}

static void
test_shared_key (void)
{
  g_autoptr(GBytes) peer_chunks = NULL;
  g_autoptr(GSctpMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  guint16 active = 0;
  TestPair p;

  if (!pair_with_keys (&p, "shared secret", "shared secret"))
    return;
  test_pair_send (&p, 1, "signed");
  message = test_receive (p.server);
  g_assert_true (test_bytes_equal_string (gsctp_message_get_data (message), "signed 0"));

  /* The server asked for DATA to be authenticated. */
  peer_chunks = gsctp_socket_get_auth_chunks (p.client, p.change->assoc_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (contains_chunk (peer_chunks, 0));
  g_assert_true (gsctp_socket_get_active_key (p.client, p.change->assoc_id, &active, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (active, ==, 1);
  test_pair_clear (&p);
}

/* DATA signed with another key is dropped by the receiver. */
static void
test_wrong_key (void)
{
  TestPair p;

  if (!pair_with_keys (&p, "the server's secret", "the client's guess"))
    return;
  test_pair_send (&p, 1, "forged");
  test_no_data (p.server, 1500);
  test_pair_clear (&p);
}

/* Key 2 added on both ends and made active on the client: the server
 * hears that the peer uses a new key, data still flows, and key 1 is
 * given up and deleted. */
static void
test_rollover (void)
{
  g_autoptr(GBytes) second = test_bytes ("second secret");
  g_autoptr(GError) error = NULL;
  gboolean new_key = FALSE;
  TestPair p;

  if (!pair_with_keys (&p, "first secret", "first secret"))
    return;
  g_assert_true (gsctp_socket_set_auth_key (p.server, 0, 2, second, &error));
  g_assert_true (gsctp_socket_set_auth_key (p.client, p.change->assoc_id, 2, second, &error));
  g_assert_no_error (error);
  /* The server's association learns key 2 too. */
  {
    g_autofree gint32 *ids = NULL;
    gsize n = 0;

    ids = gsctp_socket_get_associations (p.server, &n, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_true (gsctp_socket_set_auth_key (p.server, ids[0], 2, second, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gsctp_socket_set_active_key (p.client, p.change->assoc_id, 2, &error));
  g_assert_no_error (error);
  test_pair_send (&p, 3, "rolled");
  for (guint received = 0; received < 3;)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (p.server, 5000, NULL, &error);
      const GSctpAuthentication *auth;

      g_assert_no_error (error);
      if (!gsctp_message_is_event (message))
        {
          received++;
          continue;
        }
      auth = gsctp_message_get_authentication (message);
      if (auth != NULL && auth->indication == GSCTP_AUTH_INDICATION_NEW_KEY && auth->key_number == 2)
        new_key = TRUE;
    }
  g_assert_true (new_key);

  /* Key 1 is no longer used: deactivated, then deleted. */
  g_assert_true (gsctp_socket_deactivate_key (p.client, p.change->assoc_id, 1, &error));
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_delete_key (p.client, p.change->assoc_id, 1, &error));
  g_assert_no_error (error);
  test_pair_clear (&p);
}

/* What the stack refuses is an error naming the option and why. */
static void
test_errors (void)
{
  const guint16 unknown_hmac[] = { 2 };
  g_autoptr(GError) error = NULL;
  TestPair p;

  if (!pair_with_keys (&p, "secret", "secret"))
    return;
  g_assert_false (gsctp_socket_set_active_key (p.client, p.change->assoc_id, 99, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "SCTP_AUTH_ACTIVE_KEY"));
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  g_assert_false (gsctp_socket_set_hmac_idents (p.client, unknown_hmac, 1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "SCTP_HMAC_IDENT"));
  g_clear_error (&error);

  g_assert_false (gsctp_socket_set_hmac_idents (p.client, NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  test_pair_clear (&p);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/auth/shared-key", test_shared_key);
  g_test_add_func ("/auth/wrong-key", test_wrong_key);
  g_test_add_func ("/auth/rollover", test_rollover);
  g_test_add_func ("/auth/errors", test_errors);
  return g_test_run ();
}
