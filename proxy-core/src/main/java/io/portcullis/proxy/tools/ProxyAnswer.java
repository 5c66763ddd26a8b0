package io.portcullis.proxy.tools;

import java.util.Locale;

/** What the proxy would do with a request, in the words of the decision log and of policy tests. */
public enum ProxyAnswer {
    /** Forwarded. */
    ALLOW,
    /** 401 (no or invalid identity) or 403 (policy). */
    DENY,
    /** 401 insufficient_user_authentication: a stronger or fresher login is needed. */
    CHALLENGE,
    /** 400 or 405: the edge refuses the request itself (a path that cannot be made canonical, TRACE). */
    REJECT,
    /** 404: no route takes the request. */
    NO_ROUTE;

    /** {@code allow}, {@code deny}, {@code challenge}, {@code reject}, {@code no-route}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The answer with this label, or null. */
    public static ProxyAnswer byLabel(String label) {
        for (ProxyAnswer a : values()) {
            if (a.label().equals(label)) {
                return a;
            }
        }
        return null;
    }
}
