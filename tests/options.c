/* options.c: socket options, set, read back from the kernel, and their
 * effects, against kernel SCTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "test-util.h"

/* By name, into a stack GValue. */
static gboolean
get_option (GSctpSocket *socket, const char *name, GSctpAssocId assoc_id, GValue *out,
            GError **error)
{
  GValue *value = gsctp_socket_get_option (socket, name, assoc_id, error);

  if (value == NULL)
    return FALSE;
  g_value_init (out, G_VALUE_TYPE (value));
  g_value_copy (value, out);
  g_boxed_free (G_TYPE_VALUE, value);
  return TRUE;
}

static void
on_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup (pspec->name));
}

/* Plain options: as properties (with notify), by gen_sctp's name, and by
 * the property's name; each read back from the kernel. */
/* What the kernel gives a socket nobody tunes, as a number; 0 if unknown. */
static guint64
read_sysctl (const char *path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  return g_ascii_strtoull (text, NULL, 10);
}

/* A socket gsctp makes runs a stream at speed untuned (see
 * set_defaults() in gsctp-kernel.c and gsctp-userland.c): buffers beyond
 * the kernel's default and Nagle's algorithm off. An adopted socket keeps
 * its own settings. */
static void
test_defaults (void)
{
  g_autoptr(GSctpSocket) fresh = NULL;
  g_autoptr(GSctpSocket) adopted = NULL;
  g_autoptr(GError) error = NULL;
  guint64 wmem_default = read_sysctl ("/proc/sys/net/core/wmem_default");
  guint64 rmem_default = read_sysctl ("/proc/sys/net/core/rmem_default");
  gboolean nodelay = FALSE;
  int sndbuf = 0, rcvbuf = 0;
  int fd;

  if (!(fresh = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  if (test_userland ())
    {
      /* Nagle's algorithm off too; usrsctp's own buffers. */
      g_object_get (fresh, "nodelay", &nodelay, NULL);
      g_assert_true (nodelay);
      return;
    }
  g_assert_cmpuint (wmem_default, >, 0);
  g_object_get (fresh, "nodelay", &nodelay, "send-buffer-size", &sndbuf,
                "receive-buffer-size", &rcvbuf, NULL);
  g_assert_true (nodelay);
  g_assert_cmpint (sndbuf, >, (int) wmem_default);
  g_assert_cmpint (rcvbuf, >, (int) rmem_default);

  fd = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  g_assert_cmpint (fd, >=, 0);
  adopted = gsctp_socket_new_from_fd (fd, &error);
  g_assert_no_error (error);
  g_object_get (adopted, "nodelay", &nodelay, "send-buffer-size", &sndbuf, NULL);
  g_assert_false (nodelay);
  g_assert_cmpint (sndbuf, ==, (int) wmem_default);
}

/* A GSocket over the same kernel socket: an option set through it is the
 * socket's, and it outlives the GSctpSocket. */
static void
test_dup_gsocket (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSocket) gsocket = NULL;
  g_autoptr(GError) error = NULL;
  int sndbuf = 0, value = 0;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  gsocket = gsctp_socket_dup_gsocket (socket, &error);
  if (test_userland ())
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      g_assert_null (gsocket);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_get_protocol (gsocket), ==, G_SOCKET_PROTOCOL_SCTP);
  g_assert_cmpint (g_socket_get_family (gsocket), ==, G_SOCKET_FAMILY_IPV4);
  g_assert_cmpint (g_socket_get_socket_type (gsocket), ==, G_SOCKET_TYPE_SEQPACKET);
  g_assert_cmpint (g_socket_get_fd (gsocket), !=, gsctp_socket_get_fd (socket));

  /* Linux doubles what it is given: both see the doubled value. */
  g_assert_true (g_socket_set_option (gsocket, SOL_SOCKET, SO_SNDBUF, 50000, &error));
  g_assert_no_error (error);
  g_object_get (socket, "send-buffer-size", &sndbuf, NULL);
  g_assert_cmpint (sndbuf, ==, 100000);

  g_assert_true (gsctp_socket_close (socket, &error));
  g_assert_true (g_socket_get_option (gsocket, SOL_SOCKET, SO_SNDBUF, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 100000);

  /* A closed GSctpSocket has nothing to duplicate. */
  g_assert_null (gsctp_socket_dup_gsocket (socket, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
test_plain (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean nodelay = FALSE;
  int sndbuf = 0;
  guint autoclose = 0;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_signal_connect (socket, "notify", G_CALLBACK (on_notify), notified);

  /* Nagle's algorithm is off by default: turned on here. */
  g_object_set (socket, "nodelay", FALSE, "autoclose", 7, "send-buffer-size", 65536, NULL);
  g_object_get (socket, "nodelay", &nodelay, "autoclose", &autoclose, "send-buffer-size", &sndbuf, NULL);
  g_assert_false (nodelay);
  g_assert_cmpuint (autoclose, ==, 7);
  g_assert_cmpint (sndbuf, >=, 65536);     /* the kernel doubles it */
  g_assert_cmpuint (notified->len, ==, 3);

  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_auto(GValue) on = G_VALUE_INIT;

    g_assert_true (get_option (socket, "sctp_nodelay", 0, &value, &error));
    g_assert_no_error (error);
    g_assert_true (G_VALUE_HOLDS_BOOLEAN (&value));
    g_assert_false (g_value_get_boolean (&value));
    /* An integer converts to a boolean, as inet:setopts takes it. */
    g_value_init (&on, G_TYPE_INT);
    g_value_set_int (&on, 1);
    g_assert_true (gsctp_socket_set_option (socket, "sctp_nodelay", 0, &on, &error));
    g_assert_no_error (error);
    g_object_get (socket, "nodelay", &nodelay, NULL);
    g_assert_true (nodelay);
  }

  /* The rest of gen_sctp's plain options, each set and read back. */
  {
    const struct { const char *name; int set; int expect_at_least; } plain[] = {
      { "sctp_disable_fragments", 1, 1 }, { "sctp_maxseg", 1200, 1 },
      { "sctp_adaptation_layer", 0xABCD, 0xABCD }, { "recbuf", 100000, 100000 },
      { "reuseaddr", 1, 1 }, { "tos", 0x10, 0x10 }, { "priority", 3, 3 },
      { "dontroute", 1, 1 }, { "sctp_i_want_mapped_v4_addr", 1, 1 },
      { "sctp_fragment_interleave", 1, 1 }, { "buffer", 200000, 200000 },
      { "high_msgq_watermark", 100000, 100000 }, { "low_msgq_watermark", 50000, 50000 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
      {
        g_auto(GValue) in = G_VALUE_INIT;
        g_auto(GValue) out = G_VALUE_INIT;
        g_auto(GValue) as_int = G_VALUE_INIT;

        g_value_init (&in, G_TYPE_INT);
        g_value_set_int (&in, plain[i].set);
        /* What IP does for a kernel socket, the userland stack has not. */
        if (test_userland () && g_strv_contains ((const char *const[]) { "reuseaddr", "tos", "priority", "dontroute",
                                                                             "sctp_i_want_mapped_v4_addr", NULL },
                                                 plain[i].name))
          {
            g_assert_false (gsctp_socket_set_option (socket, plain[i].name, 0, &in, &error));
            g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
            g_assert_nonnull (strstr (error->message, "userland"));
            g_clear_error (&error);
            continue;
          }
        g_assert_true (gsctp_socket_set_option (socket, plain[i].name, 0, &in, &error));
        g_assert_no_error (error);
        g_assert_true (get_option (socket, plain[i].name, 0, &out, &error));
        g_assert_no_error (error);
        g_value_init (&as_int, G_TYPE_INT);
        g_assert_true (g_value_transform (&out, &as_int));
        if (plain[i].name[0] == 's' && g_str_equal (plain[i].name, "sctp_maxseg"))
          g_assert_cmpint (g_value_get_int (&as_int), >, 0);
        else
          g_assert_cmpint (g_value_get_int (&as_int), >=, plain[i].expect_at_least);
      }
  }

  /* Bad names and types are errors, not crashes. */
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_auto(GValue) text = G_VALUE_INIT;

    g_assert_false (get_option (socket, "sctp_no_such_thing", 0, &value, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_value_init (&text, G_TYPE_STRING);
    g_value_set_static_string (&text, "yes");
    g_assert_false (gsctp_socket_set_option (socket, "sctp_nodelay", 0, &text, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (gsctp_socket_set_option (socket, "sctp_rtoinfo", 0, &text, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_ipv6_only (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  gboolean v6only = FALSE;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_clear_object (&socket);
  socket = gsctp_socket_new (G_SOCKET_FAMILY_IPV6, GSCTP_SOCKET_TYPE_SEQPACKET, &error);
  g_assert_no_error (error);
  g_object_set (socket, "ipv6-only", TRUE, "tos", 0x20, NULL);
  g_object_get (socket, "ipv6-only", &v6only, NULL);
  g_assert_true (v6only);
  {
    int tos = 0;

    g_object_get (socket, "tos", &tos, NULL);
    g_assert_cmpint (tos, ==, 0x20);
  }
}

static void
test_structured (void)
{
  g_autoptr(GError) error = NULL;
  TestPair p;

  if (!test_pair_setup (&p, 4, 0))
    goto out;

  /* sctp_initmsg */
  {
    g_autoptr(GSctpInitMsg) init = gsctp_init_msg_new (9, 11);
    g_autoptr(GSctpInitMsg) back = NULL;

    init->max_attempts = 3;
    g_assert_true (gsctp_socket_set_init_msg (p.client, init, &error));
    back = gsctp_socket_get_init_msg (p.client, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->num_ostreams, ==, 9);
    g_assert_cmpuint (back->max_instreams, ==, 11);
    g_assert_cmpuint (back->max_attempts, ==, 3);
  }
  /* sctp_rtoinfo, per association */
  {
    g_autoptr(GSctpRtoInfo) rto = gsctp_rto_info_new (p.change->assoc_id);
    g_autoptr(GSctpRtoInfo) back = NULL;

    rto->initial = 500;
    rto->min = 200;
    rto->max = 3000;
    g_assert_true (gsctp_socket_set_rto_info (p.client, rto, &error));
    g_assert_no_error (error);
    back = gsctp_socket_get_rto_info (p.client, p.change->assoc_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->initial, ==, 500);
    g_assert_cmpuint (back->min, ==, 200);
    g_assert_cmpuint (back->max, ==, 3000);
  }
  /* sctp_associnfo */
  {
    g_autoptr(GSctpAssocParams) params = gsctp_assoc_params_new (p.change->assoc_id);
    g_autoptr(GSctpAssocParams) back = NULL;

    params->max_retransmissions = 4;
    g_assert_true (gsctp_socket_set_assoc_params (p.client, params, &error));
    g_assert_no_error (error);
    back = gsctp_socket_get_assoc_params (p.client, p.change->assoc_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->max_retransmissions, ==, 4);
    g_assert_cmpuint (back->peer_destinations, ==, 1);
    g_assert_cmpuint (back->peer_rwnd, >, 0);
  }
  /* sctp_peer_addr_params, for every path of the association */
  {
    g_autoptr(GSctpPeerAddrParams) params = gsctp_peer_addr_params_new (p.change->assoc_id, NULL);
    g_autoptr(GSctpPeerAddrParams) back = NULL;

    params->hb_interval = 1500;
    params->path_max_rxt = 3;
    params->flags = GSCTP_PEER_ADDR_FLAGS_HB_ENABLE;
    g_assert_true (gsctp_socket_set_peer_addr_params (p.client, params, &error));
    g_assert_no_error (error);
    back = gsctp_socket_get_peer_addr_params (p.client, p.change->assoc_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->hb_interval, ==, 1500);
    g_assert_cmpuint (back->path_max_rxt, ==, 3);
    g_assert_cmpuint (back->flags & GSCTP_PEER_ADDR_FLAGS_HB_ENABLE, !=, 0);
  }
  /* sctp_status and sctp_get_peer_addr_info */
  {
    g_autoptr(GSctpStatus) status = gsctp_socket_get_status (p.client, p.change->assoc_id, &error);
    g_autoptr(GSctpPeerAddrInfo) info = NULL;
    g_autoptr(GSocketAddress) server = test_address ("127.0.0.1", p.port);

    g_assert_no_error (error);
    g_assert_cmpint (status->state, ==, GSCTP_PROTOCOL_STATE_ESTABLISHED);
    g_assert_cmpint (status->assoc_id, ==, p.change->assoc_id);
    g_assert_cmpuint (status->outbound_streams, ==, 4);
    g_assert_cmpuint (status->fragmentation_point, >, 0);
    g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (status->primary.address)), ==, p.port);
    g_assert_cmpint (status->primary.state, ==, GSCTP_PATH_STATE_ACTIVE);

    info = gsctp_socket_get_peer_addr_info (p.client, p.change->assoc_id, server, &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->assoc_id, ==, p.change->assoc_id);
    g_assert_cmpint (info->state, ==, GSCTP_PATH_STATE_ACTIVE);
    g_assert_cmpuint (info->mtu, >, 0);
    g_assert_cmpuint (info->rto, >, 0);
  }
  /* sctp_primary_addr */
  {
    g_autoptr(GSctpPrimaryAddr) prim = gsctp_socket_get_primary_addr (p.client, p.change->assoc_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (prim->address)), ==, p.port);
    g_assert_true (gsctp_socket_set_primary_addr (p.client, prim, &error));
    g_assert_no_error (error);
  }
  /* sctp_delayed_ack_time */
  {
    g_autoptr(GSctpDelayedAck) ack = gsctp_delayed_ack_new (p.change->assoc_id, 120, 2);
    g_autoptr(GSctpDelayedAck) back = NULL;

    g_assert_true (gsctp_socket_set_delayed_ack (p.client, ack, &error));
    g_assert_no_error (error);
    back = gsctp_socket_get_delayed_ack (p.client, p.change->assoc_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->delay, ==, 120);
    g_assert_cmpuint (back->frequency, ==, 2);
  }
  /* default PR-SCTP policy */
  {
    g_autoptr(GSctpPrInfo) pr = gsctp_pr_info_new (p.change->assoc_id, GSCTP_PR_POLICY_TTL, 250);
    g_autoptr(GSctpPrInfo) back = NULL;

    g_assert_true (gsctp_socket_set_default_pr_info (p.client, pr, &error));
    g_assert_no_error (error);
    back = gsctp_socket_get_default_pr_info (p.client, p.change->assoc_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (back->policy, ==, GSCTP_PR_POLICY_TTL);
    g_assert_cmpuint (back->value, ==, 250);
  }
  /* linger */
  g_assert_true (gsctp_socket_set_linger (p.client, TRUE, 5, &error));
  g_assert_cmpint (gsctp_socket_get_linger (p.client, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_true (gsctp_socket_set_linger (p.client, FALSE, 0, &error));
  g_assert_cmpint (gsctp_socket_get_linger (p.client, &error), ==, -1);
  /* Read-only and unknown associations give errors. */
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_assert_null (gsctp_socket_get_status (p.client, 31337, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (get_option (p.client, "sctp_status", p.change->assoc_id, &value, &error));
    g_assert_no_error (error);
    g_assert_false (gsctp_socket_set_option (p.client, "sctp_status", 0, &value, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
out:
  test_pair_clear (&p);
}

/* gen_sctp def_sndrcvinfo: the default send parameters, for the endpoint
 * and per association, reach the peer through send/4. */
static void
test_default_send_param (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = test_bytes ("defaults");
  TestPair p;

  if (!test_pair_setup (&p, 2, 0))
    goto out;
  {
    g_autoptr(GSctpSndInfo) defaults = gsctp_snd_info_new (p.change->assoc_id, 0, 18);
    g_autoptr(GSctpSndInfo) back = NULL;
    g_autoptr(GSctpMessage) message = NULL;

    g_assert_true (gsctp_socket_set_default_send_param (p.client, defaults, &error));
    g_assert_no_error (error);
    back = gsctp_socket_get_default_send_param (p.client, p.change->assoc_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->ppid, ==, 18);
    g_assert_true (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 1, data, NULL, &error));
    g_assert_no_error (error);
    message = test_receive (p.server);
    g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 18);
    g_assert_cmpuint (gsctp_message_get_stream (message), ==, 1);
  }
  /* By name, as a boxed value. */
  {
    g_autoptr(GSctpSndInfo) defaults = gsctp_snd_info_new (p.change->assoc_id, 0, 19);
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GSctpMessage) message = NULL;

    g_value_init (&value, GSCTP_TYPE_SND_INFO);
    g_value_set_boxed (&value, defaults);
    g_assert_true (gsctp_socket_set_option (p.client, "sctp_default_send_param", 0, &value, &error));
    g_assert_no_error (error);
    g_assert_true (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 0, data, NULL, &error));
    message = test_receive (p.server);
    g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 19);
  }
out:
  test_pair_clear (&p);
}

/* sctp_autoclose shuts an idle association down (associations made after
 * it is set). */
static void
test_autoclose (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  TestChanges changes = { 0 };
  gint64 start;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  test_changes_watch (&changes, client);
  g_object_set (client, "autoclose", 1, NULL);
  change = test_connect (client, port, 1);
  start = g_get_monotonic_time ();
  test_wait_for_change (client, &changes, GSCTP_ASSOC_STATE_SHUTDOWN_COMP, 10000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
  test_changes_clear (&changes);
}

/* sctp_events by name, as a set of event types. */
static void
test_events_by_name (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) back = G_VALUE_INIT;
  guint mask;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_assert_true (get_option (socket, "sctp_events", 0, &value, &error));
  g_assert_no_error (error);
  mask = g_value_get_flags (&value);
  g_assert_cmpuint (mask & GSCTP_EVENT_MASK_ASSOC_CHANGE, !=, 0);
  g_assert_cmpuint (mask & GSCTP_EVENT_MASK_SENDER_DRY, ==, 0);

  g_value_set_flags (&value, GSCTP_EVENT_MASK_ASSOC_CHANGE | GSCTP_EVENT_MASK_SENDER_DRY |
                             GSCTP_EVENT_MASK_ADAPTATION_INDICATION);
  g_assert_true (gsctp_socket_set_option (socket, "sctp_events", 0, &value, &error));
  g_assert_no_error (error);
  g_assert_true (get_option (socket, "sctp_events", 0, &back, &error));
  g_assert_cmpuint (g_value_get_flags (&back), ==,
                    GSCTP_EVENT_MASK_ASSOC_CHANGE | GSCTP_EVENT_MASK_SENDER_DRY |
                    GSCTP_EVENT_MASK_ADAPTATION_INDICATION);
}

/* Both ends announce an adaptation layer; each hears the other's. */
static void
test_adaptation (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GSctpMessage) at_client = NULL;
  g_autoptr(GSctpMessage) at_server = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_object_set (server, "adaptation-layer", 0x1111, NULL);
  g_object_set (client, "adaptation-layer", 0x2222, NULL);
  g_assert_true (gsctp_socket_subscribe (server, GSCTP_EVENT_TYPE_ADAPTATION_INDICATION, 0, TRUE, &error));
  g_assert_true (gsctp_socket_subscribe (client, GSCTP_EVENT_TYPE_ADAPTATION_INDICATION, 0, TRUE, &error));
  g_assert_no_error (error);
  change = test_connect (client, port, 1);
  at_client = test_next_event (client, GSCTP_EVENT_TYPE_ADAPTATION_INDICATION);
  at_server = test_next_event (server, GSCTP_EVENT_TYPE_ADAPTATION_INDICATION);
  g_assert_cmphex (gsctp_message_get_adaptation_indication (at_client)->adaptation_indication, ==, 0x1111);
  g_assert_cmphex (gsctp_message_get_adaptation_indication (at_server)->adaptation_indication, ==, 0x2222);
}

/* RFC 6525: reset streams and add streams, with their events. */
static void
test_stream_reconfiguration (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (!(server = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_clear_object (&server);
  server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port);
  for (guint i = 0; i < 2; i++)
    {
      GSctpSocket *s = i ? client : server;

      g_object_set (s, "reconfig-supported", TRUE, NULL);
      g_assert_true (gsctp_socket_enable_stream_reset (s, 0, GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS |
                                                       GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC, &error));
      g_assert_no_error (error);
      g_assert_true (gsctp_socket_subscribe (s, GSCTP_EVENT_TYPE_STREAM_RESET, 0, TRUE, &error));
      g_assert_true (gsctp_socket_subscribe (s, GSCTP_EVENT_TYPE_STREAM_CHANGE, 0, TRUE, &error));
      g_assert_no_error (error);
    }
  change = test_connect (client, port, 3);

  {
    const guint16 streams[] = { 1, 2 };
    g_autoptr(GSctpMessage) reset = NULL;
    const GSctpStreamReset *event;

    g_assert_true (gsctp_socket_reset_streams (client, change->assoc_id, GSCTP_RESET_FLAGS_OUTGOING,
                                               streams, G_N_ELEMENTS (streams), &error));
    g_assert_no_error (error);
    reset = test_next_event (client, GSCTP_EVENT_TYPE_STREAM_RESET);
    event = gsctp_message_get_stream_reset (reset);
    g_assert_cmpuint (event->flags & GSCTP_RESET_FLAGS_OUTGOING, !=, 0);
    g_assert_cmpuint (event->flags & (GSCTP_RESET_FLAGS_DENIED | GSCTP_RESET_FLAGS_FAILED), ==, 0);
    g_assert_cmpuint (event->streams->len, ==, 2);
    g_assert_cmpuint (g_array_index (event->streams, guint16, 0), ==, 1);
  }
  {
    g_autoptr(GSctpMessage) added = NULL;
    g_autoptr(GSctpStatus) status = NULL;
    const GSctpStreamChange *event;

    g_assert_true (gsctp_socket_add_streams (client, change->assoc_id, 0, 4, &error));
    g_assert_no_error (error);
    added = test_next_event (client, GSCTP_EVENT_TYPE_STREAM_CHANGE);
    event = gsctp_message_get_stream_change (added);
    g_assert_cmpuint (event->flags & (GSCTP_RESET_FLAGS_DENIED | GSCTP_RESET_FLAGS_FAILED), ==, 0);
    status = gsctp_socket_get_status (client, change->assoc_id, &error);
    /* Linux's event counts the streams added, usrsctp's (as RFC 6458
     * has it) the new totals; the status has the new total. */
    if (test_userland ())
      g_assert_cmpuint (event->outbound_streams, ==, 7);
    else
      {
        g_assert_cmpuint (event->outbound_streams, ==, 4);
        g_assert_cmpuint (event->inbound_streams, ==, 0);
      }
    g_assert_cmpuint (status->outbound_streams, ==, 7);
  }
}

/* gen_sctp's peeloff keeps the parent's options. */
static void
test_peeloff_keeps_options (void)
{
  g_autoptr(GSctpSocket) peeled = NULL;
  g_autoptr(GError) error = NULL;
  gboolean nodelay = TRUE;
  guint buffer = 0;
  TestPair p;

  if (!test_pair_setup (&p, 1, 0))
    goto out;
  g_object_set (p.server, "nodelay", FALSE, "buffer", 300000, NULL);
  {
    g_autoptr(GBytes) data = test_bytes ("x");
    g_autoptr(GSctpMessage) first = NULL;

    g_assert_true (gsctp_socket_send_to_stream (p.client, p.change->assoc_id, 0, data, NULL, &error));
    first = test_receive (p.server);
    peeled = gsctp_socket_peeloff (p.server, gsctp_message_get_assoc_id (first), &error);
    g_assert_no_error (error);
  }
  g_object_get (peeled, "nodelay", &nodelay, "buffer", &buffer, NULL);
  g_assert_false (nodelay);
  g_assert_cmpuint (buffer, ==, 300000);
out:
  test_pair_clear (&p);
}

static void
on_queue_full (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  gboolean full;

  g_object_get (object, "send-queue-full", &full, NULL);
  g_array_append_val ((GArray *) user_data, full);
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *left = user_data;

  g_assert_true (gsctp_socket_send_finish (GSCTP_SOCKET (source), result, NULL));
  (*left)--;
}

/* Queued async sends past the high watermark report the queue full, and
 * below the low one free again (gen_sctp's msgq watermarks). */
static void
test_watermarks (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree guint8 *payload = g_malloc0 (1000);
  gint64 deadline;
  guint left = 0;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  /* Small kernel buffers, and a server that does not read yet: the
   * kernel soon takes no more, and sends queue in gsctp. */
  g_object_set (client, "send-buffer-size", 4096, "high-watermark", 3000, "low-watermark", 1000, NULL);
  g_object_set (server, "receive-buffer-size", 4096, NULL);
  change = test_connect (client, port, 1);
  g_signal_connect (client, "notify::send-queue-full", G_CALLBACK (on_queue_full), states);
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GBytes) data = g_bytes_new (payload, 1000);
      GSctpSndInfo info = { .assoc_id = change->assoc_id };

      left++;
      gsctp_socket_send_async (client, &info, NULL, data, NULL, sent_cb, &left);
    }
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (states->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (states->len, ==, 1);
  g_assert_true (g_array_index (states, gboolean, 0));

  /* The server reads; the queue drains. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (left > 0 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSctpMessage) message = gsctp_socket_receive (server, 10, NULL, NULL);

      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (left, ==, 0);
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_false (g_array_index (states, gboolean, 1));
}

/* The stream scheduler and per-stream values; the next message's info. */
static void
test_scheduler_and_next_info (void)
{
  g_autoptr(GSctpSocket) server = NULL;
  g_autoptr(GSctpSocket) client = NULL;
  g_autoptr(GSctpAssocChange) change = NULL;
  g_autoptr(GError) error = NULL;
  guint16 value = 0;
  int scheduler = -1;
  guint16 port;

  if (!(server = test_server_new (GSCTP_SOCKET_TYPE_SEQPACKET, &port)) ||
      !(client = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_object_set (client, "stream-scheduler", 1, NULL);     /* priority */
  g_object_set (server, "receive-next-info", TRUE, NULL);
  change = test_connect (client, port, 3);
  g_object_get (client, "stream-scheduler", &scheduler, NULL);
  g_assert_cmpint (scheduler, ==, 1);
  g_assert_true (gsctp_socket_set_stream_value (client, change->assoc_id, 2, 5, &error));
  g_assert_no_error (error);
  value = gsctp_socket_get_stream_value (client, change->assoc_id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (value, ==, 5);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) data = test_bytes ("next");
      GSctpSndInfo info = { .assoc_id = change->assoc_id, .stream = 2, .ppid = 30 + i };

      g_assert_true (gsctp_socket_send (client, &info, NULL, data, NULL, &error));
    }
  /* Both in the socket before the first is read (the main context runs
   * the userland stack meanwhile). */
  for (gint64 until = g_get_monotonic_time () + 300 * 1000; g_get_monotonic_time () < until;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSctpMessage) message = test_receive (server);
      const GSctpNxtInfo *next = gsctp_message_get_next_info (message);

      g_assert_cmpuint (gsctp_message_get_ppid (message), ==, 30 + i);
      g_assert_cmpuint (gsctp_message_get_stream (message), ==, 2);
      /* The first tells of the second; the second of nothing. */
      if (i == 0)
        {
          g_assert_nonnull (next);
          g_assert_cmpuint (next->ppid, ==, 31);
          g_assert_cmpuint (next->stream, ==, 2);
          g_assert_cmpuint (next->length, ==, 4);
          g_assert_false (next->is_event);
          /* Only the userland stack tells whether it is whole. */
          if (test_userland ())
            g_assert_true (next->complete);
          g_assert_cmpint (next->assoc_id, ==, gsctp_message_get_assoc_id (message));
        }
      else
        g_assert_null (next);
    }
}

/* The rest of the Linux SCTP API's one-value options: each set and read
 * back by its property and by name, on the kernel; on the userland
 * backend, those its stack has, and a clear refusal of the others. */
static void
test_linux_api (void)
{
  const struct { const char *property; const char *name; guint value; gboolean kernel_only; } options[] = {
    { "ecn-supported", "sctp_ecn_supported", 0, FALSE },
    { "asconf-supported", "sctp_asconf_supported", 1, FALSE },
    { "auth-supported", "sctp_auth_supported", 1, FALSE },
    { "max-burst", "sctp_max_burst", 7, FALSE },
    { "partial-delivery-point", "sctp_partial_delivery_point", 8000, FALSE },
    { "send-context", "sctp_context", 0xC0FFEE, FALSE },
    { "expose-potentially-failed", "sctp_expose_potentially_failed_state", 1, TRUE },
    { "plpmtud-probe-interval", "sctp_plpmtud_probe_interval", 6000, TRUE },
    { "remote-udp-encaps-port", "sctp_remote_udp_encaps_port", 9899, TRUE },
  };
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = test_address ("0.0.0.0", 0);
  g_autoptr(GError) error = NULL;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_assert_true (gsctp_socket_bind (socket, &any, 1, &error));
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (options); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (socket), options[i].property);
      g_auto(GValue) set = G_VALUE_INIT;
      g_auto(GValue) got = G_VALUE_INIT;
      gboolean ok;

      g_assert_nonnull (pspec);
      g_value_init (&set, G_TYPE_UINT);
      g_value_set_uint (&set, options[i].value);
      ok = gsctp_socket_set_option (socket, options[i].name, 0, &set, &error);
      if (test_userland () && options[i].kernel_only)
        {
          g_assert_false (ok);
          g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
          g_assert_nonnull (strstr (error->message, "userland"));
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (get_option (socket, options[i].property, 0, &got, &error));
      g_assert_no_error (error);
      if (G_VALUE_HOLDS_BOOLEAN (&got))
        g_assert_cmpint (g_value_get_boolean (&got), ==, options[i].value != 0);
      else
        g_assert_cmpuint (g_value_get_uint (&got), ==, options[i].value);
    }

  /* A socket bound to every address follows the host's addresses. */
  if (!test_userland ())
    {
      gboolean auto_asconf = FALSE;

      g_object_set (socket, "auto-asconf", TRUE, NULL);
      g_object_get (socket, "auto-asconf", &auto_asconf, NULL);
      g_assert_true (auto_asconf);
    }

  /* Bad values are errors that name the option. */
  if (!test_userland ())
    {
      g_auto(GValue) short_interval = G_VALUE_INIT;

      g_value_init (&short_interval, G_TYPE_UINT);
      g_value_set_uint (&short_interval, 1000);
      g_assert_false (gsctp_socket_set_option (socket, "plpmtud-probe-interval", 0, &short_interval,
                                               &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "SCTP_PLPMTUD_PROBE_INTERVAL"));
      g_clear_error (&error);
    }
}

/* Path thresholds (RFC 7829) set, read back and by name; what the kernel
 * refuses is an error naming the option; the userland stack, with one
 * path, has none. */
static void
test_path_thresholds (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_autoptr(GSctpPeerAddrThresholds) set = gsctp_peer_addr_thresholds_new (0, NULL);
  g_autoptr(GSctpPeerAddrThresholds) read = NULL;
  g_autoptr(GError) error = NULL;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  set->path_max_retransmissions = 4;
  set->pf_threshold = 1;
  set->primary_switchover = 3;
  if (test_userland ())
    {
      g_assert_false (gsctp_socket_set_peer_addr_thresholds (socket, set, &error));
      g_assert_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, "userland"));
      return;
    }
  g_assert_true (gsctp_socket_set_peer_addr_thresholds (socket, set, &error));
  g_assert_no_error (error);
  read = gsctp_socket_get_peer_addr_thresholds (socket, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->path_max_retransmissions, ==, 4);
  g_assert_cmpuint (read->pf_threshold, ==, 1);
  g_assert_cmpuint (read->primary_switchover, ==, 3);
  {
    GValue *value = gsctp_socket_get_option (socket, "sctp_peer_addr_thlds", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (((GSctpPeerAddrThresholds *) g_value_get_boxed (value))->pf_threshold, ==, 1);
    g_boxed_free (G_TYPE_VALUE, value);
  }
  /* Potentially failed after the path has failed: refused. */
  set->pf_threshold = 9;
  g_assert_false (gsctp_socket_set_peer_addr_thresholds (socket, set, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "SCTP_PEER_ADDR_THLDS"));
}

static void
on_maxseg_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* A value the stack refuses through a property is no warning (this test
 * aborts on one) and leaves the stack's value, with notify. */
static void
test_refused_property (void)
{
  g_autoptr(GSctpSocket) socket = NULL;
  g_auto(GValue) tiny = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  guint before = 0, after = 0, notified = 0;

  if (!(socket = test_socket_new (GSCTP_SOCKET_TYPE_SEQPACKET)))
    return;
  g_value_init (&tiny, G_TYPE_UINT);
  g_value_set_uint (&tiny, 1);
  g_assert_false (gsctp_socket_set_option (socket, "maxseg", 0, &tiny, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "SCTP_MAXSEG"));

  g_object_get (socket, "maxseg", &before, NULL);
  g_signal_connect (socket, "notify::maxseg", G_CALLBACK (on_maxseg_notify), &notified);
  g_object_set (socket, "maxseg", 1, NULL);
  g_object_get (socket, "maxseg", &after, NULL);
  g_assert_cmpuint (after, ==, before);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/options/defaults", test_defaults);
  g_test_add_func ("/options/plain", test_plain);
  g_test_add_func ("/options/dup-gsocket", test_dup_gsocket);
  test_add_kernel_only ("/options/ipv6-only", test_ipv6_only);
  g_test_add_func ("/options/structured", test_structured);
  g_test_add_func ("/options/default-send-param", test_default_send_param);
  g_test_add_func ("/options/autoclose", test_autoclose);
  g_test_add_func ("/options/events-by-name", test_events_by_name);
  g_test_add_func ("/options/adaptation", test_adaptation);
  g_test_add_func ("/options/stream-reconfiguration", test_stream_reconfiguration);
  g_test_add_func ("/options/peeloff-keeps-options", test_peeloff_keeps_options);
  g_test_add_func ("/options/watermarks", test_watermarks);
  g_test_add_func ("/options/scheduler-and-next-info", test_scheduler_and_next_info);
  g_test_add_func ("/options/linux-api", test_linux_api);
  g_test_add_func ("/options/path-thresholds", test_path_thresholds);
  /* The userland stack takes any segment size. */
  test_add_kernel_only ("/options/refused-property", test_refused_property);
  return g_test_run ();
}
