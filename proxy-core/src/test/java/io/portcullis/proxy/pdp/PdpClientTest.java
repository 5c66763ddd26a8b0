package io.portcullis.proxy.pdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.AuthZenPdpConfig;
import io.portcullis.config.ClientSecret;
import io.portcullis.config.StreamClientConfig;
import io.portcullis.fixtures.EmbeddedAuthZenPdp;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpQuestion;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PDP that wants an OAuth access token (as Keycloak's does), against a real in-process PDP with its own
 * token endpoint: the token is fetched by the client credentials grant, reused, renewed after the PDP
 * refused it; a client the token endpoint refuses never reaches the PDP. Also: the subject id claim, and an
 * unavailable answer never reused.
 */
class PdpClientTest {

    static final IdentityFacts ALICE = new IdentityFacts("https://idp.example", "u-1",
            Map.of("sub", "u-1", "preferred_username", "alice"), null);

    EmbeddedAuthZenPdp pdp;

    @BeforeEach
    void start() {
        pdp = EmbeddedAuthZenPdp.start().clientCredentials("pep", "pep-secret");
    }

    @AfterEach
    void stop() {
        pdp.close();
    }

    PdpClient client(String secret, String idClaim) {
        return client(secret, idClaim, Duration.ofSeconds(5), Duration.ZERO);
    }

    PdpClient client(String secret, String idClaim, Duration timeout, Duration cached) {
        StreamClientConfig credentials = new StreamClientConfig(URI.create(pdp.tokenEndpoint()), "pep",
                new ClientSecret(secret, "test"), List.of());
        return new PdpClient(new AuthZenPdpConfig("kc", URI.create(pdp.evaluationUrl()), null, credentials,
                timeout, new AuthZenPdpConfig.Cache(cached, cached),
                new AuthZenPdpConfig.Subject("user", idClaim), null), PdpClient.sharedHttp());
    }

    static PdpQuestion about(String id) {
        return new PdpQuestion("kc", "https://idp.example", "u-1", "read", "doc", id);
    }

    @Test
    void anAccessTokenIsFetchedReusedAndRenewedAfterARefusal() {
        PdpClient kc = client("pep-secret", "preferred_username");
        assertEquals(Boolean.TRUE, kc.decide(about("1"), ALICE).join());
        assertEquals(Boolean.TRUE, kc.decide(about("2"), ALICE).join());
        assertEquals(1, pdp.tokenRequests(), "one token for both evaluations");
        assertTrue(pdp.authorizations().stream().allMatch(a -> a.startsWith("Bearer pdp-at-")), pdp.authorizations().toString());
        assertEquals("alice", ((Map<?, ?>) pdp.received().get(0).get("subject")).get("id"), "subject.id from id_claim");

        pdp.revokeIssuedTokens();
        assertNull(kc.decide(about("3"), ALICE).join(), "the PDP refused the token: unavailable");
        assertEquals(Boolean.TRUE, kc.decide(about("3"), ALICE).join(), "a new token was fetched");
        assertEquals(2, pdp.tokenRequests());
    }

    @Test
    void aClientTheTokenEndpointRefusesNeverReachesThePdp() {
        assertNull(client("wrong-secret", "sub").decide(about("1"), ALICE).join());
        assertEquals(0, pdp.calls());
    }

    @Test
    void anIdentityWithoutTheSubjectClaimIsNotAskedAbout() {
        assertNull(client("pep-secret", "employee_id").decide(about("1"), ALICE).join());
        assertEquals(0, pdp.calls());
        assertEquals(0, pdp.tokenRequests());
    }

    @Test
    void whoeverSeesACallCompleteFindsItsAnswerCachedOrAnUnavailableOneGone() throws Exception {
        PdpClient kc = client("pep-secret", "sub", Duration.ofSeconds(1), Duration.ofMinutes(1));
        // Asked again from inside the first call's completion, on the thread that completes it: nothing the
        // cache does later on that thread can have happened yet.
        CompletableFuture<CompletableFuture<Boolean>> again = kc.decide(about("1"), ALICE)
                .thenApply(answer -> kc.decide(about("1"), ALICE));
        CompletableFuture<Boolean> cached = again.get(10, TimeUnit.SECONDS);
        assertTrue(cached.isDone(), "a permit is cached before its call completes");
        assertEquals(Boolean.TRUE, cached.join());
        assertEquals(1, pdp.calls());

        pdp.mode(EmbeddedAuthZenPdp.Mode.SLOW);
        CompletableFuture<Boolean> late = kc.decide(about("2"), ALICE);
        CompletableFuture<CompletableFuture<Boolean>> retry = late.thenApply(answer -> {
            pdp.mode(EmbeddedAuthZenPdp.Mode.ALLOW);
            return kc.decide(about("2"), ALICE);
        });
        try {
            CompletableFuture<Boolean> next = retry.get(10, TimeUnit.SECONDS);
            assertNull(late.join(), "the PDP did not answer in time: unavailable");
            assertFalse(next == late, "the late answer is not handed out again");
            assertEquals(Boolean.TRUE, next.get(10, TimeUnit.SECONDS), "asked again");
            assertEquals(3, pdp.calls());
        } finally {
            pdp.release();
        }
    }
}
