# gsctp from Python (PyGObject), against kernel SCTP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os

import gi
import pytest

gi.require_version("Gsctp", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib, GObject, Gsctp  # noqa: E402


def new_socket(family=Gio.SocketFamily.IPV4, kind=Gsctp.SocketType.SEQPACKET):
    try:
        return Gsctp.Socket.new(family, kind)
    except GLib.Error as e:
        if e.matches(Gsctp.error_quark(), Gsctp.Error.NOT_SUPPORTED):
            if os.environ.get("CI") == "true":
                pytest.fail("no kernel SCTP in CI: " + e.message)
            pytest.skip(e.message + " (or run the tests with tools/sctp-run)")
        raise


def address(ip, port):
    return Gio.InetSocketAddress.new_from_string(ip, port)


def server():
    s = new_socket()
    s.bind([address("127.0.0.1", 0)])
    s.listen(8)
    return s


def receive_data(sock, timeout=10000):
    while True:
        m = sock.receive(timeout, None)
        if not m.is_event():
            return m


@pytest.fixture
def pair():
    srv = server()
    cli = new_socket()
    change = cli.associate([address("127.0.0.1", srv.get_local_port())],
                         Gsctp.InitMsg.new(5, 0), 10000, None)
    yield srv, cli, change
    cli.close()
    srv.close()


def test_error_string():
    assert Gsctp.cause_string(12) == "User-Initiated Abort"
    assert Gsctp.cause_string(0xFFFF) is None


@pytest.mark.kernel_only
def test_bind_several_addresses():
    s = new_socket()
    s.bind([address("127.0.0.1", 0), address("127.0.0.2", 0)])
    port = s.get_local_port()
    locals_ = s.get_local_addresses(0)
    assert sorted(a.get_address().to_string() for a in locals_) == ["127.0.0.1", "127.0.0.2"]
    assert all(a.get_port() == port for a in locals_)


def test_dup_gsocket():
    s = new_socket()
    if os.environ.get("GSCTP_BACKEND") == "userland":
        with pytest.raises(GLib.Error) as e:
            s.dup_gsocket()
        assert e.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_SUPPORTED)
        return
    g = s.dup_gsocket()
    assert g.get_protocol() == Gio.SocketProtocol.SCTP
    assert g.get_fd() != s.get_fd()
    # The same kernel socket: an option set on the GSocket is the socket's.
    g.set_option(1, 7, 50000)  # SOL_SOCKET, SO_SNDBUF; Linux doubles it
    assert s.props.send_buffer_size == 100000
    s.close()
    assert g.get_option(1, 7).value == 100000


def test_round_trip(pair):
    srv, cli, change = pair
    assert change.state == Gsctp.AssocState.COMM_UP
    assert change.outbound_streams == 5
    info = Gsctp.SndInfo.new(change.assoc_id, 3, 0xDEADBEEF)
    info.flags = Gsctp.SendFlags.UNORDERED
    cli.send(info, None, GLib.Bytes.new(b"hello from python"), None)
    m = receive_data(srv)
    assert m.peek_data() == b"hello from python"
    assert m.get_data().get_data() == b"hello from python"
    assert m.get_stream() == 3
    assert m.get_ppid() == 0xDEADBEEF
    assert m.get_info().flags & Gsctp.ReceiveFlags.UNORDERED
    assert m.get_address().get_port() == cli.get_local_addresses(change.assoc_id)[0].get_port()


def test_large_message(pair):
    srv, cli, change = pair
    payload = bytes(range(256)) * 1024        # 256 KiB
    srv.props.receive_buffer_size = 1 << 20
    cli.props.send_buffer_size = 1 << 20
    cli.send(Gsctp.SndInfo.new(change.assoc_id, 0, 1), None, GLib.Bytes.new(payload), None)
    m = receive_data(srv)
    assert m.peek_data() == payload
    assert m.get_data().get_data() == payload


def test_send_to_stream_follows_default_send_param(pair):
    srv, cli, change = pair
    for ppid in (7, 8):
        cli.set_default_send_param(Gsctp.SndInfo.new(change.assoc_id, 0, ppid))
        cli.send_to_stream(change.assoc_id, 1, GLib.Bytes.new(b"defaults"), None)
        m = receive_data(srv)
        assert (m.get_stream(), m.get_ppid()) == (1, ppid)


def test_invalid_stream_is_a_gsctp_error(pair):
    _, cli, change = pair
    with pytest.raises(GLib.Error) as raised:
        cli.send_to_stream(change.assoc_id, 5, GLib.Bytes.new(b"Test 5"), None)
    assert raised.value.matches(Gsctp.error_quark(), Gsctp.Error.INVALID_STREAM)


def test_receive_timeout():
    srv = server()
    with pytest.raises(GLib.Error) as raised:
        srv.receive(100, None)
    assert raised.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT)


def test_async_connect_send_receive():
    srv = server()
    cli = new_socket()
    loop = GLib.MainLoop()
    got = {}

    def received(sock, result):
        m = sock.receive_finish(result)
        if m.is_event():
            sock.receive_async(None, received)
            return
        got["data"] = m.get_data().get_data()
        loop.quit()

    def sent(sock, result):
        got["sent"] = sock.send_finish(result)

    def connected(sock, result):
        change = sock.associate_to_host_finish(result)
        got["change"] = change
        sock.send_async(Gsctp.SndInfo.new(change.assoc_id, 0, 7), None,
                        GLib.Bytes.new(b"async"), None, sent)

    srv.receive_async(None, received)
    cli.associate_to_host_async("localhost", srv.get_local_port(), None, None, connected)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    assert got["change"].state == Gsctp.AssocState.COMM_UP
    assert got["sent"] is True
    assert got["data"] == b"async"


def test_send_async_burst(pair):
    """Sends made in one dispatch go together, after the first: held until
    the dispatch ends (or a batch of 16 is full), then all, in order."""
    srv, cli, change = pair
    context = GLib.MainContext.default()
    got = {"completed": 0}

    def sent(sock, result):
        assert sock.send_finish(result)
        got["completed"] += 1

    def burst():
        for i in range(40):
            cli.send_async(Gsctp.SndInfo.new(change.assoc_id, 1, i), None,
                           GLib.Bytes.new(b"burst %03d" % i), None,
                           sent if i % 2 else None)
        got["held"] = cli.get_statistics().pending_bytes
        return GLib.SOURCE_REMOVE

    GLib.idle_add(burst)
    while "held" not in got or got["completed"] < 20:
        context.iteration(True)
    assert got["held"] == 7 * len(b"burst 000")
    assert cli.get_statistics().pending_bytes == 0
    for i in range(40):
        m = srv.receive(10000, None)
        while m.is_event():
            m = srv.receive(10000, None)
        assert m.get_data().get_data() == b"burst %03d" % i
        assert m.get_ppid() == i


def test_events_as_signals_and_messages(pair):
    srv, cli, change = pair
    seen = []
    srv.connect("association-change", lambda s, c: seen.append(c.state))
    cli.shutdown(change.assoc_id)
    kinds = []
    while Gsctp.AssocState.SHUTDOWN_COMP not in seen:
        m = srv.receive(10000, None)
        assert m.is_event()
        kinds.append(m.get_event_type())
    assert Gsctp.EventType.SHUTDOWN in kinds
    assert Gsctp.AssocState.COMM_UP in seen


def test_abort_and_check_error(pair):
    srv, cli, change = pair
    cli.abort(change.assoc_id)
    while True:
        m = srv.receive(10000, None)
        ac = m.get_assoc_change()
        if ac is not None and ac.state == Gsctp.AssocState.COMM_LOST:
            break
    assert ac.error == 12
    assert m.check_error() is True        # comm-lost is not one of gen_sctp's {error, ...}
    with pytest.raises(GLib.Error) as raised:
        cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"late"), None)
    assert raised.value.matches(Gsctp.error_quark(), Gsctp.Error.NO_ASSOCIATION)


def test_send_many(pair):
    srv, cli, change = pair
    info = Gsctp.SndInfo.new(change.assoc_id, 2, 9)
    messages = [GLib.Bytes.new(b"many %d" % i) for i in range(50)]
    ok, n_sent = cli.send_many(info, None, messages, None)
    assert ok and n_sent == 50
    for i in range(50):
        m = receive_data(srv)
        assert m.peek_data() == b"many %d" % i
        assert m.get_stream() == 2 and m.get_ppid() == 9
    # A stream the association does not have: nothing sent, a Gsctp.Error.
    with pytest.raises(GLib.Error) as raised:
        cli.send_many(Gsctp.SndInfo.new(change.assoc_id, 7, 0), None, messages, None)
    assert raised.value.matches(Gsctp.error_quark(), Gsctp.Error.INVALID_STREAM)


def test_receive_many(pair):
    srv, cli, change = pair
    info = Gsctp.SndInfo.new(change.assoc_id, 1, 4)
    ok, n_sent = cli.send_many(info, None, [GLib.Bytes.new(b"m %d" % i) for i in range(40)], None)
    assert ok and n_sent == 40
    got = []
    largest = 0
    while len(got) < 40:
        messages = srv.receive_many(16, 10000, None)
        assert 1 <= len(messages) <= 16
        largest = max(largest, len(messages))
        got += [m.peek_data() for m in messages if not m.is_event()]
    assert got == [b"m %d" % i for i in range(40)]
    # Sent before the first receive: more than one per call.
    assert largest > 1
    with pytest.raises(GLib.Error) as raised:
        srv.receive_many(16, 0, None)
    assert raised.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.WOULD_BLOCK)
    with pytest.raises(GLib.Error) as raised:
        srv.receive_many(0, 0, None)
    assert raised.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.INVALID_ARGUMENT)


def test_message_kept_from_handler(pair):
    # A handler keeps every message it is given: each must stay whole and
    # its own after the emission, while later messages reuse the memory
    # of earlier ones.
    srv, cli, change = pair
    loop = GLib.MainLoop()
    kept = []

    def on_message(sock, message):
        if not message.is_event():
            kept.append(message)
            if len(kept) == 200:
                loop.quit()

    srv.connect("message", on_message)
    srv.set_active(Gsctp.ActiveMode.ACTIVE)
    for i in range(200):
        info = Gsctp.SndInfo.new(change.assoc_id, i % 5, i)
        cli.send(info, None, GLib.Bytes.new(b"kept %d " % i + b"x" * (i * 7 % 900)), None)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    srv.set_active(Gsctp.ActiveMode.PASSIVE)
    # In order within each stream; across streams as the stack delivers.
    assert sorted(m.get_ppid() for m in kept) == list(range(200))
    for message in kept:
        i = message.get_ppid()
        assert message.get_stream() == i % 5
        assert message.peek_data() == b"kept %d " % i + b"x" * (i * 7 % 900)


def test_messages_in_batches_kept(pair):
    # ::messages: what ::message would give, a batch per emission, in
    # order; the handler keeps the messages of every batch, which stay
    # whole after their emission while later ones reuse the memory.
    srv, cli, change = pair
    loop = GLib.MainLoop()
    kept = []
    batches = []
    singles = []

    def on_messages(sock, messages):
        batches.append(len(messages))
        kept.extend(m for m in messages if not m.is_event())
        if len(kept) == 200:
            loop.quit()

    srv.connect("messages", on_messages)
    srv.connect("message", lambda sock, message: singles.append(message))
    for i in range(200):
        info = Gsctp.SndInfo.new(change.assoc_id, 0, i)
        cli.send(info, None, GLib.Bytes.new(b"batch %d " % i + b"y" * (i * 11 % 900)), None)
    srv.set_active(Gsctp.ActiveMode.ACTIVE)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    srv.set_active(Gsctp.ActiveMode.PASSIVE)
    assert singles == []
    assert max(batches) > 1
    assert [m.get_ppid() for m in kept] == list(range(200))
    for message in kept:
        i = message.get_ppid()
        assert message.peek_data() == b"batch %d " % i + b"y" * (i * 11 % 900)


def test_active_mode(pair):
    srv, cli, change = pair
    loop = GLib.MainLoop()
    data = []
    passive = []

    emitted = []

    def on_message(sock, message):
        emitted.append(message)
        if not message.is_event():
            data.append(message.get_data().get_data())

    srv.connect("message", on_message)
    srv.connect("passive", lambda s: (passive.append(True), loop.quit()))
    for i in range(3):
        cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"m%d" % i), None)
    srv.set_active_count(4)         # comm-up, and what follows
    assert srv.props.active == Gsctp.ActiveMode.COUNT
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    assert len(emitted) == 4
    assert passive == [True]
    assert srv.props.active == Gsctp.ActiveMode.PASSIVE
    # Events on the way (a stack may confirm the peer's address) count
    # too; what the count left is kept, in order, for receive.
    while len(data) < 3:
        data.append(receive_data(srv).get_data().get_data())
    assert data == [b"m0", b"m1", b"m2"]


def test_active_nested_loop(pair):
    """A ::message handler that runs the main loop inside it (as a script
    waiting for something else does) sees no later message of the socket
    meanwhile, does not spin on it, and the rest comes in order after."""
    srv, cli, change = pair
    context = GLib.MainContext.default()
    loop = GLib.MainLoop()
    n = 3 * 64
    data = []
    nested = []

    def on_message(sock, message):
        if message.is_event():
            return
        data.append(message.get_data().get_data())
        if not nested:
            dispatches = 0
            while dispatches < 1000 and context.iteration(False):
                dispatches += 1
            nested.append((dispatches, len(data)))
        if len(data) == n:
            loop.quit()

    for i in range(n):
        cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"nested %d" % i), None)
    srv.connect("message", on_message)
    srv.set_active(Gsctp.ActiveMode.ACTIVE)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    srv.set_active(Gsctp.ActiveMode.PASSIVE)
    dispatches, seen_inside = nested[0]
    assert dispatches < 1000
    assert seen_inside == 1
    assert data == [b"nested %d" % i for i in range(n)]


def test_options(pair):
    srv, cli, change = pair
    cli.set_option("sctp_nodelay", 0, True)
    assert cli.get_option("sctp_nodelay", 0) is True
    assert cli.props.nodelay is True
    cli.props.autoclose = 30
    assert cli.get_option("sctp_autoclose", 0) == 30
    status = cli.get_option("sctp_status", change.assoc_id)
    assert status.state == Gsctp.ProtocolState.ESTABLISHED
    assert status.outbound_streams == 5
    assert status.primary.address.get_port() == srv.get_local_port()
    rto = Gsctp.RtoInfo.new(change.assoc_id)
    rto.min, rto.max, rto.initial = 200, 2000, 400
    cli.set_option("sctp_rtoinfo", 0, rto)
    back = cli.get_rto_info(change.assoc_id)
    assert (back.min, back.max, back.initial) == (200, 2000, 400)
    events = cli.get_option("sctp_events", 0)
    assert events & Gsctp.EventMask.ASSOC_CHANGE
    assert cli.get_subscribed(Gsctp.EventType.SENDER_DRY, 0) is False
    assert cli.get_linger() == -1
    with pytest.raises(GLib.Error):
        cli.get_option("no_such_option", 0)


def test_peeloff(pair):
    srv, cli, change = pair
    cli.send_to_stream(change.assoc_id, 1, GLib.Bytes.new(b"first"), None)
    first = receive_data(srv)
    peeled = srv.peeloff(first.get_assoc_id())
    assert peeled.props.socket_type == Gsctp.SocketType.STREAM
    cli.send_to_stream(change.assoc_id, 2, GLib.Bytes.new(b"second"), None)
    m = receive_data(peeled)
    assert m.get_data().get_data() == b"second" and m.get_stream() == 2
    peeled.send_to_stream(0, 0, GLib.Bytes.new(b"back"), None)
    assert receive_data(cli).get_data().get_data() == b"back"


def test_close_wakes_async_receive():
    srv = server()
    loop = GLib.MainLoop()
    errors = []

    def received(sock, result):
        try:
            sock.receive_finish(result)
        except GLib.Error as e:
            errors.append(e)
        loop.quit()

    srv.receive_async(None, received)
    srv.close()
    GLib.timeout_add_seconds(5, loop.quit)
    loop.run()
    assert errors and errors[0].matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED)


def one_to_one_pair():
    srv = new_socket(kind=Gsctp.SocketType.STREAM)
    srv.bind([address("127.0.0.1", 0)])
    srv.listen(8)
    cli = new_socket(kind=Gsctp.SocketType.STREAM)
    cli.associate([address("127.0.0.1", srv.get_local_port())], None, 10000, None)
    return srv, cli


def test_accept():
    srv, cli = one_to_one_pair()
    conn = srv.accept(10000, None)
    assert conn.props.socket_type == Gsctp.SocketType.STREAM
    cli.send(Gsctp.SndInfo.new(0, 2, 99), None, GLib.Bytes.new(b"request"), None)
    m = receive_data(conn)
    assert (m.get_data().get_data(), m.get_stream(), m.get_ppid()) == (b"request", 2, 99)
    conn.send_to_stream(0, 0, GLib.Bytes.new(b"reply"), None)
    assert receive_data(cli).get_data().get_data() == b"reply"
    with pytest.raises(GLib.Error) as raised:
        srv.accept(0, None)
    assert raised.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.WOULD_BLOCK)
    with pytest.raises(GLib.Error) as raised:
        srv.receive(0, None)
    assert raised.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_CONNECTED)


def test_accept_async():
    srv = new_socket(kind=Gsctp.SocketType.STREAM)
    srv.bind([address("127.0.0.1", 0)])
    srv.listen(8)
    loop = GLib.MainLoop()
    got = []

    def accepted(sock, result):
        got.append(sock.accept_finish(result))
        loop.quit()

    srv.accept_async(None, accepted)
    cli = new_socket(kind=Gsctp.SocketType.STREAM)
    cli.associate([address("127.0.0.1", srv.get_local_port())], None, 10000, None)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    assert len(got) == 1
    cli.send_to_stream(0, 0, GLib.Bytes.new(b"async"), None)
    assert receive_data(got[0]).get_data().get_data() == b"async"


def test_incoming_keeps_the_connection():
    srv = new_socket(kind=Gsctp.SocketType.STREAM)
    srv.bind([address("127.0.0.1", 0)])
    srv.listen(8)
    loop = GLib.MainLoop()
    connections = []
    received = []

    def on_message(conn, message):
        if not message.is_event():
            received.append(message.get_data().get_data())
            loop.quit()

    def on_incoming(listener, conn):
        # The handler's reference keeps the connection open.
        connections.append(conn)
        conn.connect("message", on_message)

    srv.connect("incoming", on_incoming)
    srv.set_active(Gsctp.ActiveMode.ACTIVE)
    cli = new_socket(kind=Gsctp.SocketType.STREAM)
    cli.associate([address("127.0.0.1", srv.get_local_port())], None, 10000, None)
    cli.send_to_stream(0, 0, GLib.Bytes.new(b"to the handler"), None)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    assert len(connections) == 1
    assert received == [b"to the handler"]
    assert connections[0].get_active() == Gsctp.ActiveMode.ACTIVE


def test_associations_and_counters(pair):
    srv, cli, change = pair
    assert cli.get_associations() == [change.assoc_id]
    for i in range(5):
        cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"x" * (i + 1)), None)
    for i in range(5):
        receive_data(srv)
    sent, received = cli.get_statistics(), srv.get_statistics()
    assert (sent.messages_sent, sent.bytes_sent, sent.largest_sent) == (5, 15, 5)
    assert (received.messages_received, received.bytes_received) == (5, 15)


@pytest.mark.kernel_only
def test_assoc_stats(pair):
    srv, cli, change = pair
    cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"counted"), None)
    receive_data(srv)
    stats = cli.get_assoc_stats(change.assoc_id)
    assert stats.assoc_id == change.assoc_id
    assert stats.ordered_chunks_sent >= 1 and stats.packets_sent > 0
    assert stats.retransmitted_chunks == 0


def test_pr_policy_per_message_and_status(pair):
    srv, cli, change = pair
    info = Gsctp.SndInfo.new(change.assoc_id, 1, 5)
    info.pr_policy = Gsctp.PrPolicy.RTX
    info.pr_value = 3
    cli.send(info, None, GLib.Bytes.new(b"limited"), None)
    assert receive_data(srv).get_data().get_data() == b"limited"
    ok, unsent, sent = cli.get_pr_status(change.assoc_id, -1, Gsctp.PrPolicy.NONE)
    assert ok and (unsent, sent) == (0, 0)


def test_next_info(pair):
    srv, cli, change = pair
    srv.props.receive_next_info = True
    for ppid in (40, 41):
        cli.send(Gsctp.SndInfo.new(change.assoc_id, 1, ppid), None, GLib.Bytes.new(b"next"), None)
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + 300000
    while GLib.get_monotonic_time() < deadline:
        context.iteration(False)
    first, second = receive_data(srv), receive_data(srv)
    nxt = first.get_next_info()
    assert (nxt.ppid, nxt.stream, nxt.length, nxt.is_event) == (41, 1, 4, False)
    assert second.get_next_info() is None


@pytest.mark.kernel_only
def test_path_thresholds():
    sock = new_socket()
    thresholds = Gsctp.PeerAddrThresholds.new(0, None)
    thresholds.path_max_retransmissions = 4
    thresholds.pf_threshold = 0
    sock.set_peer_addr_thresholds(thresholds)
    read = sock.get_peer_addr_thresholds(0, None)
    assert (read.path_max_retransmissions, read.pf_threshold) == (4, 0)
    sock.props.expose_potentially_failed = True
    assert sock.props.expose_potentially_failed is True


@pytest.mark.kernel_only
def test_unbind_needs_another_address():
    sock = new_socket()
    sock.bind([address("127.0.0.1", 0), address("127.0.0.2", 0)])
    port = sock.get_local_port()
    sock.unbind([address("127.0.0.2", port)])
    assert [a.get_address().to_string() for a in sock.get_local_addresses(0)] == ["127.0.0.1"]
    with pytest.raises(GLib.Error):
        sock.unbind([address("127.0.0.1", port)])


def test_auth_shared_key():
    def authenticated(sock):
        sock.props.auth_supported = True
        sock.add_auth_chunk(0)
        sock.set_auth_key(0, 1, GLib.Bytes.new(b"python secret"))
        sock.set_active_key(0, 1)
        return sock

    srv = authenticated(server())
    cli = authenticated(new_socket())
    change = cli.associate([address("127.0.0.1", srv.get_local_port())], None, 10000, None)
    cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"signed"), None)
    assert receive_data(srv).get_data().get_data() == b"signed"
    assert 0 in cli.get_auth_chunks(change.assoc_id, True).get_data()
    ok, key = cli.get_active_key(change.assoc_id)
    assert key == 1
    with pytest.raises(GLib.Error) as raised:
        cli.set_active_key(change.assoc_id, 42)
    assert "SCTP_AUTH_ACTIVE_KEY" in raised.value.message


def test_associate_to_connectable():
    srv = server()
    cli = new_socket()
    target = Gio.NetworkAddress.parse("127.0.0.1:%d" % srv.get_local_port(), 0)
    change = cli.associate_to_connectable(target, None, 10000, None)
    assert change.state == Gsctp.AssocState.COMM_UP
    loop = GLib.MainLoop()
    got = []

    def connected(sock, result):
        got.append(sock.associate_to_connectable_finish(result))
        loop.quit()

    other = new_socket()
    other.associate_to_connectable_async(Gio.NetworkAddress.new("localhost", srv.get_local_port()),
                                         None, None, connected)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    assert got and got[0].state == Gsctp.AssocState.COMM_UP
