package io.portcullis.proxy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a start has opened so far (threads, a Redis connection, event loops, bound ports), so that a start
 * that fails at any step closes all of it again, newest first, and its caller gets the failure of the step
 * itself. A failed start returns no object, so whatever it does not close here nobody can close.
 *
 * <p>Used by the one thread that runs the start; not thread-safe.
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
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    // Closing goes on; whoever catches the failure still learns of the interrupt.
                    Thread.currentThread().interrupt();
                }
                if (e != failure) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
