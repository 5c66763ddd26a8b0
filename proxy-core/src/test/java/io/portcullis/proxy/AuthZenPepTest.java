package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EmbeddedAuthZenPdp;
import io.portcullis.fixtures.EmbeddedAuthZenPdp.Mode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code authzen} criterion through a real Portcullis in front of a real upstream, asking a real
 * in-process AuthZEN PDP over HTTP: a permit reaches the upstream; a refusal and every way a PDP can fail
 * (slow past the time-out, connection dropped, nothing listening, malformed answer, HTTP 500) is a 403
 * whose decision line says why, and the upstream never sees the request. Answers are cached per
 * (subject, action, resource); failures are not.
 */
class AuthZenPepTest {

    static EmbeddedAuthZenPdp pdp;
    static ProxyFixture fx;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        pdp = EmbeddedAuthZenPdp.start().requireToken("pdp-caller-token");
        Path token = Files.writeString(dir.resolve("pdp.token"), "pdp-caller-token\n");
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        fx = new ProxyFixture(CorpOnly.with("""
                authzen_pdps:
                  docs:
                    url: %s
                    token_file: %s
                    timeout: 5s
                    cache: { allow: 1h, deny: 1h }
                  hasty:
                    url: %s
                    token_file: %s
                    timeout: 300ms
                  gone:
                    url: http://127.0.0.1:%d/access/v1/evaluation
                    timeout: 300ms
                routes:
                  - id: docs
                    match: { path_prefix: /docs }
                    upstream: ${UPSTREAM}
                    policy: docs
                  - id: hasty
                    match: { path_prefix: /hasty }
                    upstream: ${UPSTREAM}
                    policy: hasty
                  - id: audited
                    match: { path_prefix: /audited }
                    upstream: ${UPSTREAM}
                    policy: audited
                policies:
                  docs:
                    allow:
                      authzen: { pdp: docs, action: can_read, resource: { type: document, id: { path_segment: 2 } } }
                  hasty:
                    allow:
                      authzen: { pdp: hasty, action: can_read, resource: { type: document, id: { path_segment: 2 } } }
                  audited:
                    allow: { authenticated: true }
                    deny:
                      authzen: { pdp: gone, action: is_blocked, resource: { type: user, id: { claim: sub } } }
                """.formatted(pdp.evaluationUrl(), token, pdp.evaluationUrl(), token, nobody)));
    }

    @AfterAll
    static void stop() {
        fx.close();
        pdp.close();
    }

    @BeforeEach
    void reset() {
        pdp.mode(Mode.ALLOW);
        pdp.clear();
        fx.upstream.clear();
    }

    static String token(String sub) {
        return fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(5)).sign();
    }

    static RawHttp.Response get(String path, String sub) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get(path, "Authorization: Bearer " + token(sub));
        }
    }

    /** The request was refused with 403, its decision line names {@code reason}, and nothing was forwarded. */
    static String refused(RawHttp.Response r, String reason) throws Exception {
        assertEquals(403, r.status(), r.body());
        String line = fx.awaitDecision(r.header("x-request-id"));
        assertTrue(line.contains("\"reasons\":[\"" + reason + "\"]"), line);
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(100)), "the upstream never saw it");
        return line;
    }

    @Test
    void aPermitReachesTheUpstreamAndThePdpWasAskedTheAuthZenQuestion() throws Exception {
        RawHttp.Response r = get("/docs/42/view", "alice");
        assertEquals(200, r.status(), r.body());
        assertEquals("/docs/42/view", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
        assertTrue(fx.awaitDecision(r.header("x-request-id")).contains("\"reasons\":[\"authzen-permitted\"]"));
        assertEquals(List.of(Map.of(
                "subject", Map.of("type", "user", "id", "alice"),
                "action", Map.of("name", "can_read"),
                "resource", Map.of("type", "document", "id", "42"))), pdp.received());
        assertEquals(List.of("Bearer pdp-caller-token"), pdp.authorizations(), "the configured credential is sent");
    }

    @Test
    void aRefusalIsA403WithItsOwnReason() throws Exception {
        pdp.mode(Mode.DENY);
        refused(get("/docs/43", "alice"), "authzen-denied");
        assertEquals(1, pdp.calls());
    }

    @Test
    void aSlowPdpIsUnavailable() throws Exception {
        pdp.mode(Mode.SLOW);
        try {
            // A PDP entry with a short time-out of its own: the others' is long, so that a loaded machine's
            // slow answer cannot turn a permit into pdp-unavailable.
            refused(get("/hasty/44", "alice"), "pdp-unavailable");
        } finally {
            pdp.release();
        }
    }

    @Test
    void aDroppedConnectionIsUnavailable() throws Exception {
        pdp.mode(Mode.DOWN);
        refused(get("/docs/45", "alice"), "pdp-unavailable");
        assertEquals(1, pdp.calls(), "the PDP was asked");
    }

    @Test
    void aMalformedAnswerIsUnavailable() throws Exception {
        pdp.mode(Mode.MALFORMED);
        refused(get("/docs/46", "alice"), "pdp-unavailable");
    }

    @Test
    void anHttp500IsUnavailableAndNotCached() throws Exception {
        pdp.mode(Mode.ERROR_500);
        refused(get("/docs/47", "alice"), "pdp-unavailable");
        refused(get("/docs/47", "alice"), "pdp-unavailable");
        assertEquals(2, pdp.calls(), "an unusable answer is asked again");
        pdp.mode(Mode.ALLOW);
        assertEquals(200, get("/docs/47", "alice").status(), "once the PDP answers, the request passes");
    }

    @Test
    void aRejectedCredentialIsUnavailable() throws Exception {
        pdp.requireToken("another-token");
        try {
            refused(get("/docs/48", "alice"), "pdp-unavailable");
        } finally {
            pdp.requireToken("pdp-caller-token");
        }
    }

    @Test
    void answersAreCachedPerSubjectActionAndResource() throws Exception {
        assertEquals(200, get("/docs/50", "carol").status());
        assertEquals(200, get("/docs/50/again", "carol").status());
        assertEquals(1, pdp.calls(), "the second request was answered from the cache");
        assertEquals(200, get("/docs/51", "carol").status());
        assertEquals(200, get("/docs/50", "dave").status());
        assertEquals(3, pdp.calls(), "another resource or another subject is another question");

        fx.upstream.clear();
        pdp.mode(Mode.DENY);
        refused(get("/docs/52", "carol"), "authzen-denied");
        pdp.mode(Mode.ALLOW);
        refused(get("/docs/52", "carol"), "authzen-denied");
        assertEquals(4, pdp.calls(), "a refusal is cached too");
    }

    @Test
    void aDenyOnAnUnreachablePdpFires() throws Exception {
        String line = refused(get("/audited/x", "alice"), "pdp-unavailable");
        assertTrue(line.contains("\"rule\":\"deny\""), line);
    }

    @Test
    void anAnonymousRequestNeverAsksThePdp() throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(401, c.get("/docs/53").status());
        }
        assertEquals(0, pdp.calls());
        assertFalse(fx.upstream.requests().stream().anyMatch(q -> q.uri().startsWith("/docs/53")));
    }
}
