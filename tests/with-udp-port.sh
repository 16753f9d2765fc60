#!/bin/sh
# with-udp-port.sh COMMAND [ARGS...]: COMMAND on the userland backend with a
# free UDP port of its own, local and remote (tests run side by side).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
port=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(("::", 0)); print(s.getsockname()[1])')
GSCTP_BACKEND=userland GSCTP_UDP_PORT=$port GSCTP_UDP_REMOTE_PORT=$port
export GSCTP_BACKEND GSCTP_UDP_PORT GSCTP_UDP_REMOTE_PORT
exec "$@"
