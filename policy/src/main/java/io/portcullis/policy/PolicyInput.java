package io.portcullis.policy;

import java.time.Instant;

/**
 * Everything one decision may look at. {@code identity} is null for an anonymous request and
 * {@code device} is null when no valid posture was presented; criteria about them are then
 * {@link Tri#UNKNOWN}.
 */
public record PolicyInput(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now) {
}
