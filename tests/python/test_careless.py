# Calls made the way a hurried Python caller makes them: nothing lost, no
# handler run late.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import sys
import textwrap
import time

from test_gsctp import address, new_socket, server
from gi.repository import GLib, Gsctp


def connected_pair():
    srv = server()
    cli = new_socket()
    change = cli.associate([address("127.0.0.1", srv.get_local_port())],
                           Gsctp.InitMsg.new(1, 0), 10000, None)
    return srv, cli, change


def data_texts(sock):
    texts = []
    while True:
        try:
            m = sock.receive(500, None)
        except GLib.Error:
            return texts
        if not m.is_event():
            texts.append(m.peek_data().decode())


def send_all(cli, change, n, prefix):
    for i in range(n):
        cli.send(Gsctp.SndInfo.new(change.assoc_id, 0, 0), None,
                 GLib.Bytes.new(f"{prefix} {i}".encode()), None)


def test_receive_async_without_callback_loses_nothing():
    # PyGObject before 3.50 makes receive_async(None) a call without a
    # callback: refused (a critical), and the next receive gets "one".
    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, %r)
        from test_gsctp import address, new_socket, server
        from gi.repository import GLib, Gsctp
        srv = server()
        cli = new_socket()
        change = cli.associate([address("127.0.0.1", srv.get_local_port())],
                               Gsctp.InitMsg.new(1, 0), 10000, None)
        srv.receive_async(None)
        for text in (b"one", b"two"):
            cli.send(Gsctp.SndInfo.new(change.assoc_id, 0, 0), None, GLib.Bytes.new(text), None)
        ctx = GLib.MainContext.default()
        while ctx.iteration(False):
            pass
        while True:
            m = srv.receive(5000, None)
            if not m.is_event():
                print(m.peek_data().decode())
                break
    """ % os.path.dirname(__file__))
    env = dict(os.environ)
    env.pop("G_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "one"
    assert "callback != NULL" in done.stderr


def run_first_handler(action):
    srv, cli, change = connected_pair()
    data_texts(srv)
    cli.props.nodelay = True
    send_all(cli, change, 10, "queued")
    time.sleep(0.3)
    calls = []
    loop = GLib.MainLoop()

    def on_message(sock, message):
        calls.append(message.peek_data())
        action(sock)
        loop.quit()

    srv.connect("message", on_message)
    srv.props.active = Gsctp.ActiveMode.ACTIVE
    loop.run()
    ctx = GLib.MainContext.default()
    while ctx.iteration(False):
        pass
    return srv, cli, calls


def test_no_handler_after_close():
    srv, cli, calls = run_first_handler(lambda sock: sock.close())
    assert len(calls) == 1
    cli.close()


def test_passive_in_handler_keeps_the_rest_for_receive():
    def passive(sock):
        sock.props.active = Gsctp.ActiveMode.PASSIVE

    srv, cli, calls = run_first_handler(passive)
    assert calls == [b"queued 0"]
    assert data_texts(srv) == [f"queued {i}" for i in range(1, 10)]
    srv.close()
    cli.close()


def test_socket_made_the_gobject_way_says_it_is_not_initialised():
    from gi.repository import Gio
    s = Gsctp.Socket(family=Gio.SocketFamily.IPV4, socket_type=Gsctp.SocketType.SEQPACKET)
    try:
        s.bind([address("127.0.0.1", 0)])
    except GLib.Error as e:
        assert e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_INITIALIZED)
    else:
        raise AssertionError("bind on an uninitialised socket succeeded")
    s.close()


def test_message_over_the_limit_is_refused_and_its_association_aborted():
    srv, cli, change = connected_pair()
    assert srv.props.max_message_size == 16 * 1024 * 1024
    srv.props.max_message_size = 64 * 1024
    data_texts(srv)
    cli.props.send_buffer_size = 1024 * 1024
    cli.send(Gsctp.SndInfo.new(change.assoc_id, 0, 0), None, GLib.Bytes.new(bytes(256 * 1024)), None)
    while True:
        try:
            m = srv.receive(5000, None)
        except GLib.Error as e:
            assert e.matches(Gsctp.error_quark(), Gsctp.Error.MESSAGE_TOO_LARGE)
            assert "65536 bytes (max-message-size)" in e.message
            break
        assert m.is_event()
    while True:
        m = cli.receive(5000, None)
        if m.is_event() and m.get_assoc_change() is not None:
            assert m.get_assoc_change().state == Gsctp.AssocState.COMM_LOST
            break
    srv.close()
    cli.close()


def test_option_values_out_of_range_are_refused():
    from gi.repository import Gio
    s = new_socket()
    for name, value, words in (("sndbuf", -5, "1 to 2147483647"), ("recbuf", -1, "1 to 2147483647"),
                               ("tos", 300, "0 to 255"), ("tos", -1, "0 to 255"),
                               ("buffer", 256, "1024 to")):
        try:
            s.set_option(name, 0, value)
        except GLib.Error as e:
            assert e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.INVALID_ARGUMENT)
            assert name in e.message and words in e.message, e.message
        else:
            raise AssertionError(f"{name} = {value} was taken")
    # Unsigned 32-bit values in full: as a property, or by name as a
    # GObject.Value (PyGObject makes a plain int a 32-bit signed one).
    from gi.repository import GObject
    s.props.adaptation_layer = 0xC0FFEE00
    assert s.get_option("sctp_adaptation_layer", 0) == 0xC0FFEE00
    s.set_option("sctp_adaptation_layer", 0, GObject.Value(GObject.TYPE_UINT, 0xFFFFFFFE))
    assert s.props.adaptation_layer == 0xFFFFFFFE
    s.close()
