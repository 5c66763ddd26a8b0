package io.portcullis.proxy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a start has opened so far (threads, a Redis connection, event loops, bound ports), so that a start
 * that fails at any step closes all of it again, newest first, and its caller gets the failure of the step
 * itself. A failed start returns no object, so whatever it does not close here nobody can close; a reload
 * that fails part-way closes the new config's parts it had opened the same way. A stop closes its parts
 * through one too ({@link #closeAll}), so that one part whose close fails does not leave the parts after
 * it open.
 *
 * <p>Used by the one thread that runs the start (or the reload); not thread-safe.
 */
final class OpenedParts {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /**
     * Remembers {@code part} to close if the start fails, and returns it; a part the config did not ask for
     * (null) is skipped. For something that is not closeable itself, add how to close it as a lambda.
     */
    <T extends AutoCloseable> T add(T part) {
        if (part != null) {
            opened.push(part);
        }
        return part;
    }

    /**
     * Closes every part added, newest first, after {@code failure} stopped the start. A close that fails is
     * added to {@code failure} as suppressed and the older parts are closed all the same: the caller rethrows
     * {@code failure}, and a broken close must neither replace it nor leave the rest open.
     */
    void closeAfter(Throwable failure) {
        closeEach(failure);
    }

    /**
     * Closes every part added, newest first, all of them even when some fail to close; then throws the
     * first failure, with the later ones suppressed in it (a checked one wrapped in an
     * {@link IllegalStateException}).
     */
    void closeAll() {
        Throwable first = closeEach(null);
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw new IllegalStateException("closing failed", first);
        }
    }

    /**
     * Closes every part, newest first, going on past a close that fails; each failure is added as suppressed
     * to {@code first} (or, when that is null, to the first failure met). Returns that first failure, or null.
     */
    private Throwable closeEach(Throwable first) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    // Closing goes on; whoever catches the failure still learns of the interrupt.
                    Thread.currentThread().interrupt();
                }
                if (first == null) {
                    first = e;
                } else if (e != first) {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
