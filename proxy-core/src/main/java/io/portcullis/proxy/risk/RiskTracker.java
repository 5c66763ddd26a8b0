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
 * Bounded by subject count (least recently used subjects are forgotten first); history does not
 * survive a restart, so after one every place is new again once.
 */
public final class RiskTracker implements RiskSignals {

    /** Subjects remembered at most. */
    public static final long DEFAULT_MAX_SUBJECTS = 100_000;
    /** The longest window a config may set; histories idle longer are dropped whatever the window. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(365);

    private final Cache<String, SubjectHistory> subjects;
    private final Supplier<Duration> window;
    private final Clock clock;

    /**
     * @param window how long a place stays known after the last allowed request from it; read on
     *               every request, so a config reload changes it without losing history
     */
    public RiskTracker(Supplier<Duration> window, long maxSubjects, Clock clock) {
        this.window = window;
        this.clock = clock;
        // Maintenance on the calling thread: the default (the common pool) woke a pool thread on most
        // writes, and on a busy core each wake-up is a context switch away from the event loop.
        this.subjects = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxSubjects).expireAfterAccess(LONGEST_WINDOW).build();
    }

    /** A tracker with a fixed window. */
    public RiskTracker(Duration window, long maxSubjects, Clock clock) {
        this(() -> window, maxSubjects, clock);
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
        subjects.get(key(issuer, subject), k -> new SubjectHistory()).seen(deviceId, NetworkKey.of(source), clock.millis());
    }

    /** Issuer and subject together: the same {@code sub} from two issuers is two people. */
    private static String key(String issuer, String subject) {
        return issuer + '\n' + subject;
    }
}
