package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.config.LimitsConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole edge on an EmbeddedChannel: bytes in, what the next handler would see out. */
class EdgeRequestGateTest {

    private final RecordingSink sink = new RecordingSink();
    private final EmbeddedChannel channel = newChannel(false);

    private EmbeddedChannel newChannel(boolean allowEncodedSlash) {
        EmbeddedChannel embedded = new EmbeddedChannel();
        new EdgeCodec(LimitsConfig.defaults(), allowEncodedSlash).install(embedded.pipeline());
        embedded.pipeline().addLast(sink);
        return embedded;
    }

    private static void feed(EmbeddedChannel channel, String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    private static List<String> passed(EmbeddedChannel channel) {
        List<String> events = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            if (message instanceof HttpRequest request) {
                events.add(request.method() + " " + request.uri());
            } else if (message instanceof HttpContent content && content.content().isReadable()) {
                events.add("body:" + content.content().toString(StandardCharsets.ISO_8859_1));
            }
            if (message instanceof LastHttpContent) {
                events.add("end");
            }
            ReferenceCountUtil.release(message);
        }
        return events;
    }

    @Test
    void passesRequestsWithTheirCanonicalTarget() {
        feed(channel, "GET /a/./b/../c//d?x=%2e%2e HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /%7euser/%2E%2E/up HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"
                + "GET http://h/abs?q HTTP/1.1\r\nHost: h\r\n\r\n"
                + "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n");

        assertEquals(List.of("GET /a/c/d?x=%2e%2e", "end", "POST /up", "body:hi", "end", "GET /abs?q", "end",
                "OPTIONS *", "end"), passed(channel));
        assertEquals(List.of(), sink.rejections);
    }

    @Test
    void refusalStopsEverythingBehindIt() {
        feed(channel, "GET /ok HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /admin;x HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        feed(channel, "GET /later HTTP/1.1\r\nHost: h\r\n\r\n");

        assertEquals(List.of("GET /ok", "end"), passed(channel));
        assertEquals(List.of("400 path-parameter"), sink.rejections);
    }

    @Test
    void guardRefusalsComeBeforePathRefusals() {
        feed(channel, "GET /a;b HTTP/1.1\r\n\r\n");
        assertEquals(List.of(), passed(channel));
        assertEquals(List.of("400 host-missing"), sink.rejections);
    }

    @Test
    void asteriskIsOnlyForOptions() {
        feed(channel, "GET * HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of(), passed(channel));
        assertEquals(List.of("400 path-asterisk"), sink.rejections);
    }

    @Test
    void decoderFailuresAreMapped() {
        feed(channel, "GET /" + "a".repeat(LimitsConfig.defaults().maxUriLength() + 100) + " HTTP/1.1\r\n\r\n");
        EmbeddedChannel headers = newChannel(false);
        feed(headers, "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(LimitsConfig.defaults().maxHeaderBytes())
                + "\r\n\r\n");
        EmbeddedChannel malformed = newChannel(false);
        feed(malformed, "GET / HTTP/1.1\r\nHost: h\r\nX: a\u0000b\r\n\r\n");

        assertEquals(List.of("414 request-line-too-long", "431 headers-too-large", "400 request-malformed"),
                sink.rejections);
        assertEquals(List.of(), passed(channel));
        assertEquals(List.of(), passed(headers));
        assertEquals(List.of(), passed(malformed));
    }

    @Test
    void uriBetweenTheLimitAndTheLineOverheadIsStillRefused() {
        feed(channel, "GET /" + "a".repeat(LimitsConfig.defaults().maxUriLength()) + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("414 uri-too-long"), sink.rejections);
        assertEquals(List.of(), passed(channel));
    }

    @Test
    void encodedSlashFollowsTheSetting() {
        EmbeddedChannel allowing = newChannel(true);
        feed(allowing, "GET /a%2fb HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("GET /a%2Fb", "end"), passed(allowing));

        feed(channel, "GET /a%2fb HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of(), passed(channel));
        assertEquals(List.of("400 path-encoded-slash"), sink.rejections);
    }

    @Test
    void corruptBodyIsRefusedAfterItsHeadPassed() {
        feed(channel, "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nok\r\nnot-hex\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");

        assertEquals(List.of("POST /up", "body:ok"), passed(channel));
        assertEquals(List.of("400 body-malformed"), sink.rejections);
    }

    @Test
    void aRefusalNamesTheMethodAndCanonicalPathWhereKnown() {
        feed(channel, "PUT /a/./b HTTP/1.1\r\n\r\n");
        EmbeddedChannel badTarget = newChannel(false);
        feed(badTarget, "GET /a;x HTTP/1.1\r\nHost: h\r\n\r\n");
        EmbeddedChannel badHead = newChannel(false);
        feed(badHead, "GET /a HTTP/1.1\nHost: h\n\n");

        assertEquals(List.of(new EdgeRefusal(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST,
                        "host-missing", "PUT", "/a/b"),
                new EdgeRefusal(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST, "path-parameter",
                        "GET", null),
                new EdgeRefusal(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST, "bare-lf", null, null)),
                sink.refusals);
        badTarget.finishAndReleaseAll();
        badHead.finishAndReleaseAll();
    }

    @Test
    void contentWithoutAHeadIsRefused() {
        EmbeddedChannel bare = new EmbeddedChannel(new EdgeRequestGate(
                new RequestGuard(LimitsConfig.defaults()), false), sink);
        bare.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII)));
        assertNull(bare.readInbound());
        assertEquals(List.of("400 request-malformed"), sink.rejections);
    }
}
