package io.portcullis.proxy.state;

import static io.portcullis.proxy.state.RedisStores.config;
import static io.portcullis.proxy.state.RedisStores.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.RedisStateConfig;
import io.portcullis.fixtures.RedisServerProcess;
import io.portcullis.identity.revocation.Revocation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two stores (two replicas) sharing one real redis-server. */
class RedisStateStoreTest {

    private static final Duration SOON = Duration.ofSeconds(5);
    private RedisServerProcess redis;
    private RedisStateStore a;
    private RedisStateStore b;

    private RedisPair pair;

    @BeforeEach
    void start() {
        pair = RedisPair.start("t:", StateEvents.NONE);
        redis = pair.redis;
        a = pair.a;
        b = pair.b;
    }

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Revocation sid(String value) {
        Instant now = Instant.now();
        return new Revocation(Revocation.Kind.SID, "corp", value, now, now.plus(Duration.ofHours(1)));
    }

    private static boolean knows(StateStore store, String sid) {
        return store.revocations().revokedAt(Revocation.Kind.SID, "corp", sid) != null;
    }

    @Test
    void aRevocationOnOneReplicaReachesTheOtherWithinSeconds() {
        assertFalse(knows(b, "s1"));
        a.revocations().revoke(sid("s1"));
        assertTrue(knows(a, "s1"), "applied on the replica that took it before the call returns");
        eventually(Duration.ofSeconds(5), "the other replica refuses s1", () -> knows(b, "s1"));
        assertFalse(knows(b, "s2"), "nothing else was revoked");
    }

    @Test
    void aLimitHoldsAcrossReplicas() throws Exception {
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            StateStore replica = i % 2 == 0 ? a : b;
            long wait = replica.buckets().take("route\ncaller", 10, 10 / 60.0).toCompletableFuture().get(2, TimeUnit.SECONDS);
            if (wait == 0) {
                allowed++;
            } else {
                assertTrue(wait > 0 && wait <= TimeUnit.SECONDS.toNanos(6), "about one interval: " + wait);
            }
        }
        assertEquals(10, allowed, "10 a minute across both replicas, not 10 each");
        long otherCaller = a.buckets().take("route\nsomeone-else", 10, 10 / 60.0).toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertEquals(0, otherCaller, "another caller has a bucket of its own");
    }

    @Test
    void aOneTimeValueIsAcceptedOnceAcrossReplicas() throws Exception {
        assertTrue(a.replays().firstUse("dpop", "jti-1", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS));
        assertFalse(b.replays().firstUse("dpop", "jti-1", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS));
        assertFalse(a.replays().firstUse("dpop", "jti-1", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS));
        assertTrue(b.replays().firstUse("set", "jti-1", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS),
                "another scope is another set");
        // A transmitter's id is a URL: its ':' must not let two (scope, value) pairs share a key. On b,
        // whose own memory has seen neither, only Redis can answer.
        assertTrue(a.replays().firstUse("https://idp.example", "x:1", Duration.ofMinutes(1)).toCompletableFuture()
                .get(2, TimeUnit.SECONDS));
        assertTrue(b.replays().firstUse("https", "//idp.example:x:1", Duration.ofMinutes(1)).toCompletableFuture()
                .get(2, TimeUnit.SECONDS), "another scope and value that spell the same text");
        assertFalse(b.replays().firstUse("https://idp.example", "x:1", Duration.ofMinutes(1)).toCompletableFuture()
                .get(2, TimeUnit.SECONDS));
    }

    @Test
    void aReleasedValueIsAFirstUseAgainOnEveryReplica() throws Exception {
        assertTrue(a.replays().firstUse("set:kc", "jti-r", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS));
        a.replays().forget("set:kc", "jti-r").toCompletableFuture().get(2, TimeUnit.SECONDS);
        // b's own memory never saw it: only Redis answers there, and it no longer holds the value.
        assertTrue(b.replays().firstUse("set:kc", "jti-r", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS),
                "the retry, delivered to another replica, is a first use");
        assertFalse(a.replays().firstUse("set:kc", "jti-r", Duration.ofMinutes(1)).toCompletableFuture().get(2, TimeUnit.SECONDS),
                "and recorded again for every replica");
    }

    @Test
    void aDPoPNonceFromOneReplicaIsGoodOnTheOther() {
        eventually(SOON, "both replicas read the shared nonce key", () -> a.noncesShared() && b.noncesShared());
        assertTrue(b.nonces().accepts(a.nonces().current()), "a nonce handed out by a, presented to b");
        assertTrue(a.nonces().accepts(b.nonces().current()));
        assertFalse(a.nonces().accepts(new MemoryStateStore(Clock.systemUTC()).nonces().current()),
                "a key of one's own is not shared");
    }

    @Test
    void replicasAgreeOnANewNonceKeyAfterRedisLostIt() {
        eventually(SOON, "both replicas read the shared nonce key", () -> a.noncesShared() && b.noncesShared());
        String before = a.nonces().current();
        redis.restart(); // an empty Redis: the key is gone, as after an eviction or a failover without persistence
        eventually(Duration.ofSeconds(10), "both replicas reconnected and wrote or read one new key",
                () -> !a.nonces().accepts(before) && a.nonces().accepts(b.nonces().current())
                        && b.nonces().accepts(a.nonces().current()));
    }

    @Test
    void riskHistoryIsSharedAndBounded() throws Exception {
        long now = System.currentTimeMillis();
        a.riskHistory().record("corp\nalice", "laptop", "10.0.0.0/24", now, Duration.ofDays(1));
        eventually(SOON, "b sees alice's laptop", () -> b.riskHistory().load("corp\nalice").toCompletableFuture().join()
                .devices().containsKey("laptop"));
        for (int i = 0; i < 100; i++) {
            a.riskHistory().record("corp\nalice", "d" + i, "10.0." + i + ".0/24", now + i, Duration.ofDays(1));
        }
        eventually(SOON, "the last place written", () -> b.riskHistory().load("corp\nalice").toCompletableFuture().join()
                .devices().containsKey("d99"));
        SharedRiskHistory.Places places = b.riskHistory().load("corp\nalice").toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertTrue(places.devices().size() + places.networks().size() <= RedisRiskHistory.MAX_PLACES,
                "bounded: " + places);
        assertFalse(places.devices().containsKey("laptop"), "the oldest place went first");
    }

    @Test
    void revocationsTakenWhileRedisIsDownAreKeptAndWrittenWhenItReturns() {
        a.revocations().revoke(sid("before"));
        eventually(SOON, "b learns 'before'", () -> knows(b, "before"));
        redis.kill();
        eventually(SOON, "a sees redis down", () -> !a.health().up());
        assertNotNull(a.health().reason());
        a.revocations().revoke(sid("during"));
        assertTrue(knows(a, "during"), "enforced at once on the replica that took it");
        assertTrue(knows(b, "before"), "mirrored revocations stay enforced");
        assertFalse(knows(b, "during"), "b cannot know yet");
        // Kept until written: at once when the link knows it is down, after the command timeout otherwise.
        eventually(SOON, "the revocation waits to be written", () -> a.pendingRevocations() > 0);

        redis.restart(); // empty: no persistence
        eventually(Duration.ofSeconds(10), "both up again", () -> a.health().up() && b.health().up());
        // Replicas reconnect in no fixed order; each re-reads for a while after (RedisLink.SETTLE).
        eventually(Duration.ofSeconds(15), "b learns what a took during the outage", () -> knows(b, "during"));
        assertTrue(knows(a, "before") && knows(b, "before"), "nothing revoked before the outage is lost");
        RedisStateStore c = new RedisStateStore(config(redis, "t:", null), StateEvents.NONE, Clock.systemUTC());
        try {
            eventually(SOON, "a new replica learns both from the store", () -> knows(c, "before") && knows(c, "during"));
        } finally {
            c.close();
        }
    }

    @Test
    void downAtStartStartsAnywayAndCatchesUp() {
        redis.kill();
        RedisStateStore late = new RedisStateStore(config(redis, "t:", null), StateEvents.NONE, Clock.systemUTC());
        try {
            eventually(SOON, "says why it is down", () -> late.health().reason() != null
                    && late.health().reason().contains("redis at 127.0.0.1:" + redis.port()));
            assertFalse(late.health().up());
            late.revocations().revoke(sid("early"));
            assertTrue(knows(late, "early"));
            redis.restart();
            eventually(Duration.ofSeconds(10), "connects once redis is there", () -> late.health().up());
            eventually(SOON, "the early revocation reaches another replica", () -> knows(b, "early"));
        } finally {
            late.close();
        }
    }

    @Test
    void aWrongPasswordSaysSoWithoutTheSecret() {
        RedisServerProcess guarded = RedisServerProcess.start("--requirepass", "right-one");
        RedisStateStore wrong = new RedisStateStore(config(guarded, "t:", "wrong-one"), StateEvents.NONE, Clock.systemUTC());
        RedisStateStore right = new RedisStateStore(config(guarded, "t:", "right-one"), StateEvents.NONE, Clock.systemUTC());
        try {
            eventually(SOON, "the right password connects", () -> right.health().up());
            eventually(SOON, "the wrong one is named", () -> wrong.health().reason() != null
                    && wrong.health().reason().contains("authentication failed"));
            assertFalse(wrong.health().reason().contains("wrong-one"));
            assertFalse(wrong.health().up());
            assertNull(right.health().reason());
        } finally {
            wrong.close();
            right.close();
            guarded.close();
        }
    }

    @Test
    void tlsAgainstAPlainTextServerSaysItIsTls() {
        RedisStateConfig plain = RedisStores.config(redis, "t:", null);
        RedisStateConfig tls = new RedisStateConfig(java.net.URI.create("rediss://127.0.0.1:" + redis.port()), null, null,
                null, null, null, 0, "t:", plain.connectTimeout(), plain.commandTimeout());
        RedisStateStore wrong = new RedisStateStore(tls, StateEvents.NONE, Clock.systemUTC());
        try {
            eventually(Duration.ofSeconds(20), "the TLS failure is named", () -> wrong.health().reason() != null
                    && wrong.health().reason().contains("TLS"));
            assertFalse(wrong.health().up());
        } finally {
            wrong.close();
        }
    }
}
