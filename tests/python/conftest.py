# conftest.py: the Python tests on either backend
#
# With GSCTP_BACKEND=userland the tests run natively: the run takes a free
# UDP port of its own (runs go side by side), and what only the kernel
# backend has (marked kernel_only) is left out, not skipped.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import socket

import pytest

USERLAND = os.environ.get("GSCTP_BACKEND") == "userland"

if USERLAND and "GSCTP_UDP_PORT" not in os.environ:
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
        probe.bind(("::", 0))
        port = str(probe.getsockname()[1])
    os.environ["GSCTP_UDP_PORT"] = port
    os.environ["GSCTP_UDP_REMOTE_PORT"] = port


def pytest_configure(config):
    config.addinivalue_line("markers", "kernel_only: needs the kernel backend (multi-homing, "
                                       "a file descriptor, the kernel's own events)")


def pytest_collection_modifyitems(config, items):
    if not USERLAND:
        return
    kept = [item for item in items if "kernel_only" not in item.keywords]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
