package io.portcullis.identity.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryReplayGuardTest {

    private final AtomicLong nanos = new AtomicLong();
    private final MemoryReplayGuard guard = new MemoryReplayGuard(1_000, nanos::get);

    private boolean first(String ns, String value, Duration ttl) {
        return guard.firstUse(ns, value, ttl).toCompletableFuture().join();
    }

    @Test
    void aValueIsAcceptedOnceAndRefusedWithinItsWindow() {
        assertTrue(first("dpop", "jti-1", Duration.ofSeconds(60)));
        assertFalse(first("dpop", "jti-1", Duration.ofSeconds(60)));
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertFalse(first("dpop", "jti-1", Duration.ofSeconds(60)));
    }

    @Test
    void aValueIsForgottenOnlyAfterItsOwnTtl() {
        assertTrue(first("dpop", "short", Duration.ofSeconds(10)));
        assertTrue(first("dpop", "long", Duration.ofSeconds(100)));
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        assertTrue(first("dpop", "short", Duration.ofSeconds(10)), "past its window the value may come again");
        assertFalse(first("dpop", "long", Duration.ofSeconds(100)));
    }

    @Test
    void aForgottenValueIsAFirstUseAgainInItsNamespaceOnly() {
        assertTrue(first("ssf:kc", "jti-9", Duration.ofSeconds(60)));
        assertTrue(first("dpop", "jti-9", Duration.ofSeconds(60)));
        guard.forget("ssf:kc", "jti-9").toCompletableFuture().join();
        assertTrue(first("ssf:kc", "jti-9", Duration.ofSeconds(60)), "released: the sender's retry is not a replay");
        assertFalse(first("ssf:kc", "jti-9", Duration.ofSeconds(60)), "recorded again by that retry");
        assertFalse(first("dpop", "jti-9", Duration.ofSeconds(60)), "another namespace keeps its value");
    }

    @Test
    void namespacesAreSeparate() {
        assertTrue(first("dpop", "x", Duration.ofSeconds(60)));
        assertTrue(first("ssf:kc", "x", Duration.ofSeconds(60)));
        assertFalse(first("ssf:kc", "x", Duration.ofSeconds(60)));
    }

    @Test
    void aNamespaceWithTheSeparatorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> guard.firstUse("a\u0000b", "c", Duration.ofSeconds(1)));
    }
}
