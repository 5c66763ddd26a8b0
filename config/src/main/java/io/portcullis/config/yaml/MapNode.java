package io.portcullis.config.yaml;

import io.portcullis.config.Position;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping with string keys, in file order. Each key keeps its own position so that an
 * unknown or duplicate key is reported where it was typed.
 */
public record MapNode(Map<String, Entry> entries, Position position) implements Node {

    /** One key and its value. */
    public record Entry(String key, Position keyPosition, Node value) {
    }

    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<Node> get(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    @Override
    public String kind() {
        return "a map";
    }
}
