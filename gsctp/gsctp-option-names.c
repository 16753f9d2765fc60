/* gsctp-option-names.c: GSctpSocket's options by name and as
 * properties: options with one value (the backend's and gsctp's own), and
 * gen_sctp's option names for every option
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-enum-types.h"
#include "gsctp-socket-private.h"

/* Options with one value. The backend's go through its get_plain and set_plain;
 * gsctp's own (the receive buffer and the send-queue watermarks) live in
 * the socket. */
typedef enum { VALUE_BOOLEAN, VALUE_INT, VALUE_UINT } ValueKind;

typedef struct
{
  const char *name;             /* gen_sctp's name */
  const char *property;
  ValueKind kind;
  int kernel;                   /* GSctpPlainOption, or -1 */
  GSctpOwnOption own;
  const char *blurb;
  /* The range the kernel (or gsctp) takes; the default is the property's,
   * read from the endpoint for the kernel's options. */
  gint64 default_value;
  gint64 min;
  gint64 max;
} PlainOption;

static const PlainOption plain[] = {
  { "sctp_nodelay", "nodelay", VALUE_BOOLEAN, GSCTP_PLAIN_NODELAY, 0,
    "Send small messages at once, without Nagle-like bundling delay (SCTP_NODELAY)",
    0, 0, 1 },
  { "sctp_autoclose", "autoclose", VALUE_UINT, GSCTP_PLAIN_AUTOCLOSE, 0,
    "Seconds of idleness after which an association of a one-to-many socket is shut down, 0 for never (SCTP_AUTOCLOSE)",
    0, 0, G_MAXINT },
  { "sctp_disable_fragments", "disable-fragments", VALUE_BOOLEAN, GSCTP_PLAIN_DISABLE_FRAGMENTS, 0,
    "Refuse messages that do not fit in one packet instead of fragmenting them (SCTP_DISABLE_FRAGMENTS)",
    0, 0, 1 },
  { "sctp_i_want_mapped_v4_addr", "mapped-v4", VALUE_BOOLEAN, GSCTP_PLAIN_MAPPED_V4, 0,
    "On an IPv6 socket, report IPv4 peers as IPv4-mapped IPv6 addresses (SCTP_I_WANT_MAPPED_V4_ADDR)",
    0, 0, 1 },
  { "sctp_maxseg", "maxseg", VALUE_UINT, GSCTP_PLAIN_MAXSEG, 0,
    "The largest DATA chunk payload, 0 for the path MTU's (SCTP_MAXSEG)",
    0, 0, G_MAXUINT16 },
  { "sctp_adaptation_layer", "adaptation-layer", VALUE_UINT, GSCTP_PLAIN_ADAPTATION_LAYER, 0,
    "The adaptation layer indication sent in INIT and INIT ACK (SCTP_ADAPTATION_LAYER)",
    0, 0, G_MAXUINT32 },
  { "sctp_fragment_interleave", "fragment-interleave", VALUE_INT, GSCTP_PLAIN_FRAGMENT_INTERLEAVE, 0,
    "Fragment interleave level 0, 1 or 2 (SCTP_FRAGMENT_INTERLEAVE)",
    0, 0, 2 },
  { "sctp_interleaving_supported", "interleaving-supported", VALUE_BOOLEAN, GSCTP_PLAIN_INTERLEAVING_SUPPORTED, 0,
    "Negotiate message interleaving, I-DATA of RFC 8260 (SCTP_INTERLEAVING_SUPPORTED)",
    0, 0, 1 },
  { "sctp_pr_supported", "pr-supported", VALUE_BOOLEAN, GSCTP_PLAIN_PR_SUPPORTED, 0,
    "Negotiate partial reliability, PR-SCTP (SCTP_PR_SUPPORTED)",
    0, 0, 1 },
  { "sctp_reconfig_supported", "reconfig-supported", VALUE_BOOLEAN, GSCTP_PLAIN_RECONFIG_SUPPORTED, 0,
    "Negotiate stream reconfiguration, RFC 6525 (SCTP_RECONFIG_SUPPORTED)",
    0, 0, 1 },
  { "sctp_stream_scheduler", "stream-scheduler", VALUE_INT, GSCTP_PLAIN_STREAM_SCHEDULER, 0,
    "The stream scheduler: 0 first come first served, 1 priority, 2 round robin, 3 fair capacity, 4 weighted fair queueing (SCTP_STREAM_SCHEDULER)",
    0, 0, 4 },
  { "sctp_recvnxtinfo", "receive-next-info", VALUE_BOOLEAN, GSCTP_PLAIN_RECVNXTINFO, 0,
    "Ask the kernel for information on the next message too (SCTP_RECVNXTINFO)",
    0, 0, 1 },
  { "sndbuf", "send-buffer-size", VALUE_INT, GSCTP_PLAIN_SNDBUF, 0,
    "The kernel send buffer size in bytes; a message must fit in it (SO_SNDBUF)",
    1, 1, G_MAXINT },
  { "recbuf", "receive-buffer-size", VALUE_INT, GSCTP_PLAIN_RCVBUF, 0,
    "The kernel receive buffer size in bytes (SO_RCVBUF)",
    1, 1, G_MAXINT },
  { "reuseaddr", "reuse-address", VALUE_BOOLEAN, GSCTP_PLAIN_REUSEADDR, 0,
    "Allow binding to an address still in use (SO_REUSEADDR)",
    0, 0, 1 },
  { "priority", "priority", VALUE_INT, GSCTP_PLAIN_PRIORITY, 0,
    "The priority of the socket's packets (SO_PRIORITY)",
    0, 0, G_MAXINT },
  { "dontroute", "dont-route", VALUE_BOOLEAN, GSCTP_PLAIN_DONTROUTE, 0,
    "Send only to directly connected hosts (SO_DONTROUTE)",
    0, 0, 1 },
  { "tos", "tos", VALUE_INT, GSCTP_PLAIN_TOS, 0,
    "The type of service (IPv4) or traffic class (IPv6) of the socket's packets",
    0, 0, G_MAXUINT8 },
  { "ipv6_v6only", "ipv6-only", VALUE_BOOLEAN, GSCTP_PLAIN_V6ONLY, 0,
    "On an IPv6 socket, refuse IPv4 peers (IPV6_V6ONLY)",
    0, 0, 1 },
  { "sctp_ecn_supported", "ecn-supported", VALUE_BOOLEAN, GSCTP_PLAIN_ECN_SUPPORTED, 0,
    "Negotiate explicit congestion notification (SCTP_ECN_SUPPORTED)",
    0, 0, 1 },
  { "sctp_asconf_supported", "asconf-supported", VALUE_BOOLEAN, GSCTP_PLAIN_ASCONF_SUPPORTED, 0,
    "Negotiate dynamic address reconfiguration, RFC 5061 (SCTP_ASCONF_SUPPORTED)",
    0, 0, 1 },
  { "sctp_auth_supported", "auth-supported", VALUE_BOOLEAN, GSCTP_PLAIN_AUTH_SUPPORTED, 0,
    "Negotiate authenticated chunks, RFC 4895 (SCTP_AUTH_SUPPORTED)",
    0, 0, 1 },
  { "sctp_auto_asconf", "auto-asconf", VALUE_BOOLEAN, GSCTP_PLAIN_AUTO_ASCONF, 0,
    "Tell peers of the host's addresses as they come and go, on a socket bound to every address (SCTP_AUTO_ASCONF)",
    0, 0, 1 },
  { "sctp_max_burst", "max-burst", VALUE_UINT, GSCTP_PLAIN_MAX_BURST, 0,
    "The most packets sent at once on a path, 0 for no limit (SCTP_MAX_BURST)",
    0, 0, G_MAXINT },
  { "sctp_partial_delivery_point", "partial-delivery-point", VALUE_UINT, GSCTP_PLAIN_PARTIAL_DELIVERY_POINT, 0,
    "Bytes of a message received before its delivery begins in pieces (SCTP_PARTIAL_DELIVERY_POINT)",
    0, 0, G_MAXINT },
  { "sctp_context", "send-context", VALUE_UINT, GSCTP_PLAIN_CONTEXT, 0,
    "The context sends carry by default, given back with the data of a failed send (SCTP_CONTEXT)",
    0, 0, G_MAXUINT32 },
  { "sctp_expose_potentially_failed_state", "expose-potentially-failed", VALUE_BOOLEAN, GSCTP_PLAIN_EXPOSE_PF_STATE, 0,
    "Report paths in the potentially-failed state of RFC 7829 as peer-address changes (SCTP_EXPOSE_POTENTIALLY_FAILED_STATE)",
    0, 0, 1 },
  { "sctp_plpmtud_probe_interval", "plpmtud-probe-interval", VALUE_UINT, GSCTP_PLAIN_PLPMTUD_PROBE_INTERVAL, 0,
    "Milliseconds between path MTU probes of RFC 8899, at least 5000; 0 turns probing off (SCTP_PLPMTUD_PROBE_INTERVAL)",
    0, 0, G_MAXINT },
  { "sctp_remote_udp_encaps_port", "remote-udp-encaps-port", VALUE_UINT, GSCTP_PLAIN_REMOTE_UDP_ENCAPS_PORT, 0,
    "The UDP port the kernel sends SCTP to in UDP, RFC 6951; 0 for plain SCTP (SCTP_REMOTE_UDP_ENCAPS_PORT)",
    0, 0, G_MAXUINT16 },
  { "buffer", "buffer", VALUE_UINT, -1, GSCTP_OWN_BUFFER,
    "The size gsctp's receive buffer starts at, in bytes; it grows for larger messages",
    65536, 1024, G_MAXINT },
  { "high_msgq_watermark", "high-watermark", VALUE_UINT, -1, GSCTP_OWN_HIGH_WATERMARK,
    "Bytes of queued async sends at which the socket reports its send queue full",
    8192, 1, G_MAXINT },
  { "low_msgq_watermark", "low-watermark", VALUE_UINT, -1, GSCTP_OWN_LOW_WATERMARK,
    "Bytes of queued async sends below which a full send queue is reported free again",
    4096, 1, G_MAXINT },
  { "max_message_size", "max-message-size", VALUE_UINT, -1, GSCTP_OWN_MAX_MESSAGE_SIZE,
    "The largest message the socket receives, in bytes; 0 for no limit",
    GSCTP_DEFAULT_MAX_MESSAGE_SIZE, 0, G_MAXUINT32 },
};

/**
 * GSctpSocket:nodelay:
 *
 * Send small messages at once, without Nagle-like bundling delay (SCTP_NODELAY). Also the option `sctp_nodelay` of [method@Gsctp.Socket.set_option]. A socket gsctp makes has it on (see [Running SCTP in production](production.html#throughput-without-tuning)); an adopted socket keeps its own.
 */
/**
 * GSctpSocket:autoclose:
 *
 * Seconds of idleness after which an association of a one-to-many socket is shut down, 0 for never (SCTP_AUTOCLOSE). Also the option `sctp_autoclose` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:disable-fragments:
 *
 * Refuse messages that do not fit in one packet instead of fragmenting them (SCTP_DISABLE_FRAGMENTS). Also the option `sctp_disable_fragments` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:mapped-v4:
 *
 * On an IPv6 socket, report IPv4 peers as IPv4-mapped IPv6 addresses (SCTP_I_WANT_MAPPED_V4_ADDR). Also the option `sctp_i_want_mapped_v4_addr` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:maxseg:
 *
 * The largest DATA chunk payload, 0 for the path MTU's (SCTP_MAXSEG). Also the option `sctp_maxseg` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:adaptation-layer:
 *
 * The adaptation layer indication sent in INIT and INIT ACK (SCTP_ADAPTATION_LAYER). Also the option `sctp_adaptation_layer` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:fragment-interleave:
 *
 * Fragment interleave level 0, 1 or 2 (SCTP_FRAGMENT_INTERLEAVE). Also the option `sctp_fragment_interleave` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:interleaving-supported:
 *
 * Negotiate message interleaving, I-DATA of RFC 8260 (SCTP_INTERLEAVING_SUPPORTED). Also the option `sctp_interleaving_supported` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:pr-supported:
 *
 * Negotiate partial reliability, PR-SCTP (SCTP_PR_SUPPORTED). Also the option `sctp_pr_supported` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:reconfig-supported:
 *
 * Negotiate stream reconfiguration, RFC 6525 (SCTP_RECONFIG_SUPPORTED). Also the option `sctp_reconfig_supported` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:stream-scheduler:
 *
 * The stream scheduler: 0 first come first served, 1 priority, 2 round robin, 3 fair capacity (SCTP_STREAM_SCHEDULER). Also the option `sctp_stream_scheduler` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:receive-next-info:
 *
 * Ask the kernel for information on the next message too (SCTP_RECVNXTINFO). Also the option `sctp_recvnxtinfo` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:send-buffer-size:
 *
 * The kernel send buffer size in bytes; a message must fit in it (SO_SNDBUF). Also the option `sndbuf` of [method@Gsctp.Socket.set_option]. A kernel socket gsctp makes starts with the most the system allows an unprivileged socket (twice `net.core.wmem_max`), not the kernel's default.
 */
/**
 * GSctpSocket:receive-buffer-size:
 *
 * The kernel receive buffer size in bytes (SO_RCVBUF). Also the option `recbuf` of [method@Gsctp.Socket.set_option]. A kernel socket gsctp makes starts with the most the system allows an unprivileged socket (twice `net.core.rmem_max`), not the kernel's default.
 */
/**
 * GSctpSocket:reuse-address:
 *
 * Allow binding to an address still in use (SO_REUSEADDR). Also the option `reuseaddr` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:priority:
 *
 * The priority of the socket's packets (SO_PRIORITY). Also the option `priority` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:dont-route:
 *
 * Send only to directly connected hosts (SO_DONTROUTE). Also the option `dontroute` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:tos:
 *
 * The type of service (IPv4) or traffic class (IPv6) of the socket's packets. Also the option `tos` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:ipv6-only:
 *
 * On an IPv6 socket, refuse IPv4 peers (IPV6_V6ONLY). Also the option `ipv6_v6only` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:ecn-supported:
 *
 * Negotiate explicit congestion notification (SCTP_ECN_SUPPORTED). Also the option `sctp_ecn_supported` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:asconf-supported:
 *
 * Negotiate dynamic address reconfiguration, RFC 5061 (SCTP_ASCONF_SUPPORTED). Also the option `sctp_asconf_supported` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:auth-supported:
 *
 * Negotiate authenticated chunks, RFC 4895 (SCTP_AUTH_SUPPORTED). Also the option `sctp_auth_supported` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:auto-asconf:
 *
 * Tell peers of the host's addresses as they come and go, on a socket bound to every address (SCTP_AUTO_ASCONF). Also the option `sctp_auto_asconf` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:max-burst:
 *
 * The most packets sent at once on a path, 0 for no limit (SCTP_MAX_BURST). Also the option `sctp_max_burst` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:partial-delivery-point:
 *
 * Bytes of a message received before its delivery begins in pieces (SCTP_PARTIAL_DELIVERY_POINT). Also the option `sctp_partial_delivery_point` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:send-context:
 *
 * The context sends carry by default, given back with the data of a failed send (SCTP_CONTEXT). Also the option `sctp_context` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:expose-potentially-failed:
 *
 * Report paths in the potentially-failed state of RFC 7829 as peer-address changes (SCTP_EXPOSE_POTENTIALLY_FAILED_STATE). Also the option `sctp_expose_potentially_failed_state` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:plpmtud-probe-interval:
 *
 * Milliseconds between path MTU probes of RFC 8899, at least 5000; 0 turns probing off (SCTP_PLPMTUD_PROBE_INTERVAL). Also the option `sctp_plpmtud_probe_interval` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:remote-udp-encaps-port:
 *
 * The UDP port the kernel sends SCTP to in UDP, RFC 6951; 0 for plain SCTP (SCTP_REMOTE_UDP_ENCAPS_PORT). Also the option `sctp_remote_udp_encaps_port` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:buffer:
 *
 * The size gsctp's receive buffer starts at, in bytes; it grows for larger messages (up to [property@Gsctp.Socket:max-message-size]). At least 1024. Also the option `buffer` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:high-watermark:
 *
 * Bytes of queued async sends at which the socket reports its send queue full. Also the option `high_msgq_watermark` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:low-watermark:
 *
 * Bytes of queued async sends below which a full send queue is reported free again. Also the option `low_msgq_watermark` of [method@Gsctp.Socket.set_option].
 */
/**
 * GSctpSocket:max-message-size:
 *
 * The largest message the socket receives, in bytes (16 MiB unless set;
 * 0 for no limit). A peer's message over it is never held whole: its
 * bytes are dropped as they arrive, the receive that was reading fails
 * with %GSCTP_ERROR_MESSAGE_TOO_LARGE naming the limit (in an active mode,
 * with nobody receiving, the error is logged), and the association is
 * aborted, the ABORT chunk saying why. On a one-to-one socket made as
 * %GSCTP_SOCKET_TYPE_STREAM the kernel can abort the association only by
 * closing the socket, which is left to the application. Also the option
 * `max_message_size` of [method@Gsctp.Socket.set_option].
 */

static guint first_property;

static guint
get_own_option (GSctpSocket *self,
                GSctpOwnOption option)
{
  guint value;

  g_mutex_lock (&self->lock);
  switch (option)
    {
    case GSCTP_OWN_BUFFER: value = self->reader.buffer_initial; break;
    case GSCTP_OWN_HIGH_WATERMARK: value = self->high_watermark; break;
    case GSCTP_OWN_MAX_MESSAGE_SIZE: value = (guint) self->reader.max_message_size; break;
    case GSCTP_OWN_LOW_WATERMARK:
    default: value = self->low_watermark; break;
    }
  g_mutex_unlock (&self->lock);
  return value;
}

static void
set_own_option (GSctpSocket *self,
                GSctpOwnOption option,
                guint value)
{
  g_mutex_lock (&self->lock);
  switch (option)
    {
    case GSCTP_OWN_BUFFER:
      self->reader.buffer_initial = value;
      break;
    case GSCTP_OWN_HIGH_WATERMARK:
      self->high_watermark = value;
      break;
    case GSCTP_OWN_LOW_WATERMARK:
      self->low_watermark = value;
      break;
    case GSCTP_OWN_MAX_MESSAGE_SIZE:
      self->reader.max_message_size = value;
      break;
    }
  g_mutex_unlock (&self->lock);
}

static const PlainOption *
find_plain (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    if (g_strcmp0 (plain[i].name, name) == 0 || g_strcmp0 (plain[i].property, name) == 0)
      return &plain[i];
  return NULL;
}

static GType
value_type (ValueKind kind)
{
  switch (kind)
    {
    case VALUE_BOOLEAN: return G_TYPE_BOOLEAN;
    case VALUE_INT: return G_TYPE_INT;
    case VALUE_UINT:
    default: return G_TYPE_UINT;
    }
}

static gboolean
get_plain (GSctpSocket *self,
           const PlainOption *option,
           GSctpAssocId assoc_id,
           GValue *value,
           GError **error)
{
  GSctpEndpoint *endpoint = gsctp_socket_endpoint (self, error);
  int number = 0;

  if (endpoint == NULL)
    return FALSE;
  if (option->kernel >= 0)
    {
      if (!endpoint->backend->get_plain (endpoint, self->family, option->kernel,
                                         assoc_id, &number, error))
        return FALSE;
    }
  else
    number = (int) get_own_option (self, option->own);

  g_value_init (value, value_type (option->kind));
  switch (option->kind)
    {
    case VALUE_BOOLEAN: g_value_set_boolean (value, number != 0); break;
    case VALUE_INT: g_value_set_int (value, number); break;
    case VALUE_UINT: g_value_set_uint (value, (guint) number); break;
    }
  return TRUE;
}

/* An integer of any width as a gint64, without wrapping. */
static gboolean
integer_value (const GValue *value,
               gint64 *number)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_INT: *number = g_value_get_int (value); return TRUE;
    case G_TYPE_UINT: *number = g_value_get_uint (value); return TRUE;
    case G_TYPE_LONG: *number = g_value_get_long (value); return TRUE;
    case G_TYPE_ULONG: *number = (gint64) MIN (g_value_get_ulong (value), G_MAXINT64); return TRUE;
    case G_TYPE_INT64: *number = g_value_get_int64 (value); return TRUE;
    case G_TYPE_UINT64: *number = (gint64) MIN (g_value_get_uint64 (value), G_MAXINT64); return TRUE;
    case G_TYPE_CHAR: *number = g_value_get_schar (value); return TRUE;
    case G_TYPE_UCHAR: *number = g_value_get_uchar (value); return TRUE;
    case G_TYPE_BOOLEAN: *number = g_value_get_boolean (value); return TRUE;
    case G_TYPE_DOUBLE:
      {
        /* JavaScript's numbers: whole ones only. */
        double d = g_value_get_double (value);

        if (!(d >= -9.0e18 && d <= 9.0e18) || d != (double) (gint64) d)
          return FALSE;
        *number = (gint64) d;
        return TRUE;
      }
    default: return FALSE;
    }
}

/* @value as the int the kernel takes for @option (an unsigned 32-bit
 * value as its bits), within the option's range. */
static gboolean
convert_plain (const PlainOption *option,
               const GValue *value,
               int *number,
               GError **error)
{
  gint64 wide;

  if (!integer_value (value, &wide))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Option %s takes a %s, not a %s", option->name,
                   g_type_name (value_type (option->kind)), G_VALUE_TYPE_NAME (value));
      return FALSE;
    }
  if (wide < option->min || wide > option->max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Option %s takes %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                   option->name, option->min, option->max, wide);
      return FALSE;
    }
  *number = (int) (guint32) wide;
  return TRUE;
}

static gboolean
set_plain_number (GSctpSocket *self,
                  const PlainOption *option,
                  GSctpAssocId assoc_id,
                  int number,
                  GError **error)
{
  GSctpEndpoint *endpoint = gsctp_socket_endpoint (self, error);

  if (endpoint == NULL)
    return FALSE;
  if (option->kernel >= 0)
    {
      if (!endpoint->backend->set_plain (endpoint, self->family, option->kernel,
                                         assoc_id, number, error))
        return FALSE;
    }
  else
    set_own_option (self, option->own, (guint) number);
  g_object_notify (G_OBJECT (self), option->property);
  return TRUE;
}

static gboolean
set_plain (GSctpSocket *self,
           const PlainOption *option,
           GSctpAssocId assoc_id,
           const GValue *value,
           GError **error)
{
  int number;

  return convert_plain (option, value, &number, error) &&
         set_plain_number (self, option, assoc_id, number, error);
}

void
gsctp_socket_options_install (GObjectClass *klass,
                              guint first_prop_id)
{
  first_property = first_prop_id;
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec;

      switch (plain[i].kind)
        {
        case VALUE_BOOLEAN:
          pspec = g_param_spec_boolean (plain[i].property, NULL, plain[i].blurb, FALSE, flags);
          break;
        case VALUE_INT:
          pspec = g_param_spec_int (plain[i].property, NULL, plain[i].blurb, (int) plain[i].min,
                                    (int) plain[i].max, (int) plain[i].default_value, flags);
          break;
        case VALUE_UINT:
        default:
          pspec = g_param_spec_uint (plain[i].property, NULL, plain[i].blurb, (guint) plain[i].min,
                                     (guint) plain[i].max, (guint) plain[i].default_value, flags);
          break;
        }
      g_object_class_install_property (klass, first_prop_id + i, pspec);
    }
}

/* Properties read the endpoint's value; a failure (a closed socket) reads
 * as the default and says why once. */
gboolean
gsctp_socket_options_get_property (GSctpSocket *self,
                                   guint prop_id,
                                   GValue *value)
{
  g_auto(GValue) got = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (prop_id < first_property || prop_id >= first_property + G_N_ELEMENTS (plain))
    return FALSE;
  if (get_plain (self, &plain[prop_id - first_property], 0, &got, &error))
    g_value_copy (&got, value);
  else
    g_debug ("Could not read %s: %s", plain[prop_id - first_property].name, error->message);
  return TRUE;
}

gboolean
gsctp_socket_options_set_property (GSctpSocket *self,
                                   guint prop_id,
                                   const GValue *value)
{
  g_autoptr(GError) error = NULL;

  if (prop_id < first_property || prop_id >= first_property + G_N_ELEMENTS (plain))
    return FALSE;
  /* Not a programmer's error, and no binding could catch a warning: the
   * property keeps the stack's value, which the notify that follows has
   * anyone re-read. */
  if (!set_plain (self, &plain[prop_id - first_property], 0, value, &error))
    {
      g_debug ("Could not set %s: %s (gsctp_socket_set_option() reports it)",
               plain[prop_id - first_property].name, error->message);
      g_object_notify (G_OBJECT (self), plain[prop_id - first_property].property);
    }
  return TRUE;
}

/* For peeloff: the kernel moves the association's own settings with it,
 * but the endpoint's plain options and gsctp's own start fresh on the new
 * socket. Options the new socket cannot take are left as they are. */
void
gsctp_socket_options_copy (GSctpSocket *from,
                           GSctpSocket *to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      /* The kernel copies the buffer sizes, and reads them back doubled. */
      if (plain[i].kernel == GSCTP_PLAIN_SNDBUF || plain[i].kernel == GSCTP_PLAIN_RCVBUF)
        continue;
      if (get_plain (from, &plain[i], 0, &value, NULL))
        set_plain (to, &plain[i], 0, &value, NULL);
    }
}

/* ------------------------------------------------------------------ */
/* By name                                                             */

typedef gpointer (*BoxedGetter) (GSctpSocket *self, GSctpAssocId assoc_id, GError **error);
typedef gboolean (*BoxedSetter) (GSctpSocket *self, gconstpointer value, GError **error);

static gpointer
get_init_msg_any (GSctpSocket *self, GSctpAssocId assoc_id, GError **error)
{
  return gsctp_socket_get_init_msg (self, error);
}

static gpointer
get_peer_addr_params_any (GSctpSocket *self, GSctpAssocId assoc_id, GError **error)
{
  return gsctp_socket_get_peer_addr_params (self, assoc_id, NULL, error);
}

static gpointer
get_thresholds_any (GSctpSocket *self, GSctpAssocId assoc_id, GError **error)
{
  return gsctp_socket_get_peer_addr_thresholds (self, assoc_id, NULL, error);
}

static GType
event_mask_type (void)
{
  return GSCTP_TYPE_EVENT_MASK;
}

typedef struct
{
  const char *name;
  GType (*type) (void);
  BoxedGetter get;
  BoxedSetter set;
} BoxedOption;

static const BoxedOption boxed[] = {
  { "sctp_initmsg", gsctp_init_msg_get_type, get_init_msg_any, (BoxedSetter) gsctp_socket_set_init_msg },
  { "sctp_rtoinfo", gsctp_rto_info_get_type, (BoxedGetter) gsctp_socket_get_rto_info, (BoxedSetter) gsctp_socket_set_rto_info },
  { "sctp_associnfo", gsctp_assoc_params_get_type, (BoxedGetter) gsctp_socket_get_assoc_params, (BoxedSetter) gsctp_socket_set_assoc_params },
  { "sctp_peer_addr_params", gsctp_peer_addr_params_get_type, get_peer_addr_params_any, (BoxedSetter) gsctp_socket_set_peer_addr_params },
  { "sctp_default_send_param", gsctp_snd_info_get_type, (BoxedGetter) gsctp_socket_get_default_send_param, (BoxedSetter) gsctp_socket_set_default_send_param },
  { "sctp_peer_addr_thlds", gsctp_peer_addr_thresholds_get_type, (BoxedGetter) get_thresholds_any, (BoxedSetter) gsctp_socket_set_peer_addr_thresholds },
  { "sctp_status", gsctp_status_get_type, (BoxedGetter) gsctp_socket_get_status, NULL },
  { "sctp_get_assoc_stats", gsctp_assoc_stats_get_type, (BoxedGetter) gsctp_socket_get_assoc_stats, NULL },
  { "sctp_primary_addr", gsctp_primary_addr_get_type, (BoxedGetter) gsctp_socket_get_primary_addr, (BoxedSetter) gsctp_socket_set_primary_addr },
  { "sctp_set_peer_primary_addr", gsctp_primary_addr_get_type, NULL, (BoxedSetter) gsctp_socket_set_peer_primary_addr },
  { "sctp_delayed_ack_time", gsctp_delayed_ack_get_type, (BoxedGetter) gsctp_socket_get_delayed_ack, (BoxedSetter) gsctp_socket_set_delayed_ack },
  { "sctp_default_prinfo", gsctp_pr_info_get_type, (BoxedGetter) gsctp_socket_get_default_pr_info, (BoxedSetter) gsctp_socket_set_default_pr_info },
  { "sctp_events", event_mask_type, NULL, NULL },
};

static const BoxedOption *
find_boxed (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (boxed); i++)
    if (g_strcmp0 (boxed[i].name, name) == 0)
      return &boxed[i];
  return NULL;
}

static gboolean get_option_value (GSctpSocket *self, const char *name, GSctpAssocId assoc_id,
                                  GValue *value, GError **error);

static gboolean
unknown_option (const char *name,
                GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Unknown SCTP socket option “%s”", name);
  return FALSE;
}

static gboolean
get_event_mask (GSctpSocket *self,
                GSctpAssocId assoc_id,
                GValue *value,
                GError **error)
{
  guint mask = 0;

  for (GSctpEventType type = GSCTP_EVENT_TYPE_ASSOC_CHANGE; type < GSCTP_N_EVENT_TYPES; type++)
    {
      GError *local_error = NULL;

      if (gsctp_socket_get_subscribed (self, type, assoc_id, &local_error))
        mask |= 1u << type;
      else if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  g_value_init (value, GSCTP_TYPE_EVENT_MASK);
  g_value_set_flags (value, mask);
  return TRUE;
}

static gboolean
set_event_mask (GSctpSocket *self,
                GSctpAssocId assoc_id,
                guint mask,
                GError **error)
{
  for (GSctpEventType type = GSCTP_EVENT_TYPE_ASSOC_CHANGE; type < GSCTP_N_EVENT_TYPES; type++)
    if (!gsctp_socket_subscribe (self, type, assoc_id, (mask & (1u << type)) != 0, error))
      return FALSE;
  return TRUE;
}

/**
 * gsctp_socket_get_option:
 * @self: a #GSctpSocket
 * @name: gen_sctp's name of the option (`sctp_nodelay`, `sndbuf`,
 *   `sctp_rtoinfo`…) or the property's (`nodelay`, `send-buffer-size`…)
 * @assoc_id: the association, or 0 for the endpoint; options without one
 *   ignore it
 * @error: return location for a #GError
 *
 * Reads any option by name, the form dynamic languages want, as gen_sctp's
 * `inet:getopts/2`. Plain options come as booleans or integers; structured
 * ones as their boxed type (`sctp_rtoinfo` as [struct@Gsctp.RtoInfo]…);
 * `sctp_events` as [flags@Gsctp.EventMask]; `linger` as its seconds, -1
 * when off.
 *
 * Returns: (transfer full) (nullable): the value, to free with
 *   g_boxed_free() (it is a boxed #GValue), or %NULL on error
 */
GValue *
gsctp_socket_get_option (GSctpSocket *self,
                         const char *name,
                         GSctpAssocId assoc_id,
                         GError **error)
{
  GValue *value;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  value = g_new0 (GValue, 1);
  if (get_option_value (self, name, assoc_id, value, error))
    return value;
  g_free (value);
  return NULL;
}

static gboolean
get_option_value (GSctpSocket *self,
                  const char *name,
                  GSctpAssocId assoc_id,
                  GValue *value,
                  GError **error)
{
  const PlainOption *option;
  const BoxedOption *box;

  if ((option = find_plain (name)) != NULL)
    return get_plain (self, option, assoc_id, value, error);
  if (g_strcmp0 (name, "linger") == 0)
    {
      GError *local_error = NULL;
      int seconds = gsctp_socket_get_linger (self, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, seconds);
      return TRUE;
    }
  if ((box = find_boxed (name)) == NULL)
    return unknown_option (name, error);
  if (box->type == event_mask_type)
    return get_event_mask (self, assoc_id, value, error);
  if (box->get == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "Option %s can be set, not read", name);
      return FALSE;
    }
  {
    gpointer got = box->get (self, assoc_id, error);

    if (got == NULL)
      return FALSE;
    g_value_init (value, box->type ());
    g_value_take_boxed (value, got);
  }
  return TRUE;
}

/**
 * gsctp_socket_set_option:
 * @self: a #GSctpSocket
 * @name: gen_sctp's name of the option or the property's
 * @assoc_id: the association, or 0 for the endpoint; structured options
 *   take theirs from @value instead
 * @value: the value: a boolean or an integer of any width (or a whole
 *   double, as JavaScript numbers come) for plain options, the boxed type
 *   for structured ones, a
 *   [flags@Gsctp.EventMask] for `sctp_events`, seconds (-1 for off) for
 *   `linger`
 * @error: return location for a #GError
 *
 * Sets any option by name, as gen_sctp's `inet:setopts/2`: from Python,
 * `socket.set_option("sctp_nodelay", 0, True)`.
 *
 * A plain option's value outside its range (its property's, such as 0 to
 * 255 for `tos` or 1 and up for `sndbuf`) fails with
 * %G_IO_ERROR_INVALID_ARGUMENT naming the option and the range, where the
 * kernel would clamp or mask it. Unsigned 32-bit options take their whole
 * range (from Python, pass values over 2147483647 as a
 * `GObject.Value(GObject.TYPE_UINT, …)` or set the property).
 *
 * Returns: %TRUE on success
 */
gboolean
gsctp_socket_set_option (GSctpSocket *self,
                         const char *name,
                         GSctpAssocId assoc_id,
                         const GValue *value,
                         GError **error)
{
  GSctpOptionSetting setting;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (!gsctp_option_setting_parse (name, value, &setting, error))
    return FALSE;
  switch (setting.kind)
    {
    case GSCTP_OPTION_SETTING_PLAIN:
      return set_plain_number (self, setting.option, assoc_id, setting.number, error);
    case GSCTP_OPTION_SETTING_LINGER:
      return gsctp_socket_set_linger (self, setting.number >= 0, (guint) MAX (setting.number, 0),
                                      error);
    case GSCTP_OPTION_SETTING_EVENT_MASK:
      return set_event_mask (self, assoc_id, (guint) setting.number, error);
    case GSCTP_OPTION_SETTING_BOXED:
    default:
      return ((const BoxedOption *) setting.option)->set (self, setting.boxed, error);
    }
}

/* The part of gsctp_socket_set_option() that needs no socket: which option
 * @name is, and whether @value suits it. */
gboolean
gsctp_option_setting_parse (const char *name,
                            const GValue *value,
                            GSctpOptionSetting *setting,
                            GError **error)
{
  const PlainOption *option;
  const BoxedOption *box;

  memset (setting, 0, sizeof *setting);
  if ((option = find_plain (name)) != NULL)
    {
      setting->kind = GSCTP_OPTION_SETTING_PLAIN;
      setting->option = option;
      return convert_plain (option, value, &setting->number, error);
    }
  if (g_strcmp0 (name, "linger") == 0)
    {
      g_auto(GValue) seconds = G_VALUE_INIT;

      g_value_init (&seconds, G_TYPE_INT);
      if (!g_value_transform (value, &seconds))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Option linger takes seconds (an int, -1 for off), not a %s",
                       G_VALUE_TYPE_NAME (value));
          return FALSE;
        }
      setting->kind = GSCTP_OPTION_SETTING_LINGER;
      setting->number = g_value_get_int (&seconds);
      return TRUE;
    }
  if ((box = find_boxed (name)) == NULL)
    return unknown_option (name, error);
  if (!G_VALUE_HOLDS (value, box->type ()))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Option %s takes a %s, not a %s", name, g_type_name (box->type ()),
                   G_VALUE_TYPE_NAME (value));
      return FALSE;
    }
  setting->option = box;
  if (box->type == event_mask_type)
    {
      setting->kind = GSCTP_OPTION_SETTING_EVENT_MASK;
      setting->number = (int) g_value_get_flags (value);
      return TRUE;
    }
  if (box->set == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Option %s is read only", name);
      return FALSE;
    }
  if (g_value_get_boxed (value) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Option %s: no value", name);
      return FALSE;
    }
  setting->kind = GSCTP_OPTION_SETTING_BOXED;
  setting->boxed = g_value_get_boxed (value);
  return TRUE;
}
