package io.portcullis.proxy.resource;

import io.portcullis.config.MatchConfig;
import io.portcullis.config.RouteConfig;

/**
 * Where a resource's metadata lives (RFC 9728 §3.1): the well-known path, with the resource's path
 * appended when it has one. A route's resource is the origin plus its {@code path_prefix} (or exact
 * {@code path}); a route matched by host or regex only is the origin itself. The 401 challenges name
 * that URL in {@code resource_metadata} (§5.1).
 */
public final class ResourceMetadataLocation {

    /** The well-known path of protected resource metadata. */
    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private ResourceMetadataLocation() {
    }

    /** Whether {@code path} asks for metadata: the well-known path, alone or with a resource path. */
    public static boolean requested(String path) {
        return path.equals(WELL_KNOWN) || path.startsWith(WELL_KNOWN + "/");
    }

    /** The resource path a metadata request names ({@code ""} for the bare well-known path). */
    public static String resourcePath(String path) {
        return path.substring(WELL_KNOWN.length());
    }

    /** The path of the resource a route protects, {@code ""} when it is the whole origin. */
    static String routePath(RouteConfig route) {
        MatchConfig m = route.match();
        String p = m.path() != null ? m.path() : m.pathPrefix();
        if (p == null || p.equals("/")) {
            return "";
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The metadata URL of the route's resource at {@code origin}, or null when the origin cannot be named safely. */
    public static String url(String origin, RouteConfig route) {
        if (origin == null || !quotable(origin)) {
            return null;
        }
        String path = routePath(route);
        return quotable(path) ? origin + WELL_KNOWN + path : null;
    }

    /** {@code challenge} with the {@code resource_metadata} parameter appended; as is when {@code url} is null. */
    public static String challenge(String challenge, String url) {
        if (url == null) {
            return challenge;
        }
        // A scheme alone ("Bearer") takes its first parameter after a space, later ones after a comma.
        return challenge + (challenge.indexOf(' ') < 0 ? " " : ", ") + "resource_metadata=\"" + url + "\"";
    }

    /** A quoted-string may hold it as is: no quote, backslash, space or control character. */
    private static boolean quotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
