package io.portcullis.proxy.edge;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.portcullis.config.LimitsConfig;
import java.util.Objects;

/**
 * Installs the strict HTTP/1.1 edge into a connection's pipeline: response encoder, the decoder (Netty's,
 * with limits from {@link LimitsConfig}, header validation, duplicate Content-Length refused, CRLF
 * required, and a raw-byte check of each head for what Netty would otherwise tolerate), and the gate
 * that refuses with an {@link EdgeRefusal} event or passes each request on with its canonical URI.
 *
 * <p>What the next handler receives: an {@code HttpRequest} whose {@code uri()} is the canonical
 * origin-form {@code path[?query]} (or {@code *} for {@code OPTIONS *}), then its {@code HttpContent}s
 * ending with a {@code LastHttpContent}; never a failed decoder result. Identity headers are not
 * scrubbed here; see {@link IdentityHeaderScrubber}.
 *
 * <p>One instance serves every connection; {@link #install} creates the per-connection handlers.
 */
public final class EdgeCodec {

    /** Pipeline name of the response encoder. */
    public static final String ENCODER = "edge-encoder";
    /** Pipeline name of the request decoder. */
    public static final String DECODER = "edge-decoder";
    /** Pipeline name of the gate; the next handler goes after it. */
    public static final String GATE = "edge-gate";

    /**
     * Room for the method, the spaces and {@code HTTP/1.1} on the request line, so the URI itself may
     * be {@code max_uri_length} long; the {@link RequestGuard} holds the URI to that exact limit.
     */
    static final int REQUEST_LINE_OVERHEAD = 64;

    private final LimitsConfig limits;
    private final RequestGuard guard;
    private final boolean allowEncodedSlash;

    /**
     * @param allowEncodedSlash keep {@code %2F}/{@code %5C} in paths (escaped) instead of refusing them
     */
    public EdgeCodec(LimitsConfig limits, boolean allowEncodedSlash) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.guard = new RequestGuard(limits);
        this.allowEncodedSlash = allowEncodedSlash;
    }

    /** Appends the encoder, decoder and gate (named {@link #ENCODER}, {@link #DECODER}, {@link #GATE}). */
    public void install(ChannelPipeline pipeline) {
        pipeline.addLast(ENCODER, new HttpResponseEncoder());
        pipeline.addLast(DECODER, new StrictRequestDecoder(decoderConfig(limits)));
        pipeline.addLast(GATE, new EdgeRequestGate(guard, allowEncodedSlash));
    }

    static HttpDecoderConfig decoderConfig(LimitsConfig limits) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength((int) Math.min(Integer.MAX_VALUE,
                        (long) limits.maxUriLength() + REQUEST_LINE_OVERHEAD))
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setValidateHeaders(true)
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setChunkedSupported(true);
    }
}
