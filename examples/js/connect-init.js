// connect-init.js HOST1 PORT1 HOST2 PORT2: gen_sctp's connect_init example.
// Starts associations to two peers without blocking, prints each one's
// result and whatever data arrives, and stops after 5 s of silence.
// Run with: gjs -m connect-init.js
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Gsctp from 'gi://Gsctp?version=1.0';
import System from 'system';

if (ARGV.length !== 4) {
    printerr('usage: connect-init.js HOST1 PORT1 HOST2 PORT2');
    System.exit(2);
}
const stateNicks = Object.fromEntries(Object.entries(Gsctp.AssocState)
    .filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k.toLowerCase().replace(/_/g, '-')]));
const loop = new GLib.MainLoop(null, false);
const sock = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
const resolver = Gio.Resolver.get_default();
const peers = new Map();
for (const [n, host, port] of [[1, ARGV[0], ARGV[1]], [2, ARGV[2], ARGV[3]]]) {
    const ip = resolver.lookup_by_name(host, null).find(a => a.get_family() === Gio.SocketFamily.IPV4);
    const assocId = sock.associate_init([Gio.InetSocketAddress.new(ip, Number(port))],
        Gsctp.InitMsg.new(5, 0));
    peers.set(assocId, n);
}
print('Connections initiated');

let silence = 0;
const restartSilence = () => {
    if (silence)
        GLib.source_remove(silence);
    silence = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 5, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
};
sock.connect('message', (_s, message) => {
    restartSilence();
    const n = peers.get(message.get_assoc_id()) ?? 0;
    const change = message.get_assoc_change();
    if (change)
        print(`Association ${n} connect result: ${stateNicks[change.state]}. AssocId: ${change.assoc_id}`);
    else if (!message.is_event())
        print(`Association ${n}: received ${new TextDecoder().decode(message.get_data().toArray())}`);
    else
        print(`Other event ${message.get_event_type()}`);
});
sock.active = Gsctp.ActiveMode.ACTIVE;
restartSilence();
loop.run();
