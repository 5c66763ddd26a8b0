package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigWatcher#startWithIncludes}: real files, waits on queues and semaphores with deadlines. */
class ConfigWatcherIncludesTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(50);
    private static final Duration FAST_POLL = Duration.ofMillis(100);
    private static final long DEADLINE_SECONDS = 20;

    @TempDir
    Path dir;

    private final BlockingQueue<Path> seen = new LinkedBlockingQueue<>();
    private final Semaphore checks = new Semaphore(0);
    private Path main;
    private ConfigWatcher watcher;

    @BeforeEach
    void writeConfig() throws Exception {
        write("policies/a.yaml", ConfigIncludeTest.TEAM_A);
        write("shared.yaml", ConfigIncludeTest.SHARED);
        main = write("portcullis.yaml", ConfigIncludeTest.MAIN);
        String loaded = ConfigLoader.load(main).sha256();
        watcher = ConfigWatcher.startWithIncludesObserved(main, loaded, seen::add, DEBOUNCE, FAST_POLL, checks::release);
    }

    @AfterEach
    void close() {
        watcher.close();
    }

    private Path write(String name, String text) throws Exception {
        return ConfigIncludeTest.write(dir, name, text);
    }

    private void noCallbackAfterAFullCheck() throws InterruptedException {
        checks.drainPermits();
        assertTrue(checks.tryAcquire(2, DEADLINE_SECONDS, TimeUnit.SECONDS), "watcher stopped checking");
        assertTrue(seen.isEmpty(), "called back without a change: " + seen);
    }

    private void callsBackWithTheMainFile() throws InterruptedException {
        Path p = seen.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertEquals(main.toAbsolutePath(), p);
    }

    @Test
    void theLoadedCombinedHashCountsAsUnchanged() throws Exception {
        noCallbackAfterAFullCheck();
    }

    @Test
    void anEditToAnIncludedFileCallsBackWithTheMainFile() throws Exception {
        noCallbackAfterAFullCheck();
        write("policies/a.yaml", ConfigIncludeTest.TEAM_A.replace("10.0.0.0/8", "10.1.0.0/16"));
        callsBackWithTheMainFile();
    }

    @Test
    void aNewFileMatchingAGlobCallsBack() throws Exception {
        noCallbackAfterAFullCheck();
        write("policies/b.yaml", ConfigIncludeTest.TEAM_B);
        callsBackWithTheMainFile();
    }

    @Test
    void aMainFileThatNoLongerParsesStillCallsBackSoTheReloadCanReportIt() throws Exception {
        noCallbackAfterAFullCheck();
        write("portcullis.yaml", ConfigIncludeTest.MAIN + "routes: [\n");
        callsBackWithTheMainFile();
    }

    @Test
    void aFileTheGlobDoesNotMatchIsIgnored() throws Exception {
        write("policies/notes.txt", "scratch");
        noCallbackAfterAFullCheck();
    }
}
