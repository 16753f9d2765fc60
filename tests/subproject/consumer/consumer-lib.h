/* consumer-lib.h: a library of the consumer project whose API uses gsctp's
 * types, so that its GIR includes Gsctp-1.0.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gsctp/gsctp.h>

GSctpSndInfo *consumer_diameter_info (GSctpAssocId assoc_id);
