package io.portcullis.proxy.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Where the edge hands a refused request. The implementation writes the client's error response (no
 * exception text, no token), records the decision, and closes the connection once the response is
 * flushed. By the time it is called the edge has already stopped reading requests from the
 * connection: nothing after the refused request will reach the next handler.
 */
@FunctionalInterface
public interface EdgeRejectionSink {

    /**
     * @param ctx    the context of the edge's last handler; write through it so the response passes the
     *               encoder
     * @param status the status to answer with
     * @param reason a code from {@link EdgeReasons}, safe to show the client
     */
    void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String reason);
}
