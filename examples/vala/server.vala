/* server.vala [HOST] [PORT]: receives SCTP messages and prints them, with
 * their stream and PPID, and every event (gen_sctp's sctp_server example).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

static string nick (GLib.Type type, int value) {
    var klass = (GLib.EnumClass) type.class_ref ();
    return klass.get_value (value).value_nick;
}

static GLib.InetAddress local_address (string host) throws GLib.Error {
    if (host == "any")
        return new GLib.InetAddress.any (GLib.SocketFamily.IPV4);
    if (host == "loopback")
        return new GLib.InetAddress.loopback (GLib.SocketFamily.IPV4);
    return GLib.Resolver.get_default ().lookup_by_name (host, null).data;
}

int main (string[] args) {
    var host = args.length > 1 ? args[1] : "any";
    var port = (uint16) (args.length > 2 ? int.parse (args[2]) : 2006);
    try {
        var ip = local_address (host);
        stdout.printf ("%s -> %s\n", host, ip.to_string ());
        var sock = new Gsctp.Socket (ip.get_family (), Gsctp.SocketType.SEQPACKET);
        sock.receive_buffer_size = 65536;
        sock.bind ({ new GLib.InetSocketAddress (ip, port) });
        sock.listen (1);
        stdout.printf ("Listening on %s:%u\n", ip.to_string (), port);
        stdout.flush ();
        for (;;) {
            var message = sock.receive (-1, null);
            if (message.is_event ()) {
                var text = "event %s assoc=%d".printf (nick (typeof (Gsctp.EventType), message.get_event_type ()),
                                                       message.get_assoc_id ());
                unowned Gsctp.AssocChange? change = message.get_assoc_change ();
                if (change != null)
                    text += " state=%s error=%u outbound-streams=%u inbound-streams=%u".printf (
                        nick (typeof (Gsctp.AssocState), change.state), change.error,
                        change.outbound_streams, change.inbound_streams);
                stdout.printf ("Received: %s\n", text);
            } else {
                unowned Gsctp.RcvInfo info = message.get_info ();
                var data = message.get_data ();
                stdout.printf ("Received: \"%.*s\" from %s assoc=%d stream=%u ppid=%u\n",
                               (int) data.length, (string) data.get_data (),
                               message.get_address ().to_string (), info.assoc_id, info.stream, info.ppid);
            }
            stdout.flush ();
        }
    } catch (GLib.Error e) {
        stdout.printf ("SCTP RECV ERROR: %s\n", e.message);
        return 1;
    }
}
