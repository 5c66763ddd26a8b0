package io.portcullis.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Reports a name used twice in one list (issuer ids, route ids), naming where it was first used, and
 * in which file when that was another one.
 */
final class UniqueNames {

    private final String what;
    private final Map<String, String> firstPath = new HashMap<>();
    private final Map<String, Position> firstPosition = new HashMap<>();

    UniqueNames(String what) {
        this.what = what;
    }

    /** True when {@code name} was not seen before; otherwise records a problem. */
    boolean claim(String name, Position position, String path, Problems problems) {
        String previous = firstPath.putIfAbsent(name, path);
        Position previousAt = firstPosition.putIfAbsent(name, position);
        if (previous != null) {
            // A path like routes[0] is ambiguous once several files declare routes.
            String where = previousAt.file().equals(position.file()) ? "" : " at " + previousAt;
            problems.add(position, path, "duplicate " + what + " '" + name + "' (already used by " + previous + where
                    + ")");
            return false;
        }
        return true;
    }
}
