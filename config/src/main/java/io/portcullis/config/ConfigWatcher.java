package io.portcullis.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the content of a config file changes. {@link #startWithIncludes} also watches the
 * files the main file includes, resolving its {@code include:} list afresh at every check. A WatchService on the file's directory
 * gives prompt notice; a periodic hash check backs it up, because edits made by swapping a symlink
 * (as Kubernetes does for ConfigMaps) or on network file systems can escape the WatchService.
 *
 * <p>Events are debounced so that an editor's write-rename-chmod burst yields one callback, and
 * the callback runs only when the SHA-256 of the bytes differs from the last one seen: a touch or
 * a rewrite with the same content does nothing. A missing or unreadable file is skipped (the last
 * good config stays in force) until it can be read again. The callback runs on the watcher's own
 * daemon thread; an exception it throws is logged and watching goes on.
 */
public final class ConfigWatcher implements AutoCloseable {

    /** Quiet time after the last file event before the file is checked. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);
    /** How often the file is hashed even when no event arrived. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /** A file rewritten without pause must still be picked up, so debouncing gives up after this many rounds. */
    private static final int MAX_DEBOUNCE_ROUNDS = 20;

    private final Path file;
    private final Function<Path, SourceFingerprint> fingerprint;
    private final Set<Path> watchedDirectories = new HashSet<>();
    private final Consumer<Path> onChange;
    private final Duration debounce;
    private final Duration pollInterval;
    private final Runnable afterCheck;
    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;
    private String lastHash;

    private ConfigWatcher(Path file, Function<Path, SourceFingerprint> fingerprint, String knownSha256,
            Consumer<Path> onChange, Duration debounce, Duration pollInterval, Runnable afterCheck) throws IOException {
        this.file = file.toAbsolutePath();
        this.fingerprint = fingerprint;
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.debounce = positive(debounce, "debounce");
        this.pollInterval = positive(pollInterval, "pollInterval");
        this.afterCheck = afterCheck;
        SourceFingerprint now = fingerprint.apply(this.file);
        this.lastHash = knownSha256 != null ? knownSha256 : now.sha256();
        this.watchService = FileSystems.getDefault().newWatchService();
        try {
            watch(this.file.getParent());
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        watchNew(now.directories());
        this.thread = new Thread(this::run, "portcullis-config-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching with the default debounce and poll interval.
     *
     * @param knownSha256 hash of the content already loaded ({@link PortcullisConfig#sha256()}), so a
     *                    change made between loading and watching is not missed; null to hash now
     */
    public static ConfigWatcher start(Path file, String knownSha256, Consumer<Path> onChange) throws IOException {
        return start(file, knownSha256, onChange, DEFAULT_DEBOUNCE, DEFAULT_POLL_INTERVAL);
    }

    /** Starts watching with the given debounce and poll interval (both must be positive). */
    public static ConfigWatcher start(Path file, String knownSha256, Consumer<Path> onChange, Duration debounce,
            Duration pollInterval) throws IOException {
        return new ConfigWatcher(file, ConfigWatcher::singleFile, knownSha256, onChange, debounce, pollInterval,
                () -> { });
    }

    /**
     * Watches a main file and every file it includes, with the default debounce and poll interval.
     * The callback gets the main file; a file added to an included directory counts as a change.
     *
     * @param knownSha256 {@link PortcullisConfig#sha256()} of the loaded config (the combined hash), or
     *                    null to take the current state as known
     */
    public static ConfigWatcher startWithIncludes(Path mainFile, String knownSha256, Consumer<Path> onChange)
            throws IOException {
        return startWithIncludes(mainFile, knownSha256, onChange, DEFAULT_DEBOUNCE, DEFAULT_POLL_INTERVAL);
    }

    /** As {@link #startWithIncludes(Path, String, Consumer)} with the given debounce and poll interval. */
    public static ConfigWatcher startWithIncludes(Path mainFile, String knownSha256, Consumer<Path> onChange,
            Duration debounce, Duration pollInterval) throws IOException {
        return new ConfigWatcher(mainFile, SourceFingerprint::of, knownSha256, onChange, debounce, pollInterval,
                () -> { });
    }

    /** As {@link #startWithIncludes(Path, String, Consumer, Duration, Duration)}, telling {@code afterCheck} after each check. */
    static ConfigWatcher startWithIncludesObserved(Path mainFile, String knownSha256, Consumer<Path> onChange,
            Duration debounce, Duration pollInterval, Runnable afterCheck) throws IOException {
        return new ConfigWatcher(mainFile, SourceFingerprint::of, knownSha256, onChange, debounce, pollInterval,
                afterCheck);
    }

    /** As {@link #start(Path, String, Consumer, Duration, Duration)}, telling {@code afterCheck} after each check. */
    static ConfigWatcher startObserved(Path file, String knownSha256, Consumer<Path> onChange, Duration debounce,
            Duration pollInterval, Runnable afterCheck) throws IOException {
        return new ConfigWatcher(file, ConfigWatcher::singleFile, knownSha256, onChange, debounce, pollInterval,
                afterCheck);
    }

    /** True until {@link #close()} has stopped the watcher thread. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops watching and waits briefly for the thread to end. Safe to call more than once, or from the callback. */
    @Override
    public void close() {
        closed = true;
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service for {} failed", file, e);
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!closed) {
                WatchKey key = watchService.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    drain(key);
                    waitForQuiet();
                }
                check();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // close() was called: nothing left to do.
        }
    }

    /** Any event in the directory counts: a symlink swap shows up under other names than the file's. */
    private void waitForQuiet() throws InterruptedException {
        for (int round = 0; round < MAX_DEBOUNCE_ROUNDS && !closed; round++) {
            WatchKey more = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS);
            if (more == null) {
                return;
            }
            drain(more);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void check() {
        SourceFingerprint now = fingerprint.apply(file);
        watchNew(now.directories());
        String hash = now.sha256();
        if (hash != null && !hash.equals(lastHash) && !closed) {
            lastHash = hash;
            try {
                onChange.accept(file);
            } catch (RuntimeException e) {
                LOG.warn("config change handler failed for {}", file, e);
            }
        }
        afterCheck.run();
    }

    private void watch(Path directory) throws IOException {
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        watchedDirectories.add(directory);
    }

    /** Directories of included files; one that cannot be watched is still covered by the periodic check. */
    private void watchNew(Set<Path> directories) {
        for (Path d : directories) {
            if (!watchedDirectories.contains(d)) {
                try {
                    watch(d);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("cannot watch {}; relying on the periodic check: {}", d, e.getMessage());
                }
            }
        }
    }

    private static SourceFingerprint singleFile(Path file) {
        return new SourceFingerprint(hashOrNull(file), Set.of(file.getParent()));
    }

    private static String hashOrNull(Path file) {
        try {
            return ConfigLoader.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            LOG.debug("config file {} is not readable right now: {}", file, e.getMessage());
            return null;
        }
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }
}
