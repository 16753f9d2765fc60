/* gsctp-version-macros.h: symbol export and availability macros
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GSCTP_H_INSIDE__) && !defined(GSCTP_COMPILATION)
#error "Only <gsctp/gsctp.h> can be included directly."
#endif

#include <glib.h>

#ifndef _GSCTP_EXTERN
#define _GSCTP_EXTERN __attribute__((visibility ("default"))) extern
#endif

/**
 * GSCTP_AVAILABLE_IN_ALL:
 *
 * Marks a symbol as part of the gsctp API since its first release.
 */
#define GSCTP_AVAILABLE_IN_ALL _GSCTP_EXTERN

/**
 * GSCTP_AVAILABLE_IN_0_1:
 *
 * Marks a symbol as new in gsctp 0.1.
 */
#define GSCTP_AVAILABLE_IN_0_1 _GSCTP_EXTERN
