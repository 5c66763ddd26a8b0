package io.portcullis.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after its last response without destroying that response. A plain close while
 * the client's unread bytes sit in our receive buffer makes the kernel send a reset, which can discard
 * the error response before the client reads it. So: flush, half-close (FIN), and close fully when
 * the client closes or after a short grace period.
 */
final class GracefulClose {

    static final long GRACE_MILLIS = 2000;

    private GracefulClose() {
    }

    /** Once {@code lastWrite} is done, half-closes the channel and closes it after the grace period. */
    static void afterWrite(ChannelFuture lastWrite) {
        lastWrite.addListener((ChannelFuture f) -> {
            Channel ch = f.channel();
            if (!ch.isActive()) {
                return;
            }
            if (ch instanceof DuplexChannel duplex && f.isSuccess()) {
                duplex.shutdownOutput().addListener(done -> {
                    if (duplex.isInputShutdown()) {
                        ch.close(); // the client half-closed already: both directions are done
                        return;
                    }
                    ch.config().setAutoRead(true);
                    ch.eventLoop().schedule(() -> {
                        ch.close();
                    }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
                });
            } else {
                ch.close();
            }
        });
    }
}
