package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a map section that several files may declare ({@code policies}, {@code conditions}) into one
 * map, in load order. A name declared in two files is a problem at the second, naming the first.
 */
final class MergedSection {

    /** Binds one named entry; may return null when it has problems (already recorded). */
    interface EntryBinder<T> {
        T bind(MapNode.Entry entry, String path, Problems problems);
    }

    private MergedSection() {
    }

    /** Entries whose binding failed map to null, so references to them add no noise. */
    static <T> Map<String, T> bind(List<MapReader> files, String key, String what, EntryBinder<T> binder,
            Problems problems) {
        Map<String, T> out = new LinkedHashMap<>();
        Map<String, Position> declared = new HashMap<>();
        for (MapReader file : files) {
            Node node = file.node(key).orElse(null);
            if (node == null) {
                continue;
            }
            MapReader.of(node, key, problems).ifPresent(section -> {
                for (MapNode.Entry e : section.entries()) {
                    Position first = declared.putIfAbsent(e.key(), e.keyPosition());
                    if (first != null) {
                        problems.add(e.keyPosition(), section.path(e.key()), "duplicate " + what + " '" + e.key()
                                + "' (already declared at " + first + ")");
                        continue;
                    }
                    out.put(e.key(), binder.bind(e, section.path(e.key()), problems));
                }
            });
        }
        return out;
    }
}
