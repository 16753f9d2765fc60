// Peer.java: OpenJDK's com.sun.nio.sctp as a third peer of gsctp's interop
// tests. "java Peer.java PORT" echoes every message back on its stream with
// its PPID and unordered flag, printing a line for each.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.SctpMultiChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

public class Peer {
    public static void main(String[] args) throws Exception {
        SctpMultiChannel channel = SctpMultiChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        System.out.println("listening");
        System.out.flush();
        AbstractNotificationHandler<Void> events = new AbstractNotificationHandler<Void>() {
            @Override
            public HandlerResult handleNotification(AssociationChangeNotification n, Void v) {
                System.out.println("assoc_change " + n.event());
                System.out.flush();
                return HandlerResult.CONTINUE;
            }
        };
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        for (;;) {
            buffer.clear();
            MessageInfo info = channel.receive(buffer, null, events);
            if (info == null)
                continue;
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            System.out.println("data stream=" + info.streamNumber() + " ppid=" + info.payloadProtocolID()
                               + " unordered=" + info.isUnordered() + " "
                               + new String(data, StandardCharsets.UTF_8));
            System.out.flush();
            MessageInfo out = MessageInfo.createOutgoing(info.association(), null, info.streamNumber())
                .payloadProtocolID(info.payloadProtocolID()).unordered(info.isUnordered());
            channel.send(ByteBuffer.wrap(data), out);
        }
    }
}
