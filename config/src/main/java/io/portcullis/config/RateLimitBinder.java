package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/** Binds a route's {@code rate_limit: { per, requests, per_seconds, burst }}. */
final class RateLimitBinder {

    private static final long MAX = 1_000_000_000L;

    private RateLimitBinder() {
    }

    static RateLimitConfig bind(Node node, String path, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        String per = r.required("per", Values.string());
        if (per != null && !RateLimitConfig.KEYS.contains(per)) {
            problems.add(r.node("per").orElseThrow().position(), r.path("per"),
                    "expected one of " + String.join(", ", RateLimitConfig.KEYS) + ", got '" + per + "'");
            per = null;
        }
        Long requests = r.required("requests", Values.integer(1, MAX));
        Long perSeconds = r.optional("per_seconds", Values.integer(1, 86_400), 1L);
        Long burst = r.optional("burst", Values.integer(1, MAX), requests);
        r.finish();
        if (per == null || requests == null || burst == null) {
            return null;
        }
        return new RateLimitConfig(per, requests.intValue(), perSeconds.intValue(), burst.intValue(), r.position());
    }
}
