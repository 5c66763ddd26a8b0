package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import java.util.List;
import java.util.Optional;

/**
 * The top level of an included file. It may declare {@code policies}, {@code conditions} and
 * {@code routes} only: listeners, issuers and limits belong to the main file, so that one file
 * says how the proxy runs and team files only say what it guards.
 */
final class IncludedFile {

    static final List<String> KEYS = List.of("policies", "conditions", "routes");

    private IncludedFile() {
    }

    /** A reader of the file's top level, or empty when the file is empty or not a map (a problem). */
    static Optional<MapReader> reader(SourceFile file, Problems problems) {
        if (file.root() instanceof ScalarNode s && s.isNull()) {
            return Optional.empty();
        }
        Optional<MapReader> reader = MapReader.of(file.root(), "", problems);
        if (reader.isPresent()) {
            for (MapNode.Entry e : ((MapNode) file.root()).entries().values()) {
                if (e.key().equals("include")) {
                    problems.add(e.keyPosition(), "include", "only the main file may include other files");
                } else if (!KEYS.contains(e.key())) {
                    problems.add(e.keyPosition(), e.key(), "an included file may only declare "
                            + String.join(", ", KEYS) + "; '" + e.key() + "' belongs in the main file");
                }
            }
        }
        return reader;
    }
}
