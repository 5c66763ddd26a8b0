package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed start closes what it opened, newest first, and the failure that stopped it stays the one thrown. */
class OpenedPartsTest {

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable part(String name) {
        return () -> closed.add(name);
    }

    /** A part whose close throws {@code failure}, an error or an exception. */
    private static AutoCloseable failing(Throwable failure) {
        return () -> {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (Exception) failure;
        };
    }

    @Test
    void closesNewestFirst() {
        OpenedParts opened = new OpenedParts();
        opened.add(part("state"));
        opened.add(part("event loops"));
        opened.add(part("admin listener"));

        opened.closeAfter(new IllegalStateException("data port in use"));

        assertEquals(List.of("admin listener", "event loops", "state"), closed);
    }

    @Test
    void returnsThePartItWasGivenAndSkipsOneNotOpened() {
        OpenedParts opened = new OpenedParts();
        AutoCloseable state = part("state");

        assertSame(state, opened.add(state));
        assertNull(opened.add(null));
        opened.closeAfter(new IllegalStateException("failed"));

        assertEquals(List.of("state"), closed);
    }

    @Test
    void aCloseThatFailsIsSuppressedAndTheOlderPartsAreStillClosed() {
        OpenedParts opened = new OpenedParts();
        opened.add(part("state"));
        IllegalStateException broken = new IllegalStateException("cannot close the event loops");
        opened.add(failing(broken));
        AssertionError error = new AssertionError("tracing");
        opened.add(failing(error));
        RuntimeException failure = new IllegalStateException("data port in use");

        opened.closeAfter(failure);

        assertEquals(List.of("state"), closed);
        assertEquals("data port in use", failure.getMessage());
        assertArrayEquals(new Throwable[] {error, broken}, failure.getSuppressed());
    }

    @Test
    void aCloseThatRethrowsTheFailureItselfDoesNotReplaceIt() {
        OpenedParts opened = new OpenedParts();
        RuntimeException failure = new IllegalStateException("data port in use");
        opened.add(part("state"));
        opened.add(failing(failure));

        opened.closeAfter(failure);

        assertEquals(List.of("state"), closed);
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void anInterruptedCloseKeepsTheInterruptForTheCaller() {
        OpenedParts opened = new OpenedParts();
        opened.add(part("state"));
        InterruptedException interrupted = new InterruptedException("while closing");
        opened.add(failing(interrupted));
        RuntimeException failure = new IllegalStateException("failed");

        opened.closeAfter(failure);

        // Read and cleared at once, so no later test of this thread sees it.
        assertTrue(Thread.interrupted(), "the interrupt is set again");
        assertEquals(List.of("state"), closed);
        assertArrayEquals(new Throwable[] {interrupted}, failure.getSuppressed());
    }

    @Test
    void closesEachPartOnce() {
        OpenedParts opened = new OpenedParts();
        opened.add(part("state"));

        opened.closeAfter(new IllegalStateException("first"));
        opened.closeAfter(new IllegalStateException("second"));

        assertEquals(List.of("state"), closed);
    }

    @Test
    void aStopClosesEveryPartThoughOneFailsAndThrowsTheFirstFailure() {
        OpenedParts opened = new OpenedParts();
        opened.add(part("tracing"));
        IllegalStateException state = new IllegalStateException("cannot close the state store");
        opened.add(failing(state));
        opened.add(part("event loops"));
        IllegalStateException admin = new IllegalStateException("cannot close the admin listener");
        opened.add(failing(admin));
        opened.add(part("watcher"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, opened::closeAll);

        assertEquals(List.of("watcher", "event loops", "tracing"), closed);
        assertSame(admin, thrown);
        assertArrayEquals(new Throwable[] {state}, thrown.getSuppressed());
    }

    @Test
    void aStopThatFailsWithACheckedExceptionThrowsItWrapped() {
        OpenedParts opened = new OpenedParts();
        Exception io = new IOException("disk gone");
        opened.add(failing(io));
        opened.add(part("watcher"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, opened::closeAll);

        assertSame(io, thrown.getCause());
        assertEquals(List.of("watcher"), closed);
    }

    @Test
    void aStopWithNothingFailingThrowsNothing() {
        OpenedParts opened = new OpenedParts();
        opened.add(part("state"));
        opened.add(part("watcher"));

        opened.closeAll();

        assertEquals(List.of("watcher", "state"), closed);
    }
}
