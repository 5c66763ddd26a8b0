package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.LoopbackPorts;
import io.portcullis.fixtures.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Caddy ({@code forward_auth}) in front of a real upstream, with Portcullis's decision API as its
 * decision point, configured as docs/forward-auth.md says. Skipped when caddy is not installed.
 */
class CaddyForwardAuthTest {

    /**
     * The site block of docs/forward-auth.md, with the test's addresses. {@code route} keeps the written
     * order: by Caddy's default directive order {@code request_header} would run after {@code forward_auth}
     * and remove the headers it copied.
     */
    static final String SITE = """
            http://127.0.0.1:${PORT} {
                route {
                    request_header -X-Forwarded-User
                    request_header -X-Forwarded-Groups
                    forward_auth 127.0.0.1:${API} {
                        uri /caddy
                        copy_headers X-Forwarded-User X-Forwarded-Groups
                    }
                    reverse_proxy 127.0.0.1:${UPSTREAM}
                }
            }
            """;

    static ForwardAuthFixture f;
    static PeerProcess caddy;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String bin = PeerProcess.binary("caddy");
        Assumptions.assumeTrue(bin != null, "caddy is not installed (Debian package caddy): skipping the real-Caddy"
                + " forward-auth tests");
        f = new ForwardAuthFixture();
        int port = LoopbackPorts.free();
        String caddyfile = "{\n    admin off\n    auto_https off\n}\n\n"
                + SITE.replace("${PORT}", String.valueOf(port)).replace("${API}", String.valueOf(f.apiPort()))
                .replace("${UPSTREAM}", String.valueOf(f.fx.upstream.port()));
        Path file = dir.resolve("Caddyfile");
        Files.writeString(file, caddyfile);
        caddy = PeerProcess.start(dir, port, List.of(bin, "run", "--config", file.toString(), "--adapter",
                "caddyfile"), Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString()));
    }

    @AfterAll
    static void stop() {
        ForwardAuthFixture.closeAll(caddy, f);
    }

    @BeforeEach
    void clear() {
        f.fx.upstream.clear();
    }

    static ApiCall.Response get(String target, String... headers) throws Exception {
        return ApiCall.send("127.0.0.1", caddy.port, "GET", target, headers);
    }

    @Test
    void allowedRequestReachesTheUpstreamWithCopiedIdentityHeaders() throws Exception {
        String alice = f.token("alice", List.of("admins", "ops"));
        ApiCall.Response r = get("/admin/reports?q=1", "Authorization: Bearer " + alice, "X-Forwarded-User: mallory");
        assertEquals(200, r.status(), caddy.output());
        RecordedRequest seen = f.fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/admin/reports?q=1", seen.uri());
        assertEquals(List.of("alice"), seen.headers("X-Forwarded-User"), "Portcullis's value, not the client's");
        assertEquals("admins,ops", seen.header("X-Forwarded-Groups"));
        String line = f.fx.awaitDecision("\"subject\":\"alice\"");
        assertTrue(line.contains("forward-auth:caddy") && line.contains("\"path\":\"/admin/reports\""), line);
    }

    @Test
    void publicRouteIsAllowedAndAClientsIdentityHeaderIsDropped() throws Exception {
        assertEquals(200, get("/public/x", "X-Forwarded-User: mallory").status(), caddy.output());
        RecordedRequest seen = f.fx.upstream.takeRequest(Duration.ofSeconds(5));
        // Caddy 2.6 copies a header the answer lacks as an empty value (later versions leave it out):
        // either way, never the client's.
        assertTrue(seen.headers("X-Forwarded-User").stream().allMatch(String::isEmpty),
                "the client's value must not reach the upstream: " + seen.headers("X-Forwarded-User"));
    }

    @Test
    void noTokenIs401WithChallengeAndTheUpstreamSeesNothing() throws Exception {
        ApiCall.Response r = get("/admin/x");
        assertEquals(401, r.status(), caddy.output());
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"));
        f.assertUpstreamSawNothing();
    }

    @Test
    void browserWithoutSessionGetsTheLoginRedirectPassedThrough() throws Exception {
        ApiCall.Response r = get("/admin/x", "Accept: text/html");
        assertEquals(302, r.status(), caddy.output());
        assertTrue(r.header("Location").startsWith(ForwardAuthFixture.LOGIN_URL + "?rd="), r.header("Location"));
        f.assertUpstreamSawNothing();
    }

    @Test
    void wrongGroupIs403AndTheUpstreamSeesNothing() throws Exception {
        String bob = f.token("bob", List.of("users"));
        assertEquals(403, get("/admin/x", "Authorization: Bearer " + bob).status(), caddy.output());
        f.assertUpstreamSawNothing();
    }

    @Test
    void spoofedForwardedUriFromTheClientIsNeverBelieved() throws Exception {
        ApiCall.Response r = get("/admin/x", "X-Forwarded-Uri: /public/x", "X-Forwarded-Method: GET",
                "X-Original-URI: /public/x");
        assertEquals(401, r.status(), caddy.output());
        f.assertUpstreamSawNothing();
        ApiCall.Response direct = ApiCall.send("127.0.0.2", f.apiPort(), "GET", "/caddy",
                "X-Forwarded-Method: GET", "X-Forwarded-Uri: /public/x");
        assertEquals(403, direct.status());
        assertTrue(f.fx.awaitDecision(direct.header("X-Request-Id")).contains("caller-untrusted"));
        f.assertUpstreamSawNothing();
    }
}
