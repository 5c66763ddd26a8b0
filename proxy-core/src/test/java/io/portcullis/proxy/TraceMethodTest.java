package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.fixtures.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TRACE is never forwarded unless a route lists it: an upstream that answers it echoes the request,
 * cookies a script could not read included (cross-site tracing).
 */
class TraceMethodTest {

    static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            routes:
              - id: diagnostics
                match: { path_prefix: /diag, methods: [GET, TRACE] }
                upstream: ${UPSTREAM}
                policy: public
              - id: app
                match: { path_prefix: /app }
                upstream: ${UPSTREAM}
                policy: public
            policies:
              public:
                allow: { public: true }
            """, f -> fx = f);

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "TRACK", "trace", "Track"})
    void traceIsAnswered405AndTheUpstreamNeverSeesIt(String method) throws Exception {
        try (RawHttp c = fx.client()) {
            c.send(method + " /app/page HTTP/1.1\r\nHost: app.test\r\nCookie: app_session=secret\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(405, r.status());
            assertFalse(r.body().contains("secret"), "nothing of the request is echoed");
            // The connection stays usable: a 405 is an answer, not a broken request.
            c.send("GET /app/after HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertEquals(200, c.read().status());
        }
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertNotNull(seen);
        assertEquals("/app/after", seen.uri(), "the upstream saw only the request after the TRACE");
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void aRouteThatListsTraceGetsIt() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("TRACE /diag/x HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertEquals(200, c.read().status());
        }
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertNotNull(seen);
        assertEquals("TRACE", seen.method());
    }
}
