#!/usr/bin/python3
# python_bench.py [SECONDS]: gsctp through PyGObject against Python's own
# socket module on the same SCTP socket type (which gives no per-message
# info), one way, 1 KiB messages on loopback. The sender is a thread (in the
# test guest, switching between processes costs milliseconds); a short GIL
# switch interval keeps it from starving the receiver.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import socket
import sys
import threading
import time

import gi

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402

SIZE = 1024


def measure(receive_one, seconds):
    count = 0
    start = time.monotonic()
    deadline = start + seconds
    while True:
        if receive_one():
            count += 1
            if count % 64 == 0 and time.monotonic() >= deadline:
                return count / (time.monotonic() - start)


def sender(send_loop):
    done = threading.Event()
    thread = threading.Thread(target=send_loop, args=(done,), daemon=True)
    thread.start()
    return done


def stop(done):
    done.set()


def run_socket_module(seconds):
    server = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    address = server.getsockname()

    def send_loop(done):
        client = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
        payload = bytes(SIZE)
        while not done.is_set():
            client.sendto(payload, address)

    pid = sender(send_loop)
    rate = measure(lambda: len(server.recv(SIZE + 1024)) == SIZE, seconds)
    stop(pid)
    return rate


def run_gsctp(seconds):
    server = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    server.bind([Gio.InetSocketAddress.new_from_string("127.0.0.1", 0)])
    server.listen(1)
    port = server.get_local_port()

    def send_loop(done):
        client = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
        assoc = client.associate([Gio.InetSocketAddress.new_from_string("127.0.0.1", port)],
                                 None, 5000, None)
        payload = GLib.Bytes.new(bytes(SIZE))
        info = Gsctp.SndInfo.new(assoc.assoc_id, 0, 1)
        while not done.is_set():
            client.send(info, None, payload, None)

    pid = sender(send_loop)
    rate = measure(lambda: not server.receive(5000, None).is_event(), seconds)
    stop(pid)
    return rate


def main():
    sys.setswitchinterval(0.0001)
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    raw = run_socket_module(seconds)
    gs = run_gsctp(seconds)
    print("python socket  %6d B  %10.0f msg/s" % (SIZE, raw))
    print("python gsctp   %6d B  %10.0f msg/s   x%.2f of the socket module" % (SIZE, gs, gs / raw))


if __name__ == "__main__":
    main()
