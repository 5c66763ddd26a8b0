package io.portcullis.proxy.risk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When one subject was last allowed from each device and network. Bounded: past
 * {@value #MAX_ENTRIES} entries of a kind the least recently seen is forgotten, so a subject used
 * from very many places cannot grow memory; forgetting only ever makes a place look new again.
 */
final class SubjectHistory {

    static final int MAX_ENTRIES = 32;

    /**
     * Heap of a history with its cache entry and key, without its places: a heap histogram after a
     * run of distinct subjects, each seen from one device and one network, showed ~1 KB a subject.
     */
    static final int BASE_BYTES = 700;
    /** One remembered device or network: its map entry, table slot, timestamp and name. */
    static final int BYTES_PER_PLACE = 160;

    private final Map<String, Long> devices = bounded();
    private final Map<String, Long> networks = bounded();
    /** When this history last wrote to the shared store (epoch millis); 0 never. */
    private long sharedAt;

    synchronized boolean knowsDevice(String deviceId, long notBeforeMillis) {
        Long seen = deviceId == null ? null : devices.get(deviceId);
        return seen != null && seen >= notBeforeMillis;
    }

    synchronized boolean knowsNetwork(String network, long notBeforeMillis) {
        Long seen = networks.get(network);
        return seen != null && seen >= notBeforeMillis;
    }

    /** Records an allowed request; true when it added a device or network not remembered before. */
    synchronized boolean seen(String deviceId, String network, long nowMillis) {
        boolean added = deviceId != null && devices.put(deviceId, nowMillis) == null;
        return networks.put(network, nowMillis) == null || added;
    }

    /** Adds places another replica saw (shared store), keeping the later time of each. */
    synchronized void merge(Map<String, Long> otherDevices, Map<String, Long> otherNetworks) {
        otherDevices.forEach((place, at) -> devices.merge(place, at, Math::max));
        otherNetworks.forEach((place, at) -> networks.merge(place, at, Math::max));
    }

    /**
     * True when an allowed request should also be written to the shared store: it added a place, or
     * the last write is older than {@code every} (so a place in daily use never expires there).
     */
    synchronized boolean shareDue(boolean added, long nowMillis, long every) {
        if (added || nowMillis - sharedAt >= every) {
            sharedAt = nowMillis;
            return true;
        }
        return false;
    }

    /** What this history costs the heap, for the tracker's bound; {@code key} is its cache key. */
    synchronized int estimatedBytes(String key) {
        return BASE_BYTES + 2 * key.length() + BYTES_PER_PLACE * (devices.size() + networks.size());
    }

    private static Map<String, Long> bounded() {
        // Access order: the eldest entry is the least recently seen place.
        return new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
