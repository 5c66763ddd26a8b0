package io.portcullis.proxy.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository checkout the tests run in. Surefire starts in the module directory, an IDE may
 * start anywhere below the root, so the root is found by walking up to the reactor pom.
 */
final class RepoFiles {

    private static final Path ROOT = findRoot();

    private RepoFiles() {
    }

    static Path root() {
        return ROOT;
    }

    /** A path relative to the repository root; a leading "./" is allowed, as compose writes it. */
    static Path path(String relative) {
        String clean = relative.startsWith("./") ? relative.substring(2) : relative;
        return ROOT.resolve(clean).normalize();
    }

    static boolean exists(String relative) {
        Path p = path(relative);
        return p.startsWith(ROOT) && Files.exists(p);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("proxy-core"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (pom.xml beside proxy-core/) above "
                + Path.of("").toAbsolutePath());
    }
}
