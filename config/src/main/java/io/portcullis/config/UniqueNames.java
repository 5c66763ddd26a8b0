package io.portcullis.config;

import java.util.HashMap;
import java.util.Map;

/** Reports a name used twice in one list (issuer ids, route ids), naming where it was first used. */
final class UniqueNames {

    private final String what;
    private final Map<String, String> firstPath = new HashMap<>();

    UniqueNames(String what) {
        this.what = what;
    }

    /** True when {@code name} was not seen before; otherwise records a problem. */
    boolean claim(String name, Position position, String path, Problems problems) {
        String previous = firstPath.putIfAbsent(name, path);
        if (previous != null) {
            problems.add(position, path, "duplicate " + what + " '" + name + "' (already used by " + previous + ")");
            return false;
        }
        return true;
    }
}
