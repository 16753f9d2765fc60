#!/bin/sh
# dtls-channel.sh EXAMPLE: the SCTP-over-DTLS example, server and client as
# two processes on loopback: the client's message comes back as the
# server's echo, over an SCTP association inside a DTLS session.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
example=$1
dir=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
	-days 1 -subj /CN=gsctp-test 2>/dev/null
cat "$dir/cert.pem" "$dir/key.pem" >"$dir/both.pem"
port=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$example" server "$port" "$dir/both.pem" >"$dir/server.log" 2>&1 &
server=$!
sleep 0.5
timeout 20 "$example" client 127.0.0.1 "$port" >"$dir/client.log" 2>&1 || {
	cat "$dir/client.log" "$dir/server.log"
	exit 1
}
sleep 0.3
cat "$dir/client.log" "$dir/server.log"
grep -q '^client: DTLS up' "$dir/client.log"
grep -q '^client: received "hello over DTLS" on stream 0, PPID 51' "$dir/client.log"
grep -q '^server: SCTP association [0-9]* up over DTLS' "$dir/server.log"
grep -q '^server: received "hello over DTLS" on stream 0, PPID 51' "$dir/server.log"
