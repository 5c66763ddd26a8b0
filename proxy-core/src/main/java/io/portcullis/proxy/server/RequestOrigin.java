package io.portcullis.proxy.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.PortcullisConfig;

/**
 * {@code scheme://host[:port]} as the client addressed the proxy, for the {@code htu} of a DPoP proof:
 * {@code sso.external_url} when configured (it is what clients were told), else the listener's scheme
 * and the Host header, a trusted proxy's X-Forwarded-Proto and X-Forwarded-Host taking their place
 * (an untrusted peer's are ignored: it could make a proof for another origin pass). Scheme and host
 * are lower-cased here; the proof's side is normalized by the binding check.
 */
public final class RequestOrigin {

    /** The proof header; without it no origin is needed. */
    static final String DPOP = "DPoP";

    private RequestOrigin() {
    }

    static String of(PortcullisConfig cfg, String listenerScheme, String host, HttpHeaders h, boolean peerTrusted) {
        String configured = configured(cfg);
        if (configured != null) {
            return configured;
        }
        String scheme = listenerScheme;
        String authority = host == null ? "" : host;
        if (peerTrusted) {
            String proto = firstValue(h.get("X-Forwarded-Proto"));
            if ("http".equalsIgnoreCase(proto) || "https".equalsIgnoreCase(proto)) {
                scheme = proto;
            }
            String fwdHost = firstValue(h.get("X-Forwarded-Host"));
            if (fwdHost != null && !fwdHost.isEmpty()) {
                authority = fwdHost;
            }
        }
        return scheme + "://" + authority;
    }

    /**
     * The origin of {@code sso.external_url}, or null when none is configured. Forward-auth calls take
     * it too, so a proof is checked against the same origin whichever way the request came.
     */
    public static String configured(PortcullisConfig cfg) {
        if (cfg.sso() == null || cfg.sso().externalUrl() == null) {
            return null;
        }
        java.net.URI u = cfg.sso().externalUrl();
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    /** The first of a comma-separated list (the client-most proxy's value), trimmed; null stays null. */
    private static String firstValue(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }
}
