package io.portcullis.config;

import io.portcullis.config.regex.LinearRegex;
import io.portcullis.config.yaml.Node;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Binds a route's {@code match}. A match on nothing would silently catch every request, so it is refused. */
final class MatchBinder {

    private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9])?|\\[[0-9a-f:.]+]");

    private MatchBinder() {
    }

    static MatchConfig bind(Node node, String path, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        String host = r.optional("host", Values.parsed(MatchBinder::host), null);
        String exact = r.optional("path", Values.parsed(MatchBinder::path), null);
        String prefix = r.optional("path_prefix", Values.parsed(MatchBinder::path), null);
        com.google.re2j.Pattern regex = r.optional("path_regex", Values.parsed(LinearRegex::compile), null);
        List<String> methods = r.optional("methods", Values.nonEmptyListOf(Values.parsed(MatchBinder::method)),
                List.of());
        boolean anyCriterion = r.node("host").isPresent() || r.node("path").isPresent()
                || r.node("path_prefix").isPresent() || r.node("path_regex").isPresent();
        if (!anyCriterion) {
            problems.add(r.position(), path, "needs at least one of path, path_prefix, path_regex or host");
        }
        r.finish();
        return new MatchConfig(host, exact, prefix, regex, new LinkedHashSet<>(methods));
    }

    private static String path(String p) {
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        return p;
    }

    private static String host(String h) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("*.")) {
            String suffix = lower.substring(2);
            if (!HOST.matcher(suffix).matches() || suffix.startsWith("[")) {
                throw new IllegalArgumentException("invalid host pattern '" + h
                        + "' (a wildcard is '*.' followed by a host name)");
            }
            return lower;
        }
        if (lower.contains("*")) {
            throw new IllegalArgumentException("invalid host '" + h
                    + "' (the only wildcard allowed is a whole first label: '*.example.com')");
        }
        if (!HOST.matcher(lower).matches()) {
            throw new IllegalArgumentException("invalid host '" + h + "' (a host name without port or scheme)");
        }
        return lower;
    }

    private static String method(String m) {
        if (!HeaderNames.isToken(m)) {
            throw new IllegalArgumentException("invalid method '" + m + "'");
        }
        return m.toUpperCase(Locale.ROOT);
    }
}
