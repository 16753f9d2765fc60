#!/usr/bin/env bash
# Installs gsctp into a prefix inside the checkout, then uses only what was
# installed: a C program built with pkg-config, a Python script that finds
# the installed typelib, a Vala program built with --pkg gsctp-1, and the
# installed tests under gnome-desktop-testing-runner (here, where the
# kernel has no SCTP: the kernel ones skip, the userland ones run).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
prefix=$top/_install
work=$top/_build-installed-use
rm -rf "$prefix" "$work" _build-install
meson setup _build-install --prefix="$prefix" --libdir=lib -Dtests=enabled -Dinstalled_tests=enabled \
	-Dexamples=disabled >/dev/null
meson install -C _build-install --quiet
mkdir -p "$work"

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export LD_LIBRARY_PATH=$prefix/lib
export GI_TYPELIB_PATH=$prefix/lib/girepository-1.0

# shellcheck disable=SC2046
cc -o "$work/hello-c" tests/installed/hello.c $(pkg-config --cflags --libs gsctp-1)
valac --vapidir "$prefix/share/vala/vapi" --pkg gsctp-1 -X -w -X "-I$prefix/include/gsctp-1" \
	-X "-L$prefix/lib" -o "$work/hello-vala" tests/installed/hello.vala

tools/sctp-run bash -c '"$1"/hello-c && /usr/bin/python3 tests/installed/hello.py && "$1"/hello-vala' \
	check "$work"
echo "installed use: ok"

# The tool, its man page and its bash completion.
"$prefix/bin/gsctp" version | grep -qx "gsctp $(meson introspect --projectinfo _build-install |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"
GSCTP_BACKEND=userland "$prefix/bin/gsctp" check >/dev/null
[[ -f $prefix/share/man/man1/gsctp.1 ]] || { echo "no man page installed"; exit 1; }
completion=$(find "$prefix/share" -path '*bash-completion/completions/gsctp')
[[ -n $completion ]] || { echo "no bash completion installed"; exit 1; }
echo "installed tool: ok"

# As a distribution runs them: no CI (where a skip is a failure), no
# build tree.
runner_log=$work/installed-tests.log
if ! env -u CI -u G_TEST_SRCDIR -u G_TEST_BUILDDIR XDG_DATA_DIRS="$prefix/share" \
	gnome-desktop-testing-runner --tap --first-root gsctp-1 >"$runner_log" 2>&1; then
	cat "$runner_log"
	exit 1
fi
grep -E '^(ok|not ok) - ' "$runner_log" | sed 's/^/  /'
grep -q '^ok - gsctp-1/.*-userland.test' "$runner_log" || { echo "no userland installed test ran"; exit 1; }
echo "installed tests: ok"
