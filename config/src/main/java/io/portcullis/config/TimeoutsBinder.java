package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/** Binds {@code timeouts}; every field is optional and defaults to {@link TimeoutsConfig#defaults()}. */
final class TimeoutsBinder {

    private TimeoutsBinder() {
    }

    static TimeoutsConfig bind(Node node, Problems problems) {
        TimeoutsConfig d = TimeoutsConfig.defaults();
        MapReader r = MapReader.of(node, "timeouts", problems).orElse(null);
        if (r == null) {
            return d;
        }
        TimeoutsConfig out = new TimeoutsConfig(
                r.optional("header_read", Values.positiveDuration(), d.headerRead()),
                r.optional("idle", Values.positiveDuration(), d.idle()),
                r.optional("upstream_connect", Values.positiveDuration(), d.upstreamConnect()),
                r.optional("upstream_response", Values.positiveDuration(), d.upstreamResponse()),
                r.optional("body_read", Values.positiveDuration(), d.bodyRead()));
        r.finish();
        return out;
    }
}
