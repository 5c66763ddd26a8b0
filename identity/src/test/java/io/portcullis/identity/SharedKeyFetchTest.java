package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.portcullis.fixtures.EmbeddedIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While a key fetch is in flight, callers wait on its future (no thread blocked, no second fetch),
 * even with no rate limit at all.
 */
class SharedKeyFetchTest {

    private SingleIssuerBed bed;

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void requestBeforeKeysArriveWaitsOnTheFetchWithoutBlocking() {
        bed = SingleIssuerBed.start(IdentityEvents.NONE, IdentitySettings.defaults(), EmbeddedIssuer::holdJwks);

        CompletableFuture<AuthResult> pending = bed.service.authenticate(bed.idp.token().sign());
        assertFalse(pending.isDone(), "authenticate returned before the keys arrived instead of blocking");

        bed.idp.releaseJwks();
        assertInstanceOf(AuthResult.Authenticated.class, Await.result(pending));
        assertEquals(1, bed.idp.jwksFetchCount());
    }

    @Test
    void concurrentUnknownKidsShareOneInFlightFetch() {
        bed = SingleIssuerBed.start(IdentityEvents.NONE,
                IdentitySettings.defaults().withUnknownKidRefetchInterval(Duration.ZERO));
        authenticated(bed.service, bed.idp.token().sign());

        bed.idp.holdJwks();
        bed.idp.rotate();
        List<CompletableFuture<AuthResult>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(bed.service.authenticate(bed.idp.token().subject("user-" + i).sign()));
        }
        bed.idp.releaseJwks();

        for (CompletableFuture<AuthResult> result : waiting) {
            assertInstanceOf(AuthResult.Authenticated.class, Await.result(result));
        }
        assertEquals(2, bed.idp.jwksFetchCount(), "the initial fetch and one shared refetch");
    }
}
