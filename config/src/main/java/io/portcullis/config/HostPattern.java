package io.portcullis.config;

/**
 * A route's {@code match.host}: an exact host, or {@code *.suffix} where {@code *} stands for
 * exactly one non-empty label. {@code *.apps.example} matches {@code a.apps.example} but neither
 * {@code apps.example} nor {@code a.b.apps.example}. Comparison ignores ASCII case only, so a
 * Unicode look-alike (the Kelvin sign for {@code k}) never matches. Matching does not allocate.
 *
 * @param text the pattern, lower case, as validated by the config loader
 */
public record HostPattern(String text) {

    /** Whether the pattern has a leading wildcard label. */
    public boolean isWildcard() {
        return text.startsWith("*.");
    }

    /** @param host the request host without port; case does not matter */
    public boolean matches(String host) {
        if (host == null) {
            return false;
        }
        if (!isWildcard()) {
            return equalsAsciiIgnoreCase(host, 0, text, 0, text.length()) && host.length() == text.length();
        }
        int suffix = text.length() - 1; // ".apps.example"
        int labelEnd = host.length() - suffix;
        if (labelEnd < 1 || !equalsAsciiIgnoreCase(host, labelEnd, text, 1, suffix)) {
            return false;
        }
        return host.lastIndexOf('.', labelEnd - 1) < 0;
    }

    /** Whether every host this pattern matches is also matched by {@code other}. */
    public boolean isCoveredBy(HostPattern other) {
        if (other.isWildcard()) {
            return isWildcard() ? text.equals(other.text) : other.matches(text);
        }
        return !isWildcard() && text.equals(other.text);
    }

    private static boolean equalsAsciiIgnoreCase(String a, int aFrom, String b, int bFrom, int length) {
        if (aFrom + length > a.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(a.charAt(aFrom + i)) != lower(b.charAt(bFrom + i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    @Override
    public String toString() {
        return text;
    }
}
