/* gsctp-kernel-auth.c: kernel SCTP's SCTP-AUTH (RFC 4895)
 *
 * The chunk types to authenticate, the HMAC algorithms, shared keys and
 * which is active; the chunk types each end authenticates. Linux takes
 * them only with net.sctp.auth_enable on (or the socket's
 * SCTP_AUTH_SUPPORTED), and says EACCES otherwise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gsctp-kernel-private.h"

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

/* Why the kernel refused, where EINVAL says little. */
static void
explain (GSctpAuthOp op,
         guint16 key_number,
         int errsv,
         GError **error)
{
  g_autofree char *what = NULL;

  if (errsv == EACCES)
    what = g_strdup_printf ("Could not set %s: SCTP-AUTH is off (net.sctp.auth_enable, or "
                            "auth-supported on the socket)", op_names[op]);
  else if (errsv == EINVAL && op == GSCTP_AUTH_HMAC_IDENTS)
    what = g_strdup_printf ("Could not set %s: an HMAC identifier the kernel does not have "
                            "(it has SHA-1, 1, and SHA-256, 3; SHA-1 must be among them)",
                            op_names[op]);
  else if (errsv == EINVAL && op >= GSCTP_AUTH_ACTIVATE_KEY)
    what = g_strdup_printf ("Could not set %s: no key %u%s", op_names[op], key_number,
                            op == GSCTP_AUTH_DELETE_KEY ? " that is deactivated and unused" : "");
  else
    what = g_strdup_printf ("Could not set %s", op_names[op]);
  gsctp_kernel_set_error (error, errsv, what);
}

gboolean
gsctp_kernel_auth (GSctpEndpoint *endpoint,
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
    /* Each built field by field in cleared memory: padding goes to the
     * kernel too. */
    case GSCTP_AUTH_ADD_CHUNK:
      value_size = sizeof (struct sctp_authchunk);
      value = g_malloc0 (value_size);
      ((struct sctp_authchunk *) value)->sauth_chunk = *(const guint8 *) data;
      break;
    case GSCTP_AUTH_HMAC_IDENTS:
      {
        struct sctp_hmacalgo *algo;

        value_size = sizeof *algo + size;
        value = g_malloc0 (value_size);
        algo = (struct sctp_hmacalgo *) value;
        algo->shmac_num_idents = size / sizeof (guint16);
        memcpy (algo->shmac_idents, data, size);
        break;
      }
    case GSCTP_AUTH_SET_KEY:
      {
        struct sctp_authkey *key;

        value_size = sizeof *key + size;
        value = g_malloc0 (value_size);
        key = (struct sctp_authkey *) value;
        key->sca_assoc_id = assoc_id;
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
      ((struct sctp_authkeyid *) value)->scact_assoc_id = assoc_id;
      ((struct sctp_authkeyid *) value)->scact_keynumber = key_number;
      break;
    }
  if (setsockopt (gsctp_kernel_fd (endpoint), IPPROTO_SCTP, op_options[op], value, value_size) < 0)
    {
      explain (op, key_number, errno, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
gsctp_kernel_get_active_key (GSctpEndpoint *endpoint,
                             GSctpAssocId assoc_id,
                             guint16 *key_number,
                             GError **error)
{
  struct sctp_authkeyid id = { .scact_assoc_id = assoc_id };

  if (!gsctp_kernel_get_option (gsctp_kernel_fd (endpoint), IPPROTO_SCTP, SCTP_AUTH_ACTIVE_KEY, &id,
                                sizeof id, "SCTP_AUTH_ACTIVE_KEY", error))
    return FALSE;
  *key_number = id.scact_keynumber;
  return TRUE;
}

gboolean
gsctp_kernel_get_auth_chunks (GSctpEndpoint *endpoint,
                              GSctpAssocId assoc_id,
                              gboolean peer,
                              GByteArray *chunks,
                              GError **error)
{
  /* At most 256 chunk types. */
  union {
    struct sctp_authchunks list;
    guint8 bytes[sizeof (struct sctp_authchunks) + 256];
  } value = { .list.gauth_assoc_id = assoc_id };

  if (!gsctp_kernel_get_option (gsctp_kernel_fd (endpoint), IPPROTO_SCTP,
                                peer ? SCTP_PEER_AUTH_CHUNKS : SCTP_LOCAL_AUTH_CHUNKS, &value,
                                sizeof value,
                                peer ? "SCTP_PEER_AUTH_CHUNKS" : "SCTP_LOCAL_AUTH_CHUNKS", error))
    return FALSE;
  g_byte_array_append (chunks, value.list.gauth_chunks,
                       MIN (value.list.gauth_number_of_chunks, 256));
  return TRUE;
}
