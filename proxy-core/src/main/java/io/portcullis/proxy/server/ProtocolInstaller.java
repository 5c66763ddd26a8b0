package io.portcullis.proxy.server;

import io.netty.channel.ChannelHandlerContext;

/**
 * Installs the request path for the protocol a connection turned out to speak, after the handler that
 * found out ({@code ctx}); the connection is already active when it is called.
 */
public interface ProtocolInstaller {

    /** HTTP/1.1 (or 1.0): the strict edge codec and one proxy handler for the connection. */
    void http1(ChannelHandlerContext ctx);

    /** HTTP/2: the frame codec and a proxy handler per stream. */
    void http2(ChannelHandlerContext ctx);
}
