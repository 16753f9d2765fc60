#!/usr/bin/python3
# python_bench.py [SECONDS]: gsctp through PyGObject against Python's own
# socket module on the same SCTP socket type (which gives no per-message
# info), 1 KiB messages on a one-to-many association over loopback.
#
# gsctp is measured a call per message (send, receive), a call per batch
# (send_many, receive_many), the way to stream from Python, and receiving
# in an active mode on a main loop: a ::message emission per message, and
# a ::messages emission per batch (these two send with send_many, and only
# their receive rates are reported).
#
# One thread, in rounds: send a batch of messages (timed: the send rate),
# then receive them all (timed: the receive rate). The batch fits in the
# kernel's buffers, so neither side waits for the other: what is measured is
# each binding's own cost per message, not thread or process switches (which
# cost milliseconds in the test guest and made a two-sided run mostly
# scheduling). Both receivers take the message's bytes.
#
# The receivers acknowledge every packet at once (SCTP_DELAYED_SACK with a
# frequency of 1): with the kernel's default of every second packet, the
# last packet of a batch waited for the 200 ms delayed-SACK timer, and
# with it the rest of the batch (the sender's window was full), so that a
# receive round often timed the kernel's timer rather than the binding.
#
# The sockets are set alike: 4 MiB buffers, and the kernel's own bundling
# of small messages (Nagle), which the socket module leaves on and gsctp
# turns off by default (SCTP_NODELAY, for latency): otherwise the run
# measures a packet per message against bundled packets, not the bindings.
# The C benchmark sets its sockets the same way.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import socket
import struct
import sys
import time

import gi

gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp  # noqa: E402

SIZE = 1024
BATCH = 500
BUFFERS = 4 * 1024 * 1024
# linux/sctp.h: struct sctp_sack_info { assoc_id; delay (ms); freq } for
# the endpoint's future associations (assoc_id 0).
SCTP_DELAYED_SACK = 16
SACK_EVERY_PACKET = struct.pack("iII", 0, 200, 1)


def rounds(send_batch, receive_batch, seconds):
    """Returns (sent/s, received/s) over rounds lasting about @seconds."""
    send_time = receive_time = 0.0
    messages = 0
    while send_time + receive_time < seconds:
        start = time.perf_counter()
        send_batch()
        send_time += time.perf_counter() - start
        # Loopback delivery finishes in the kernel's own time: let it, so
        # that the receives find every message queued.
        time.sleep(0.05)
        middle = time.perf_counter()
        receive_batch()
        end = time.perf_counter()
        receive_time += end - middle
        messages += BATCH
    return messages / send_time, messages / receive_time


def run_socket_module(seconds):
    server = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFERS)
    server.setsockopt(socket.IPPROTO_SCTP, SCTP_DELAYED_SACK, SACK_EVERY_PACKET)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    address = server.getsockname()
    client = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFERS)
    payload = bytes(SIZE)

    def send_batch():
        for _ in range(BATCH):
            client.sendto(payload, address)

    def receive_batch():
        got = 0
        while got < BATCH:
            if len(server.recv(SIZE + 1024)) == SIZE:
                got += 1

    return rounds(send_batch, receive_batch, seconds)


def gsctp_association():
    """A gsctp server and client associated over loopback, set as the
    socket module's sockets are (see the top of this file), and the send
    info of a message on it."""
    server = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    server.props.receive_buffer_size = BUFFERS
    server.set_delayed_ack(Gsctp.DelayedAck.new(0, 200, 1))
    server.bind([Gio.InetSocketAddress.new_from_string("127.0.0.1", 0)])
    server.listen(1)
    client = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
    client.props.send_buffer_size = BUFFERS
    server.props.nodelay = False
    client.props.nodelay = False
    assoc = client.associate(
        [Gio.InetSocketAddress.new_from_string("127.0.0.1", server.get_local_port())],
        None, 5000, None)
    return server, client, Gsctp.SndInfo.new(assoc.assoc_id, 0, 1)


def run_gsctp(seconds):
    server, client, info = gsctp_association()
    payload = GLib.Bytes.new(bytes(SIZE))

    def send_batch():
        for _ in range(BATCH):
            client.send(info, None, payload, None)

    def receive_batch():
        got = 0
        while got < BATCH:
            if len(server.receive(10000, None).peek_data()) == SIZE:
                got += 1

    return rounds(send_batch, receive_batch, seconds)


def run_gsctp_many(seconds):
    """As run_gsctp, with a call for many messages each way: send_many and
    receive_many, where a binding's cost per call is paid once a batch."""
    server, client, info = gsctp_association()
    payloads = [GLib.Bytes.new(bytes(SIZE))] * BATCH

    def send_batch():
        client.send_many(info, None, payloads, None)

    def receive_batch():
        got = 0
        while got < BATCH:
            for message in server.receive_many(64, 10000, None):
                if len(message.peek_data()) == SIZE:
                    got += 1

    return rounds(send_batch, receive_batch, seconds)


def run_gsctp_active(seconds, batches):
    """Receives in an active mode, until a batch's worth came: through
    ::messages (a handler call per batch read) or ::message (a call per
    message)."""
    server, client, info = gsctp_association()
    payloads = [GLib.Bytes.new(bytes(SIZE))] * BATCH
    loop = GLib.MainLoop()
    got = [0]

    def on_message(sock, message):
        if len(message.peek_data()) == SIZE:
            got[0] += 1
            if got[0] >= BATCH:
                loop.quit()

    def on_messages(sock, messages):
        for message in messages:
            if len(message.peek_data()) == SIZE:
                got[0] += 1
        if got[0] >= BATCH:
            loop.quit()

    if batches:
        server.connect("messages", on_messages)
    else:
        server.connect("message", on_message)

    def send_batch():
        client.send_many(info, None, payloads, None)

    def receive_batch():
        # What a round read past its batch is kept for the next one.
        got[0] = max(got[0] - BATCH, 0)
        server.set_active(Gsctp.ActiveMode.ACTIVE)
        if got[0] < BATCH:
            loop.run()
        server.set_active(Gsctp.ActiveMode.PASSIVE)

    return rounds(send_batch, receive_batch, seconds)


def spread(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2], ordered[0], ordered[-1]


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    # The guest's timing wanders: rounds taking turns, medians of each
    # figure, and ratios taken within each round.
    raw_runs = []
    gsctp_runs = []
    many_runs = []
    active_runs = []
    batches_runs = []
    for _ in range(rounds):
        raw_runs.append(run_socket_module(seconds))
        gsctp_runs.append(run_gsctp(seconds))
        many_runs.append(run_gsctp_many(seconds))
        active_runs.append(run_gsctp_active(seconds, False))
        batches_runs.append(run_gsctp_active(seconds, True))
    for index, what in ((0, "send"), (1, "receive")):
        raw, raw_low, raw_high = spread([r[index] for r in raw_runs])
        print("python socket %-8s       %6d B  %10.0f msg/s (%.0f-%.0f)"
              % (what, SIZE, raw, raw_low, raw_high))
        measured = [("gsctp", "", gsctp_runs), ("gsctp many", "many_", many_runs)]
        if what == "receive":
            measured += [("::message", "active_", active_runs),
                         ("::messages", "batches_", batches_runs)]
        for label, name, runs in measured:
            ours, low, high = spread([g[index] for g in runs])
            ratio, ratio_low, ratio_high = spread(
                [g[index] / r[index] for g, r in zip(runs, raw_runs)])
            print("python %-10s %-8s %6d B  %10.0f msg/s (%.0f-%.0f)   x%.2f of the socket "
                  "module (x%.2f-x%.2f over %d rounds)"
                  % (label, what, SIZE, ours, low, high, ratio, ratio_low, ratio_high, rounds))
            print("RESULT python_%s%s_1k_vs_socket=%.3f" % (name, what, ratio))


if __name__ == "__main__":
    main()
