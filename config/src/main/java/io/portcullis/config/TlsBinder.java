package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Binds a listener's {@code tls} map (the top level's, or {@code decision_api.tls}). {@code client_auth} defaults to {@code optional} when
 * {@code client_ca_file} is set and to {@code none} otherwise; asking for client certificates without a
 * CA to check them is an error.
 */
final class TlsBinder {

    private TlsBinder() {
    }

    static TlsConfig bind(Node node, Problems problems) {
        return bind(node, "tls", problems);
    }

    /** The same keys under another listener's {@code path} ({@code decision_api.tls}). */
    static TlsConfig bind(Node node, String path, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        Path cert = r.required("cert_file", ConfigFiles.readable());
        Path key = r.required("key_file", ConfigFiles.readable());
        String min = r.optional("min_version", Values.string(), TlsConfig.TLS_1_2);
        if (!min.equals(TlsConfig.TLS_1_2) && !min.equals(TlsConfig.TLS_1_3)) {
            problems.add(r.node("min_version").orElseThrow().position(), r.path("min_version"),
                    "must be TLSv1.2 or TLSv1.3, got '" + min + "'");
        }
        Path ca = r.optional("client_ca_file", ConfigFiles.readable(), null);
        TlsConfig.ClientAuth auth = r.optional("client_auth", TlsBinder::clientAuth,
                ca != null ? TlsConfig.ClientAuth.OPTIONAL : TlsConfig.ClientAuth.NONE);
        if (auth != TlsConfig.ClientAuth.NONE && ca == null && r.node("client_ca_file").isEmpty()) {
            problems.add(r.node("client_auth").orElseThrow().position(), r.path("client_auth"),
                    "needs client_ca_file to verify client certificates");
        }
        r.finish();
        if (cert == null || key == null) {
            return null;
        }
        return new TlsConfig(cert, key, min, auth == TlsConfig.ClientAuth.NONE ? null : ca, auth);
    }

    private static TlsConfig.ClientAuth clientAuth(Node node, String path, Problems problems) {
        String text = Values.string().read(node, path, problems);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "none", "optional", "required" -> TlsConfig.ClientAuth.valueOf(text.toUpperCase(Locale.ROOT));
            default -> {
                problems.add(node.position(), path, "must be none, optional or required, got '" + text + "'");
                yield null;
            }
        };
    }
}
