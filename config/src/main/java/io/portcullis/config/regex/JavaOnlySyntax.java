package io.portcullis.config.regex;

/**
 * Finds the java.util.regex constructs that RE2 either lacks (lookaround, atomic groups, possessive
 * quantifiers, backreferences) or accepts with another meaning ({@code \v}, octal {@code \0nn},
 * nested classes and {@code &&} in a class, the flag {@code U}), so that a pattern written for the
 * old engine never loads with a silently different meaning. Only the constructs are located here;
 * RE2/J itself reports plain syntax errors.
 */
final class JavaOnlySyntax {

    private JavaOnlySyntax() {
    }

    /** Why the pattern is refused (the construct, where, and what to write instead), or null. */
    static String find(String re) {
        int n = re.length();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            String problem = null;
            int next = i + 1;
            if (c == '\\') {
                if (i + 1 < n && re.charAt(i + 1) == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    next = end < 0 ? n : end + 2;
                } else {
                    problem = escape(re, i);
                    next = escapeEnd(re, i);
                }
            } else if (c == '[') {
                next = classEnd(re, i);
                problem = classProblem(re, i);
            } else if (c == '(' && i + 1 < n && re.charAt(i + 1) == '?') {
                problem = groupProblem(re, i);
                next = i + 2;
            } else if (c == '*' || c == '+' || c == '?') {
                problem = possessive(re, i + 1);
            } else if (c == '{') {
                int end = countedRepeatEnd(re, i);
                if (end > i) {
                    problem = possessive(re, end);
                    next = end;
                }
            }
            if (problem != null) {
                return problem + " (at index " + i + ")";
            }
            i = next;
        }
        return null;
    }

    private static String possessive(String re, int afterQuantifier) {
        return afterQuantifier < re.length() && re.charAt(afterQuantifier) == '+'
                ? "possessive quantifiers (a++, a*+, a?+, a{2}+) are not supported; RE2 never backtracks,"
                        + " so drop the last +"
                : null;
    }

    private static String groupProblem(String re, int open) {
        int i = open + 2;
        char kind = i < re.length() ? re.charAt(i) : ')';
        char after = i + 1 < re.length() ? re.charAt(i + 1) : ')';
        if (kind == '=' || kind == '!') {
            return "lookahead (?= and (?! is not supported; express the condition as a separate rule";
        }
        if (kind == '<' && (after == '=' || after == '!')) {
            return "lookbehind (?<= and (?<! is not supported; express the condition as a separate rule";
        }
        if (kind == '>') {
            return "atomic groups (?>...) are not supported; RE2 never backtracks, so write (?:...)";
        }
        for (; i < re.length() && (Character.isLetter(re.charAt(i)) || re.charAt(i) == '-'); i++) {
            char flag = re.charAt(i);
            if (flag == 'U') {
                return "the flag U is not supported: java.util.regex reads it as Unicode classes, RE2 as"
                        + " ungreedy; write \\p{L} or \\p{N} for Unicode letters or digits";
            }
            if (flag != 'i' && flag != 'm' && flag != 's' && flag != '-' && (flag != 'P' || i != open + 2)) {
                return "the flag " + flag + " is not supported (RE2 knows i, m and s)";
            }
        }
        return null;
    }

    private static String escape(String re, int backslash) {
        char e = backslash + 1 < re.length() ? re.charAt(backslash + 1) : ' ';
        if (e >= '1' && e <= '9' || e == 'k') {
            return "backreferences (\\1, \\k<name>) are not supported: no linear-time engine can match them";
        }
        return switch (e) {
            case '0' -> "octal escapes (\\0nn) are not supported: RE2 reads \\0377 as \\037 then 7;"
                    + " write \\x{ff}";
            case 'v' -> "\\v is not supported: java.util.regex reads it as any vertical whitespace, RE2 as"
                    + " the vertical tab alone; write [\\n\\x0B\\f\\r] or \\x0B";
            case 'u' -> "\\uhhhh escapes are not supported; write \\x{hhhh}";
            case 'Z' -> "\\Z is not supported; the whole value is matched, so drop it (or write \\z)";
            case 'h' -> "\\h is not supported; list the characters, e.g. [ \\t]";
            default -> null;
        };
    }

    /** Just past an escape; a {@code \p{..}} or {@code \x{..}} is skipped whole. */
    private static int escapeEnd(String re, int backslash) {
        int i = backslash + 2;
        if (i < re.length() && re.charAt(i) == '{' && "pPx".indexOf(re.charAt(backslash + 1)) >= 0) {
            int close = re.indexOf('}', i);
            return close < 0 ? re.length() : close + 1;
        }
        return Math.min(i, re.length());
    }

    private static int firstClassMember(String re, int open) {
        int i = open + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++; // a leading ] is a literal in both dialects
        }
        return i;
    }

    private static String classProblem(String re, int open) {
        for (int i = firstClassMember(re, open); i < re.length() && re.charAt(i) != ']'; ) {
            char c = re.charAt(i);
            if (c == '\\') {
                char e = i + 1 < re.length() ? re.charAt(i + 1) : ' ';
                if (e == 'Q') {
                    return "\\Q...\\E inside a character class is not supported; escape each character";
                }
                String problem = escape(re, i);
                if (problem != null) {
                    return problem;
                }
                i = escapeEnd(re, i);
                continue;
            }
            if (c == '[') {
                return "a [ inside a character class is not supported: java.util.regex reads it as a nested"
                        + " class, RE2 as a POSIX class ([:alpha:]) or a literal; write \\[ or list the members";
            }
            if (c == '&' && i + 1 < re.length() && re.charAt(i + 1) == '&') {
                return "class intersection (&&) is not supported: RE2 reads it as two '&';"
                        + " list the members instead (e.g. [a-df-z] for [a-z&&[^e]])";
            }
            i++;
        }
        return null;
    }

    private static int classEnd(String re, int open) {
        int i = firstClassMember(re, open);
        while (i < re.length() && re.charAt(i) != ']') {
            i = re.charAt(i) == '\\' ? escapeEnd(re, i) : i + 1;
        }
        return Math.min(i + 1, re.length());
    }

    /** Just past {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code open}, or {@code open} itself. */
    private static int countedRepeatEnd(String re, int open) {
        int i = open + 1;
        int digits = 0;
        boolean comma = false;
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '}') {
                return digits > 0 ? i + 1 : open;
            }
            if (c == ',' && !comma && digits > 0) {
                comma = true;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return open;
            }
        }
        return open;
    }
}
