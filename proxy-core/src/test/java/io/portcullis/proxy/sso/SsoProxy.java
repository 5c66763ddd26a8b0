package io.portcullis.proxy.sso;

import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.LoopbackPorts;
import io.portcullis.fixtures.ScratchDirectory;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.oidc.SessionKeys;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.Portcullis;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real Portcullis with browser login against a real OIDC server (mock-oauth2-server) on loopback,
 * in front of a real echo upstream. The session key is the test's, so tests can also seal cookies the
 * proxy would have made (an expired session, a forged login state) to probe what it accepts.
 */
final class SsoProxy implements AutoCloseable {

    static final String ISSUER_ID = "corp";
    static final String CLIENT_ID = "portcullis";

    final MockOAuth2Server idp;
    final EchoUpstream upstream = EchoUpstream.start();
    private final ScratchDirectory dir = ScratchDirectory.create("portcullis-sso");
    final byte[] sessionKey;
    /** True when this proxy started the IdP (a second replica shares its peer's). */
    private final boolean ownsIdp;
    final int port;
    final Portcullis portcullis;
    private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> decisions =
            new ch.qos.logback.core.read.ListAppender<>();

    SsoProxy() {
        this("");
    }

    /** With {@code extraRoutes} (YAML list items, indented as routes) matched before the catch-all route. */
    SsoProxy(String extraRoutes) {
        this(extraRoutes, "", null);
    }

    /**
     * With {@code extraTopLevel} YAML appended (e.g. a {@code state} section) and, when {@code peer} is
     * given, another replica of it: the same IdP and session key, as replicas behind one load balancer.
     */
    SsoProxy(String extraRoutes, String extraTopLevel, SsoProxy peer) {
        this.ownsIdp = peer == null;
        this.idp = peer == null ? new MockOAuth2Server() : peer.idp;
        this.sessionKey = peer == null ? new byte[32] : peer.sessionKey;
        try {
            decisions.start();
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                    io.portcullis.proxy.observe.DecisionLog.LOGGER_NAME)).addAppender(decisions);
            if (ownsIdp) {
                idp.start(InetAddress.getLoopbackAddress(), 0);
                new SecureRandom().nextBytes(sessionKey);
            }
            Path keyFile = Files.writeString(dir.resolve("session.key"), Base64.getEncoder().encodeToString(sessionKey));
            Path secret = Files.writeString(dir.resolve("client.secret"), "portcullis-secret\n");
            Path assertionKey = dir.resolve("assertion.pem");
            try (var pem = SsoProxy.class.getResourceAsStream("/sso/assertion-p256.pem")) {
                Files.write(assertionKey, pem.readAllBytes());
            }
            port = LoopbackPorts.free();
            Path config = Files.writeString(dir.resolve("portcullis.yaml"), (CONFIG + extraTopLevel + (extraTopLevel.contains("warmup:") ? "" : "\nwarmup: { enabled: false }\n"))
                    .replace("${EXTRA_ROUTES}", extraRoutes)
                    .replace("${PORT}", String.valueOf(port))
                    .replace("${ISS}", issuer())
                    .replace("${SECRET}", secret.toString())
                    .replace("${SESSION_KEY}", keyFile.toString())
                    .replace("${ASSERTION_KEY}", assertionKey.toString())
                    .replace("${UPSTREAM}", upstream.url()), StandardCharsets.UTF_8);
            portcullis = Portcullis.start(config, ConfigCompiler.compile(config), DefaultIdentityService::start, false);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return idp.issuerUrl(ISSUER_ID).toString();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Browser browser() {
        return new Browser(base());
    }

    SessionKeys keys() {
        return SessionKeys.of(List.of(sessionKey));
    }

    private String nextSubject = "alice";
    private Map<String, Object> nextClaims = Map.of();

    /** The claims (ID and access token) the IdP puts in the next token response. */
    void nextLogin(String subject, Map<String, Object> claims, long accessLifetimeSeconds) {
        nextSubject = subject;
        nextClaims = claims;
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims,
                accessLifetimeSeconds));
    }

    /**
     * The whole login dance from a page load that was answered with a redirect to the IdP: the IdP
     * answers at once with a redirect to the callback, which the browser follows. Returns the
     * callback's response.
     */
    java.net.http.HttpResponse<String> completeLogin(Browser browser, java.net.http.HttpResponse<String> toIdp) {
        String authorize = Browser.location(toIdp);
        if (!authorize.startsWith(issuer() + "/authorize")) {
            throw new AssertionError("expected a redirect to the IdP, got " + authorize);
        }
        java.net.http.HttpResponse<String> atIdp = browser.get(authorize);
        if (atIdp.statusCode() == 200) {
            // prompt=login: the IdP shows its login form, which posts back to the same URL.
            atIdp = browser.post(authorize, "username=" + nextSubject + "&claims=" + java.net.URLEncoder.encode(
                    com.nimbusds.jose.util.JSONObjectUtils.toJSONString(nextClaims), java.nio.charset.StandardCharsets.UTF_8));
        }
        String callback = Browser.location(atIdp);
        if (!callback.startsWith(base() + "/.portcullis/callback?")) {
            throw new AssertionError("the IdP sent the browser to " + callback);
        }
        return browser.get(callback);
    }

    /** Logs {@code subject} in through {@code page}; returns the final page response. */
    java.net.http.HttpResponse<String> login(Browser browser, String page, String subject, Map<String, Object> claims) {
        nextLogin(subject, claims, 300);
        java.net.http.HttpResponse<String> callback = completeLogin(browser, browser.get(page));
        return browser.get(Browser.location(callback));
    }

    /** Whether {@code response} sends the browser to this proxy's IdP to sign in. */
    boolean sentToLogin(java.net.http.HttpResponse<String> response) {
        return response.statusCode() == 302 && Browser.location(response).startsWith(issuer() + "/authorize?");
    }

    /** Polls {@code condition} every 10 ms until it holds; fails when it has not within {@code within}. */
    static void eventually(java.time.Duration within, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + within);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** Decision-log lines written so far (copied under the appender's lock: it is written concurrently). */
    List<String> decisionLines() {
        synchronized (decisions) {
            return decisions.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits (bounded) for a decision line containing every one of {@code parts}; lines follow the response. */
    String awaitDecision(String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : decisionLines()) {
                if (java.util.Arrays.stream(parts).allMatch(line::contains)) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no decision line with " + List.of(parts) + " in " + decisionLines());
    }

    @Override
    public void close() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                io.portcullis.proxy.observe.DecisionLog.LOGGER_NAME)).detachAppender(decisions);
        if (portcullis != null) {
            portcullis.close();
        }
        upstream.close();
        if (ownsIdp) {
            idp.shutdown();
        }
        dir.close();
    }

    static final String CONFIG = """
            listen: 127.0.0.1:${PORT}
            admin: 127.0.0.1:0
            issuers:
              - id: corp
                issuer: ${ISS}
                discovery: true
                audiences: [portcullis]
                algorithms: [RS256]
                client_id: portcullis
                client_secret_file: ${SECRET}
                introspection: { negative_ttl: 10s }
            sso:
              issuer: corp
              external_url: http://127.0.0.1:${PORT}
              session_keys_file: ${SESSION_KEY}
              cookie_secure: false
              post_logout_redirect: http://127.0.0.1:${PORT}/public/bye
            assertion:
              key_file: ${ASSERTION_KEY}
              ttl: 60s
            routes:
              - id: app
                match: { path_prefix: /app }
                upstream: ${UPSTREAM}
                policy: signed-in
                login: true
                assertion_header: X-Portcullis-Assertion
                identity_headers:
                  X-Forwarded-User: sub
                  X-Forwarded-Email: email
                  X-Forwarded-Groups: groups
              - id: secure
                match: { path_prefix: /secure }
                upstream: ${UPSTREAM}
                policy: with-mfa
                login: true
              - id: admin
                match: { path_prefix: /admin }
                upstream: ${UPSTREAM}
                policy: admins
                login: true
              - id: api
                match: { path_prefix: /api }
                upstream: ${UPSTREAM}
                policy: signed-in
                identity_headers:
                  X-Forwarded-User: sub
              - id: public
                match: { path_prefix: /public }
                upstream: ${UPSTREAM}
                policy: public
            ${EXTRA_ROUTES}
              - id: everything-else
                match: { path_prefix: / }
                upstream: ${UPSTREAM}
                policy: signed-in
                login: true
            policies:
              public:
                allow: { public: true }
              signed-in:
                allow: { authenticated: true }
              admins:
                allow: { groups: { has: admins } }
              with-mfa:
                allow: { authenticated: true }
                require: { mfa: true }
            """;
}
