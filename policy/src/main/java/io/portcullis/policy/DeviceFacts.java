package io.portcullis.policy;

import java.util.Map;

/**
 * Device posture as the policy engine sees it. {@code source} says where it came from
 * ({@code token:<issuer-id>} or {@code identity-claim}); {@code deviceId} may be null.
 */
public record DeviceFacts(String deviceId, String source, Map<String, Object> attributes) {

    public DeviceFacts {
        attributes = Map.copyOf(attributes);
    }
}
