# test_userland.py: the userland backend from Python: chosen per socket,
# SCTP in UDP between two sockets given their ports, and what it refuses.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import socket

from test_gsctp import address
from gi.repository import Gio, GLib, Gsctp


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def userland_socket(kind, udp_port=0, udp_remote_port=0):
    # Construct properties, then GInitable's init: as g_initable_new().
    sock = Gsctp.Socket(family=Gio.SocketFamily.IPV4, socket_type=kind,
                        backend=Gsctp.BackendType.USERLAND, udp_port=udp_port,
                        udp_remote_port=udp_remote_port)
    sock.init(None)
    return sock


def test_new_with_backend():
    s = Gsctp.Socket.new_with_backend(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET,
                                      Gsctp.BackendType.USERLAND)
    assert s.get_backend() == Gsctp.BackendType.USERLAND
    assert s.props.backend == Gsctp.BackendType.USERLAND
    assert s.get_fd() == -1
    # Nagle's algorithm off, as on kernel SCTP.
    assert s.props.nodelay is True


def test_one_at_a_time_promptly():
    # Each message sent once the one before arrived: with Nagle's
    # algorithm on, each would wait for the peer's delayed SACK (200 ms).
    udp_port = free_udp_port()
    srv = userland_socket(Gsctp.SocketType.SEQPACKET, udp_port, 0)
    cli = userland_socket(Gsctp.SocketType.SEQPACKET, 0, udp_port)
    srv.bind([address("127.0.0.1", 0)])
    srv.listen(4)
    change = cli.associate([address("127.0.0.1", srv.get_local_port())],
                           Gsctp.InitMsg.new(1, 0), 5000, None)
    took = []
    for i in range(21):
        start = GLib.get_monotonic_time()
        cli.send_to_stream(change.assoc_id, 0, GLib.Bytes.new(b"one %d" % i), None)
        while True:
            m = srv.receive(5000, None)
            if not m.is_event():
                break
        assert m.get_data().get_data() == b"one %d" % i
        took.append(GLib.get_monotonic_time() - start)
    took.sort()
    assert took[len(took) // 2] < 100 * 1000


def test_messages_over_udp():
    udp_port = free_udp_port()
    srv = userland_socket(Gsctp.SocketType.SEQPACKET, udp_port, 0)
    cli = userland_socket(Gsctp.SocketType.SEQPACKET, 0, udp_port)
    assert srv.props.udp_port == udp_port
    assert cli.props.udp_remote_port == udp_port
    srv.bind([address("127.0.0.1", 0)])
    srv.listen(4)
    change = cli.associate([address("127.0.0.1", srv.get_local_port())],
                           Gsctp.InitMsg.new(3, 0), 5000, None)
    assert change.state == Gsctp.AssocState.COMM_UP
    info = Gsctp.SndInfo()
    info.assoc_id = change.assoc_id
    info.stream = 2
    info.ppid = 60
    cli.send(info, None, GLib.Bytes.new(b"hello over UDP"), None)
    while True:
        m = srv.receive(5000, None)
        if not m.is_event():
            break
    assert m.get_data().get_data() == b"hello over UDP"
    assert m.get_info().stream == 2
    assert m.get_info().ppid == 60
    assert m.get_address().get_address().to_string() == "127.0.0.1"


def test_refusals():
    s = Gsctp.Socket.new_with_backend(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET,
                                      Gsctp.BackendType.USERLAND)
    try:
        s.bind([address("127.0.0.1", 0), address("127.0.0.2", 0)])
        assert False, "bound two addresses"
    except GLib.Error as e:
        assert e.matches(Gsctp.error_quark(), Gsctp.Error.NOT_SUPPORTED)
        assert "userland" in e.message


def test_lower_transport():
    # Two sockets whose packets Python carries, as over DTLS.
    srv = Gsctp.Socket.new_for_lower_transport(Gsctp.SocketType.SEQPACKET)
    cli = Gsctp.Socket.new_for_lower_transport(Gsctp.SocketType.SEQPACKET)
    assert cli.props.lower_transport
    carried = {"to_srv": 0, "to_cli": 0}

    def to_srv(sock, packet):
        carried["to_srv"] += 1
        srv.input_packet(packet)

    def to_cli(sock, packet):
        carried["to_cli"] += 1
        cli.input_packet(packet)

    cli.connect("packet-out", to_srv)
    srv.connect("packet-out", to_cli)
    srv.bind([address("0.0.0.0", 5010)])
    srv.listen(1)
    ctx = GLib.MainContext.default()
    result = []
    cli.associate_async([address("0.0.0.0", 5010)], None, None,
                        lambda s, r: result.append(s.associate_finish(r)))
    while not result:
        ctx.iteration(True)
    change = result[0]
    assert change.state == Gsctp.AssocState.COMM_UP
    assert carried["to_srv"] >= 2 and carried["to_cli"] >= 2
    cli.send_to_stream(change.assoc_id, 1, GLib.Bytes.new(b"datachannel"), None)
    got = []

    def on_message(sock, message):
        if not message.is_event():
            got.append(message)

    srv.connect("message", on_message)
    srv.set_active(Gsctp.ActiveMode.ACTIVE)
    while not got:
        ctx.iteration(True)
    assert got[0].get_data().get_data() == b"datachannel"
    assert got[0].get_stream() == 1
    assert got[0].get_address() is None
