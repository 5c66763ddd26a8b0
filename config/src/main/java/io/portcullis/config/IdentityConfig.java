package io.portcullis.config;

import java.util.List;
import java.util.Optional;

/**
 * Who vouches for callers: the token issuers, which of them vouch for devices, and what counts as a
 * second factor.
 *
 * @param issuers       every declared issuer, in file order
 * @param devicePosture device-posture tokens (which issuers vouch for devices only)
 * @param mfaAmrValues  RFC 8176 {@code amr} values that count as a second factor
 */
public record IdentityConfig(List<IssuerConfig> issuers, DevicePostureConfig devicePosture,
                             List<String> mfaAmrValues) {

    /** The default second factors, from RFC 8176. */
    public static final List<String> DEFAULT_MFA_AMR =
            List.of("mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "pop");

    public IdentityConfig {
        issuers = List.copyOf(issuers);
        devicePosture = devicePosture == null ? DevicePostureConfig.disabled() : devicePosture;
        mfaAmrValues = List.copyOf(mfaAmrValues);
    }

    /** No issuers (only public policies can allow), no device posture, the default second factors. */
    public static IdentityConfig defaults() {
        return new IdentityConfig(List.of(), DevicePostureConfig.disabled(), DEFAULT_MFA_AMR);
    }

    public Optional<IssuerConfig> issuer(String id) {
        return issuers.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** True when the issuer may only vouch for devices. */
    public boolean isDeviceIssuer(String id) {
        return devicePosture.issuers().contains(id);
    }
}
