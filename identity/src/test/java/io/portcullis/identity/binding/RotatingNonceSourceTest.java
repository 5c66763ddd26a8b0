package io.portcullis.identity.binding;

import static io.portcullis.identity.binding.ProofBed.TOKEN;
import static io.portcullis.identity.binding.ProofBed.URI;
import static io.portcullis.identity.binding.ProofBed.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.identity.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server nonces: rotation, the grace of the previous one, shared keys across replicas, and the proof check's use of them. */
class RotatingNonceSourceTest {

    private static final Duration PERIOD = Duration.ofMinutes(5);
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @Test
    void theCurrentAndThePreviousNonceAreAcceptedAndNothingOlder() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RotatingNonceSource nonces = new RotatingNonceSource(KEY, PERIOD, clock);
        String first = nonces.current();
        assertTrue(nonces.accepts(first));
        clock.advance(PERIOD);
        String second = nonces.current();
        assertNotEquals(first, second);
        assertTrue(nonces.accepts(second));
        assertTrue(nonces.accepts(first), "a client that fetched it just before the turn is not refused");
        clock.advance(PERIOD);
        assertFalse(nonces.accepts(first));
        assertFalse(nonces.accepts(null));
        assertFalse(nonces.accepts(""));
    }

    @Test
    void replicasSharingAKeyAcceptEachOthersNoncesAndOthersDoNot() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RotatingNonceSource a = new RotatingNonceSource(KEY, PERIOD, clock);
        RotatingNonceSource b = new RotatingNonceSource(KEY.clone(), PERIOD, clock);
        RotatingNonceSource stranger = RotatingNonceSource.withRandomKey(PERIOD, clock);
        assertTrue(b.accepts(a.current()));
        assertFalse(stranger.accepts(a.current()));
    }

    @Test
    void weakSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RotatingNonceSource(new byte[16], PERIOD, Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> new RotatingNonceSource(KEY, Duration.ofMillis(10),
                Clock.systemUTC()));
    }

    @Test
    void aProofWithoutTheCurrentNonceIsAskedForOne() {
        RotatingNonceSource nonces = RotatingNonceSource.withRandomKey(PERIOD, Clock.systemUTC());
        DPoPProofCheck check = new DPoPProofCheck(ProofBed.settings(nonces));
        DPoPClient client = DPoPClient.es256();
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_NONCE_REQUIRED),
                now(check.check(List.of(client.proof("GET", URI, TOKEN)), "GET", URI, TOKEN, client.thumbprint())));
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_NONCE_INVALID),
                now(check.check(List.of(client.proof("GET", URI, TOKEN, "made-up")), "GET", URI, TOKEN,
                        client.thumbprint())));
        assertEquals(new BindingOutcome.Accepted(Binding.DPOP),
                now(check.check(List.of(client.proof("GET", URI, TOKEN, nonces.current())), "GET", URI, TOKEN,
                        client.thumbprint())));
    }
}
