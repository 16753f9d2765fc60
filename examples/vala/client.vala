/* client.vala [HOST] [PORT]: gen_sctp's sctp_client example. Associates
 * with 5 outbound streams: "Test 0" on stream 0 is sent, "Test 5" on stream
 * 5 fails; then aborts the association.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

delegate void Action () throws GLib.Error;

static void report (string what, Action action) {
    try {
        action ();
        stdout.printf ("%s: ok\n", what);
    } catch (GLib.Error e) {
        stdout.printf ("%s: error: %s\n", what, e.message);
    }
    stdout.flush ();
}

int main (string[] args) {
    var host = args.length > 1 ? args[1] : "localhost";
    var port = (uint16) (args.length > 2 ? int.parse (args[2]) : 2006);
    try {
        var sock = new Gsctp.Socket (GLib.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
        var assoc = sock.associate_to_host (host, port, new Gsctp.InitMsg (5, 0), 10000, null);
        stdout.printf ("Connection Successful, Assoc=%d outbound-streams=%u inbound-streams=%u\n",
                       assoc.assoc_id, assoc.outbound_streams, assoc.inbound_streams);
        report ("send \"Test 0\" on stream 0",
                () => { sock.send_to_stream (assoc.assoc_id, 0, new GLib.Bytes ("Test 0".data), null); });
        GLib.Thread.usleep (500000);
        report ("send \"Test 5\" on stream 5",
                () => { sock.send_to_stream (assoc.assoc_id, 5, new GLib.Bytes ("Test 5".data), null); });
        GLib.Thread.usleep (500000);
        report ("abort", () => { sock.abort (assoc.assoc_id); });
        GLib.Thread.usleep (500000);
        sock.close ();
    } catch (GLib.Error e) {
        stderr.printf ("client: %s\n", e.message);
        return 1;
    }
    return 0;
}
