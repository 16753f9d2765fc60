/* gsctp-socket-private.h: what the socket's option code needs of it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gsctp-socket.h"

G_BEGIN_DECLS

/* Options that are gsctp's own, not the kernel's. */
typedef enum {
  GSCTP_OWN_BUFFER,
  GSCTP_OWN_HIGH_WATERMARK,
  GSCTP_OWN_LOW_WATERMARK,
} GSctpOwnOption;

int gsctp_socket_get_fd_checked (GSctpSocket *self,
                                 GError **error);
guint gsctp_socket_get_own_option (GSctpSocket *self,
                                   GSctpOwnOption option);
void gsctp_socket_set_own_option (GSctpSocket *self,
                                  GSctpOwnOption option,
                                  guint value);

void gsctp_socket_options_install (GObjectClass *klass,
                                   guint first_prop_id);
gboolean gsctp_socket_options_get_property (GSctpSocket *self,
                                            guint prop_id,
                                            GValue *value);
gboolean gsctp_socket_options_set_property (GSctpSocket *self,
                                            guint prop_id,
                                            const GValue *value);

void gsctp_socket_options_copy (GSctpSocket *from,
                                GSctpSocket *to);

/* An option setting by name, checked before any socket is touched. */
typedef enum {
  GSCTP_OPTION_SETTING_PLAIN,
  GSCTP_OPTION_SETTING_LINGER,
  GSCTP_OPTION_SETTING_EVENT_MASK,
  GSCTP_OPTION_SETTING_BOXED,
} GSctpOptionSettingKind;

typedef struct {
  GSctpOptionSettingKind kind;
  gconstpointer option;         /* the option's table entry */
  int number;                   /* plain value, linger seconds, event mask */
  gconstpointer boxed;          /* a structured option's value, not owned */
} GSctpOptionSetting;

gboolean gsctp_option_setting_parse (const char *name,
                                     const GValue *value,
                                     GSctpOptionSetting *setting,
                                     GError **error);

G_END_DECLS
