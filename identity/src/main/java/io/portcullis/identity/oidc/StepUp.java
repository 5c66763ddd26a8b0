package io.portcullis.identity.oidc;

import java.util.List;

/**
 * What a login must prove beyond a plain sign-in, sent in the authorization request:
 * {@code prompt=login} (a remembered IdP session is not enough), {@code max_age} and
 * {@code acr_values}, as the policy's unmet {@code require} asks.
 *
 * @param promptLogin   send {@code prompt=login}
 * @param maxAgeSeconds send {@code max_age}, or null
 * @param acrValues     send {@code acr_values} (any one will do), empty for none
 */
public record StepUp(boolean promptLogin, Long maxAgeSeconds, List<String> acrValues) {

    /** A normal login. */
    public static final StepUp NONE = new StepUp(false, null, List.of());

    public StepUp {
        acrValues = List.copyOf(acrValues);
    }

    public boolean any() {
        return promptLogin || maxAgeSeconds != null || !acrValues.isEmpty();
    }
}
