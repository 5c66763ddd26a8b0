package io.portcullis.proxy.server.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Ends a relayed WebSocket that is no longer allowed: a close frame with status 1008 (policy
 * violation, RFC 6455 §7.4.1) to each side, then both connections close. The upstream stops relaying
 * first, so nothing more of its reaches the client after our frame. The relay does not parse frames:
 * a frame the upstream was half-way through is cut, and the client then reads the connection as
 * closed abnormally rather than with 1008.
 */
public final class PolicyClose {

    /** Status 1008: an unmasked close frame, as a server sends it. */
    private static final byte[] TO_CLIENT = {(byte) 0x88, 0x02, 0x03, (byte) 0xF0};
    /** The same frame as a client must send it: masked (with a zero key, which XORs nothing). */
    private static final byte[] TO_UPSTREAM = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xF0};

    private PolicyClose() {
    }

    /** Sends the close frames and closes both; call on the client channel's loop. */
    public static void close(Channel client, Channel upstream) {
        if (upstream.pipeline().get("ws-relay") != null) {
            upstream.pipeline().remove("ws-relay");
        }
        upstream.config().setAutoRead(false);
        if (upstream.isActive()) {
            upstream.writeAndFlush(Unpooled.wrappedBuffer(TO_UPSTREAM)).addListener(ChannelFutureListener.CLOSE);
        }
        if (client.isActive()) {
            client.writeAndFlush(Unpooled.wrappedBuffer(TO_CLIENT)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
