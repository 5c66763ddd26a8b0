package io.portcullis.policy;

import java.time.Instant;

/**
 * Everything one decision may look at. {@code identity} is null for an anonymous request,
 * {@code device} is null when no valid posture was presented and {@code risk} is null when no risk
 * signals were computed; criteria about them are then {@link Tri#UNKNOWN}.
 */
public record PolicyInput(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now,
                          RiskFacts risk) {

    /** An input without risk signals. */
    public PolicyInput(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now) {
        this(request, identity, device, now, null);
    }
}
