package io.portcullis.identity.oidc;

import java.util.List;

/**
 * What a login must prove beyond a plain sign-in, derived from the reasons a policy's {@code require}
 * was not met: {@code prompt=login} to authenticate again (a remembered IdP session is not enough),
 * {@code max_age=0} when the sign-in is too old.
 *
 * @param promptLogin  send {@code prompt=login}
 * @param maxAgeZero   send {@code max_age=0}
 */
public record StepUp(boolean promptLogin, boolean maxAgeZero) {

    /** A normal login. */
    public static final StepUp NONE = new StepUp(false, false);

    /** The step-up fitting the unmet-requirement reasons of a challenge. */
    public static StepUp forReasons(List<String> reasons) {
        boolean tooOld = reasons.contains("auth-too-old") || reasons.contains("auth-time-missing");
        return new StepUp(true, tooOld);
    }

    public boolean any() {
        return promptLogin || maxAgeZero;
    }
}
