/* bench.h: what the C benchmark's files share: a run's result and limit,
 * the receiver's meter, and the raw loops' modes (bench-raw.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

/* What the tuned runs ask for, forced as root (the guest); the untuned
 * runs leave each socket as it comes. */
#define BENCH_BUFFERS (4 * 1024 * 1024)

typedef struct {
  guint64 messages;
  guint64 bytes;
  double seconds;
} Result;

/* How long, or how many: a run stops at whichever is set. */
typedef struct {
  double seconds;
  guint64 count;
} Limit;

/* The receiver's clock: read now and then, the clock being a system call
 * in the guest. */
typedef struct {
  Limit limit;
  gint64 start;
  gint64 deadline;
  guint polls;
  Result result;
  gint stop;            /* tells the sender */
} Meter;

void bench_set_buffers (int fd);
void meter_start (Meter *m, Limit limit);
gboolean meter_count (Meter *m, gsize bytes);

Result run_raw (gsize size, Limit limit);
Result run_raw_poll (gsize size, Limit limit);
Result run_raw_untuned (gsize size, Limit limit);
Result run_raw_batched (gsize size, Limit limit);
Result run_raw_receive_batched (gsize size, Limit limit);
Result run_raw_rtt (gsize size, Limit limit);
Result run_scale_raw (guint n, Limit limit);
