# The seed's examples in C, Python, JavaScript and Vala, run against each
# other in a ring: each language's server with another language's client,
# and each language's connect_init client against two servers; and each
# language's one-to-one echo server with clients one after another.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import time

import pytest

SRC = os.environ["GSCTP_SOURCE_DIR"]
BUILD = os.environ["GSCTP_BUILD_DIR"]

PROGRAMS = {
    "c": {
        "server": [f"{BUILD}/examples/c/gsctp-example-server"],
        "client": [f"{BUILD}/examples/c/gsctp-example-client"],
        "connect_init": [f"{BUILD}/examples/c/gsctp-example-connect-init"],
    },
    "python": {
        "server": ["/usr/bin/python3", f"{SRC}/examples/python/server.py"],
        "client": ["/usr/bin/python3", f"{SRC}/examples/python/client.py"],
        "connect_init": ["/usr/bin/python3", f"{SRC}/examples/python/connect_init.py"],
    },
    "js": {
        "server": ["gjs", "-m", f"{SRC}/examples/js/server.js"],
        "client": ["gjs", "-m", f"{SRC}/examples/js/client.js"],
        "connect_init": ["gjs", "-m", f"{SRC}/examples/js/connect-init.js"],
    },
    "vala": {
        "server": [f"{BUILD}/examples/vala/gsctp-example-vala-server"],
        "client": [f"{BUILD}/examples/vala/gsctp-example-vala-client"],
        "connect_init": [f"{BUILD}/examples/vala/gsctp-example-vala-connect-init"],
    },
}

RING = [("c", "python"), ("python", "js"), ("js", "vala"), ("vala", "c")]


def start_server(lang, port):
    proc = subprocess.Popen(PROGRAMS[lang]["server"] + ["any", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # Wait until it listens.
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Listening on"):
            return proc, lines
    pytest.fail(f"{lang} server did not start: {''.join(lines)}")


def stop(proc, lines):
    proc.terminate()
    out, _ = proc.communicate(timeout=10)
    return "".join(lines) + out


@pytest.mark.parametrize("server_lang,client_lang", RING)
def test_server_client(server_lang, client_lang):
    port = 3000 + RING.index((server_lang, client_lang))
    server, lines = start_server(server_lang, port)
    try:
        client = subprocess.run(PROGRAMS[client_lang]["client"] + ["localhost", str(port)],
                                capture_output=True, text=True, timeout=60)
        time.sleep(0.5)
    finally:
        server_out = stop(server, lines)
    assert client.returncode == 0, client.stdout + client.stderr
    assert "Connection Successful" in client.stdout
    assert 'send "Test 0" on stream 0: ok' in client.stdout
    assert 'send "Test 5" on stream 5: error: Stream 5 is not below the 5 outbound streams' in client.stdout
    assert "abort: ok" in client.stdout
    assert 'Received: "Test 0"' in server_out and "stream=0" in server_out, server_out
    assert "Test 5" not in server_out
    assert "comm-up" in server_out and "comm-lost" in server_out and "error=12" in server_out, server_out


@pytest.mark.kernel_only
@pytest.mark.parametrize("lang", list(PROGRAMS))
def test_connect_init(lang):
    base = 3100 + 2 * list(PROGRAMS).index(lang)
    one = start_server("c", base)
    two = start_server("c", base + 1)
    try:
        result = subprocess.run(PROGRAMS[lang]["connect_init"] +
                                ["localhost", str(base), "127.0.0.1", str(base + 1)],
                                capture_output=True, text=True, timeout=60)
    finally:
        stop(*one)
        stop(*two)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Connections initiated" in result.stdout
    assert "Association 1 connect result: comm-up" in result.stdout, result.stdout
    assert "Association 2 connect result: comm-up" in result.stdout, result.stdout


ECHO_SERVERS = {
    "c": [f"{BUILD}/examples/c/gsctp-example-echo-server"],
    "python": ["/usr/bin/python3", f"{SRC}/examples/python/echo_server.py"],
    "js": ["gjs", "-m", f"{SRC}/examples/js/echo-server.js"],
    "vala": [f"{BUILD}/examples/vala/gsctp-example-vala-echo-server"],
}


def echo_round_trips(port, name):
    import gi
    gi.require_version("Gsctp", "1.0")
    from gi.repository import Gio, Gsctp, GLib

    client = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.STREAM)
    client.associate([Gio.InetSocketAddress.new_from_string("127.0.0.1", port)],
                     Gsctp.InitMsg.new(4, 0), 10000, None)
    echoed = []
    for stream, ppid in ((1, 11), (3, 33)):
        text = f"{name} on stream {stream}".encode()
        client.send(Gsctp.SndInfo.new(0, stream, ppid), None, GLib.Bytes.new(text), None)
        while True:
            message = client.receive(10000, None)
            if not message.is_event():
                break
        echoed.append((message.get_data().get_data(), message.get_stream(), message.get_ppid()))
        assert echoed[-1] == (text, stream, ppid)
    client.close()
    return echoed


@pytest.mark.parametrize("lang", list(ECHO_SERVERS))
def test_echo_server(lang):
    port = 3200 + list(ECHO_SERVERS).index(lang)
    proc = subprocess.Popen(ECHO_SERVERS[lang] + [str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Listening on"):
            break
    else:
        pytest.fail(f"{lang} echo server did not start: {''.join(lines)}")
    try:
        # One after another: the server serves each on a socket of its own.
        echo_round_trips(port, "first")
        echo_round_trips(port, "second")
        time.sleep(0.5)
    finally:
        out = stop(proc, lines)
    assert out.count("Connection from") == 2, out
    assert out.count("Echoed") == 4, out
