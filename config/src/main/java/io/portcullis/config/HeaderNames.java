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
}
