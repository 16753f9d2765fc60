/* gsctp-tool-fields.c: the fields of gsctp's boxed option values, named as
 * in their structs: printed into records, and set from `key=value,…` text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gsctp-tool.h"

typedef enum {
  FIELD_U16,
  FIELD_U32,
  FIELD_U64,
  FIELD_ASSOC,
  FIELD_ENUM,
  FIELD_FLAGS,
  FIELD_ADDRESS,
  FIELD_PEER_ADDR_INFO,
} FieldKind;

typedef struct
{
  const char *key;
  FieldKind kind;
  gsize offset;
  GType (*type) (void);         /* of an enum or flags field */
} Field;

#define F(Struct, member, kind) { #member, kind, offsetof (Struct, member), NULL }
#define E(Struct, member, kind, type) { #member, kind, offsetof (Struct, member), type }

static const Field init_msg_fields[] = {
  F (GSctpInitMsg, num_ostreams, FIELD_U16),
  F (GSctpInitMsg, max_instreams, FIELD_U16),
  F (GSctpInitMsg, max_attempts, FIELD_U16),
  F (GSctpInitMsg, max_init_timeo, FIELD_U16),
  { NULL }
};

static const Field rto_info_fields[] = {
  F (GSctpRtoInfo, assoc_id, FIELD_ASSOC),
  F (GSctpRtoInfo, initial, FIELD_U32),
  F (GSctpRtoInfo, max, FIELD_U32),
  F (GSctpRtoInfo, min, FIELD_U32),
  { NULL }
};

static const Field assoc_params_fields[] = {
  F (GSctpAssocParams, assoc_id, FIELD_ASSOC),
  F (GSctpAssocParams, max_retransmissions, FIELD_U16),
  F (GSctpAssocParams, peer_destinations, FIELD_U16),
  F (GSctpAssocParams, peer_rwnd, FIELD_U32),
  F (GSctpAssocParams, local_rwnd, FIELD_U32),
  F (GSctpAssocParams, cookie_life, FIELD_U32),
  { NULL }
};

static const Field peer_addr_params_fields[] = {
  F (GSctpPeerAddrParams, assoc_id, FIELD_ASSOC),
  F (GSctpPeerAddrParams, address, FIELD_ADDRESS),
  F (GSctpPeerAddrParams, hb_interval, FIELD_U32),
  F (GSctpPeerAddrParams, path_max_rxt, FIELD_U16),
  F (GSctpPeerAddrParams, path_mtu, FIELD_U32),
  F (GSctpPeerAddrParams, sack_delay, FIELD_U32),
  E (GSctpPeerAddrParams, flags, FIELD_FLAGS, gsctp_peer_addr_flags_get_type),
  { NULL }
};

static const Field peer_addr_info_fields[] = {
  F (GSctpPeerAddrInfo, assoc_id, FIELD_ASSOC),
  F (GSctpPeerAddrInfo, address, FIELD_ADDRESS),
  E (GSctpPeerAddrInfo, state, FIELD_ENUM, gsctp_path_state_get_type),
  F (GSctpPeerAddrInfo, cwnd, FIELD_U32),
  F (GSctpPeerAddrInfo, srtt, FIELD_U32),
  F (GSctpPeerAddrInfo, rto, FIELD_U32),
  F (GSctpPeerAddrInfo, mtu, FIELD_U32),
  { NULL }
};

static const Field status_fields[] = {
  F (GSctpStatus, assoc_id, FIELD_ASSOC),
  E (GSctpStatus, state, FIELD_ENUM, gsctp_protocol_state_get_type),
  F (GSctpStatus, rwnd, FIELD_U32),
  F (GSctpStatus, unacked_data, FIELD_U16),
  F (GSctpStatus, pending_data, FIELD_U16),
  F (GSctpStatus, inbound_streams, FIELD_U16),
  F (GSctpStatus, outbound_streams, FIELD_U16),
  F (GSctpStatus, fragmentation_point, FIELD_U32),
  F (GSctpStatus, primary, FIELD_PEER_ADDR_INFO),
  { NULL }
};

static const Field primary_addr_fields[] = {
  F (GSctpPrimaryAddr, assoc_id, FIELD_ASSOC),
  F (GSctpPrimaryAddr, address, FIELD_ADDRESS),
  { NULL }
};

static const Field delayed_ack_fields[] = {
  F (GSctpDelayedAck, assoc_id, FIELD_ASSOC),
  F (GSctpDelayedAck, delay, FIELD_U32),
  F (GSctpDelayedAck, frequency, FIELD_U32),
  { NULL }
};

static const Field pr_info_fields[] = {
  F (GSctpPrInfo, assoc_id, FIELD_ASSOC),
  E (GSctpPrInfo, policy, FIELD_ENUM, gsctp_pr_policy_get_type),
  F (GSctpPrInfo, value, FIELD_U32),
  { NULL }
};

static const Field snd_info_fields[] = {
  F (GSctpSndInfo, assoc_id, FIELD_ASSOC),
  F (GSctpSndInfo, stream, FIELD_U16),
  E (GSctpSndInfo, flags, FIELD_FLAGS, gsctp_send_flags_get_type),
  F (GSctpSndInfo, ppid, FIELD_U32),
  F (GSctpSndInfo, context, FIELD_U32),
  F (GSctpSndInfo, time_to_live, FIELD_U32),
  E (GSctpSndInfo, pr_policy, FIELD_ENUM, gsctp_pr_policy_get_type),
  F (GSctpSndInfo, pr_value, FIELD_U32),
  { NULL }
};

static const Field thresholds_fields[] = {
  F (GSctpPeerAddrThresholds, assoc_id, FIELD_ASSOC),
  F (GSctpPeerAddrThresholds, address, FIELD_ADDRESS),
  F (GSctpPeerAddrThresholds, path_max_retransmissions, FIELD_U16),
  F (GSctpPeerAddrThresholds, pf_threshold, FIELD_U16),
  F (GSctpPeerAddrThresholds, primary_switchover, FIELD_U16),
  { NULL }
};

static const Field assoc_stats_fields[] = {
  F (GSctpAssocStats, assoc_id, FIELD_ASSOC),
  F (GSctpAssocStats, max_rto_address, FIELD_ADDRESS),
  F (GSctpAssocStats, max_rto, FIELD_U64),
  F (GSctpAssocStats, sacks_received, FIELD_U64),
  F (GSctpAssocStats, sacks_sent, FIELD_U64),
  F (GSctpAssocStats, packets_sent, FIELD_U64),
  F (GSctpAssocStats, packets_received, FIELD_U64),
  F (GSctpAssocStats, retransmitted_chunks, FIELD_U64),
  F (GSctpAssocStats, out_of_sequence_tsns, FIELD_U64),
  F (GSctpAssocStats, duplicate_chunks, FIELD_U64),
  F (GSctpAssocStats, gap_ack_blocks, FIELD_U64),
  F (GSctpAssocStats, unordered_chunks_sent, FIELD_U64),
  F (GSctpAssocStats, unordered_chunks_received, FIELD_U64),
  F (GSctpAssocStats, ordered_chunks_sent, FIELD_U64),
  F (GSctpAssocStats, ordered_chunks_received, FIELD_U64),
  F (GSctpAssocStats, control_chunks_sent, FIELD_U64),
  F (GSctpAssocStats, control_chunks_received, FIELD_U64),
  { NULL }
};

static const Field socket_stats_fields[] = {
  F (GSctpSocketStats, messages_received, FIELD_U64),
  F (GSctpSocketStats, bytes_received, FIELD_U64),
  F (GSctpSocketStats, largest_received, FIELD_U64),
  F (GSctpSocketStats, messages_sent, FIELD_U64),
  F (GSctpSocketStats, bytes_sent, FIELD_U64),
  F (GSctpSocketStats, largest_sent, FIELD_U64),
  F (GSctpSocketStats, pending_bytes, FIELD_U64),
  { NULL }
};

#undef F
#undef E

static const Field *
fields_of (GType type)
{
  if (type == GSCTP_TYPE_INIT_MSG)
    return init_msg_fields;
  if (type == GSCTP_TYPE_RTO_INFO)
    return rto_info_fields;
  if (type == GSCTP_TYPE_ASSOC_PARAMS)
    return assoc_params_fields;
  if (type == GSCTP_TYPE_PEER_ADDR_PARAMS)
    return peer_addr_params_fields;
  if (type == GSCTP_TYPE_PEER_ADDR_INFO)
    return peer_addr_info_fields;
  if (type == GSCTP_TYPE_STATUS)
    return status_fields;
  if (type == GSCTP_TYPE_PRIMARY_ADDR)
    return primary_addr_fields;
  if (type == GSCTP_TYPE_DELAYED_ACK)
    return delayed_ack_fields;
  if (type == GSCTP_TYPE_PR_INFO)
    return pr_info_fields;
  if (type == GSCTP_TYPE_SND_INFO)
    return snd_info_fields;
  if (type == GSCTP_TYPE_PEER_ADDR_THRESHOLDS)
    return thresholds_fields;
  if (type == GSCTP_TYPE_ASSOC_STATS)
    return assoc_stats_fields;
  if (type == GSCTP_TYPE_SOCKET_STATS)
    return socket_stats_fields;
  return NULL;
}

gboolean
tool_boxed_known (GType type)
{
  return fields_of (type) != NULL;
}

static void
record_fields (ToolRecord *record,
               const Field *fields,
               const char *prefix,
               gconstpointer boxed)
{
  for (const Field *field = fields; field->key != NULL; field++)
    {
      const guint8 *at = (const guint8 *) boxed + field->offset;
      g_autofree char *key = g_strconcat (prefix, field->key, NULL);

      switch (field->kind)
        {
        case FIELD_U16:
          tool_record_uint (record, key, *(const guint16 *) at);
          break;
        case FIELD_U32:
          tool_record_uint (record, key, *(const guint32 *) at);
          break;
        case FIELD_U64:
          tool_record_uint (record, key, *(const guint64 *) at);
          break;
        case FIELD_ASSOC:
          tool_record_int (record, key, *(const GSctpAssocId *) at);
          break;
        case FIELD_ENUM:
          tool_record_enum (record, key, field->type (), *(const int *) at);
          break;
        case FIELD_FLAGS:
          tool_record_flags (record, key, field->type (), *(const guint *) at);
          break;
        case FIELD_ADDRESS:
          tool_record_address (record, key, *(GSocketAddress * const *) at);
          break;
        case FIELD_PEER_ADDR_INFO:
          record_fields (record, peer_addr_info_fields, "primary_", at);
          break;
        }
    }
}

void
tool_record_boxed (ToolRecord *record,
                   GType type,
                   gconstpointer boxed)
{
  const Field *fields = fields_of (type);

  g_return_if_fail (fields != NULL);
  record_fields (record, fields, "", boxed);
}

void
tool_record_value (ToolRecord *record,
                   const char *key,
                   const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (G_VALUE_HOLDS_BOOLEAN (value))
    tool_record_bool (record, key, g_value_get_boolean (value));
  else if (G_VALUE_HOLDS_INT (value))
    tool_record_int (record, key, g_value_get_int (value));
  else if (G_VALUE_HOLDS_UINT (value))
    tool_record_uint (record, key, g_value_get_uint (value));
  else if (G_VALUE_HOLDS_FLAGS (value))
    tool_record_flags (record, key, type, g_value_get_flags (value));
  else if (G_VALUE_HOLDS_ENUM (value))
    tool_record_enum (record, key, type, g_value_get_enum (value));
  else if (G_VALUE_HOLDS_BOXED (value) && fields_of (type) != NULL)
    tool_record_boxed (record, type, g_value_get_boxed (value));
  else
    {
      g_autofree char *text = g_strdup_value_contents (value);

      tool_record_string (record, key, text);
    }
}

static gboolean
parse_unsigned (const char *key,
                const char *text,
                guint64 max,
                guint64 *number,
                GError **error)
{
  char *end;

  errno = 0;
  if (*text == '\0' || *text == '-')
    goto fail;
  *number = g_ascii_strtoull (text, &end, 0);
  if (errno == 0 && *end == '\0' && *number <= max)
    return TRUE;
fail:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "%s: “%s” is not a number from 0 to %" G_GUINT64_FORMAT, key, text, max);
  return FALSE;
}

/* An enum value by its nick (or number); flags as nicks joined by `|`. */
static gboolean
parse_named (const Field *field,
             const char *text,
             guint *out,
             GError **error)
{
  GType type = field->type ();
  g_auto(GStrv) names = NULL;
  guint64 number;

  if (g_ascii_isdigit (*text))
    {
      if (!parse_unsigned (field->key, text, G_MAXUINT, &number, error))
        return FALSE;
      *out = (guint) number;
      return TRUE;
    }
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value_by_nick (klass, text);

      if (value == NULL)
        goto unknown;
      *out = (guint) value->value;
      return TRUE;
    }
  *out = 0;
  names = g_strsplit (text, "|", -1);
  for (char **name = names; *name != NULL; name++)
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      GFlagsValue *value = g_flags_get_value_by_nick (klass, *name);

      if (value == NULL)
        goto unknown;
      *out |= value->value;
    }
  return TRUE;
unknown:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "%s: “%s” is not a value of %s", field->key, text, g_type_name (type));
  return FALSE;
}

/* An IP address and port: `192.0.2.1:2905` or `[2001:db8::1]:2905`. */
static GSocketAddress *
parse_address (const char *key,
               const char *text,
               GError **error)
{
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port;

  if (*text == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close[1] != ':')
        goto fail;
      host = g_strndup (text + 1, close - text - 1);
      colon = close + 1;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL || strchr (text, ':') != colon)
        goto fail;
      host = g_strndup (text, colon - text);
    }
  if (!g_hostname_is_ip_address (host) || !parse_unsigned (key, colon + 1, G_MAXUINT16, &port, NULL))
    goto fail;
  return g_inet_socket_address_new_from_string (host, (guint) port);
fail:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "%s: “%s” is not an address and port (192.0.2.1:2905, [2001:db8::1]:2905)",
               key, text);
  return NULL;
}

static gboolean
update_field (const Field *field,
              guint8 *at,
              const char *text,
              GError **error)
{
  guint64 number;
  gint64 assoc;
  guint named;
  char *end;

  switch (field->kind)
    {
    case FIELD_U16:
      if (!parse_unsigned (field->key, text, G_MAXUINT16, &number, error))
        return FALSE;
      *(guint16 *) at = (guint16) number;
      return TRUE;
    case FIELD_U32:
      if (!parse_unsigned (field->key, text, G_MAXUINT32, &number, error))
        return FALSE;
      *(guint32 *) at = (guint32) number;
      return TRUE;
    case FIELD_U64:
      if (!parse_unsigned (field->key, text, G_MAXUINT64, &number, error))
        return FALSE;
      *(guint64 *) at = number;
      return TRUE;
    case FIELD_ASSOC:
      errno = 0;
      assoc = g_ascii_strtoll (text, &end, 10);
      if (errno != 0 || *end != '\0' || end == text || assoc < G_MININT32 || assoc > G_MAXINT32)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s: “%s” is not an association id", field->key, text);
          return FALSE;
        }
      *(GSctpAssocId *) at = (GSctpAssocId) assoc;
      return TRUE;
    case FIELD_ENUM:
    case FIELD_FLAGS:
      if (!parse_named (field, text, &named, error))
        return FALSE;
      *(guint *) at = named;
      return TRUE;
    case FIELD_ADDRESS:
      {
        GSocketAddress *address = parse_address (field->key, text, error);

        if (address == NULL)
          return FALSE;
        g_clear_object ((GSocketAddress **) at);
        *(GSocketAddress **) at = address;
        return TRUE;
      }
    case FIELD_PEER_ADDR_INFO:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s cannot be set", field->key);
      return FALSE;
    }
}

/* Sets the fields that @assignments (`key=value,key=value`) names in
 * @boxed, leaving the others as they are. */
gboolean
tool_boxed_update (GType type,
                   gpointer boxed,
                   const char *assignments,
                   GError **error)
{
  const Field *fields = fields_of (type);
  g_auto(GStrv) pairs = NULL;

  if (fields == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s cannot be set from text", g_type_name (type));
      return FALSE;
    }
  pairs = g_strsplit (assignments, ",", -1);
  for (char **pair = pairs; *pair != NULL; pair++)
    {
      const char *equals = strchr (*pair, '=');
      g_autofree char *key = NULL;
      const Field *field;

      if (equals == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "“%s” is not key=value", *pair);
          return FALSE;
        }
      key = g_strndup (*pair, equals - *pair);
      for (field = fields; field->key != NULL; field++)
        if (strcmp (field->key, key) == 0)
          break;
      if (field->key == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (const Field *f = fields; f->key != NULL; f++)
            g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", f->key);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s has no field “%s” (it has %s)", g_type_name (type), key, known->str);
          return FALSE;
        }
      if (!update_field (field, (guint8 *) boxed + field->offset, equals + 1, error))
        return FALSE;
    }
  return TRUE;
}
