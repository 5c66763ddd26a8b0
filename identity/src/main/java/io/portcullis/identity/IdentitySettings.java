package io.portcullis.identity;

import java.time.Clock;
import java.time.Duration;

/**
 * Tuning of {@link DefaultIdentityService} that is not part of the YAML config.
 *
 * @param clock                    time source for token validity and posture age
 * @param unknownKidRefetchInterval least time between two JWKS fetches triggered by unknown kids, per issuer
 * @param verifiedTokenCacheSize   most tokens kept in the verified-token cache
 */
public record IdentitySettings(Clock clock, Duration unknownKidRefetchInterval, long verifiedTokenCacheSize) {

    public static IdentitySettings defaults() {
        return new IdentitySettings(Clock.systemUTC(), Duration.ofSeconds(30), 100_000);
    }

    public IdentitySettings withUnknownKidRefetchInterval(Duration interval) {
        return new IdentitySettings(clock, interval, verifiedTokenCacheSize);
    }

    public IdentitySettings withClock(Clock newClock) {
        return new IdentitySettings(newClock, unknownKidRefetchInterval, verifiedTokenCacheSize);
    }
}
