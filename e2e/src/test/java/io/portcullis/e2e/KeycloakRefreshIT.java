package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions are refreshed at Keycloak before the access token expires. Uses the public client
 * (PKCE only, no secret) with a 20 s access-token lifespan, so every request is inside the refresh
 * margin and no test has to wait.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakRefreshIT {

    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start(Keycloak keycloak) throws Exception {
        keycloak.updateClient("portcullis-web", Map.of(), Map.of("access.token.lifespan", "20"));
        proxy = new ProxyUnderTest(keycloak, "portcullis-web", null);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /**
     * The session cookie's value, whole or joined from its chunks ({@code _portcullis_0}, ...): with
     * Keycloak's ID token kept for logout, a session no longer fits one cookie.
     */
    private static String session(WebBrowser browser) {
        Map<String, String> jar = browser.cookiesFor(proxy.url("/"));
        if (jar.containsKey("_portcullis")) {
            return jar.get("_portcullis");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; jar.containsKey("_portcullis_" + i); i++) {
            joined.append(jar.get("_portcullis_" + i));
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    @Test
    void aSessionIsRefreshedWithTheRefreshTokenAndKeepsWorking() {
        WebBrowser browser = new WebBrowser();
        HttpResponse<String> toKeycloak = browser.get(proxy.url("/app"));
        HttpResponse<String> callback = KeycloakLogin.signIn(browser, toKeycloak, "alice", "alice-password", null);
        assertEquals(302, callback.statusCode(), callback.body());
        String atLogin = session(browser);
        assertNotNull(atLogin);

        HttpResponse<String> first = browser.get(proxy.url("/app/one"));
        String afterFirst = session(browser);
        HttpResponse<String> second = browser.get(proxy.url("/app/two"));

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertNotEquals(atLogin, afterFirst, "the refreshed session came back as a new cookie");
        assertNotEquals(afterFirst, session(browser));
        assertEquals("/app/two", proxy.last().uri());
    }
}
