package io.portcullis.policy.criteria;

import io.portcullis.policy.Tri;

/**
 * One compiled way of matching a canonical request path; built at compile time, used per request.
 * A pattern that cannot decide (a regex over an over-long path) answers UNKNOWN.
 */
@FunctionalInterface
public interface PathPattern {

    Tri test(String path);

    /** {@code is}: the exact path. */
    static PathPattern exact(String exact) {
        requireSlash(exact);
        return path -> Tri.of(path.equals(exact));
    }

    /**
     * {@code starts_with}: a whole-segment prefix, like routes: {@code /api} matches {@code /api} and
     * {@code /api/x}, never {@code /apix}. A trailing slash in the policy is not significant.
     */
    static PathPattern prefix(String written) {
        requireSlash(written);
        String prefix = written.length() > 1 && written.endsWith("/")
                ? written.substring(0, written.length() - 1) : written;
        if (prefix.equals("/")) {
            return path -> Tri.of(path.startsWith("/"));
        }
        return path -> Tri.of(path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'));
    }

    private static void requireSlash(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("'" + path + "' must start with '/'");
        }
    }
}
