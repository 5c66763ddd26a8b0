package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Internal threads never keep the JVM alive and end when the last service sharing them closes. */
class ServiceThreadsTest {

    private static List<Thread> identityThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("identity-jwks-"))
                .toList();
    }

    @Test
    void threadsAreDaemonsAndStopOnClose() throws InterruptedException {
        List<Thread> threads;
        try (SingleIssuerBed bed = SingleIssuerBed.start(IdentityEvents.NONE)) {
            authenticated(bed.service, bed.idp.token().sign());
            threads = identityThreads();
            assertFalse(threads.isEmpty());
            assertTrue(threads.stream().allMatch(Thread::isDaemon), "every internal thread is a daemon");
        }

        for (Thread thread : threads) {
            thread.join(10_000);
            assertFalse(thread.isAlive(), thread.getName() + " still running after close");
        }
    }
}
