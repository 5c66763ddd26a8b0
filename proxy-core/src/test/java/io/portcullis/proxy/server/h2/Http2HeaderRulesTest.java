package io.portcullis.proxy.server.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 9113 §8.1, §8.2.2 and §8.3.1 as {@link Http2HeaderRules} applies them to one HEADERS frame. */
class Http2HeaderRulesTest {

    static Http2Headers request() {
        return new DefaultHttp2Headers(false).method("GET").path("/x").scheme("https").authority("app.test");
    }

    @ParameterizedTest
    @CsvSource({"connection,keep-alive", "Keep-Alive,5", "proxy-connection,close", "transfer-encoding,chunked",
        "upgrade,websocket", "te,gzip", "te,trailers;q=1"})
    void connectionSpecificFieldsAreMalformed(String name, String value) {
        assertEquals(Http2HeaderRules.CONNECTION_HEADER, Http2HeaderRules.check(request().add(name, value)));
    }

    @ParameterizedTest
    @CsvSource({":path,/admin", ":authority,admin.internal", ":method,DELETE", ":scheme,https", ":status,200",
        "connection,close", "transfer-encoding,chunked", "te,gzip"})
    void trailersWithAPseudoHeaderOrAConnectionFieldAreMalformed(String name, String value) {
        var trailers = new DefaultHttp2HeadersFrame(
                new DefaultHttp2Headers(false).add("x-ok", "1").add(name, value), true);
        assertEquals(name.startsWith(":") ? Http2HeaderRules.PSEUDO_HEADER : Http2HeaderRules.CONNECTION_HEADER,
                Http2HeaderRules.checkTrailers(trailers));
    }

    @Test
    void plainTrailersPassAndTrailersThatDoNotEndTheStreamAreMalformed() {
        var fields = new DefaultHttp2Headers(false).add("x-checksum", "abc");
        assertNull(Http2HeaderRules.checkTrailers(new DefaultHttp2HeadersFrame(fields, true)));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER,
                Http2HeaderRules.checkTrailers(new DefaultHttp2HeadersFrame(fields, false)));
    }

    @Test
    void teTrailersIsAllowed() {
        assertNull(Http2HeaderRules.check(request().add("te", "trailers")));
        assertNull(Http2HeaderRules.check(request().add("te", "Trailers")));
    }

    @Test
    void hostEqualToAuthorityIsDroppedAndADifferentOneIsMalformed() {
        Http2Headers same = request().add("host", "APP.test");
        assertNull(Http2HeaderRules.check(same));
        assertFalse(same.contains("host"), "one Host-equivalent is left: :authority");
        assertEquals(Http2HeaderRules.HOST_MISMATCH, Http2HeaderRules.check(request().add("host", "admin.internal")));
        assertEquals(Http2HeaderRules.HOST_MISMATCH,
                Http2HeaderRules.check(request().add("host", "app.test").add("host", "app.test")));
    }

    @Test
    void hostWithoutAuthorityIsLeftToTheGuard() {
        Http2Headers h = new DefaultHttp2Headers(false).method("GET").path("/x").scheme("https").add("host", "a.test");
        assertNull(Http2HeaderRules.check(h));
        assertEquals("a.test", h.get("host").toString());
    }

    @Test
    void aRequestHeadNeedsExactlyOneMethodSchemeAndNonEmptyPath() {
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(
                new DefaultHttp2Headers(false).path("/x").scheme("https").authority("app.test")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(
                new DefaultHttp2Headers(false).method("GET").path("/x").authority("app.test")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(
                new DefaultHttp2Headers(false).method("GET").scheme("https").authority("app.test")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(request().path("")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(request().add(":method", "POST")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(request().add(":path", "/y")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(request().add(":status", "200")));
        assertNull(Http2HeaderRules.check(new DefaultHttp2Headers(false).method("GET").path("/x").scheme("https")),
                ":authority is optional outside CONNECT");
    }

    @Test
    void connectHasAnAuthorityAndNoSchemeOrPath() {
        assertNull(Http2HeaderRules.check(new DefaultHttp2Headers(false).method("CONNECT").authority("db:5432")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER,
                Http2HeaderRules.check(new DefaultHttp2Headers(false).method("CONNECT")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(
                new DefaultHttp2Headers(false).method("CONNECT").authority("db:5432").path("/")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(
                new DefaultHttp2Headers(false).method("CONNECT").authority("db:5432").scheme("https")));
        assertEquals(Http2HeaderRules.PSEUDO_HEADER, Http2HeaderRules.check(new DefaultHttp2Headers(false)
                .method("CONNECT").authority("app.test").scheme("https").path("/chat").add(":protocol", "websocket")),
                "extended CONNECT is not offered");
    }
}
