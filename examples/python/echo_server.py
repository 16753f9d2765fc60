#!/usr/bin/python3
# echo_server.py [PORT]: a one-to-one SCTP server that sends every message
# back to its client, on the stream and with the PPID it came with.
#
# The listener is in an active mode: it accepts each association as it
# comes and hands it over as "incoming"; each connection, active too,
# emits its messages in batches as "messages" (what one main-loop dispatch
# read, in order): from Python, a call per batch costs less than a call per
# message ("message").
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402

connections = set()  # a connection nobody keeps is closed


def on_messages(connection, messages):
    for message in messages:
        if message.is_event():
            change = message.get_assoc_change()
            if change is not None and change.state != Gsctp.AssocState.COMM_UP:
                print("Connection ended", flush=True)
                connection.close()
                connections.discard(connection)
                return
            continue
        data = message.get_data()
        info = Gsctp.SndInfo.new(0, message.get_stream(), message.get_ppid())
        connection.send(info, None, data, None)
        print("Echoed %d bytes on stream %d" % (data.get_size(), message.get_stream()), flush=True)


def on_incoming(listener, connection):
    peer = connection.get_peer_addresses(0)[0]
    print("Connection from %s:%d" % (peer.get_address().to_string(), peer.get_port()), flush=True)
    connection.connect("messages", on_messages)
    connections.add(connection)


def main(args):
    port = int(args[0]) if args else 2007
    listener = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.STREAM)
    listener.bind([Gio.InetSocketAddress.new(Gio.InetAddress.new_any(Gio.SocketFamily.IPV4), port)])
    listener.listen(16)
    listener.connect("incoming", on_incoming)
    listener.set_active(Gsctp.ActiveMode.ACTIVE)
    print("Listening on port %d" % port, flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
