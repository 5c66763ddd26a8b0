package io.portcullis.policy.criteria;

import java.util.Map;

/**
 * A claim name, possibly a dotted path into nested objects ({@code realm_access.roles}). A claim
 * whose own name contains dots (URL-named claims) is found first by its exact name.
 */
public final class ClaimPath {

    private final String name;
    private final String[] segments;

    private ClaimPath(String name) {
        this.name = name;
        this.segments = name.split("\\.", -1);
    }

    public static ClaimPath of(String name) {
        return new ClaimPath(name);
    }

    /** True when every segment is non-empty, i.e. the path can ever resolve. */
    public boolean isValid() {
        for (String s : segments) {
            if (s.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The value at this path, or null when any step is missing or not an object. */
    public Object read(Map<String, Object> claims) {
        Object exact = claims.get(name);
        if (exact != null || segments.length == 1) {
            return exact;
        }
        Object current = claims;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    public String name() {
        return name;
    }
}
