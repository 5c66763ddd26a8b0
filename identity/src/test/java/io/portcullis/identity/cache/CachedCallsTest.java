package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One call per key, an answer cached and a null or failed one never reused, and the order that makes it
 * so: a call's future completes only after the cache and the calls under way are updated, asserted from
 * inside the completion itself.
 */
class CachedCallsTest {

    final CachedCalls<String, String> calls = new CachedCalls<>(Caffeine.newBuilder().<String, String>build());
    final AtomicInteger started = new AtomicInteger();

    CompletableFuture<String> ask(String key, CompletableFuture<String> answer) {
        return calls.get(key, () -> {
            started.incrementAndGet();
            return answer;
        });
    }

    @Test
    void concurrentRequestsShareOneCallAndTheAnswerIsCached() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<String> first = ask("k", answer);
        CompletableFuture<String> second = ask("k", new CompletableFuture<>());
        assertSame(first, second, "the second request waits for the first one's call");
        assertEquals(1, calls.underWay());
        answer.complete("yes");
        assertEquals("yes", second.join());
        CompletableFuture<String> third = ask("k", new CompletableFuture<>());
        assertTrue(third.isDone(), "cached: completes at once");
        assertEquals("yes", third.join());
        assertEquals(1, started.get());
        assertEquals(0, calls.underWay());
    }

    @Test
    void whoeverSeesAnAnswerAsksAgainAndFindsItCached() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<String>> again = ask("k", answer)
                .thenApply(given -> ask("k", new CompletableFuture<>()));
        answer.complete("yes");
        assertTrue(again.join().isDone());
        assertEquals("yes", again.join().join());
        assertEquals(1, started.get());
    }

    @Test
    void whoeverSeesNoAnswerAsksAgainAndStartsANewCall() {
        CompletableFuture<String> none = new CompletableFuture<>();
        CompletableFuture<String> later = new CompletableFuture<>();
        CompletableFuture<String> first = ask("k", none);
        CompletableFuture<CompletableFuture<String>> again = first.thenApply(given -> ask("k", later));
        none.complete(null);
        assertNull(first.join());
        assertFalse(again.join() == first, "the null answer is not handed out again");
        assertFalse(again.join().isDone(), "a new call is under way");
        later.complete("yes");
        assertEquals("yes", again.join().join());
        assertEquals(2, started.get());
    }

    @Test
    void whoeverSeesAFailureAsksAgainAndStartsANewCall() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> first = ask("k", failing);
        CompletableFuture<CompletableFuture<String>> again = first.handle((given, failure) ->
                ask("k", CompletableFuture.completedFuture("yes")));
        failing.completeExceptionally(new IllegalStateException("down"));
        assertTrue(first.isCompletedExceptionally(), "the failure reaches the callers");
        assertEquals("yes", again.join().join());
        assertEquals(2, started.get());
    }

    @Test
    void aCallThatThrowsFailsItsCallersAndIsNotUnderWay() {
        CompletableFuture<String> thrown = calls.get("k", () -> {
            throw new IllegalStateException("no client");
        });
        assertTrue(thrown.isCompletedExceptionally());
        assertEquals(0, calls.underWay());
        assertEquals("yes", ask("k", CompletableFuture.completedFuture("yes")).join());
    }

    @Test
    void keysAreIndependent() {
        CompletableFuture<String> a = ask("a", new CompletableFuture<>());
        CompletableFuture<String> b = ask("b", CompletableFuture.completedFuture("b"));
        assertFalse(a.isDone());
        assertEquals("b", b.join());
        assertEquals(2, started.get());
    }
}
