package io.portcullis.identity.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.portcullis.identity.AuthResult;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Tokens already verified, looked up by {@link VerifiedTokenKey} (the SHA-256 of the signature, and the
 * text before it compared), so a repeat costs a hash of its signature, a comparison and a lookup
 * instead of a signature check. An entry never outlives the token's {@code exp}, and a hit re-checks
 * {@code exp} because Caffeine evicts lazily. Only token68 tokens are kept (see {@link #put}).
 *
 * <p>A token is kept the second time it is verified, not the first: a stream of tokens each used once
 * (per-request tokens, or a flood of distinct ones) would otherwise pay for an entry, its eviction and
 * the collector's copying of ~2.5 KB of identity that no request ever reads again. A token that is used
 * again costs one more signature check in its lifetime. The first sight is remembered as 8 bytes of
 * its signature's digest in a fixed table (a "doorkeeper", as in TinyLFU).
 */
public final class VerifiedTokenCache {

    /** Slots of the first-sight table at most: 512 KiB. */
    static final int MAX_SEEN_ONCE_SLOTS = 1 << 16;

    private final Cache<TokenDigest, Entry> cache;
    private final Clock clock;
    /**
     * Part of the digest of a token verified once, by slot. Unsynchronized on purpose: a lost or
     * overwritten mark only means one more verification before the token is kept, and a false match
     * (64 bits alike) only keeps a token a verification early; the cache itself is keyed by the whole
     * token.
     */
    private final long[] seenOnce;

    public VerifiedTokenCache(long maximumSize, Clock clock) {
        this.clock = clock;
        this.seenOnce = new long[seenOnceSlots(maximumSize)];
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new UntilExpiry(clock))
                // Maintenance (eviction, expiry) on the thread that wrote: handing it to the common pool
                // woke a pool thread on most inserts, a futex call and a lock hand-off per cache miss.
                .executor(Runnable::run)
                .build();
    }

    /** The cached result, completed, or null on a miss. */
    public CompletableFuture<AuthResult> get(VerifiedTokenKey key) {
        Entry entry = cache.getIfPresent(key.lastSegment());
        if (entry == null || !key.signingInputEquals(entry.signingInput())) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            cache.invalidate(key.lastSegment());
            return null;
        }
        return entry.result();
    }

    /**
     * Keeps {@code result} for {@code token} until its {@code exp} if this is the second time the token
     * was verified (the first is only remembered) and the token is {@link Token68 token68}: a hit then
     * always stands for a token68 token, so a caller may leave the syntax check of a token it hashed
     * ({@link VerifiedTokenKey#ofAscii}) until a miss. The entry is filed under the hash of the
     * token's signature and keeps the text before it; a verified token with the same signature and
     * other text (none such is known to exist) would take the entry's place, never share it.
     */
    public void put(VerifiedTokenKey key, String token, AuthResult.Authenticated result) {
        long expiresAt = result.identity().expiresAt().toEpochMilli();
        if (clock.millis() < expiresAt && seenBefore(key.lastSegment()) && Token68.matches(token)) {
            cache.put(key.lastSegment(),
                    new Entry(CompletableFuture.completedFuture(result), expiresAt, key.signingInput()));
        }
    }

    /** Whether this digest was offered before; if not, remembers it (evicting whatever shared its slot). */
    private boolean seenBefore(TokenDigest digest) {
        int slot = (int) digest.b() & (seenOnce.length - 1);
        long mark = digest.c();
        if (seenOnce[slot] == mark) {
            return true;
        }
        seenOnce[slot] = mark;
        return false;
    }

    /**
     * Twice the cache's bound as a power of two, within [1,024, {@link #MAX_SEEN_ONCE_SLOTS}]: room for
     * the tokens between two uses of one of them without most of their marks overwriting each other.
     */
    static int seenOnceSlots(long maximumSize) {
        long wanted = Math.max(1_024, Math.min(MAX_SEEN_ONCE_SLOTS, maximumSize * 2));
        return (int) Long.highestOneBit(wanted - 1) << 1;
    }

    /**
     * One verified token. The completed future is shared by every hit (no allocation per hit); callers
     * only ever read it. {@code signingInput} is the token up to its last dot, which a hit must equal.
     */
    private record Entry(CompletableFuture<AuthResult> result, long expiresAtMillis, byte[] signingInput) {
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
