package io.portcullis.policy.values;

import io.portcullis.config.yaml.Node;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a policy regex once, refusing the shapes that make Java's backtracking matcher take
 * exponential time on a crafted input (ReDoS): a repeated group that itself contains a quantifier
 * or an alternation ({@code (a+)+}, {@code (a|aa)*}), and backreferences. What is accepted is
 * matched against the whole value ({@link java.util.regex.Matcher#matches()}), only for values up
 * to {@link #MAX_INPUT} characters and within {@link #MAX_STEPS} character reads.
 */
public final class SafeRegex {

    /** Longer values are not matched at all (UNKNOWN): a bound on the worst-case polynomial cost. */
    public static final int MAX_INPUT = 2048;

    /** Characters one match may read, a few milliseconds of work; past it the answer is UNKNOWN. */
    public static final long MAX_STEPS = 1_000_000;

    private SafeRegex() {
    }

    /** Per group: did it contain a quantifier or an alternation so far. */
    private static final class Group {
        boolean quantified;
        boolean alternation;
    }

    public static Pattern compile(Node node, String what) {
        String regex = RuleNodes.string(node, what);
        String problem = riskyShape(regex);
        if (problem != null) {
            throw new InvalidRule(node.position(), what + ": " + problem);
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidRule(node.position(), what + ": invalid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** A description of why the pattern is refused, or null when it is safe to run. */
    static String riskyShape(String regex) {
        Deque<Group> groups = new ArrayDeque<>();
        groups.push(new Group());
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            int atomEnd;
            if (c == '\\') {
                char next = i + 1 < n ? regex.charAt(i + 1) : ' ';
                if (next >= '1' && next <= '9' || next == 'k') {
                    return "backreferences are not supported";
                }
                atomEnd = escapeEnd(regex, i);
            } else if (c == '[') {
                atomEnd = skipClass(regex, i);
            } else if (c == '(') {
                groups.push(new Group());
                i = skipGroupHeader(regex, i + 1);
                continue;
            } else if (c == '|') {
                groups.peek().alternation = true;
                i++;
                continue;
            } else if (c == ')' && groups.size() > 1) {
                Group closed = groups.pop();
                int after = quantifierEnd(regex, i + 1);
                boolean repeated = after > i + 1 && repeats(regex, i + 1);
                if (repeated && (closed.quantified || closed.alternation)) {
                    return "a repeated group containing a quantifier or an alternation (like (a+)+ or (a|b)*)"
                            + " can take exponential time; rewrite it without nesting";
                }
                Group parent = groups.peek();
                parent.quantified |= closed.quantified || after > i + 1;
                parent.alternation |= closed.alternation;
                i = after;
                continue;
            } else {
                atomEnd = i + 1;
            }
            int after = quantifierEnd(regex, atomEnd);
            if (after > atomEnd) {
                groups.peek().quantified = true;
            }
            i = after;
        }
        return null;
    }

    /** End of an escape: {@code \Q..\E}, a {@code \p} property, or a single escaped character. */
    private static int escapeEnd(String regex, int i) {
        int n = regex.length();
        char next = i + 1 < n ? regex.charAt(i + 1) : ' ';
        if (next == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? n : end + 2;
        }
        if ((next == 'p' || next == 'P') && i + 2 < n && regex.charAt(i + 2) == '{') {
            int end = regex.indexOf('}', i + 2);
            return end < 0 ? n : end + 1;
        }
        return Math.min(i + 2, n);
    }

    /** Skips what follows an opening parenthesis: {@code ?:}, {@code ?=}, {@code ?<name>}, {@code ?i:}... */
    private static int skipGroupHeader(String regex, int i) {
        int n = regex.length();
        if (i >= n || regex.charAt(i) != '?') {
            return i;
        }
        i++;
        if (i + 1 < n && regex.charAt(i) == '<' && regex.charAt(i + 1) != '=' && regex.charAt(i + 1) != '!') {
            int end = regex.indexOf('>', i);
            return end < 0 ? n : end + 1;
        }
        while (i < n && (Character.isLetter(regex.charAt(i)) || regex.charAt(i) == '-')) {
            i++;
        }
        if (i < n && regex.charAt(i) == '<') {
            i++;
        }
        if (i < n && ":=!>".indexOf(regex.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Index just past a quantifier starting at {@code i} (with its lazy/possessive suffix), or i. */
    private static int quantifierEnd(String regex, int i) {
        if (i >= regex.length()) {
            return i;
        }
        char c = regex.charAt(i);
        int end;
        if (c == '*' || c == '+' || c == '?') {
            end = i + 1;
        } else if (c == '{' && regex.indexOf('}', i) > i && regex.substring(i + 1, regex.indexOf('}', i))
                .matches("\\d+(,\\d*)?")) {
            end = regex.indexOf('}', i) + 1;
        } else {
            return i;
        }
        if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
            end++;
        }
        return end;
    }

    /** Whether the quantifier at {@code i} can repeat more than once ({@code *}, {@code +}, {@code {2,}}). */
    private static boolean repeats(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '*' || c == '+') {
            return true;
        }
        if (c == '{') {
            String body = regex.substring(i + 1, regex.indexOf('}', i));
            int comma = body.indexOf(',');
            String upper = comma < 0 ? body : body.substring(comma + 1);
            return upper.isEmpty() || Integer.parseInt(upper) > 1;
        }
        return false;
    }

    private static int skipClass(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ] is a literal
        }
        int depth = 1;
        while (i < regex.length() && depth > 0) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            i++;
        }
        return i;
    }
}
