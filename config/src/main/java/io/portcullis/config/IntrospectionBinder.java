package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.time.Duration;

/** Binds an issuer's {@code introspection} block (RFC 7662 for opaque tokens). */
final class IntrospectionBinder {

    static final Duration MAX_CACHE = Duration.ofHours(1);

    private IntrospectionBinder() {
    }

    static IntrospectionConfig bind(Node node, String path, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        URI endpoint = r.optional("endpoint", Values.parsed(HttpUrls::parse), null);
        Duration cacheMax = r.optional("cache_max", Values.duration(Duration.ofSeconds(1), MAX_CACHE),
                IntrospectionConfig.DEFAULT_CACHE_MAX);
        Duration negativeTtl = r.optional("negative_ttl", Values.duration(Duration.ZERO, MAX_CACHE),
                IntrospectionConfig.DEFAULT_NEGATIVE_TTL);
        r.finish();
        return new IntrospectionConfig(endpoint, cacheMax, negativeTtl);
    }
}
