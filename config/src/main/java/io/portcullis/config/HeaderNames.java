package io.portcullis.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for header names written in the config. Portcullis sets identity headers itself, so a name
 * that controls framing, routing or credentials could let a config smuggle or leak requests.
 */
public final class HeaderNames {

    /** RFC 9110 {@code token}. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding",
            "authorization", "cookie");

    /**
     * Headers the proxy itself sets on every forwarded request (request id, client address chain, its
     * identity assertion): a rule naming one would let config forge or hide what the upstream relies on.
     */
    private static final Set<String> PROXY_OWNED = Set.of("x-request-id", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "forwarded", "x-portcullis-assertion", "x-portcullis-identity");

    private HeaderNames() {
    }

    /** Whether {@code s} is an RFC 9110 token, the shape of header names and methods. */
    public static boolean isToken(String s) {
        return s != null && TOKEN.matcher(s).matches();
    }

    /** Why the name cannot be set by Portcullis, or null when it can. */
    static String whyNotSettable(String name) {
        if (!isToken(name)) {
            return "'" + name + "' is not a valid header name";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (HOP_BY_HOP.contains(lower)) {
            return "'" + name + "' is a hop-by-hop header and cannot be set";
        }
        if (RESERVED.contains(lower)) {
            return "'" + name + "' is reserved and cannot be set";
        }
        return null;
    }

    /** Why a request header rule cannot name this header the proxy sets itself, or null when it can. */
    static String whyProxyOwned(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return PROXY_OWNED.contains(lower)
                ? "'" + name + "' is set by Portcullis itself and cannot be named by a header rule" : null;
    }
}
