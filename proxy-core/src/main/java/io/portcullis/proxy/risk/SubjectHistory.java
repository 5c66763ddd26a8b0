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

    private final Map<String, Long> devices = bounded();
    private final Map<String, Long> networks = bounded();

    synchronized boolean knowsDevice(String deviceId, long notBeforeMillis) {
        Long seen = deviceId == null ? null : devices.get(deviceId);
        return seen != null && seen >= notBeforeMillis;
    }

    synchronized boolean knowsNetwork(String network, long notBeforeMillis) {
        Long seen = networks.get(network);
        return seen != null && seen >= notBeforeMillis;
    }

    synchronized void seen(String deviceId, String network, long nowMillis) {
        if (deviceId != null) {
            devices.put(deviceId, nowMillis);
        }
        networks.put(network, nowMillis);
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
