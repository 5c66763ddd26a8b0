package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.config.LimitsConfig;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    private final RequestGuard guard = new RequestGuard(new LimitsConfig(16 * 1024, 64, 6, 1024, 10, 4096));

    /** Headers without Netty's validation, so the guard alone is what stands between them and upstream. */
    private static HttpRequest request(HttpVersion version, String uri, String... headerPairs) {
        HttpRequest request = new DefaultHttpRequest(version, HttpMethod.POST, uri,
                DefaultHttpHeadersFactory.headersFactory().withValidation(false));
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.headers().add(headerPairs[i], headerPairs[i + 1]);
        }
        return request;
    }

    private static HttpRequest request11(String... headerPairs) {
        return request(HttpVersion.HTTP_1_1, "/a", headerPairs);
    }

    private void assertRejected(HttpResponseStatus status, String reason, boolean close, HttpRequest request,
                                String authority) {
        Rejection rejection = guard.check(request, authority);
        assertNotNull(rejection, "accepted " + request);
        assertEquals(new Rejection(status, reason, close), rejection);
    }

    private void assertBadRequest(String reason, boolean close, HttpRequest request) {
        assertRejected(HttpResponseStatus.BAD_REQUEST, reason, close, request, null);
    }

    @Test
    void acceptsOrdinaryRequests() {
        assertNull(guard.check(request11("Host", "example.com"), null));
        assertNull(guard.check(request11("Host", "example.com:8443", "Content-Length", "12"), null));
        assertNull(guard.check(request11("Host", "[::1]:80", "Transfer-Encoding", "Chunked"), null));
        assertNull(guard.check(request11("Host", "a", "Authorization", "Bearer x", "X", "caf\u00e9\tok"), null));
        assertNull(guard.check(request(HttpVersion.HTTP_1_0, "/a"), null), "HTTP/1.0 needs no Host");
        assertNull(guard.check(request11("Host", "Example.com"), "example.COM"));
    }

    @Test
    void hostMustBeThereOnceAndWellFormed() {
        assertBadRequest("host-missing", false, request11());
        assertBadRequest("host-duplicate", false, request11("Host", "a", "Host", "a"));
        assertBadRequest("host-duplicate", false, request(HttpVersion.HTTP_1_0, "/", "Host", "a", "host", "b"));
        assertBadRequest("host-invalid", false, request11("Host", ""));
        assertBadRequest("host-invalid", false, request11("Host", "user@a"));
        assertBadRequest("host-invalid", false, request11("Host", "a b"));
        assertBadRequest("host-invalid", false, request11("Host", "a:99999"));
        assertBadRequest("host-invalid", false, request11("Host", "a/b"));
    }

    @Test
    void absoluteFormAuthorityMustBeTheHost() {
        assertRejected(HttpResponseStatus.BAD_REQUEST, "host-mismatch", false,
                request11("Host", "public.example"), "admin.internal");
        assertRejected(HttpResponseStatus.BAD_REQUEST, "host-mismatch", false,
                request11("Host", "a"), "a:80");
        assertRejected(HttpResponseStatus.BAD_REQUEST, "host-invalid", false,
                request(HttpVersion.HTTP_1_0, "/"), "evil@a");
    }

    @Test
    void contentLengthWithTransferEncodingIsSmuggling() {
        assertBadRequest("framing-cl-with-te", true,
                request11("Host", "a", "Content-Length", "5", "Transfer-Encoding", "chunked"));
    }

    @Test
    void contentLengthMustBeOneDecimal() {
        assertBadRequest("framing-cl-duplicate", true,
                request11("Host", "a", "Content-Length", "5", "Content-Length", "5"));
        assertBadRequest("framing-cl-duplicate", true, request11("Host", "a", "Content-Length", "5, 5"));
        for (String bad : new String[] {"", "+5", "-1", " 5", "5 ", "0x5", "5a", "1234567890123456789"}) {
            assertBadRequest("framing-cl-invalid", true, request11("Host", "a", "Content-Length", bad));
        }
    }

    @Test
    void transferEncodingMustBeExactlyChunked() {
        assertBadRequest("framing-te-invalid", true, request11("Host", "a", "Transfer-Encoding", "chunked, identity"));
        assertBadRequest("framing-te-invalid", true, request11("Host", "a", "Transfer-Encoding", "identity, chunked"));
        assertBadRequest("framing-te-invalid", true,
                request11("Host", "a", "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"));
        for (String unknown : new String[] {"xchunked", "chunked ", "gzip", "identity", ""}) {
            assertRejected(HttpResponseStatus.NOT_IMPLEMENTED, "framing-te-unsupported", true,
                    request11("Host", "a", "Transfer-Encoding", unknown), null);
        }
        assertBadRequest("framing-te-http10", true,
                request(HttpVersion.HTTP_1_0, "/", "Transfer-Encoding", "chunked"));
    }

    @Test
    void authorizationMayNotRepeat() {
        assertBadRequest("authorization-duplicate", false,
                request11("Host", "a", "Authorization", "Bearer x", "authorization", "Bearer y"));
    }

    @Test
    void headerCountIsLimited() {
        assertNull(guard.check(request11("Host", "a", "A", "1", "B", "2", "C", "3", "D", "4", "E", "5"), null));
        assertRejected(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-many", true,
                request11("Host", "a", "A", "1", "B", "2", "C", "3", "D", "4", "E", "5", "F", "6"), null);
    }

    @Test
    void headerBytesAreChecked() {
        assertBadRequest("header-invalid-name", true, request11("Host", "a", "X Y", "1"));
        assertBadRequest("header-invalid-name", true, request11("Host", "a", "X-User ", "1"));
        assertBadRequest("header-invalid-name", true, request11("Host", "a", "X\u0000", "1"));
        assertBadRequest("header-invalid-value", true, request11("Host", "a", "X", "a\u0000b"));
        assertBadRequest("header-invalid-value", true, request11("Host", "a", "X", "a\rb"));
        assertBadRequest("header-invalid-value", true, request11("Host", "a", "X", "a\nb"));
        assertBadRequest("header-invalid-value", true, request11("Host", "a", "X", "a\u007fb"));
    }

    @Test
    void onlyHttp10And11AreSpoken() {
        for (HttpVersion version : new HttpVersion[] {HttpVersion.valueOf("HTTP/2.0"), HttpVersion.valueOf("HTTP/1.2"),
            HttpVersion.valueOf("HTTP/0.9")}) {
            assertRejected(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "version-unsupported", true,
                    request(version, "/", "Host", "a"), null);
        }
    }

    @Test
    void uriLengthIsLimited() {
        assertNull(guard.check(request(HttpVersion.HTTP_1_1, "/" + "a".repeat(63), "Host", "a"), null));
        Rejection tooLong = guard.check(request(HttpVersion.HTTP_1_1, "/" + "a".repeat(64), "Host", "a"), null);
        assertEquals(new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long", true), tooLong);
        assertTrue(tooLong.close());
    }
}
