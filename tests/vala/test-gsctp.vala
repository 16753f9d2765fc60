/* gsctp from Vala, against kernel SCTP: compiled against the generated
 * VAPI; any failed assertion aborts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

static Gsctp.Socket new_socket () throws GLib.Error {
    try {
        return new Gsctp.Socket (GLib.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
    } catch (Gsctp.Error.NOT_SUPPORTED e) {
        if (GLib.Environment.get_variable ("CI") != "true") {
            stdout.printf ("1..0 # SKIP %s\n", e.message);
            GLib.Process.exit (77);
        }
        throw e;
    }
}

static async void run (GLib.MainLoop loop) {
    try {
        var server = new_socket ();
        server.bind ({ new GLib.InetSocketAddress.from_string ("127.0.0.1", 0) });
        server.listen (4);
        var port = server.get_local_port ();

        var states = new GLib.GenericArray<Gsctp.AssocState> ();
        server.association_change.connect ((change) => { states.add (change.state); });

        var client = new_socket ();
        var init = new Gsctp.InitMsg (5, 0);
        var change = yield client.associate_async ({ new GLib.InetSocketAddress.from_string ("127.0.0.1", port) },
                                                   init, null);
        assert (change.state == Gsctp.AssocState.COMM_UP);
        assert (change.outbound_streams == 5);

        var info = new Gsctp.SndInfo (change.assoc_id, 2, 4242);
        client.send (info, null, new GLib.Bytes ("hello from vala".data), null);
        Gsctp.Message message = yield server.receive_async (null);
        while (message.is_event ())
            message = yield server.receive_async (null);
        assert (message.get_data ().compare (new GLib.Bytes ("hello from vala".data)) == 0);
        assert (new GLib.Bytes (message.peek_data ()).compare (new GLib.Bytes ("hello from vala".data)) == 0);
        assert (message.get_stream () == 2);
        assert (message.get_ppid () == 4242);
        bool up = false;
        states.foreach ((s) => { up = up || s == Gsctp.AssocState.COMM_UP; });
        assert (up);

        try {
            client.send_to_stream (change.assoc_id, 5, new GLib.Bytes ({ 1 }), null);
            assert_not_reached ();
        } catch (Gsctp.Error.INVALID_STREAM e) {
        }

        client.nodelay = true;
        assert (client.nodelay);
        var status = client.get_status (change.assoc_id);
        assert (status.state == Gsctp.ProtocolState.ESTABLISHED);

        /* gen_sctp's eof: the method, beside the peer's ::shutdown signal
         * (shutdown_received in Vala). */
        var ended = false;
        server.association_change.connect ((change) => {
            ended = ended || change.state == Gsctp.AssocState.SHUTDOWN_COMP;
        });
        client.shutdown_received.connect ((event) => { });
        assert (client.shutdown (change.assoc_id));
        for (var i = 0; i < 100 && !ended; i++) {
            try {
                server.receive (50, null);
            } catch (GLib.IOError.TIMED_OUT e) {
            }
        }
        assert (ended);
        client.close ();
        server.close ();
    } catch (GLib.Error e) {
        GLib.error ("%s", e.message);
    }
    loop.quit ();
}

int main () {
    var loop = new GLib.MainLoop ();
    run.begin (loop);
    GLib.Timeout.add_seconds (20, () => { GLib.error ("timed out"); });
    loop.run ();
    stdout.printf ("vala: all assertions passed\n");
    return 0;
}
