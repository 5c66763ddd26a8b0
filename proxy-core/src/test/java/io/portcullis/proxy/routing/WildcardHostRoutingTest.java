package io.portcullis.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code match.host: "*.apps.test"} through a real proxy: one label, any case, never the bare domain. */
class WildcardHostRoutingTest {

    static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture("""
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                routes:
                  - id: apps
                    match: { host: "*.apps.test" }
                    upstream: ${UPSTREAM}
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                """);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    int statusFor(String host) throws Exception {
        fx.upstream.clear();
        try (RawHttp c = fx.client()) {
            c.send("GET /x HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            return c.read().status();
        }
    }

    @Test
    void oneLabelUnderTheSuffixIsRoutedInAnyCaseAndWithAPort() throws Exception {
        assertEquals(200, statusFor("wiki.apps.test"));
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertNotNull(seen);
        assertEquals(200, statusFor("WIKI.Apps.Test:8443"));
    }

    @Test
    void theBareDomainAndDeeperNamesAreNotRouted() throws Exception {
        assertEquals(404, statusFor("apps.test"));
        assertEquals(404, statusFor("a.b.apps.test"));
        assertEquals(404, statusFor("evilapps.test"));
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "nothing reaches the upstream");
    }
}
