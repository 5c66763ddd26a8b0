package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EmbeddedIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A repeated token costs no signature check from its third use on (the first is only remembered),
 * and a cached token still expires on time; a token handed
 * over already hashed ({@link PresentedToken}) shares the cache and gets the answers its text gets.
 */
class VerifiedTokenCacheTest {

    private final RecordingEvents events = new RecordingEvents();
    private final MutableClock clock = new MutableClock(Instant.now());
    private SingleIssuerBed bed;
    private EmbeddedIssuer idp;
    private IdentityService service;

    @BeforeEach
    void start() {
        bed = SingleIssuerBed.start(events, IdentitySettings.defaults().withClock(clock));
        idp = bed.idp;
        service = bed.service;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aTokenIsVerifiedTwiceThenAnsweredFromTheCache() {
        String token = idp.token().sign();

        Identity first = authenticated(service, token);
        Identity second = authenticated(service, token); // the first use is only remembered
        CompletableFuture<AuthResult> third = service.authenticate(token);

        assertTrue(third.isDone(), "a hit is answered with an already completed future");
        assertEquals(first, second);
        assertEquals(first, ((AuthResult.Authenticated) third.join()).identity());
        assertEquals(2, events.signatureChecks.get());
        assertEquals(2, events.cacheMisses.get());
        assertEquals(1, events.cacheHits.get());
    }

    @Test
    void hitsShareOneCompletedResult() {
        String token = idp.token().sign();
        authenticated(service, token);
        authenticated(service, token);

        assertSame(service.authenticate(token).join(), service.authenticate(token).join());
    }

    @Test
    void cachedTokenIsRefusedOnceExpired() {
        String token = idp.token().issuedAt(clock.instant()).expiresIn(Duration.ofSeconds(60)).sign();
        authenticated(service, token);
        authenticated(service, token);

        clock.advance(Duration.ofSeconds(120));

        rejected(service, token, AuthFailure.EXPIRED);
        assertEquals(3, events.signatureChecks.get(), "the expired entry was not served from the cache");
    }

    @Test
    void rejectedTokensAreNotCached() {
        String token = idp.token().audience("elsewhere").sign();

        rejected(service, token, AuthFailure.AUDIENCE_INVALID);
        rejected(service, token, AuthFailure.AUDIENCE_INVALID);

        assertEquals(0, events.cacheHits.get());
        assertEquals(2, events.signatureChecks.get());
    }

    private static PresentedToken presented(String token) {
        String header = "Bearer " + token;
        return PresentedToken.ofAscii(header, 7, header.length());
    }

    private AuthResult authenticate(PresentedToken token) {
        return Await.result(service.authenticate(token));
    }

    @Test
    void aPresentedTokenIsVerifiedThenAnsweredFromTheCacheItSharesWithItsText() {
        String token = idp.token().subject("alice").sign();

        authenticate(presented(token));
        AuthResult kept = authenticate(presented(token));
        CompletableFuture<AuthResult> hit = service.authenticate(presented(token));
        CompletableFuture<AuthResult> byText = service.authenticate(token);

        assertEquals("alice", assertInstanceOf(AuthResult.Authenticated.class, kept).identity().subject());
        assertTrue(hit.isDone(), "a hit is answered with an already completed future");
        assertSame(kept, hit.join());
        assertSame(kept, byText.join());
        assertEquals(2, events.signatureChecks.get());
        assertEquals(2, events.cacheMisses.get());
        assertEquals(2, events.cacheHits.get());
    }

    @Test
    void cachedAnswersOnlyAVerifiedTokenAndReportsOnlyHits() {
        String token = idp.token().sign();

        assertNull(service.cached(presented(token)));
        assertEquals(0, events.cacheMisses.get(), "a miss is reported by the authentication that follows");
        authenticate(presented(token));
        assertNull(service.cached(presented(token)), "verified once: remembered, not kept");
        AuthResult verified = authenticate(presented(token));
        CompletableFuture<AuthResult> hit = service.cached(presented(token));

        assertSame(verified, hit.join());
        assertEquals(1, events.cacheHits.get());
        assertEquals(2, events.cacheMisses.get());
    }

    @Test
    void aTokenFirstVerifiedByItsTextIsAHitWhenPresented() {
        String token = idp.token().sign();
        authenticated(service, token);
        Identity identity = authenticated(service, token);

        AuthResult hit = authenticate(presented(token));

        assertEquals(identity, ((AuthResult.Authenticated) hit).identity());
        assertEquals(2, events.signatureChecks.get());
    }

    @Test
    void refusedPresentedTokensGetTheTextsReasonAndAreNotCached() {
        String token = idp.token().audience("elsewhere").sign();

        AuthResult.Rejected byText = assertInstanceOf(AuthResult.Rejected.class, Await.result(service.authenticate(token)));
        AuthResult.Rejected presented = assertInstanceOf(AuthResult.Rejected.class, authenticate(presented(token)));

        assertEquals(AuthFailure.AUDIENCE_INVALID, byText.reason());
        assertEquals(byText, presented);
        assertEquals(0, events.cacheHits.get());
        assertEquals(2, events.signatureChecks.get());
    }

    @Test
    void aCachedPresentedTokenIsRefusedOnceExpired() {
        String token = idp.token().issuedAt(clock.instant()).expiresIn(Duration.ofSeconds(60)).sign();
        authenticate(presented(token));
        authenticate(presented(token));
        assertEquals(2, events.signatureChecks.get());
        assertNotNull(service.cached(presented(token)), "kept from the second verification");

        clock.advance(Duration.ofSeconds(120));

        AuthResult.Rejected expired = assertInstanceOf(AuthResult.Rejected.class, authenticate(presented(token)));
        assertEquals(AuthFailure.EXPIRED, expired.reason());
        assertEquals(3, events.signatureChecks.get(), "the expired entry was not served from the cache");
    }
}
