package io.portcullis.proxy.risk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.portcullis.policy.RiskFacts;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Proxy-side risk signals from recent history, in memory: per subject, the devices and source
 * networks (/24, /64) it was allowed from within the last {@code window} ({@code risk.history}). A request from a device
 * or network not in that history is {@code newDevice} / {@code newNetwork}. A request without a
 * device id is always on a new device: a device that cannot be named cannot be known.
 * Bounded by the heap its histories take (least recently used subjects are forgotten first);
 * history does not survive a restart, so after one every place is new again once.
 */
public final class RiskTracker implements RiskSignals {

    /**
     * An eighth of the heap, beside the verified-token cache's eighth. A fixed bound of 100,000
     * subjects meant ~100 MB at one place each (a heap histogram after a run of distinct subjects:
     * ~1 KB a subject) and up to ~8 KB each with 32 devices and 32 networks: with the token cache and
     * 10,000 open connections a 256 MB heap went into back-to-back full collections.
     */
    public static long defaultMaxBytes() {
        return Runtime.getRuntime().maxMemory() / 8;
    }
    /** The longest window a config may set; histories idle longer are dropped whatever the window. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(365);

    private final Cache<String, SubjectHistory> subjects;
    private final Supplier<Duration> window;
    private final Clock clock;

    /**
     * @param window   how long a place stays known after the last allowed request from it; read on
     *                 every request, so a config reload changes it without losing history
     * @param maxBytes the heap the histories may take, as {@link SubjectHistory#estimatedBytes} counts it
     */
    public RiskTracker(Supplier<Duration> window, long maxBytes, Clock clock) {
        this.window = window;
        this.clock = clock;
        // Maintenance on the calling thread: the default (the common pool) woke a pool thread on most
        // writes, and on a busy core each wake-up is a context switch away from the event loop.
        this.subjects = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxBytes)
                .weigher((String key, SubjectHistory history) -> history.estimatedBytes(key))
                .expireAfterAccess(LONGEST_WINDOW).build();
    }

    /** A tracker with a fixed window. */
    public RiskTracker(Duration window, long maxBytes, Clock clock) {
        this(() -> window, maxBytes, clock);
    }

    @Override
    public RiskFacts assess(String issuer, String subject, String deviceId, InetAddress source) {
        SubjectHistory h = subjects.getIfPresent(key(issuer, subject));
        long notBefore = clock.millis() - window.get().toMillis();
        boolean newDevice = h == null || !h.knowsDevice(deviceId, notBefore);
        boolean newNetwork = h == null || source == null || !h.knowsNetwork(NetworkKey.of(source), notBefore);
        return new RiskFacts(newDevice, newNetwork, null);
    }

    @Override
    public void allowed(String issuer, String subject, String deviceId, InetAddress source) {
        if (source == null) {
            return;
        }
        String key = key(issuer, subject);
        SubjectHistory history = subjects.get(key, k -> new SubjectHistory());
        if (history.seen(deviceId, NetworkKey.of(source), clock.millis())) {
            // Caffeine weighs an entry when it is written: a history that learned a place is written
            // again so that its new size counts (most requests come from known places and skip this).
            subjects.put(key, history);
        }
    }

    /** Subjects remembered now (after pending evictions). */
    long subjectCount() {
        subjects.cleanUp();
        return subjects.estimatedSize();
    }

    /** Issuer and subject together: the same {@code sub} from two issuers is two people. */
    private static String key(String issuer, String subject) {
        return issuer + '\n' + subject;
    }
}
