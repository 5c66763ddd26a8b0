package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.config.LimitsConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictRequestDecoderTest {

    private final EmbeddedChannel channel =
            new EmbeddedChannel(new StrictRequestDecoder(EdgeCodec.decoderConfig(LimitsConfig.defaults())));

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** What the decoder produced, as "GET /uri", "body:..." , "end" and "FAILED reason" lines. */
    private List<String> decoded() {
        List<String> events = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            if (message instanceof HttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    Throwable cause = request.decoderResult().cause();
                    events.add("FAILED " + (cause instanceof EdgeFramingException e ? e.reason() : "netty"));
                } else {
                    events.add(request.method() + " " + request.uri());
                }
            } else if (message instanceof HttpContent content) {
                if (content.content().isReadable()) {
                    events.add("body:" + content.content().toString(StandardCharsets.ISO_8859_1));
                }
                if (content.decoderResult().isFailure()) {
                    events.add("FAILED body");
                }
                if (message instanceof LastHttpContent) {
                    events.add("end");
                }
            }
            ReferenceCountUtil.release(message);
        }
        return events;
    }

    private void feed(String raw) {
        channel.writeInbound(bytes(raw));
    }

    private void feedBytewise(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            channel.writeInbound(bytes(raw.substring(i, i + 1)));
        }
    }

    private static final String PIPELINE =
            "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\n"
            + "x\r\n y: z\r\n\tw"                       // a body that looks like folded header lines
            + "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\n\r\n a\r\n b\r\n0\r\n\r\n"          // so does this chunk
            + "GET /c HTTP/1.1\r\nHost: h\r\n\r\n";

    private static final List<String> PIPELINE_EVENTS = List.of(
            "POST /a", "body:x\r\n y: z\r\n\tw", "end", "POST /b", "body:\r\n a\r\n b", "end", "GET /c", "end");

    @Test
    void bodiesAreNotScannedAndEachHeadIs() {
        feed(PIPELINE);
        assertEquals(PIPELINE_EVENTS, decoded());
    }

    @Test
    void pipelineSplitIntoSingleBytesDecodesTheSame() {
        feedBytewise(PIPELINE);
        List<String> events = decoded();
        // bodies arrive byte by byte, so join consecutive body pieces before comparing
        assertEquals(PIPELINE_EVENTS, joinBodies(events));
    }

    @Test
    void obsFoldIsRefusedAndTheRestDropped() {
        feed("GET /a HTTP/1.1\r\nHost: h\r\nX-A: b\r\n c\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("FAILED header-obs-fold"), decoded());
        feed("GET /later HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of(), decoded());
    }

    @Test
    void obsFoldInASecondPipelinedHeadIsFoundEvenBytewise() {
        feedBytewise("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nz"
                + "GET /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n");
        assertEquals(List.of("POST /a", "body:z", "end", "FAILED header-obs-fold"), decoded());
    }

    @Test
    void bareLineEndsAndSpaceBeforeColonAreRefused() {
        assertEquals(List.of("FAILED bare-lf"), decodeAlone("GET / HTTP/1.1\nHost: h\n\n"));
        assertEquals(List.of("FAILED bare-cr"), decodeAlone("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n"));
        assertEquals(List.of("FAILED header-space-before-colon"),
                decodeAlone("GET / HTTP/1.1\r\nHost : h\r\n\r\n"));
    }

    @Test
    void nettyFailuresAlsoStopAllFurtherDecoding() {
        feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"
                + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("FAILED netty"), decoded());
        feed("GET /later HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of(), decoded());
    }

    @Test
    void invalidChunkFailsTheBodyAndStopsDecoding() {
        feed("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
                + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        List<String> events = decoded();
        assertEquals("POST /a", events.get(0));
        assertTrue(events.contains("FAILED body"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.contains("smuggled")), events.toString());
    }

    @Test
    void discardRemainingDropsEverythingAfter() {
        feed("GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("GET /a", "end"), decoded());

        channel.pipeline().get(StrictRequestDecoder.class).discardRemaining();
        feed("GET /b HTTP/1.1\r\nHost: h\r\n\r\n");

        assertEquals(List.of(), decoded());
    }

    @Test
    void failedExpectationEndsTheConnection() {
        feed("POST /a HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        assertEquals(List.of("POST /a"), decoded());

        channel.pipeline().fireUserEventTriggered(HttpExpectationFailedEvent.INSTANCE);
        feed("GET /b HTTP/1.1\r\nHost: h\r\n\r\n");

        assertEquals(List.of(), decoded());
    }

    @Test
    void leadingEmptyLinesBeforeARequestAreTolerated() {
        feed("GET /a HTTP/1.1\r\nHost: h\r\n\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("GET /a", "end", "GET /b", "end"), decoded());
    }

    @Test
    void failureMessageIsACompleteRequest() {
        feed("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n");
        Object message = channel.readInbound();
        assertInstanceOf(LastHttpContent.class, message, "the gate must be able to treat it as a whole request");
        ReferenceCountUtil.release(message);
    }

    private List<String> decodeAlone(String raw) {
        EmbeddedChannel fresh = new EmbeddedChannel(
                new StrictRequestDecoder(EdgeCodec.decoderConfig(LimitsConfig.defaults())));
        fresh.writeInbound(bytes(raw));
        List<String> events = new ArrayList<>();
        Object message;
        while ((message = fresh.readInbound()) != null) {
            if (message instanceof HttpRequest request && request.decoderResult().cause()
                    instanceof EdgeFramingException e) {
                events.add("FAILED " + e.reason());
            } else {
                events.add(String.valueOf(message));
            }
            ReferenceCountUtil.release(message);
        }
        fresh.finishAndReleaseAll();
        return events;
    }

    private static List<String> joinBodies(List<String> events) {
        List<String> joined = new ArrayList<>();
        for (String event : events) {
            int last = joined.size() - 1;
            if (event.startsWith("body:") && last >= 0 && joined.get(last).startsWith("body:")) {
                joined.set(last, joined.get(last) + event.substring(5));
            } else {
                joined.add(event);
            }
        }
        return joined;
    }
}
