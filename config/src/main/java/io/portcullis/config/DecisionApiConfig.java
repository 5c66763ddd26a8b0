package io.portcullis.config;

/**
 * The decision API listener ({@code decision_api:}): where other proxies (nginx {@code auth_request},
 * Traefik ForwardAuth, Caddy {@code forward_auth}, Envoy {@code ext_authz}) ask for a decision. A
 * listener of its own, never the data port, so a client of the proxy can never call it.
 *
 * @param listen       where it listens; keep it on a private interface
 * @param secret       a shared secret a caller may present in {@code secretHeader} instead of being in
 *                     {@code trusted_proxies}, or null for none
 * @param secretHeader the header that carries {@code secret}
 * @param nginx        the header names the nginx flavour reads the original request from
 * @param loginUrl     where a browser is sent when it has no identity on a {@code login: true} route
 *                     (the original URL is appended as {@code rd}), or null for none
 * @param tls          TLS (and client certificates) on this listener, the data listener's keys; null for
 *                     cleartext
 * @param callers      how AuthZEN callers must authenticate; null: as forward-auth callers (trusted
 *                     proxies or the shared secret)
 */
public record DecisionApiConfig(HostPort listen, ClientSecret secret, String secretHeader, NginxHeaders nginx,
                                String loginUrl, TlsConfig tls, AuthZenCallers callers) {

    /** Without TLS and with AuthZEN callers trusted as forward-auth callers. */
    public DecisionApiConfig(HostPort listen, ClientSecret secret, String secretHeader, NginxHeaders nginx,
                             String loginUrl) {
        this(listen, secret, secretHeader, nginx, loginUrl, null, null);
    }

    /**
     * The credentials an AuthZEN caller must present ({@code decision_api.authzen_callers}); any one of
     * them will do, nothing else (not an address in {@code trusted_proxies}, not the shared secret).
     *
     * @param issuers           ids of the issuers whose access tokens (verified as the proxy verifies
     *                          them: signature, audience, expiry) authenticate a caller; empty for none
     * @param clientCertificate whether a client certificate that {@code decision_api.tls.client_ca_file}
     *                          verified authenticates a caller
     */
    public record AuthZenCallers(java.util.List<String> issuers, boolean clientCertificate) {
        public AuthZenCallers {
            issuers = java.util.List.copyOf(issuers);
        }
    }

    /** The header a caller's shared secret is read from unless configured otherwise. */
    public static final String DEFAULT_SECRET_HEADER = "X-Portcullis-Caller-Secret";

    /**
     * The request headers the nginx flavour takes the original request from ({@code proxy_set_header}).
     *
     * @param method the original method ({@code $request_method})
     * @param uri    the original request-target ({@code $request_uri})
     * @param host   the original host ({@code $host})
     */
    public record NginxHeaders(String method, String uri, String host) {
        public static NginxHeaders defaults() {
            return new NginxHeaders("X-Original-Method", "X-Original-URI", "X-Original-Host");
        }
    }
}
