package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds a route's {@code identity_headers} (header name → claim name). Names differing only in case
 * are the same HTTP header, so they count as duplicates.
 */
final class IdentityHeadersBinder {

    private IdentityHeadersBinder() {
    }

    static Map<String, String> bind(Node node, String path, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (MapNode.Entry e : r.entries()) {
            String name = e.key();
            String why = HeaderNames.whyNotSettable(name);
            if (why != null) {
                problems.add(e.keyPosition(), r.path(name), why);
                continue;
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add(e.keyPosition(), r.path(name), "header '" + name + "' is set twice (names ignore case)");
                continue;
            }
            String claim = Values.string().read(e.value(), r.path(name), problems);
            if (claim != null) {
                out.put(name, claim);
            }
        }
        return out;
    }
}
