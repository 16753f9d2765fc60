/* gsctp-send-common.c: what every send does around the backend's call,
 * blocking or async: an empty message refused, the PR-SCTP policy
 * resolved from the socket's defaults, what went counted, and the
 * kernel's EINVAL and EPIPE named
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

/* The kernel says EINVAL for many things; name the common one. */
void
gsctp_send_explain_error (GSctpSocket *self,
                          const GSctpSndInfo *info,
                          GError **error)
{
  const GSctpAssocChange *assoc = NULL;

  if (error == NULL || *error == NULL)
    return;

  g_mutex_lock (&self->lock);
  assoc = gsctp_associations_lookup (self, info->assoc_id);

  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) &&
      assoc != NULL && info->stream >= assoc->outbound_streams)
    {
      g_clear_error (error);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_INVALID_STREAM,
                   "Stream %u is not below the %u outbound streams of association %d",
                   info->stream, assoc->outbound_streams, assoc->assoc_id);
    }
  /* A one-to-many socket says EPIPE when the association is gone, even
   * before the socket has read that it ended. */
  else if (self->type == GSCTP_SOCKET_TYPE_SEQPACKET &&
           (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
            (assoc == NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))))
    {
      g_clear_error (error);
      g_set_error (error, GSCTP_ERROR, GSCTP_ERROR_NO_ASSOCIATION,
                   "The socket has no association %d", info->assoc_id);
    }
  g_mutex_unlock (&self->lock);
}

/* The stacks take a message's policy from the message alone once it says
 * anything else (stream, PPID: Linux's SCTP_SNDINFO, usrsctp's spa), so
 * the socket's defaults are applied here. */
void
gsctp_send_set_default_pr (GSctpSocket *self,
                           const GSctpPrInfo *info)
{
  g_mutex_lock (&self->lock);
  if (self->pr_defaults == NULL)
    self->pr_defaults = g_array_new (FALSE, FALSE, sizeof (GSctpPrInfo));
  for (guint i = 0; i < self->pr_defaults->len; i++)
    if (g_array_index (self->pr_defaults, GSctpPrInfo, i).assoc_id == info->assoc_id)
      {
        g_array_remove_index_fast (self->pr_defaults, i);
        break;
      }
  g_array_append_vals (self->pr_defaults, info, 1);
  g_mutex_unlock (&self->lock);
}

/* @info with its policy resolved: its own, its time to live, or the
 * default of its association or of the socket; in @resolved if it had
 * none of its own. */
const GSctpSndInfo *
gsctp_send_resolve_pr (GSctpSocket *self,
                       const GSctpSndInfo *info,
                       GSctpSndInfo *resolved)
{
  const GSctpPrInfo *chosen = NULL;

  if (G_LIKELY (info->pr_policy != GSCTP_PR_POLICY_NONE))
    return info;
  if (info->time_to_live != 0)
    {
      *resolved = *info;
      resolved->pr_policy = GSCTP_PR_POLICY_TTL;
      resolved->pr_value = info->time_to_live;
      return resolved;
    }
  if (G_LIKELY (self->pr_defaults == NULL))
    return info;
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->pr_defaults->len; i++)
    {
      const GSctpPrInfo *pr = &g_array_index (self->pr_defaults, GSctpPrInfo, i);

      if (pr->assoc_id == info->assoc_id || (pr->assoc_id == 0 && chosen == NULL) ||
          self->type == GSCTP_SOCKET_TYPE_STREAM)
        chosen = pr;
    }
  if (chosen != NULL)
    {
      *resolved = *info;
      resolved->pr_policy = chosen->policy;
      resolved->pr_value = chosen->value;
    }
  g_mutex_unlock (&self->lock);
  return chosen != NULL ? resolved : info;
}

/* One message to the backend, counted when it went. */
gssize
gsctp_send_counted (GSctpSocket *self,
                    const GSctpSndInfo *info,
                    GSocketAddress *address,
                    const void *data,
                    gsize size,
                    GError **error)
{
  gssize sent = self->endpoint->backend->send (self->endpoint, info, address, data, size, error);

  if (sent >= 0 && size > 0)
    gsctp_counter_add (&self->sent, size);
  return sent;
}

/* The kernel says EINVAL for an empty message, which reads as a missing
 * association; only abort and shutdown are sent empty. */
gboolean
gsctp_send_check_not_empty (gsize size,
                            const GSctpSndInfo *info,
                            GError **error)
{
  if (size > 0 || (info->flags & (GSCTP_SEND_FLAGS_ABORT | GSCTP_SEND_FLAGS_EOF)))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "An SCTP message cannot be empty");
  return FALSE;
}
