/* gsctp-kernel-streams.c: kernel SCTP streams
 *
 * Stream reconfiguration (RFC 6525), the scheduler's value of a stream,
 * and what PR-SCTP abandoned on an association or one of its streams
 * (RFC 7496).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-kernel-private.h"

gboolean
gsctp_kernel_enable_stream_reset (GSctpEndpoint *endpoint,
                                  GSctpAssocId assoc_id,
                                  GSctpStreamResetFlags flags,
                                  GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  struct sctp_assoc_value av = {
    .assoc_id = assoc_id,
    .assoc_value = ((flags & GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS) ? SCTP_ENABLE_RESET_STREAM_REQ : 0) |
                   ((flags & GSCTP_STREAM_RESET_FLAGS_RESET_ASSOC) ? SCTP_ENABLE_RESET_ASSOC_REQ : 0) |
                   ((flags & GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC) ? SCTP_ENABLE_CHANGE_ASSOC_REQ : 0),
  };

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, &av, sizeof av,
                                  "SCTP_ENABLE_STREAM_RESET", error);
}

gboolean
gsctp_kernel_reset_streams (GSctpEndpoint *endpoint,
                            GSctpAssocId assoc_id,
                            gboolean incoming,
                            gboolean outgoing,
                            const guint16 *streams,
                            guint n_streams,
                            GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  gsize size = sizeof (struct sctp_reset_streams) + n_streams * sizeof (guint16);
  g_autofree struct sctp_reset_streams *srs = g_malloc0 (size);

  srs->srs_assoc_id = assoc_id;
  srs->srs_flags = (incoming ? SCTP_STREAM_RESET_INCOMING : 0) | (outgoing ? SCTP_STREAM_RESET_OUTGOING : 0);
  srs->srs_number_streams = n_streams;
  if (n_streams > 0)
    memcpy (srs->srs_stream_list, streams, n_streams * sizeof (guint16));
  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_RESET_STREAMS, srs, size, "SCTP_RESET_STREAMS", error);
}

gboolean
gsctp_kernel_add_streams (GSctpEndpoint *endpoint,
                          GSctpAssocId assoc_id,
                          guint16 inbound,
                          guint16 outbound,
                          GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  struct sctp_add_streams sas = {
    .sas_assoc_id = assoc_id,
    .sas_instrms = inbound,
    .sas_outstrms = outbound,
  };

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_ADD_STREAMS, &sas, sizeof sas, "SCTP_ADD_STREAMS", error);
}

gboolean
gsctp_kernel_get_stream_value (GSctpEndpoint *endpoint,
                               GSctpAssocId assoc_id,
                               guint16 stream,
                               guint16 *value,
                               GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  struct sctp_stream_value sv = { .assoc_id = assoc_id, .stream_id = stream };

  if (!gsctp_kernel_get_option (fd, IPPROTO_SCTP, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv,
                                "SCTP_STREAM_SCHEDULER_VALUE", error))
    return FALSE;
  *value = sv.stream_value;
  return TRUE;
}

gboolean
gsctp_kernel_set_stream_value (GSctpEndpoint *endpoint,
                               GSctpAssocId assoc_id,
                               guint16 stream,
                               guint16 value,
                               GError **error)
{
  int fd = gsctp_kernel_fd (endpoint);
  struct sctp_stream_value sv = { .assoc_id = assoc_id, .stream_id = stream, .stream_value = value };

  return gsctp_kernel_set_option (fd, IPPROTO_SCTP, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv,
                                  "SCTP_STREAM_SCHEDULER_VALUE", error);
}

gboolean
gsctp_kernel_get_pr_status (GSctpEndpoint *endpoint,
                            GSctpAssocId assoc_id,
                            int stream,
                            GSctpPrPolicy policy,
                            guint64 *abandoned_unsent,
                            guint64 *abandoned_sent,
                            GError **error)
{
#ifdef SCTP_PR_ASSOC_STATUS
  static const guint16 kernel_policies[] = {
    [GSCTP_PR_POLICY_NONE] = SCTP_PR_SCTP_ALL,    /* the sum of them all */
    [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
    [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
    [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_PRIO,
  };
  struct sctp_prstatus ps = {
    .sprstat_assoc_id = assoc_id,
    .sprstat_sid = stream >= 0 ? (guint16) stream : 0,
    .sprstat_policy = kernel_policies[MIN ((guint) policy, G_N_ELEMENTS (kernel_policies) - 1)],
  };

  if (!gsctp_kernel_get_option (gsctp_kernel_fd (endpoint), IPPROTO_SCTP,
                                stream >= 0 ? SCTP_PR_STREAM_STATUS : SCTP_PR_ASSOC_STATUS, &ps,
                                sizeof ps,
                                stream >= 0 ? "SCTP_PR_STREAM_STATUS" : "SCTP_PR_ASSOC_STATUS",
                                error))
    return FALSE;
  *abandoned_unsent = ps.sprstat_abandoned_unsent;
  *abandoned_sent = ps.sprstat_abandoned_sent;
  return TRUE;
#else
  g_set_error_literal (error, GSCTP_ERROR, GSCTP_ERROR_NOT_SUPPORTED,
                       "SCTP_PR_ASSOC_STATUS is not supported by the kernel backend: gsctp was "
                       "built with SCTP headers that lack it");
  return FALSE;
#endif
}
