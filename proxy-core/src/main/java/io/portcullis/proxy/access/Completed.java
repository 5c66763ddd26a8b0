package io.portcullis.proxy.access;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the access pipeline's direct path needs to stand in for {@code thenCompose}/{@code thenApply} on a
 * future that is already complete: when it is, the next step runs at once either way, and running it
 * directly spares the stage and lambda objects a cached token's request would otherwise allocate.
 */
public final class Completed {

    private Completed() {
    }

    /** True when {@code future} holds a value (not an exception): its {@code getNow(null)} is that value. */
    public static boolean normally(CompletableFuture<?> future) {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /**
     * The future a dependent stage would be when its function throws {@code failure}: completed with it
     * wrapped in a {@link CompletionException}, as {@code thenCompose} and {@code thenApply} do, so
     * callers' handlers see exactly what they saw before.
     */
    public static <T> CompletableFuture<T> failure(Throwable failure) {
        return CompletableFuture.failedFuture(
                failure instanceof CompletionException ? failure : new CompletionException(failure));
    }
}
