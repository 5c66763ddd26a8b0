package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys of one YAML map and remembers which were asked for. {@link #finish()} reports every
 * key nobody asked for as unknown, since a misspelt key must never be silently ignored.
 */
final class MapReader {

    private final MapNode map;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private MapReader(MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** A reader of {@code node}, or empty (with a problem recorded) when it is not a map. */
    static Optional<MapReader> of(Node node, String path, Problems problems) {
        if (node instanceof MapNode m) {
            return Optional.of(new MapReader(m, path, problems));
        }
        problems.add(node.position(), path, "expected a map, got " + Values.describe(node));
        return Optional.empty();
    }

    String path() {
        return path;
    }

    Position position() {
        return map.position();
    }

    /** The path of a child key, e.g. {@code routes[0].match} + {@code path} → {@code routes[0].match.path}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Optional<Node> node(String key) {
        known.add(key);
        return map.get(key);
    }

    /** The value, or {@code fallback} when the key is absent or its value has a problem. */
    <T> T optional(String key, ValueReader<T> reader, T fallback) {
        T value = node(key).map(n -> reader.read(n, path(key), problems)).orElse(null);
        return value == null ? fallback : value;
    }

    /** The value, or null when the key is absent (a problem) or its value has a problem. */
    <T> T required(String key, ValueReader<T> reader) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            problems.add(map.position(), path(key), "is required");
            return null;
        }
        return reader.read(n.get(), path(key), problems);
    }

    /** Every entry, for maps whose keys are names chosen by the author (policies, headers). */
    List<MapNode.Entry> entries() {
        known.addAll(map.entries().keySet());
        return new ArrayList<>(map.entries().values());
    }

    /** Reports every key that was never asked for. Call once, after all reads. */
    void finish() {
        problems.asked(path, known);
        for (Map.Entry<String, MapNode.Entry> e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                String hint = KeySuggester.suggest(e.getKey(), known).map(k -> " (did you mean '" + k + "'?)").orElse("");
                problems.add(e.getValue().keyPosition(), path(e.getKey()), "unknown key '" + e.getKey() + "'" + hint);
            }
        }
    }
}
