package io.portcullis.identity;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits for a future in a test, with a generous bound so a bug fails instead of hanging. */
final class Await {

    private Await() {
    }

    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete normally", e);
        }
    }
}
