package io.portcullis.config;

import java.time.Duration;

/**
 * The warm-up of the request path at start ({@code warmup}): synthetic decisions through the real
 * verifier, claims conversion, compiled policies, identity headers and decision-line rendering, signed
 * by a throwaway issuer no running config trusts, before the listeners open. It spends start-up time so
 * that the first real requests do not run in the interpreter.
 *
 * @param enabled    whether a start warms up ({@code enabled}); a reload never does
 * @param iterations synthetic decisions per signature algorithm (RS256 and ES256) ({@code iterations})
 * @param settle     after its iterations, how long at most the warm-up goes on sending requests through its
 *                   listener while the JIT compilers are still busy with the path ({@code settle}; zero: not at
 *                   all): their work is done before {@code /readyz} says ready instead of under the first load
 */
public record WarmupConfig(boolean enabled, int iterations, Duration settle) {

    /** The default number of decisions per algorithm. */
    public static final int DEFAULT_ITERATIONS = 2000;
    /** The default bound of the settling. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    /**
     * What a config file gets without a {@code warmup} section: on, {@value #DEFAULT_ITERATIONS} per algorithm,
     * settling for at most {@link #DEFAULT_SETTLE}.
     */
    public static WarmupConfig defaults() {
        return new WarmupConfig(true, DEFAULT_ITERATIONS, DEFAULT_SETTLE);
    }

    /** No warm-up: {@code dev} and configs built in code (tests), which start many times. */
    public static WarmupConfig off() {
        return new WarmupConfig(false, DEFAULT_ITERATIONS, DEFAULT_SETTLE);
    }
}
