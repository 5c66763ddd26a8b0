package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.identity.binding.Binding;
import io.portcullis.identity.binding.BindingFailure;
import io.portcullis.identity.binding.BindingOutcome;
import io.portcullis.identity.binding.Presentation;
import io.portcullis.identity.binding.Presentation.Scheme;
import io.portcullis.identity.binding.RotatingNonceSource;
import io.portcullis.identity.binding.SenderConstraintCheck;
import io.portcullis.identity.binding.SenderConstraints;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path an authenticator stage will take: an issuer serving its keys over HTTP mints a token
 * bound to a client's DPoP key, the identity service verifies it, and the issuer's sender constraint
 * (the default, {@code optional}) is checked with the {@code cnf} the verified identity exposes.
 */
class BoundTokenFlowTest {

    private static final String URI = "https://api.example.com/orders";

    private SingleIssuerBed bed;
    private SenderConstraintCheck check;
    private final DPoPClient client = DPoPClient.es256();

    @BeforeEach
    void start() {
        bed = SingleIssuerBed.start(IdentityEvents.NONE);
        SenderConstraints constraints = SenderConstraints.build(bed.service.config().identity().issuers(),
                new MemoryReplayGuard(1_000), RotatingNonceSource.withRandomKey(Duration.ofMinutes(5), Clock.systemUTC()),
                Clock.systemUTC());
        check = constraints.forIssuer("corp");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private BindingOutcome present(Identity identity, Presentation presentation) throws Exception {
        return check.check(presentation, identity.confirmation()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theTokenWorksOnlyWithAFreshProofFromItsKey() throws Exception {
        String token = bed.idp.token().claim("cnf", client.cnf()).sign();
        Identity identity = Outcomes.authenticated(bed.service, token);
        assertEquals(client.thumbprint(), identity.confirmation().jwkThumbprint());

        String proof = client.proof("GET", URI, token);
        assertEquals(new BindingOutcome.Accepted(Binding.DPOP),
                present(identity, new Presentation(Scheme.DPOP, token, List.of(proof), "GET", URI, null)));

        // Whoever copied the token (and even the proof) gets nowhere without the key.
        assertEquals(new BindingOutcome.Refused(BindingFailure.BOUND_TOKEN_AS_BEARER),
                present(identity, new Presentation(Scheme.BEARER, token, List.of(), "GET", URI, null)));
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_REPLAYED),
                present(identity, new Presentation(Scheme.DPOP, token, List.of(proof), "GET", URI, null)));
        DPoPClient thief = DPoPClient.es256();
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_KEY_MISMATCH),
                present(identity, new Presentation(Scheme.DPOP, token, List.of(thief.proof("GET", URI, token)), "GET",
                        URI, null)));
    }

    @Test
    void anUnboundTokenStillWorksAsBearerUnderTheDefaultMode() throws Exception {
        String token = bed.idp.token().sign();
        Identity identity = Outcomes.authenticated(bed.service, token);
        assertEquals(Confirmation.NONE, identity.confirmation());
        assertEquals(new BindingOutcome.Accepted(Binding.UNBOUND),
                present(identity, new Presentation(Scheme.BEARER, token, List.of(), "GET", URI, null)));
    }
}
