/* gsctp-kernel-options.c: kernel SCTP socket options
 *
 * getsockopt() and setsockopt(): event subscriptions, options with one
 * value and the structured ones (as gsctp's boxed structs); streams are
 * gsctp-kernel-streams.c's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "gsctp-kernel-private.h"

static guint16
kernel_event_type (GSctpEventType event)
{
  switch (event)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return SCTP_ASSOC_CHANGE;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return SCTP_PEER_ADDR_CHANGE;
#ifdef SCTP_SEND_FAILED_EVENT
    case GSCTP_EVENT_TYPE_SEND_FAILED: return SCTP_SEND_FAILED_EVENT;
#else
    case GSCTP_EVENT_TYPE_SEND_FAILED: return SCTP_SEND_FAILED;
#endif
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

/* The old all-in-one subscription struct, for kernels without SCTP_EVENT:
 * endpoint-wide only. */
static guint8 *
old_subscription_field (struct sctp_event_subscribe *events,
                        GSctpEventType event)
{
  switch (event)
    {
    case GSCTP_EVENT_TYPE_ASSOC_CHANGE: return &events->sctp_association_event;
    case GSCTP_EVENT_TYPE_PEER_ADDR_CHANGE: return &events->sctp_address_event;
    case GSCTP_EVENT_TYPE_SEND_FAILED: return &events->sctp_send_failure_event;
    case GSCTP_EVENT_TYPE_REMOTE_ERROR: return &events->sctp_peer_error_event;
    case GSCTP_EVENT_TYPE_SHUTDOWN: return &events->sctp_shutdown_event;
    case GSCTP_EVENT_TYPE_PARTIAL_DELIVERY: return &events->sctp_partial_delivery_event;
    case GSCTP_EVENT_TYPE_ADAPTATION_INDICATION: return &events->sctp_adaptation_layer_event;
    case GSCTP_EVENT_TYPE_AUTHENTICATION: return &events->sctp_authentication_event;
    case GSCTP_EVENT_TYPE_SENDER_DRY: return &events->sctp_sender_dry_event;
    default: return NULL;
    }
}

static gboolean
old_subscribe (int fd, GSctpAssocId assoc_id, GSctpEventType event, gboolean on,
               gboolean *was_on, GError **error)
{
  struct sctp_event_subscribe events;
  socklen_t len = sizeof events;
  guint8 *field;

  memset (&events, 0, sizeof events);
  field = old_subscription_field (&events, event);
  if (field == NULL || assoc_id != 0)
    {
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                   "This kernel cannot subscribe to that event%s",
                   assoc_id != 0 ? " per association" : "");
      return FALSE;
    }
  if (getsockopt (fd, IPPROTO_SCTP, SCTP_EVENTS, &events, &len) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not read the SCTP event subscriptions");
      return FALSE;
    }
  if (was_on != NULL)
    {
      *was_on = *field != 0;
      return TRUE;
    }
  *field = on ? 1 : 0;
#ifndef GSCTP_RFC6458_API
  events.sctp_data_io_event = 1;
#endif
  if (setsockopt (fd, IPPROTO_SCTP, SCTP_EVENTS, &events, len) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not subscribe to SCTP events");
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_subscribe (GSctpEndpoint *endpoint,
                        GSctpSocketType type,
                        GSctpAssocId assoc_id,
                        GSctpEventType event,
                        gboolean on,
                        GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

#ifdef GSCTP_HAVE_SCTP_EVENT
  struct sctp_event param;

  /* Cleared whole: the struct has padding the kernel is handed too. */
  memset (&param, 0, sizeof param);
  /* The endpoint (0) of a one-to-many socket means its current and future
   * associations. */
  param.se_assoc_id = (assoc_id == 0 && type == GSCTP_SOCKET_TYPE_SEQPACKET) ? SCTP_ALL_ASSOC : assoc_id;
  param.se_type = kernel_event_type (event);
  param.se_on = on ? 1 : 0;
  if (setsockopt (fd, IPPROTO_SCTP, SCTP_EVENT, &param, sizeof param) == 0)
    return TRUE;
  if (errno != ENOPROTOOPT)
    {
      if (errno == EINVAL && assoc_id != 0)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                     "Could not subscribe to events: no association %d", assoc_id);
      else
        gsctp_kernel_set_error (error, errno, "Could not subscribe to SCTP events");
      return FALSE;
    }
#endif
  return old_subscribe (fd, assoc_id, event, on, NULL, error);
}

gboolean
gsctp_kernel_is_subscribed (GSctpEndpoint *endpoint,
                            GSctpAssocId assoc_id,
                            GSctpEventType event,
                            gboolean *on,
                            GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

#ifdef GSCTP_HAVE_SCTP_EVENT
  struct sctp_event param;
  socklen_t len = sizeof param;

  memset (&param, 0, sizeof param);
  param.se_assoc_id = assoc_id;
  param.se_type = kernel_event_type (event);
  if (getsockopt (fd, IPPROTO_SCTP, SCTP_EVENT, &param, &len) == 0)
    {
      *on = param.se_on != 0;
      return TRUE;
    }
  if (errno != ENOPROTOOPT)
    {
      gsctp_kernel_set_error (error, errno, "Could not read an SCTP event subscription");
      return FALSE;
    }
#endif
  return old_subscribe (fd, assoc_id, event, FALSE, on, error);
}

static gboolean
set_init_msg (int fd,
              const GSctpInitMsg *msg,
              GError **error)
{
  struct sctp_initmsg init = {
    .sinit_num_ostreams = msg->num_ostreams,
    .sinit_max_instreams = msg->max_instreams,
    .sinit_max_attempts = msg->max_attempts,
    .sinit_max_init_timeo = msg->max_init_timeo,
  };

  if (setsockopt (fd, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not set SCTP_INITMSG");
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_set_linger (GSctpEndpoint *endpoint,
                         gboolean enabled,
                         guint seconds,
                         GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  struct linger linger = { .l_onoff = enabled, .l_linger = (int) MIN (seconds, G_MAXINT) };

  if (setsockopt (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger) < 0)
    {
      gsctp_kernel_set_error (error, errno, "Could not set SO_LINGER");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Options                                                             */

gboolean
gsctp_kernel_get_option (int fd, int level, int name, void *value, socklen_t size,
                         const char *what, GError **error)
{
  socklen_t len = size;

  if (getsockopt (fd, level, name, value, &len) < 0)
    {
      if (errno == EINVAL && level == IPPROTO_SCTP)
        g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                     "Could not read %s: no such association", what);
      else
        {
          g_autofree char *message = g_strdup_printf ("Could not read %s", what);

          gsctp_kernel_set_error (error, errno, message);
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_set_option (int fd, int level, int name, const void *value, socklen_t size,
                         const char *what, GError **error)
{
  if (setsockopt (fd, level, name, value, size) < 0)
    {
      g_autofree char *message = g_strdup_printf ("Could not set %s", what);

      gsctp_kernel_set_error (error, errno, message);
      return FALSE;
    }
  return TRUE;
}

/* KIND_NONE: the headers gsctp was built with lack the option. */
typedef enum {
  KIND_NONE, KIND_INT, KIND_ASSOC_VALUE, KIND_ADAPTATION, KIND_PROBE_INTERVAL, KIND_UDP_ENCAPS,
  KIND_PF_EXPOSE
} PlainKind;

#ifndef SCTP_EXPOSE_POTENTIALLY_FAILED_STATE
#define SCTP_EXPOSE_POTENTIALLY_FAILED_STATE 0
#define KIND_EXPOSE_PF KIND_NONE
#else
#define KIND_EXPOSE_PF KIND_PF_EXPOSE
/* The option's values, which Linux keeps out of its uapi header: unset
 * (the net.sctp.pf_expose sysctl decides), disabled, enabled. */
#define PF_EXPOSE_DISABLE 1
#define PF_EXPOSE_ENABLE 2
#endif
#ifndef SCTP_PLPMTUD_PROBE_INTERVAL
#define SCTP_PLPMTUD_PROBE_INTERVAL 0
#define KIND_PLPMTUD KIND_NONE
#else
#define HAVE_PLPMTUD
#define KIND_PLPMTUD KIND_PROBE_INTERVAL
#endif
#ifndef SCTP_REMOTE_UDP_ENCAPS_PORT
#define SCTP_REMOTE_UDP_ENCAPS_PORT 0
#define KIND_ENCAPS KIND_NONE
#else
#define HAVE_UDP_ENCAPS
#define KIND_ENCAPS KIND_UDP_ENCAPS
#endif

static const struct {
  const char *name;
  int level;
  int option;
  PlainKind kind;
} plain_options[GSCTP_N_PLAIN_OPTIONS] = {
  [GSCTP_PLAIN_NODELAY] = { "SCTP_NODELAY", IPPROTO_SCTP, SCTP_NODELAY, KIND_INT },
  [GSCTP_PLAIN_AUTOCLOSE] = { "SCTP_AUTOCLOSE", IPPROTO_SCTP, SCTP_AUTOCLOSE, KIND_INT },
  [GSCTP_PLAIN_DISABLE_FRAGMENTS] = { "SCTP_DISABLE_FRAGMENTS", IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, KIND_INT },
  [GSCTP_PLAIN_MAPPED_V4] = { "SCTP_I_WANT_MAPPED_V4_ADDR", IPPROTO_SCTP, SCTP_I_WANT_MAPPED_V4_ADDR, KIND_INT },
  [GSCTP_PLAIN_MAXSEG] = { "SCTP_MAXSEG", IPPROTO_SCTP, SCTP_MAXSEG, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_ADAPTATION_LAYER] = { "SCTP_ADAPTATION_LAYER", IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, KIND_ADAPTATION },
  [GSCTP_PLAIN_FRAGMENT_INTERLEAVE] = { "SCTP_FRAGMENT_INTERLEAVE", IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, KIND_INT },
  [GSCTP_PLAIN_INTERLEAVING_SUPPORTED] = { "SCTP_INTERLEAVING_SUPPORTED", IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_RECVNXTINFO] = { "SCTP_RECVNXTINFO", IPPROTO_SCTP, SCTP_RECVNXTINFO, KIND_INT },
  [GSCTP_PLAIN_PR_SUPPORTED] = { "SCTP_PR_SUPPORTED", IPPROTO_SCTP, SCTP_PR_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_RECONFIG_SUPPORTED] = { "SCTP_RECONFIG_SUPPORTED", IPPROTO_SCTP, SCTP_RECONFIG_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_STREAM_SCHEDULER] = { "SCTP_STREAM_SCHEDULER", IPPROTO_SCTP, SCTP_STREAM_SCHEDULER, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_SNDBUF] = { "SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, KIND_INT },
  [GSCTP_PLAIN_RCVBUF] = { "SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, KIND_INT },
  [GSCTP_PLAIN_REUSEADDR] = { "SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, KIND_INT },
  [GSCTP_PLAIN_PRIORITY] = { "SO_PRIORITY", SOL_SOCKET, SO_PRIORITY, KIND_INT },
  [GSCTP_PLAIN_DONTROUTE] = { "SO_DONTROUTE", SOL_SOCKET, SO_DONTROUTE, KIND_INT },
  [GSCTP_PLAIN_TOS] = { "IP_TOS", IPPROTO_IP, IP_TOS, KIND_INT },
  [GSCTP_PLAIN_V6ONLY] = { "IPV6_V6ONLY", IPPROTO_IPV6, IPV6_V6ONLY, KIND_INT },
  [GSCTP_PLAIN_ECN_SUPPORTED] = { "SCTP_ECN_SUPPORTED", IPPROTO_SCTP, SCTP_ECN_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_ASCONF_SUPPORTED] = { "SCTP_ASCONF_SUPPORTED", IPPROTO_SCTP, SCTP_ASCONF_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_AUTH_SUPPORTED] = { "SCTP_AUTH_SUPPORTED", IPPROTO_SCTP, SCTP_AUTH_SUPPORTED, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_AUTO_ASCONF] = { "SCTP_AUTO_ASCONF", IPPROTO_SCTP, SCTP_AUTO_ASCONF, KIND_INT },
  [GSCTP_PLAIN_MAX_BURST] = { "SCTP_MAX_BURST", IPPROTO_SCTP, SCTP_MAX_BURST, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_PARTIAL_DELIVERY_POINT] = { "SCTP_PARTIAL_DELIVERY_POINT", IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT, KIND_INT },
  [GSCTP_PLAIN_CONTEXT] = { "SCTP_CONTEXT", IPPROTO_SCTP, SCTP_CONTEXT, KIND_ASSOC_VALUE },
  [GSCTP_PLAIN_EXPOSE_PF_STATE] = { "SCTP_EXPOSE_POTENTIALLY_FAILED_STATE", IPPROTO_SCTP, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, KIND_EXPOSE_PF },
  [GSCTP_PLAIN_PLPMTUD_PROBE_INTERVAL] = { "SCTP_PLPMTUD_PROBE_INTERVAL", IPPROTO_SCTP, SCTP_PLPMTUD_PROBE_INTERVAL, KIND_PLPMTUD },
  [GSCTP_PLAIN_REMOTE_UDP_ENCAPS_PORT] = { "SCTP_REMOTE_UDP_ENCAPS_PORT", IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, KIND_ENCAPS },
};

static gboolean
plain_supported (GSctpPlainOption option,
                 GError **error)
{
  if (plain_options[option].kind != KIND_NONE)
    return TRUE;
  g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
               "The option %s is not supported by the kernel backend: gsctp was built with "
               "SCTP headers that lack it", plain_options[option].name);
  return FALSE;
}

static void
plain_location (GSctpPlainOption option, GSocketFamily family, int *level, int *name)
{
  *level = plain_options[option].level;
  *name = plain_options[option].option;
  /* An IPv6 socket's traffic class is its TOS. */
  if (option == GSCTP_PLAIN_TOS && family == G_SOCKET_FAMILY_IPV6)
    {
      *level = IPPROTO_IPV6;
      *name = IPV6_TCLASS;
    }
}

gboolean
gsctp_kernel_get_plain (GSctpEndpoint *endpoint,
                        GSocketFamily family,
                        GSctpPlainOption option,
                        GSctpAssocId assoc_id,
                        int *value,
                        GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  const char *what = plain_options[option].name;
  int level, name;

  if (!plain_supported (option, error))
    return FALSE;
  plain_location (option, family, &level, &name);
  switch (plain_options[option].kind)
    {
    case KIND_ASSOC_VALUE:
      {
        struct sctp_assoc_value av = { .assoc_id = assoc_id };

        if (!gsctp_kernel_get_option (fd, level, name, &av, sizeof av, what, error))
          return FALSE;
        *value = (int) av.assoc_value;
        return TRUE;
      }
#ifdef SCTP_EXPOSE_POTENTIALLY_FAILED_STATE
    case KIND_PF_EXPOSE:
      {
        struct sctp_assoc_value av = { .assoc_id = assoc_id };

        if (!gsctp_kernel_get_option (fd, level, name, &av, sizeof av, what, error))
          return FALSE;
        /* Unset (the sysctl's) and disabled both send no event. */
        *value = av.assoc_value == PF_EXPOSE_ENABLE;
        return TRUE;
      }
#endif
#ifdef HAVE_PLPMTUD
    case KIND_PROBE_INTERVAL:
      {
        struct sctp_probeinterval pi = { .spi_assoc_id = assoc_id };

        if (!gsctp_kernel_get_option (fd, level, name, &pi, sizeof pi, what, error))
          return FALSE;
        *value = (int) pi.spi_interval;
        return TRUE;
      }
#endif
#ifdef HAVE_UDP_ENCAPS
    case KIND_UDP_ENCAPS:
      {
        struct sctp_udpencaps ue = { .sue_assoc_id = assoc_id };

        if (!gsctp_kernel_get_option (fd, level, name, &ue, sizeof ue, what, error))
          return FALSE;
        /* The kernel keeps the port as it goes on the wire. */
        *value = g_ntohs (ue.sue_port);
        return TRUE;
      }
#endif
    case KIND_ADAPTATION:
      {
        struct sctp_setadaptation ad = { 0 };

        if (!gsctp_kernel_get_option (fd, level, name, &ad, sizeof ad, what, error))
          return FALSE;
        *value = (int) ad.ssb_adaptation_ind;
        return TRUE;
      }
    case KIND_NONE:
    case KIND_INT:
    default:
      return gsctp_kernel_get_option (fd, level, name, value, sizeof *value, what, error);
    }
}

gboolean
gsctp_kernel_set_plain (GSctpEndpoint *endpoint,
                        GSocketFamily family,
                        GSctpPlainOption option,
                        GSctpAssocId assoc_id,
                        int value,
                        GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  const char *what = plain_options[option].name;
  int level, name;

  if (!plain_supported (option, error))
    return FALSE;
  plain_location (option, family, &level, &name);
  switch (plain_options[option].kind)
    {
    case KIND_ASSOC_VALUE:
      {
        struct sctp_assoc_value av = { .assoc_id = assoc_id, .assoc_value = (guint32) value };

        return gsctp_kernel_set_option (fd, level, name, &av, sizeof av, what, error);
      }
#ifdef SCTP_EXPOSE_POTENTIALLY_FAILED_STATE
    case KIND_PF_EXPOSE:
      {
        struct sctp_assoc_value av = {
          .assoc_id = assoc_id,
          .assoc_value = value ? PF_EXPOSE_ENABLE : PF_EXPOSE_DISABLE,
        };

        return gsctp_kernel_set_option (fd, level, name, &av, sizeof av, what, error);
      }
#endif
#ifdef HAVE_PLPMTUD
    case KIND_PROBE_INTERVAL:
      {
        struct sctp_probeinterval pi;

        memset (&pi, 0, sizeof pi);
        pi.spi_assoc_id = assoc_id;
        pi.spi_interval = (guint32) value;
        return gsctp_kernel_set_option (fd, level, name, &pi, sizeof pi, what, error);
      }
#endif
#ifdef HAVE_UDP_ENCAPS
    case KIND_UDP_ENCAPS:
      {
        struct sctp_udpencaps ue;

        memset (&ue, 0, sizeof ue);
        ue.sue_assoc_id = assoc_id;
        ue.sue_port = g_htons ((guint16) value);
        return gsctp_kernel_set_option (fd, level, name, &ue, sizeof ue, what, error);
      }
#endif
    case KIND_ADAPTATION:
      {
        struct sctp_setadaptation ad = { .ssb_adaptation_ind = (guint32) value };

        return gsctp_kernel_set_option (fd, level, name, &ad, sizeof ad, what, error);
      }
    case KIND_NONE:
    case KIND_INT:
    default:
      return gsctp_kernel_set_option (fd, level, name, &value, sizeof value, what, error);
    }
}

gboolean
gsctp_kernel_get_linger (GSctpEndpoint *endpoint,
                         gboolean *enabled,
                         guint *seconds,
                         GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  struct linger linger = { 0 };

  if (!gsctp_kernel_get_option (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger, "SO_LINGER", error))
    return FALSE;
  *enabled = linger.l_onoff != 0;
  *seconds = (guint) MAX (linger.l_linger, 0);
  return TRUE;
}

static gboolean
get_init_msg (int fd,
              GSctpInitMsg *msg,
              GError **error)
{
  struct sctp_initmsg init = { 0 };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init, "SCTP_INITMSG", error))
    return FALSE;
  msg->num_ostreams = init.sinit_num_ostreams;
  msg->max_instreams = init.sinit_max_instreams;
  msg->max_attempts = init.sinit_max_attempts;
  msg->max_init_timeo = init.sinit_max_init_timeo;
  return TRUE;
}

static gboolean
get_rto_info (int fd,
              GSctpRtoInfo *info,
              GError **error)
{
  struct sctp_rtoinfo rto = { .srto_assoc_id = info->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto, "SCTP_RTOINFO", error))
    return FALSE;
  info->initial = rto.srto_initial;
  info->max = rto.srto_max;
  info->min = rto.srto_min;
  return TRUE;
}

static gboolean
set_rto_info (int fd,
              const GSctpRtoInfo *info,
              GError **error)
{
  struct sctp_rtoinfo rto = {
    .srto_assoc_id = info->assoc_id,
    .srto_initial = info->initial,
    .srto_max = info->max,
    .srto_min = info->min,
  };

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto, "SCTP_RTOINFO", error);
}

static gboolean
get_assoc_params (int fd,
                  GSctpAssocParams *params,
                  GError **error)
{
  struct sctp_assocparams ap = { .sasoc_assoc_id = params->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof ap, "SCTP_ASSOCINFO", error))
    return FALSE;
  params->max_retransmissions = ap.sasoc_asocmaxrxt;
  params->peer_destinations = ap.sasoc_number_peer_destinations;
  params->peer_rwnd = ap.sasoc_peer_rwnd;
  params->local_rwnd = ap.sasoc_local_rwnd;
  params->cookie_life = ap.sasoc_cookie_life;
  return TRUE;
}

static gboolean
set_assoc_params (int fd,
                  const GSctpAssocParams *params,
                  GError **error)
{
  struct sctp_assocparams ap = {
    .sasoc_assoc_id = params->assoc_id,
    .sasoc_asocmaxrxt = params->max_retransmissions,
    .sasoc_cookie_life = params->cookie_life,
  };

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof ap, "SCTP_ASSOCINFO", error);
}

G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_ENABLE == (int) SPP_HB_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_DISABLE == (int) SPP_HB_DISABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_HB_DEMAND == (int) SPP_HB_DEMAND);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_PMTUD_ENABLE == (int) SPP_PMTUD_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_PMTUD_DISABLE == (int) SPP_PMTUD_DISABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_SACKDELAY_ENABLE == (int) SPP_SACKDELAY_ENABLE);
G_STATIC_ASSERT ((int) GSCTP_PEER_ADDR_FLAGS_SACKDELAY_DISABLE == (int) SPP_SACKDELAY_DISABLE);
#define PEER_ADDR_FLAGS_MASK 0x7f

static gboolean
get_peer_addr_params (int fd,
                      GSctpPeerAddrParams *params,
                      GError **error)
{
  struct sctp_paddrparams spp = { .spp_assoc_id = params->assoc_id };

  if (!gsctp_kernel_address_to_storage (params->address, (guint8 *) &spp + offsetof (struct sctp_paddrparams, spp_address), error) ||
      !gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &spp, sizeof spp,
                                "SCTP_PEER_ADDR_PARAMS", error))
    return FALSE;
  params->hb_interval = spp.spp_hbinterval;
  params->path_max_rxt = spp.spp_pathmaxrxt;
  params->path_mtu = spp.spp_pathmtu;
  params->sack_delay = spp.spp_sackdelay;
  params->flags = spp.spp_flags & PEER_ADDR_FLAGS_MASK;
  return TRUE;
}

static gboolean
set_peer_addr_params (int fd,
                      const GSctpPeerAddrParams *params,
                      GError **error)
{
  struct sctp_paddrparams spp;

  memset (&spp, 0, sizeof spp);
  spp.spp_assoc_id = params->assoc_id;
  spp.spp_hbinterval = params->hb_interval;
  spp.spp_pathmaxrxt = params->path_max_rxt;
  spp.spp_pathmtu = params->path_mtu;
  spp.spp_sackdelay = params->sack_delay;
  spp.spp_flags = params->flags & PEER_ADDR_FLAGS_MASK;

  if (!gsctp_kernel_address_to_storage (params->address, (guint8 *) &spp + offsetof (struct sctp_paddrparams, spp_address), error))
    return FALSE;
  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &spp, sizeof spp,
                                  "SCTP_PEER_ADDR_PARAMS", error);
}

#ifdef SCTP_PEER_ADDR_THLDS_V2
#define THRESHOLDS_OPTION SCTP_PEER_ADDR_THLDS_V2
#define THRESHOLDS_NAME "SCTP_PEER_ADDR_THLDS_V2"
typedef struct sctp_paddrthlds_v2 Thresholds;
#else
/* Before Linux 5.5: no primary path switchover. */
#define THRESHOLDS_OPTION SCTP_PEER_ADDR_THLDS
#define THRESHOLDS_NAME "SCTP_PEER_ADDR_THLDS"
typedef struct sctp_paddrthlds Thresholds;
#endif

static gboolean
get_thresholds (int fd,
                GSctpPeerAddrThresholds *thresholds,
                GError **error)
{
  Thresholds spt = { .spt_assoc_id = thresholds->assoc_id };

  if (!gsctp_kernel_address_to_storage (thresholds->address, (guint8 *) &spt + offsetof (Thresholds, spt_address), error) ||
      !gsctp_kernel_get_option (fd, IPPROTO_SCTP, THRESHOLDS_OPTION, &spt, sizeof spt,
                                THRESHOLDS_NAME, error))
    return FALSE;
  thresholds->path_max_retransmissions = spt.spt_pathmaxrxt;
  thresholds->pf_threshold = spt.spt_pathpfthld;
#ifdef SCTP_PEER_ADDR_THLDS_V2
  thresholds->primary_switchover = spt.spt_pathcpthld;
#else
  thresholds->primary_switchover = G_MAXUINT16;
#endif
  return TRUE;
}

static gboolean
set_thresholds (int fd,
                const GSctpPeerAddrThresholds *thresholds,
                GError **error)
{
  Thresholds spt;

  memset (&spt, 0, sizeof spt);
  spt.spt_assoc_id = thresholds->assoc_id;
  spt.spt_pathmaxrxt = thresholds->path_max_retransmissions;
  spt.spt_pathpfthld = thresholds->pf_threshold;
#ifdef SCTP_PEER_ADDR_THLDS_V2
  spt.spt_pathcpthld = thresholds->primary_switchover;
#endif
  /* The kernel takes a threshold of 0 as "leave it", and a
   * potentially-failed threshold above the failed one as an error. */
  if (!gsctp_kernel_address_to_storage (thresholds->address, (guint8 *) &spt + offsetof (Thresholds, spt_address), error))
    return FALSE;
  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, THRESHOLDS_OPTION, &spt, sizeof spt,
                                  THRESHOLDS_NAME, error);
}

static void
peer_addr_info_from_kernel (const struct sctp_paddrinfo *spi,
                            GSctpPeerAddrInfo *info)
{
  info->assoc_id = spi->spinfo_assoc_id;
  g_clear_object (&info->address);
  info->address = gsctp_kernel_address_from_storage ((const guint8 *) spi + offsetof (struct sctp_paddrinfo, spinfo_address));
  switch (spi->spinfo_state)
    {
    case SCTP_INACTIVE: info->state = GSCTP_PATH_STATE_INACTIVE; break;
    case SCTP_PF: info->state = GSCTP_PATH_STATE_POTENTIALLY_FAILED; break;
    case SCTP_ACTIVE: info->state = GSCTP_PATH_STATE_ACTIVE; break;
    case SCTP_UNCONFIRMED: info->state = GSCTP_PATH_STATE_UNCONFIRMED; break;
    default: info->state = GSCTP_PATH_STATE_UNKNOWN; break;
    }
  info->cwnd = spi->spinfo_cwnd;
  info->srtt = spi->spinfo_srtt;
  info->rto = spi->spinfo_rto;
  info->mtu = spi->spinfo_mtu;
}

static gboolean
get_peer_addr_info (int fd,
                    GSctpPeerAddrInfo *info,
                    GError **error)
{
  struct sctp_paddrinfo spi = { .spinfo_assoc_id = info->assoc_id };

  if (!gsctp_kernel_address_to_storage (info->address, (guint8 *) &spi + offsetof (struct sctp_paddrinfo, spinfo_address), error) ||
      !gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &spi, sizeof spi,
                                "SCTP_GET_PEER_ADDR_INFO", error))
    return FALSE;
  peer_addr_info_from_kernel (&spi, info);
  return TRUE;
}

static gboolean
get_status (int fd,
            GSctpStatus *status,
            GError **error)
{
  struct sctp_status ss = { .sstat_assoc_id = status->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_STATUS, &ss, sizeof ss, "SCTP_STATUS", error))
    return FALSE;
  if (ss.sstat_state < SCTP_EMPTY || ss.sstat_state > SCTP_SHUTDOWN_ACK_SENT)
    return gsctp_kernel_unknown_value ("association state", ss.sstat_state, error);
  status->assoc_id = ss.sstat_assoc_id;
  /* The kernel's states and ours are in the same order. */
  status->state = GSCTP_PROTOCOL_STATE_EMPTY + (ss.sstat_state - SCTP_EMPTY);
  status->rwnd = ss.sstat_rwnd;
  status->unacked_data = ss.sstat_unackdata;
  status->pending_data = ss.sstat_penddata;
  status->inbound_streams = ss.sstat_instrms;
  status->outbound_streams = ss.sstat_outstrms;
  status->fragmentation_point = ss.sstat_fragmentation_point;
  peer_addr_info_from_kernel (&ss.sstat_primary, &status->primary);
  return TRUE;
}

static gboolean
get_assoc_stats (int fd,
                 GSctpAssocStats *stats,
                 GError **error)
{
#ifdef SCTP_GET_ASSOC_STATS
  struct sctp_assoc_stats sas = { .sas_assoc_id = stats->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &sas, sizeof sas, "SCTP_GET_ASSOC_STATS",
                                error))
    return FALSE;
  gsctp_kernel_assoc_stats_from_kernel (&sas, stats);
  return TRUE;
#else
  (void) fd;
  (void) stats;
  g_set_error_literal (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                       "SCTP_GET_ASSOC_STATS is not supported by the kernel backend: gsctp was "
                       "built with SCTP headers that lack it");
  return FALSE;
#endif
}

static gboolean
get_primary_addr (int fd,
                  GSctpPrimaryAddr *prim,
                  GError **error)
{
  struct sctp_prim sp = { .ssp_assoc_id = prim->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &sp, sizeof sp, "SCTP_PRIMARY_ADDR", error))
    return FALSE;
  g_clear_object (&prim->address);
  prim->address = gsctp_kernel_address_from_storage ((guint8 *) &sp + offsetof (struct sctp_prim, ssp_addr));
  return TRUE;
}

static gboolean
set_primary_addr (int fd,
                  const GSctpPrimaryAddr *prim,
                  gboolean peer,
                  GError **error)
{
  if (peer)
    {
      struct sctp_setpeerprim sp = { .sspp_assoc_id = prim->assoc_id };

      if (!gsctp_kernel_address_to_storage (prim->address, (guint8 *) &sp + offsetof (struct sctp_setpeerprim, sspp_addr), error))
        return FALSE;
      return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &sp, sizeof sp,
                                      "SCTP_SET_PEER_PRIMARY_ADDR", error);
    }
  else
    {
      struct sctp_prim sp = { .ssp_assoc_id = prim->assoc_id };

      if (!gsctp_kernel_address_to_storage (prim->address, (guint8 *) &sp + offsetof (struct sctp_prim, ssp_addr), error))
        return FALSE;
      return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &sp, sizeof sp,
                                      "SCTP_PRIMARY_ADDR", error);
    }
}

static gboolean
get_delayed_ack (int fd,
                 GSctpDelayedAck *ack,
                 GError **error)
{
  struct sctp_sack_info sack = { .sack_assoc_id = ack->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack, "SCTP_DELAYED_SACK", error))
    return FALSE;
  ack->delay = sack.sack_delay;
  ack->frequency = sack.sack_freq;
  return TRUE;
}

static gboolean
set_delayed_ack (int fd,
                 const GSctpDelayedAck *ack,
                 GError **error)
{
  struct sctp_sack_info sack = {
    .sack_assoc_id = ack->assoc_id,
    .sack_delay = ack->delay,
    .sack_freq = ack->frequency,
  };

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof sack, "SCTP_DELAYED_SACK", error);
}

static gboolean
get_default_send (int fd,
                  GSctpSndInfo *info,
                  GError **error)
{
  struct sctp_sndrcvinfo sinfo = { .sinfo_assoc_id = info->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &sinfo, sizeof sinfo,
                                "SCTP_DEFAULT_SEND_PARAM", error))
    return FALSE;
  info->stream = sinfo.sinfo_stream;
  info->flags = ((sinfo.sinfo_flags & SCTP_UNORDERED) ? GSCTP_SEND_FLAGS_UNORDERED : 0) |
                ((sinfo.sinfo_flags & SCTP_ADDR_OVER) ? GSCTP_SEND_FLAGS_ADDR_OVER : 0);
  info->ppid = g_ntohl (sinfo.sinfo_ppid);
  info->context = sinfo.sinfo_context;
  info->time_to_live = sinfo.sinfo_timetolive;
  return TRUE;
}

static gboolean
set_default_send (int fd,
                  const GSctpSndInfo *info,
                  GError **error)
{
  struct sctp_sndrcvinfo sinfo;

  memset (&sinfo, 0, sizeof sinfo);
  sinfo.sinfo_assoc_id = info->assoc_id;
  sinfo.sinfo_stream = info->stream;
  sinfo.sinfo_flags = gsctp_kernel_send_flags (info->flags);
  sinfo.sinfo_ppid = g_htonl (info->ppid);
  sinfo.sinfo_context = info->context;
  sinfo.sinfo_timetolive = info->time_to_live;

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &sinfo, sizeof sinfo,
                                  "SCTP_DEFAULT_SEND_PARAM", error);
}

static const guint16 pr_policies[] = {
  [GSCTP_PR_POLICY_NONE] = SCTP_PR_SCTP_NONE,
  [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
  [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
  [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_PRIO,
};

static gboolean
get_default_pr_info (int fd,
                     GSctpPrInfo *info,
                     GError **error)
{
  struct sctp_default_prinfo pr = { .pr_assoc_id = info->assoc_id };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, "SCTP_DEFAULT_PRINFO", error))
    return FALSE;
  info->policy = GSCTP_PR_POLICY_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (pr_policies); i++)
    if (pr_policies[i] == SCTP_PR_POLICY (pr.pr_policy))
      info->policy = i;
  info->value = pr.pr_value;
  return TRUE;
}

static gboolean
set_default_pr_info (int fd,
                     const GSctpPrInfo *info,
                     GError **error)
{
  struct sctp_default_prinfo pr;

  /* Field by field on a cleared struct: its padding goes to the kernel. */
  memset (&pr, 0, sizeof pr);
  pr.pr_assoc_id = info->assoc_id;
  pr.pr_value = info->value;
  pr.pr_policy = pr_policies[MIN ((guint) info->policy, G_N_ELEMENTS (pr_policies) - 1)];
  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, "SCTP_DEFAULT_PRINFO", error);
}

gboolean
gsctp_kernel_get_struct (GSctpEndpoint *endpoint,
                         GSctpStructOption option,
                         gpointer value,
                         GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

  switch (option)
    {
    case GSCTP_STRUCT_INIT_MSG: return get_init_msg (fd, value, error);
    case GSCTP_STRUCT_RTO_INFO: return get_rto_info (fd, value, error);
    case GSCTP_STRUCT_ASSOC_PARAMS: return get_assoc_params (fd, value, error);
    case GSCTP_STRUCT_PEER_ADDR_PARAMS: return get_peer_addr_params (fd, value, error);
    case GSCTP_STRUCT_PEER_ADDR_INFO: return get_peer_addr_info (fd, value, error);
    case GSCTP_STRUCT_STATUS: return get_status (fd, value, error);
    case GSCTP_STRUCT_PRIMARY_ADDR: return get_primary_addr (fd, value, error);
    case GSCTP_STRUCT_DELAYED_ACK: return get_delayed_ack (fd, value, error);
    case GSCTP_STRUCT_DEFAULT_SEND: return get_default_send (fd, value, error);
    case GSCTP_STRUCT_DEFAULT_PR_INFO: return get_default_pr_info (fd, value, error);
    case GSCTP_STRUCT_ASSOC_STATS: return get_assoc_stats (fd, value, error);
    case GSCTP_STRUCT_PEER_ADDR_THRESHOLDS: return get_thresholds (fd, value, error);
    case GSCTP_STRUCT_PEER_PRIMARY_ADDR:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
gsctp_kernel_set_struct (GSctpEndpoint *endpoint,
                         GSctpStructOption option,
                         gconstpointer value,
                         GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);

  switch (option)
    {
    case GSCTP_STRUCT_INIT_MSG: return set_init_msg (fd, value, error);
    case GSCTP_STRUCT_RTO_INFO: return set_rto_info (fd, value, error);
    case GSCTP_STRUCT_ASSOC_PARAMS: return set_assoc_params (fd, value, error);
    case GSCTP_STRUCT_PEER_ADDR_PARAMS: return set_peer_addr_params (fd, value, error);
    case GSCTP_STRUCT_PRIMARY_ADDR: return set_primary_addr (fd, value, FALSE, error);
    case GSCTP_STRUCT_PEER_PRIMARY_ADDR: return set_primary_addr (fd, value, TRUE, error);
    case GSCTP_STRUCT_DELAYED_ACK: return set_delayed_ack (fd, value, error);
    case GSCTP_STRUCT_DEFAULT_SEND: return set_default_send (fd, value, error);
    case GSCTP_STRUCT_DEFAULT_PR_INFO: return set_default_pr_info (fd, value, error);
    case GSCTP_STRUCT_PEER_ADDR_THRESHOLDS: return set_thresholds (fd, value, error);
    case GSCTP_STRUCT_PEER_ADDR_INFO:
    case GSCTP_STRUCT_STATUS:
    case GSCTP_STRUCT_ASSOC_STATS:
    default:
      g_return_val_if_reached (FALSE);
    }
}
