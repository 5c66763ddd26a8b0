package io.portcullis.policy.require;

import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.StepUp;
import java.time.Duration;
import java.util.List;

/**
 * {@code max_auth_age: 8h}: {@code now - auth_time <= 8h}, with {@code auth_time} in epoch seconds.
 * Without an {@code auth_time} the age cannot be proven, so the requirement is not met.
 */
public final class MaxAuthAgeRequirement implements Requirement {

    private final long maxAgeSeconds;

    public MaxAuthAgeRequirement(Duration maxAge) {
        this.maxAgeSeconds = maxAge.getSeconds();
    }

    @Override
    public String unmetReason(PolicyInput input) {
        IdentityFacts identity = input.identity();
        if (identity == null || input.now() == null
                || !(identity.claim("auth_time") instanceof Number authTime)) {
            return "auth-time-missing";
        }
        long age = input.now().getEpochSecond() - authTime.longValue();
        return age <= maxAgeSeconds ? null : "auth-too-old";
    }

    @Override
    public StepUp stepUp() {
        return new StepUp(false, Duration.ofSeconds(maxAgeSeconds), List.of());
    }
}
