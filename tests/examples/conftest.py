# conftest.py: the examples' ring on either backend
#
# With GSCTP_BACKEND=userland the examples run natively, as separate
# processes that find each other over UDP: the run takes a free UDP port of
# its own for all of them. connect_init's two servers are two processes,
# which cannot both have the host's one local UDP port (as two kernels
# could not): that case is the kernel backend's (marked kernel_only) and is
# left out, not skipped.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import socket

USERLAND = os.environ.get("GSCTP_BACKEND") == "userland"

if USERLAND and "GSCTP_UDP_PORT" not in os.environ:
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
        probe.bind(("::", 0))
        port = str(probe.getsockname()[1])
    os.environ["GSCTP_UDP_PORT"] = port
    os.environ["GSCTP_UDP_REMOTE_PORT"] = port


def pytest_configure(config):
    config.addinivalue_line("markers", "kernel_only: needs the kernel backend")


def pytest_collection_modifyitems(config, items):
    if not USERLAND:
        return
    kept = [item for item in items if "kernel_only" not in item.keywords]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
