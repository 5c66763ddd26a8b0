package io.portcullis.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads file paths named in the config. A relative path is taken from the directory of the config
 * file that names it (the main file or an included one), never from the working directory, so a
 * config and its certificates and keys can move together and {@code serve} finds the same files
 * whatever directory it is started from. The file must be readable at load time, so a typo is a
 * config error rather than a failure at the first connection.
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
                file = resolve(node.position().file(), text);
            } catch (InvalidPathException e) {
                problems.add(node.position(), path, "invalid file name '" + text + "'");
                return null;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                String resolved = Path.of(text).isAbsolute() ? "" : " (resolved to " + file + ")";
                problems.add(node.position(), path, "cannot read file '" + text + "'" + resolved);
                return null;
            }
            return file;
        };
    }

    /** {@code text} as an absolute path, relative ones taken from {@code configFile}'s directory. */
    static Path resolve(String configFile, String text) {
        return baseDir(configFile).resolve(text).normalize();
    }

    private static Path baseDir(String configFile) {
        Path parent = configFile == null ? null : Path.of(configFile).toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
