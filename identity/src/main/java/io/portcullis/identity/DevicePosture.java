package io.portcullis.identity;

import java.time.Instant;
import java.util.Map;

/**
 * Verified device posture.
 *
 * @param deviceId   the device's id ({@code device_id}/{@code did} claim), may be null
 * @param source     {@code token:<issuer-id>} or {@code identity-claim}
 * @param attributes posture attributes (e.g. compliant, patch_age_days, managed)
 * @param issuedAt   when it was asserted, may be null for identity-claim posture
 */
public record DevicePosture(String deviceId, String source, Map<String, Object> attributes, Instant issuedAt) {

    public DevicePosture {
        attributes = Map.copyOf(attributes);
    }
}
