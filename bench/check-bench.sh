#!/bin/sh
# check-bench.sh BENCHMARK [ARGS…]: runs a benchmark briefly and checks
# that it ends well and reports each figure as a number, every rate above
# zero. A check that the benchmark works, not of how fast anything is.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
out=$("$@")
printf '%s\n' "$out"
printf '%s\n' "$out" | awk -F= '
	/^RESULT / {
		n++
		if ($2 !~ /^[0-9]+(\.[0-9]+)?$/) { print "not a number: " $0 > "/dev/stderr"; bad = 1 }
		else if ($1 ~ /_rate$/ && $2 + 0 <= 0) { print "no messages: " $0 > "/dev/stderr"; bad = 1 }
	}
	END {
		if (n == 0) { print "no RESULT lines" > "/dev/stderr"; bad = 1 }
		exit bad
	}'
