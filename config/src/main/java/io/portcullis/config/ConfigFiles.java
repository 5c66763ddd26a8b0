package io.portcullis.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads file paths named in the config. A relative path is taken from the directory of the config
 * file, so a config and its certificates can move together; the file must be readable at load time,
 * so a typo is a config error rather than a failure at the first connection.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** A readable regular file; relative to the directory of the file the node was read from. */
    static ValueReader<Path> readable() {
        return (node, path, problems) -> {
            String text = Values.string().read(node, path, problems);
            if (text == null) {
                return null;
            }
            Path file;
            try {
                file = baseDir(node.position().file()).resolve(text).normalize();
            } catch (InvalidPathException e) {
                problems.add(node.position(), path, "invalid file name '" + text + "'");
                return null;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                problems.add(node.position(), path, "cannot read file " + file);
                return null;
            }
            return file;
        };
    }

    private static Path baseDir(String configFile) {
        Path parent = configFile == null ? null : Path.of(configFile).toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
