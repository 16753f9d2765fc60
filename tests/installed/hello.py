# Finds only the installed typelib (GI_TYPELIB_PATH names the install).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import gi
gi.require_version("Gsctp", "1.0")
from gi.repository import Gio, GLib, Gsctp

repo = gi.Repository.get_default()
assert "/_install/" in repo.get_typelib_path("Gsctp"), repo.get_typelib_path("Gsctp")
srv = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
srv.bind([Gio.InetSocketAddress.new_from_string("127.0.0.1", 0)])
srv.listen(1)
cli = Gsctp.Socket.new(Gio.SocketFamily.IPV4, Gsctp.SocketType.SEQPACKET)
assoc = cli.associate([Gio.InetSocketAddress.new_from_string("127.0.0.1", srv.get_local_port())], None, 5000, None)
cli.send_to_stream(assoc.assoc_id, 0, GLib.Bytes.new(b"installed"), None)
while True:
    m = srv.receive(5000, None)
    if not m.is_event():
        assert m.get_data().get_data() == b"installed"
        break
print("python: ok")
