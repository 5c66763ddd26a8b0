package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.nio.file.Path;

/**
 * Binds a route's transport keys: {@code websocket}, {@code websocket_token_expiry}, {@code live_expiry} and the upstream
 * {@code tls} map, which only an {@code https} upstream may have.
 */
final class RouteTransportBinder {

    private RouteTransportBinder() {
    }

    static RouteTransportConfig bind(MapReader route, URI upstream, Problems problems) {
        boolean websocket = route.optional("websocket", Values.bool(), false);
        boolean expiry = route.optional("websocket_token_expiry", Values.bool(), false);
        if (expiry && !websocket) {
            problems.add(route.node("websocket_token_expiry").orElseThrow().position(),
                    route.path("websocket_token_expiry"), "needs websocket: true");
        }
        // On by default: a connection must not outlive the credential it was allowed with (Zero Trust);
        // a route whose long downloads must survive a short token opts out.
        boolean liveExpiry = route.optional("live_expiry", Values.bool(), true);
        UpstreamTlsConfig tls = route.node("tls").map(n -> upstreamTls(n, route.path("tls"), problems))
                .orElse(null);
        if (tls != null && upstream != null && !"https".equalsIgnoreCase(upstream.getScheme())) {
            problems.add(route.node("tls").orElseThrow().position(), route.path("tls"),
                    "needs an https:// upstream");
        }
        return new RouteTransportConfig(websocket, expiry, tls, liveExpiry);
    }

    private static UpstreamTlsConfig upstreamTls(Node node, String path, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        Path ca = r.optional("ca_file", ConfigFiles.readable(), null);
        Path cert = r.optional("cert_file", ConfigFiles.readable(), null);
        Path key = r.optional("key_file", ConfigFiles.readable(), null);
        if (r.node("cert_file").isPresent() != r.node("key_file").isPresent()) {
            problems.add(r.position(), path, "cert_file and key_file go together");
        }
        String serverName = r.optional("server_name", Values.string(), null);
        boolean insecure = r.optional("insecure_skip_verify", Values.bool(), false);
        r.finish();
        return new UpstreamTlsConfig(ca, cert, key, serverName, insecure);
    }
}
