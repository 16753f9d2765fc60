/* echo-server.vala [PORT]: a one-to-one SCTP server that sends every
 * message back to its client, on the stream and with the PPID it came
 * with.
 *
 * Each association is taken with accept_async (), and each connection
 * read with receive_async (), with yield.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

async void serve (Gsctp.Socket connection) {
    while (true) {
        Gsctp.Message message;
        try {
            message = yield connection.receive_async (null);
        } catch (GLib.Error e) {
            /* The association ended (or the socket closed). */
            stdout.printf ("Connection ended\n");
            stdout.flush ();
            try {
                connection.close ();
            } catch (GLib.Error ignored) {
            }
            return;
        }
        if (message.is_event ())
            continue;
        var info = new Gsctp.SndInfo (0, message.get_stream (), message.get_ppid ());
        try {
            connection.send (info, null, message.get_data (), null);
            stdout.printf ("Echoed %u bytes on stream %u\n", (uint) message.get_data ().get_size (),
                           message.get_stream ());
            stdout.flush ();
        } catch (GLib.Error e) {
            stdout.printf ("Could not echo: %s\n", e.message);
        }
    }
}

async void accept_all (Gsctp.Socket listener, GLib.MainLoop loop) {
    while (true) {
        try {
            var connection = yield listener.accept_async (null);
            var peer = (GLib.InetSocketAddress) connection.get_peer_addresses (0).data;
            stdout.printf ("Connection from %s:%u\n", peer.address.to_string (), peer.port);
            stdout.flush ();
            serve.begin (connection);
        } catch (GLib.Error e) {
            stderr.printf ("%s\n", e.message);
            loop.quit ();
            return;
        }
    }
}

int main (string[] args) {
    var port = (uint16) (args.length > 1 ? int.parse (args[1]) : 2007);
    var loop = new GLib.MainLoop ();
    try {
        var listener = new Gsctp.Socket (GLib.SocketFamily.IPV4, Gsctp.SocketType.STREAM);
        var any = new GLib.InetAddress.any (GLib.SocketFamily.IPV4);
        listener.bind ({ new GLib.InetSocketAddress (any, port) });
        listener.listen (16);
        stdout.printf ("Listening on port %u\n", port);
        stdout.flush ();
        accept_all.begin (listener, loop);
    } catch (GLib.Error e) {
        stderr.printf ("%s\n", e.message);
        return 1;
    }
    loop.run ();
    return 0;
}
