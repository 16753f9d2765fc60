# Wire checks: tshark captures on the guest's loopback and the DATA and INIT
# chunks carry exactly what the gsctp API was given (PPID in network order
# on the wire, host order in the API), and DATA goes authenticated under
# the active key.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import subprocess
import time

import gi
import pytest

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402


def require(condition, why):
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


def start_capture(capture):
    """tshark writing the loopback's SCTP packets to @capture, once it listens."""
    require(shutil.which("tshark") is not None, "no tshark (apt-get install tshark)")
    require(os.geteuid() == 0, "capturing needs root (run in the guest: tools/sctp-run)")
    tshark = subprocess.Popen(["tshark", "-q", "-i", "lo", "-f", "sctp", "-w", str(capture)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    for line in tshark.stderr:
        if "Capturing on" in line:
            break
        assert time.monotonic() < deadline
    time.sleep(0.5)
    return tshark


def test_chunks_carry_what_the_api_was_given(tmp_path):
    capture = tmp_path / "sctp.pcapng"
    tshark = start_capture(capture)

    server = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    server.bind([Gio.InetSocketAddress.new_from_string("127.0.0.1", 0)])
    server.listen(1)
    port = server.get_local_port()
    client = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    init = Gsctp.InitMsg.new(7, 9)
    assoc = client.associate([Gio.InetSocketAddress.new_from_string("127.0.0.1", port)], init, 10000, None)
    unordered = Gsctp.SndInfo.new(assoc.assoc_id, 4, 0x01020304)
    unordered.flags = Gsctp.SendFlags.UNORDERED
    client.send(unordered, None, GLib.Bytes.new(b"unordered"), None)
    client.send(Gsctp.SndInfo.new(assoc.assoc_id, 1, 46), None, GLib.Bytes.new(b"ordered"), None)
    got = 0
    while got < 2:
        if not server.receive(5000, None).is_event():
            got += 1
    time.sleep(1)
    tshark.terminate()
    tshark.wait(timeout=30)

    def fields(display_filter, *names):
        out = subprocess.run(["tshark", "-r", str(capture), "-Y", display_filter, "-T", "fields",
                              "-E", "separator=,"] + [a for n in names for a in ("-e", n)],
                             check=True, capture_output=True, text=True).stdout
        return [[int(v, 0) for v in line.split(",")] for line in out.splitlines() if line]

    inits = fields("sctp.chunk_type == 1 && sctp.dstport == %d" % port,
                   "sctp.init_nr_out_streams", "sctp.init_nr_in_streams")
    assert inits == [[7, 9]], inits

    data = fields("sctp.chunk_type == 0 && sctp.dstport == %d" % port,
                  "sctp.data_sid", "sctp.data_payload_proto_id", "sctp.data_u_bit")
    # tshark reads the PPID off the wire in network byte order.
    assert [4, 0x01020304, 1] in data, data
    assert [1, 46, 0] in data, data


def test_data_is_authenticated(tmp_path):
    """SCTP-AUTH (RFC 4895): DATA goes behind an AUTH chunk signed with the
    active shared key, and with the next key after a rollover."""
    capture = tmp_path / "auth.pcapng"
    tshark = start_capture(capture)

    def authenticated(sock):
        sock.props.auth_supported = True
        sock.add_auth_chunk(0)
        sock.set_auth_key(0, 1, GLib.Bytes.new(b"first secret"))
        sock.set_auth_key(0, 2, GLib.Bytes.new(b"second secret"))
        sock.set_active_key(0, 1)
        return sock

    server = authenticated(Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET))
    server.bind([Gio.InetSocketAddress.new_from_string("127.0.0.1", 0)])
    server.listen(1)
    port = server.get_local_port()
    client = authenticated(Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET))
    assoc = client.associate([Gio.InetSocketAddress.new_from_string("127.0.0.1", port)], None,
                             10000, None)
    client.send(Gsctp.SndInfo.new(assoc.assoc_id, 0, 1), None, GLib.Bytes.new(b"key one"), None)
    client.set_active_key(assoc.assoc_id, 2)
    client.send(Gsctp.SndInfo.new(assoc.assoc_id, 0, 2), None, GLib.Bytes.new(b"key two"), None)
    got = 0
    while got < 2:
        if not server.receive(5000, None).is_event():
            got += 1
    time.sleep(1)
    tshark.terminate()
    tshark.wait(timeout=30)

    out = subprocess.run(["tshark", "-r", str(capture), "-Y",
                          "sctp.chunk_type == 0 && sctp.dstport == %d" % port, "-T", "fields",
                          "-E", "separator=,", "-e", "sctp.shared_key_id", "-e",
                          "sctp.data_payload_proto_id"],
                         check=True, capture_output=True, text=True).stdout
    signed = [[int(v, 0) for v in line.split(",")] for line in out.splitlines() if line]
    # Every DATA packet carries an AUTH chunk, under the key active then.
    assert [1, 1] in signed and [2, 2] in signed, signed
