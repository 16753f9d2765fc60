#!/usr/bin/python3
# connect_init.py HOST1 PORT1 HOST2 PORT2: gen_sctp's connect_init example.
# Starts associations to two peers without blocking, prints each one's
# result and whatever data arrives, and stops after 5 s of silence.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402


def main(args):
    if len(args) != 4:
        print("usage: connect_init.py HOST1 PORT1 HOST2 PORT2", file=sys.stderr)
        return 2
    loop = GLib.MainLoop()
    sock = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    resolver = Gio.Resolver.get_default()
    peers = {}
    for n, (host, port) in enumerate([(args[0], int(args[1])), (args[2], int(args[3]))], 1):
        ip = next(a for a in resolver.lookup_by_name(host, None)
                  if a.get_family() == Gio.SocketFamily.IPV4)
        assoc_id = sock.associate_init([Gio.InetSocketAddress.new(ip, port)],
                                       Gsctp.InitMsg.new(5, 0))
        peers[assoc_id] = n
    print("Connections initiated", flush=True)

    silence = [None]

    def quiet():
        loop.quit()
        return GLib.SOURCE_REMOVE

    def on_message(_sock, message):
        if silence[0] is not None:
            GLib.source_remove(silence[0])
        silence[0] = GLib.timeout_add_seconds(5, quiet)
        n = peers.get(message.get_assoc_id(), 0)
        change = message.get_assoc_change()
        if change is not None:
            print("Association %d connect result: %s. AssocId: %d" % (
                n, change.state.value_nick, change.assoc_id), flush=True)
        elif not message.is_event():
            print("Association %d: received %r" % (n, message.get_data().get_data()), flush=True)
        else:
            print("Other %s" % message.get_event_type().value_nick, flush=True)

    sock.connect("message", on_message)
    sock.props.active = Gsctp.ActiveMode.ACTIVE
    silence[0] = GLib.timeout_add_seconds(5, quiet)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
