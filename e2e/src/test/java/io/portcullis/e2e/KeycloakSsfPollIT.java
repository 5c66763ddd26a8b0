package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.identity.events.SubjectId;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.events.delivery.StreamConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same transmitter by poll (RFC 8936), for deployments Keycloak cannot reach: Portcullis creates a
 * poll stream with its own receiver client ({@code portcullis-ssf-poll}; Keycloak allows one stream per
 * client), polls Keycloak's poll endpoint with acknowledgements, and gets the verification event and an
 * administrator's logout of alice as verified SETs.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSsfPollIT {

    private static Keycloak keycloak;
    private static SsfReceiverUnderTest ssf;

    @BeforeAll
    static void start(Keycloak kc) throws Exception {
        keycloak = kc;
        ssf = new SsfReceiverUnderTest(kc, "portcullis-ssf-poll", "portcullis-ssf-poll-secret", "poll", null);
    }

    @AfterAll
    static void stop() {
        if (ssf != null) {
            ssf.close();
        }
    }

    @Test
    @Order(1)
    void theStreamIsAPollStreamAndItsVerificationIsPolled() throws Exception {
        StreamConfig stream = ssf.stream;
        assertEquals(StreamConfig.POLL, stream.deliveryMethod());
        assertNotNull(stream.endpointUrl(), "Keycloak names the poll endpoint");
        assertNotNull(ssf.receiver.poll(), "polling started");
        ssf.awaitAction(SecurityAction.Verified.class, 0, v -> v.state() != null && !v.state().isEmpty());
        assertEquals(List.of(), ssf.refused);
    }

    @Test
    @Order(2)
    void anAdministratorEndingAlicesSessionsArrivesByPoll() throws Exception {
        JWTClaimsSet alice = KeycloakSsfIT.claims(KeycloakSsfIT.aliceSignsIn(keycloak));
        int from = ssf.mark();
        keycloak.logoutUser("alice");
        SecurityAction.RevokeSubjectBefore revoke = ssf.awaitAction(SecurityAction.RevokeSubjectBefore.class, from,
                r -> "session-revoked".equals(r.ref().type()));
        assertEquals(new SubjectId.IssSub(keycloak.issuer(), alice.getSubject()), revoke.user());
        assertEquals(List.of(), ssf.refused);
    }
}
