package io.portcullis.proxy.tools.explain;

import io.portcullis.config.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of one YAML entry as the author wrote it, read back from the file at a node's position:
 * from the column to the end of the entry on that line (a closing bracket or comma of an enclosing
 * flow collection ends it).
 */
final class SourceSnippet {

    private static final int MAX_CHARS = 70;

    private final Map<String, List<String>> files = new HashMap<>();

    String at(Position position) {
        List<String> lines = files.computeIfAbsent(position.file(), SourceSnippet::read);
        if (position.line() < 1 || position.line() > lines.size()) {
            return "";
        }
        String line = lines.get(position.line() - 1);
        int start = Math.min(Math.max(position.column() - 1, 0), line.length());
        return clip(entry(line, start));
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // Only a display aid: a file that moved since loading just shows no text.
            return List.of();
        }
    }

    static String entry(String line, int start) {
        int depth = 0;
        boolean quoted = false;
        char quote = 0;
        int i = start;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                quoted = c != quote;
                continue;
            }
            if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            } else if (c == '#' && i > 0 && line.charAt(i - 1) == ' ') {
                break;
            }
        }
        return line.substring(start, i).trim();
    }

    private static String clip(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 3) + "...";
    }
}
