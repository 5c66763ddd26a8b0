package io.portcullis.proxy.server.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.portcullis.proxy.server.ProtocolInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the TLS handshake: records the client certificate, then installs HTTP/2 or HTTP/1.1 after
 * itself as ALPN chose (HTTP/1.1 when the client offered no ALPN) and leaves the pipeline. A failed
 * handshake closes the connection; it is logged at debug level only, since scanners cause plenty.
 */
public final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AlpnSwitch.class);

    private final ProtocolInstaller installer;

    public AlpnSwitch(ProtocolInstaller installer) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.installer = installer;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null) {
            ClientCertificates.capture(ctx.channel(), ssl);
        }
        switch (protocol) {
            case ApplicationProtocolNames.HTTP_2 -> installer.http2(ctx);
            case ApplicationProtocolNames.HTTP_1_1 -> installer.http1(ctx);
            default -> ctx.close();
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
