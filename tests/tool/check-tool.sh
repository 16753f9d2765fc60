#!/usr/bin/env bash
# The gsctp command-line tool, as a shell user runs it: every command, its
# text and JSON output, its exit codes; against itself and, on kernel SCTP,
# against lksctp-tools' sctp_darn and a peer that aborts.
#
#   check-tool.sh GSCTP kernel     in a guest with kernel SCTP (sctp-run)
#   check-tool.sh GSCTP userland [COMPLETION]
#                                  natively, GSCTP_BACKEND=userland; with
#                                  the bash completion script, that too
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -uo pipefail

gsctp=$1
mode=$2
work=$(mktemp -d)
pids=()
failures=0
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
if [[ $mode == userland ]]; then export GSCTP_BACKEND=userland; fi

ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_rc() { # WANT GOT WHAT
	if [[ $1 == "$2" ]]; then ok "$3 (exit $2)"; else fail "$3: exit $2, wanted $1"; return 1; fi
}
# Asserts a Python expression over the JSON records of a file (`records`,
# a list of dicts, and `of(type)`, those of one type).
json_check() { # FILE WHAT EXPRESSION
	if python3 - "$1" "$3" <<'PY'; then ok "$2"; else fail "$2"; echo "--- $1"; cat "$1"; fi
import json, sys
records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
def of(kind):
    return [r for r in records if r["type"] == kind]
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
PY
}
# Starts `gsctp listen ARGS` in the background; sets $port from its first
# record.
start_listen() { # OUT ARGS...
	local out=$1
	shift
	"$gsctp" listen --json "$@" 0 >"$out" 2>"$out.err" &
	pids+=($!)
	listen_pid=$!
	for _ in $(seq 100); do
		port=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["port"])' "$out" 2>/dev/null) && return
		sleep 0.1
	done
	fail "listen did not start"; cat "$out.err"; exit 1
}

# --- usage and exit codes
"$gsctp" >/dev/null 2>&1; expect_rc 2 $? "no command"
"$gsctp" frobnicate >/dev/null 2>&1; expect_rc 2 $? "unknown command"
"$gsctp" listen >/dev/null 2>&1; expect_rc 2 $? "listen without a port"
"$gsctp" listen 70000 >/dev/null 2>&1; expect_rc 2 $? "listen on port 70000"
"$gsctp" connect --backend nonsense 127.0.0.1 1 >/dev/null 2>&1; expect_rc 2 $? "an unknown backend"
[[ $("$gsctp" version) == "gsctp "[0-9]* ]] && ok "version" || fail "version"
"$gsctp" help listen | grep -q -- "--echo" && ok "help listen" || fail "help listen"

# --- check
"$gsctp" check --json >"$work/check" 2>&1
expect_rc 0 $? "check"
json_check "$work/check" "check: the $mode backend is available" \
	"any(r['name'] == '$mode' and r['available'] for r in of('backend'))"
if [[ $mode == kernel ]]; then
	json_check "$work/check" "check: the module, sysctls and features" \
		"of('backend')[0]['module_loaded'] and any(r['name'] == 'net.sctp.udp_port' for r in of('sysctl'))
		 and any(r['option'] == 'sctp_get_assoc_stats' and r['supported'] for r in of('feature'))"
else
	# This host's kernel has no SCTP: check says so with exit code 3.
	"$gsctp" check --backend kernel >"$work/check-kernel" 2>&1
	expect_rc 3 $? "check --backend kernel without kernel SCTP"
	grep -q "available=false" "$work/check-kernel" && ok "check names the missing kernel SCTP" ||
		fail "check names the missing kernel SCTP"
	"$gsctp" listen --backend kernel 0 >/dev/null 2>&1; expect_rc 3 $? "listen on a kernel without SCTP"
fi

# --- gsctp to gsctp: echo, with stream, PPID and unordered
start_listen "$work/echo" --echo --count 3
printf 'one\ntwo\n\nthree\n' | timeout 30 "$gsctp" connect --json --expect 3 --stream 2 --ppid 42 \
	--unordered --ttl 5000 --streams 4 127.0.0.1 "$port" >"$work/client" 2>&1
expect_rc 0 $? "connect to an echo server" || cat "$work/client"
wait "$listen_pid"; expect_rc 0 $? "listen --count 3 ends after three messages"
json_check "$work/client" "connect: the three echoes, each on its stream with its PPID, unordered" \
	"[r['data'] for r in of('message')] == ['one', 'two', 'three'] or
	 sorted(r['data'] for r in of('message')) == ['one', 'three', 'two']" 
json_check "$work/client" "connect: stream 2, PPID 42, unordered" \
	"all(r['stream'] == 2 and r['ppid'] == 42 and r['unordered'] for r in of('message'))"
json_check "$work/client" "connect: connected, then a graceful shutdown" \
	"of('connected')[0]['outbound_streams'] == 4 and
	 of('event')[-1]['event'] == 'assoc-change' and of('event')[-1]['state'] == 'shutdown-comp'"
json_check "$work/echo" "listen: comm-up, the messages, shutdown-comp" \
	"of('listening')[0]['backend'] == '$mode' and
	 [r['state'] for r in of('event') if r['event'] == 'assoc-change'] == ['comm-up', 'shutdown-comp'] and
	 sorted(r['data'] for r in of('message')) == ['one', 'three', 'two']"

# --- files as messages, hexadecimal output, a one-to-one server
printf 'first file' >"$work/a"
printf '\x00\x01binary\xff' >"$work/b"
start_listen "$work/one" --one-to-one --count 2 --hex
timeout 30 "$gsctp" connect --one-to-one 127.0.0.1 "$port" "$work/a" "$work/b" >"$work/one-client" 2>&1
expect_rc 0 $? "connect --one-to-one with two files" || cat "$work/one-client"
wait "$listen_pid"; expect_rc 0 $? "listen --one-to-one --count 2"
json_check "$work/one" "listen --one-to-one --hex: each file one message, exact bytes" \
	"of('listening')[0]['style'] == 'one-to-one' and
	 [r['hex'] for r in of('message')] == ['first file'.encode().hex(), '0001' + 'binary'.encode().hex() + 'ff']"

# --- status, peers, options on an association
# Two addresses on kernel SCTP (the guest has 127.0.0.2): a multi-homed peer.
if [[ $mode == kernel ]]; then
	start_listen "$work/server" --bind 127.0.0.1 --bind 127.0.0.2
	peer_addresses="['127.0.0.1:$port', '127.0.0.2:$port']"
	peer_hosts=127.0.0.1,127.0.0.2
else
	start_listen "$work/server" --bind 127.0.0.1
	peer_addresses="['127.0.0.1:$port']"
	peer_hosts=127.0.0.1
fi
timeout 30 "$gsctp" status --json 127.0.0.1 "$port" >"$work/status" 2>&1
expect_rc 0 $? "status"
json_check "$work/status" "status: established, with streams and the primary path" \
	"of('status')[0]['state'] == 'established' and of('status')[0]['outbound_streams'] >= 1 and
	 of('status')[0]['primary_address'] == '127.0.0.1:$port' and
	 of('associnfo')[0]['peer_destinations'] == len($peer_addresses)"
if [[ $mode == kernel ]]; then
	json_check "$work/status" "status: the kernel's statistics" "of('stats')[0]['packets_sent'] > 0"
fi
timeout 30 "$gsctp" peers --json "$peer_hosts" "$port" >"$work/peers" 2>&1
expect_rc 0 $? "peers"
json_check "$work/peers" "peers: each peer address, the primary active" \
	"sorted(r['address'] for r in of('peer')) == $peer_addresses and of('peer')[0]['state'] == 'active'
	 and len(of('local')) >= 1"
timeout 30 "$gsctp" option get sctp_status --connect 127.0.0.1 --port "$port" >"$work/opt-status" 2>&1
expect_rc 0 $? "option get sctp_status --connect"
grep -q "state=established" "$work/opt-status" && ok "option get on an association" ||
	fail "option get on an association"

# --- options on a new socket
"$gsctp" option get sctp_nodelay >"$work/opt" 2>&1; expect_rc 0 $? "option get sctp_nodelay"
# On both backends a socket gsctp makes has Nagle's algorithm off.
grep -qx "option name=sctp_nodelay value=true" "$work/opt" && ok "sctp_nodelay is true on $mode" ||
	{ fail "sctp_nodelay"; cat "$work/opt"; }
"$gsctp" option set --json sctp_rtoinfo initial=500,min=200,max=1000 >"$work/rto" 2>&1
expect_rc 0 $? "option set sctp_rtoinfo"
json_check "$work/rto" "option set reads back what the stack took" \
	"of('option')[0]['initial'] == 500 and of('option')[0]['min'] == 200 and of('option')[0]['max'] == 1000"
"$gsctp" option set sctp_events "assoc-change|shutdown" >"$work/events" 2>&1
expect_rc 0 $? "option set sctp_events"
grep -q "value=assoc-change,shutdown$" "$work/events" && ok "sctp_events read back" ||
	{ fail "sctp_events read back"; cat "$work/events"; }
"$gsctp" option set sctp_rtoinfo mix=1 >/dev/null 2>"$work/err"; expect_rc 2 $? "a field that does not exist"
grep -q "has no field “mix”" "$work/err" && ok "the error names the field" || fail "the error names the field"
"$gsctp" option get no_such_option >/dev/null 2>&1; expect_rc 2 $? "an unknown option"
"$gsctp" option set tos 300 >/dev/null 2>&1; expect_rc 2 $? "a value out of range"
"$gsctp" option names >"$work/names" 2>&1
grep -qx "sctp_rtoinfo" "$work/names" && grep -qx "nodelay" "$work/names" && ok "option names" || fail "option names"
"$gsctp" option list --json >"$work/list" 2>&1
json_check "$work/list" "option list: names, values, descriptions" \
	"any(r['name'] == 'send-buffer-size' and r['value'] > 0 and 'SO_SNDBUF' in r['description'] for r in of('option'))"
if [[ $mode == kernel ]]; then
	# Linux doubles SO_SNDBUF: the value read back says so.
	"$gsctp" option set sndbuf 100000 >"$work/sndbuf" 2>&1
	grep -qx "option name=sndbuf value=200000" "$work/sndbuf" && ok "option set sndbuf shows the kernel's doubling" ||
		{ fail "sndbuf"; cat "$work/sndbuf"; }
fi

# --- bench, in process and to a listener
# On the userland stack a listener holds its UDP port (9899): the bench's
# own receiver, beside the listener above, takes another.
GSCTP_UDP_PORT=9901 GSCTP_UDP_REMOTE_PORT=9901 \
	timeout 60 "$gsctp" bench --json --seconds 1 >"$work/bench" 2>"$work/bench.err"
expect_rc 0 $? "bench"
json_check "$work/bench" "bench: every message sent arrived" \
	"of('result')[0]['sent'] > 0 and of('result')[0]['received'] == of('result')[0]['sent']"
grep -q "msg/s" "$work/bench.err" && ok "bench: a progress line" || fail "bench: a progress line"
timeout 60 "$gsctp" bench --json --quiet --count 500 --size 100 127.0.0.1 "$port" >"$work/bench2" 2>&1
expect_rc 0 $? "bench to a listener"
# The listener prints as it receives: give it the time a slow machine
# needs before ending it.
for _ in $(seq 600); do
	(($(grep -c '"size": 100,' "$work/server") >= 500)) && break
	sleep 0.1
done
kill -TERM "$listen_pid"; wait "$listen_pid"; expect_rc 0 $? "listen ends on SIGTERM"
json_check "$work/server" "the listener received bench's 500 messages" \
	"sum(1 for r in of('message') if r['size'] == 100) == 500"

# --- failures
timeout 60 "$gsctp" connect --timeout 3 127.0.0.1 1 </dev/null >/dev/null 2>"$work/refused"
expect_rc 1 $? "connect to a port with no listener"

if [[ $mode == kernel ]]; then
	# lksctp-tools' sctp_darn sending to gsctp listen...
	start_listen "$work/darn-in" --count 2
	printf 'from darn\nsecond\n' | timeout 30 sctp_darn -H 127.0.0.1 -P 0 -h 127.0.0.1 -p "$port" -s >/dev/null 2>&1
	wait "$listen_pid"; expect_rc 0 $? "listen --count 2 from sctp_darn"
	# sctp_darn sends each line with its newline and a NUL.
	json_check "$work/darn-in" "listen: sctp_darn's two messages" \
		"[r['data'] for r in of('message')] == ['from darn\n\x00', 'second\n\x00']"
	# ...and receiving from gsctp connect (it prints one byte less than it got).
	timeout 20 stdbuf -oL sctp_darn -H 127.0.0.1 -P 7101 -l >"$work/darn-out" 2>&1 &
	pids+=($!)
	for _ in $(seq 50); do grep -q listening "$work/darn-out" && break; sleep 0.1; done
	printf 'to darn!\n' | timeout 30 "$gsctp" connect --ppid 7 127.0.0.1 7101 >/dev/null 2>&1
	expect_rc 0 $? "connect to sctp_darn"
	for _ in $(seq 50); do grep -q SHUTDOWN_COMP "$work/darn-out" && break; sleep 0.1; done
	grep -q "DATA(8):  to darn" "$work/darn-out" && grep -q "sinfo_ppid 117440512" "$work/darn-out" &&
		ok "sctp_darn got the message with PPID 7" || { fail "sctp_darn got the message"; cat "$work/darn-out"; }
	# A peer that closes with data unread aborts the association: exit 4.
	python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
s.bind(("127.0.0.1", 7102)); s.listen(1); print("up", flush=True); time.sleep(2); s.close()' >"$work/py" &
	pids+=($!)
	for _ in $(seq 100); do grep -q up "$work/py" && break; sleep 0.1; done
	echo unread | timeout 30 "$gsctp" connect --expect 1 127.0.0.1 7102 >"$work/aborted" 2>&1
	expect_rc 4 $? "connect when the peer aborts"
	grep -q "state=comm-lost" "$work/aborted" && ok "the abort is printed as comm-lost" || fail "comm-lost"
fi

# --- bash completion: commands, options, values, option names
if [[ -n ${3:-} ]]; then
	completions=$(
		PATH=$(dirname "$gsctp"):$PATH
		source "$3"
		complete_words() {
			COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
			_gsctp; echo "${COMPREPLY[*]}"
		}
		complete_words gsctp li
		complete_words gsctp listen --ec
		complete_words gsctp connect --backend u
		complete_words gsctp option get sctp_rto
		complete_words gsctp option s
	)
	if [[ $completions == $'listen\n--echo\nuserland\nsctp_rtoinfo\nset' ]]; then
		ok "bash completion"
	else
		fail "bash completion: $completions"
	fi
fi

if ((failures)); then
	echo "$failures failed"
	exit 1
fi
echo "all passed"
