/* connect-init.c: starts associations to two peers without blocking, prints
 * each one's result and whatever data arrives, and stops after 5 s of
 * silence (gen_sctp's connect_init example).
 *
 *   connect-init HOST1 PORT1 HOST2 PORT2
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <gsctp/gsctp.h>

typedef struct {
  GMainLoop *loop;
  GHashTable *peers;     /* assoc id → 1 or 2 */
  guint silence;
} Client;

static gboolean
quiet (gpointer user_data)
{
  Client *client = user_data;

  client->silence = 0;
  g_main_loop_quit (client->loop);
  return G_SOURCE_REMOVE;
}

static void
on_message (GSctpSocket *socket,
            GSctpMessage *message,
            gpointer user_data)
{
  Client *client = user_data;
  const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);
  int n = GPOINTER_TO_INT (g_hash_table_lookup (client->peers,
                                                GINT_TO_POINTER (gsctp_message_get_assoc_id (message))));

  g_source_remove (client->silence);
  client->silence = g_timeout_add_seconds (5, quiet, client);
  if (change != NULL)
    {
      g_autoptr(GEnumClass) states = g_type_class_ref (GSCTP_TYPE_ASSOC_STATE);

      g_print ("Association %d connect result: %s. AssocId: %d\n", n,
               g_enum_get_value (states, change->state)->value_nick, change->assoc_id);
    }
  else if (!gsctp_message_is_event (message))
    g_print ("Association %d: received %zu bytes\n", n,
             g_bytes_get_size (gsctp_message_get_data (message)));
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (5, 0);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  Client client = { g_main_loop_new (NULL, FALSE), g_hash_table_new (NULL, NULL), 0 };

  if (argc != 5)
    {
      g_printerr ("usage: %s HOST1 PORT1 HOST2 PORT2\n", argv[0]);
      return 2;
    }
  socket = gsctp_socket_new (G_SOCKET_FAMILY_IPV4, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  if (socket == NULL)
    goto fail;
  for (int n = 1; n <= 2; n++)
    {
      GList *ips = g_resolver_lookup_by_name (resolver, argv[2 * n - 1], NULL, &error);
      g_autoptr(GSocketAddress) address = NULL;
      GSctpAssocId assoc_id;
      GList *ip = ips;

      if (ips == NULL)
        goto fail;
      /* The socket is IPv4: the host's first IPv4 address. */
      while (ip != NULL && g_inet_address_get_family (ip->data) != G_SOCKET_FAMILY_IPV4)
        ip = ip->next;
      if (ip == NULL)
        {
          g_set_error (&error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                       "%s has no IPv4 address", argv[2 * n - 1]);
          g_resolver_free_addresses (ips);
          goto fail;
        }
      address = g_inet_socket_address_new (ip->data, (guint16) atoi (argv[2 * n]));
      g_resolver_free_addresses (ips);
      assoc_id = gsctp_socket_associate_init (socket, &address, 1, init, &error);
      if (assoc_id == 0)
        goto fail;
      g_hash_table_insert (client.peers, GINT_TO_POINTER (assoc_id), GINT_TO_POINTER (n));
    }
  g_print ("Connections initiated\n");
  g_signal_connect (socket, "message", G_CALLBACK (on_message), &client);
  gsctp_socket_set_active (socket, GSCTP_ACTIVE_MODE_ACTIVE);
  client.silence = g_timeout_add_seconds (5, quiet, &client);
  g_main_loop_run (client.loop);
  g_main_loop_unref (client.loop);
  g_hash_table_unref (client.peers);
  return EXIT_SUCCESS;

fail:
  g_printerr ("connect-init: %s\n", error->message);
  return EXIT_FAILURE;
}
