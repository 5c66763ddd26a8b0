package io.portcullis.policy;

import java.time.Duration;
import java.util.List;

/**
 * What a new login must satisfy to pass a challenge, so the proxy can ask for it in the 401
 * {@code WWW-Authenticate} header (RFC 9470 {@code max_age}, {@code acr_values}). It lists every
 * requirement in force, not only the unmet ones, since the new token must meet them all.
 *
 * @param mfa       a second factor is required
 * @param maxAge    the login must be at most this old, or null
 * @param acrValues the accepted {@code acr} values (any one will do), empty when none is required
 */
public record StepUp(boolean mfa, Duration maxAge, List<String> acrValues) {

    /** Nothing required. */
    public static final StepUp NONE = new StepUp(false, null, List.of());

    public StepUp {
        acrValues = List.copyOf(acrValues);
    }

    /** Both this and {@code other} hold: MFA if either needs it, the shorter age, the common acr values. */
    public StepUp and(StepUp other) {
        Duration age = maxAge == null ? other.maxAge
                : other.maxAge == null ? maxAge : (maxAge.compareTo(other.maxAge) <= 0 ? maxAge : other.maxAge);
        List<String> acr;
        if (acrValues.isEmpty()) {
            acr = other.acrValues;
        } else if (other.acrValues.isEmpty()) {
            acr = acrValues;
        } else {
            acr = acrValues.stream().filter(other.acrValues::contains).toList();
        }
        return new StepUp(mfa || other.mfa, age, acr);
    }
}
