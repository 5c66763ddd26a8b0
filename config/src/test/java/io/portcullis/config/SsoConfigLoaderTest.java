package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-sign-on, introspection and assertion keys: defaults, values, and every misuse reported. */
class SsoConfigLoaderTest {

    @TempDir
    Path dir;
    private String secretFile;
    private String sessionKey;
    private String oldSessionKey;
    private String assertionKey;

    @BeforeEach
    void files() throws Exception {
        secretFile = Files.writeString(dir.resolve("client.secret"), "very-secret\n").toString();
        sessionKey = Files.writeString(dir.resolve("session.key"), "k1").toString();
        oldSessionKey = Files.writeString(dir.resolve("old-session.key"), "k0").toString();
        assertionKey = Files.writeString(dir.resolve("assertion.pem"), "pem").toString();
    }

    private String yaml(String issuerExtra, String routeExtra, String topExtra) {
        return """
                issuers:
                  - id: corp
                    issuer: https://idp.example.com
                    discovery: true
                    audiences: [portcullis]
                %s
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: http://127.0.0.1:9001
                    policy: users
                %s
                policies:
                  users:
                    allow: { authenticated: true }
                %s
                """.formatted(issuerExtra.indent(4).stripTrailing(), routeExtra.indent(4).stripTrailing(), topExtra);
    }

    private String sso() {
        return """
                sso:
                  issuer: corp
                  external_url: https://app.example.com
                  session_keys_file: %s
                """.formatted(sessionKey);
    }

    private PortcullisConfig load(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "f.yaml");
    }

    private List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void everythingSetLoadsWithItsValues() throws Exception {
        PortcullisConfig c = load(yaml("""
                client_id: portcullis
                client_secret_file: %s
                scopes: [openid, email, groups]
                introspection:
                  endpoint: https://idp.example.com/introspect
                  cache_max: 2m
                  negative_ttl: 5s
                """.formatted(secretFile), """
                login: true
                assertion_header: X-Portcullis-Assertion
                """, """
                sso:
                  issuer: corp
                  external_url: https://app.example.com/
                  cookie_name: _app
                  session_keys_file: [%s, %s]
                  session_ttl: 8h
                  post_logout_redirect: https://www.example.com/bye
                  cookie_secure: false
                assertion:
                  key_file: %s
                  ttl: 30s
                  issuer: https://app.example.com
                """.formatted(sessionKey, oldSessionKey, assertionKey)));

        IssuerConfig issuer = c.identity().issuers().get(0);
        assertEquals("portcullis", issuer.client().clientId());
        assertEquals("very-secret", issuer.client().secret().value());
        assertFalse(issuer.toString().contains("very-secret"), "the secret never shows in toString");
        assertEquals(List.of("openid", "email", "groups"), issuer.client().scopes());
        assertEquals(new IntrospectionConfig(URI.create("https://idp.example.com/introspect"), Duration.ofMinutes(2),
                Duration.ofSeconds(5)), issuer.introspection());
        RouteConfig route = c.routes().get(0);
        assertTrue(route.access().login());
        assertEquals("X-Portcullis-Assertion", route.forwarding().assertionHeader());
        SsoConfig sso = c.sso();
        assertEquals("corp", sso.issuerId());
        assertEquals(URI.create("https://app.example.com/.portcullis/callback"), sso.callbackUri());
        assertEquals("_app", sso.cookieName());
        assertEquals(List.of(Path.of(sessionKey), Path.of(oldSessionKey)), sso.sessionKeyFiles());
        assertEquals(Duration.ofHours(8), sso.sessionTtl());
        assertEquals(URI.create("https://www.example.com/bye"), sso.postLogoutRedirect());
        assertFalse(sso.secureCookie());
        assertEquals(List.of(Path.of(assertionKey)), c.assertion().keyFiles());
        assertEquals(Duration.ofSeconds(30), c.assertion().ttl());
        assertEquals("https://app.example.com", c.assertion().issuer());
    }

    @Test
    void defaults() throws Exception {
        PortcullisConfig c = load(yaml("client_id: portcullis\nclient_secret_env: PATH\nintrospection: {}\n",
                "login: true\n", sso() + "assertion:\n  key_file: " + assertionKey + "\n"));

        IssuerConfig issuer = c.identity().issuers().get(0);
        assertEquals(OidcClientConfig.DEFAULT_SCOPES, issuer.client().scopes());
        assertEquals("env:PATH", issuer.client().secret().source());
        assertEquals(new IntrospectionConfig(null, Duration.ofMinutes(5), Duration.ofSeconds(10)), issuer.introspection());
        assertEquals("_portcullis", c.sso().cookieName());
        assertEquals(Duration.ofHours(12), c.sso().sessionTtl());
        assertTrue(c.sso().secureCookie());
        assertNull(c.sso().postLogoutRedirect());
        assertEquals(Duration.ofSeconds(60), c.assertion().ttl());
        assertEquals("portcullis", c.assertion().issuer());
        assertNull(c.routes().get(0).forwarding().assertionHeader());
    }

    @Test
    void withoutTheNewKeysNothingChanges() throws Exception {
        PortcullisConfig c = load(yaml("", "", ""));

        assertNull(c.identity().issuers().get(0).client());
        assertNull(c.identity().issuers().get(0).introspection());
        assertNull(c.sso());
        assertNull(c.assertion());
        assertFalse(c.routes().get(0).access().login());
    }

    @Test
    void anInlineSecretIsNotAKey() {
        assertEquals(List.of("f.yaml:7:5: issuers[0].client_secret: unknown key 'client_secret'"),
                problems(yaml("client_id: portcullis\nclient_secret: very-secret\n", "", "")));
    }

    @Test
    void secretMisuse() {
        assertEquals(List.of("f.yaml:8:24: issuers[0].client_secret_env: set either client_secret_file or"
                        + " client_secret_env, not both"),
                problems(yaml("client_id: p\nclient_secret_file: " + secretFile + "\nclient_secret_env: PATH\n", "", "")));
        assertEquals(List.of("f.yaml:7:24: issuers[0].client_secret_env: environment variable"
                        + " PORTCULLIS_SURELY_UNSET_VARIABLE is not set"),
                problems(yaml("client_id: p\nclient_secret_env: PORTCULLIS_SURELY_UNSET_VARIABLE\n", "", "")));
        List<String> missingFile = problems(yaml("client_id: p\nclient_secret_file: /nonexistent/secret\n", "", ""));
        assertEquals(List.of("f.yaml:7:25: issuers[0].client_secret_file: cannot read file '/nonexistent/secret'"),
                missingFile);
        assertEquals(List.of("f.yaml:6:24: issuers[0].client_secret_env: needs client_id"),
                problems(yaml("client_secret_env: PATH\n", "", "")));
    }

    @Test
    void anEmptySecretFileIsRefusedWithoutShowingAnything() throws Exception {
        String empty = Files.writeString(dir.resolve("empty.secret"), "  \n").toString();

        assertEquals(List.of("f.yaml:7:25: issuers[0].client_secret_file: file '" + empty + "' is empty"),
                problems(yaml("client_id: p\nclient_secret_file: " + empty + "\n", "", "")));
    }

    @Test
    void scopesMustAskForOpenId() {
        assertEquals(List.of("f.yaml:7:13: issuers[0].scopes: must contain openid"),
                problems(yaml("client_id: p\nscopes: [email]\n", "", "")));
    }

    @Test
    void introspectionNeedsASecretAndAnEndpoint() {
        assertEquals(List.of("f.yaml:7:20: issuers[0].introspection: needs client_secret_file or client_secret_env"
                        + " (introspection authenticates the client)"),
                problems(yaml("client_id: p\nintrospection: {}\n", "", "")));
        String noDiscovery = yaml("client_id: p\nclient_secret_env: PATH\nintrospection: {}\n", "", "")
                .replace("discovery: true", "jwks_uri: https://idp.example.com/jwks");
        assertEquals(List.of("f.yaml:8:20: issuers[0].introspection.endpoint: is required unless the issuer has"
                + " discovery: true"), problems(noDiscovery));
    }

    @Test
    void ssoMisuse() {
        assertEquals(List.of("f.yaml:17:11: sso.issuer: issuer 'corp' needs a client_id for login"),
                problems(yaml("", "", sso())));
        assertEquals(List.of("f.yaml:17:11: sso.issuer: unknown issuer 'nope' (declare it under issuers)"),
                problems(yaml("client_id: p\n", "", sso().replace("issuer: corp", "issuer: nope"))));
        assertEquals(List.of("f.yaml:18:17: sso.external_url: must have no path (the proxy answers /.portcullis/"
                        + " at the root)"),
                problems(yaml("client_id: p\n", "", sso().replace("https://app.example.com", "https://app.example.com/app"))));
        assertEquals(List.of("f.yaml:19:22: sso.session_keys_file: cannot read file '/nonexistent/key'"),
                problems(yaml("client_id: p\n", "", sso().replace(sessionKey, "/nonexistent/key"))));
        assertEquals(List.of("f.yaml:17:3: sso.external_url: is required"),
                problems(yaml("client_id: p\n", "", sso().replace("  external_url: https://app.example.com\n", ""))));
        assertEquals(List.of("f.yaml:20:16: sso.cookie_name: must match [A-Za-z0-9_-]{1,64}"),
                problems(yaml("client_id: p\n", "", sso() + "  cookie_name: a;b\n")));
    }

    @Test
    void routeFeaturesNeedTheirTopLevelBlocks() {
        assertEquals(List.of("f.yaml:8:5: routes[0].login: needs a top-level sso block or decision_api.login_url"),
                problems(yaml("", "login: true\n", "")));
        assertEquals(List.of("f.yaml:8:5: routes[0].assertion_header: needs a top-level assertion block"),
                problems(yaml("", "assertion_header: X-Assert\n", "")));
        assertEquals(1, problems(yaml("", "assertion_header: Connection\n", "assertion:\n  key_file: " + assertionKey
                + "\n")).size());
    }
}
