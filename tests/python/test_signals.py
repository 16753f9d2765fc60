# Every signal of Gsctp.Socket, connected by name from Python, seen emitted
# with its value, from real SCTP traffic.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import socket
import struct
import time
import pytest

from test_gsctp import address, new_socket, server
from gi.repository import GLib, Gsctp

SIGNALS = ["message", "passive", "association-change", "peer-address-change",
           "send-failed", "remote-error", "shutdown", "partial-delivery",
           "adaptation-indication", "authentication", "sender-dry", "stream-reset",
           "association-reset", "stream-change"]
SCTP_RESET_ASSOC = 120
SCTP_PARTIAL_DELIVERY_POINT = 19


def watch(sock):
    seen = {}

    def handler(name):
        def record(_sock, *args):
            value = args[0] if args else None
            # Read what is needed while the value is alive: a boxed event
            # is the socket's only for the emission.
            if name == "message":
                value = value.peek_data()
            elif name == "association-change":
                value = value.state
            elif name == "remote-error":
                value = value.error
            elif name == "send-failed":
                value = (value.info.ppid, value.data.get_size())
            elif name == "adaptation-indication":
                value = value.adaptation_indication
            elif name == "authentication":
                value = value.indication
            elif name == "stream-reset":
                value = len(value.streams)
            elif name == "stream-change":
                value = value.outbound_streams
            elif name == "partial-delivery":
                value = value.aborted
            elif name == "peer-address-change":
                value = value.address.get_port()
            elif value is not None:
                value = value.assoc_id
            seen[name] = value
        return record

    for name in SIGNALS:
        sock.connect(name, handler(name))
    return seen


def receive_until(sock, seen, name):
    deadline = time.monotonic() + 10
    ctx = GLib.MainContext.default()
    while name not in seen:
        try:
            sock.receive(200, None)
        except GLib.Error as e:
            assert e.matches(Gio_error(), 24)  # G_IO_ERROR_TIMED_OUT
        while ctx.iteration(False):
            pass
        assert time.monotonic() < deadline, "no " + name


def Gio_error():
    from gi.repository import Gio
    return Gio.io_error_quark()


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return ~crc & 0xFFFFFFFF


def inject_remote_error(cli, assoc_id, cli_port, srv_port):
    """An ERROR chunk (Invalid Stream Identifier) to the server, as the
    client, from a raw socket; the tag is read off a packet the client sends."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
    cli.send(Gsctp.SndInfo.new(assoc_id, 0, 0), None, GLib.Bytes.new(b"ping"), None)
    while True:
        packet = raw.recv(256)
        ihl = (packet[0] & 0x0F) * 4
        sport, dport, tag = struct.unpack_from("!HHI", packet, ihl)
        if sport == cli_port and dport == srv_port:
            break
    chunk = struct.pack("!BBHHHHH", 9, 0, 12, 1, 8, 7, 0)
    header = struct.pack("!HHII", cli_port, srv_port, tag, 0)
    crc = crc32c(header + chunk)
    packet = header[:8] + struct.pack("<I", crc) + chunk
    raw.sendto(packet, ("127.0.0.1", 0))
    raw.close()


@pytest.mark.kernel_only
def test_every_signal():
    srv = server()
    cli = new_socket()
    port = srv.get_local_port()
    for i, s in enumerate((srv, cli)):
        s.props.adaptation_layer = 0x2222 if i else 0x1111
        s.props.reconfig_supported = True
        s.enable_stream_reset(0, Gsctp.StreamResetFlags.RESET_STREAMS |
                              Gsctp.StreamResetFlags.RESET_ASSOC |
                              Gsctp.StreamResetFlags.CHANGE_ASSOC)
        for ev in (Gsctp.EventType.ADAPTATION_INDICATION, Gsctp.EventType.AUTHENTICATION,
                   Gsctp.EventType.SENDER_DRY, Gsctp.EventType.STREAM_RESET,
                   Gsctp.EventType.ASSOC_RESET, Gsctp.EventType.STREAM_CHANGE):
            s.subscribe(ev, 0, True)
    at_srv = watch(srv)
    at_cli = watch(cli)

    change = cli.associate([address("127.0.0.1", port)], Gsctp.InitMsg.new(3, 0), 10000, None)
    cli_port = cli.get_local_port()
    receive_until(cli, at_cli, "adaptation-indication")
    receive_until(cli, at_cli, "authentication")
    assert at_cli["adaptation-indication"] == 0x1111
    assert at_cli["authentication"] == Gsctp.AuthIndication.NO_AUTH
    cli.set_primary_addr(Gsctp.PrimaryAddr.new(change.assoc_id, address("127.0.0.1", port)))
    receive_until(cli, at_cli, "peer-address-change")
    assert at_cli["peer-address-change"] == port
    receive_until(srv, at_srv, "association-change")
    assert at_srv["association-change"] == Gsctp.AssocState.COMM_UP

    cli.send(Gsctp.SndInfo.new(change.assoc_id, 1, 7), None, GLib.Bytes.new(b"hello"), None)
    receive_until(cli, at_cli, "sender-dry")

    cli.reset_streams(change.assoc_id, Gsctp.ResetFlags.OUTGOING, [1, 2])
    receive_until(cli, at_cli, "stream-reset")
    assert at_cli["stream-reset"] == 2
    cli.add_streams(change.assoc_id, 0, 4)
    receive_until(cli, at_cli, "stream-change")
    assert at_cli["stream-change"] == 4
    raw = socket.socket(fileno=cli.get_fd())
    try:
        raw.setsockopt(132, SCTP_RESET_ASSOC, struct.pack("i", change.assoc_id))
    finally:
        raw.detach()
    receive_until(cli, at_cli, "association-reset")

    inject_remote_error(cli, change.assoc_id, cli_port, port)
    receive_until(srv, at_srv, "remote-error")
    assert at_srv["remote-error"] == 1

    while True:
        try:
            srv.receive(100, None)
        except GLib.Error:
            break
    srv.set_active_count(1)
    cli.send(Gsctp.SndInfo.new(change.assoc_id, 0, 0), None, GLib.Bytes.new(b"one"), None)
    deadline = time.monotonic() + 10
    while "passive" not in at_srv and time.monotonic() < deadline:
        GLib.MainContext.default().iteration(True)
    assert at_srv["message"] == b"one"
    assert "passive" in at_srv

    cli.shutdown(change.assoc_id)
    receive_until(srv, at_srv, "shutdown")

    receive_until(cli, at_cli, "association-change")
    cli.props.send_buffer_size = 1024 * 1024
    second = cli.associate([address("127.0.0.1", port)], Gsctp.InitMsg.new(2, 0), 10000, None)
    chunk = GLib.Bytes.new(bytes(8000))
    # Less than the send buffer holds: the server never reads.
    for _ in range(20):
        cli.send(Gsctp.SndInfo.new(second.assoc_id, 1, 4242), None, chunk, None)
    cli.abort(second.assoc_id)
    receive_until(cli, at_cli, "send-failed")
    assert at_cli["send-failed"] == (4242, 8000)

    # A message cut short: part of it was delivered when the sender aborted.
    receiver = server()
    raw = socket.socket(fileno=receiver.get_fd())
    try:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * 1024)
        raw.setsockopt(132, SCTP_PARTIAL_DELIVERY_POINT, 4096)
    finally:
        raw.detach()
    at_rcv = watch(receiver)
    sender = new_socket()
    sender.props.send_buffer_size = 4 * 1024 * 1024
    third = sender.associate([address("127.0.0.1", receiver.get_local_port())],
                             Gsctp.InitMsg.new(1, 0), 10000, None)
    sender.send(Gsctp.SndInfo.new(third.assoc_id, 0, 0), None, GLib.Bytes.new(bytes(256 * 1024)), None)
    time.sleep(0.2)
    sender.abort(third.assoc_id)
    deadline = time.monotonic() + 10
    while "partial-delivery" not in at_rcv:
        try:
            # The part that came is not a message: nothing but events.
            assert receiver.receive(200, None).is_event()
        except GLib.Error as e:
            assert e.matches(Gio_error(), 24)
        assert time.monotonic() < deadline
    assert at_rcv["partial-delivery"] is True

    missing = [n for n in SIGNALS if n not in at_srv and n not in at_cli and n not in at_rcv]
    assert missing == []
    for s in (cli, srv, sender, receiver):
        s.close()
