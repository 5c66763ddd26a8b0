package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
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
 * A real nginx ({@code auth_request}) in front of a real upstream, with Portcullis's decision API as
 * its decision point, configured as docs/forward-auth.md says. Skipped when nginx is not installed.
 */
class NginxAuthRequestTest {

    /** The server block of docs/forward-auth.md, with the test's addresses. */
    static final String SERVER = """
            server {
                listen 127.0.0.1:${PORT};

                location = /_portcullis {
                    internal;
                    proxy_pass http://127.0.0.1:${API}/nginx;
                    proxy_pass_request_body off;
                    proxy_set_header Content-Length "";
                    proxy_set_header X-Original-Method $request_method;
                    proxy_set_header X-Original-URI $request_uri;
                    proxy_set_header X-Original-Host $host;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                }

                location @unauthenticated {
                    add_header DPoP-Nonce $portcullis_dpop_nonce always;
                    if ($portcullis_login != "") {
                        return 302 $portcullis_login;
                    }
                    return 401;
                }

                location / {
                    auth_request /_portcullis;
                    auth_request_set $portcullis_user $upstream_http_x_forwarded_user;
                    auth_request_set $portcullis_groups $upstream_http_x_forwarded_groups;
                    auth_request_set $portcullis_login $upstream_http_x_portcullis_login;
                    auth_request_set $portcullis_dpop_nonce $upstream_http_dpop_nonce;
                    error_page 401 = @unauthenticated;
                    proxy_set_header X-Forwarded-User $portcullis_user;
                    proxy_set_header X-Forwarded-Groups $portcullis_groups;
                    proxy_set_header DPoP "";
                    proxy_pass http://127.0.0.1:${UPSTREAM};
                }
            }
            """;

    static ForwardAuthFixture f;
    static PeerProcess nginx;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String bin = PeerProcess.binary("nginx");
        Assumptions.assumeTrue(bin != null, "nginx is not installed (Debian package nginx): skipping the real-nginx"
                + " forward-auth tests");
        f = new ForwardAuthFixture();
        int port = LoopbackPorts.free();
        String conf = """
                worker_processes 1;
                error_log %1$s/error.log info;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(dir, SERVER.replace("${PORT}", String.valueOf(port))
                .replace("${API}", String.valueOf(f.apiPort()))
                .replace("${UPSTREAM}", String.valueOf(f.fx.upstream.port())));
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        nginx = PeerProcess.start(dir, port, List.of(bin, "-p", dir.toString(), "-c", file.toString(), "-g",
                "daemon off;"), Map.of());
    }

    @AfterAll
    static void stop() {
        ForwardAuthFixture.closeAll(nginx, f);
    }

    @BeforeEach
    void clear() {
        f.fx.upstream.clear();
    }

    static ApiCall.Response get(String from, String target, String... headers) throws Exception {
        return ApiCall.send(from, nginx.port, "GET", target, headers);
    }

    @Test
    void allowedRequestReachesTheUpstreamWithIdentityHeadersFromAuthRequestSet() throws Exception {
        String alice = f.token("alice", List.of("admins", "ops"));
        ApiCall.Response r = get("127.0.0.1", "/admin/reports?q=1", "Authorization: Bearer " + alice,
                "X-Forwarded-User: mallory");
        assertEquals(200, r.status(), nginx.output());
        RecordedRequest seen = f.fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/admin/reports?q=1", seen.uri());
        assertEquals(List.of("alice"), seen.headers("X-Forwarded-User"), "Portcullis's value, not the client's");
        assertEquals("admins,ops", seen.header("X-Forwarded-Groups"));
        String line = f.fx.awaitDecision("\"subject\":\"alice\"");
        assertTrue(line.contains("forward-auth:nginx") && line.contains("\"path\":\"/admin/reports\""), line);
    }

    @Test
    void publicRouteIsAllowedAndAClientsIdentityHeaderIsDropped() throws Exception {
        ApiCall.Response r = get("127.0.0.1", "/public/x", "X-Forwarded-User: mallory");
        assertEquals(200, r.status(), nginx.output());
        RecordedRequest seen = f.fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertFalse(seen.hasHeader("X-Forwarded-User"), "an empty auth_request_set value removes the header");
    }

    @Test
    void noTokenIs401AndTheUpstreamSeesNothing() throws Exception {
        assertEquals(401, get("127.0.0.1", "/admin/x").status(), nginx.output());
        f.assertUpstreamSawNothing();
    }

    @Test
    void browserWithoutSessionIsRedirectedToLogin() throws Exception {
        ApiCall.Response r = get("127.0.0.1", "/admin/x", "Accept: text/html");
        assertEquals(302, r.status(), nginx.output());
        assertTrue(r.header("Location").startsWith(ForwardAuthFixture.LOGIN_URL + "?rd="), r.header("Location"));
        f.assertUpstreamSawNothing();
    }

    @Test
    void wrongGroupIs403AndTheUpstreamSeesNothing() throws Exception {
        String bob = f.token("bob", List.of("users"));
        assertEquals(403, get("127.0.0.1", "/admin/x", "Authorization: Bearer " + bob).status(), nginx.output());
        f.assertUpstreamSawNothing();
    }

    @Test
    void spoofedOriginalUriFromTheClientIsNeverBelieved() throws Exception {
        // The client names a public URI; nginx sets X-Original-URI itself, so /admin is what is decided.
        ApiCall.Response r = get("127.0.0.1", "/admin/x", "X-Original-URI: /public/x",
                "X-Forwarded-Uri: /public/x", "X-Original-Method: GET");
        assertEquals(401, r.status(), nginx.output());
        f.assertUpstreamSawNothing();
        // A client that reaches the decision API itself, from an untrusted address, gets nothing decided.
        ApiCall.Response direct = ApiCall.send("127.0.0.2", f.apiPort(), "GET", "/nginx",
                "X-Original-Method: GET", "X-Original-URI: /public/x");
        assertEquals(403, direct.status());
        assertTrue(f.fx.awaitDecision(direct.header("X-Request-Id")).contains("caller-untrusted"));
        f.assertUpstreamSawNothing();
    }

    @Test
    void dpopRequestReachesTheUpstreamWithoutItsProofAndItsReplayIsRefusedWithTheChallenge() throws Exception {
        DPoPClient key = DPoPClient.es256();
        String token = f.fx.corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(10))
                .claim("groups", List.of("admins")).claim("cnf", key.cnf()).sign();
        // The client addressed http://127.0.0.1 (nginx's $scheme and $host); the proof names no query.
        String proof = key.proof("GET", "http://127.0.0.1/admin/reports", token);
        ApiCall.Response r = get("127.0.0.1", "/admin/reports?q=1", "Authorization: DPoP " + token, "DPoP: " + proof);
        assertEquals(200, r.status(), nginx.output());
        RecordedRequest seen = f.fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/admin/reports?q=1", seen.uri());
        assertEquals("alice", seen.header("X-Forwarded-User"));
        assertFalse(seen.hasHeader("DPoP"), "proxy_set_header DPoP \"\" keeps the proof from the upstream");

        ApiCall.Response replayed = get("127.0.0.1", "/admin/reports?q=1", "Authorization: DPoP " + token,
                "DPoP: " + proof);
        assertEquals(401, replayed.status(), nginx.output());
        String challenge = replayed.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("DPoP error=\"invalid_dpop_proof\""),
                "nginx passes the decision's challenge on: " + challenge);
        assertTrue(challenge.contains("resource_metadata=\"http://127.0.0.1/.well-known/oauth-protected-resource/admin\""),
                challenge);
        f.assertUpstreamSawNothing();
        assertTrue(f.fx.awaitDecision("dpop-replayed").contains("forward-auth:nginx"));

        // Two challenges answered (Bearer invalid_token, DPoP algs); nginx 1.22 passes the first only.
        ApiCall.Response asBearer = get("127.0.0.1", "/admin/reports", "Authorization: Bearer " + token);
        assertEquals(401, asBearer.status(), nginx.output());
        List<String> challenges = asBearer.headers().stream().filter(h -> h[0].equals("www-authenticate"))
                .map(h -> h[1]).toList();
        assertTrue(!challenges.isEmpty() && challenges.get(0).startsWith("Bearer error=\"invalid_token\""),
                challenges.toString());
        f.assertUpstreamSawNothing();
    }

    @Test
    void ambiguousPathIsRefusedAndNeverForwarded() throws Exception {
        ApiCall.Response r = get("127.0.0.1", "/public/..%2fadmin/x");
        // nginx turns any auth_request answer but 2xx/401/403 into 500: refused either way.
        assertTrue(r.status() >= 400, "status " + r.status());
        f.assertUpstreamSawNothing();
    }
}
