package io.portcullis.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops a server process started by a test together with its children, gently first, then by force. */
final class ProcessTree {

    private ProcessTree() {
    }

    static void stop(Process process, Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
