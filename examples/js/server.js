// server.js [HOST] [PORT]: receives SCTP messages and prints them, with their
// stream and PPID, and every event (gen_sctp's sctp_server example).
// Run with: gjs -m server.js
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Gsctp from 'gi://Gsctp?version=1.0';
import System from 'system';

function localAddress(host) {
    if (host === 'any')
        return Gio.InetAddress.new_any(Gio.SocketFamily.IPV4);
    if (host === 'loopback')
        return Gio.InetAddress.new_loopback(Gio.SocketFamily.IPV4);
    return Gio.Resolver.get_default().lookup_by_name(host, null)[0];
}

function describeEvent(message) {
    let text = `event ${eventNick(message.get_event_type())} assoc=${message.get_assoc_id()}`;
    const change = message.get_assoc_change();
    if (change)
        text += ` state=${stateNick(change.state)} error=${change.error} outbound-streams=${change.outbound_streams} inbound-streams=${change.inbound_streams}`;
    const paddr = message.get_peer_addr_change();
    if (paddr)
        text += ` address=${paddr.address.to_string()}`;
    return text;
}

const eventNicks = Object.fromEntries(Object.entries(Gsctp.EventType)
    .filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k.toLowerCase().replace(/_/g, '-')]));
const stateNicks = Object.fromEntries(Object.entries(Gsctp.AssocState)
    .filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k.toLowerCase().replace(/_/g, '-')]));
const eventNick = v => eventNicks[v] ?? `${v}`;
const stateNick = v => stateNicks[v] ?? `${v}`;

const [host = 'any', portText = '2006'] = ARGV;
const port = Number(portText);
const ip = localAddress(host);
print(`${host} -> ${ip.to_string()}`);
const sock = Gsctp.Socket.new(ip.get_family(), Gsctp.SocketType.SEQPACKET);
sock.receive_buffer_size = 65536;
sock.bind([Gio.InetSocketAddress.new(ip, port)]);
sock.listen(1);
print(`Listening on ${ip.to_string()}:${port}`);
for (;;) {
    let message;
    try {
        message = sock.receive(-1, null);
    } catch (e) {
        print(`SCTP RECV ERROR: ${e.message}`);
        System.exit(1);
    }
    if (message.is_event()) {
        print(`Received: ${describeEvent(message)}`);
        continue;
    }
    const info = message.get_info();
    const text = new TextDecoder().decode(message.get_data().toArray());
    print(`Received: "${text}" from ${message.get_address().to_string()} assoc=${info.assoc_id} stream=${info.stream} ppid=${info.ppid}`);
}
