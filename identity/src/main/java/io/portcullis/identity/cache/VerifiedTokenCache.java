package io.portcullis.identity.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.portcullis.identity.AuthResult;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Tokens already verified, keyed by their SHA-256, so a repeat costs a hash and a lookup instead of a
 * signature check. An entry never outlives the token's {@code exp}, and a hit re-checks {@code exp}
 * because Caffeine evicts lazily. Only token68 tokens are kept (see {@link #put}).
 */
public final class VerifiedTokenCache {

    private final Cache<TokenDigest, Entry> cache;
    private final Clock clock;

    public VerifiedTokenCache(long maximumSize, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new UntilExpiry(clock))
                // Maintenance (eviction, expiry) on the thread that wrote: handing it to the common pool
                // woke a pool thread on most inserts, a futex call and a lock hand-off per cache miss.
                .executor(Runnable::run)
                .build();
    }

    /** The cached result, completed, or null on a miss. */
    public CompletableFuture<AuthResult> get(TokenDigest digest) {
        Entry entry = cache.getIfPresent(digest);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            cache.invalidate(digest);
            return null;
        }
        return entry.result();
    }

    /**
     * Keeps {@code result} for {@code token} until its {@code exp}, if the token is {@link Token68
     * token68}: a hit then always stands for a token68 token, so a caller may leave the syntax check
     * of a token it hashed ({@link TokenDigest#ofAscii}) until a miss.
     */
    public void put(TokenDigest digest, String token, AuthResult.Authenticated result) {
        long expiresAt = result.identity().expiresAt().toEpochMilli();
        if (clock.millis() < expiresAt && Token68.matches(token)) {
            cache.put(digest, new Entry(CompletableFuture.completedFuture(result), expiresAt));
        }
    }

    /**
     * One verified token. The completed future is shared by every hit (no allocation per hit); callers
     * only ever read it.
     */
    private record Entry(CompletableFuture<AuthResult> result, long expiresAtMillis) {
    }

    /** Evicts each entry at its token's {@code exp}. */
    private record UntilExpiry(Clock clock) implements Expiry<TokenDigest, Entry> {

        @Override
        public long expireAfterCreate(TokenDigest key, Entry value, long currentTime) {
            return Math.max(0, value.expiresAtMillis() - clock.millis()) * 1_000_000L;
        }

        @Override
        public long expireAfterUpdate(TokenDigest key, Entry value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(TokenDigest key, Entry value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
