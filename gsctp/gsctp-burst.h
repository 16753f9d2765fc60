/* gsctp-burst.h: the async sends of one main-context dispatch
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GSource *gsctp_burst_new (GMainContext *context, GSourceFunc flush, gpointer user_data);
gboolean gsctp_burst_in_dispatch (GMainContext *context);
gboolean gsctp_burst_join (GSource *burst);
void gsctp_burst_hold (GSource *burst);
void gsctp_burst_free (GSource *burst);

G_END_DECLS
