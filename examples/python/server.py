#!/usr/bin/python3
# server.py [HOST] [PORT]: receives SCTP messages and prints them, with their
# stream and PPID, and every event (gen_sctp's sctp_server example).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402


def local_address(host):
    if host == "any":
        return Gio.InetAddress.new_any(Gio.SocketFamily.IPV4)
    if host == "loopback":
        return Gio.InetAddress.new_loopback(Gio.SocketFamily.IPV4)
    return Gio.Resolver.get_default().lookup_by_name(host, None)[0]


def describe_event(message):
    text = "event %s assoc=%d" % (message.get_event_type().value_nick, message.get_assoc_id())
    change = message.get_assoc_change()
    if change is not None:
        text += " state=%s error=%d outbound-streams=%d inbound-streams=%d" % (
            change.state.value_nick, change.error, change.outbound_streams, change.inbound_streams)
    paddr = message.get_peer_addr_change()
    if paddr is not None:
        text += " address=%s state=%s" % (paddr.address.to_string(), paddr.state.value_nick)
    return text


def main(args):
    host = args[0] if len(args) > 0 else "any"
    port = int(args[1]) if len(args) > 1 else 2006
    ip = local_address(host)
    print("%s -> %s" % (host, ip.to_string()), flush=True)
    sock = Gsctp.Socket.new(ip.get_family(), Gsctp.SocketType.SEQPACKET)
    sock.props.receive_buffer_size = 65536
    sock.bind([Gio.InetSocketAddress.new(ip, port)])
    sock.listen(1)
    print("Listening on %s:%d" % (ip.to_string(), port), flush=True)
    while True:
        try:
            message = sock.receive(-1, None)
        except GLib.Error as e:
            print("SCTP RECV ERROR: %s" % e.message, flush=True)
            return 1
        if message.is_event():
            print("Received: " + describe_event(message), flush=True)
            continue
        info = message.get_info()
        print('Received: "%s" from %s assoc=%d stream=%d ppid=%d' % (
            message.get_data().get_data().decode(errors="replace"),
            message.get_address().to_string(), info.assoc_id, info.stream, info.ppid), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
