// gsctp from JavaScript (GJS), against kernel SCTP. Any failed assertion
// throws, and gjs exits with an error.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Gsctp from 'gi://Gsctp?version=1.0';
import System from 'system';

Gio._promisify(Gsctp.Socket.prototype, 'associate_async', 'associate_finish');
Gio._promisify(Gsctp.Socket.prototype, 'receive_async', 'receive_finish');
Gio._promisify(Gsctp.Socket.prototype, 'send_async', 'send_finish');

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function newSocket() {
    try {
        return Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET);
    } catch (e) {
        if (e.matches?.(Gsctp.error_quark(), Gsctp.Error.NOT_SUPPORTED) &&
            GLib.getenv('CI') !== 'true') {
            print(`1..0 # SKIP ${e.message}`);
            System.exit(77);
        }
        throw e;
    }
}

const address = (ip, port) => Gio.InetSocketAddress.new_from_string(ip, port);

async function nextData(sock) {
    for (;;) {
        const m = await sock.receive_async(null);
        if (!m.is_event())
            return m;
    }
}

async function main() {
    const server = newSocket();
    server.bind([address('127.0.0.1', 0)]);
    server.listen(4);
    const port = server.get_local_port();

    const changes = [];
    server.connect('association-change', (_s, change) => changes.push(change.state));

    const client = newSocket();
    const change = await client.associate_async([address('127.0.0.1', port)],
        Gsctp.InitMsg.new(5, 0), null);
    assert(change.state === Gsctp.AssocState.COMM_UP, 'comm-up');
    assert(change.outbound_streams === 5, 'five outbound streams');

    const info = Gsctp.SndInfo.new(change.assoc_id, 4, 0x01020304);
    await client.send_async(info, null, new GLib.Bytes(new TextEncoder().encode('hello from gjs')), null);
    const message = await nextData(server);
    assert(new TextDecoder().decode(message.get_data().toArray()) === 'hello from gjs', 'payload');
    assert(new TextDecoder().decode(message.peek_data()) === 'hello from gjs', 'peeked payload');
    assert(message.get_stream() === 4, 'stream');
    assert(message.get_ppid() === 0x01020304, 'ppid in host order');
    assert(changes.includes(Gsctp.AssocState.COMM_UP), 'association-change signal');

    // A handler keeps every message it is given: each stays whole and its
    // own after the emission, while later messages reuse the memory of
    // earlier ones.
    const kept = [];
    await new Promise((resolve, reject) => {
        const id = server.connect('message', (_s, m) => {
            if (!m.is_event())
                kept.push(m);
            if (kept.length === 200) {
                server.disconnect(id);
                resolve();
            }
        });
        GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 10, () => {
            reject(new Error(`${kept.length} of 200 messages`));
            return GLib.SOURCE_REMOVE;
        });
        server.set_active(Gsctp.ActiveMode.ACTIVE);
        for (let i = 0; i < 200; i++) {
            const text = `kept ${i} ${'x'.repeat(i * 7 % 900)}`;
            client.send(Gsctp.SndInfo.new(change.assoc_id, i % 5, i), null,
                new GLib.Bytes(new TextEncoder().encode(text)), null);
        }
    });
    server.set_active(Gsctp.ActiveMode.PASSIVE);
    // In order within each stream; across streams as the stack delivers.
    const ppids = kept.map(m => m.get_ppid()).sort((a, b) => a - b);
    assert(ppids.every((ppid, i) => ppid === i), 'every kept message, once');
    kept.forEach(m => {
        const i = m.get_ppid();
        const text = `kept ${i} ${'x'.repeat(i * 7 % 900)}`;
        assert(m.get_stream() === i % 5, `kept message ${i}: stream`);
        assert(new TextDecoder().decode(m.peek_data()) === text, `kept message ${i}: payload`);
    });

    // ::messages: the same in batches, one emission each, in order; the
    // messages of every batch kept past their emission.
    const batched = [];
    const sizes = [];
    await new Promise((resolve, reject) => {
        const single = server.connect('message', () => reject(new Error('::message emitted')));
        const id = server.connect('messages', (_s, messages) => {
            sizes.push(messages.length);
            batched.push(...messages.filter(m => !m.is_event()));
            if (batched.length === 200) {
                server.disconnect(id);
                server.disconnect(single);
                resolve();
            }
        });
        GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 10, () => {
            reject(new Error(`${batched.length} of 200 messages in batches`));
            return GLib.SOURCE_REMOVE;
        });
        for (let i = 0; i < 200; i++) {
            const text = `batch ${i} ${'y'.repeat(i * 11 % 900)}`;
            client.send(Gsctp.SndInfo.new(change.assoc_id, 0, i), null,
                new GLib.Bytes(new TextEncoder().encode(text)), null);
        }
        server.set_active(Gsctp.ActiveMode.ACTIVE);
    });
    server.set_active(Gsctp.ActiveMode.PASSIVE);
    assert(Math.max(...sizes) > 1, 'batches of more than one');
    batched.forEach((m, i) => {
        const text = `batch ${i} ${'y'.repeat(i * 11 % 900)}`;
        assert(m.get_ppid() === i, `batched message ${i}: in order`);
        assert(new TextDecoder().decode(m.peek_data()) === text, `batched message ${i}: payload`);
    });

    let failed = false;
    try {
        client.send_to_stream(change.assoc_id, 5, new GLib.Bytes(new Uint8Array([1])), null);
    } catch (e) {
        failed = e.matches(Gsctp.error_quark(), Gsctp.Error.INVALID_STREAM);
    }
    assert(failed, 'stream 5 of 5 is a Gsctp.Error');

    client.set_option('sctp_nodelay', 0, true);
    assert(client.get_option('sctp_nodelay', 0) === true, 'option by name');
    assert(client.nodelay === true, 'option as property');
    const status = client.get_status(change.assoc_id);
    assert(status.state === Gsctp.ProtocolState.ESTABLISHED, 'status');

    client.abort(change.assoc_id);
    for (;;) {
        const m = await server.receive_async(null);
        const ac = m.get_assoc_change();
        if (ac && ac.state === Gsctp.AssocState.COMM_LOST) {
            assert(ac.error === 12, 'user-initiated abort');
            break;
        }
    }
    client.close();
    server.close();
}

const loop = new GLib.MainLoop(null, false);
let failure = null;
main().catch(e => {
    failure = e;
}).finally(() => loop.quit());
GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 20, () => {
    failure ??= new Error('timed out');
    loop.quit();
    return GLib.SOURCE_REMOVE;
});
loop.run();
if (failure) {
    printerr(`${failure}\n${failure.stack ?? ''}`);
    System.exit(1);
}
print('gjs: all assertions passed');
