/* gsctp-userland-streams.c: userland SCTP streams
 *
 * Stream reconfiguration (RFC 6525), the scheduler's value of a stream,
 * and what PR-SCTP abandoned on an association or one of its streams
 * (RFC 7496).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "gsctp-userland-private.h"

gboolean
gsctp_userland_enable_stream_reset (GSctpEndpoint *endpoint,
                                    GSctpAssocId assoc_id,
                                    GSctpStreamResetFlags flags,
                                    GError **error)
{
  struct sctp_assoc_value av = {
    .assoc_id = (sctp_assoc_t) assoc_id,
    .assoc_value = ((flags & GSCTP_STREAM_RESET_FLAGS_RESET_STREAMS) ? SCTP_ENABLE_RESET_STREAM_REQ : 0) |
                   ((flags & GSCTP_STREAM_RESET_FLAGS_RESET_ASSOC) ? SCTP_ENABLE_RESET_ASSOC_REQ : 0) |
                   ((flags & GSCTP_STREAM_RESET_FLAGS_CHANGE_ASSOC) ? SCTP_ENABLE_CHANGE_ASSOC_REQ : 0),
  };

  return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, &av, sizeof av,
                                    "SCTP_ENABLE_STREAM_RESET", error);
}

gboolean
gsctp_userland_reset_streams (GSctpEndpoint *endpoint,
                              GSctpAssocId assoc_id,
                              gboolean incoming,
                              gboolean outgoing,
                              const guint16 *streams,
                              guint n_streams,
                              GError **error)
{
  gsize size = sizeof (struct sctp_reset_streams) + n_streams * sizeof (guint16);
  g_autofree struct sctp_reset_streams *srs = g_malloc0 (size);

  srs->srs_assoc_id = (sctp_assoc_t) assoc_id;
  srs->srs_flags = (incoming ? SCTP_STREAM_RESET_INCOMING : 0) | (outgoing ? SCTP_STREAM_RESET_OUTGOING : 0);
  srs->srs_number_streams = n_streams;
  if (n_streams > 0)
    memcpy (srs->srs_stream_list, streams, n_streams * sizeof (guint16));
  return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_RESET_STREAMS, srs, size, "SCTP_RESET_STREAMS", error);
}

gboolean
gsctp_userland_add_streams (GSctpEndpoint *endpoint,
                            GSctpAssocId assoc_id,
                            guint16 inbound,
                            guint16 outbound,
                            GError **error)
{
  struct sctp_add_streams sas = {
    .sas_assoc_id = (sctp_assoc_t) assoc_id,
    .sas_instrms = inbound,
    .sas_outstrms = outbound,
  };

  return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_ADD_STREAMS, &sas, sizeof sas, "SCTP_ADD_STREAMS", error);
}

gboolean
gsctp_userland_get_stream_value (GSctpEndpoint *endpoint,
                                 GSctpAssocId assoc_id,
                                 guint16 stream,
                                 guint16 *value,
                                 GError **error)
{
  struct sctp_stream_value sv = { .assoc_id = (sctp_assoc_t) assoc_id, .stream_id = stream };

  if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP, SCTP_SS_VALUE, &sv, sizeof sv, "SCTP_SS_VALUE", error))
    return FALSE;
  *value = sv.stream_value;
  return TRUE;
}

gboolean
gsctp_userland_set_stream_value (GSctpEndpoint *endpoint,
                                 GSctpAssocId assoc_id,
                                 guint16 stream,
                                 guint16 value,
                                 GError **error)
{
  struct sctp_stream_value sv = { .assoc_id = (sctp_assoc_t) assoc_id, .stream_id = stream,
                                  .stream_value = value };

  return gsctp_userland_set_option (endpoint, IPPROTO_SCTP, SCTP_SS_VALUE, &sv, sizeof sv, "SCTP_SS_VALUE", error);
}

/* The stack's aggregate of every policy (FreeBSD's SCTP_PR_SCTP_ALL),
 * which usrsctp.h does not export. */
#define STACK_PR_SCTP_ALL 0x000f

gboolean
gsctp_userland_get_pr_status (GSctpEndpoint *endpoint,
                              GSctpAssocId assoc_id,
                              int stream,
                              GSctpPrPolicy policy,
                              guint64 *abandoned_unsent,
                              guint64 *abandoned_sent,
                              GError **error)
{
  static const guint16 stack_policies[] = {
    [GSCTP_PR_POLICY_NONE] = STACK_PR_SCTP_ALL,
    [GSCTP_PR_POLICY_TTL] = SCTP_PR_SCTP_TTL,
    [GSCTP_PR_POLICY_RTX] = SCTP_PR_SCTP_RTX,
    [GSCTP_PR_POLICY_PRIO] = SCTP_PR_SCTP_BUF,
  };
  struct sctp_prstatus ps = {
    .sprstat_assoc_id = (sctp_assoc_t) assoc_id,
    .sprstat_sid = stream >= 0 ? (guint16) stream : 0,
    .sprstat_policy = stack_policies[MIN ((guint) policy, G_N_ELEMENTS (stack_policies) - 1)],
  };

  /* Built without SCTP_DETAILED_STR_STATS, as Debian's is, the stack
   * counts a stream's messages for all policies together. */
  if (stream >= 0 && policy != GSCTP_PR_POLICY_NONE)
    {
      gsctp_userland_not_supported (error, "PR-SCTP counts of one stream by policy (the stack "
                                           "counts a stream's for every policy together: "
                                           "GSCTP_PR_POLICY_NONE)");
      return FALSE;
    }
  if (!gsctp_userland_get_option (endpoint, IPPROTO_SCTP,
                                  stream >= 0 ? SCTP_PR_STREAM_STATUS : SCTP_PR_ASSOC_STATUS,
                                  &ps, sizeof ps,
                                  stream >= 0 ? "SCTP_PR_STREAM_STATUS" : "SCTP_PR_ASSOC_STATUS",
                                  error))
    return FALSE;
  *abandoned_unsent = ps.sprstat_abandoned_unsent;
  *abandoned_sent = ps.sprstat_abandoned_sent;
  return TRUE;
}
