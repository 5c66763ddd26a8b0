package io.portcullis.config;

import java.time.Duration;
import java.util.List;

/**
 * Where device posture comes from.
 *
 * @param header                   request header carrying a signed device-posture JWT
 * @param issuers                  issuer ids allowed to vouch for devices (and only for devices)
 * @param bindClaim                claim of the identity token the device token's {@code sub} must equal
 * @param maxAge                   posture older than this (by {@code iat}) counts as absent
 * @param claimsFromIdentityToken  name of an object claim in the identity token that may carry posture;
 *                                 null to disable
 */
public record DevicePostureConfig(
        String header,
        List<String> issuers,
        String bindClaim,
        Duration maxAge,
        String claimsFromIdentityToken) {

    public DevicePostureConfig {
        issuers = List.copyOf(issuers);
    }

    /** Posture disabled: no header, no issuers, no claim. */
    public static DevicePostureConfig disabled() {
        return new DevicePostureConfig("X-Device-Posture", List.of(), "sub", Duration.ofMinutes(15), null);
    }
}
