/* connect-init.vala HOST1 PORT1 HOST2 PORT2: gen_sctp's connect_init
 * example. Starts associations to two peers without blocking, prints each
 * one's result and whatever data arrives, and stops after 5 s of silence.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

int main (string[] args) {
    if (args.length != 5) {
        stderr.printf ("usage: connect-init HOST1 PORT1 HOST2 PORT2\n");
        return 2;
    }
    var loop = new GLib.MainLoop ();
    var peers = new GLib.HashTable<int, int> (null, null);
    try {
        var sock = new Gsctp.Socket (GLib.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
        var resolver = GLib.Resolver.get_default ();
        for (int n = 1; n <= 2; n++) {
            GLib.InetAddress? ip = null;
            foreach (var a in resolver.lookup_by_name (args[2 * n - 1], null))
                if (ip == null && a.get_family () == GLib.SocketFamily.IPV4)
                    ip = a;
            var id = sock.associate_init ({ new GLib.InetSocketAddress (ip, (uint16) int.parse (args[2 * n])) },
                                          new Gsctp.InitMsg (5, 0));
            peers.insert ((int) id, n);
        }
        stdout.printf ("Connections initiated\n");
        uint silence = 0;
        sock.message.connect ((message) => {
            GLib.Source.remove (silence);
            silence = GLib.Timeout.add_seconds (5, () => { loop.quit (); return GLib.Source.REMOVE; });
            var n = peers.lookup ((int) message.get_assoc_id ());
            unowned Gsctp.AssocChange? change = message.get_assoc_change ();
            if (change != null) {
                var klass = (GLib.EnumClass) typeof (Gsctp.AssocState).class_ref ();
                stdout.printf ("Association %d connect result: %s. AssocId: %d\n", n,
                               klass.get_value (change.state).value_nick, change.assoc_id);
            } else if (!message.is_event ()) {
                stdout.printf ("Association %d: received %u bytes\n", n, message.get_data ().length);
            }
            stdout.flush ();
        });
        sock.active = Gsctp.ActiveMode.ACTIVE;
        silence = GLib.Timeout.add_seconds (5, () => { loop.quit (); return GLib.Source.REMOVE; });
        loop.run ();
    } catch (GLib.Error e) {
        stderr.printf ("connect-init: %s\n", e.message);
        return 1;
    }
    return 0;
}
