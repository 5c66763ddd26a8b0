package io.portcullis.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How an issuer's sender-constrained tokens (RFC 9449 DPoP, RFC 8705 certificate-bound) are held to
 * their binding, and how DPoP proofs are checked.
 *
 * @param mode           {@link Mode#NONE}, {@link Mode#OPTIONAL} or {@link Mode#REQUIRED}
 * @param dpopAlgorithms JWS algorithms a DPoP proof may use (asymmetric only), also announced in the
 *                       {@code algs} of a DPoP challenge
 * @param dpopMaxAge     how long after its {@code iat} a proof is still accepted
 * @param dpopClockSkew  how far ahead of our clock a proof's {@code iat} may be
 * @param dpopNonce      demand a server-provided {@code nonce} in every proof (RFC 9449 §8)
 */
public record SenderConstraintConfig(
        Mode mode,
        List<String> dpopAlgorithms,
        Duration dpopMaxAge,
        Duration dpopClockSkew,
        boolean dpopNonce) {

    /** Proof algorithms accepted when the config names none: every asymmetric one a JDK verifies. */
    public static final List<String> DEFAULT_DPOP_ALGORITHMS = List.of(
            "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512");
    public static final Duration DEFAULT_DPOP_MAX_AGE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DPOP_CLOCK_SKEW = Duration.ofSeconds(5);

    public SenderConstraintConfig {
        dpopAlgorithms = List.copyOf(dpopAlgorithms);
    }

    /**
     * {@link Mode#OPTIONAL}: a bound token must come with its proof (a stolen one does not work as a
     * bearer token), an unbound token is accepted as before.
     */
    public static SenderConstraintConfig defaults() {
        return new SenderConstraintConfig(Mode.OPTIONAL, DEFAULT_DPOP_ALGORITHMS, DEFAULT_DPOP_MAX_AGE,
                DEFAULT_DPOP_CLOCK_SKEW, false);
    }

    /** The same settings with another mode. */
    public SenderConstraintConfig withMode(Mode newMode) {
        return new SenderConstraintConfig(newMode, dpopAlgorithms, dpopMaxAge, dpopClockSkew, dpopNonce);
    }

    /** What an issuer's token binding ({@code cnf}) means for a request. */
    public enum Mode {
        /** Bindings are ignored: a bound token works as a plain bearer token. An explicit downgrade. */
        NONE,
        /** A bound token must be presented with its binding; an unbound token is accepted. */
        OPTIONAL,
        /** Only bound tokens presented with their binding are accepted. */
        REQUIRED;

        /** The config spelling: {@code none}, {@code optional}, {@code required}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.configName().equals(text)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("expected none, optional or required, got '" + text + "'");
        }
    }
}
