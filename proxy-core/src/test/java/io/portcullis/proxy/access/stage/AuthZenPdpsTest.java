package io.portcullis.proxy.access.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.fixtures.EmbeddedAuthZenPdp;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpAnswers;
import io.portcullis.policy.PdpQuestion;
import io.portcullis.policy.Tri;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.routing.Router;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stage that asks the route policy's {@code authzen} questions before the policy runs, against two
 * real in-process PDPs: each distinct question once, all PDPs together, an unavailable answer left out
 * (unknown to the policy), nothing asked where the policy asks nothing or the request is anonymous.
 */
class AuthZenPdpsTest {

    static final IdentityFacts ALICE = new IdentityFacts("https://idp.example", "alice", Map.of("sub", "alice"),
            null);

    EmbeddedAuthZenPdp docs;
    EmbeddedAuthZenPdp audit;
    Router router;
    ExternalDecisionStage stage;

    @BeforeEach
    void start() throws Exception {
        docs = EmbeddedAuthZenPdp.start();
        audit = EmbeddedAuthZenPdp.start().mode(EmbeddedAuthZenPdp.Mode.ERROR_500);
        PortcullisConfig config = ConfigLoader.parse("""
                issuers:
                  - { id: corp, issuer: "https://idp.example", jwks_uri: "https://idp.example/jwks", audiences: [p] }
                authzen_pdps:
                  docs: { url: "%s", timeout: 5s }
                  audit: { url: "%s", timeout: 5s }
                routes:
                  - { id: docs, match: { path_prefix: /docs }, upstream: "http://127.0.0.1:9", policy: docs }
                  - { id: open, match: { path_prefix: / }, upstream: "http://127.0.0.1:9", policy: open }
                policies:
                  docs:
                    deny: { authzen: { pdp: audit, action: blocked, resource: { type: user, id: { claim: sub } } } }
                    allow:
                      or:
                        - authzen: { pdp: docs, action: read, resource: { type: doc, id: { path_segment: 2 } } }
                        - authzen: { pdp: docs, action: read, resource: { type: doc, id: { path_segment: 2 } } }
                  open:
                    allow: { public: true }
                """.formatted(docs.evaluationUrl(), audit.evaluationUrl()), "pdps.yaml");
        router = RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null).router();
        stage = AuthZenPdps.forConfig(config);
    }

    @AfterEach
    void stop() {
        docs.close();
        audit.close();
    }

    AccessRequest request(String path) throws Exception {
        InetAddress client = InetAddress.getByName("10.0.0.1");
        return new AccessRequest(new AccessRequest.Target(router.match("app.test", path, "GET"), "GET", "app.test",
                path, null, null), name -> List.of(), new AccessRequest.Peer(client, client, null), Instant.now(), "r");
    }

    @Test
    void eachDistinctQuestionIsAskedOnceAndAnUnavailableAnswerIsLeftOut() throws Exception {
        PdpAnswers answers = stage.answers(request("/docs/42"), ALICE).join();
        assertEquals(1, docs.calls(), "the same question written twice is asked once");
        assertEquals(1, audit.calls(), "every PDP the policy names is asked");
        assertEquals(Tri.TRUE, answers.answer(new PdpQuestion("docs", "https://idp.example", "alice", "read", "doc", "42")));
        assertEquals(Tri.UNKNOWN, answers.answer(
                new PdpQuestion("audit", "https://idp.example", "alice", "blocked", "user", "alice")), "HTTP 500");
        assertEquals(1, answers.answers().size());
    }

    @Test
    void nothingIsAskedWithoutQuestionsOrWithoutAnIdentity() throws Exception {
        assertSame(ExternalDecisionStage.NOTHING_ASKED, stage.answers(request("/other"), ALICE));
        assertSame(ExternalDecisionStage.NOTHING_ASKED, stage.answers(request("/docs/42"), null));
        assertEquals(Tri.UNKNOWN, stage.answers(request("/docs"), ALICE).join()
                .answer(new PdpQuestion("docs", "https://idp.example", "alice", "read", "doc", "")));
        assertEquals(0, docs.calls(), "a path without the segment asks nothing of that PDP");
    }

    @Test
    void questionsInFlightAreSharedAndACachedAnswerCompletesAtOnce() throws Exception {
        docs.mode(EmbeddedAuthZenPdp.Mode.SLOW);
        CompletableFuture<PdpAnswers> first = stage.answers(request("/docs/7"), ALICE);
        CompletableFuture<PdpAnswers> second = stage.answers(request("/docs/7/edit"), ALICE);
        docs.release();
        PdpQuestion seven = new PdpQuestion("docs", "https://idp.example", "alice", "read", "doc", "7");
        assertEquals(Tri.TRUE, first.join().answer(seven));
        assertEquals(Tri.TRUE, second.join().answer(seven));
        assertEquals(1, docs.calls(), "the second request waited for the first one's call");
        audit.mode(EmbeddedAuthZenPdp.Mode.DENY);
        stage.answers(request("/docs/7"), ALICE).join();
        CompletableFuture<PdpAnswers> cached = stage.answers(request("/docs/7"), ALICE);
        assertEquals(true, cached.isDone(), "every answer cached: the request continues on its thread");
        assertEquals(Tri.FALSE, cached.join().answer(
                new PdpQuestion("audit", "https://idp.example", "alice", "blocked", "user", "alice")));
    }
}
