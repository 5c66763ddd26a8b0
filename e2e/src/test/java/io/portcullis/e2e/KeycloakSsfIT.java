package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.identity.events.SubjectId;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.events.delivery.StreamConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared Signals from Keycloak's experimental transmitter ({@code --features=ssf}) into Portcullis's
 * receiver by push (RFC 8935), all real: the receiver discovers Keycloak's SSF metadata, creates a push
 * stream with the {@code portcullis-ssf} client's credentials and asks for a verification; Keycloak signs
 * SETs and POSTs them to a loopback server that hands them to the identity module's push endpoint, which
 * verifies them against Keycloak's JWKS. An administrator ending alice's sessions, alice signing out, and
 * an administrator resetting her password each become the revocation the continuous-access design says,
 * naming alice's subject (and her session where Keycloak names one).
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSsfIT {

    private static Keycloak keycloak;
    private static PushReceiverServer pushServer;
    private static SsfReceiverUnderTest ssf;

    @BeforeAll
    static void start(Keycloak kc) throws Exception {
        keycloak = kc;
        pushServer = new PushReceiverServer();
        // The receiver client may push only to URLs it lists; the port is this run's.
        keycloak.updateClient("portcullis-ssf", Map.of(), Map.of("ssf.validPushUrls", pushServer.url()));
        ssf = new SsfReceiverUnderTest(kc, "portcullis-ssf", "portcullis-ssf-secret", "push", pushServer);
    }

    @AfterAll
    static void stop() {
        if (ssf != null) {
            ssf.close();
        }
        if (pushServer != null) {
            pushServer.close();
        }
    }

    /** Alice signs in (a Keycloak session); her access token's claims. */
    static Map<String, Object> aliceSignsIn(Keycloak keycloak) throws Exception {
        HttpResponse<String> response = keycloak.tokenRequest(Map.of("grant_type", "password", "client_id", "portcullis",
                "client_secret", "portcullis-secret", "username", "alice", "password", "alice-password", "scope", "openid"),
                Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return JSONObjectUtils.parse(response.body());
    }

    static JWTClaimsSet claims(Map<String, Object> tokens) throws Exception {
        return SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
    }

    @Test
    @Order(1)
    void theStreamIsAPushStreamToOurEndpointAndItsVerificationArrivesSigned() throws Exception {
        StreamConfig stream = ssf.stream;
        assertNotNull(stream, "Portcullis created its stream through Keycloak's management API");
        assertEquals(StreamConfig.PUSH, stream.deliveryMethod());
        assertEquals(pushServer.url(), stream.endpointUrl().toString());
        assertTrue(stream.eventsDelivered().contains("https://schemas.openid.net/secevent/caep/event-type/session-revoked"),
                stream.eventsDelivered().toString());
        ssf.awaitAction(SecurityAction.Verified.class, 0, v -> v.state() != null && !v.state().isEmpty());
        assertEquals(List.of(), ssf.refused);
    }

    @Test
    @Order(2)
    void anAdministratorEndingAlicesSessionsRevokesEverySessionOfHers() throws Exception {
        JWTClaimsSet alice = claims(aliceSignsIn(keycloak));
        int from = ssf.mark();
        keycloak.logoutUser("alice");
        SecurityAction.RevokeSubjectBefore revoke = ssf.awaitAction(SecurityAction.RevokeSubjectBefore.class, from,
                r -> "session-revoked".equals(r.ref().type()));
        assertEquals(new SubjectId.IssSub(keycloak.issuer(), alice.getSubject()), revoke.user());
        assertTrue(!revoke.before().isBefore(alice.getIssueTime().toInstant()),
                "her token, issued before the logout, falls under the revocation");
        assertEquals("keycloak", revoke.ref().transmitter());
        assertEquals(List.of(), ssf.refused);
    }

    @Test
    @Order(3)
    void aliceSigningOutRevokesThatSessionByItsSid() throws Exception {
        Map<String, Object> tokens = aliceSignsIn(keycloak);
        String sid = claims(tokens).getStringClaim("sid");
        int from = ssf.mark();
        HttpResponse<String> logout = keycloak.logoutRequest(Map.of("client_id", "portcullis",
                "client_secret", "portcullis-secret", "refresh_token", (String) tokens.get("refresh_token")));
        assertEquals(204, logout.statusCode(), logout.body());
        SecurityAction.RevokeSession revoke = ssf.awaitAction(SecurityAction.RevokeSession.class, from, r -> true);
        assertEquals(sid, revoke.sid());
        assertEquals(keycloak.issuer(), revoke.issuer());
        assertEquals(List.of(), ssf.refused);
    }

    @Test
    @Order(4)
    void anAdministratorResettingAlicesPasswordRevokesEverySessionOfHers() throws Exception {
        JWTClaimsSet alice = claims(aliceSignsIn(keycloak));
        int from = ssf.mark();
        keycloak.resetPassword("alice", "alice-password");
        SecurityAction.RevokeSubjectBefore revoke = ssf.awaitAction(SecurityAction.RevokeSubjectBefore.class, from,
                r -> "credential-change".equals(r.ref().type()));
        assertEquals(new SubjectId.IssSub(keycloak.issuer(), alice.getSubject()), revoke.user());
        assertEquals(List.of(), ssf.refused);
        assertTrue(pushServer.answered().stream().allMatch(status -> status == 202), pushServer.answered().toString());
    }
}
