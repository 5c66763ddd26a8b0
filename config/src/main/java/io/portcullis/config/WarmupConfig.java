package io.portcullis.config;

/**
 * The warm-up of the request path at start ({@code warmup}): synthetic decisions through the real
 * verifier, claims conversion, compiled policies, identity headers and decision-line rendering, signed
 * by a throwaway issuer no running config trusts, before the listeners open. It spends start-up time so
 * that the first real requests do not run in the interpreter.
 *
 * @param enabled    whether a start warms up ({@code enabled}); a reload never does
 * @param iterations synthetic decisions per signature algorithm (RS256 and ES256) ({@code iterations})
 */
public record WarmupConfig(boolean enabled, int iterations) {

    /** The default number of decisions per algorithm. */
    public static final int DEFAULT_ITERATIONS = 2000;

    /** What a config file gets without a {@code warmup} section: on, {@value #DEFAULT_ITERATIONS} per algorithm. */
    public static WarmupConfig defaults() {
        return new WarmupConfig(true, DEFAULT_ITERATIONS);
    }

    /** No warm-up: {@code dev} and configs built in code (tests), which start many times. */
    public static WarmupConfig off() {
        return new WarmupConfig(false, DEFAULT_ITERATIONS);
    }
}
