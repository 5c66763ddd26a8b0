package io.portcullis.proxy.state;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Devices and networks each subject was allowed from, shared by the replicas: bounded per subject and
 * expiring after the risk window, so it never grows without end.
 */
public interface SharedRiskHistory {

    /** Where and when a subject was seen: device id or network → epoch millis, each. */
    record Places(Map<String, Long> devices, Map<String, Long> networks) {

        public Places {
            devices = Map.copyOf(devices);
            networks = Map.copyOf(networks);
        }
    }

    /** The subject's history (empty when none), or a failed stage when the store cannot answer. */
    CompletionStage<Places> load(String subjectKey);

    /** Records an allowed request's device (may be null) and network, fire and forget. */
    void record(String subjectKey, String deviceId, String network, long nowMillis, Duration window);
}
