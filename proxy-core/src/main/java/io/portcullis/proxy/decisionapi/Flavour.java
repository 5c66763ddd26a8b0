package io.portcullis.proxy.decisionapi;

import io.portcullis.config.DecisionApiConfig;
import io.portcullis.policy.RequestHeaders;
import java.util.List;

/**
 * Which proxy is asking, chosen by the path it calls, and where that proxy puts the original request.
 * nginx cannot pass a redirect from {@code auth_request} (anything but 2xx/401/403 is an error there),
 * so its login target travels in a header; Traefik, Caddy and Envoy hand a denial to the client as is,
 * so they get the redirect itself.
 */
public enum Flavour {
    /** nginx {@code auth_request}: {@code GET /nginx} with the original request in configurable headers. */
    NGINX("/nginx", false),
    /** Traefik ForwardAuth: {@code X-Forwarded-Method/-Proto/-Host/-Uri}. */
    TRAEFIK("/traefik", true),
    /** Caddy {@code forward_auth}: the same headers as Traefik. */
    CADDY("/caddy", true),
    /** Envoy {@code ext_authz} HTTP service: the original path appended to {@code /envoy}, original method. */
    ENVOY("/envoy", true);

    /** The header Traefik, Caddy and the login target use for the original scheme. */
    public static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    /** The header nginx's answer carries the login target in, for {@code auth_request_set}. */
    public static final String LOGIN_HEADER = "X-Portcullis-Login";

    private final String path;
    private final boolean redirects;

    Flavour(String path, boolean redirects) {
        this.path = path;
        this.redirects = redirects;
    }

    /** The value of the decision line's {@code via} field and the metric's {@code via} tag. */
    public String via() {
        return "forward-auth:" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a login is answered with a 302 (else a 401 carrying {@link #LOGIN_HEADER}). */
    public boolean redirects() {
        return redirects;
    }

    /** The flavour a request-target (path and query as called) asks for, or null for none. */
    public static Flavour of(String calledTarget) {
        for (Flavour f : values()) {
            if (f == ENVOY ? calledTarget.equals(f.path) || calledTarget.startsWith(f.path + "/")
                    : calledTarget.equals(f.path) || calledTarget.startsWith(f.path + "?")) {
                return f;
            }
        }
        return null;
    }

    /**
     * The original request a trusted caller describes, or null when it left out the method or target
     * (never guessed: a missing target is not {@code /}).
     *
     * @param calledMethod the method the caller used to call us
     * @param calledTarget the request-target the caller called (for Envoy, the prefix and the original target)
     */
    public ForwardedRequest original(String calledMethod, String calledTarget, RequestHeaders headers,
                                     DecisionApiConfig.NginxHeaders nginx) {
        return switch (this) {
            case NGINX -> ForwardedRequest.of(one(headers, nginx.method()), one(headers, nginx.uri()),
                    host(headers, nginx.host()), one(headers, FORWARDED_PROTO));
            case TRAEFIK, CADDY -> ForwardedRequest.of(one(headers, "X-Forwarded-Method"),
                    one(headers, "X-Forwarded-Uri"), host(headers, "X-Forwarded-Host"), one(headers, FORWARDED_PROTO));
            case ENVOY -> ForwardedRequest.of(calledMethod, calledTarget.substring(path.length()),
                    one(headers, "Host"), one(headers, FORWARDED_PROTO));
        };
    }

    private static String host(RequestHeaders headers, String name) {
        String h = one(headers, name);
        return h != null ? h : one(headers, "Host");
    }

    /** The header's value when sent exactly once; twice is as good as absent (which one would we believe?). */
    private static String one(RequestHeaders headers, String name) {
        List<String> values = headers.all(name);
        return values.size() == 1 ? values.get(0) : null;
    }
}
