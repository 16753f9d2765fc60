/* gsctp-tool.h: what the commands of the gsctp tool share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gsctp/gsctp.h>

G_BEGIN_DECLS

/* Exit codes, as the man page gives them. */
typedef enum {
  TOOL_EXIT_OK = 0,
  TOOL_EXIT_FAILED = 1,     /* the operation failed: refused, timed out, an error */
  TOOL_EXIT_USAGE = 2,      /* bad arguments or option values */
  TOOL_EXIT_NO_SCTP = 3,    /* the chosen SCTP stack is not there */
  TOOL_EXIT_LOST = 4,       /* the association was aborted or lost */
} ToolExit;

/* The options every command takes. */
typedef struct
{
  gboolean json;
  char *backend_name;
  GSctpBackendType backend;
} ToolCommon;

/* A record: one line of output, text (`kind key=value …`) or a JSON object
 * (`{"type": kind, key: value, …}`). */
typedef struct
{
  GString *line;
  gboolean json;
} ToolRecord;

/* gsctp-tool-output.c */
void tool_record_begin (ToolRecord *record, const ToolCommon *common, const char *kind);
void tool_record_int (ToolRecord *record, const char *key, gint64 value);
void tool_record_uint (ToolRecord *record, const char *key, guint64 value);
void tool_record_bool (ToolRecord *record, const char *key, gboolean value);
void tool_record_string (ToolRecord *record, const char *key, const char *value);
void tool_record_double (ToolRecord *record, const char *key, double value);
void tool_record_enum (ToolRecord *record, const char *key, GType type, int value);
void tool_record_flags (ToolRecord *record, const char *key, GType type, guint value);
void tool_record_address (ToolRecord *record, const char *key, GSocketAddress *address);
void tool_record_data (ToolRecord *record, const char *key, const guint8 *data, gsize size);
void tool_record_print (ToolRecord *record);
void tool_print_message (const ToolCommon *common, GSctpMessage *message, gboolean hex);

/* gsctp-tool-fields.c: the fields of the boxed values of options, for
 * printing them and setting them from `key=value` text */
void tool_record_boxed (ToolRecord *record, GType type, gconstpointer boxed);
gboolean tool_boxed_update (GType type, gpointer boxed, const char *assignments, GError **error);
gboolean tool_boxed_known (GType type);
void tool_record_value (ToolRecord *record, const char *key, const GValue *value);

/* gsctp-tool-socket.c */
void tool_common_add (GOptionContext *context, ToolCommon *common);
gboolean tool_common_check (ToolCommon *common, GError **error);
void tool_common_clear (ToolCommon *common);
gboolean tool_parse_port (const char *text, guint16 *port, GError **error);
GPtrArray *tool_resolve (const char *hosts, guint16 port, GError **error);
GSctpSocket *tool_open (const ToolCommon *common, GSocketAddress *first, GSctpSocketType type,
                        GError **error);
gboolean tool_subscribe_all (GSctpSocket *socket, GError **error);
GSctpSocket *tool_associate (const ToolCommon *common, GSctpSocketType type, gboolean all_events,
                             const char *hosts, const char *port, const char *bind, guint16 streams,
                             int timeout_s, GSctpAssocChange **change, GError **error);
void tool_end_association (GSctpSocket *socket, GSctpAssocId assoc_id);
int tool_fail (const char *command, GError *error);
int tool_usage (GOptionContext *context, const char *message);
int tool_run_options (int *argc, char ***argv, GOptionContext *context, ToolCommon *common);

/* The commands. */
int tool_check (int argc, char **argv);
int tool_listen (int argc, char **argv);
int tool_connect (int argc, char **argv);
int tool_status (int argc, char **argv);
int tool_peers (int argc, char **argv);
int tool_option (int argc, char **argv);
int tool_bench (int argc, char **argv);

G_END_DECLS
