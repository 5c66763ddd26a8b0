package io.portcullis.policy;

/**
 * A compiled, immutable policy. Thread-safe; evaluation does no I/O.
 */
public interface Policy {

    String id();

    /**
     * Decides in this order: {@code deny} (fires on TRUE or UNKNOWN) → DENY; {@code allow} not TRUE
     * → DENY; {@code require} not met → CHALLENGE; a {@code challenge} rule whose {@code when} is not
     * FALSE and whose requirements are not met → CHALLENGE; otherwise ALLOW. A CHALLENGE carries the
     * {@link StepUp} the new login must meet.
     */
    Decision evaluate(PolicyInput input);

    /**
     * True when the policy can allow a request that carries no identity ({@code public: true}); the
     * proxy then does not answer 401 for a missing token.
     */
    boolean allowsAnonymous();

    /**
     * True for a policy with {@code mode: shadow}: it is only evaluated beside a route's enforced
     * policy, to compare decisions ({@link ShadowComparison}), and never decides a request.
     */
    default boolean isShadow() {
        return false;
    }

    /**
     * What the policy's {@code authzen} criteria ask external PDPs, in the order written, without
     * duplicates; the access pipeline fetches the answers before {@link #evaluate}. Empty for most.
     */
    default java.util.List<PdpQuery> pdpQueries() {
        return java.util.List.of();
    }

    /**
     * True when a rule of the policy tests a {@code risk} signal, so the proxy must compute risk facts
     * (and keep the history they come from) for it. True unless the policy knows it never does.
     */
    default boolean readsRisk() {
        return true;
    }
}
