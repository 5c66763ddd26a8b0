package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session cookie shaped like a JWE whose protected header is not one (no {@code enc}) once closed the
 * connection without an answer, and the decision line blamed the client (499). It is no session: a
 * browser is sent to log in, an API client gets 401, the cookie is cleared, the decision line says
 * why, and the upstream never sees the request.
 */
class SsoMalformedCookieTest {

    private final SsoProxy fx = new SsoProxy();
    private final Browser browser = fx.browser();

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String jweShaped(String protectedHeader) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(protectedHeader.getBytes(StandardCharsets.UTF_8)) + ".." + b64.encodeToString(
                new byte[12]) + "." + b64.encodeToString(new byte[16]) + "." + b64.encodeToString(new byte[16]);
    }

    @Test
    void aBrowserWithAHeaderlessJweCookieIsSentToLogInAndTheCookieCleared() throws Exception {
        for (String header : List.of("{}", "{\"alg\":\"none\"}", "{\"alg\":\"dir\"}")) {
            browser.cookies.put("_portcullis", jweShaped(header));

            HttpResponse<String> page = browser.get("/app");

            assertEquals(302, page.statusCode(), header + ": " + page.body());
            assertTrue(Browser.location(page).startsWith(fx.issuer() + "/authorize?"), Browser.location(page));
            assertFalse(browser.cookies.containsKey("_portcullis"), header + ": the bad cookie is cleared");
        }
        String line = fx.awaitDecision("\"status\":302", "session-invalid");
        assertFalse(line.contains("client-closed"), line);
        assertEquals(0, fx.upstream.requests().size(), "nothing reached the upstream");
    }

    @Test
    void anApiClientWithAMalformedCookieGets401WithTheReason() throws Exception {
        browser.cookies.put("_portcullis", jweShaped("{}"));

        HttpResponse<String> response = browser.api("/app");

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("_portcullis=;")
                || c.startsWith("_portcullis=") && c.contains("Max-Age=0")), response.headers().map().toString());
        String line = fx.awaitDecision("\"status\":401", "session-invalid");
        assertTrue(line.contains("\"decision\":\"deny\""), line);
        assertEquals(0, fx.upstream.requests().size(), "nothing reached the upstream");
    }
}
