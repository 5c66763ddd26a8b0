package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A route's {@code path_regex} on the real data listener, matched by RE2/J: a pattern that
 * java.util.regex backtracks on polynomially ({@code (.*a){10}}: 51 s on JDK 17 for 40 letters and a
 * {@code !}, so this client's 10 s read would time out) routes and refuses at once, and the listener
 * goes on answering.
 */
class PathRegexRouteTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            routes:
              - id: pages
                match: { path_regex: '/(.*a){10}/end' }
                upstream: ${UPSTREAM}
                policy: public
            policies:
              public:
                allow: { public: true }
            """;

    private static RawHttp.Response get(ProxyFixture fx, String path) throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET " + path + " HTTP/1.1\r\nHost: app.test\r\n\r\n");
            return c.read();
        }
    }

    @Test
    void aBacktrackingPatternRoutesAndACraftedPathIsRefusedAtOnce() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(CONFIG)) {
            assertEquals(200, get(fx, "/banana/papaya/java/salsa/end").status());
            assertEquals("/banana/papaya/java/salsa/end", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());

            // C(40,10) ways to place the ten a's for a backtracking engine; one pass for RE2
            String crafted = "/" + "a".repeat(40) + "!";
            assertEquals(404, get(fx, crafted).status());
            assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)), "no route took the crafted path");

            assertEquals(200, get(fx, "/" + "a".repeat(10) + "/end").status());
            assertEquals("/aaaaaaaaaa/end", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
        }
    }
}
