/* fuzz-option-name.c: libFuzzer target for the by-name option parser, the
 * part of gsctp_socket_set_option() that reads a name and a value before
 * any socket is touched
 *
 * Input: one byte choosing the value's type, eight bytes of value, then
 * the option's name (up to the first NUL). Every outcome must be a setting
 * or a GError, never a crash.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "gsctp-enum-types.h"
#include "gsctp-options.h"
#include "gsctp-socket-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
value_from_bytes (GValue *value,
                  guint8 type,
                  const guint8 raw[8])
{
  gint64 number;

  memcpy (&number, raw, sizeof number);
  switch (type % 10)
    {
    case 0: g_value_init (value, G_TYPE_BOOLEAN); g_value_set_boolean (value, number & 1); break;
    case 1: g_value_init (value, G_TYPE_INT); g_value_set_int (value, (gint) number); break;
    case 2: g_value_init (value, G_TYPE_UINT); g_value_set_uint (value, (guint) number); break;
    case 3: g_value_init (value, G_TYPE_INT64); g_value_set_int64 (value, number); break;
    case 4:
      {
        double d;

        memcpy (&d, raw, sizeof d);
        g_value_init (value, G_TYPE_DOUBLE);
        g_value_set_double (value, d);
        break;
      }
    case 5:
      g_value_init (value, G_TYPE_STRING);
      g_value_take_string (value, g_strndup ((const char *) raw, 8));
      break;
    case 6:
      g_value_init (value, GSCTP_TYPE_EVENT_MASK);
      g_value_set_flags (value, (guint) number & ((1u << GSCTP_N_EVENT_TYPES) - 1));
      break;
    case 7:
      {
        GSctpRtoInfo info = { .initial = (guint) number, .max = (guint) (number >> 32) };

        g_value_init (value, GSCTP_TYPE_RTO_INFO);
        g_value_set_boxed (value, &info);
        break;
      }
    case 8:
      g_value_init (value, GSCTP_TYPE_INIT_MSG);   /* holding NULL */
      break;
    default:
      g_value_init (value, G_TYPE_POINTER);
      g_value_set_pointer (value, GSIZE_TO_POINTER ((gsize) number));
      break;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *name = NULL;
  GSctpOptionSetting setting;
  GError *error = NULL;

  if (size < 9)
    return 0;
  value_from_bytes (&value, data[0], data + 1);
  name = g_strndup ((const char *) data + 9, size - 9);
  if (gsctp_option_setting_parse (name, &value, &setting, &error))
    g_assert (error == NULL &&
              (setting.option != NULL || setting.kind == GSCTP_OPTION_SETTING_LINGER));
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_error_free (error);
    }
  return 0;
}
