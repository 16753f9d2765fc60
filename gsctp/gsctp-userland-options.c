/* gsctp-userland-options.c: userland SCTP socket options
 *
 * usrsctp_getsockopt() and usrsctp_setsockopt(): event subscriptions,
 * options with one value, the structured ones (as gsctp's boxed structs)
 * and linger; streams are gsctp-userland-streams.c's. What usrsctp has no counterpart for, or what names a
 * peer's IP address (the stack knows links, not addresses), fails with
 * GSCTP_ERROR_NOT_SUPPORTED.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gsctp-userland-private.h"

gboolean
gsctp_userland_get_option (GSctpEndpoint *endpoint, int level, int name, void *value,
                           socklen_t size, const char *what, GError **error)
{
  socklen_t len = size;

  if (usrsctp_getsockopt (gsctp_userland_socket (endpoint), level, name, value, &len) < 0)
    {
      g_autofree char *message = g_strdup_printf ("Could not read %s", what);

      gsctp_userland_set_error (error, errno, message);
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_userland_set_option (GSctpEndpoint *endpoint, int level, int name, const void *value,
                           socklen_t size, const char *what, GError **error)
{
  if (usrsctp_setsockopt (gsctp_userland_socket (endpoint), level, name, value, size) < 0)
    {
      g_autofree char *message = g_strdup_printf ("Could not set %s", what);

      gsctp_userland_set_error (error, errno, message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Event subscriptions                                                              */

static guint16
stack_event_type (GSctpEventType event)
{
  switch (event)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return SCTP_ASSOC_CHANGE;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return SCTP_PEER_ADDR_CHANGE;
    case GSCTP_EVENT_TYPE_SEND_FAILED: return SCTP_SEND_FAILED_EVENT;
    case GSCTP_EVENT_TYPE_REMOTE_ERROR: return SCTP_REMOTE_ERROR;
    case GSCTP_EVENT_TYPE_SHUTDOWN: return SCTP_SHUTDOWN_EVENT;
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: return SCTP_PARTIAL_DELIVERY_EVENT;
    case GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: return SCTP_ADAPTATION_INDICATION;
    case GSCTP_EVENT_TYPE_AUTHENTICATION: return SCTP_AUTHENTICATION_EVENT;
    case GSCTP_EVENT_TYPE_SENDER_DRY: return SCTP_SENDER_DRY_EVENT;
    case GSCTP_EVENT_TYPE_STREAM_RESET: return SCTP_STREAM_RESET_EVENT;
    case GSCTP_EVENT_TYPE_ASSOC_RESET: return SCTP_ASSOC_RESET_EVENT;
    case GSCTP_EVENT_TYPE_STREAM_CHANGE: return SCTP_STREAM_CHANGE_EVENT;
    case GSCTP_EVENT_TYPE_NONE:
    default:
      return 0;
    }
}

/* Each current association by itself, for the events (sender dry) that
 * usrsctp will not set for all at once. */
static gboolean
subscribe_each (GSctpUserlandEndpoint *self,
                struct sctp_event *param)
{
  guint32 count = 0;
  socklen_t len = sizeof count;
  g_autofree struct sctp_assoc_ids *ids = NULL;

  if (usrsctp_getsockopt (self->so, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &count, &len) < 0)
    return FALSE;
  len = sizeof (struct sctp_assoc_ids) + (count + 1) * sizeof (sctp_assoc_t);
  ids = g_malloc0 (len);
  if (count > 0 && usrsctp_getsockopt (self->so, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, ids, &len) < 0)
    return FALSE;
  for (guint32 i = 0; count > 0 && i < ids->gaids_number_of_ids; i++)
    {
      param->se_assoc_id = ids->gaids_assoc_id[i];
      if (usrsctp_setsockopt (self->so, IPPROTO_SCTP, SCTP_EVENT, param, sizeof *param) < 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_userland_subscribe (GSctpEndpoint *endpoint,
           GSctpSocketType type,
           GSctpAssocId assoc_id,
           GSctpEventType event,
           gboolean on,
           GError **error)
{
  GSctpUserlandEndpoint *self = (GSctpUserlandEndpoint *) endpoint;
  struct sctp_event param;
  gboolean all = assoc_id == 0 && type == GSCTP_SOCKET_TYPE_SEQPACKET;

  memset (&param, 0, sizeof param);
  param.se_type = stack_event_type (event);
  param.se_on = on ? 1 : 0;
  /* The endpoint of a one-to-many socket means its current and future
   * associations. */
  param.se_assoc_id = all ? SCTP_ALL_ASSOC : (sctp_assoc_t) assoc_id;
  if (usrsctp_setsockopt (self->so, IPPROTO_SCTP, SCTP_EVENT, &param, sizeof param) == 0)
    return TRUE;
  if (all && errno == EOPNOTSUPP)
    {
      param.se_assoc_id = SCTP_FUTURE_ASSOC;
      if (usrsctp_setsockopt (self->so, IPPROTO_SCTP, SCTP_EVENT, &param, sizeof param) == 0 &&
          subscribe_each (self, &param))
        return TRUE;
    }
  if ((errno == EINVAL || errno == ENOENT) && assoc_id != 0)
    g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                 "Could not subscribe to events: no association %d", assoc_id);
  else
    gsctp_userland_set_error (error, errno, "Could not subscribe to SCTP events");
  return FALSE;
}

gboolean
gsctp_userland_is_subscribed (GSctpEndpoint *endpoint,
               GSctpAssocId assoc_id,
               GSctpEventType event,
               gboolean *on,
               GError **error)
{
  GSctpUserlandEndpoint *self = (GSctpUserlandEndpoint *) endpoint;
  struct sctp_event param;
  socklen_t len = sizeof param;

  memset (&param, 0, sizeof param);
  param.se_assoc_id = (sctp_assoc_t) assoc_id;
  param.se_type = stack_event_type (event);
  if (usrsctp_getsockopt (self->so, IPPROTO_SCTP, SCTP_EVENT, &param, &len) < 0)
    {
      gsctp_userland_set_error (error, errno, "Could not read an SCTP event subscription");
      return FALSE;
    }
  *on = param.se_on != 0;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Options with one value                                              */

typedef enum { KIND_NONE, KIND_INT, KIND_ASSOC_VALUE, KIND_ADAPTATION, KIND_SCHEDULER } PlainKind;

static const struct {
  const char *name;
  int level;
  int option;
  PlainKind kind;
} plain_options[GSCTP_N_PLAIN_OPTIONS] = {
  [GSCTP_PLAIN_NODELAY] = { "SCTP_NODELAY", IPPROTO_SCTP, SCTP_NODELAY, KIND_INT },
  [GSCTP_PLAIN_AUTOCLOSE] = { "SCTP_AUTOCLOSE", IPPROTO_SCTP, SCTP_AUTOCLOSE, KIND_INT },
  [GSCTP_PLAIN_DISABLE_FRAGMENTS] = { "SCTP_DISABLE_FRAGMENTS", IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, KIND_INT },
  /* The stack's sockets are AF_CONN: no addresses to map. */
  [GSCTP_PLAIN_MAPPED_V4] = { "SCTP_I_WANT_MAPPED_V4_ADDR", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_MAXSEG] = { "SCTP_MAXSEG", IPPROTO_SCTP, SCTP_MAXSEG, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_ADAPTATION_LAYER] = { "SCTP_ADAPTATION_LAYER", IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, KIND_ADAPTATION },
  [GSCTP_PLAIN_FRAGMENT_INTERLEAVE] = { "SCTP_FRAGMENT_INTERLEAVE", IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, KIND_INT },
  /* usrsctp 0.9.5 has no I-DATA (RFC 8260). */
  [GSCTP_PLAIN_INTERLEAVING_SUPPORTED] = { "SCTP_INTERLEAVING_SUPPORTED", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_RECVNXTINFO] = { "SCTP_RECVNXTINFO", IPPROTO_SCTP, SCTP_RECVNXTINFO, KIND_INT },
  [GSCTP_PLAIN_PR_SUPPORTED] = { "SCTP_PR_SUPPORTED", IPPROTO_SCTP, SCTP_PR_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_RECONFIG_SUPPORTED] = { "SCTP_RECONFIG_SUPPORTED", IPPROTO_SCTP, SCTP_RECONFIG_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_STREAM_SCHEDULER] = { "SCTP_PLUGGABLE_SS", IPPROTO_SCTP, SCTP_PLUGGABLE_SS, KIND_SCHEDULER },
  [GSCTP_PLAIN_SNDBUF] = { "SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, KIND_INT },
  [GSCTP_PLAIN_RCVBUF] = { "SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, KIND_INT },
  /* What IP and the socket layer do for a kernel socket, the UDP
   * transport does here; the stack has none of it. */
  [GSCTP_PLAIN_REUSEADDR] = { "SO_REUSEADDR", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_PRIORITY] = { "SO_PRIORITY", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_DONTROUTE] = { "SO_DONTROUTE", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_TOS] = { "IP_TOS", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_V6ONLY] = { "IPV6_V6ONLY", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_ECN_SUPPORTED] = { "SCTP_ECN_SUPPORTED", IPPROTO_SCTP, SCTP_ECN_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_ASCONF_SUPPORTED] = { "SCTP_ASCONF_SUPPORTED", IPPROTO_SCTP, SCTP_ASCONF_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_AUTH_SUPPORTED] = { "SCTP_AUTH_SUPPORTED", IPPROTO_SCTP, SCTP_AUTH_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_AUTO_ASCONF] = { "SCTP_AUTO_ASCONF", IPPROTO_SCTP, SCTP_AUTO_ASCONF, KIND_INT },
  [GSCTP_PLAIN_MAX_BURST] = { "SCTP_MAX_BURST", IPPROTO_SCTP, SCTP_MAX_BURST, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_PARTIAL_DELIVERY_POINT] = { "SCTP_PARTIAL_DELIVERY_POINT", IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT, KIND_INT },
  [GSCTP_PLAIN_CONTEXT] = { "SCTP_CONTEXT", IPPROTO_SCTP, SCTP_CONTEXT, KIND_ASSOC_VALUE },
  /* Linux's: RFC 7829's potentially-failed state, path MTU probing
   * (RFC 8899), and the kernel's own UDP encapsulation (the userland
   * backend's UDP is its transport's: the udp-port properties). */
  [GSCTP_PLAIN_EXPOSE_PF_STATE] = { "SCTP_EXPOSE_POTENTIALLY_FAILED_STATE", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_PLPMTUD_PROBE_INTERVAL] = { "SCTP_PLPMTUD_PROBE_INTERVAL", 0, 0, KIND_NONE },
  [GSCTP_PLAIN_REMOTE_UDP_ENCAPS_PORT] = { "SCTP_REMOTE_UDP_ENCAPS_PORT", 0, 0, KIND_NONE },
};

/* gsctp's scheduler numbers are Linux's: first come first served,
 * priority, round robin, fair capacity (fair bandwidth in usrsctp),
 * weighted fair queueing (none in usrsctp). */
static const guint32 schedulers[] = {
  SCTP_SS_FIRST_COME, SCTP_SS_PRIORITY, SCTP_SS_ROUND_ROBIN, SCTP_SS_FAIR_BANDWITH,
};

static gboolean
to_stack_scheduler (int value,
                    guint32 *scheduler,
                    GError **error)
{
  if (value < 0 || (gsize) value >= G_N_ELEMENTS (schedulers))
    {
      gsctp_userland_not_supported (error, "that stream scheduler");
      return FALSE;
    }
  *scheduler = schedulers[value];
  return TRUE;
}

static int
from_stack_scheduler (guint32 scheduler)
{
  for (gsize i = 0; i < G_N_ELEMENTS (schedulers); i++)
    if (schedulers[i] == scheduler)
      return (int) i;
  /* usrsctp's default serves streams in turn: round robin. */
  return 2;
}

static gboolean
plain_supported (GSctpPlainOption option,
                 GError **error)
{
  if (plain_options[option].kind != KIND_NONE)
    return TRUE;
  {
    g_autofree char *what = g_strdup_printf ("the option %s", plain_options[option].name);

    gsctp_userland_not_supported (error, what);
  }
  return FALSE;
}

gboolean
gsctp_userland_get_plain (GSctpEndpoint *endpoint,
                          GSocketFamily family,
                          GSctpPlainOption option,
                          GSctpAssocId assoc_id,
                          int *value,
                          GError **error)
{
  const char *what = plain_options[option].name;
  int level = plain_options[option].level, name = plain_options[option].option;

  (void) family;
  if (!plain_supported (option, error))
    return FALSE;
  switch (plain_options[option].kind)
    {
    case KIND_ASSOC_VALUE:
    case KIND_SCHEDULER:
      {
        struct sctp_assoc_value av = { .assoc_id = (sctp_assoc_t) assoc_id };

        if (!gsctp_userland_get_option (endpoint, level, name, &av, sizeof av, what, error))
          return FALSE;
        *value = plain_options[option].kind == KIND_SCHEDULER ? from_stack_scheduler (av.assoc_value)
                                                               : (int) av.assoc_value;
        return TRUE;
      }
    case KIND_ADAPTATION:
      {
        struct sctp_setadaptation ad = { 0 };

        if (!gsctp_userland_get_option (endpoint, level, name, &ad, sizeof ad, what, error))
          return FALSE;
        *value = (int) ad.ssb_adaptation_ind;
        return TRUE;
      }
    case KIND_INT:
    case KIND_NONE:
    default:
      return gsctp_userland_get_option (endpoint, level, name, value, sizeof *value, what, error);
    }
}

gboolean
gsctp_userland_set_plain (GSctpEndpoint *endpoint,
                          GSocketFamily family,
                          GSctpPlainOption option,
                          GSctpAssocId assoc_id,
                          int value,
                          GError **error)
{
  const char *what = plain_options[option].name;
  int level = plain_options[option].level, name = plain_options[option].option;

  (void) family;
  if (!plain_supported (option, error))
    return FALSE;
  switch (plain_options[option].kind)
    {
    case KIND_ASSOC_VALUE:
      {
        struct sctp_assoc_value av = { .assoc_id = (sctp_assoc_t) assoc_id,
                                       .assoc_value = (guint32) value };

        return gsctp_userland_set_option (endpoint, level, name, &av, sizeof av, what, error);
      }
    case KIND_SCHEDULER:
      {
        struct sctp_assoc_value av = { .assoc_id = (sctp_assoc_t) assoc_id };

        return to_stack_scheduler (value, &av.assoc_value, error) &&
               gsctp_userland_set_option (endpoint, level, name, &av, sizeof av, what, error);
      }
    case KIND_ADAPTATION:
      {
        struct sctp_setadaptation ad = { .ssb_adaptation_ind = (guint32) value };

        return gsctp_userland_set_option (endpoint, level, name, &ad, sizeof ad, what, error);
      }
    case KIND_INT:
    case KIND_NONE:
    default:
      return gsctp_userland_set_option (endpoint, level, name, &value, sizeof value, what, error);
    }
}

gboolean
gsctp_userland_get_linger (GSctpEndpoint *endpoint,
                           gboolean *enabled,
                           guint *seconds,
                           GError **error)
{
  struct linger linger = { 0 };

  if (!gsctp_userland_get_option (endpoint, SOL_SOCKET, SO_LINGER, &linger, sizeof linger, "SO_LINGER", error))
    return FALSE;
  *enabled = linger.l_onoff != 0;
  *seconds = (guint) MAX (linger.l_linger, 0);
  return TRUE;
}

gboolean
gsctp_userland_set_linger (GSctpEndpoint *endpoint,
                           gboolean enabled,
                           guint seconds,
                           GError **error)
{
  struct linger linger = { .l_onoff = enabled, .l_linger = (int) MIN (seconds, G_MAXINT) };

  return gsctp_userland_set_option (endpoint, SOL_SOCKET, SO_LINGER, &linger, sizeof linger, "SO_LINGER", error);
}

/* Heartbeat and path-MTU flags are the same bits as Linux's. */
#define PEER_ADDR_FLAGS_MASK (SPP_HB_ENABLE | SPP_HB_DISABLE | SPP_HB_DEMAND | \
                              SPP_PMTUD_ENABLE | SPP_PMTUD_DISABLE)
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_ENABLE == (int) SPP_HB_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_DISABLE == (int) SPP_HB_DISABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_DEMAND == (int) SPP_HB_DEMAND);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_PMTUD_ENABLE == (int) SPP_PMTUD_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_PMTUD_DISABLE == (int) SPP_PMTUD_DISABLE);

/* An association over UDP has one path: options for all of them are
 * options for it; one named by address is not. */
static gboolean
one_path (GSocketAddress *address,
          GError **error)
{
  if (address == NULL)
    return TRUE;
  gsctp_userland_not_supported (error, "options of one peer address: an association over "
                                       "UDP has one path; give no address");
  return FALSE;
}

static guint16
stack_send_flags (GSctpSendFlags flags)
{
  return ((flags & GSCTP_SEND_FLAGS_UNORDERED) ? SCTP_UNORDERED : 0) |
         ((flags & GSCTP_SEND_FLAGS_ADDR_OVER) ? SCTP_ADDR_OVER : 0);
}

static const guint16 pr_policies[] = {
  [GSCTP_PR_POLICY_NONE] = SCTP_PR_SCTP_NONE,
  [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
  [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
  [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_BUF,
};

static GSctpProtocolState
protocol_state (int state)
{
  switch (state & 0x00ff)
    {
    case SCTP_COOKIE_WAIT: return GSCTP_PROTOCOL_STATE_COOKIE_WAIT;
    case SCTP_COOKIE_ECHOED: return GSCTP_PROTOCOL_STATE_COOKIE_ECHOED;
    case SCTP_ESTABLISHED: return GSCTP_PROTOCOL_STATE_ESTABLISHED;
    case SCTP_SHUTDOWN_PENDING: return GSCTP_PROTOCOL_STATE_SHUTDOWN_PENDING;
    case SCTP_SHUTDOWN_SENT: return GSCTP_PROTOCOL_STATE_SHUTDOWN_SENT;
    case SCTP_SHUTDOWN_RECEIVED: return GSCTP_PROTOCOL_STATE_SHUTDOWN_RECEIVED;
    case SCTP_SHUTDOWN_ACK_SENT: return GSCTP_PROTOCOL_STATE_SHUTDOWN_ACK_SENT;
    default: return GSCTP_PROTOCOL_STATE_CLOSED;
    }
}

/* A stack address (a link and an SCTP port) as the peer's IP address. */
static GSocketAddress *
peer_address (const struct sockaddr_storage *stack_address)
{
  const struct sockaddr_conn *sconn = (const struct sockaddr_conn *) stack_address;
  GSctpSockaddr peer;

  if (sconn->sconn_family != AF_CONN ||
      !gsctp_userland_link_peer (sconn->sconn_addr, sconn->sconn_port, &peer))
    return NULL;
  return g_socket_address_new_from_native (&peer.storage, peer.len);
}

/* Whether @address is the peer's address of the association. */
static gboolean
is_peer_address (GSctpEndpoint *endpoint,
                 GSctpAssocId assoc_id,
                 GSocketAddress *address)
{
  struct sockaddr *addrs = NULL;
  gboolean found = FALSE;
  int n = usrsctp_getpaddrs (gsctp_userland_socket (endpoint), (sctp_assoc_t) assoc_id, &addrs);

  for (int i = 0; i < n && !found; i++)
    {
      const struct sockaddr_conn *sconn = &((const struct sockaddr_conn *) addrs)[i];
      GSctpSockaddr peer;
      g_autoptr(GSocketAddress) candidate = NULL;

      if (sconn->sconn_family != AF_CONN ||
          !gsctp_userland_link_peer (sconn->sconn_addr, sconn->sconn_port, &peer))
        continue;
      candidate = g_socket_address_new_from_native (&peer.storage, peer.len);
      found = candidate != NULL &&
              g_inet_address_equal (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (candidate)),
                                    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))) &&
              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (candidate)) ==
                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
    }
  if (addrs != NULL)
    usrsctp_freepaddrs (addrs);
  return found;
}

/* The one path's state, from the association's status. */
static gboolean
get_path_info (GSctpEndpoint *endpoint,
               GSctpPeerAddrInfo *info,
               GError **error)
{
  struct sctp_status ss = { .sstat_assoc_id = (sctp_assoc_t) info->assoc_id };

  if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_STATUS, &ss, sizeof ss, "SCTP_STATUS", error))
    return FALSE;
  if (info->address == NULL || !G_IS_INET_SOCKET_ADDRESS (info->address) ||
      !is_peer_address (endpoint, (GSctpAssocId) ss.sstat_assoc_id, info->address))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Could not read SCTP_GET_PEER_ADDR_INFO: not an address of the association's peer");
      return FALSE;
    }
  info->assoc_id = (GSctpAssocId) ss.sstat_assoc_id;
  info->cwnd = ss.sstat_primary.spinfo_cwnd;
  info->srtt = ss.sstat_primary.spinfo_srtt;
  info->rto = ss.sstat_primary.spinfo_rto;
  info->mtu = ss.sstat_primary.spinfo_mtu;
  info->state = (ss.sstat_primary.spinfo_state & SCTP_UNCONFIRMED) ? GSCTP_PATH_STATE_UNCONFIRMED
              : (ss.sstat_primary.spinfo_state & SCTP_ACTIVE) ? GSCTP_PATH_STATE_ACTIVE
              : GSCTP_PATH_STATE_INACTIVE;
  return TRUE;
}

gboolean
gsctp_userland_get_assoc_ids (GSctpEndpoint *endpoint,
                              GArray *ids,
                              GError **error)
{
  /* A one-to-one socket has no list: its association, if connected. */
  if (((GSctpUserlandEndpoint *) endpoint)->type == GSCTP_SOCKET_TYPE_STREAM)
    {
      struct sctp_status status = { 0 };
      socklen_t len = sizeof status;

      if (usrsctp_getsockopt (gsctp_userland_socket (endpoint), IPPROTO_SCTP, SCTP_STATUS, &status,
                              &len) == 0 && status.sstat_state != 0)
        {
          GSctpAssocId id = (GSctpAssocId) status.sstat_assoc_id;

          g_array_append_val (ids, id);
        }
      return TRUE;
    }
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autofree struct sctp_assoc_ids *list = NULL;
      guint32 number = 0;
      socklen_t len;

      if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &number, sizeof number,
                                      "SCTP_GET_ASSOC_NUMBER", error))
        return FALSE;
      /* Room for a few that come up meanwhile. */
      len = sizeof *list + (number + 4) * sizeof (sctp_assoc_t);
      list = g_malloc0 (len);
      if (usrsctp_getsockopt (gsctp_userland_socket (endpoint), IPPROTO_SCTP,
                              SCTP_GET_ASSOC_ID_LIST, list, &len) < 0)
        {
          if (errno == EINVAL)
            continue;
          gsctp_userland_set_error (error, errno, "Could not list the associations");
          return FALSE;
        }
      for (guint32 i = 0; i < list->gaids_number_of_ids; i++)
        {
          GSctpAssocId id = (GSctpAssocId) list->gaids_assoc_id[i];

          g_array_append_val (ids, id);
        }
      return TRUE;
    }
  gsctp_userland_set_error (error, EINVAL, "Could not list the associations");
  return FALSE;
}

gboolean
gsctp_userland_get_struct (GSctpEndpoint *endpoint,
                           GSctpStructOption option,
                           gpointer value,
                           GError **error)
{
  switch (option)
    {
    case GSCTP_STRUCT_INIT_MSG:
      {
        GSctpInitMsg *msg = value;
        struct sctp_initmsg init = { 0 };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init, "SCTP_INITMSG", error))
          return FALSE;
        msg->num_ostreams = init.sinit_num_ostreams;
        msg->max_instreams = init.sinit_max_instreams;
        msg->max_attempts = init.sinit_max_attempts;
        msg->max_init_timeo = init.sinit_max_init_timeo;
        return TRUE;
      }
    case GSCTP_STRUCT_RTO_INFO:
      {
        GSctpRtoInfo *rto = value;
        struct sctp_rtoinfo info = { .srto_assoc_id = (sctp_assoc_t) rto->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_RTOINFO, &info, sizeof info, "SCTP_RTOINFO", error))
          return FALSE;
        rto->initial = info.srto_initial;
        rto->max = info.srto_max;
        rto->min = info.srto_min;
        return TRUE;
      }
    case GSCTP_STRUCT_ASSOC_PARAMS:
      {
        GSctpAssocParams *params = value;
        struct sctp_assocparams info = { .sasoc_assoc_id = (sctp_assoc_t) params->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_ASSOCINFO, &info, sizeof info, "SCTP_ASSOCINFO", error))
          return FALSE;
        params->max_retransmissions = info.sasoc_asocmaxrxt;
        params->peer_destinations = info.sasoc_number_peer_destinations;
        params->peer_rwnd = info.sasoc_peer_rwnd;
        params->local_rwnd = info.sasoc_local_rwnd;
        params->cookie_life = info.sasoc_cookie_life;
        return TRUE;
      }
    case GSCTP_STRUCT_STATUS:
      {
        GSctpStatus *status = value;
        struct sctp_status ss = { .sstat_assoc_id = (sctp_assoc_t) status->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_STATUS, &ss, sizeof ss, "SCTP_STATUS", error))
          return FALSE;
        status->assoc_id = (GSctpAssocId) ss.sstat_assoc_id;
        status->state = protocol_state (ss.sstat_state);
        status->rwnd = ss.sstat_rwnd;
        status->unacked_data = ss.sstat_unackdata;
        status->pending_data = ss.sstat_penddata;
        status->inbound_streams = ss.sstat_instrms;
        status->outbound_streams = ss.sstat_outstrms;
        status->fragmentation_point = ss.sstat_fragmentation_point;
        status->primary.assoc_id = status->assoc_id;
        status->primary.cwnd = ss.sstat_primary.spinfo_cwnd;
        status->primary.srtt = ss.sstat_primary.spinfo_srtt;
        status->primary.rto = ss.sstat_primary.spinfo_rto;
        status->primary.mtu = ss.sstat_primary.spinfo_mtu;
        status->primary.state = (ss.sstat_primary.spinfo_state & SCTP_ACTIVE) ? GSCTP_PATH_STATE_ACTIVE
                                                                                : GSCTP_PATH_STATE_INACTIVE;
        g_clear_object (&status->primary.address);
        status->primary.address = peer_address (&ss.sstat_primary.spinfo_address);
        return TRUE;
      }
    case GSCTP_STRUCT_DELAYED_ACK:
      {
        GSctpDelayedAck *ack = value;
        struct sctp_sack_info info = { .sack_assoc_id = (sctp_assoc_t) ack->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_DELAYED_SACK, &info, sizeof info, "SCTP_DELAYED_SACK", error))
          return FALSE;
        ack->delay = info.sack_delay;
        ack->frequency = info.sack_freq;
        return TRUE;
      }
    case GSCTP_STRUCT_DEFAULT_SEND:
      {
        GSctpSndInfo *info = value;
        struct sctp_sndinfo snd = { .snd_assoc_id = (sctp_assoc_t) info->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &snd, sizeof snd, "SCTP_DEFAULT_SNDINFO", error))
          return FALSE;
        info->stream = snd.snd_sid;
        info->flags = ((snd.snd_flags & SCTP_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0) |
                      ((snd.snd_flags & SCTP_ADDR_OVER) ? GSCTP_SEND_FLAGS_ADDR_OVER : 0);
        info->ppid = g_ntohl (snd.snd_ppid);
        info->context = snd.snd_context;
        info->time_to_live = 0;
        return TRUE;
      }
    case GSCTP_STRUCT_DEFAULT_PR_INFO:
      {
        GSctpPrInfo *info = value;
        struct sctp_default_prinfo pr = { .pr_assoc_id = (sctp_assoc_t) info->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, "SCTP_DEFAULT_PRINFO", error))
          return FALSE;
        info->value = pr.pr_value;
        info->policy = GSCTP_PR_POLICY_NONE;
        for (guint i = 0; i < G_N_ELEMENTS (pr_policies); i++)
          if (pr_policies[i] == (pr.pr_policy & 0x000f))
            info->policy = i;
        return TRUE;
      }
    case GSCTP_STRUCT_PEER_ADDR_THRESHOLDS:
      gsctp_userland_not_supported (error, "path thresholds (SCTP_PEER_ADDR_THLDS): an "
                                           "association over UDP has one path to fail over from");
      return FALSE;
    case GSCTP_STRUCT_ASSOC_STATS:
      /* usrsctp counts for the whole stack (SCTP_GET_STAT_LOG is a build
       * option), not per association. */
      gsctp_userland_not_supported (error, "SCTP_GET_ASSOC_STATS: the stack keeps no statistics "
                                           "per association");
      return FALSE;
    case GSCTP_STRUCT_PEER_ADDR_PARAMS:
      {
        GSctpPeerAddrParams *params = value;
        struct sctp_paddrparams spp;
        struct sctp_sack_info sack = { .sack_assoc_id = (sctp_assoc_t) params->assoc_id };

        if (!one_path (params->address, error))
          return FALSE;
        memset (&spp, 0, sizeof spp);
        spp.spp_address.ss_family = AF_CONN;
        spp.spp_assoc_id = (sctp_assoc_t) params->assoc_id;
        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &spp, sizeof spp,
                                        "SCTP_PEER_ADDR_PARAMS", error) ||
            !gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack,
                                        "SCTP_DELAYED_SACK", error))
          return FALSE;
        params->hb_interval = spp.spp_hbinterval;
        params->path_max_rxt = spp.spp_pathmaxrxt;
        params->path_mtu = spp.spp_pathmtu;
        params->sack_delay = sack.sack_delay;
        params->flags = (spp.spp_flags & PEER_ADDR_FLAGS_MASK) |
                        (sack.sack_delay > 0 ? GSCTP_PEER_ADDR_FLAGS_SACKDELAY_ENABLE
                                             : GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE);
        return TRUE;
      }
    case GSCTP_STRUCT_PEER_ADDR_INFO:
      return get_path_info (endpoint, value, error);
    case GSCTP_STRUCT_PRIMARY_ADDR:
      {
        /* The one path is the primary one. */
        GSctpPrimaryAddr *primary = value;
        struct sctp_status ss = { .sstat_assoc_id = (sctp_assoc_t) primary->assoc_id };

        if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_STATUS, &ss, sizeof ss, "SCTP_STATUS", error))
          return FALSE;
        g_clear_object (&primary->address);
        primary->address = peer_address (&ss.sstat_primary.spinfo_address);
        return TRUE;
      }
    case GSCTP_STRUCT_PEER_PRIMARY_ADDR:
    default:
      gsctp_userland_not_supported (error, "per-address options: an association over UDP "
                                           "has one path");
      return FALSE;
    }
}

gboolean
gsctp_userland_set_struct (GSctpEndpoint *endpoint,
                           GSctpStructOption option,
                           gconstpointer value,
                           GError **error)
{
  switch (option)
    {
    case GSCTP_STRUCT_INIT_MSG:
      {
        const GSctpInitMsg *msg = value;
        struct sctp_initmsg init = {
          .sinit_num_ostreams = msg->num_ostreams,
          .sinit_max_instreams = msg->max_instreams,
          .sinit_max_attempts = msg->max_attempts,
          .sinit_max_init_timeo = msg->max_init_timeo,
        };

        return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init, "SCTP_INITMSG", error);
      }
    case GSCTP_STRUCT_RTO_INFO:
      {
        const GSctpRtoInfo *rto = value;
        struct sctp_rtoinfo info = {
          .srto_assoc_id = (sctp_assoc_t) rto->assoc_id,
          .srto_initial = rto->initial,
          .srto_max = rto->max,
          .srto_min = rto->min,
        };

        return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_RTOINFO, &info, sizeof info, "SCTP_RTOINFO", error);
      }
    case GSCTP_STRUCT_ASSOC_PARAMS:
      {
        const GSctpAssocParams *params = value;
        struct sctp_assocparams info = {
          .sasoc_assoc_id = (sctp_assoc_t) params->assoc_id,
          .sasoc_asocmaxrxt = params->max_retransmissions,
          .sasoc_cookie_life = params->cookie_life,
        };

        return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_ASSOCINFO, &info, sizeof info, "SCTP_ASSOCINFO", error);
      }
    case GSCTP_STRUCT_DELAYED_ACK:
      {
        const GSctpDelayedAck *ack = value;
        struct sctp_sack_info info = {
          .sack_assoc_id = (sctp_assoc_t) ack->assoc_id,
          .sack_delay = ack->delay,
          .sack_freq = ack->frequency,
        };

        return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_DELAYED_SACK, &info, sizeof info, "SCTP_DELAYED_SACK", error);
      }
    case GSCTP_STRUCT_DEFAULT_SEND:
      {
        const GSctpSndInfo *info = value;
        struct sctp_sndinfo snd = {
          .snd_sid = info->stream,
          .snd_flags = stack_send_flags (info->flags),
          .snd_ppid = g_htonl (info->ppid),
          .snd_context = info->context,
          .snd_assoc_id = (sctp_assoc_t) info->assoc_id,
        };

        if (info->time_to_live != 0)
          {
            gsctp_userland_not_supported (error, "a default time to live: set a default "
                                                 "partial-reliability policy instead");
            return FALSE;
          }
        return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &snd, sizeof snd, "SCTP_DEFAULT_SNDINFO", error);
      }
    case GSCTP_STRUCT_DEFAULT_PR_INFO:
      {
        const GSctpPrInfo *info = value;
        struct sctp_default_prinfo pr = {
          .pr_assoc_id = (sctp_assoc_t) info->assoc_id,
          .pr_value = info->value,
          .pr_policy = pr_policies[MIN ((guint) info->policy, G_N_ELEMENTS (pr_policies) - 1)],
        };

        return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, "SCTP_DEFAULT_PRINFO", error);
      }
    case GSCTP_STRUCT_PEER_ADDR_PARAMS:
      {
        const GSctpPeerAddrParams *params = value;
        struct sctp_paddrparams spp;

        if (!one_path (params->address, error))
          return FALSE;
        memset (&spp, 0, sizeof spp);
        /* AF_CONN with no address: every path. */
        spp.spp_address.ss_family = AF_CONN;
        spp.spp_assoc_id = (sctp_assoc_t) params->assoc_id;
        spp.spp_hbinterval = params->hb_interval;
        spp.spp_pathmaxrxt = params->path_max_rxt;
        spp.spp_pathmtu = params->path_mtu;
        spp.spp_flags = params->flags & PEER_ADDR_FLAGS_MASK;
        if (!gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &spp, sizeof spp,
                                        "SCTP_PEER_ADDR_PARAMS", error))
          return FALSE;
        /* usrsctp keeps the SACK delay apart, as SCTP_DELAYED_SACK. */
        if (params->flags & (GSCTP_PEER_ADDR_FLAGS_SACKDELAY_ENABLE | GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE))
          {
            struct sctp_sack_info sack = { .sack_assoc_id = (sctp_assoc_t) params->assoc_id };

            if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack,
                                            "SCTP_DELAYED_SACK", error))
              return FALSE;
            sack.sack_delay = (params->flags & GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE) ? 0 : params->sack_delay;
            return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack,
                                              "SCTP_DELAYED_SACK", error);
          }
        return TRUE;
      }
    case GSCTP_STRUCT_PRIMARY_ADDR:
      {
        /* Only the one path can be primary: choosing it changes nothing. */
        const GSctpPrimaryAddr *primary = value;

        if (primary->address != NULL && G_IS_INET_SOCKET_ADDRESS (primary->address) &&
            is_peer_address (endpoint, primary->assoc_id, primary->address))
          return TRUE;
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             "Could not set SCTP_PRIMARY_ADDR: not an address of the association's peer");
        return FALSE;
      }
    case GSCTP_STRUCT_PEER_PRIMARY_ADDR:
    case GSCTP_STRUCT_PEER_ADDR_INFO:
    case GSCTP_STRUCT_STATUS:
    case GSCTP_STRUCT_ASSOC_STATS:
    case GSCTP_STRUCT_PEER_ADDR_THRESHOLDS:
    default:
      gsctp_userland_not_supported (error, "per-address options: an association over UDP "
                                           "has one path");
      return FALSE;
    }
}
