package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/**
 * Binds {@code decision_api: { listen, secret_file, secret_header, nginx: { method_header, uri_header,
 * host_header }, login_url, tls: {...}, authzen_callers: { issuers, client_certificate } }}. The listen address is required: the decision API is off unless asked for.
 */
final class DecisionApiBinder {

    private DecisionApiBinder() {
    }

    static DecisionApiConfig bind(Node node, HostPort dataListen, java.util.Set<String> issuerIds, Problems problems) {
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
        TlsConfig tls = r.node("tls").map(n -> TlsBinder.bind(n, r.path("tls"), problems)).orElse(null);
        DecisionApiConfig.AuthZenCallers callers = r.node("authzen_callers")
                .map(n -> callers(n, tls, issuerIds, problems)).orElse(null);
        r.finish();
        return listen == null ? null : new DecisionApiConfig(listen, secret, secretHeader, nginx, loginUrl, tls, callers);
    }

    /** {@code authzen_callers: { issuers: [ids], client_certificate: bool }}: at least one way in. */
    private static DecisionApiConfig.AuthZenCallers callers(Node node, TlsConfig tls, java.util.Set<String> issuerIds,
                                                            Problems problems) {
        MapReader r = MapReader.of(node, "decision_api.authzen_callers", problems).orElse(null);
        if (r == null) {
            return null;
        }
        java.util.List<String> issuers = r.optional("issuers", Values.listOf(Values.string()), java.util.List.of());
        for (String id : issuers) {
            if (!issuerIds.contains(id)) {
                problems.add(r.node("issuers").orElseThrow().position(), r.path("issuers"),
                        "unknown issuer '" + id + "'" + (issuerIds.isEmpty() ? "" : " (declared: "
                                + String.join(", ", new java.util.TreeSet<>(issuerIds)) + ")"));
            }
        }
        boolean certificate = r.optional("client_certificate", Values.bool(), false);
        if (certificate && (tls == null || tls.clientAuth() == TlsConfig.ClientAuth.NONE)) {
            problems.add(r.node("client_certificate").orElseThrow().position(), r.path("client_certificate"),
                    "needs decision_api.tls with client_ca_file to verify client certificates");
        }
        if (issuers.isEmpty() && !certificate) {
            problems.add(r.position(), r.path(), "needs issuers or client_certificate: true, else no caller could"
                    + " authenticate");
        }
        r.finish();
        return new DecisionApiConfig.AuthZenCallers(issuers, certificate);
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
