#!/usr/bin/env bash
# Builds a tiny consumer project with gsctp as its meson subproject (no
# gsctp installed where pkg-config looks): dependency('gsctp-1', fallback:
# 'gsctp') finds the override, and the subproject builds the library but
# none of its tests, examples or benchmark.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

source_root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -r "$source_root/tests/subproject/consumer" "$work/consumer"
mkdir -p "$work/consumer/subprojects"
# The sources as git has them (no build directories).
git -C "$source_root" ls-files -z | (cd "$source_root" && xargs -0 tar -cf -) |
	(mkdir -p "$work/consumer/subprojects/gsctp" && tar -xf - -C "$work/consumer/subprojects/gsctp")

cd "$work/consumer"
PKG_CONFIG_PATH= meson setup _build -Dgsctp:introspection=disabled >"$work/setup.log" 2>&1 ||
	{ cat "$work/setup.log"; exit 1; }
grep -q "Dependency gsctp-1 found: YES .*(overridden)" "$work/setup.log" ||
	{ echo "the consumer did not take gsctp-1 from the subproject"; cat "$work/setup.log"; exit 1; }
ninja -C _build >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
out=$(_build/consumer)
echo "$out"
[[ $out == "gsctp "*": User-Initiated Abort" ]]
# Nothing of gsctp's own was built beyond its library.
for unwanted in tests examples bench tool; do
	if [[ -e _build/subprojects/gsctp/$unwanted ]]; then
		echo "the subproject built $unwanted"
		exit 1
	fi
done
if meson test -C _build --list 2>/dev/null | grep -q .; then
	echo "the subproject added tests to the parent's meson test:"
	meson test -C _build --list
	exit 1
fi
echo "ok: gsctp as a subproject"

# With gsctp's GIR: the consumer's own GIR includes Gsctp-1.0, found
# through the dependency object alone.
rm -rf _build
PKG_CONFIG_PATH= meson setup _build -Dgir=true >"$work/setup-gir.log" 2>&1 ||
	{ cat "$work/setup-gir.log"; exit 1; }
ninja -C _build >"$work/build-gir.log" 2>&1 || { cat "$work/build-gir.log"; exit 1; }
grep -q '<include name="Gsctp" version="1.0"/>' _build/Consumer-1.0.gir ||
	{ echo "the consumer's GIR does not include Gsctp-1.0"; cat _build/Consumer-1.0.gir; exit 1; }
grep -q 'type name="Gsctp.SndInfo"' _build/Consumer-1.0.gir ||
	{ echo "the consumer's GIR does not use Gsctp.SndInfo"; cat _build/Consumer-1.0.gir; exit 1; }
echo "ok: a consumer's GIR on top of Gsctp-1.0"
