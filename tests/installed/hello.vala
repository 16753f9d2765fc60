/* Compiled with --pkg gsctp-1 from the installed VAPI.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
int main () {
    try {
        var server = new Gsctp.Socket (GLib.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
        server.bind ({ new GLib.InetSocketAddress.from_string ("127.0.0.1", 0) });
        server.listen (1);
        var client = new Gsctp.Socket (GLib.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
        var assoc = client.associate ({ new GLib.InetSocketAddress.from_string ("127.0.0.1", server.get_local_port ()) },
                                      null, 5000, null);
        client.send_to_stream (assoc.assoc_id, 0, new GLib.Bytes ("installed".data), null);
        var message = server.receive (5000, null);
        while (message.is_event ())
            message = server.receive (5000, null);
        assert (message.get_data ().length == 9);
    } catch (GLib.Error e) {
        GLib.error ("%s", e.message);
    }
    stdout.printf ("vala: ok\n");
    return 0;
}
