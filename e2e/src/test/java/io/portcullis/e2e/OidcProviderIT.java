package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.fixtures.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Portcullis against a second, independent OpenID provider: panva's oidc-provider, whose access tokens
 * are RFC 9068 JWTs ({@code typ: at+jwt}) and whose login is a chain of 303 interactions.
 */
@ExtendWith(OidcProviderExtension.class)
class OidcProviderIT {

    private static final String CLIENT_REDIRECT = "http://127.0.0.1:9/.portcullis/callback";

    private static OidcProviderServer provider;
    private static ProxyUnderTest proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(OidcProviderServer server) throws Exception {
        provider = server;
        proxy = new ProxyUnderTest(server.issuer(), "portcullis", "portcullis-secret");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void anAtJwtAccessTokenIsAcceptedAsBearerAndTheUpstreamSeesWhoSentIt() throws Exception {
        String accessToken = accessTokenByCodeFlow("alice", "alice-password");
        assertEquals(new JOSEObjectType("at+jwt"), SignedJWT.parse(accessToken).getHeader().getType(),
                "the point of this provider: RFC 9068 access tokens");

        HttpResponse<String> response = bearer("/api/reports", accessToken);

        assertEquals(200, response.statusCode(), response.body());
        RecordedRequest seen = proxy.last();
        assertEquals("/api/reports", seen.uri());
        assertEquals("alice", seen.header("X-Forwarded-User"));
    }

    @Test
    void theBrowserLoginThroughTheProxyEndsAtTheUpstreamWithTheIdentity() {
        WebBrowser browser = new WebBrowser();
        HttpResponse<String> toProvider = browser.get(proxy.url("/app/reports"));
        assertEquals(302, toProvider.statusCode(), toProvider.body());
        String authorize = WebBrowser.resolve(toProvider);
        assertTrue(authorize.startsWith(provider.issuer() + "/auth?"), authorize);

        String callback = OidcProviderLogin.signIn(browser, authorize, "alice", "alice-password");
        assertTrue(callback.startsWith(proxy.url("/.portcullis/callback?")), callback);
        HttpResponse<String> backToPage = browser.get(callback);
        assertEquals(302, backToPage.statusCode(), backToPage.body());
        assertEquals(proxy.url("/app/reports"), WebBrowser.resolve(backToPage));
        HttpResponse<String> page = browser.get(WebBrowser.resolve(backToPage));

        assertEquals(200, page.statusCode(), page.body());
        RecordedRequest seen = proxy.last();
        assertEquals("alice", seen.header("X-Forwarded-User"));
        assertEquals("alice@corp.example", seen.header("X-Forwarded-Email"));
        assertEquals("admins", seen.header("X-Forwarded-Groups"));
        assertNull(seen.header("Cookie"), "no session cookie upstream");
    }

    @Test
    void bobSignsInButHisGroupAndDeviceKeepHimOutOfTheAdminRoute() {
        WebBrowser browser = new WebBrowser();
        String authorize = WebBrowser.resolve(browser.get(proxy.url("/app/reports")));
        String callback = OidcProviderLogin.signIn(browser, authorize, "bob", "bob-password");
        HttpResponse<String> backToPage = browser.get(callback);
        assertEquals(302, backToPage.statusCode(), backToPage.body());
        int before = proxy.seen().size();

        HttpResponse<String> page = browser.get(WebBrowser.resolve(backToPage));

        assertEquals(403, page.statusCode(), page.body());
        assertEquals(before, proxy.seen().size(), "nothing reached the upstream");
    }

    @Test
    void aTamperedAccessTokenIsRefusedAndNeverReachesTheUpstream() throws Exception {
        String genuine = accessTokenByCodeFlow("bob", "bob-password");
        String[] parts = genuine.split("\\.");
        Map<String, Object> claims = JSONObjectUtils.parse(Base64URL.from(parts[1]).decodeToString());
        claims.put("sub", "alice");
        claims.put("groups", java.util.List.of("admins"));
        String tampered = parts[0] + "." + Base64URL.encode(JSONObjectUtils.toJSONString(claims)) + "." + parts[2];
        int before = proxy.seen().size();

        HttpResponse<String> forged = bearer("/api/reports", tampered);
        HttpResponse<String> unsigned = bearer("/api/reports", parts[0] + "." + parts[1] + ".");

        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        assertEquals(before, proxy.seen().size(), "no refused request reached the upstream");
        assertEquals(200, bearer("/api/reports", genuine).statusCode(), "the untouched token still passes");
        assertEquals("bob", proxy.last().header("X-Forwarded-User"));
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.url(path))).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The code flow with PKCE as the public client, straight at the provider: the access token it issues. */
    private String accessTokenByCodeFlow(String user, String password) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64URL.encode(random).toString();
        String challenge = Base64URL.encode(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII))).toString();
        String authorize = provider.issuer() + "/auth?" + Keycloak.form(Map.of("client_id", "portcullis-web",
                "response_type", "code", "scope", "openid email profile", "redirect_uri", CLIENT_REDIRECT,
                "code_challenge", challenge, "code_challenge_method", "S256", "state", "s", "nonce", "n"));

        String callback = OidcProviderLogin.signIn(new WebBrowser(), authorize, user, password);
        assertTrue(callback.startsWith(CLIENT_REDIRECT + "?"), callback);
        String code = queryParameter(callback, "code");
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Keycloak.form(Map.of("grant_type", "authorization_code",
                        "client_id", "portcullis-web", "code", code, "redirect_uri", CLIENT_REDIRECT,
                        "code_verifier", verifier)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        return JSONObjectUtils.getString(JSONObjectUtils.parse(token.body()), "access_token");
    }

    private static String queryParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }
}
