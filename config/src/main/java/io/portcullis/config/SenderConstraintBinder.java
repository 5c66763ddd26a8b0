package io.portcullis.config;

import io.portcullis.config.SenderConstraintConfig.Mode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.time.Duration;
import java.util.List;

/**
 * Binds an issuer's {@code sender_constraint}: either just the mode ({@code sender_constraint: required})
 * or a map with the mode and the DPoP proof settings.
 */
final class SenderConstraintBinder {

    static final Duration MAX_DPOP_MAX_AGE = Duration.ofMinutes(5);
    static final Duration MAX_DPOP_CLOCK_SKEW = Duration.ofMinutes(1);

    private SenderConstraintBinder() {
    }

    /** The settings; the defaults when the key is absent or has a problem (already recorded). */
    static SenderConstraintConfig bind(MapReader issuer, Problems problems) {
        SenderConstraintConfig defaults = SenderConstraintConfig.defaults();
        Node node = issuer.node("sender_constraint").orElse(null);
        String path = issuer.path("sender_constraint");
        if (node == null) {
            return defaults;
        }
        if (node instanceof ScalarNode) {
            Mode mode = Values.parsed(Mode::parse).read(node, path, problems);
            return mode == null ? defaults : defaults.withMode(mode);
        }
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return defaults;
        }
        Mode mode = r.optional("mode", Values.parsed(Mode::parse), defaults.mode());
        List<String> algorithms = r.optional("dpop_algorithms",
                Values.nonEmptyListOf(Values.parsed(SenderConstraintBinder::proofAlgorithm)),
                defaults.dpopAlgorithms());
        Duration maxAge = r.optional("dpop_max_age", Values.duration(Duration.ofSeconds(1), MAX_DPOP_MAX_AGE),
                defaults.dpopMaxAge());
        Duration skew = r.optional("dpop_clock_skew", Values.duration(Duration.ZERO, MAX_DPOP_CLOCK_SKEW),
                defaults.dpopClockSkew());
        boolean nonce = r.optional("dpop_nonce", Values.bool(), defaults.dpopNonce());
        r.finish();
        return new SenderConstraintConfig(mode, algorithms, maxAge, skew, nonce);
    }

    /**
     * A proof algorithm: one of the issuer algorithms a JDK verifies without extra libraries (EdDSA
     * needs one Portcullis does not ship, so a proof with it could never verify).
     */
    private static String proofAlgorithm(String alg) {
        String checked = Algorithms.check(alg);
        if (!SenderConstraintConfig.DEFAULT_DPOP_ALGORITHMS.contains(checked)) {
            throw new IllegalArgumentException("algorithm '" + alg + "' is not supported for DPoP proofs (allowed: "
                    + String.join(", ", SenderConstraintConfig.DEFAULT_DPOP_ALGORITHMS) + ")");
        }
        return checked;
    }
}
