package io.portcullis.proxy.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Netty's request decoder with the raw head bytes read first by a {@link HeadFramingScanner}, so
 * obs-fold, whitespace before a colon and stray CR/LF are refused before Netty unfolds or tolerates
 * them.
 *
 * <p>The scanner must see heads only, never bodies (a body may hold any bytes). Rather than frame
 * messages a second time, which is the very disagreement smuggling feeds on, the decoder's own output
 * tells where a head ends and a body ends: scanning stops after an {@link HttpRequest} is produced and
 * starts again after its {@link LastHttpContent}. Netty produces at most one of those boundaries per
 * {@code decode} call and consumes no bytes past it, so the next head is always scanned from its
 * first byte.
 *
 * <p>After any fault, and after {@link #discardRemaining()}, every further byte is dropped unread.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

    private final HeadFramingScanner scanner = new HeadFramingScanner();
    /** Bytes past the reader index the scanner has already read (only while in a head). */
    private int scannedAhead;
    private boolean inBody;
    private boolean discarding;

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** Drops everything read from now on: the connection is done. */
    void discardRemaining() {
        discarding = true;
    }

    /**
     * Netty's decoder answers a failed {@code Expect: 100-continue} by forgetting the current body and
     * waiting for a new head, a boundary this decoder cannot see. Rather than guess where the next head
     * starts, the connection is read no further.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HttpExpectationFailedEvent) {
            discardRemaining();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!inBody) {
            int scannedTo = scanner.scan(in, in.readerIndex() + scannedAhead, in.writerIndex());
            if (scanner.refusal() != null) {
                refuse(in, out, scanner.refusal());
                return;
            }
            scannedAhead = scannedTo - in.readerIndex();
        }
        int readerBefore = in.readerIndex();
        int producedBefore = out.size();
        super.decode(ctx, in, out);
        int consumed = in.readerIndex() - readerBefore;

        boolean boundary = false;
        for (int i = producedBefore; i < out.size(); i++) {
            Object message = out.get(i);
            if (message instanceof HttpRequest request) {
                if (request.decoderResult().isSuccess() && !scanner.headComplete()) {
                    // Netty saw a whole head where the scanner did not: the two disagree on framing
                    out.set(i, failed(EdgeReasons.REQUEST_MALFORMED));
                    release(message);
                    while (out.size() > i + 1) {
                        release(out.remove(out.size() - 1));
                    }
                    discarding = true;
                    in.skipBytes(in.readableBytes());
                    return;
                }
                inBody = true;
                boundary = true;
            }
            if (message instanceof LastHttpContent) {
                inBody = false;
                boundary = true;
            }
            if (isFailure(message)) {
                discarding = true;
            }
        }
        if (boundary) {
            scanner.reset();
            scannedAhead = 0;
        } else if (!inBody) {
            scannedAhead -= consumed;
            if (scannedAhead < 0) {
                // Netty read head bytes the scanner never saw: fail closed rather than scan out of step
                releaseAll(out.subList(producedBefore, out.size()));
                refuse(in, out, EdgeReasons.REQUEST_MALFORMED);
            }
        }
    }

    private static void releaseAll(List<Object> messages) {
        for (Object message : messages) {
            ReferenceCountUtil.release(message);
        }
        messages.clear();
    }

    private void refuse(ByteBuf in, List<Object> out, String reason) {
        discarding = true;
        in.skipBytes(in.readableBytes());
        out.add(failed(reason));
    }

    private static HttpRequest failed(String reason) {
        HttpRequest invalid = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request",
                Unpooled.EMPTY_BUFFER);
        invalid.setDecoderResult(DecoderResult.failure(new EdgeFramingException(reason)));
        return invalid;
    }

    private static boolean isFailure(Object message) {
        if (message instanceof HttpRequest request) {
            return request.decoderResult().isFailure();
        }
        return message instanceof HttpContent content && content.decoderResult().isFailure();
    }

    private static void release(Object message) {
        ReferenceCountUtil.release(message);
    }
}
