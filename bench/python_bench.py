#!/usr/bin/python3
# python_bench.py [SECONDS]: gsctp through PyGObject against Python's own
# socket module on the same SCTP socket type (which gives no per-message
# info), one way, 1 KiB messages on loopback, sender and receiver threads.
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


def measure(receive_one, send_loop, seconds):
    stop = threading.Event()
    sender = threading.Thread(target=send_loop, args=(stop,), daemon=True)
    sender.start()
    count = 0
    start = time.monotonic()
    deadline = start + seconds
    while True:
        if receive_one():
            count += 1
            if count % 64 == 0 and time.monotonic() >= deadline:
                break
    elapsed = time.monotonic() - start
    stop.set()
    return count / elapsed, stop, sender


def run_socket_module(seconds):
    server = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(1)
    address = server.getsockname()
    client = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
    payload = bytes(SIZE)

    def send_loop(stop):
        while not stop.is_set():
            client.sendto(payload, address)

    def receive_one():
        data = server.recv(SIZE + 1024)
        return len(data) == SIZE

    rate, stop, sender = measure(receive_one, send_loop, seconds)
    try:
        while sender.is_alive():
            server.recv(SIZE + 1024)
    except OSError:
        pass
    return rate


def run_gsctp(seconds):
    server = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    server.bind([Gio.InetSocketAddress.new_from_string("127.0.0.1", 0)])
    server.listen(1)
    client = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    assoc = client.associate([Gio.InetSocketAddress.new_from_string("127.0.0.1", server.get_local_port())],
                             None, 5000, None)
    payload = GLib.Bytes.new(bytes(SIZE))
    info = Gsctp.SndInfo.new(assoc.assoc_id, 0, 1)

    def send_loop(stop):
        while not stop.is_set():
            client.send(info, None, payload, None)

    def receive_one():
        message = server.receive(1000, None)
        return not message.is_event()

    rate, stop, sender = measure(receive_one, send_loop, seconds)
    try:
        while sender.is_alive():
            server.receive(200, None)
    except GLib.Error:
        pass
    return rate


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    raw = run_socket_module(seconds)
    gs = run_gsctp(seconds)
    print("python socket  %6d B  %10.0f msg/s" % (SIZE, raw))
    print("python gsctp   %6d B  %10.0f msg/s   x%.2f of the socket module" % (SIZE, gs, gs / raw))


if __name__ == "__main__":
    main()
