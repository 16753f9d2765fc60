// client.js [HOST] [PORT]: gen_sctp's sctp_client example. Associates with 5
// outbound streams: "Test 0" on stream 0 is sent, "Test 5" on stream 5 fails;
// then aborts the association. Run with: gjs -m client.js
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Gsctp from 'gi://Gsctp?version=1.0';

function report(what, action) {
    try {
        action();
        print(`${what}: ok`);
    } catch (e) {
        print(`${what}: error: ${e.message}`);
    }
}

const [host = 'localhost', portText = '2006'] = ARGV;
const sock = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
const assoc = sock.associate_to_host(host, Number(portText), Gsctp.InitMsg.new(5, 0), 10000, null);
print(`Connection Successful, Assoc=${assoc.assoc_id} outbound-streams=${assoc.outbound_streams} inbound-streams=${assoc.inbound_streams}`);
const bytes = text => new GLib.Bytes(new TextEncoder().encode(text));
report('send "Test 0" on stream 0', () => sock.send_to_stream(assoc.assoc_id, 0, bytes('Test 0'), null));
GLib.usleep(500000);
report('send "Test 5" on stream 5', () => sock.send_to_stream(assoc.assoc_id, 5, bytes('Test 5'), null));
GLib.usleep(500000);
report('abort', () => sock.abort(assoc.assoc_id));
GLib.usleep(500000);
sock.close();
