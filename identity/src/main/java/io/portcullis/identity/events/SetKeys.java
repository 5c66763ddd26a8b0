package io.portcullis.identity.events;

import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.jwks.KeySnapshot;
import java.util.concurrent.CompletableFuture;

/**
 * The transmitter's signing keys: the current ones, and a refetch when a SET names an unknown
 * {@code kid}. {@link #of(JwksCache)} adapts the cache identity tokens use (same fetch limits,
 * refresh and on-demand rate limit).
 */
public interface SetKeys {

    CompletableFuture<KeySnapshot> keys();

    CompletableFuture<KeySnapshot> refetch();

    static SetKeys of(JwksCache cache) {
        return new SetKeys() {
            @Override
            public CompletableFuture<KeySnapshot> keys() {
                return cache.keys();
            }

            @Override
            public CompletableFuture<KeySnapshot> refetch() {
                return cache.refetch();
            }
        };
    }
}
