package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session cookie shaped like a JWE whose protected header lacks {@code enc} made reading it fail at
 * once, and the failed decision then threw where it was read: the connection closed with no answer
 * and a 499 line. Whatever reading it does now, the exchange answers, the line has the status sent,
 * and the upstream never sees the request.
 */
class SsoMalformedCookieAnswerTest {

    private final SsoProxy fx = new SsoProxy();
    private final Browser browser = fx.browser();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aJweShapedCookieWithoutEncIsAnsweredNotDropped() throws Exception {
        int before = fx.upstream.requests().size();
        for (String header : new String[] {"e30", "eyJhbGciOiJub25lIn0"}) {
            browser.cookies.put("_portcullis", header + ".AAAA.AAAA.AAAA.AAAA");
            HttpResponse<String> page = browser.get("/app");
            assertTrue(page.statusCode() >= 300 && page.statusCode() < 500, "answered: " + page.statusCode());
            String line = fx.awaitDecision("\"path\":\"/app\"", "\"status\":" + page.statusCode());
            assertFalse(line.contains("client-closed"), line);
        }
        assertEquals(before, fx.upstream.requests().size(), "the upstream never saw it");
    }
}
