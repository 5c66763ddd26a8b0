package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
 * callers may skip the syntax check), and only until {@code exp}.
 */
class VerifiedTokenCacheEntriesTest {

    private final VerifiedTokenCache cache = new VerifiedTokenCache(100, Clock.systemUTC());

    private static AuthResult.Authenticated validFor(Duration lifetime) {
        return new AuthResult.Authenticated(new Identity("corp", "https://idp.test", "alice", Map.of("sub", "alice"),
                Instant.now().plus(lifetime), "ref"));
    }

    @Test
    void aToken68TokenIsKept() {
        AuthResult.Authenticated result = validFor(Duration.ofHours(1));
        TokenDigest digest = TokenDigest.of("a.b.c");

        cache.put(digest, "a.b.c", result);

        assertSame(result, cache.get(digest).join());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b.c ", "a=.b.c", "a.b.c\n", "a b.c", "a.b.c!"})
    void aTokenThatIsNotToken68IsNeverKeptEvenWhenVerified(String token) {
        TokenDigest digest = TokenDigest.of(token);

        cache.put(digest, token, validFor(Duration.ofHours(1)));

        assertNull(cache.get(digest));
    }

    @Test
    void anExpiredTokenIsNotKept() {
        TokenDigest digest = TokenDigest.of("a.b.c");

        cache.put(digest, "a.b.c", validFor(Duration.ofSeconds(-1)));

        assertNull(cache.get(digest));
    }
}
