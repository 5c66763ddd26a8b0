package io.portcullis.proxy.observe;

/**
 * Minimal JSON string escaping for the few documents the proxy writes itself (decision lines, error
 * bodies). A full JSON library would be one more dependency for three call sites.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code s} as a JSON string literal; null becomes {@code null}. */
    public static StringBuilder quote(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        int plain = plainPrefix(s);
        if (plain == s.length()) {
            // The usual case (ids, paths, reason codes): nothing to escape, copy in one go.
            return sb.append(s).append('"');
        }
        sb.append(s, 0, plain);
        for (int i = plain, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        // A valid pair is one code point: copy both halves as they are.
                        sb.append(c).append(s.charAt(++i));
                    } else if (needsUnicodeEscape(c)) {
                        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /**
     * Control characters; U+2028/2029, which break JavaScript consumers of JSON lines; and every
     * surrogate, so that a lone one (a pair is copied before this is asked) is written as a six-character
     * escape instead of reaching the UTF-8 encoder, which turns every lone surrogate into the same
     * {@code ?} and would make two distinct subjects log the same string.
     */
    private static boolean needsUnicodeEscape(char c) {
        return c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c);
    }

    /** Length of the longest prefix of {@code s} that needs no escaping. */
    private static int plainPrefix(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || needsUnicodeEscape(c)) {
                return i;
            }
        }
        return n;
    }
}
