package io.portcullis.proxy.sso;

/**
 * Paths the proxy answers itself, before routing, whatever the routes say: nothing under them is ever
 * forwarded upstream (an upstream must never see a login callback's code, for one).
 */
public final class ReservedPaths {

    public static final String PREFIX = "/.portcullis/";
    public static final String CALLBACK = PREFIX + "callback";
    public static final String LOGOUT = PREFIX + "logout";
    public static final String BACKCHANNEL_LOGOUT = PREFIX + "backchannel-logout";
    public static final String JWKS = "/.well-known/portcullis/jwks.json";
    /** RFC 8935 push delivery of security events; the transmitter's configured id follows. */
    public static final String SSF_PUSH = PREFIX + "ssf/push/";

    private ReservedPaths() {
    }

    public static boolean reserved(String path) {
        return path.startsWith(PREFIX) || path.equals("/.portcullis") || path.equals(JWKS);
    }

    /** Whether the endpoint at {@code path} reads a request body (only the back-channel logout does). */
    public static boolean readsBody(String path) {
        return path.equals(BACKCHANNEL_LOGOUT);
    }
}
