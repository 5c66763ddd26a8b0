package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Binds the top-level {@code assertion} block (the ES256 identity assertion sent upstream). */
final class AssertionBinder {

    static final Duration MAX_TTL = Duration.ofHours(1);

    private AssertionBinder() {
    }

    static AssertionConfig bind(Node node, Problems problems) {
        MapReader r = MapReader.of(node, "assertion", problems).orElse(null);
        if (r == null) {
            return null;
        }
        List<Path> keys = r.required("key_file", FileValues.oneOrMoreFiles());
        Duration ttl = r.optional("ttl", Values.duration(Duration.ofSeconds(1), MAX_TTL), AssertionConfig.DEFAULT_TTL);
        String issuer = r.optional("issuer", Values.string(), AssertionConfig.DEFAULT_ISSUER);
        r.finish();
        return keys == null ? null : new AssertionConfig(keys, ttl, issuer, r.position());
    }
}
