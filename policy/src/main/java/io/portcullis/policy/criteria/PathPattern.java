package io.portcullis.policy.criteria;

/** One compiled way of matching a canonical request path; built at compile time, used per request. */
@FunctionalInterface
public interface PathPattern {

    boolean matches(String path);

    /** {@code is}: the exact path. */
    static PathPattern exact(String path) {
        return path::equals;
    }

    /**
     * {@code starts_with}: a whole-segment prefix, like routes: {@code /api} matches {@code /api} and
     * {@code /api/x}, never {@code /apix}. A trailing slash in the policy is not significant.
     */
    static PathPattern prefix(String written) {
        String prefix = written.length() > 1 && written.endsWith("/")
                ? written.substring(0, written.length() - 1) : written;
        if (prefix.equals("/")) {
            return path -> path.startsWith("/");
        }
        return path -> path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
