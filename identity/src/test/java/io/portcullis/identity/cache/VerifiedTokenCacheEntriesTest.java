package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the cache agrees to keep: only token68 tokens (so a hit stands for a token68 token and its
 * callers may skip the syntax check), only until {@code exp}, and only from a token's second
 * verification on (one-use tokens never take an entry).
 */
class VerifiedTokenCacheEntriesTest {

    private final VerifiedTokenCache cache = new VerifiedTokenCache(100, Clock.systemUTC());

    private static AuthResult.Authenticated validFor(Duration lifetime) {
        return new AuthResult.Authenticated(new Identity("corp", "https://idp.test", "alice", Map.of("sub", "alice"),
                Instant.now().plus(lifetime), "ref"));
    }

    @Test
    void aToken68TokenIsKeptTheSecondTimeItIsVerified() {
        AuthResult.Authenticated first = validFor(Duration.ofHours(1));
        AuthResult.Authenticated second = validFor(Duration.ofHours(1));
        VerifiedTokenKey key = VerifiedTokenKey.of("a.b.c");

        cache.put(key, "a.b.c", first);
        assertNull(cache.get(key), "a token seen once is only remembered");
        cache.put(key, "a.b.c", second);

        assertSame(second, cache.get(key).join());
    }

    @Test
    void aStreamOfOneUseTokensLeavesTheCacheEmpty() {
        for (int i = 0; i < 10_000; i++) {
            String token = "a.b." + i;
            cache.put(VerifiedTokenKey.of(token), token, validFor(Duration.ofHours(1)));
        }
        for (int i = 0; i < 10_000; i++) {
            assertNull(cache.get(VerifiedTokenKey.of("a.b." + i)));
        }
    }

    @Test
    void tokensUsedAgainAfterHundredsOfOthersAreStillKept() {
        // 500 tokens between two uses of each: the 32,768-slot table of a 10,000-entry cache keeps ~98%
        // of their marks (a lost mark costs that token one more verification, nothing else).
        VerifiedTokenCache roomy = new VerifiedTokenCache(10_000, Clock.systemUTC());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 500; i++) {
                String token = "x.y." + i;
                roomy.put(VerifiedTokenKey.of(token), token, validFor(Duration.ofHours(1)));
            }
        }
        int kept = 0;
        for (int i = 0; i < 500; i++) {
            kept += roomy.get(VerifiedTokenKey.of("x.y." + i)) != null ? 1 : 0;
        }
        assertTrue(kept > 450, kept + " of 500 tokens seen twice were kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b.c ", "a=.b.c", "a.b.c\n", "a b.c", "a.b.c!"})
    void aTokenThatIsNotToken68IsNeverKeptEvenWhenVerified(String token) {
        VerifiedTokenKey key = VerifiedTokenKey.of(token);

        cache.put(key, token, validFor(Duration.ofHours(1)));
        cache.put(key, token, validFor(Duration.ofHours(1)));

        assertNull(cache.get(key));
    }

    @Test
    void anExpiredTokenIsNotKept() {
        VerifiedTokenKey key = VerifiedTokenKey.of("a.b.c");

        cache.put(key, "a.b.c", validFor(Duration.ofSeconds(-1)));
        cache.put(key, "a.b.c", validFor(Duration.ofSeconds(-1)));

        assertNull(cache.get(key));
    }

    @Test
    void theFirstSightTableIsAPowerOfTwoWithinItsBounds() {
        assertEquals(1_024, VerifiedTokenCache.seenOnceSlots(1));
        assertEquals(1_024, VerifiedTokenCache.seenOnceSlots(512));
        assertEquals(2_048, VerifiedTokenCache.seenOnceSlots(513));
        assertEquals(65_536, VerifiedTokenCache.seenOnceSlots(26_214));
        assertEquals(VerifiedTokenCache.MAX_SEEN_ONCE_SLOTS, VerifiedTokenCache.seenOnceSlots(100_000));
    }
}
