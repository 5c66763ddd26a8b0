package io.portcullis.policy;

import java.time.Instant;

/**
 * Everything one decision may look at. {@code identity} is null for an anonymous request,
 * {@code device} is null when no valid posture was presented and {@code risk} is null when no risk
 * signals were computed; criteria about them are then {@link Tri#UNKNOWN}. {@code pdp} holds what
 * external PDPs answered, asked before the policy runs; null when none were asked (every
 * {@code authzen} criterion UNKNOWN).
 */
public record PolicyInput(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now,
                          RiskFacts risk, PdpAnswers pdp) {

    /** An input without risk signals. */
    public PolicyInput(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now) {
        this(request, identity, device, now, null, null);
    }

    /** An input without PDP answers. */
    public PolicyInput(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now,
                       RiskFacts risk) {
        this(request, identity, device, now, risk, null);
    }
}
