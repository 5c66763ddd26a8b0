package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/**
 * Binds {@code decision_api: { listen, secret_file, secret_header, nginx: { method_header, uri_header,
 * host_header }, login_url }}. The listen address is required: the decision API is off unless asked for.
 */
final class DecisionApiBinder {

    private DecisionApiBinder() {
    }

    static DecisionApiConfig bind(Node node, HostPort dataListen, Problems problems) {
        MapReader r = MapReader.of(node, "decision_api", problems).orElse(null);
        if (r == null) {
            return null;
        }
        HostPort listen = r.required("listen", Values.parsed(HostPortParser::parse));
        if (listen != null && listen.equals(dataListen) && listen.port() != 0) {
            problems.add(r.position(), "decision_api.listen", "must differ from listen (" + listen + ")");
        }
        ClientSecret secret = r.node("secret_file")
                .map(n -> FileValues.secretFromFile(n, r.path("secret_file"), problems)).orElse(null);
        String secretHeader = r.optional("secret_header", headerName(), DecisionApiConfig.DEFAULT_SECRET_HEADER);
        DecisionApiConfig.NginxHeaders nginx = r.node("nginx").map(n -> nginx(n, problems))
                .orElse(DecisionApiConfig.NginxHeaders.defaults());
        String loginUrl = r.optional("login_url", Values.parsed(s -> HttpUrls.parse(s).toString()), null);
        r.finish();
        return listen == null ? null : new DecisionApiConfig(listen, secret, secretHeader, nginx, loginUrl);
    }

    private static DecisionApiConfig.NginxHeaders nginx(Node node, Problems problems) {
        DecisionApiConfig.NginxHeaders d = DecisionApiConfig.NginxHeaders.defaults();
        MapReader r = MapReader.of(node, "decision_api.nginx", problems).orElse(null);
        if (r == null) {
            return d;
        }
        DecisionApiConfig.NginxHeaders h = new DecisionApiConfig.NginxHeaders(
                r.optional("method_header", headerName(), d.method()), r.optional("uri_header", headerName(), d.uri()),
                r.optional("host_header", headerName(), d.host()));
        r.finish();
        return h;
    }

    private static ValueReader<String> headerName() {
        return Values.parsed(s -> {
            if (!HeaderNames.isToken(s)) {
                throw new IllegalArgumentException("'" + s + "' is not a header name");
            }
            return s;
        });
    }
}
