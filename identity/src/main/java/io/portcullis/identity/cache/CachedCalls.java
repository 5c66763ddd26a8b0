package io.portcullis.identity.cache;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers of a remote service (an introspection endpoint, a PDP), one call per key: a cached answer at once,
 * else the call under way for that key, else a new call. An answer is cached when the call gives one; a
 * null answer or a failure is handed to the callers sharing that call and is never reused, so the next
 * request calls again.
 *
 * <p>A call's future completes only after its answer is in the cache and the call has left the map of
 * calls under way. Whoever sees it complete and asks again therefore finds the cached answer or (after a
 * null or a failure) starts a new call. Caffeine's async cache drops a null or failed future only in a
 * callback after completion, so a request arriving in between would get the stale one.
 *
 * @param <K> what a call is about
 * @param <V> its answer
 */
public final class CachedCalls<K, V> {

    private final Cache<K, V> answers;
    private final Map<K, CompletableFuture<V>> underWay = new ConcurrentHashMap<>();

    /** Keeps answers in {@code answers}, whose size and expiry are the caller's. */
    public CachedCalls(Cache<K, V> answers) {
        this.answers = answers;
    }

    /**
     * The answer for {@code key}: cached, shared with the call under way, or from {@code call}, which is
     * started only when neither exists (and may be started by a concurrent caller instead).
     */
    public CompletableFuture<V> get(K key, Supplier<CompletableFuture<V>> call) {
        V cached = answers.getIfPresent(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> shared = underWay.putIfAbsent(key, mine);
        if (shared != null) {
            return shared;
        }
        CompletableFuture<V> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((answer, failure) -> {
            if (failure == null && answer != null) {
                answers.put(key, answer);
            }
            underWay.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(answer);
            }
        });
        return mine;
    }

    /** How many calls are under way (for tests and gauges). */
    public int underWay() {
        return underWay.size();
    }
}
