package io.portcullis.proxy.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of a .dockerignore file, to check that nothing a Dockerfile COPYs is left out of the
 * build context. Follows Docker's rules closely enough for that: patterns are relative to the
 * context root, {@code *} stays within a path segment, {@code **} spans segments, a matching
 * directory excludes everything below it, {@code !} re-includes, and the last matching line wins.
 */
final class DockerIgnore {

    private record Rule(Pattern pattern, boolean include) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("!");
            String p = include ? line.substring(1).strip() : line;
            while (p.startsWith("/") || p.startsWith("./")) {
                p = p.substring(p.startsWith("/") ? 1 : 2);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            rules.add(new Rule(Pattern.compile(toRegex(p)), include));
        }
        return new DockerIgnore(rules);
    }

    /** True when the context path (relative, '/'-separated) is excluded from the build context. */
    boolean excludes(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrParent(rule.pattern(), p)) {
                excluded = !rule.include();
            }
        }
        return excluded;
    }

    private static boolean matchesItselfOrParent(Pattern pattern, String path) {
        String candidate = path;
        while (true) {
            if (pattern.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                // "**/" may also match nothing at all: **/target covers ./target too.
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                sb.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
