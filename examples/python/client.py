#!/usr/bin/python3
# client.py [HOST] [PORT]: gen_sctp's sctp_client example. Associates with 5
# outbound streams: "Test 0" on stream 0 is sent, "Test 5" on stream 5 fails;
# then aborts the association.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys
import time

import gi

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402


def report(what, action):
    try:
        action()
        print("%s: ok" % what, flush=True)
    except GLib.Error as e:
        print("%s: error: %s" % (what, e.message), flush=True)


def main(args):
    host = args[0] if len(args) > 0 else "localhost"
    port = int(args[1]) if len(args) > 1 else 2006
    sock = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    assoc = sock.associate_to_host(host, port, Gsctp.InitMsg.new(5, 0), 10000, None)
    print("Connection Successful, Assoc=%d outbound-streams=%d inbound-streams=%d" % (
        assoc.assoc_id, assoc.outbound_streams, assoc.inbound_streams), flush=True)
    report('send "Test 0" on stream 0',
           lambda: sock.send_to_stream(assoc.assoc_id, 0, GLib.Bytes.new(b"Test 0"), None))
    time.sleep(0.5)
    report('send "Test 5" on stream 5',
           lambda: sock.send_to_stream(assoc.assoc_id, 5, GLib.Bytes.new(b"Test 5"), None))
    time.sleep(0.5)
    report("abort", lambda: sock.abort(assoc.assoc_id))
    time.sleep(0.5)
    sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
