package io.portcullis.proxy.decisionapi;

/**
 * The original request as a trusted caller describes it, before canonicalization.
 *
 * @param method the original method
 * @param target the original request-target (path and query), as the client sent it
 * @param host   the original host, "" when unknown
 * @param proto  {@code http} or {@code https}, for a login target to send the browser back to
 */
public record ForwardedRequest(String method, String target, String host, String proto) {

    /** The request, or null when the method or the target is missing. */
    static ForwardedRequest of(String method, String target, String host, String proto) {
        if (method == null || method.isEmpty() || target == null || target.isEmpty()) {
            return null;
        }
        return new ForwardedRequest(method, target, host == null ? "" : host,
                "http".equalsIgnoreCase(proto) ? "http" : "https");
    }
}
