package io.portcullis.identity.oidc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for futures in tests, with a bound so a bug fails instead of hanging. */
final class Futures {

    private Futures() {
    }

    static <T> T value(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete normally", e);
        }
    }

    /** The reason code the future failed with; fails the test when it succeeded. */
    static String failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return OidcException.reasonOf(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("future did not complete", e);
        }
    }
}
