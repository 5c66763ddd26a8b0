package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetKeys;
import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.jwks.KeySnapshot;
import java.util.concurrent.CompletableFuture;

/**
 * The keys of a transmitter whose {@code jwks_uri} is only known after discovery: none until then (SETs
 * pushed meanwhile are answered 503, to be delivered again), the cache's afterwards.
 */
final class DeferredKeys implements SetKeys {

    private volatile JwksCache cache;

    void set(JwksCache loaded) {
        cache = loaded;
    }

    JwksCache cache() {
        return cache;
    }

    @Override
    public CompletableFuture<KeySnapshot> keys() {
        JwksCache current = cache;
        return current == null ? CompletableFuture.completedFuture(KeySnapshot.NONE) : current.keys();
    }

    @Override
    public CompletableFuture<KeySnapshot> refetch() {
        JwksCache current = cache;
        return current == null ? CompletableFuture.completedFuture(KeySnapshot.NONE) : current.refetch();
    }
}
