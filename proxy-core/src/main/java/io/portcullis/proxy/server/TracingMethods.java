package io.portcullis.proxy.server;

import io.portcullis.proxy.routing.Route;
import java.util.Locale;

/**
 * TRACE (and TRACK, its old IIS twin) are refused with 405 unless a route names the method in its
 * {@code match.methods}. An upstream that answers TRACE echoes the request it received, headers
 * included: cookies the browser would never let a script read (cross-site tracing), and whatever
 * headers this proxy adds. nginx refuses TRACE the same way. Compared ignoring case, as some
 * upstreams read methods.
 */
public final class TracingMethods {

    private TracingMethods() {
    }

    /** Whether {@code method} on {@code route} is answered 405 here, never forwarded. */
    public static boolean refused(String method, Route route) {
        String upper = method.toUpperCase(Locale.ROOT);
        if (!upper.equals("TRACE") && !upper.equals("TRACK")) {
            return false;
        }
        return !route.config().match().methods().contains(upper);
    }
}
