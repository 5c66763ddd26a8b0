package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /.portcullis/logout} sends the browser to the issuer's end-session endpoint with its own
 * session's ID token as {@code id_token_hint}, so the issuer logs the user out without asking; a
 * browser never carries another session's token there.
 */
class SsoLogoutHintTest {

    private final SsoProxy fx = new SsoProxy();

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String param(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private String logoutLocation(Browser browser) {
        HttpResponse<String> logout = browser.get("/.portcullis/logout");
        assertEquals(302, logout.statusCode(), logout.body());
        String location = Browser.location(logout);
        assertTrue(location.startsWith(fx.idp.endSessionEndpointUrl(SsoProxy.ISSUER_ID) + "?"), location);
        assertEquals(SsoProxy.CLIENT_ID, param(location, "client_id"), "client_id is sent with or without a hint");
        return location;
    }

    /** The hint, checked to be an ID token the mock issuer signed for our client; returns its subject. */
    private String verifiedHintSubject(String location) throws Exception {
        SignedJWT hint = SignedJWT.parse(param(location, "id_token_hint"));
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                fx.idp.jwksUrl(SsoProxy.ISSUER_ID).uri()).build(), HttpResponse.BodyHandlers.ofString());
        var key = JWKSet.parse(jwks.body()).getKeyByKeyId(hint.getHeader().getKeyID()).toRSAKey();
        assertTrue(hint.verify(new RSASSAVerifier(key)), "signed by the issuer");
        assertEquals(fx.issuer(), hint.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(SsoProxy.CLIENT_ID), hint.getJWTClaimsSet().getAudience());
        return hint.getJWTClaimsSet().getSubject();
    }

    @Test
    void eachBrowserLogsOutWithItsOwnUsersIdToken() throws Exception {
        Browser alice = fx.browser();
        Browser bob = fx.browser();
        fx.login(alice, "/app", "alice", Map.of());
        fx.login(bob, "/app", "bob", Map.of());

        String bobsLogout = logoutLocation(bob);
        String alicesLogout = logoutLocation(alice);

        assertEquals("bob", verifiedHintSubject(bobsLogout));
        assertEquals("alice", verifiedHintSubject(alicesLogout));
        assertNotEquals(param(bobsLogout, "id_token_hint"), param(alicesLogout, "id_token_hint"));
    }

    @Test
    void aBrowserWithoutAValidSessionGetsNoHint() {
        Browser stranger = fx.browser();
        Browser tampered = fx.browser();
        fx.login(tampered, "/app", "alice", Map.of());
        String cookie = tampered.cookies.get("_portcullis");
        char[] chars = cookie.toCharArray();
        int i = cookie.lastIndexOf('.') - 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        tampered.cookies.put("_portcullis", new String(chars));

        assertNull(param(logoutLocation(stranger), "id_token_hint"));
        assertNull(param(logoutLocation(tampered), "id_token_hint"), "a cookie that does not open gives no token");
    }

    @Test
    void anIdTokenTooLargeToKeepMeansLoggingOutWithoutAHint() {
        Browser browser = fx.browser();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            groups.add("group-with-a-rather-long-name-" + i);
        }
        fx.login(browser, "/app", "alice", Map.of("groups", groups));

        String location = logoutLocation(browser);

        assertNull(param(location, "id_token_hint"));
        assertTrue(browser.cookies.isEmpty(), "the local logout happened all the same: " + browser.cookies);
    }
}
