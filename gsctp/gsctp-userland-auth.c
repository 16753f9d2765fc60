/* gsctp-userland-auth.c: usrsctp's SCTP-AUTH (RFC 4895)
 *
 * The same settings as Linux's through usrsctp_setsockopt(); the stack
 * says how many chunk types there are by the length it returns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gsctp-userland-private.h"

static const char *const op_names[] = {
  [GSCTP_AUTH_ADD_CHUNK] = "SCTP_AUTH_CHUNK",
  [GSCTP_AUTH_HMAC_IDENTS] = "SCTP_HMAC_IDENT",
  [GSCTP_AUTH_SET_KEY] = "SCTP_AUTH_KEY",
  [GSCTP_AUTH_ACTIVATE_KEY] = "SCTP_AUTH_ACTIVE_KEY",
  [GSCTP_AUTH_DEACTIVATE_KEY] = "SCTP_AUTH_DEACTIVATE_KEY",
  [GSCTP_AUTH_DELETE_KEY] = "SCTP_AUTH_DELETE_KEY",
};

static const int op_options[] = {
  [GSCTP_AUTH_ADD_CHUNK] = SCTP_AUTH_CHUNK,
  [GSCTP_AUTH_HMAC_IDENTS] = SCTP_HMAC_IDENT,
  [GSCTP_AUTH_SET_KEY] = SCTP_AUTH_KEY,
  [GSCTP_AUTH_ACTIVATE_KEY] = SCTP_AUTH_ACTIVE_KEY,
  [GSCTP_AUTH_DEACTIVATE_KEY] = SCTP_AUTH_DEACTIVATE_KEY,
  [GSCTP_AUTH_DELETE_KEY] = SCTP_AUTH_DELETE_KEY,
};

gboolean
gsctp_userland_auth (GSctpEndpoint *endpoint,
                     GSctpAuthOp op,
                     GSctpAssocId assoc_id,
                     guint16 key_number,
                     const void *data,
                     gsize size,
                     GError **error)
{
  g_autofree guint8 *value = NULL;
  gsize value_size;

  switch (op)
    {
    case GSCTP_AUTH_ADD_CHUNK:
      value_size = sizeof (struct sctp_authchunk);
      value = g_malloc0 (value_size);
      ((struct sctp_authchunk *) value)->sauth_chunk = *(const guint8 *) data;
      break;
    case GSCTP_AUTH_HMAC_IDENTS:
      value_size = sizeof (struct sctp_hmacalgo) + size;
      value = g_malloc0 (value_size);
      ((struct sctp_hmacalgo *) value)->shmac_number_of_idents = size / sizeof (guint16);
      memcpy (((struct sctp_hmacalgo *) value)->shmac_idents, data, size);
      break;
    case GSCTP_AUTH_SET_KEY:
      {
        struct sctp_authkey *key;

        value_size = sizeof *key + size;
        value = g_malloc0 (value_size);
        key = (struct sctp_authkey *) value;
        key->sca_assoc_id = (sctp_assoc_t) assoc_id;
        key->sca_keynumber = key_number;
        key->sca_keylength = size;
        if (size > 0)
          memcpy (key->sca_key, data, size);
        break;
      }
    case GSCTP_AUTH_ACTIVATE_KEY:
    case GSCTP_AUTH_DEACTIVATE_KEY:
    case GSCTP_AUTH_DELETE_KEY:
    default:
      value_size = sizeof (struct sctp_authkeyid);
      value = g_malloc0 (value_size);
      ((struct sctp_authkeyid *) value)->scact_assoc_id = (sctp_assoc_t) assoc_id;
      ((struct sctp_authkeyid *) value)->scact_keynumber = key_number;
      break;
    }
  if (usrsctp_setsockopt (gsctp_userland_socket (endpoint), IPPROTO_SCTP, op_options[op], value,
                          value_size) < 0)
    {
      g_autofree char *what = NULL;

      if (errno == EINVAL && op >= GSCTP_AUTH_ACTIVATE_KEY)
        what = g_strdup_printf ("Could not set %s: no key %u", op_names[op], key_number);
      else if (errno == EINVAL && op == GSCTP_AUTH_HMAC_IDENTS)
        what = g_strdup_printf ("Could not set %s: an HMAC identifier the stack does not have",
                                op_names[op]);
      else
        what = g_strdup_printf ("Could not set %s", op_names[op]);
      gsctp_userland_set_error (error, errno, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_userland_get_active_key (GSctpEndpoint *endpoint,
                               GSctpAssocId assoc_id,
                               guint16 *key_number,
                               GError **error)
{
  struct sctp_authkeyid id = { .scact_assoc_id = (sctp_assoc_t) assoc_id };

  if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_AUTH_ACTIVE_KEY, &id, sizeof id,
                                  "SCTP_AUTH_ACTIVE_KEY", error))
    return FALSE;
  *key_number = id.scact_keynumber;
  return TRUE;
}

gboolean
gsctp_userland_get_auth_chunks (GSctpEndpoint *endpoint,
                                GSctpAssocId assoc_id,
                                gboolean peer,
                                GByteArray *chunks,
                                GError **error)
{
  union {
    struct sctp_authchunks list;
    guint8 bytes[sizeof (struct sctp_authchunks) + 256];
  } value = { .list.gauth_assoc_id = (sctp_assoc_t) assoc_id };
  socklen_t len = sizeof value;

  if (usrsctp_getsockopt (gsctp_userland_socket (endpoint), IPPROTO_SCTP,
                          peer ? SCTP_PEER_AUTH_CHUNKS : SCTP_LOCAL_AUTH_CHUNKS, &value, &len) < 0)
    {
      gsctp_userland_set_error (error, errno, peer ? "Could not read SCTP_PEER_AUTH_CHUNKS"
                                                   : "Could not read SCTP_LOCAL_AUTH_CHUNKS");
      return FALSE;
    }
  if (len > sizeof (struct sctp_authchunks))
    g_byte_array_append (chunks, value.list.gauth_chunks, len - sizeof (struct sctp_authchunks));
  return TRUE;
}
