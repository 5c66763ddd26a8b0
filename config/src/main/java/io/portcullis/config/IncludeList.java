package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Resolves the main file's {@code include:} list to files, in include order. Each entry is a path
 * relative to the main file's directory; its file name (never a directory) may be a glob, whose
 * matches are taken in name order. A literal path that names no file is a problem; a glob that
 * matches nothing is not, so a team directory may be empty. A file named twice, or the main file
 * itself, is read once.
 */
final class IncludeList {

    /** Bounds the work one load can be made to do. */
    static final int MAX_FILES = 256;

    private static final String GLOB_CHARS = "*?[]{}";

    /** A file to include: its path and the name its problems are reported under. */
    record Entry(Path path, String name) {
    }

    private IncludeList() {
    }

    /**
     * @param mainName the main file's name as problems report it; included names are given relative to it
     * @param mainPath the main file (or where it would be, for parsed text)
     */
    static List<Entry> resolve(MapNode mainRoot, String mainName, Path mainPath, Problems problems) {
        Node node = mainRoot.get("include").orElse(null);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof ListNode list)) {
            problems.add(node.position(), "include", "expected a list of file names, got " + Values.describe(node));
            return List.of();
        }
        Path main = mainPath.toAbsolutePath().normalize();
        Set<Path> seen = new LinkedHashSet<>(List.of(main));
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String path = "include[" + i + "]";
            if (!(item instanceof ScalarNode s) || s.isNull() || s.value().isEmpty()) {
                problems.add(item.position(), path, "expected a file name, got " + Values.describe(item));
                continue;
            }
            for (Entry e : entries(s, path, mainName, main.getParent(), problems)) {
                if (!seen.add(e.path())) {
                    continue;
                }
                if (out.size() == MAX_FILES) {
                    problems.add(s.position(), path, "more than " + MAX_FILES + " files are included");
                    return out;
                }
                out.add(e);
            }
        }
        return out;
    }

    private static List<Entry> entries(ScalarNode s, String path, String mainName, Path baseDir, Problems problems) {
        String text = s.value();
        int slash = text.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : text.substring(0, slash + 1);
        String namePart = text.substring(slash + 1);
        if (containsGlob(dirPart)) {
            problems.add(s.position(), path, "'" + text + "': a glob may only be used in the file name, not in directories");
            return List.of();
        }
        if (namePart.isEmpty()) {
            problems.add(s.position(), path, "'" + text + "' names a directory, not a file");
            return List.of();
        }
        Path dir = baseDir.resolve(dirPart).normalize();
        Path nameDir = Path.of(mainName).resolveSibling(dirPart.isEmpty() ? "." : dirPart);
        if (!containsGlob(namePart)) {
            Path file = dir.resolve(namePart);
            if (!Files.isRegularFile(file)) {
                problems.add(s.position(), path, "'" + text + "': file not found");
                return List.of();
            }
            return List.of(new Entry(file, nameDir.resolve(namePart).normalize().toString()));
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePart);
        } catch (IllegalArgumentException e) {
            problems.add(s.position(), path, "'" + text + "': invalid glob");
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            problems.add(s.position(), path, "'" + text + "': directory not found");
            return List.of();
        }
        boolean hidden = namePart.startsWith(".");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> matcher.matches(f.getFileName()))
                    .filter(f -> hidden || !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(f -> new Entry(f, nameDir.resolve(f.getFileName()).normalize().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(s.position(), path, "'" + text + "': cannot list the directory: " + e.getMessage());
            return List.of();
        }
    }

    private static boolean containsGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (GLOB_CHARS.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
