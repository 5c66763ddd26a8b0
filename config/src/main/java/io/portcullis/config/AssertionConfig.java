package io.portcullis.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The signed identity assertion Portcullis sends upstream on routes with an {@code assertion_header}.
 *
 * @param keyFiles PEM files with EC P-256 private keys; the first signs, all are published in
 *                 {@code /.well-known/portcullis/jwks.json} (so a key can be rotated in before it signs)
 * @param ttl      lifetime of one assertion
 * @param issuer   its {@code iss}
 */
public record AssertionConfig(List<Path> keyFiles, Duration ttl, String issuer, Position position) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final String DEFAULT_ISSUER = "portcullis";

    public AssertionConfig {
        keyFiles = List.copyOf(keyFiles);
    }
}
