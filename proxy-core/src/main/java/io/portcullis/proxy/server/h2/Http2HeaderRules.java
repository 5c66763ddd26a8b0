package io.portcullis.proxy.server.h2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * HTTP/2 header rules checked on the frames of one stream, before they become an HTTP/1.1-style
 * request: connection-specific fields ({@code Connection}, {@code Keep-Alive},
 * {@code Proxy-Connection}, {@code Transfer-Encoding}, {@code Upgrade}, and {@code TE} other than
 * {@code trailers}) make the message malformed (RFC 9113 §8.2.2); so does a {@code Host} that
 * differs from {@code :authority}, a request head without exactly one {@code :method},
 * {@code :scheme} and non-empty {@code :path} (§8.3.1), and a CONNECT that has a {@code :scheme} or
 * {@code :path} or lacks {@code :authority} (§8.5), and trailers that do not end the stream or carry a
 * pseudo-header or a connection-specific field (§8.1, §8.2.2). A malformed stream is reset with PROTOCOL_ERROR
 * at once and nothing of it is passed on: the codec behind would otherwise forward a request without
 * {@code :scheme}, and leave one without {@code :method} waiting for the header-read timeout while it
 * holds a stream slot. A {@code Host} equal to {@code :authority} is dropped so that the request
 * carries exactly one.
 */
public final class Http2HeaderRules extends ChannelInboundHandlerAdapter {

    /** Reason code for a reset malformed stream. */
    public static final String CONNECTION_HEADER = "h2-connection-specific-header";
    /** Reason code for Host disagreeing with :authority. */
    public static final String HOST_MISMATCH = "h2-host-authority-mismatch";
    /** Reason code for a missing, repeated, empty or misplaced pseudo-header. */
    public static final String PSEUDO_HEADER = "h2-pseudo-header-malformed";
    /** Reason code for a stream the HTTP/2 decoder itself found malformed. */
    public static final String STREAM_ERROR = "h2-stream-malformed";

    private static final AsciiString[] CONNECTION_SPECIFIC = {
        HttpHeaderNames.CONNECTION, AsciiString.cached("keep-alive"), AsciiString.cached("proxy-connection"),
        HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
    };

    private final Consumer<String> onReset;
    private boolean reset;
    /** The stream's first HEADERS frame (the request head) was seen; a later one is trailers. */
    private boolean headSeen;

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
            String problem = headSeen ? checkTrailers(frame) : check(frame.headers());
            headSeen = true;
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

    /**
     * The reason a trailer section (a later HEADERS frame) is malformed, or null: it ends the stream and
     * carries no pseudo-header (RFC 9113 §8.1) and no connection-specific field (§8.2.2). A pseudo-header
     * passed on in trailers could be read by an upstream that merges trailers into the head as a second
     * {@code :path} or {@code :authority}, one the policy never saw.
     */
    static String checkTrailers(Http2HeadersFrame frame) {
        if (!frame.isEndStream()) {
            return PSEUDO_HEADER;
        }
        for (var field : frame.headers()) {
            if (Http2Headers.PseudoHeaderName.hasPseudoHeaderFormat(field.getKey())) {
                return PSEUDO_HEADER;
            }
            if (connectionSpecific(field)) {
                return CONNECTION_HEADER;
            }
        }
        return null;
    }

    /**
     * A stream Netty's own decoder found malformed (a pseudo-header in trailers, say) reaches this
     * stream's pipeline as an exception, and Netty then closes the stream with CANCEL, which tells the
     * client nothing. It is answered like a malformed head instead: reset with the decoder's error
     * (PROTOCOL_ERROR), counted, and kept from the exchange, which would report an internal error.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2Exception.StreamException streamError) {
            if (!reset) {
                reset = true;
                onReset.accept(STREAM_ERROR);
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(streamError.error()));
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** The reason a request head is malformed, or null; drops a Host equal to :authority. */
    static String check(Http2Headers headers) {
        if (!pseudoHeadersWellFormed(headers)) {
            return PSEUDO_HEADER;
        }
        // names compared ignoring case: HTTP/2 requires lower case, but the rule must not depend on it
        for (var field : headers) {
            if (connectionSpecific(field)) {
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

    private static boolean connectionSpecific(java.util.Map.Entry<CharSequence, CharSequence> field) {
        CharSequence name = field.getKey();
        for (AsciiString forbidden : CONNECTION_SPECIFIC) {
            if (forbidden.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return HttpHeaderNames.TE.contentEqualsIgnoreCase(name)
                && !HttpHeaderValues.TRAILERS.contentEqualsIgnoreCase(field.getValue());
    }

    /**
     * RFC 9113 §8.3.1: exactly one {@code :method}, {@code :scheme} and {@code :path}, the path not
     * empty; §8.5: a CONNECT has exactly one {@code :authority} and neither {@code :scheme} nor
     * {@code :path}. Response pseudo-headers ({@code :status}) and {@code :protocol} (extended CONNECT
     * is not offered) never belong in a request.
     */
    private static boolean pseudoHeadersWellFormed(Http2Headers headers) {
        if (headers.contains(Http2Headers.PseudoHeaderName.STATUS.value())
                || headers.contains(Http2Headers.PseudoHeaderName.PROTOCOL.value())
                || count(headers, Http2Headers.PseudoHeaderName.METHOD) != 1
                || count(headers, Http2Headers.PseudoHeaderName.AUTHORITY) > 1) {
            return false;
        }
        int schemes = count(headers, Http2Headers.PseudoHeaderName.SCHEME);
        int paths = count(headers, Http2Headers.PseudoHeaderName.PATH);
        if (AsciiString.contentEquals("CONNECT", headers.method())) {
            return schemes == 0 && paths == 0 && headers.authority() != null;
        }
        return schemes == 1 && paths == 1 && headers.path().length() > 0;
    }

    private static int count(Http2Headers headers, Http2Headers.PseudoHeaderName name) {
        return headers.getAll(name.value()).size();
    }
}
