package io.portcullis.proxy.server.h2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * HTTP/2 header rules checked on the frames of one stream, before they become an HTTP/1.1-style
 * request: connection-specific fields ({@code Connection}, {@code Keep-Alive},
 * {@code Proxy-Connection}, {@code Transfer-Encoding}, {@code Upgrade}, and {@code TE} other than
 * {@code trailers}) make the message malformed (RFC 9113 §8.2.2), and so does a {@code Host} that
 * differs from {@code :authority} (§8.3.1). A malformed stream is reset with PROTOCOL_ERROR and
 * nothing of it is passed on. A {@code Host} equal to {@code :authority} is dropped so that the
 * request carries exactly one.
 */
public final class Http2HeaderRules extends ChannelInboundHandlerAdapter {

    /** Reason code for a reset malformed stream. */
    public static final String CONNECTION_HEADER = "h2-connection-specific-header";
    /** Reason code for Host disagreeing with :authority. */
    public static final String HOST_MISMATCH = "h2-host-authority-mismatch";

    private static final AsciiString[] CONNECTION_SPECIFIC = {
        HttpHeaderNames.CONNECTION, AsciiString.cached("keep-alive"), AsciiString.cached("proxy-connection"),
        HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
    };

    private final Consumer<String> onReset;
    private boolean reset;

    /** @param onReset told the reason code of each stream this resets (for metrics and logs) */
    public Http2HeaderRules(Consumer<String> onReset) {
        this.onReset = onReset;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (reset) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Http2HeadersFrame frame) {
            String problem = check(frame.headers());
            if (problem != null) {
                ReferenceCountUtil.release(msg);
                reset = true;
                onReset.accept(problem);
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The reason the headers are malformed, or null; drops a Host equal to :authority. */
    static String check(Http2Headers headers) {
        // names compared ignoring case: HTTP/2 requires lower case, but the rule must not depend on it
        for (var field : headers) {
            CharSequence name = field.getKey();
            for (AsciiString forbidden : CONNECTION_SPECIFIC) {
                if (forbidden.contentEqualsIgnoreCase(name)) {
                    return CONNECTION_HEADER;
                }
            }
            if (HttpHeaderNames.TE.contentEqualsIgnoreCase(name)
                    && !HttpHeaderValues.TRAILERS.contentEqualsIgnoreCase(field.getValue())) {
                return CONNECTION_HEADER;
            }
        }
        CharSequence authority = headers.authority();
        if (authority != null && headers.contains(HttpHeaderNames.HOST)) {
            if (headers.getAll(HttpHeaderNames.HOST).size() != 1
                    || !AsciiString.contentEqualsIgnoreCase(authority, headers.get(HttpHeaderNames.HOST))) {
                return HOST_MISMATCH;
            }
            headers.remove(HttpHeaderNames.HOST);
        }
        return null;
    }
}
