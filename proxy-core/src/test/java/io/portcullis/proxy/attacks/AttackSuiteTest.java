package io.portcullis.proxy.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.SharedProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classic attacks, byte for byte over raw sockets against the real proxy: each one gets its status
 * and the upstream records NOTHING (or, for header spoofing, records the request without the forged
 * header in any spelling).
 */
class AttackSuiteTest {

    static final String CONFIG = """
            limits: { max_header_bytes: 4KB, max_uri_length: 512, max_headers: 20, max_body_bytes: 1KB }
            """ + ProxyFixture.EXAMPLE.replace("""
              - id: public
            """, """
              - id: intranet
                match: { path_prefix: /intranet }
                upstream: ${UPSTREAM}
                policy: from-the-office
              - id: public
            """).replace("""
            policies:
            """, """
            policies:
              from-the-office:
                allow:
                  and:
                    - authenticated: true
                    - source_ip: { in: [10.0.0.0/8] }
            """);

    static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> AttackSuiteTest.CONFIG, f -> fx = f);




    /** One attack: the raw bytes and the status that must come back. */
    record Attack(String name, String raw, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Attack get(String name, String target, int status) {
        return new Attack(name, "GET " + target + " HTTP/1.1\r\nHost: app.test\r\n\r\n", status);
    }

    static Attack post(String name, String headers, String body, int status) {
        return new Attack(name, "POST /public/x HTTP/1.1\r\nHost: app.test\r\n" + headers + "\r\n" + body, status);
    }

    static Stream<Attack> refused() {
        return Stream.of(
                // request smuggling
                post("CL.TE", "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nG", 400),
                post("TE.CL", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "8\r\nSMUGGLED\r\n0\r\n\r\n", 400),
                post("two lengths", "Content-Length: 4\r\nContent-Length: 5\r\n", "abcde", 400),
                post("listed length", "Content-Length: 4, 4\r\n", "abcd", 400),
                post("signed length", "Content-Length: +4\r\n", "abcd", 400),
                post("chunked then identity", "Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n", 400),
                post("two TE fields", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n", 400),
                post("unknown coding", "Transfer-Encoding: xchunked\r\n", "0\r\n\r\n", 400),
                post("space before colon", "Transfer-Encoding : chunked\r\n", "0\r\n\r\n", 400),
                post("obs-fold", "Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n", 400),
                post("bad chunk size", "Transfer-Encoding: chunked\r\n", "zz\r\nabc\r\n0\r\n\r\n", 400),
                new Attack("bare LF", "GET /public/x HTTP/1.1\nHost: app.test\n\n", 400),
                new Attack("TE in HTTP/1.0", "POST /public/x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        400),
                // path tricks
                get("encoded slash after dot-dot", "/public/..%2fadmin", 400),
                get("matrix parameter", "/admin;x", 400),
                get("encoded NUL", "/admin%00", 400),
                get("backslash", "\\admin", 400),
                get("backslash traversal", "/public/..\\admin", 400),
                get("encoded dot-dot reaches /admin", "/public/%2e%2e/admin", 401),
                get("mixed-case encoded dot-dot", "/public/%2E%2e/admin", 401),
                get("half-encoded dot-dot", "/public/.%2e/admin", 401),
                get("double slash", "//admin", 401),
                get("upper case is another path", "/ADMIN", 404),
                get("double-encoded dot-dot stays literal", "/public/%252e%252e/admin", 200),
                // authority
                new Attack("absolute-form with another host",
                        "GET http://evil.test/public/x HTTP/1.1\r\nHost: app.test\r\n\r\n", 400),
                new Attack("two Host headers", "GET /public/x HTTP/1.1\r\nHost: app.test\r\nHost: evil.test\r\n\r\n", 400),
                new Attack("no Host", "GET /public/x HTTP/1.1\r\n\r\n", 400),
                // sizes
                get("URI too long", "/public/" + "a".repeat(600), 414),
                new Attack("header too large", "GET /public/x HTTP/1.1\r\nHost: app.test\r\nX-Big: "
                        + "b".repeat(5000) + "\r\n\r\n", 431),
                new Attack("too many headers", "GET /public/x HTTP/1.1\r\nHost: app.test\r\n"
                        + "X-H: 1\r\n".repeat(25) + "\r\n", 431),
                post("body too large", "Content-Length: 2000\r\n", "x".repeat(2000), 413),
                post("chunked body too large", "Transfer-Encoding: chunked\r\n",
                        "400\r\n" + "x".repeat(1024) + "\r\n400\r\n" + "x".repeat(1024) + "\r\n0\r\n\r\n", 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void attackIsRefusedAndNeverForwarded(Attack attack) throws Exception {
        RawHttp.Response r;
        try (RawHttp c = fx.client()) {
            c.send(attack.raw());
            r = c.read();
        }
        if (attack.status() == 200) {
            // the one case here that is harmless: %252e is a literal "%2e" segment, not a dot-dot
            assertEquals(200, r.status());
            assertEquals("/public/%252e%252e/admin", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
            return;
        }
        assertEquals(attack.status(), r.status(), attack.name() + ": " + r.body());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(150)), attack.name() + " reached the upstream");
    }

    static Stream<String> identitySpellings() {
        return Stream.of("X-Forwarded-User", "x-forwarded-user", "X-FORWARDED-USER", "X_Forwarded_User",
                "x-forwarded_user", "X-Forwarded-Email", "X-Forwarded-Groups", "X-Device-Posture",
                "X-Portcullis-Identity");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identitySpellings")
    void identityHeaderSpoofingIsScrubbedInEverySpelling(String name) throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get("/public/x", name + ": admin").status());
        }
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        String folded = name.toLowerCase(Locale.ROOT).replace('_', '-');
        assertFalse(seen.headers().stream().anyMatch(h -> h.getKey().toLowerCase(Locale.ROOT).replace('_', '-')
                .equals(folded)), name + " reached the upstream: " + seen.headers());
    }

    @Test
    void identityHeadersInTrailersNeverLeaveTheProxy() throws Exception {
        try (RawUpstream raw = new RawUpstream();
             ProxyFixture trailers = new ProxyFixture(CONFIG.replace("${UPSTREAM}", raw.url()));
             RawHttp c = trailers.client()) {
            c.send("POST /public/t HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\nX-Forwarded-User: admin\r\nx_forwarded_groups: admins\r\nX-Ok: 1\r\n\r\n");
            assertEquals(200, c.read().status());
            String sent = raw.request().toLowerCase(Locale.ROOT);
            assertTrue(sent.contains("x-ok: 1"), "harmless trailers pass: " + sent);
            assertFalse(sent.contains("x-forwarded-user"), sent);
            assertFalse(sent.contains("x_forwarded_groups"), sent);
        }
    }

    static String token() {
        return fx.corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("auth_time", Instant.now().getEpochSecond()).sign();
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() throws Exception {
        for (String xff : List.of("10.0.0.1", "10.0.0.1, 10.0.0.2")) {
            try (RawHttp c = fx.client()) {
                RawHttp.Response r = c.get("/intranet/x", "Authorization: Bearer " + token(), "X-Forwarded-For: " + xff,
                        "X-Real-IP: 10.0.0.1", "Forwarded: for=10.0.0.1");
                assertEquals(403, r.status(), "a client on 127.0.0.1 cannot claim " + xff);
            }
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(150)));
    }

    @Test
    void forwardedForIsReadFromTheRightThroughTrustedProxies() throws Exception {
        try (ProxyFixture trusted = new ProxyFixture("trusted_proxies: [127.0.0.1/32]\n" + CONFIG)) {
            String bearer = "Authorization: Bearer " + trusted.corp.token().subject("alice").audience("portcullis")
                    .expiresIn(Duration.ofMinutes(5)).claim("auth_time", Instant.now().getEpochSecond()).sign();
            try (RawHttp c = trusted.client()) {
                assertEquals(200, c.get("/intranet/a", bearer, "X-Forwarded-For: 10.0.0.7").status());
            }
            assertEquals("10.0.0.7, 127.0.0.1",
                    trusted.upstream.takeRequest(Duration.ofSeconds(5)).header("X-Forwarded-For"));
            try (RawHttp c = trusted.client()) {
                // the client forged the left entry; the last untrusted hop (192.0.2.1) is the client
                assertEquals(403, c.get("/intranet/b", bearer, "X-Forwarded-For: 10.0.0.7, 192.0.2.1").status());
            }
            assertNull(trusted.upstream.takeRequest(Duration.ofMillis(150)));
        }
    }
}
