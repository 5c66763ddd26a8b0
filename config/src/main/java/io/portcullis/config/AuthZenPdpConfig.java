package io.portcullis.config;

import java.net.URI;
import java.time.Duration;

/**
 * One external AuthZEN policy decision point ({@code authzen_pdps.<id>}) that {@code authzen} policy
 * criteria ask. Answers are cached per (subject, action, resource); an unusable answer is never cached.
 *
 * @param id       the name criteria use ({@code authzen: {pdp: <id>}}); also the metric label
 * @param url      the Access Evaluation endpoint itself (e.g. {@code https://pdp/access/v1/evaluation})
 * @param token    a fixed bearer token sent as {@code Authorization}, from {@code token_file} or
 *                 {@code token_env}; null for none
 * @param client   client credentials whose access token is sent instead (fetched, reused until shortly
 *                 before it expires); null for none
 * @param timeout  how long one evaluation may take before the answer is unavailable
 * @param cache    how long answers are kept
 * @param subject  how the AuthZEN {@code subject} is built from the identity
 * @param position where the PDP was declared
 */
public record AuthZenPdpConfig(String id, URI url, ClientSecret token, StreamClientConfig client, Duration timeout,
                               Cache cache, Subject subject, Position position) {

    /** Evaluation time-out unless configured otherwise: short, because a request waits for it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How long answers are cached.
     *
     * @param allow how long a {@code decision: true} is kept
     * @param deny  how long a {@code decision: false} is kept (shorter: a grant should show soon)
     */
    public record Cache(Duration allow, Duration deny) {
        public static Cache defaults() {
            return new Cache(Duration.ofSeconds(60), Duration.ofSeconds(10));
        }
    }

    /**
     * The AuthZEN subject.
     *
     * @param type    {@code subject.type}
     * @param idClaim the identity claim that becomes {@code subject.id} ({@code sub} by default)
     */
    public record Subject(String type, String idClaim) {
        public static Subject defaults() {
            return new Subject("user", "sub");
        }
    }
}
