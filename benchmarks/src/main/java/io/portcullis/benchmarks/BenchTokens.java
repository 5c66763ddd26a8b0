package io.portcullis.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tokens whose claims satisfy every benchmark policy: an admin with MFA, logged in an hour ago, on a
 * compliant, recently patched device. {@code n} makes each one distinct (subject and device).
 */
public final class BenchTokens {

    private BenchTokens() {
    }

    public static String valid(EmbeddedIssuer issuer, JWSAlgorithm alg, int n, Duration lifetime) {
        return signedAs(issuer, issuer.issuerUrl(), alg, n, lifetime);
    }

    /** As {@link #valid}, with {@code iss} set to {@code iss} (an issuer the service may not know). */
    public static String signedAs(EmbeddedIssuer issuer, String iss, JWSAlgorithm alg, int n, Duration lifetime) {
        return builder(issuer, iss, alg, n, lifetime).sign();
    }

    /** As {@link #valid}, bound to a DPoP key: {@code cnf} is {@code {"jkt": thumbprint}} (RFC 9449 §6). */
    public static String dpopBound(EmbeddedIssuer issuer, JWSAlgorithm alg, int n, Duration lifetime, String jkt) {
        return builder(issuer, issuer.issuerUrl(), alg, n, lifetime).claim("cnf", Map.of("jkt", jkt)).sign();
    }

    private static TokenBuilder builder(EmbeddedIssuer issuer, String iss, JWSAlgorithm alg, int n, Duration lifetime) {
        Instant now = Instant.now();
        return issuer.token()
                .issuer(iss)
                .algorithm(alg)
                .subject("user-" + n)
                .claim("email", "user-" + n + "@example.com")
                .claim("groups", List.of("staff", "admins"))
                .claim("amr", List.of("pwd", "otp"))
                .claim("auth_time", now.minus(Duration.ofHours(1)).getEpochSecond())
                .claim("device", Map.of("id", "dev-" + n, "compliant", true, "patch_age_days", 5))
                .issuedAt(now)
                .expiresIn(lifetime);
    }
}
