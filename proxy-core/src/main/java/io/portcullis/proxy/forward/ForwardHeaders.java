package io.portcullis.proxy.forward;

import io.netty.util.AsciiString;

/**
 * Names of the headers the forward path sets or removes, as cached {@link AsciiString}s: Netty hashes
 * and validates a {@code String} name on every call, and a forwarded request touches some thirty
 * names.
 */
public final class ForwardHeaders {

    /** Carries the request id to the upstream and back to the client. */
    public static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");
    /** The client-address chain. */
    public static final AsciiString XFF = AsciiString.cached("X-Forwarded-For");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");

    /** Headers a client may use to make an app act on another path or method than the one authorized. */
    static final AsciiString[] OVERRIDE = names(
        "X-Original-URL", "X-Rewrite-URL", "X-Original-URI", "X-Override-URL",
        "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    /** Client-address headers only a trusted proxy may set. */
    static final AsciiString[] ADDRESS = names(
        "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "Forwarded",
        "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix");

    private ForwardHeaders() {
    }

    private static AsciiString[] names(String... names) {
        AsciiString[] cached = new AsciiString[names.length];
        for (int i = 0; i < names.length; i++) {
            cached[i] = AsciiString.cached(names[i]);
        }
        return cached;
    }
}
