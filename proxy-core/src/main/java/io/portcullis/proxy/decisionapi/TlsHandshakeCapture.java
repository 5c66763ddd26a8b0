package io.portcullis.proxy.decisionapi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.portcullis.proxy.server.tls.ClientCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the decision API's TLS connections: once the handshake succeeded, records the client certificate it
 * verified (an AuthZEN caller may authenticate with it) and leaves the pipeline; a failed handshake
 * closes the connection, logged at debug level only, since scanners cause plenty.
 */
final class TlsHandshakeCapture extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeCapture.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ClientCertificates.capture(ctx.channel(), ctx.pipeline().get(SslHandler.class));
                ctx.pipeline().remove(this);
            } else {
                LOG.debug("decision API: TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                        done.cause().toString());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }
}
