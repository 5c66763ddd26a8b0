package io.portcullis.proxy.edge;

import static io.portcullis.proxy.edge.RawHttpClient.exchange;
import static io.portcullis.proxy.edge.RawHttpClient.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.LimitsConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks over a real socket against a real Netty server running the edge. Every hostile request is
 * followed on the same connection by {@code GET /smuggled}: the test asserts the status and reason,
 * that the server closed the connection by itself, that exactly one response came back, and that the
 * stand-in proxy saw nothing at all, least of all the smuggled request.
 */
class EdgeCodecSocketTest {

    private static final LimitsConfig LIMITS = new LimitsConfig(1024, 256, 20, 1 << 20, 100, 4096);
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";

    private EdgeTestServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new EdgeTestServer(LIMITS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                attack("CL.TE", 400, "framing-cl-with-te",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"),
                attack("TE.CL", 400, "framing-cl-with-te",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
                        + "8\r\nSMUGGLED\r\n0\r\n\r\n"),
                attack("TE.TE chunked, identity", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                attack("TE identity, chunked", 400, "framing-te-invalid",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n"),
                attack("TE gzip, chunked", 400, "framing-te-invalid",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                attack("TE xchunked", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
                attack("TE twice", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\n"),
                attack("TE obs-fold", 400, "header-obs-fold",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 5\r\n\r\n"
                        + "0\r\n\r\n"),
                attack("TE space before colon", 400, "header-space-before-colon",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n"
                        + "0\r\n\r\n"),
                attack("TE in HTTP/1.0", 400, "framing-te-http10",
                        "POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                attack("duplicate CL", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
                attack("CL list", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc"),
                attack("CL with inner space", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\nabc"),
                attack("CL with sign", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc"),
                attack("CL negative", 400, "request-malformed",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\nabc"),
                attack("obs-fold", 400, "header-obs-fold",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-User: bob\r\n admin\r\n\r\n"),
                attack("space before colon", 400, "header-space-before-colon",
                        "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                attack("NUL in header value", 400, "request-malformed",
                        "GET / HTTP/1.1\r\nHost: a\r\nX: a\u0000b\r\n\r\n"),
                attack("NUL in header name", 400, "request-malformed",
                        "GET / HTTP/1.1\r\nHost: a\r\nX\u0000Y: b\r\n\r\n"),
                attack("bare LF", 400, "bare-lf", "GET / HTTP/1.1\nHost: a\n\n"),
                attack("bare LF in headers", 400, "bare-lf", "GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n"),
                attack("bare CR", 400, "bare-cr", "GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n"),
                attack("two-part request line", 400, "request-line-invalid",
                        "GET /admin\r\nGET /public HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("method not a token", 400, "request-malformed", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("tab in request line", 400, "request-line-invalid", "GET\t/admin HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("missing Host", 400, "host-missing", "GET / HTTP/1.1\r\n\r\n"),
                attack("two Hosts", 400, "host-duplicate", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                attack("bad Host", 400, "host-invalid", "GET / HTTP/1.1\r\nHost: evil@a\r\n\r\n"),
                attack("absolute-form mismatch", 400, "host-mismatch",
                        "GET http://admin.internal/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("two Authorizations", 400, "authorization-duplicate",
                        "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\nAuthorization: Bearer y\r\n\r\n"),
                attack("HTTP/2.0 line", 505, "version-unsupported", "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
                attack("too many headers", 431, "headers-too-many",
                        "GET / HTTP/1.1\r\nHost: a\r\n" + "X: 1\r\n".repeat(20) + "\r\n"),
                attack("headers too large", 431, "headers-too-large",
                        "GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(1100) + "\r\n\r\n"),
                attack("request line too long", 414, "request-line-too-long",
                        "GET /" + "p".repeat(400) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("URI over the limit", 414, "uri-too-long",
                        "GET /" + "p".repeat(256) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("encoded slash", 400, "path-encoded-slash", "GET /public%2F..%2Fadmin HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("encoded backslash", 400, "path-encoded-slash", "GET /a%5cb HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("backslash", 400, "path-backslash", "GET /public/..\\admin HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("bad escape", 400, "path-bad-escape", "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("truncated escape", 400, "path-bad-escape", "GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("path parameter", 400, "path-parameter", "GET /admin;jsessionid=1 HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("dot-dot parameter", 400, "path-parameter", "GET /public/..;/admin HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("encoded NUL", 400, "path-invalid-char", "GET /admin%00.png HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("raw NUL", 400, "path-invalid-char", "GET /admin\u0000x HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("control byte", 400, "path-invalid-char", "GET /a\u0001b HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("DEL", 400, "path-invalid-char", "GET /a\u007fb HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("raw non-ASCII", 400, "path-invalid-char", "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("fragment", 400, "path-fragment", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("bad query byte", 400, "query-invalid-char", "GET /a?q=\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("relative target", 400, "path-invalid-form", "GET admin HTTP/1.1\r\nHost: a\r\n\r\n"),
                attack("asterisk for GET", 400, "path-asterisk", "GET * HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    private static Arguments attack(String name, int status, String reason, String raw) {
        return Arguments.of(name, status, reason, raw);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesClosesAndForwardsNothing(String name, int status, String reason, String raw) throws Exception {
        String response = exchange(server.port(), raw + SMUGGLED, false);

        assertEquals(List.of(status), statuses(response), response);
        assertTrue(response.contains("{\"error\":\"" + reason + "\"}"), response);
        assertTrue(response.contains("connection: close"), response);
        assertEquals(List.of(status + " " + reason), server.rejections);
        assertEquals(List.of(), server.seen, "the stand-in proxy must see nothing");
    }

    @Test
    void canonicalRequestsPassPipelinedWithTheirBodies() throws Exception {
        String response = exchange(server.port(),
                "GET /a/./b/../c//d?x=%2e%2e HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /%7Euser/%2e%2E/up HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nk: v\r\n x: y"
                + "PUT http://a/abs HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "7\r\n\r\n z: 1\r\n0\r\n\r\n"
                + "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
                true);

        assertEquals(List.of(200, 200, 200, 200), statuses(response), response);
        assertEquals(List.of(
                "GET /a/c/d?x=%2e%2e", "end",
                "POST /up", "body:k: v\r\n x: y", "end",
                "PUT /abs", "body:\r\n z: 1", "end",
                "OPTIONS *", "end"), server.seen);
        assertEquals(List.of(), server.rejections);
    }

    @Test
    void aRefusalAfterGoodRequestsStopsTheConnectionThere() throws Exception {
        String response = exchange(server.port(),
                "GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok"
                + "GET / HTTP/1.1\r\nHost: a\r\nX: y\r\n z\r\n\r\n"
                + SMUGGLED,
                false);

        assertEquals(List.of(200, 200, 400), statuses(response), response);
        assertEquals(List.of("GET /first", "end", "POST /second", "body:ok", "end"), server.seen);
        assertEquals(List.of("400 header-obs-fold"), server.rejections);
    }

    @Test
    void corruptChunkAfterAnAcceptedHeadIsRefusedAndNothingFollows() throws Exception {
        String response = exchange(server.port(),
                "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\n0\r\n\r\n"
                + SMUGGLED,
                false);

        assertEquals(List.of(400), statuses(response), response);
        assertEquals(List.of("POST /up", "body:ok"), server.seen, "the head passed; its body never ended");
        assertFalse(server.seen.contains("end"));
        assertEquals(List.of("400 body-malformed"), server.rejections);
    }

    @Test
    void chunkedBodyHidingARequestStaysABody() throws Exception {
        String hidden = "GET /admin HTTP/1.1\r\nHost: a\r\n\r\n";
        String response = exchange(server.port(),
                "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(hidden.length()) + "\r\n" + hidden + "\r\n0\r\n\r\n",
                true);

        assertEquals(List.of(200), statuses(response), response);
        assertEquals(List.of("POST /up", "body:" + hidden, "end"), server.seen);
    }
}
