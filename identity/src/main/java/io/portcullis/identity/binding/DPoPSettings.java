package io.portcullis.identity.binding;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.identity.replay.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link DPoPProofCheck} needs, built once per loaded config.
 *
 * @param algorithms proof algorithms accepted (challenges announce them from the config, in its order)
 * @param maxAge     how long after its {@code iat} a proof is accepted
 * @param clockSkew  how far ahead of our clock {@code iat} may be
 * @param nonces     the server nonces a proof must carry, or null when none are demanded
 * @param replay     where proof identifiers ({@code jti}) are remembered
 * @param clock      the time the window is measured against
 */
public record DPoPSettings(
        Set<JWSAlgorithm> algorithms,
        Duration maxAge,
        Duration clockSkew,
        DPoPNonceSource nonces,
        ReplayGuard replay,
        Clock clock) {

    public DPoPSettings {
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * From an issuer's config; {@code nonces} is used only when the config demands nonces (one source
     * may serve every issuer).
     */
    public static DPoPSettings of(SenderConstraintConfig config, ReplayGuard replay, DPoPNonceSource nonces,
            Clock clock) {
        List<JWSAlgorithm> algorithms = config.dpopAlgorithms().stream().map(JWSAlgorithm::parse).toList();
        if (config.dpopNonce()) {
            Objects.requireNonNull(nonces, "the issuer demands DPoP nonces: a nonce source is needed");
        }
        return new DPoPSettings(Set.copyOf(algorithms), config.dpopMaxAge(), config.dpopClockSkew(),
                config.dpopNonce() ? nonces : null, replay, clock);
    }

    /**
     * How long a proof's {@code jti} must be remembered: a proof accepted now may be presented again
     * while its {@code iat} (at most the skew ahead of us) is younger than the max age, so max age plus
     * the skew, and another skew for a replica whose clock is behind ours.
     */
    public Duration replayWindow() {
        return maxAge.plus(clockSkew).plus(clockSkew);
    }
}
