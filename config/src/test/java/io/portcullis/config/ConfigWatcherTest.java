package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a temp directory; every wait is a latch or queue with a generous deadline. */
class ConfigWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(50);
    private static final Duration FAST_POLL = Duration.ofMillis(100);
    /** Long enough that only a WatchService event can explain a callback within the test. */
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final long DEADLINE_SECONDS = 20;

    @TempDir
    Path dir;

    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private final Semaphore checks = new Semaphore(0);
    private final List<ConfigWatcher> watchers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeWatchers() {
        watchers.forEach(ConfigWatcher::close);
    }

    private ConfigWatcher watch(Path file, String knownSha, Duration poll) throws Exception {
        ConfigWatcher w = ConfigWatcher.startObserved(file, knownSha, p -> seen.add(read(p)), DEBOUNCE, poll,
                checks::release);
        watchers.add(w);
        return w;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p) + " via " + p.getFileName() + " on " + Thread.currentThread().getName()
                    + (Thread.currentThread().isDaemon() ? " (daemon)" : "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Waits until two more checks have finished, so at least one started after the caller's edit. */
    private void awaitAFullCheck() throws InterruptedException {
        checks.drainPermits();
        assertTrue(checks.tryAcquire(2, DEADLINE_SECONDS, TimeUnit.SECONDS), "watcher stopped checking");
    }

    private String nextCallback() throws InterruptedException {
        String s = seen.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertTrue(s != null, "no callback before the deadline");
        return s;
    }

    @Test
    void aContentChangeCallsBackOnADaemonThread() throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        write(file, "v1");
        watch(file, null, NO_POLL);

        write(file, "v2");

        assertEquals("v2 via portcullis.yaml on portcullis-config-watcher (daemon)", nextCallback());
    }

    @Test
    void theSameContentRewrittenOrTouchedDoesNotCallBack() throws Exception {
        Path file = dir.resolve("c.yaml");
        write(file, "same");
        watch(file, null, FAST_POLL);

        write(file, "same");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        awaitAFullCheck();
        assertTrue(seen.isEmpty(), "called back for unchanged content: " + seen);

        write(file, "different");
        assertEquals("different via c.yaml on portcullis-config-watcher (daemon)", nextCallback());
    }

    @Test
    void contentThatDiffersFromTheLoadedHashIsReportedWithoutAnyEdit() throws Exception {
        Path file = dir.resolve("c.yaml");
        write(file, "changed after it was loaded");
        String hashOfWhatWasLoaded = ConfigLoader.sha256("as loaded".getBytes(StandardCharsets.UTF_8));

        watch(file, hashOfWhatWasLoaded, FAST_POLL);

        assertTrue(nextCallback().startsWith("changed after it was loaded"));
    }

    @Test
    void anEditThroughASymlinkThatNoEventReportsIsFoundByPolling() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path real = elsewhere.resolve("real.yaml");
        write(real, "v1");
        Path watched = Files.createDirectory(dir.resolve("watched"));
        Path link = Files.createSymbolicLink(watched.resolve("c.yaml"), real);
        watch(link, null, FAST_POLL);

        write(real, "v2");

        assertTrue(nextCallback().startsWith("v2 via c.yaml"));
    }

    @Test
    void aKubernetesStyleSymlinkSwapIsSeenThroughDirectoryEvents() throws Exception {
        Path v1 = Files.createDirectory(dir.resolve("..2026_01"));
        write(v1.resolve("c.yaml"), "v1");
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("c.yaml"), Path.of("..data", "c.yaml"));
        watch(file, null, NO_POLL);

        Path v2 = Files.createDirectory(dir.resolve("..2026_02"));
        write(v2.resolve("c.yaml"), "v2");
        Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
        Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertTrue(nextCallback().startsWith("v2 via c.yaml"));
    }

    @Test
    void aBurstOfWritesEndsWithTheLastContentDelivered() throws Exception {
        Path file = dir.resolve("c.yaml");
        write(file, "v0");
        watch(file, null, FAST_POLL);

        for (int i = 1; i <= 5; i++) {
            write(file, "v" + i);
        }

        String last = nextCallback();
        while (!last.startsWith("v5")) {
            last = nextCallback();
        }
        // The callback reads the file when it runs, so a check that hashed v4 may already have shown
        // v5; the check after it then reports v5 once more. Nothing may follow that.
        awaitAFullCheck();
        for (String extra = seen.poll(); extra != null; extra = seen.poll()) {
            assertTrue(extra.startsWith("v5"), "older content reported after the newest: " + extra);
        }
        awaitAFullCheck();
        assertTrue(seen.isEmpty(), "called again without a change: " + seen);
    }

    @Test
    void aMissingFileIsSkippedUntilItComesBack() throws Exception {
        Path file = dir.resolve("c.yaml");
        write(file, "v1");
        watch(file, null, FAST_POLL);

        Files.delete(file);
        awaitAFullCheck();
        assertTrue(seen.isEmpty(), "called back for a missing file: " + seen);

        write(file, "v2");
        assertTrue(nextCallback().startsWith("v2"));
    }

    @Test
    void aFailingCallbackDoesNotStopTheWatcher() throws Exception {
        Path file = dir.resolve("c.yaml");
        write(file, "v1");
        ConfigWatcher w = ConfigWatcher.startObserved(file, null, p -> {
            String text = read(p);
            seen.add(text);
            if (text.startsWith("v2")) {
                throw new IllegalStateException("handler bug");
            }
        }, DEBOUNCE, FAST_POLL, checks::release);
        watchers.add(w);

        write(file, "v2");
        assertTrue(nextCallback().startsWith("v2"));
        write(file, "v3");
        assertTrue(nextCallback().startsWith("v3"));
        assertTrue(w.isRunning());
    }

    @Test
    void closeStopsTheThreadAndNoCallbackFollows() throws Exception {
        Path file = dir.resolve("c.yaml");
        write(file, "v1");
        ConfigWatcher w = watch(file, null, FAST_POLL);
        assertTrue(w.isRunning());

        w.close();
        w.close();

        assertFalse(w.isRunning());
        int checksSoFar = checks.availablePermits();
        write(file, "v2");
        assertTrue(seen.isEmpty());
        assertEquals(checksSoFar, checks.availablePermits(), "a stopped watcher cannot check");
    }

    @Test
    void refusesNonPositiveIntervals() {
        Path file = dir.resolve("c.yaml");
        assertThrows(IllegalArgumentException.class,
                () -> ConfigWatcher.start(file, null, p -> { }, Duration.ZERO, FAST_POLL));
        assertThrows(IllegalArgumentException.class,
                () -> ConfigWatcher.start(file, null, p -> { }, DEBOUNCE, Duration.ofMillis(-1)));
    }
}
