package io.portcullis.benchmarks;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.fixtures.ExampleConfig;

/**
 * The Portcullis config the benchmarks and the load harness use: one identity issuer, device posture
 * taken from the identity token's {@code device} claim, the documented example policy, and a
 * catch-all route that needs a valid token from a compliant device and forwards identity headers, and
 * the same on {@code /limited} with a per-subject rate limit no load test reaches (the bucket's cost).
 * The load harness and the micro-benchmarks decide with the same config, so their figures compare.
 */
public final class BenchConfig {

    /** The policy of docs/policy.md, plus the one the load test's catch-all route uses. */
    static final String POLICIES = ExampleConfig.POLICIES + """
              compliant-device:
                allow:
                  and:
                    - authenticated: true
                    - device: { compliant: true }
            """;

    private BenchConfig() {
    }

    /**
     * The YAML text. {@code extraRoutes} more routes (never matched by the load test's paths) come
     * before the catch-all, to measure routing over many routes.
     */
    public static String yaml(int listenPort, int adminPort, String issuer, String jwksUri, String upstream,
                              int extraRoutes) {
        StringBuilder sb = new StringBuilder();
        sb.append("listen: 127.0.0.1:").append(listenPort).append('\n');
        sb.append("admin: 127.0.0.1:").append(adminPort).append('\n');
        sb.append("""
                issuers:
                  - id: bench
                    issuer: %s
                    jwks_uri: %s
                    audiences: [portcullis]
                    algorithms: [RS256, ES256]
                device_posture:
                  claims_from_identity_token: device
                mfa_amr_values: [otp, hwk]
                timeouts:
                  idle: 600s
                limits:
                  max_requests_per_connection: 100000000
                routes:
                """.formatted(issuer, jwksUri));
        for (int i = 0; i < extraRoutes; i++) {
            sb.append("  - id: r").append(i).append('\n')
              .append("    match: { path_prefix: /svc").append(i).append(", methods: [GET, POST] }\n")
              .append("    upstream: ").append(upstream).append('\n')
              .append("    policy: admins-on-compliant-devices\n");
        }
        sb.append("""
                  - id: admin
                    match: { path_prefix: /admin }
                    upstream: %1$s
                    policy: admins-on-compliant-devices
                    identity_headers:
                      X-Forwarded-User: sub
                      X-Forwarded-Email: email
                      X-Forwarded-Groups: groups
                  - id: limited
                    match: { path_prefix: /limited }
                    upstream: %1$s
                    policy: compliant-device
                    # Far above any offered rate: each request costs a bucket and none is refused.
                    rate_limit: { per: subject, requests: 10000000 }
                    identity_headers:
                      X-Forwarded-User: sub
                      X-Forwarded-Email: email
                  - id: app
                    match: { path_prefix: / }
                    upstream: %1$s
                    policy: compliant-device
                    identity_headers:
                      X-Forwarded-User: sub
                      X-Forwarded-Email: email
                """.formatted(upstream));
        sb.append(POLICIES);
        return sb.toString();
    }

    /** Parses {@link #yaml}; a problem here is a bug in the benchmark, so it is unchecked. */
    public static PortcullisConfig parse(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "bench.yaml");
        } catch (ConfigException e) {
            throw new IllegalStateException("benchmark config is invalid:\n" + e.getMessage(), e);
        }
    }
}
