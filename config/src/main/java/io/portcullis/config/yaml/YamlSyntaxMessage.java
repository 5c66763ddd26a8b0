package io.portcullis.config.yaml;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.Position;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns SnakeYAML's syntax errors into the plain {@code FILE:LINE:COL: message} every other problem
 * uses, in an operator's words rather than the parser's ({@code <block end>}, {@code <stream end>}).
 * Something left open (a bracket, a quote) is reported where it was opened, since that is where the
 * fix goes; anything else where the parser stopped.
 */
final class YamlSyntaxMessage {

    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token.*");
    private static final Pattern ESCAPE = Pattern.compile("found unknown escape character (.)\\(\\d+\\)");
    private static final Pattern FLOW = Pattern.compile("expected ',' or '([}\\]])', but got (.+)");

    private YamlSyntaxMessage() {
    }

    static ConfigProblem of(MarkedYAMLException e, String file) {
        String problem = e.getProblem() == null ? "" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark opened = e.getContextMark();
        String where = opened == null ? "" : (opened.getLine() + 1) + ":" + (opened.getColumn() + 1);
        Matcher m;
        if ((m = FLOW.matcher(problem)).matches()) {
            String open = m.group(1).equals("}") ? "{" : "[";
            if (m.group(2).equals("<stream end>") && opened != null) {
                return problem(file, opened, "'" + open + "' is never closed (a missing '" + m.group(1) + "')");
            }
            return problem(file, at, "expected ',' or '" + m.group(1) + "' in the '" + open + "' opened at " + where
                    + " (a missing '" + m.group(1) + "' or ','?)");
        }
        if (problem.equals("found unexpected end of stream") && context.contains("quoted scalar") && opened != null) {
            return problem(file, opened, "the quoted value is never closed (a missing quote)");
        }
        if (problem.startsWith("found character '\\t(TAB)'")) {
            return problem(file, at, "a tab cannot indent YAML; indent with spaces");
        }
        if ((m = CANNOT_START.matcher(problem)).matches()) {
            return problem(file, at, "a value cannot start with '" + m.group(1) + "'; quote the value");
        }
        if ((m = ESCAPE.matcher(problem)).matches()) {
            return problem(file, at, "unknown escape '\\" + m.group(1)
                    + "' in a double-quoted value (write \\\\ for a backslash, or use single quotes)");
        }
        if (problem.equals("mapping values are not allowed here")) {
            return problem(file, at, "unexpected ':' (quote a value that contains ': ', or check this line's indentation)");
        }
        if (problem.startsWith("expected <block end>")) {
            return problem(file, at, "this line's indentation does not match the block that starts at " + where);
        }
        if (problem.startsWith("found undefined alias")) {
            return problem(file, at, "YAML anchors and aliases are not supported");
        }
        if (problem.startsWith("Global tag is not allowed: ")) {
            return problem(file, at, "YAML tag " + problem.substring("Global tag is not allowed: ".length())
                    + " is not supported");
        }
        return problem(file, at, (problem.isEmpty() ? "syntax error" : problem)
                .replace("<stream end>", "the end of the file")
                .replace("<block end>", "the end of the indented block")
                .replace("'<block mapping start>'", "a new key")
                .replace("<block mapping start>", "a new key"));
    }

    private static ConfigProblem problem(String file, Mark mark, String message) {
        Position p = mark == null ? new Position(file, 1, 1)
                : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
        return new ConfigProblem(p, "invalid YAML: " + message);
    }
}
