package io.portcullis.config;

import java.net.URI;
import java.time.Duration;

/**
 * RFC 7662 introspection of opaque (non-JWT) bearer tokens at one issuer.
 *
 * @param endpoint    the introspection endpoint; null means "from the issuer's discovery document"
 * @param cacheMax    longest time an active result is reused (also bounded by the token's {@code exp})
 * @param negativeTtl how long an inactive result is reused
 */
public record IntrospectionConfig(URI endpoint, Duration cacheMax, Duration negativeTtl) {

    public static final Duration DEFAULT_CACHE_MAX = Duration.ofMinutes(5);
    public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(10);
}
