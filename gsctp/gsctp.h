/* gsctp.h: the single header of gsctp
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __GSCTP_H_INSIDE__

#include "gsctp-version.h"
#include "gsctp-version-macros.h"
#include "gsctp-types.h"
#include "gsctp-enum-types.h"
#include "gsctp-error.h"
#include "gsctp-events.h"
#include "gsctp-message.h"
#include "gsctp-options.h"
#include "gsctp-socket.h"

#undef __GSCTP_H_INSIDE__
