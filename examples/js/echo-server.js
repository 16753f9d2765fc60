// echo-server.js [PORT]: a one-to-one SCTP server that sends every message
// back to its client, on the stream and with the PPID it came with.
// Run with: gjs -m echo-server.js
//
// Each association is taken with accept_async(), and each connection read
// with receive_async(), as promises.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Gsctp from 'gi://Gsctp?version=1.0';

Gio._promisify(Gsctp.Socket.prototype, 'accept_async', 'accept_finish');
Gio._promisify(Gsctp.Socket.prototype, 'receive_async', 'receive_finish');

async function serve(connection) {
    for (;;) {
        let message;
        try {
            message = await connection.receive_async(null);
        } catch (e) {
            // The association ended (or the socket closed).
            print('Connection ended');
            connection.close();
            return;
        }
        if (message.is_event())
            continue;
        const data = message.get_data();
        const info = Gsctp.SndInfo.new(0, message.get_stream(), message.get_ppid());
        connection.send(info, null, data, null);
        print(`Echoed ${data.get_size()} bytes on stream ${message.get_stream()}`);
    }
}

async function acceptAll(listener) {
    for (;;) {
        const connection = await listener.accept_async(null);
        const [peer] = connection.get_peer_addresses(0);
        print(`Connection from ${peer.get_address().to_string()}:${peer.get_port()}`);
        serve(connection).catch(logError);
    }
}

const port = Number(ARGV[0] ?? '2007');
const listener = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.STREAM);
listener.bind([Gio.InetSocketAddress.new(Gio.InetAddress.new_any(Gio.SocketFamily.IPV4), port)]);
listener.listen(16);
print(`Listening on port ${port}`);
const loop = new GLib.MainLoop(null, false);
acceptAll(listener).catch(e => {
    logError(e);
    loop.quit();
});
loop.run();
