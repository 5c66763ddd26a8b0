package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/** Binds {@code limits}; every field is optional and defaults to {@link LimitsConfig#defaults()}. */
final class LimitsBinder {

    private static final long INT_MAX = Integer.MAX_VALUE;

    private LimitsBinder() {
    }

    static LimitsConfig bind(Node node, Problems problems) {
        LimitsConfig d = LimitsConfig.defaults();
        MapReader r = MapReader.of(node, "limits", problems).orElse(null);
        if (r == null) {
            return d;
        }
        LimitsConfig out = new LimitsConfig(
                r.optional("max_header_bytes", Values.byteSize(1, INT_MAX), (long) d.maxHeaderBytes()).intValue(),
                r.optional("max_uri_length", Values.byteSize(1, INT_MAX), (long) d.maxUriLength()).intValue(),
                r.optional("max_headers", Values.integer(1, INT_MAX), (long) d.maxHeaders()).intValue(),
                r.optional("max_body_bytes", Values.byteSize(0, Long.MAX_VALUE), d.maxBodyBytes()),
                r.optional("max_requests_per_connection", Values.integer(1, INT_MAX),
                        (long) d.maxRequestsPerConnection()).intValue(),
                r.optional("max_identity_header_bytes", Values.byteSize(1, INT_MAX),
                        (long) d.maxIdentityHeaderBytes()).intValue());
        r.finish();
        return out;
    }
}
