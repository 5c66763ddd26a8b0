package io.portcullis.proxy.risk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.state.SharedRiskHistory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Proxy-side risk signals from recent history, in memory: per subject, the devices and source
 * networks (/24, /64) it was allowed from within the last {@code window} ({@code risk.history}). A request from a device
 * or network not in that history is {@code newDevice} / {@code newNetwork}. A request without a
 * device id is always on a new device: a device that cannot be named cannot be known.
 * Bounded by the heap its histories take (least recently used subjects are forgotten first);
 * history does not survive a restart, so after one every place is new again once. With a shared
 * store ({@code state: redis}) the history is also written there and read back by replicas that have
 * not seen the subject, so a user's known places are known to every replica and survive restarts.
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

    /** How often a place in use is written to the shared store again, so it stays known there. */
    static final Duration SHARE_EVERY = Duration.ofHours(1);

    private final Cache<String, SubjectHistory> subjects;
    private final Supplier<Duration> window;
    private final Clock clock;
    private final SharedRiskHistory shared;
    /** Subjects whose shared history is being read, so one replica asks once per subject. */
    private final Cache<String, Boolean> loading;

    /**
     * @param window   how long a place stays known after the last allowed request from it; read on
     *                 every request, so a config reload changes it without losing history
     * @param maxBytes the heap the histories may take, as {@link SubjectHistory#estimatedBytes} counts it
     */
    public RiskTracker(Supplier<Duration> window, long maxBytes, Clock clock) {
        this(window, maxBytes, clock, null);
    }

    /**
     * @param shared the store's risk history ({@code state: redis}), or null for this process only. A
     *               subject this replica has not seen yet is read from it in the background; every
     *               allowed request that adds a place is written to it
     */
    public RiskTracker(Supplier<Duration> window, long maxBytes, Clock clock, SharedRiskHistory shared) {
        this.window = window;
        this.clock = clock;
        this.shared = shared;
        this.loading = Caffeine.newBuilder().executor(Runnable::run).maximumSize(10_000)
                .expireAfterWrite(Duration.ofSeconds(5)).build();
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
        String key = key(issuer, subject);
        SubjectHistory h = subjects.getIfPresent(key);
        if (h == null && shared != null && loading.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
            // Not waited for: this request sees only what this replica knows (a place another replica
            // knows looks new once, the cautious side); the next request sees the shared history too.
            load(key);
        }
        return facts(h, deviceId, source);
    }

    /**
     * As {@link #assess}, but a subject this replica has not seen yet is first read from the shared
     * store (one round trip, bounded by its command timeout; on failure, this replica's knowledge).
     * For a pipeline stage that can wait asynchronously.
     */
    public CompletionStage<RiskFacts> assessAsync(String issuer, String subject, String deviceId, InetAddress source) {
        String key = key(issuer, subject);
        SubjectHistory h = subjects.getIfPresent(key);
        if (h != null || shared == null) {
            return CompletableFuture.completedFuture(facts(h, deviceId, source));
        }
        return load(key).handle((ignored, failure) -> facts(subjects.getIfPresent(key), deviceId, source));
    }

    private CompletionStage<Void> load(String key) {
        return shared.load(key).thenAccept(places -> {
            if (!places.devices().isEmpty() || !places.networks().isEmpty()) {
                SubjectHistory history = subjects.get(key, k -> new SubjectHistory());
                history.merge(places.devices(), places.networks());
                subjects.put(key, history);
            }
        });
    }

    private RiskFacts facts(SubjectHistory h, String deviceId, InetAddress source) {
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
        String network = NetworkKey.of(source);
        long now = clock.millis();
        boolean added = history.seen(deviceId, network, now);
        if (added) {
            // Caffeine weighs an entry when it is written: a history that learned a place is written
            // again so that its new size counts (most requests come from known places and skip this).
            subjects.put(key, history);
        }
        if (shared != null && history.shareDue(added, now, SHARE_EVERY.toMillis())) {
            shared.record(key, deviceId, network, now, window.get());
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
