package io.portcullis.proxy.access.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.auth.DecisionBed;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bearer authenticator against a real issuer's keys: who it is responsible for, and what it answers. */
class BearerAuthenticatorTest {

    private static DecisionBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = new DecisionBed();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static AccessRequest request(List<String> authorization) {
        return bed.access(bed.policy("admins-on-compliant-devices"), authorization, null);
    }

    private static Authentication answer(BearerAuthenticator authenticator, List<String> authorization)
            throws Exception {
        return authenticator.authenticate(request(authorization)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void withoutAnAuthorizationHeaderItLeavesTheRequestToASessionOrCallsItMissing() throws Exception {
        assertSame(Authentication.NOT_RESPONSIBLE, answer(new BearerAuthenticator(bed.identity, true, null), List.of()));
        Authentication.Anonymous missing = assertInstanceOf(Authentication.Anonymous.class,
                answer(new BearerAuthenticator(bed.identity, false, null), List.of()));
        assertEquals("token-missing", missing.reason());
    }

    @Test
    void aVerifiedTokenIsAnIdentityAndOnceCachedIsAnsweredAtOnce() throws Exception {
        BearerAuthenticator bearer = new BearerAuthenticator(bed.identity, true, null);
        List<String> authorization = List.of("Bearer " + bed.admin(true, true));
        Authentication.Authenticated first = assertInstanceOf(Authentication.Authenticated.class,
                answer(bearer, authorization));

        var cached = bearer.authenticate(request(authorization));

        assertTrue(cached.isDone(), "a cached token needs no stage");
        Authentication.Authenticated again = assertInstanceOf(Authentication.Authenticated.class, cached.join());
        assertEquals("alice", again.identity().subject());
        assertEquals(first.facts(), again.facts());
        assertEquals(List.of(), again.session().setCookies());
        assertNull(again.session().session());
    }

    @Test
    void twoAuthorizationHeadersAreAmbiguousAndABadOneIsAnonymousWithItsReason() throws Exception {
        BearerAuthenticator bearer = new BearerAuthenticator(bed.identity, true, null);

        assertEquals(new Authentication.Ambiguous("multiple-authorization-headers"),
                answer(bearer, List.of("Bearer a", "Bearer b")));
        assertEquals("token-malformed", assertInstanceOf(Authentication.Anonymous.class,
                answer(bearer, List.of("Bearer a!b"))).reason());
        assertEquals("credentials-unsupported-scheme", assertInstanceOf(Authentication.Anonymous.class,
                answer(bearer, List.of("Basic YTpi"))).reason());
        assertEquals("token-audience-invalid", assertInstanceOf(Authentication.Anonymous.class,
                answer(bearer, List.of("Bearer " + bed.idp.token().audience("elsewhere").sign()))).reason());
    }
}
