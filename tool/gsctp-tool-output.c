/* gsctp-tool-output.c: the tool's output: records as text or JSON lines,
 * and messages and events as records
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "gsctp-tool.h"

/* Appends @data as the inside of a quoted string: JSON's escapes, which
 * also read well in the text form. Bytes that are not UTF-8 are shown as
 * \u00XX of their value (a JSON reader sees Latin-1 there; --hex is exact). */
static void
append_escaped (GString *out,
                const guint8 *data,
                gsize size)
{
  const char *text = (const char *) data;
  const char *end = text + size;

  while (text < end)
    {
      gunichar c = g_utf8_get_char_validated (text, end - text);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\u%04x", (guint8) *text);
          text++;
          continue;
        }
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, text, g_utf8_next_char (text) - text);
        }
      text = g_utf8_next_char (text);
    }
}

void
tool_record_begin (ToolRecord *record,
                   const ToolCommon *common,
                   const char *kind)
{
  record->json = common->json;
  record->line = g_string_new (NULL);
  if (record->json)
    g_string_append_printf (record->line, "{\"type\": \"%s\"", kind);
  else
    g_string_append (record->line, kind);
}

static void
append_key (ToolRecord *record,
            const char *key)
{
  if (record->json)
    g_string_append_printf (record->line, ", \"%s\": ", key);
  else
    g_string_append_printf (record->line, " %s=", key);
}

void
tool_record_int (ToolRecord *record,
                 const char *key,
                 gint64 value)
{
  append_key (record, key);
  g_string_append_printf (record->line, "%" G_GINT64_FORMAT, value);
}

void
tool_record_uint (ToolRecord *record,
                  const char *key,
                  guint64 value)
{
  append_key (record, key);
  g_string_append_printf (record->line, "%" G_GUINT64_FORMAT, value);
}

void
tool_record_double (ToolRecord *record,
                    const char *key,
                    double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_key (record, key);
  g_string_append (record->line, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

void
tool_record_bool (ToolRecord *record,
                  const char *key,
                  gboolean value)
{
  append_key (record, key);
  g_string_append (record->line, value ? "true" : "false");
}

void
tool_record_string (ToolRecord *record,
                    const char *key,
                    const char *value)
{
  append_key (record, key);
  if (value == NULL)
    {
      g_string_append (record->line, record->json ? "null" : "-");
      return;
    }
  /* Text keeps plain words plain, so that `grep state=established` works. */
  if (!record->json && *value != '\0' && strpbrk (value, " \"\\=\t\n") == NULL)
    {
      g_string_append (record->line, value);
      return;
    }
  g_string_append_c (record->line, '"');
  append_escaped (record->line, (const guint8 *) value, strlen (value));
  g_string_append_c (record->line, '"');
}

void
tool_record_enum (ToolRecord *record,
                  const char *key,
                  GType type,
                  int value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  if (found != NULL)
    tool_record_string (record, key, found->value_nick);
  else
    tool_record_int (record, key, value);
}

void
tool_record_flags (ToolRecord *record,
                   const char *key,
                   GType type,
                   guint value)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
  g_autoptr(GString) names = g_string_new (NULL);

  append_key (record, key);
  if (record->json)
    g_string_append_c (record->line, '[');
  for (guint i = 0; i < klass->n_values; i++)
    {
      GFlagsValue *flag = &klass->values[i];

      if (flag->value == 0 || (value & flag->value) != flag->value)
        continue;
      if (names->len > 0)
        g_string_append (names, record->json ? ", " : ",");
      if (record->json)
        g_string_append_printf (names, "\"%s\"", flag->value_nick);
      else
        g_string_append (names, flag->value_nick);
    }
  if (names->len == 0 && !record->json)
    g_string_append (names, "none");
  g_string_append (record->line, names->str);
  if (record->json)
    g_string_append_c (record->line, ']');
}

void
tool_record_address (ToolRecord *record,
                     const char *key,
                     GSocketAddress *address)
{
  g_autofree char *text = NULL;

  if (address != NULL)
    text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
  tool_record_string (record, key, text);
}

void
tool_record_data (ToolRecord *record,
                  const char *key,
                  const guint8 *data,
                  gsize size)
{
  append_key (record, key);
  g_string_append_c (record->line, '"');
  append_escaped (record->line, data, size);
  g_string_append_c (record->line, '"');
}

static void
record_hex (ToolRecord *record,
            const char *key,
            const guint8 *data,
            gsize size)
{
  g_autoptr(GString) hex = g_string_sized_new (size * 2);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  tool_record_string (record, key, hex->str);
}

void
tool_record_print (ToolRecord *record)
{
  if (record->json)
    g_string_append_c (record->line, '}');
  g_string_append_c (record->line, '\n');
  fwrite (record->line->str, 1, record->line->len, stdout);
  /* Each record whole as it happens: scripts read the output of a tool
   * that runs on. */
  fflush (stdout);
  g_string_free (record->line, TRUE);
  record->line = NULL;
}

static void
record_event (ToolRecord *record,
              GSctpMessage *message)
{
  const GSctpAssocChange *change = gsctp_message_get_assoc_change (message);
  const GSctpPeerAddrChange *paddr = gsctp_message_get_peer_addr_change (message);
  const GSctpSendFailed *failed = gsctp_message_get_send_failed (message);
  const GSctpRemoteError *remote = gsctp_message_get_remote_error (message);
  const GSctpPartialDelivery *partial = gsctp_message_get_partial_delivery (message);
  const GSctpAdaptationIndication *adaptation = gsctp_message_get_adaptation_indication (message);
  const GSctpAuthentication *auth = gsctp_message_get_authentication (message);
  const GSctpStreamReset *reset = gsctp_message_get_stream_reset (message);
  const GSctpAssocReset *assoc_reset = gsctp_message_get_assoc_reset (message);
  const GSctpStreamChange *stream_change = gsctp_message_get_stream_change (message);
  g_autoptr(GError) error = NULL;

  tool_record_enum (record, "event", GSCTP_TYPE_EVENT_TYPE, gsctp_message_get_event_type (message));
  tool_record_int (record, "assoc", gsctp_message_get_assoc_id (message));
  if (change != NULL)
    {
      tool_record_enum (record, "state", GSCTP_TYPE_ASSOC_STATE, change->state);
      tool_record_uint (record, "outbound_streams", change->outbound_streams);
      tool_record_uint (record, "inbound_streams", change->inbound_streams);
    }
  if (paddr != NULL)
    {
      tool_record_address (record, "address", paddr->address);
      tool_record_enum (record, "state", GSCTP_TYPE_PEER_ADDR_STATE, paddr->state);
    }
  if (failed != NULL)
    {
      tool_record_flags (record, "flags", GSCTP_TYPE_SEND_FAILED_FLAGS, failed->flags);
      tool_record_uint (record, "stream", failed->info.stream);
      tool_record_uint (record, "ppid", failed->info.ppid);
      tool_record_uint (record, "size", failed->data != NULL ? g_bytes_get_size (failed->data) : 0);
    }
  if (remote != NULL)
    tool_record_uint (record, "cause", remote->error);
  if (partial != NULL)
    {
      tool_record_uint (record, "stream", partial->stream);
      tool_record_uint (record, "sequence", partial->sequence);
    }
  if (adaptation != NULL)
    tool_record_uint (record, "indication", adaptation->adaptation_indication);
  if (auth != NULL)
    {
      tool_record_enum (record, "indication", GSCTP_TYPE_AUTH_INDICATION, auth->indication);
      tool_record_uint (record, "key", auth->key_number);
    }
  if (reset != NULL)
    {
      tool_record_flags (record, "flags", GSCTP_TYPE_RESET_FLAGS, reset->flags);
      tool_record_uint (record, "streams", reset->streams != NULL ? reset->streams->len : 0);
    }
  if (assoc_reset != NULL)
    tool_record_flags (record, "flags", GSCTP_TYPE_RESET_FLAGS, assoc_reset->flags);
  if (stream_change != NULL)
    {
      tool_record_uint (record, "inbound_streams", stream_change->inbound_streams);
      tool_record_uint (record, "outbound_streams", stream_change->outbound_streams);
    }
  if (!gsctp_message_check_error (message, &error))
    tool_record_string (record, "error", error->message);
}

/* One received message or event, as a record of kind `message` or
 * `event`. */
void
tool_print_message (const ToolCommon *common,
                    GSctpMessage *message,
                    gboolean hex)
{
  ToolRecord record;

  if (gsctp_message_is_event (message))
    {
      tool_record_begin (&record, common, "event");
      record_event (&record, message);
    }
  else
    {
      const GSctpRcvInfo *info = gsctp_message_get_info (message);
      gsize size;
      const guint8 *data = gsctp_message_peek_data (message, &size);

      tool_record_begin (&record, common, "message");
      tool_record_int (&record, "assoc", info->assoc_id);
      tool_record_address (&record, "from", gsctp_message_get_address (message));
      tool_record_uint (&record, "stream", info->stream);
      tool_record_uint (&record, "ppid", info->ppid);
      tool_record_bool (&record, "unordered", (info->flags & GSCTP_RECEIVE_FLAGS_UNORDERED) != 0);
      tool_record_uint (&record, "size", size);
      if (hex)
        record_hex (&record, "hex", data, size);
      else
        tool_record_data (&record, "data", data, size);
    }
  tool_record_print (&record);
}
